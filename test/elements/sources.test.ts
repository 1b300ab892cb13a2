/**
 * Where lists come from besides an indexed manifest (issues 4 and 5): a
 * prebuilt index, precomputed shards from a small hand-made fixture, and the
 * opt-in Cache Storage copy revalidated by ETag.
 */
import { expect } from '@esm-bundle/chai';
import MiniSearch from 'minisearch';
import '../../src/define.js';
import { normalizeManifest } from '../../src/core/normalize.js';
import { createIndex } from '../../src/core/catalog.js';
import { CACHE_NAME } from '../../src/data/cache.js';
import { manifestSource } from '../../src/data/store.js';
import type { ReadnextBase } from '../../src/elements/readnext-base.js';
import { cleanup, clearHead, manifestUrl, mount, requests, setHead, settled, shown, sleep, until } from './helpers.js';

let counter = 0;
/** A fresh request-counting prefix for fixture files (see /api/files in web-test-runner.config.mjs). */
const files = (): string => `f${Date.now()}-${++counter}`;
const absolute = (url: string): string => new URL(url, location.href).href;

function mountOne(markup: string): ReadnextBase {
  return mount(markup).firstElementChild as ReadnextBase;
}

describe('precomputed lists', () => {
  afterEach(() => {
    cleanup();
    clearHead();
  });

  it('renders the page\'s list from its shard alone: meta.json, then one shard file, no manifest', async () => {
    const key = files();
    const el = mountOne(`<readnext-related precomputed="/api/files/${key}/precomputed" article-url="https://news.example/news/heatwave-grid?utm_source=x" eager></readnext-related>`);
    await settled(el);
    // The javascript: entry is dropped like any unsafe manifest record.
    expect(shown(el)).to.deep.equal(['battery-storage', 'solar-farms', 'river-drought', 'city-marathon']);
    expect(el.shadowRoot!.querySelector('a')!.href).to.equal('https://news.example/news/battery-storage');
    expect(await requests(`${key}/precomputed/meta.json`)).to.equal(1);
    expect(await requests(`${key}/precomputed/shards/000.json`)).to.equal(1);
    expect(await requests(`${key}/precomputed/shards/001.json`)).to.equal(0);
  });

  it('applies limit, exclusions and explain to precomputed items; popular comes from meta.json', async () => {
    const key = files();
    const container = mount(`
      <readnext-related precomputed="/api/files/${key}/precomputed/" article-url="https://news.example/news/heatwave-grid" limit="2" exclude-ids="solar-farms" explain eager></readnext-related>
      <readnext-popular precomputed="/api/files/${key}/precomputed/" eager></readnext-popular>`);
    setHead({ canonical: 'https://news.example/news/heatwave-grid' });
    const [rel, pop] = [...container.children] as ReadnextBase[];
    await settled(rel!);
    await settled(pop!);
    expect(shown(rel!)).to.deep.equal(['battery-storage', 'river-drought']);
    expect(rel!.shadowRoot!.querySelector('[part="explain"]')!.textContent).to.equal('precomputed at build time (precomputed 1)');
    // The article being read is left out of Most Popular.
    expect(shown(pop!)).to.deep.equal(['derby-report', 'ai-tutors', 'railway-bakery']);
    expect(await requests(`${key}/precomputed/meta.json`)).to.equal(1);
  });

  it('a page missing from its shard shows nothing without a manifest, and ranks from the manifest with one', async () => {
    const key = files();
    const alone = mountOne(`<readnext-related precomputed="/api/files/${key}/precomputed" article-url="https://news.example/news/solar-farms" eager></readnext-related>`);
    await settled(alone, 'empty');
    const { url, key: manifestKey } = manifestUrl();
    const withManifest = mountOne(`<readnext-related precomputed="/api/files/${key}/precomputed" manifest="${url}" article-url="/news/solar-farms" eager></readnext-related>`);
    await settled(withManifest);
    expect(shown(withManifest)).to.have.length(5);
    expect(shown(withManifest)).not.to.include('solar-farms');
    expect(await requests(manifestKey)).to.equal(1);
  });

  it('a missing meta.json is an error that collapses the block', async () => {
    const el = mountOne(`<readnext-related precomputed="/api/files/${files()}/nowhere" eager></readnext-related>`);
    const warn = console.warn;
    console.warn = () => {};
    try {
      await settled(el, 'error');
    } finally {
      console.warn = warn;
    }
  });
});

