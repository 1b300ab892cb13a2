/**
 * The browser half of the bench: a static server on 127.0.0.1 (so every
 * figure is local and unthrottled), Debian's Chromium through puppeteer-core,
 * and the in-page measurements: indexing time and heap, time to the first
 * rendered item, the longest main-thread task, layout shift, lazy start.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.config.mjs';

// One flag set for puppeteer and Lighthouse (and the test runners), so all measure the same browser.
export const CHROME_PATH = CHROMIUM_PATH;
export const CHROME_FLAGS: string[] = [...CHROMIUM_ARGS];

interface Route {
  body: Buffer;
  gzip: Buffer | undefined;
  type: string;
}

/**
 * Serves registered byte strings only, never the file system, so a page can
 * reach nothing the bench did not put there. Responses are `no-store`: every
 * run must download the manifest, or the first-item timings would measure
 * the HTTP cache. Text is gzipped when asked, like any CDN would.
 */
export class BenchServer {
  origin = '';
  private readonly routes = new Map<string, Route>();
  private server: Server | undefined;

  add(path: string, body: string | Buffer, type = contentType(path)): string {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const compressible = /json|javascript|html|css/.test(type) && bytes.length > 1024;
    this.routes.set(path, { body: bytes, gzip: compressible ? gzipSync(bytes, { level: 6 }) : undefined, type });
    return path;
  }

  has(path: string): boolean {
    return this.routes.has(path);
  }

  url(path: string): string {
    return this.origin + path;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.origin;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const route = this.routes.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const gzip = route.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(200, {
      'content-type': route.type,
      'cache-control': 'no-store',
      'access-control-allow-origin': '*',
      ...(gzip && { 'content-encoding': 'gzip' }),
    });
    res.end(gzip ? route.gzip : route.body);
  }
}

function contentType(path: string): string {
  if (path.endsWith('.html')) return 'text/html; charset=utf-8';
  if (path.endsWith('.js')) return 'text/javascript; charset=utf-8';
  if (path.endsWith('.json')) return 'application/json';
  return 'application/octet-stream';
}

export function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({ executablePath: CHROME_PATH, headless: true, args: CHROME_FLAGS, protocolTimeout: 300_000 });
}

/**
 * Installed before any page script: tsx compiles `page.evaluate` callbacks
 * with esbuild's `__name` helper, which the page lacks; and observers that
 * must exist before the widget does (its shadow root, long tasks, layout
 * shifts) are set up here. The first `<li>` in a readnext shadow root is "the
 * first rendered item": a MutationObserver fires in the same task as Lit's
 * commit, before paint. The `rn:anchor` mark ties page time to trace time.
 */
const INIT_SCRIPT = `
globalThis.__name = (f) => f;
(() => {
  const rn = (globalThis.__rn = { first: {}, longtasks: [], shifts: [], anchor: undefined });
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    const tag = this.localName;
    if (tag.startsWith('readnext-')) {
      const mo = new MutationObserver(() => {
        if (rn.first[tag] !== undefined || !root.querySelector('li')) return;
        rn.first[tag] = performance.now();
        if (rn.anchor === undefined) {
          rn.anchor = performance.now();
          performance.mark('rn:anchor');
        }
        mo.disconnect();
      });
      mo.observe(root, { childList: true, subtree: true });
    }
    return root;
  };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) rn.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.hadRecentInput) continue;
        rn.shifts.push({ value: e.value, start: e.startTime, sources: (e.sources || []).map((s) => s.node ? (s.node.localName || s.node.nodeName) : '?') });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {}
})();
`;

interface PageState {
  first: Record<string, number>;
  longtasks: { start: number; duration: number }[];
  shifts: { value: number; start: number; sources: string[] }[];
  anchor: number | undefined;
}

declare global {
  var __rn: PageState;
}

export async function newPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  await page.evaluateOnNewDocument(INIT_SCRIPT);
  return page;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

// ---------------------------------------------------------------- indexing

export interface IndexRun {
  /** JSON.parse + normalizeManifest + Catalog. */
  parseMs: number;
  /** MiniSearch: createIndex over the articles, or loadIndex of the prebuilt JSON. */
  indexMs: number;
  /** First related() call: builds whatever else ranking needs lazily (the vector index). */
  firstRelatedMs: number;
  articlesHeap: number;
  indexHeap: number;
  relatedHeap: number;
  queries?: QueryTimes;
}

