// Browser tests in Debian's Chromium and Firefox ESR (puppeteer drives Firefox
// over WebDriver BiDi; nothing is downloaded: PUPPETEER_SKIP_DOWNLOAD=1). Set
// BROWSERS=chromium or BROWSERS=firefox to run one. The middleware serves the
// element fixtures under /api/manifest/ and counts requests per `key`, so tests
// can assert "five elements, one request" and provoke 404s, bad JSON, HTML
// pages, BOMs, wrong types, hanging and slow answers without a second server.
import { readFile } from 'node:fs/promises';
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumLaunchOptions } from './chromium.config.mjs';

const FIXTURES = new URL('./test/fixtures/elements/', import.meta.url);
const ROOT = new URL('./', import.meta.url);
const requests = new Map();

/**
 * GET /api/manifest/<name>?key=K[&...]  serves test/fixtures/elements/<name>.json
 *   and counts the request under K. Query flags pick a failure (first match wins):
 *     &delay=MS       wait MS milliseconds before answering (combines with all below)
 *     &fail=N         answer the first N requests of K with `status` (default 503),
 *                     then serve normally: retries and backoff
 *     &status=N       answer every request with status N and a text body
 *     &hang           never answer; the request ends only when the client aborts
 *                     (or the server stops: no timer, shutdown is not blocked)
 *     &malformed      truncated JSON, 200 application/json
 *     &html           an HTML error page, 200 text/html (a captive portal, a CDN 200)
 *     &bom            the JSON preceded by a UTF-8 BOM (EF BB BF)
 *     &type=T         the JSON with Content-Type T (e.g. text/plain)
 *   <name> `stash` serves the body last POSTed to /api/stash?key=K instead of a file.
 * POST /api/stash?key=K  stores the request body (any JSON text, up to 64 MB) for
 *   GET /api/manifest/stash?key=K: hostile and generated manifests from the browser.
 * GET /api/requests?key=K  → how many requests K has had.
 * GET /api/seen?key=K  → [{ path, cookie, referer }] for each request counted under
 *   K (manifest and files routes): what the server saw, for the privacy tests.
 * GET /api/files/<K>/<path>[?etag=E]
 *   serves test/fixtures/elements/<path> (precomputed lists, nested paths),
 *   counting each request under `K/<path>`; with `etag`, sends `ETag: "E"`
 *   and answers a matching `If-None-Match` with 304, counted under `K/<path>#304`.
 * GET /api/void/<anything>  → 204: a base URL for relative references in hostile
 *   data, so images made of naughty strings do not flood the log with 404s;
 *   /api/void/manifest/<name> is /api/manifest/<name> with its relative
 *   references resolving there (and a missing fixture answering 204 too).
 * GET /api/page/<name>?csp=POLICY[&nonce=N]
 *   serves test/pages/<name>.html as text/html with `Content-Security-Policy: POLICY`,
 *   `__NONCE__` in the page replaced by N (the strict-CSP host pages); other files
 *   of test/pages/ are served as they are.
 */
const stash = new Map();
const seen = new Map();
const PAGES = new URL('./test/pages/', import.meta.url);

function count(key, context, path) {
  requests.set(key, (requests.get(key) ?? 0) + 1);
  const list = seen.get(key) ?? [];
  list.push({ path, cookie: context.get('cookie'), referer: context.get('referer') });
  seen.set(key, list);
}