describe('prebuilt index', () => {
  let warnings: unknown[][];
  const warn = console.warn;
  let newsText: string;
  beforeEach(async () => {
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    newsText ??= await (await fetch('/test/fixtures/elements/news.json')).text();
  });
  afterEach(() => {
    console.warn = warn;
    cleanup();
  });

  /** An index as `readnext build --index` writes it, over the first `n` articles, served from a blob: URL. */
  function indexUrl(manifest: string, n = Infinity): string {
    const { articles } = normalizeManifest(JSON.parse(newsText), { manifestUrl: manifest });
    const json = JSON.stringify(createIndex(articles.slice(0, n)));
    // Building it here went through the counter.
    added = 0;
    return URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  }

  /**
   * The news fixture as `readnext build` would write it, with `near` lists
   * (each article's next two, by raw index), served from /api/manifest/stash.
   */
  async function builtManifest(): Promise<{ url: string; key: string }> {
    const document = JSON.parse(newsText) as { articles: Record<string, unknown>[] };
    const n = document.articles.length;
    document.articles.forEach((a, i) => (a.near = [(i + 1) % n, 500, (i + 2) % n, 400]));
    const stashed = manifestUrl('stash');
    await fetch(`/api/stash?key=${stashed.key}`, { method: 'POST', body: JSON.stringify(document) });
    return stashed;
  }

  // Counts documents MiniSearch indexes in the page, and prebuilt indexes it loads.
  let added = 0;
  let loaded = 0;
  const add = MiniSearch.prototype.add;
  const loadJSAsync = MiniSearch.loadJSAsync;
  before(() => {
    MiniSearch.prototype.add = function (this: MiniSearch, document: unknown) {
      added++;
      return add.call(this, document);
    };
    MiniSearch.loadJSAsync = function (this: typeof MiniSearch, ...args: Parameters<typeof loadJSAsync>) {
      loaded++;
      return loadJSAsync.apply(this, args);
    } as typeof loadJSAsync;
  });
  after(() => {
    MiniSearch.prototype.add = add;
    MiniSearch.loadJSAsync = loadJSAsync;
  });
  beforeEach(() => {
    added = loaded = 0;
  });

  // Only pages missing from the manifest (or a manifest without `near`) need MiniSearch.
  const NEW_PAGE = 'article-url="/news/not-in-the-manifest"';

  it('a page in a built manifest ranks from `near` alone: no index is loaded or built', async () => {
    const { url } = await builtManifest();
    const known = mountOne(`<readnext-related manifest="${url}" index="${indexUrl(absolute(url))}" article-id="heatwave-grid" limit="2" eager></readnext-related>`);
    await settled(known);
    const ids = (JSON.parse(newsText) as { articles: { id: string }[] }).articles.map((a) => a.id);
    // heatwave-grid is article 0: its neighbours are articles 1 and 2.
    expect(shown(known)).to.have.members([ids[1], ids[2]]);
    expect([loaded, added]).to.deep.equal([0, 0]);
    // A page missing from the manifest loads the prebuilt index, once, and builds nothing.
    const fresh = mountOne(`<readnext-related manifest="${url}" ${NEW_PAGE} eager></readnext-related>`);
    await settled(fresh);
    expect([loaded, added]).to.deep.equal([1, 0]);
    expect(warnings).to.deep.equal([]);
  });

  it('the index itself is fetched only when a page first needs text search', async () => {
    const { url } = manifestUrl();
    // Counted by the server; its content does not matter until it is fetched.
    const { url: index, key } = manifestUrl('stash');
    await fetch(`/api/stash?key=${key}`, { method: 'POST', body: '{}' });
    const known = mountOne(`<readnext-related manifest="${url}" index="${index}" article-id="heatwave-grid" eager></readnext-related>`);
    await settled(known);
    expect(await requests(key)).to.equal(0);
    const fresh = mountOne(`<readnext-related manifest="${url}" index="${index}" ${NEW_PAGE} eager></readnext-related>`);
    await settled(fresh);
    expect(await requests(key)).to.equal(1);
  });

  it('an article whose `near` list is empty needs MiniSearch, like one without', async () => {
    const document = JSON.parse(newsText) as { articles: Record<string, unknown>[] };
    // heatwave-grid is article 0; every other article has a neighbour.
    document.articles.forEach((a, i) => (a.near = i ? [0, 500] : []));
    const { url, key } = manifestUrl('stash');
    await fetch(`/api/stash?key=${key}`, { method: 'POST', body: JSON.stringify(document) });
    const el = mountOne(`<readnext-related manifest="${url}" index="${indexUrl(absolute(url))}" article-id="heatwave-grid" eager></readnext-related>`);
    await until(() => el.state == 'ready' || el.state == 'empty', 'a settled element');
    expect([loaded, added]).to.deep.equal([1, 0]);
    expect(warnings).to.deep.equal([]);
  });

  it('is fetched beside the manifest and installed instead of indexing in the browser', async () => {
    const { url } = manifestUrl();
    const index = indexUrl(absolute(url));
    const fresh = mountOne(`<readnext-related manifest="${url}" index="${index}" ${NEW_PAGE} eager></readnext-related>`);
    await settled(fresh);
    expect([loaded, added]).to.deep.equal([1, 0]);
    expect(warnings).to.deep.equal([]);
    const plain = mountOne(`<readnext-related manifest="${manifestUrl().url}" ${NEW_PAGE} eager></readnext-related>`);
    await settled(plain);
    expect(added).to.equal(11);
    expect(shown(fresh)).to.deep.equal(shown(plain));
  });

  it('elements sharing a manifest share one store: `index` on a later one still counts before anything is fetched', async () => {
    const { url, key } = manifestUrl();
    const index = indexUrl(absolute(url));
    const container = mount(`
      <readnext-popular manifest="${url}" eager></readnext-popular>
      <readnext-related manifest="${url}" index="${index}" ${NEW_PAGE} eager></readnext-related>`);
    for (const el of container.children) await settled(el as ReadnextBase);
    expect([loaded, added]).to.deep.equal([1, 0]);
    expect(await requests(key)).to.equal(1);
  });

  it('an index that does not match the manifest, or does not load, is set aside with one warning', async () => {
    const { url } = manifestUrl();
    const index = indexUrl(absolute(url), 5);
    const el = mountOne(`<readnext-related manifest="${url}" index="${index}" ${NEW_PAGE} eager></readnext-related>`);
    await settled(el);
    expect(added).to.equal(11);
    expect(warnings).to.have.length(1);
    expect(String(warnings[0]![0])).to.match(/^readnext: index blob:\S+ not used \(ids differ\)$/);
    const missing = mountOne(`<readnext-related manifest="${manifestUrl().url}" index="/api/manifest/absent?status=404" ${NEW_PAGE} eager></readnext-related>`);
    await settled(missing);
    expect(warnings).to.have.length(2);
    expect(String(warnings[1]![0])).to.match(/not used \(\S+: HTTP 404\)$/);
    expect(shown(missing)).to.deep.equal(shown(el));
  });
});

