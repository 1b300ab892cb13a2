// Browser tests in Debian's Chromium. The middleware serves the element
// fixtures under /api/manifest/ and counts requests per `key`, so tests can
// assert "five elements, one request" and provoke 404s, bad JSON and slow
// answers without a second server.
import { readFile } from 'node:fs/promises';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumLaunchOptions } from './chromium.config.mjs';

const FIXTURES = new URL('./test/fixtures/elements/', import.meta.url);
const requests = new Map();

/**
 * GET /api/manifest/<name>?key=K[&status=N][&malformed][&delay=MS]
 *   serves test/fixtures/elements/<name>.json, or status N, or truncated JSON,
 *   after MS milliseconds; counts the request under K.
 * GET /api/files/<K>/<path>[?etag=E]
 *   serves test/fixtures/elements/<path> (precomputed lists, nested paths),
 *   counting each request under `K/<path>`; with `etag`, sends `ETag: "E"`
 *   and answers a matching `If-None-Match` with 304, counted under `K/<path>#304`.
 * GET /api/requests?key=K  → how many requests K has had.
 */
async function manifestFixtures(context, next) {
  const url = new URL(context.url, 'http://localhost');
  if (url.pathname === '/api/requests') {
    context.type = 'application/json';
    context.body = JSON.stringify(requests.get(url.searchParams.get('key')) ?? 0);
    return;
  }
  const file = /^\/api\/files\/([\w-]+)\/([\w/.-]+)$/.exec(url.pathname);
  if (file && !file[2].includes('..')) {
    const key = `${file[1]}/${file[2]}`;
    const etag = url.searchParams.get('etag');
    const fresh = etag !== null && context.get('if-none-match') === `"${etag}"`;
    const counted = fresh ? `${key}#304` : key;
    requests.set(counted, (requests.get(counted) ?? 0) + 1);
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
  const match = /^\/api\/manifest\/([\w-]+)$/.exec(url.pathname);
  if (!match) return next();
  const key = url.searchParams.get('key') ?? url.pathname;
  requests.set(key, (requests.get(key) ?? 0) + 1);
  const delay = Number(url.searchParams.get('delay') ?? 0);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  const status = Number(url.searchParams.get('status') ?? 200);
  if (status !== 200) {
    context.status = status;
    context.body = `fixture status ${status}`;
    return;
  }
  context.type = 'application/json';
  context.body = url.searchParams.has('malformed')
    ? '{"version": 1, "articles": [{"id": "a", "title": "Cut off'
    : await readFile(new URL(`${match[1]}.json`, FIXTURES));
}

export default {
  files: ['test/elements/**/*.test.ts', 'test/core/**/*.browser.test.ts'],
  nodeResolve: true,
  // One page at a time: a background tab skips rendering, and with it IntersectionObserver.
  concurrency: 1,
  browsers: [
    chromeLauncher({
      launchOptions: chromiumLaunchOptions(),
    }),
  ],
  plugins: [esbuildPlugin({ ts: true, target: 'es2021' })],
  middleware: [manifestFixtures],
  testFramework: { config: { timeout: 10_000 } },
};