type Core = typeof import('../src/core/index.js');
type BenchWindow = typeof globalThis & {
  ReadnextCore: Core;
  __texts: { manifest: string; index?: string };
  __keep: unknown[];
};

/**
 * One indexing run in a fresh page that holds the core (bundled by esbuild)
 * and nothing else. The documents are downloaded first and kept, so the heap
 * deltas (CDP, after a forced GC) count the parsed catalogue and the index,
 * not the response text. Each stage is its own evaluate, so GC between them
 * stays outside the timings.
 */
export async function indexRun(
  browser: Browser,
  pageUrl: string,
  manifestUrl: string,
  indexUrl: string | undefined,
  queries?: { related: number; popular: number },
): Promise<IndexRun> {
  const page = await newPage(browser);
  try {
    await page.goto(pageUrl, { waitUntil: 'load' });
    const cdp = await page.createCDPSession();
    const heap = async (): Promise<number> => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    await page.evaluate(
      async (m: string, i: string | null) => {
        const w = globalThis as BenchWindow;
        w.__texts = { manifest: await (await fetch(m)).text() };
        if (i) w.__texts.index = await (await fetch(i)).text();
        w.__keep = [];
      },
      manifestUrl,
      indexUrl ?? null,
    );
    const base = await heap();
    const parseMs = await page.evaluate(() => {
      const w = globalThis as BenchWindow;
      const t0 = performance.now();
      const { articles } = w.ReadnextCore.normalizeManifest(JSON.parse(w.__texts.manifest), { manifestUrl: location.href });
      w.__keep.push(articles);
      return performance.now() - t0;
    });
    const afterArticles = await heap();
    const indexMs = await page.evaluate(() => {
      const w = globalThis as BenchWindow;
      const C = w.ReadnextCore;
      const articles = w.__keep[0] as ReturnType<Core['normalizeManifest']>['articles'];
      const t0 = performance.now();
      const catalog = w.__texts.index !== undefined ? new C.Catalog(articles, C.loadIndex(w.__texts.index)) : new C.Catalog(articles);
      // Touching `index` builds it when no prebuilt one was given.
      void catalog.index;
      const ms = performance.now() - t0;
      w.__keep.push(catalog);
      return ms;
    });
    const afterIndex = await heap();
    const firstRelatedMs = await page.evaluate(() => {
      const w = globalThis as BenchWindow;
      const catalog = w.__keep[1] as InstanceType<Core['Catalog']>;
      const t0 = performance.now();
      w.ReadnextCore.related(catalog, catalog.articles[0]!);
      return performance.now() - t0;
    });
    const afterRelated = await heap();
    const run: IndexRun = {
      parseMs,
      indexMs,
      firstRelatedMs,
      articlesHeap: afterArticles - base,
      indexHeap: afterIndex - afterArticles,
      relatedHeap: afterRelated - afterIndex,
    };
    if (queries) run.queries = await page.evaluate(queryTimes, queries.related, queries.popular);
    return run;
  } finally {
    await page.close();
  }
}

/** Query latencies of one run, ms. */
export interface QueryTimes {
  relatedP50: number;
  relatedP95: number;
  popularP50: number;
  popularP95: number;
}

/**
 * `relatedCount` related queries for different articles spread over the
 * catalogue, after a warm-up so the lazy structures exist, and
 * `popularCount` popular queries (`window: 'all'`, the widest: it ranks every
 * article). Runs in the page (core and catalogue from the page's globals) or
 * in Node (passed in), so both report the same thing.
 */
