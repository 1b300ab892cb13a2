#!/usr/bin/env node
// Builds the sample site, then serves demo/dist on localhost with Node's own
// http module: static files only, directory URLs → index.html, a real 404
// page. PORT (default 8080) is tried first, then the next ports up.
// Run by `npm start` after `npm run build` has written dist/readnext.min.js.
// DEMO_CONTENT=dir builds from another content folder, DEMO_OUT=dir into another output folder.
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildDemo } from './build-demo.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

/** Maps a request path to a file inside root, or null (never escapes root). */
export function resolvePath(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) return null;
  if (existsSync(file) && statSync(file).isDirectory()) {
    // /articles/x → /articles/x/ is a redirect, so relative links keep working.
    if (!path.endsWith('/')) return { redirect: true };
    const index = join(file, 'index.html');
    return existsSync(index) ? { file: index } : null;
  }
  return existsSync(file) ? { file } : null;
}

export function createDemoServer(root) {
  const notFound = join(root, '404.html');
  return createServer((req, res) => {
    const send = (status, file, headers = {}) => {
      const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff', ...headers });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      return res.end('Method not allowed\n');
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const hit = resolvePath(root, url.pathname);
    if (hit?.redirect) {
      res.writeHead(301, { Location: `${url.pathname}/${url.search}` });
      return res.end();
    }
    if (hit?.file) return send(200, hit.file);
    if (existsSync(notFound)) return send(404, notFound);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found\n');
  });
}

function listen(server, port, attemptsLeft) {
  return new Promise((resolvePort, reject) => {
    const onError = (error) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE' && attemptsLeft > 0) resolvePort(listen(server, port + 1, attemptsLeft - 1));
      else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolvePort(server.address().port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, HOST);
  });
}

// Loopback only unless HOST says otherwise (e.g. HOST=0.0.0.0 inside a container).
const HOST = process.env.HOST || '127.0.0.1';

/** Builds the site, then serves it; resolves to the port it listens on. */
export async function serveDemo({ port = 8080, buildOptions = {} } = {}) {
  const { outDir } = buildDemo(buildOptions);
  const server = createDemoServer(resolve(outDir));
  try {
    return { server, port: await listen(server, port, 20) };
  } catch (error) {
    throw new Error(`could not listen on ports ${port}–${port + 20}: ${error.message}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const requested = Number.parseInt(process.env.PORT ?? '', 10);
  const port = Number.isInteger(requested) && requested >= 0 && requested < 65536 ? requested : 8080;
  try {
    const { port: actual } = await serveDemo({ port, buildOptions: { contentDir: process.env.DEMO_CONTENT || undefined, outDir: process.env.DEMO_OUT || undefined } });
    console.log(`readnext demo: http://localhost:${actual}/`);
  } catch (error) {
    console.error(`serve-demo: ${error.message}`);
    process.exit(1);
  }
}
