/**
 * The data path as elements see it: one request per manifest, failures that
 * collapse the block and report once, and the fetch policy underneath.
 */
import { expect } from '@esm-bundle/chai';
import '../../src/define.js';
import { fetchJson } from '../../src/data/fetch-manifest.js';
import { storeFor, yieldToMain } from '../../src/data/store.js';
import type { ReadnextBase } from '../../src/elements/readnext-base.js';
import { cleanup, manifestUrl, mount, requests, settled, sleep } from './helpers.js';

function all(container: Element): ReadnextBase[] {
  return [...container.querySelectorAll<ReadnextBase>('readnext-related, readnext-popular')];
}

describe('loading', () => {
  let warnings: unknown[][];
  const warn = console.warn;
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
  });
  afterEach(() => {
    console.warn = warn;
    cleanup();
  });

  it('five elements with one manifest make exactly one request', async () => {
    const { url, key } = manifestUrl('news', { delay: '50' });
    const container = mount(`
      <readnext-related manifest="${url}" eager></readnext-related>
      <readnext-related manifest="${url}" layout="grid" eager></readnext-related>
      <readnext-related manifest="${url}" layout="compact" eager></readnext-related>
      <readnext-popular manifest="${url}" eager></readnext-popular>
      <readnext-popular manifest="${url}" window="30d" eager></readnext-popular>`);
    const elements = all(container);
    await Promise.all(elements.map((element) => settled(element)));
    expect(await requests(key)).to.equal(1);
  });

  for (const [name, params, code] of [
    ['a 404', { status: '404' }, 'http-error'],
    ['malformed JSON', { malformed: '' }, 'parse-error'],
  ] as const) {
    it(`${name} collapses the block and fires readnext-error once per element, one warning per URL`, async () => {
      const { url, key } = manifestUrl('news', params);
      const container = mount(`
        <readnext-related manifest="${url}" eager style="--readnext-min-height: 200px"></readnext-related>
        <readnext-popular manifest="${url}" eager></readnext-popular>`);
      const events = new Map<Element, CustomEvent[]>();
      container.addEventListener('readnext-error', (event) => {
        const target = event.target as Element;
        events.set(target, [...(events.get(target) ?? []), event]);
      });
      const elements = all(container);
      await Promise.all(elements.map((element) => settled(element, 'error')));
      await sleep(50);
      for (const element of elements) {
        expect(events.get(element), element.localName).to.have.length(1);
        const [event] = events.get(element) ?? [];
        expect(event?.bubbles).to.equal(true);
        expect(event?.composed).to.equal(true);
        expect(event?.detail.problem.code).to.equal(code);
        expect(element.getBoundingClientRect().height).to.equal(0);
        expect(getComputedStyle(element).display).to.equal('none');
        expect(element.shadowRoot?.childElementCount).to.equal(0);
      }
      expect(warnings).to.have.length(1);
      expect(String(warnings[0]?.[0])).to.match(/^readnext: /);
      // 4xx and parse errors are final: no retry.
      expect(await requests(key)).to.equal(1);
    });
  }

  it('an unsupported manifest version is an error; a manifest with no usable article is just empty', async () => {
    const container = mount(`
      <readnext-related manifest="${manifestUrl('wrong-version').url}" eager></readnext-related>
      <readnext-related manifest="${manifestUrl('no-usable').url}" eager></readnext-related>`);
    let codes: string[] = [];
    container.addEventListener('readnext-error', (event) => (codes = [...codes, event.detail.problem.code]));
    const [wrong, empty] = all(container) as [ReadnextBase, ReadnextBase];
    await settled(wrong, 'error');
    await settled(empty, 'empty');
    expect(codes).to.deep.equal(['unsupported-version']);
    expect(empty.getBoundingClientRect().height).to.equal(0);
  });

  it('keeps the reserved height while loading, then shows items', async () => {
    const { url } = manifestUrl('news', { delay: '400' });
    const container = mount(`<readnext-popular manifest="${url}" eager style="--readnext-min-height: 180px"></readnext-popular>`);
    const [element] = all(container) as [ReadnextBase];
    await settled(element, 'loading');
    expect(element.getBoundingClientRect().height).to.equal(180);
    await settled(element);
    expect(element.getBoundingClientRect().height).to.be.at.least(180);
  });

  it('an element removed while loading releases the request; a new one loads afresh', async () => {
    const { url, key } = manifestUrl('news', { delay: '300' });
    const container = mount(`<readnext-popular manifest="${url}" eager></readnext-popular>`);
    const [element] = all(container) as [ReadnextBase];
    await settled(element, 'loading');
    // Removed only once the server has the request: Firefox may otherwise
    // abort it before it leaves the browser, and it would never be counted.
    while (!(await requests(key))) await sleep(10);
    element.remove();
    await sleep(400);
    expect(element.state).to.equal('loading');
    const again = mount(`<readnext-popular manifest="${url}" eager></readnext-popular>`).firstElementChild as ReadnextBase;
    await settled(again);
    expect(await requests(key)).to.equal(2);
  });

  it('an element moved in the DOM while loading keeps its request', async () => {
    const { url, key } = manifestUrl('news', { delay: '300' });
    const container = mount(`<readnext-popular manifest="${url}" eager></readnext-popular>`);
    const [element] = all(container) as [ReadnextBase];
    await settled(element, 'loading');
    mount('').append(element);
    await settled(element);
    expect(await requests(key)).to.equal(1);
  });

  it('a store shares one load between callers and aborts only when every caller has gone', async () => {
    const { url, key } = manifestUrl('news', { delay: '200' });
    const store = storeFor({ manifest: new URL(url, location.href).href });
    const first = new AbortController();
    const second = new AbortController();
    const a = store.load(first.signal);
    const b = store.load(second.signal);
    first.abort();
    expect((await a).ok).to.equal(false);
    const result = await b;
    expect(result.ok).to.equal(true);
    expect(await requests(key)).to.equal(1);
    expect(storeFor({ manifest: new URL(url, location.href).href })).to.equal(store);
  });

  it('bad input through attributes and properties ends in a collapsed block, never an exception', async () => {
    const thrown: unknown[] = [];
    const onError = (event: ErrorEvent | PromiseRejectionEvent) => thrown.push('reason' in event ? event.reason : event.error);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
    try {
      const container = mount(`
        <readnext-related manifest="http://[bad" eager></readnext-related>
        <readnext-popular eager></readnext-popular>
        <readnext-related eager limit="banana" layout="carousel"></readnext-related>`);
      const [badUrl, nothingToRank, garbage] = all(container) as [ReadnextBase, ReadnextBase, ReadnextBase];
      let code = '';
      badUrl.addEventListener('readnext-error', (event) => (code = event.detail.problem.code));
      await settled(badUrl, 'error');
      expect(code).to.equal('invalid-url');
      await settled(nothingToRank, 'empty');
      (garbage as unknown as { articles: unknown }).articles = { not: 'an array' };
      await settled(garbage, 'error');
      (garbage as unknown as { articles: unknown }).articles = [null, 42, { id: 'ok', url: 'javascript:alert(1)', title: 'x' }, { id: 'fine', url: '/ok', title: 'Fine' }];
      await settled(garbage);
      expect(garbage.shadowRoot?.querySelectorAll('a')).to.have.length(1);
      expect(garbage.shadowRoot?.querySelector('ol')?.className).to.equal('list');
      await sleep(50);
      expect(thrown).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onError);
    }
  });

  describe('fetchJson', () => {
    it('retries a 5xx with backoff, then reports http-error', async () => {
      const { url, key } = manifestUrl('news', { status: '503' });
      const result = await fetchJson(url, { retries: 2, backoff: 10 });
      expect(result.ok).to.equal(false);
      expect(!result.ok && result.problem.code).to.equal('http-error');
      expect(await requests(key)).to.equal(3);
    });

    it('never retries a 4xx', async () => {
      const { url, key } = manifestUrl('news', { status: '410' });
      const result = await fetchJson(url, { retries: 3, backoff: 10 });
      expect(!result.ok && result.problem).to.include({ code: 'http-error', index: -1, level: 'error' });
      expect(await requests(key)).to.equal(1);
    });

    it('aborts each attempt at the timeout and retries a bounded number of times', async () => {
      const { url, key } = manifestUrl('news', { hang: '' });
      const start = performance.now();
      const result = await fetchJson(url, { timeout: 150, retries: 1, backoff: 20 });
      expect(!result.ok && result.problem.code).to.equal('timeout');
      expect(performance.now() - start).to.be.within(300, 1500);
      expect(await requests(key)).to.equal(2);
    });

    it('retries network errors, and maps them to fetch-failed', async () => {
      let calls = 0;
      const failing = (() => {
        calls++;
        return Promise.reject(new TypeError('Failed to fetch'));
      }) as typeof fetch;
      const result = await fetchJson('https://example.invalid/m.json', { fetch: failing, retries: 2, backoff: 1 });
      expect(!result.ok && result.problem.code).to.equal('fetch-failed');
      expect(calls).to.equal(3);
    });

    it('stops when the caller aborts, without calling it an error', async () => {
      const { url } = manifestUrl('news', { delay: '1000' });
      const controller = new AbortController();
      const pending = fetchJson(url, { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      const result = await pending;
      expect(!result.ok && result.aborted).to.equal(true);
    });

    it('parses JSON and reports a parse-error otherwise', async () => {
      const good = await fetchJson(manifestUrl().url);
      expect(good.ok && Array.isArray((good.value as { articles: unknown[] }).articles)).to.equal(true);
      const bad = await fetchJson(manifestUrl('news', { malformed: '' }).url);
      expect(!bad.ok && bad.problem.code).to.equal('parse-error');
    });
  });
});

describe('schedulers', () => {
  it('yieldToMain resolves, with and without scheduler.yield', async () => {
    await yieldToMain();
    const scheduler = (globalThis as { scheduler?: unknown }).scheduler;
    try {
      Object.defineProperty(globalThis, 'scheduler', { value: undefined, configurable: true, writable: true });
      await yieldToMain();
    } finally {
      Object.defineProperty(globalThis, 'scheduler', { value: scheduler, configurable: true, writable: true });
    }
  });
});