describe('cache (opt-in Cache Storage, revalidated by ETag)', () => {
  const open = caches.open.bind(caches);
  beforeEach(async () => {
    await caches.delete(CACHE_NAME);
  });
  afterEach(async () => {
    caches.open = open;
    cleanup();
    await caches.delete(CACHE_NAME);
  });

  it('a second page view revalidates with If-None-Match and downloads nothing on 304', async () => {
    const key = files();
    const url = `/api/files/${key}/news.json?etag=v1`;
    const el = mountOne(`<readnext-popular manifest="${url}" cache eager></readnext-popular>`);
    await settled(el);
    await sleep(50);
    expect(await (await caches.open(CACHE_NAME)).match(absolute(url))).to.not.equal(undefined);
    // A new store is what a second page view starts with.
    const second = manifestSource({ manifest: absolute(url), cache: true });
    expect((await second.load()).ok).to.equal(true);
    const page = { url: 'https://elsewhere.example/' };
    expect((await second.popular(page, { window: 'all', limit: 50 })).items).to.have.length(11);
    expect(await requests(`${key}/news.json`)).to.equal(1);
    expect(await requests(`${key}/news.json#304`)).to.equal(1);
  });

  it('a failing network falls back to the cached copy; without `cache` it fails', async () => {
    const key = files();
    const v1 = absolute(`/api/files/${key}/news.json?etag=v1`);
    expect((await manifestSource({ manifest: v1, cache: true }).load()).ok).to.equal(true);
    await sleep(50);
    const failing = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    const offline = manifestSource({ manifest: v1, cache: true, fetch: { fetch: failing, retries: 0 } });
    expect((await offline.load()).ok).to.equal(true);
    const without = manifestSource({ manifest: v1, fetch: { fetch: failing, retries: 0 } });
    expect((await without.load()).ok).to.equal(false);
  });

  it('without `cache` Cache Storage is never opened; where it throws, the network alone serves', async () => {
    let opened = 0;
    caches.open = (name: string) => {
      opened++;
      return open(name);
    };
    const el = mountOne(`<readnext-related manifest="${manifestUrl().url}" article-id="heatwave-grid" eager></readnext-related>`);
    await settled(el);
    expect(opened).to.equal(0);
    caches.open = () => Promise.reject(new DOMException('denied', 'SecurityError'));
    const blocked = mountOne(`<readnext-related manifest="${manifestUrl().url}" article-id="heatwave-grid" cache eager></readnext-related>`);
    await settled(blocked);
    expect(shown(blocked)).to.deep.equal(shown(el));
  });
});