export function queryTimes(relatedCount: number, popularCount: number, catalogArg?: unknown, coreArg?: unknown): QueryTimes {
  const w = globalThis as Partial<BenchWindow>;
  const C = (coreArg ?? w.ReadnextCore) as Core;
  const catalog = (catalogArg ?? w.__keep?.[1]) as InstanceType<Core['Catalog']>;
  const n = catalog.articles.length;
  const targets = Array.from({ length: relatedCount }, (_, i) => catalog.articles[Math.floor((i * n) / relatedCount + 7) % n]!);
  for (const t of targets.slice(0, 20)) C.related(catalog, t);
  const rel: number[] = [];
  for (const t of targets) {
    const t0 = performance.now();
    C.related(catalog, t);
    rel.push(performance.now() - t0);
  }
  const pop: number[] = [];
  for (let i = 0; i < popularCount; i++) {
    const t0 = performance.now();
    C.popular(catalog, { window: 'all', exclude: { ids: [targets[i % targets.length]!.id] } });
    pop.push(performance.now() - t0);
  }
  // Inlined rather than imported: this function is serialised into the page.
  const pct = (values: number[], q: number): number => {
    const s = [...values].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  };
  return { relatedP50: pct(rel, 0.5), relatedP95: pct(rel, 0.95), popularP50: pct(pop, 0.5), popularP95: pct(pop, 0.95) };
}

// ---------------------------------------------------------------- widgets

export interface WidgetRun {
  /** Data files the page requested (manifest, index, shards), by path. */
  requests: string[];
  /** ms from the last data response before the item to the first related item; undefined when none rendered. */
  relatedAfterData: number | undefined;
  popularAfterData: number | undefined;
  /** ms from the manifest response to the related item (undefined when no manifest was fetched). */
  relatedAfterManifest: number | undefined;
  /** Longest main-thread task from the first data request until both widgets rendered (+ settle), from the trace. */
  longestTaskMs: number | undefined;
  /** Long tasks (≥ 50 ms) the page reported in that window. */
  longTasks: number[];
  states: Record<string, string | null>;
  cls: number;
  shiftSources: string[];
}

interface ResourceTiming {
  path: string;
  fetchStart: number;
  responseEnd: number;
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
}

const SETTLE_MS = 500;



/**
 * Loads a widget page (widgets `eager`, in view) and measures from the data
 * responses to the first items. The trace has only `toplevel` tasks and user
 * timing, which cost little, so it runs on every timed run.
 */
export async function widgetRun(browser: Browser, pageUrl: string, dataPrefix: string, timeoutMs = 60_000): Promise<WidgetRun> {
  const page = await newPage(browser);
  const requests: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith(dataPrefix)) requests.push(path);
  });
  try {
    await page.tracing.start({ categories: ['toplevel', 'blink.user_timing', '__metadata'] });
    await page.goto(pageUrl, { waitUntil: 'load' });
    const finished = await page
      .waitForFunction(
        () => {
          const els = [...document.querySelectorAll('readnext-related, readnext-popular')];
          return els.length > 0 && els.every((e) => e.localName in globalThis.__rn.first || /^(error|empty)$/.test(e.getAttribute('state') ?? ''));
        },
        { timeout: timeoutMs, polling: 20 },
      )
      .then(() => true, () => false);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const trace = await page.tracing.stop();
    const state = await page.evaluate((prefix: string) => {
      const resources = performance
        .getEntriesByType('resource')
        .map((e) => e as PerformanceResourceTiming)
        .map((e) => ({ path: new URL(e.name).pathname, fetchStart: e.fetchStart, responseEnd: e.responseEnd }))
        .filter((e) => e.path.startsWith(prefix));
      const states: Record<string, string | null> = {};
      for (const e of document.querySelectorAll('readnext-related, readnext-popular')) states[e.localName] = e.getAttribute('state');
      return { rn: globalThis.__rn, resources, states, now: performance.now() };
    }, dataPrefix);
    const { rn, resources } = state;
    const afterData = (at: number | undefined, filter: (r: ResourceTiming) => boolean = () => true): number | undefined => {
      if (at === undefined) return undefined;
      const before = resources.filter((r) => filter(r) && r.responseEnd <= at);
      return before.length ? at - Math.max(...before.map((r) => r.responseEnd)) : undefined;
    };
    const related = rn.first['readnext-related'];
    const popular = rn.first['readnext-popular'];
    const start = resources.length ? Math.min(...resources.map((r) => r.fetchStart)) : 0;
    const end = (finished ? Math.max(related ?? 0, popular ?? 0) : state.now) + SETTLE_MS;
    return {
      requests,
      relatedAfterData: afterData(related),
      popularAfterData: afterData(popular),
      relatedAfterManifest: afterData(related, (r) => /manifest/.test(r.path)),
      longestTaskMs: trace ? longestTask(trace, rn.anchor, start, end) : undefined,
      longTasks: rn.longtasks.filter((t) => t.start + t.duration >= start && t.start <= end).map((t) => t.duration),
      states: state.states,
      cls: rn.shifts.reduce((s, x) => s + x.value, 0),
      shiftSources: [...new Set(rn.shifts.flatMap((s) => s.sources))],
    };
  } finally {
    await page.close();
  }
}

