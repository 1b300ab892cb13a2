/**
 * Failing networks (issue 6), against the real test server (the failure
 * routes of /api/manifest/ in web-test-runner.config.mjs): every failure
 * hides the block, fires `readnext-error` once with a reason, warns once
 * and rejects nothing; what is merely odd (a BOM, a wrong content type, a
 * slow answer, a flaky server) still renders; a cached copy serves while
 * the network fails; a removed widget aborts its request and leaves no
 * timer. Also the sliced JSON parser against `JSON.parse`.
 */
import { expect } from '@esm-bundle/chai';
import fc from 'fast-check';
import '../../src/define.js';
import { CACHE_ENTRIES, CACHE_NAME } from '../../src/data/cache.js';
import { FETCH_DEFAULTS, fetchText, parseJson, type FetchOptions } from '../../src/data/fetch-manifest.js';
import { storeFor } from '../../src/data/store.js';
import type { ReadnextBase } from '../../src/elements/readnext-base.js';
import { cleanup, manifestUrl, mount, requests, settled, shown, sleep } from './helpers.js';

const absolute = (url: string): string => new URL(url, location.href).href;

/** Short timeouts and backoff, so the retry paths run in test time; set on the store before any element asks. */
const QUICK: FetchOptions = { timeout: 300, retries: 1, backoff: 50 };