async function readBody(request, limit = 64 * 1024 * 1024) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > limit) throw new Error('stash body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function manifestFixtures(context, next) {
  const url = new URL(context.url, 'http://localhost');
  const params = url.searchParams;
  if (url.pathname === '/api/requests' || url.pathname === '/api/seen') {
    const key = params.get('key');
    context.type = 'application/json';
    context.body = JSON.stringify(url.pathname === '/api/seen' ? (seen.get(key) ?? []) : (requests.get(key) ?? 0));
    return;
  }
  if (url.pathname === '/api/stash' && context.method === 'POST') {
    stash.set(params.get('key'), await readBody(context.req));
    context.status = 204;
    return;
  }
  const voided = url.pathname.startsWith('/api/void/');
  if (voided && !/^\/api\/void\/manifest\/[\w-]+$/.test(url.pathname)) {
    context.status = 204;
    return;
  }
  const page = /^\/api\/page\/([\w-]+)$/.exec(url.pathname);
  if (page) {
    try {
      const html = await readFile(new URL(`${page[1]}.html`, PAGES), 'utf8');
      const nonce = (params.get('nonce') ?? '').replace(/[^\w+/=-]/g, '');
      context.body = html.replaceAll('__NONCE__', nonce);
      context.type = 'text/html';
      if (params.has('csp')) context.set('content-security-policy', params.get('csp'));
      context.set('cache-control', 'no-store');
    } catch {
      context.status = 404;
    }
    return;
  }
  // The script-tag bundle and its parts from a directory of the test's own
  // (requests counted per directory); in a directory named `nosearch-…`, only the bundle (every part 404s).
  const bundled = /^\/api\/bundle\/([\w-]+)\/(readnext(?:\.[a-z]+)?\.min\.js)$/.exec(url.pathname);
  if (bundled) {
    const key = `bundle/${bundled[1]}/${bundled[2]}`;
    requests.set(key, (requests.get(key) ?? 0) + 1);
    if (bundled[1].startsWith('nosearch') && bundled[2] !== 'readnext.min.js') {
      context.status = 404;
      return;
    }
    context.type = 'text/javascript';
    context.body = await readFile(new URL(`dist/${bundled[2]}`, ROOT));
    return;
  }
  const file = /^\/api\/files\/([\w-]+)\/([\w/.-]+)$/.exec(url.pathname);
  if (file && !file[2].includes('..')) {
    const key = `${file[1]}/${file[2]}`;
    const etag = params.get('etag');
    const fresh = etag !== null && context.get('if-none-match') === `"${etag}"`;
    const counted = fresh ? `${key}#304` : key;
    requests.set(counted, (requests.get(counted) ?? 0) + 1);
    const list = seen.get(file[1]) ?? [];
    list.push({ path: url.pathname, cookie: context.get('cookie'), referer: context.get('referer') });
    seen.set(file[1], list);
    // Revalidation is the element's job here, not the browser's heuristic cache.
    context.set('cache-control', 'no-cache');
    if (etag !== null) context.set('etag', `"${etag}"`);
    if (fresh) {
      context.status = 304;
      return;
    }
    try {
      const body = await readFile(new URL(file[2], FIXTURES));
      context.type = 'application/json';
      context.body = body;
    } catch {
      context.status = 404;
    }
    return;
  }
  // No file extension in the path: the test runner marks such paths cacheable for a year.
  const match = /^\/api\/(?:void\/)?manifest\/([\w-]+)$/.exec(url.pathname);
  if (!match) return next();
  const key = params.get('key') ?? url.pathname;
  count(key, context, url.pathname);
  const n = requests.get(key);
  const delay = Number(params.get('delay') ?? 0);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  const status = Number(params.get('status') ?? (params.has('fail') ? 503 : 200));
  if (params.has('fail') ? n <= Number(params.get('fail')) : status !== 200) {
    context.status = status;
    context.body = `fixture status ${status}`;
    return;
  }
  if (params.has('hang')) {
    // Ends when the browser aborts, or when the server destroys the socket on stop.
    await new Promise((resolve) => context.res.once('close', resolve));
    context.status = 204; // nothing is sent: the socket is gone; keeps it out of the 404 log
    return;
  }
  if (params.has('malformed')) {
    context.type = 'application/json';
    context.body = '{"version": 1, "articles": [{"id": "a", "title": "Cut off';
    return;
  }
  if (params.has('html')) {
    context.type = 'text/html';
    context.body = '<!doctype html><html><head><title>Sign in to Wi-Fi</title></head><body><h1>Welcome</h1></body></html>';
    return;
  }
  let body;
  if (match[1] === 'stash') {
    body = stash.get(key);
    if (!body) {
      context.status = 404;
      return;
    }
  } else {
    try {
      body = await readFile(new URL(`${match[1]}.json`, FIXTURES));
    } catch {
      context.status = voided ? 204 : 404;
      return;
    }
  }
  if (params.has('bom')) body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]);
  context.body = body;
  context.set('content-type', params.get('type') ?? 'application/json');
}

export const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

function browsers() {
  const wanted = (process.env.BROWSERS || 'chromium,firefox').split(',');
  return [
    wanted.includes('chromium') && chromeLauncher({ launchOptions: chromiumLaunchOptions() }),
    wanted.includes('firefox') &&
      puppeteerLauncher({ launchOptions: { browser: 'firefox', executablePath: FIREFOX_PATH, headless: true } }),
  ].filter(Boolean);
}

export default {
  files: ['test/elements/**/*.test.ts', 'test/core/**/*.browser.test.ts'],
  nodeResolve: true,
  // One page at a time: a background tab skips rendering, and with it IntersectionObserver.
  concurrency: 1,
  browsers: browsers(),
  plugins: [esbuildPlugin({ ts: true, target: 'es2021' })],
  middleware: [manifestFixtures],
  testFramework: { config: { timeout: 10_000 } },
};