/**
 * The longest top-level task on the page's main thread overlapping [start, end]
 * (page ms). Any `toplevel` event counts, not only `RunTask`: current
 * Chromium runs the microtask checkpoint after a fetch resolves as its own
 * top-level event, and that is where a widget's parse-and-index work lands.
 * Nested events never outlast their parent, so the maximum is the task's. The `rn:anchor` mark, made at a known page time, gives the
 * offset between page time and trace time and names the main thread.
 */
function longestTask(trace: Uint8Array, anchor: number | undefined, start: number, end: number): number | undefined {
  if (anchor === undefined) return undefined;
  const events = (JSON.parse(Buffer.from(trace).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mark = events.find((e) => e.name === 'rn:anchor' && e.cat.includes('blink.user_timing'));
  if (!mark) return undefined;
  const origin = mark.ts - anchor * 1000;
  const from = origin + start * 1000;
  const to = origin + end * 1000;
  let longest = 0;
  for (const e of events) {
    if (!e.cat.split(',').includes('toplevel') || e.ph !== 'X' || e.pid !== mark.pid || e.tid !== mark.tid || e.dur === undefined) continue;
    if (e.ts + e.dur >= from && e.ts <= to) longest = Math.max(longest, e.dur / 1000);
  }
  return longest;
}

// ---------------------------------------------------------------- CLS and lazy start

export interface ScrollRun {
  /** Data requests made before any scrolling, after load and a quiet wait. */
  requestsBeforeScroll: string[];
  /** Data requests made in total, once scrolled to the widgets. */
  requestsAfterScroll: string[];
  cls: number;
  shiftSources: string[];
  states: Record<string, string | null>;
}

/**
 * Loads an article page with lazy widgets far below the fold, waits, counts
 * data requests (there must be none), then scrolls down as a reader would
 * and sums the layout shifts (none may come from the widgets).
 */
export async function scrollRun(browser: Browser, pageUrl: string, dataPrefix: string): Promise<ScrollRun> {
  const page = await newPage(browser, { width: 412, height: 823 });
  const requests: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith(dataPrefix)) requests.push(path);
  });
  try {
    await page.goto(pageUrl, { waitUntil: 'load' });
    await new Promise((r) => setTimeout(r, 1500));
    const requestsBeforeScroll = [...requests];
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0; y < height; y += 300) {
      await page.evaluate((top: number) => window.scrollTo(0, top), y);
      await new Promise((r) => setTimeout(r, 120));
    }
    await page
      .waitForFunction(
        () => [...document.querySelectorAll('readnext-related, readnext-popular')].every((e) => /^(ready|error|empty)$/.test(e.getAttribute('state') ?? '')),
        { timeout: 30_000, polling: 50 },
      )
      .catch(() => undefined);
    await new Promise((r) => setTimeout(r, 500));
    const state = await page.evaluate(() => {
      const states: Record<string, string | null> = {};
      for (const e of document.querySelectorAll('readnext-related, readnext-popular')) states[e.localName] = e.getAttribute('state');
      return { rn: globalThis.__rn, states };
    });
    return {
      requestsBeforeScroll,
      requestsAfterScroll: [...requests],
      cls: state.rn.shifts.reduce((s, x) => s + x.value, 0),
      shiftSources: [...new Set(state.rn.shifts.flatMap((s) => s.sources))],
      states: state.states,
    };
  } finally {
    await page.close();
  }
}