describe('failing networks', () => {
  let warnings: unknown[][];
  let thrown: unknown[];
  const warn = console.warn;
  const onError = (event: ErrorEvent | PromiseRejectionEvent) => thrown.push('reason' in event ? event.reason : event.error);
  beforeEach(() => {
    warnings = [];
    thrown = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
  });
  afterEach(async () => {
    console.warn = warn;
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onError);
    cleanup();
    await caches.delete(CACHE_NAME);
  });

  /** Mounts related + popular on `url` (with `attrs`), waits for `state`, and collects their events. */
  async function widgets(url: string, state: ReadnextBase['state'], attrs = ''): Promise<{ elements: ReadnextBase[]; events: CustomEvent[] }> {
    const container = mount(`
      <readnext-related manifest="${url}" article-id="heatwave-grid" ${attrs} eager style="--readnext-min-height: 120px"></readnext-related>
      <readnext-popular manifest="${url}" window="all" ${attrs} eager></readnext-popular>`);
    const events: CustomEvent[] = [];
    container.addEventListener('readnext-error', (event) => events.push(event));
    const elements = [...container.children] as ReadnextBase[];
    await Promise.all(elements.map((element) => settled(element, state)));
    // Anything that would fire twice, warn twice or reject late has had time to.
    await sleep(100);
    return { elements, events };
  }

  for (const [name, params, code, attempts] of [
    ['a 404', { status: '404' }, 'http-error', 1],
    ['a 500 on every attempt', { status: '500' }, 'http-error', 1 + QUICK.retries!],
    ['an HTML page served with 200', { html: '' }, 'parse-error', 1],
    ['truncated JSON', { malformed: '' }, 'parse-error', 1],
    ['a server that never answers', { hang: '' }, 'timeout', 1 + QUICK.retries!],
    ['an answer slower than the timeout', { delay: '1000' }, 'timeout', 1 + QUICK.retries!],
  ] as const) {
    it(`${name}: the block stays hidden, readnext-error fires once per element with a reason, one warning, nothing rejected`, async () => {
      const { url, key } = manifestUrl('news', params);
      storeFor({ manifest: absolute(url), fetch: QUICK });
      const start = performance.now();
      const { elements, events } = await widgets(url, 'error');
      expect(events.map((e) => [(e.target as Element).localName, e.detail.problem.code])).to.deep.equal([
        ['readnext-related', code],
        ['readnext-popular', code],
      ]);
      expect(events[0]!.detail.problem.message).to.include(absolute(url));
      for (const element of elements) {
        expect(element.getBoundingClientRect().height, element.localName).to.equal(0);
        expect(element.shadowRoot?.querySelector('li')).to.equal(null);
      }
      expect(warnings).to.have.length(1);
      expect(String(warnings[0]![0])).to.match(/^readnext: /);
      expect(thrown).to.deep.equal([]);
      // One request for both elements, plus the retries the failure earns.
      expect(await requests(key)).to.equal(attempts);
      if (code === 'timeout') {
        // Bounded: every attempt aborted at the timeout, plus the backoff.
        const bound = (QUICK.retries! + 1) * QUICK.timeout! + QUICK.backoff!;
        expect(performance.now() - start).to.be.within(bound - 100, bound + 3000);
      }
    });
  }

  for (const [name, params] of [
    ['a UTF-8 byte order mark', { bom: '' }],
    ['a wrong content type (text/plain)', { type: 'text/plain' }],
    ['an octet-stream content type', { type: 'application/octet-stream' }],
    ['a slow answer inside the timeout', { delay: '400' }],
  ] as const) {
    it(`${name} still renders, with no error`, async () => {
      const { url, key } = manifestUrl('news', params);
      const { elements, events } = await widgets(url, 'ready');
      expect(events).to.deep.equal([]);
      expect(shown(elements[0]!)).to.have.length(5);
      expect(shown(elements[0]!)).not.to.include('heatwave-grid');
      expect(warnings).to.deep.equal([]);
      expect(thrown).to.deep.equal([]);
      expect(await requests(key)).to.equal(1);
    });
  }

  it('a flaky server (two 503s) is retried with backoff and then renders', async () => {
    const { url, key } = manifestUrl('news', { fail: '2' });
    storeFor({ manifest: absolute(url), fetch: { backoff: 50 } });
    const start = performance.now();
    const { events } = await widgets(url, 'ready');
    expect(events).to.deep.equal([]);
    expect(await requests(key)).to.equal(3);
    // Backoff doubles: 50 ms, then 100 ms.
    expect(performance.now() - start).to.be.at.least(150);
  });

  it('the defaults are documented values: 5 s a try, 2 retries, 500 ms backoff, 64 Mi characters', () => {
    expect(FETCH_DEFAULTS).to.deep.equal({ timeout: 5000, retries: 2, backoff: 500, maxLength: 2 ** 26 });
    expect(Object.isFrozen(FETCH_DEFAULTS)).to.equal(true);
  });

  describe('with `cache`, a copy cached earlier', () => {
    /** What an earlier page view left in Cache Storage for `url`: the manifest with its ETag. */
    async function cachedEarlier(url: string): Promise<void> {
      const text = await (await fetch('/test/fixtures/elements/news.json')).text();
      await (await caches.open(CACHE_NAME)).put(absolute(url), new Response(text, { headers: { etag: '"v0"' } }));
    }

    for (const [name, params] of [
      ['a 500', { status: '500' }],
      ['a server that never answers', { hang: '' }],
    ] as const) {
      it(`is used while the network fails (${name})`, async () => {
        const { url, key } = manifestUrl('news', params);
        await cachedEarlier(url);
        storeFor({ manifest: absolute(url), fetch: QUICK });
        const { elements, events } = await widgets(url, 'ready', 'cache');
        expect(events).to.deep.equal([]);
        expect(shown(elements[0]!)).to.have.length(5);
        expect(warnings).to.deep.equal([]);
        expect(await requests(key)).to.equal(1 + QUICK.retries!);
      });
    }

    it('is deleted when the server answers 404 (the publisher removed it), and the block fails', async () => {
      const { url } = manifestUrl('news', { status: '404' });
      await cachedEarlier(url);
      const { events } = await widgets(url, 'error', 'cache');
      expect(events.map((e) => e.detail.problem.code)).to.deep.equal(['http-error', 'http-error']);
      await sleep(50);
      expect(await (await caches.open(CACHE_NAME)).match(absolute(url))).to.equal(undefined);
    });

    it('is never read without the `cache` attribute', async () => {
      const { url } = manifestUrl('news', { status: '500' });
      await cachedEarlier(url);
      storeFor({ manifest: absolute(url), fetch: QUICK });
      const { events } = await widgets(url, 'error');
      expect(events).to.have.length(2);
    });
  });

  it(`Cache Storage keeps at most ${CACHE_ENTRIES} copies: writing one more evicts the least recently written`, async () => {
    const box = await caches.open(CACHE_NAME);
    const old = Array.from({ length: CACHE_ENTRIES + 4 }, (_, i) => absolute(`/old/${i}.json`));
    for (const url of old) await box.put(url, new Response('[]', { headers: { etag: '"x"' } }));
    const url = `/api/files/${manifestUrl().key}/news.json?etag=v1`;
    const el = mount(`<readnext-popular manifest="${url}" cache eager></readnext-popular>`).firstElementChild as ReadnextBase;
    await settled(el);
    await sleep(100);
    const keys = (await box.keys()).map((request) => request.url);
    expect(keys).to.have.length(CACHE_ENTRIES);
    expect(keys.at(-1)).to.equal(absolute(url));
    expect(keys.slice(0, -1)).to.deep.equal(old.slice(-(CACHE_ENTRIES - 1)));
  });

  it('a widget removed while fetching aborts its request and leaves no timer behind', async () => {
    const { url } = manifestUrl('news', { hang: '' });
    // Every timer and fetch started from here on, and whether it ended.
    const timers = new Map<number, number>();
    const signals: AbortSignal[] = [];
    const { setTimeout: set, clearTimeout: clear, fetch: realFetch } = window;
    window.setTimeout = ((handler: () => void, ms?: number, ...rest: unknown[]) => {
      const id: number = set(() => {
        timers.delete(id);
        handler();
      }, ms, ...rest);
      timers.set(id, ms ?? 0);
      return id;
    }) as typeof window.setTimeout;
    window.clearTimeout = ((id?: number) => {
      timers.delete(id!);
      clear(id);
    }) as typeof window.clearTimeout;
    window.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.signal) signals.push(init.signal);
      return realFetch(input, init);
    }) as typeof fetch;
    try {
      const container = mount(`<readnext-related manifest="${url}" article-id="heatwave-grid" eager></readnext-related><readnext-popular manifest="${url}" eager></readnext-popular>`);
      const elements = [...container.children] as ReadnextBase[];
      await Promise.all(elements.map((element) => settled(element, 'loading')));
      await sleep(50);
      expect(signals.map((s) => s.aborted)).to.deep.equal([false]);
      // The fetch timeout is pending: the request is in flight.
      expect([...timers.values()]).to.include(FETCH_DEFAULTS.timeout);
      container.remove();
      await sleep(50);
      expect(signals[0]!.aborted).to.equal(true);
      expect([...timers.values()].filter((ms) => ms > 0)).to.deep.equal([]);
      expect(thrown).to.deep.equal([]);
      expect(warnings).to.deep.equal([]);
    } finally {
      window.setTimeout = set;
      window.clearTimeout = clear;
      window.fetch = realFetch;
    }
  });

  it('requests carry no credentials, and their options inherit nothing from Object.prototype', async () => {
    const inits: RequestInit[] = [];
    const spy = ((_url: string, init: RequestInit) => (inits.push(init), Promise.resolve(new Response('{}')))) as typeof fetch;
    const result = await fetchText('https://news.example/m.json', { fetch: spy, headers: { 'x-test': '1' } });
    expect(result.ok).to.equal(true);
    expect(inits).to.have.length(1);
    expect(inits[0]!.credentials).to.equal('omit');
    expect(inits[0]!.headers).to.deep.equal({ 'x-test': '1' });
    expect(Object.getPrototypeOf(inits[0])).to.equal(null);
  });

  it('a body longer than maxLength fails with too-large as it streams in, once, without a retry', async () => {
    const { url, key } = manifestUrl('news');
    const result = await fetchText(url, { maxLength: 1000 });
    expect(result.ok).to.equal(false);
    expect(!result.ok && result.problem.code).to.equal('too-large');
    expect(await requests(key)).to.equal(1);
    const whole = await fetchText(manifestUrl('news').url, { maxLength: 1_000_000 });
    expect(whole.ok).to.equal(true);
    expect(FETCH_DEFAULTS.maxLength).to.equal(2 ** 26);
  });

  it('fetchText stops at once when its caller aborts during the backoff, without calling it an error', async () => {
    const { url, key } = manifestUrl('news', { status: '503' });
    const controller = new AbortController();
    const pending = fetchText(url, { signal: controller.signal, backoff: 5000 });
    await sleep(100);
    const start = performance.now();
    controller.abort();
    const result = await pending;
    expect(performance.now() - start).to.be.below(100);
    expect(!result.ok && result.aborted).to.equal(true);
    expect(await requests(key)).to.equal(1);
  });
});