/** Fills the article page template in bench/pages/article.html. */
export function articlePage(parts: { title: string; canonical: string; top?: string; bottom?: string; aside?: string }): string {
  const template = readFileSync(new URL('./pages/article.html', import.meta.url), 'utf8');
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return template
    .replaceAll('{{title}}', escape(parts.title))
    .replaceAll('{{canonical}}', escape(parts.canonical))
    .replace('<!--widgets:top-->', parts.top ?? '')
    .replace('<!--widgets:bottom-->', parts.bottom ?? '')
    .replace('<!--widgets:aside-->', parts.aside ?? '');
}

// ---------------------------------------------------------------- widgets alone

/**
 * `node --import tsx bench/browser.ts [articles…] [--runs N] [--manifest FILE]`:
 * the widget rows of `npm run bench` alone (first item after the manifest,
 * longest main-thread task), for work on the data path without the full
 * run. The bundle is built from `src/bundle.ts` by esbuild (minified), so it
 * measures the current source rather than `dist/`. `--manifest` serves a
 * manifest written earlier (building 10k takes about a minute) instead of
 * building one per size. Defaults: 10,000 articles, 5 runs.
 */
async function widgetsAlone(argv: string[]): Promise<void> {
  const { build } = await import('esbuild');
  const { esbuildPartsBesideScript, PARTS, partFile } = await import('../scripts/parts-beside.mjs');
  const { benchManifest } = await import('./data.js');
  const flag = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const runs = Number(flag('--runs') ?? 5);
  const file = flag('--manifest');
  const sizes = argv.filter((a, i) => /^\d+$/.test(a) && !argv[i - 1]?.startsWith('--')).map(Number);
  const options = { bundle: true, minify: true, target: 'es2021', write: false, logLevel: 'error' } as const;
  // As rollup.config.mjs builds them: the bundle imports text search from the file beside it.
  const bundle = await build({ ...options, entryPoints: [new URL('../src/bundle.ts', import.meta.url).pathname], format: 'iife', plugins: [esbuildPartsBesideScript()] });
  const parts = await Promise.all(PARTS.map((part) => build({ ...options, entryPoints: [new URL(`../src/${part}.ts`, import.meta.url).pathname], format: 'esm' })));
  const server = new BenchServer();
  await server.start();
  server.add('/readnext.min.js', Buffer.from(bundle.outputFiles[0]!.contents));
  parts.forEach((part, i) => server.add(`/${partFile(PARTS[i]!)}`, Buffer.from(part.outputFiles[0]!.contents)));
  const browser = await launchBrowser();
  try {
    for (const size of file ? [0] : sizes.length ? sizes : [10_000]) {
      const t0 = performance.now();
      const { manifest } = file ? { manifest: JSON.parse(readFileSync(file, 'utf8')) as ReturnType<typeof benchManifest>['manifest'] } : benchManifest(size);
      const n = manifest.articles.length;
      const target = manifest.articles[Math.floor(manifest.articles.length / 3)]!;
      const path = server.add(`/data/${n}/manifest.json`, JSON.stringify(manifest));
      const attrs = `manifest="${path}" eager`;
      const page = server.add(
        `/pages/${n}.html`,
        articlePage({ title: target.title, canonical: target.url, top: `<readnext-related ${attrs}></readnext-related><readnext-popular ${attrs} window="all"></readnext-popular>` }),
      );
      console.error(`${n} articles: manifest built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const results: WidgetRun[] = [];
      for (let i = 0; i < runs; i++) results.push(await widgetRun(browser, server.url(page), '/data/'));
      const m = (f: (r: WidgetRun) => number | undefined): string => median(results.map(f).filter((v): v is number => v !== undefined)).toFixed(1);
      console.log(
        `${n} articles, ${runs} runs (medians): related item ${m((r) => r.relatedAfterManifest)} ms and popular item ${m((r) => r.popularAfterData)} ms after the manifest response; ` +
          `longest task ${m((r) => r.longestTaskMs)} ms (per run: ${results.map((r) => r.longestTaskMs?.toFixed(0)).join(', ')}); ` +
          `long tasks ≥ 50 ms: ${results.map((r) => r.longTasks.length).join(', ')}; states ${JSON.stringify(results[0]!.states)}`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) await widgetsAlone(process.argv.slice(2));