describe('parseJson (records parsed in slices)', () => {
  it('gives what JSON.parse gives on large manifests, feeds, bare arrays and indexes', async () => {
    const article = (i: number) => ({ id: `a${i}`, url: `/n/${i}`, title: `T ${i} },{" ],[" \\" \u2028`, keywords: ['x', 'y'], image: { src: '/i.png' }, near: [i, 500] });
    const articles = Array.from({ length: 3000 }, (_, i) => article(i));
    for (const value of [
      { version: 1, home_page_url: 'https://x.example/', articles },
      { version: 'https://jsonfeed.org/version/1.1', title: 'Feed', items: articles },
      articles,
      { documentCount: 2, index: Array.from({ length: 20_000 }, (_, i) => [`term${i}`, { 0: { 1: i } }]), serializationVersion: 2 },
      { version: 1, articles: [...articles, [1, { a: '},{"' }], null, 'x'], extra: { nested: [articles.slice(0, 900)] } },
    ]) {
      const text = JSON.stringify(value);
      expect(text.length).to.be.above(130_000);
      expect(await parseJson(text)).to.deep.equal(JSON.parse(text));
      expect(await parseJson(`\uFEFF${text}`)).to.deep.equal(JSON.parse(text));
    }
  });

  it('never uses a reviver (slow per byte), and the envelope of a manifest holds two records', async () => {
    const articles = Array.from({ length: 3000 }, (_, i) => ({ id: `a${i}`, url: `/n/${i}`, title: `Title ${i}`, keywords: ['x', 'y'] }));
    // A prebuilt index's shape: a large object (ids, field lengths) before the list that is cut.
    const ids = Object.fromEntries(articles.map((a, i) => [i, a.id]));
    const index = { documentCount: 3000, documentIds: ids, index: Array.from({ length: 20_000 }, (_, i) => [`term${i}`, { 0: { 1: i } }]), serializationVersion: 2 };
    const parse = JSON.parse;
    const calls: { length: number; reviver: boolean }[] = [];
    JSON.parse = (input: string, reviver?: Parameters<typeof parse>[1]) => {
      calls.push({ length: input.length, reviver: !!reviver });
      return parse(input, reviver);
    };
    try {
      for (const value of [{ version: 1, articles }, index]) {
        calls.length = 0;
        const text = JSON.stringify(value);
        expect(await parseJson(text)).to.deep.equal(parse(text));
        expect(calls.length).to.be.above(2, 'parsed in slices');
        expect(calls.filter((c) => c.reviver)).to.deep.equal([]);
        expect(calls.every((c) => c.length < text.length)).to.equal(true);
      }
      // The manifest's envelope: the document around the records, with the first and last of them.
      const text = JSON.stringify({ version: 1, articles });
      calls.length = 0;
      await parseJson(text);
      expect(calls.at(-1)!.length).to.be.below(JSON.stringify({ version: 1, articles: [articles[0], 'placeholder', articles[2999]] }).length + 20);
    } finally {
      JSON.parse = parse;
    }
  });

  it('agrees with JSON.parse on generated documents cut anywhere, valid or not', async () => {
    const filler = 'x'.repeat(70_000);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue(), { maxLength: 40 }), fc.nat(), async (records, cut) => {
        // Long strings push records past the slice size, so cuts fall inside strings and values too.
        const text = JSON.stringify({ articles: records.map((r, i) => ({ id: i, r, f: i % 3 ? filler : '},{"id":' })) });
        const broken = text.slice(0, cut % (text.length + 1));
        for (const input of [text, broken]) {
          let expected: unknown;
          let error = false;
          try {
            expected = JSON.parse(input);
          } catch {
            error = true;
          }
          if (error) {
            let threw = false;
            await parseJson(input).catch(() => (threw = true));
            expect(threw).to.equal(true);
          } else expect(await parseJson(input)).to.deep.equal(expected);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('gives the main thread back between slices while parsing a 20k-article manifest', async () => {
    const keywords = Array.from({ length: 40 }, (_, k) => `term${k}`);
    const articles = Array.from({ length: 20_000 }, (_, i) => ({ id: `a${i}`, url: `/n/${i}`, title: `Title ${i}`, keywords, near: [i, 500, i + 1, 400] }));
    const text = JSON.stringify({ version: 1, articles });
    const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler!;
    const yieldOnce = scheduler.yield!;
    const marks = [performance.now()];
    scheduler.yield = () => {
      marks.push(performance.now());
      return yieldOnce.call(scheduler).then(() => void marks.push(performance.now()));
    };
    try {
      const parsed = (await parseJson(text)) as { articles: unknown[] };
      marks.push(performance.now());
      expect(parsed.articles).to.deep.equal(articles);
    } finally {
      scheduler.yield = yieldOnce;
    }
    // Pairs of (slice start, slice end): the main-thread work between two yields.
    // Their length is a benchmark (bench/browser.ts), not an assertion: a loaded machine stretches them.
    const slices = marks.flatMap((start, i) => (i % 2 ? [] : [marks[i + 1]! - start]));
    const total = slices.reduce((a, b) => a + b, 0);
    expect(slices.length).to.be.at.least(3);
    expect(Math.max(...slices)).to.be.below(total * 0.6);
  });
});
