/**
 * Where elements get ranked lists from. One source per configuration (a
 * module-level Map keyed by the URLs and switches below), so any number of
 * elements cost one request, one normalisation and one index.
 *
 * Elements only see {@link RankSource}: `load()`, `current()`, then
 * `related()` / `popular()`. The stages between URLs and a ranked list:
 *   fetch   → {@link cachedText}: the network, or with `cache` a Cache
 *             Storage copy revalidated by ETag / Last-Modified; the manifest
 *             and a prebuilt index are fetched in parallel;
 *   catalog → normalise the manifest (a task of its own, after parsing);
 *   index   → {@link CatalogSource.prepare}: yields to the main thread; when
 *             a page missing from the manifest needs MiniSearch, installs
 *             the prebuilt index (`index`) if its ids match, else warns and
 *             builds one in time-boxed slices;
 *   rank    → the core's related() / popular(); or, with `precomputed`,
 *             {@link PrecomputedSource} reads the page's shard (and
 *             meta.json's popular lists) and falls back to the manifest.
 */
import MiniSearch from 'minisearch';
import { Catalog } from '../core/catalog.js';
import { eligibility } from '../core/filters.js';
import { normalizeManifest } from '../core/normalize.js';
import type { PopularOptions, RelatedOptions } from '../core/options.js';
import { popular } from '../core/popular.js';
import { related } from '../core/related.js';
import { INDEX_OPTIONS, loadIndex } from '../core/search-index.js';
import { shardFileName, shardOf, type PrecomputeMeta, type ShardFile } from '../core/shard.js';
import type { Article, Problem, RankResult } from '../core/types.js';
import { canonicalUrl } from '../core/url.js';
import { cachedText, documentProblem, fetchJson, type FetchOptions, type FetchOutcome } from './fetch-manifest.js';
import type { PageRef } from './page.js';

/** Longest main-thread slice of chunked indexing, well inside the 50 ms that counts as a long task. */
const SLICE_MS = 12;

/** A finished load, or the problem that stopped it. Problems of single records ride along either way. */
export type LoadResult =
  | { ok: true; problems: readonly Problem[] }
  | { ok: false; problem: Problem; problems: readonly Problem[]; aborted?: true };

/** What an element ranks from: a manifest, precomputed lists, or articles given as a property. */
export interface RankSource {
  /** Starts loading (once per source) and resolves when done. Never rejects. Aborting `signal` releases this caller only. */
  load(signal?: AbortSignal): Promise<LoadResult>;
  /** Id of the article `page` is about, when known (for reader history); call after `load()` succeeded. */
  current(page: PageRef): Promise<string | undefined>;
  /** "You May Also Like" for `page`; call after `load()` succeeded. */
  related(page: PageRef, options: Partial<RelatedOptions>): Promise<RankResult>;
  /** "Most Popular", leaving out the article `page` is about; call after `load()` succeeded. */
  popular(page: PageRef, options: Partial<PopularOptions>): Promise<RankResult>;
}

/**
 * How a source loads. The first element to ask for a configuration creates
 * its source; elements with the same URLs and switches share it.
 */
export interface StoreConfig {
  /** Absolute manifest URL; optional only with `precomputed`. */
  manifest?: string | undefined;
  /** Absolute URL of a prebuilt index (`readnext build --index`). */
  index?: string | undefined;
  /** Absolute base URL of precomputed lists (`readnext build --precompute`). */
  precomputed?: string | undefined;
  /** Keep responses in Cache Storage and revalidate them. Defaults to off. */
  cache?: boolean | undefined;
  /** Timeout, retries and backoff for every request the store makes. Defaults to {@link FETCH_DEFAULTS}. */
  fetch?: Omit<FetchOptions, 'signal'>;
}

/** Loads once for any number of callers; aborts the request when the last one leaves. */
abstract class SharedLoad {
  protected loaded: LoadResult | undefined;
  /** What to load: the first caller's, with later callers' `index` and `cache` while nothing is fetched yet. */
  config: Readonly<StoreConfig>;
  private pending: Promise<LoadResult> | undefined;
  private controller: AbortController | undefined;
  private waiting = 0;

  constructor(config: StoreConfig = {}) {
    this.config = { ...config };
  }

  /**
   * Another element asks for this source: before anything is fetched, its
   * prebuilt index and cache switch still count, so `index` on the related
   * block is not lost when the popular block (which needs none) starts first.
   */
  join(config: StoreConfig): void {
    // Once fetchAll() has read the config (a microtask after the first load()), this changes nothing.
    if (!this.loaded) this.config = { ...this.config, index: this.config.index ?? config.index, cache: this.config.cache || config.cache };
  }

  load(signal?: AbortSignal): Promise<LoadResult> {
    if (this.loaded) return Promise.resolve(this.loaded);
    if (signal?.aborted) return Promise.resolve(aborted());
    if (!this.pending) {
      const controller = (this.controller = new AbortController());
      this.waiting = 0;
      // One microtask later, so elements starting in the same turn can still join() with their index.
      this.pending = Promise.resolve().then(() => this.fetchAll(controller.signal)).then((result) => {
        // An aborted load is forgotten, so the next element to ask starts afresh.
        if (result.ok || !result.aborted) this.loaded = result;
        if (this.controller === controller) this.pending = this.controller = undefined;
        return result;
      });
    }
    const pending = this.pending;
    // Callers without a signal hold the request forever; the rest release it on abort.
    if (!signal) {
      this.waiting = Infinity;
      return pending;
    }
    this.waiting++;
    return new Promise((resolve) => {
      const release = (): void => {
        signal.removeEventListener('abort', release);
        if (--this.waiting === 0 && this.pending === pending) {
          this.controller?.abort();
          this.pending = this.controller = undefined;
        }
        resolve(aborted());
      };
      signal.addEventListener('abort', release);
      void pending.then((result) => {
        if (signal.aborted) return;
        signal.removeEventListener('abort', release);
        this.waiting--;
        resolve(result);
      });
    });
  }

  /** Everything the source needs before it can rank. Never rejects. */
  protected abstract fetchAll(signal: AbortSignal): Promise<LoadResult>;
}

/** Base of manifest and inline sources: ranking over a catalogue that is (eventually) loaded. */
abstract class CatalogSource extends SharedLoad implements RankSource {
  protected catalog: Catalog | undefined;
  private prepared: Promise<void> | undefined;
  private chunked: Promise<void> | undefined;

  current(page: PageRef): Promise<string | undefined> {
    return Promise.resolve(this.catalog?.find(page)?.id);
  }

  async related(page: PageRef, options: Partial<RelatedOptions>): Promise<RankResult> {
    const catalog = this.ready();
    const current = catalog.find(page);
    await this.prepare(catalog, !current);
    return related(catalog, current ?? page.context, options);
  }

  async popular(page: PageRef, options: Partial<PopularOptions>): Promise<RankResult> {
    const catalog = this.ready();
    const current = catalog.find(page);
    // Popular needs no index, so it never waits for one.
    return popular(catalog, current ? { ...options, exclude: { ...options.exclude, ids: [...(options.exclude?.ids ?? []), current.id] } } : options);
  }

  /**
   * Runs before a related() ranking. It gives the main thread back once, so
   * parsing the manifest and building the core's vector index (on first use)
   * are separate tasks. A page missing from the catalogue may fall back to
   * MiniSearch's fuzzy matching, so its index (unless prebuilt) is built
   * here in chunks that yield between them rather than in one long task.
   */
  protected prepare(catalog: Catalog, fuzzy: boolean): Promise<void> {
    const yielded = (this.prepared ??= yieldToMain());
    if (!fuzzy || catalog.indexed) return yielded;
    return (this.chunked ??= yielded.then(async () => {
      const index = new MiniSearch<Article>(INDEX_OPTIONS);
      const docs = catalog.articles.filter((a) => !a.noindex);
      // Slices by time, not count: an article costs about 1 ms to index here
      // and several times that on a slow phone, so no fixed chunk fits both.
      for (let i = 0; i < docs.length; await yieldToMain()) {
        const end = performance.now() + SLICE_MS;
        while (i < docs.length && performance.now() < end) index.add(docs[i++]!);
      }
      if (!catalog.indexed) catalog.setIndex(index);
    }));
  }

  private ready(): Catalog {
    if (!this.catalog) throw new Error('readnext: rank() before a successful load()');
    return this.catalog;
  }

  /** Normalises a document; a document-level error (not a manifest, wrong version) fails the load. */
  protected use(document: unknown, baseUrl: string): LoadResult {
    const { articles, problems } = normalizeManifest(document, { manifestUrl: baseUrl });
    const fatal = problems.find((p) => p.index === -1 && p.level === 'error');
    if (fatal) return { ok: false, problem: fatal, problems };
    this.catalog = new Catalog(articles);
    return { ok: true, problems };
  }
}

/** A manifest fetched from a URL (and optionally its prebuilt index), shared by every element that names it. */
export class ManifestStore extends CatalogSource {
  /** The prebuilt index as fetched, until a page first needs MiniSearch. */
  private prebuilt: FetchOutcome<string> | undefined;

  /** Fetch (manifest and index in parallel) → normalise → catalogue. Never rejects. */
  protected async fetchAll(signal: AbortSignal): Promise<LoadResult> {
    const { manifest = '', index, cache } = this.config;
    const options = { ...this.config.fetch, signal };
    const [document, prebuilt] = await Promise.all([fetchJson(manifest, options, cache), index ? cachedText(index, options, cache) : undefined]);
    if (!document.ok) return failed(document);
    // Parsing and normalising a large manifest are long tasks each; two are better than one.
    await yieldToMain();
    try {
      this.prebuilt = prebuilt;
      return this.use(document.value, manifest);
    } catch (error) {
      // The core returns problems rather than throwing; this is the seatbelt for a bug there.
      return failed({ problem: documentProblem('invalid-manifest', String(error)) });
    }
  }

  /**
   * Installs the prebuilt index on first need: related() uses MiniSearch only
   * for pages missing from the manifest, and at 10k articles `loadIndex` is a
   * multi-second task that other pages should never pay for.
   */
  protected override prepare(catalog: Catalog, fuzzy: boolean): Promise<void> {
    const prebuilt = this.prebuilt;
    if (fuzzy && prebuilt) {
      this.prebuilt = undefined;
      const problem = this.install(catalog, prebuilt, this.config.index!);
      if (problem) {
        console.warn(`readnext: ${problem.message}`);
        (this.loaded!.problems as Problem[]).push(problem);
      }
    }
    return super.prepare(catalog, fuzzy);
  }

  /** Installs the prebuilt index when it covers exactly the catalogue's articles; otherwise the warning why not. */
  private install(catalog: Catalog, prebuilt: FetchOutcome<string>, url: string): Problem | undefined {
    let why = prebuilt.ok ? 'does not match the manifest' : prebuilt.problem.message;
    if (prebuilt.ok) {
      try {
        const index = loadIndex(prebuilt.value);
        const ids = catalog.articles.filter((a) => !a.noindex).map((a) => a.id);
        if (index.documentCount === ids.length && ids.every((id) => index.has(id))) return void catalog.setIndex(index);
      } catch (error) {
        why = String(error);
      }
    }
    return { ...documentProblem('invalid-manifest', `index ${url} not used (${why}); indexing in the browser`, 'index'), level: 'warning' };
  }
}

/** Articles handed to an element directly (its `articles` property): no fetch, same ranking. */
export class InlineSource extends CatalogSource {
  constructor(records: readonly unknown[], baseUrl: string) {
    super();
    this.loaded = this.use(records, baseUrl);
  }

  protected fetchAll(): Promise<LoadResult> {
    return Promise.resolve(this.loaded!);
  }
}

/**
 * Related lists computed at build time (`readnext build --precompute DIR`):
 * `DIR/meta.json` once, then only the shard holding the page's canonical
 * URL. A page missing from its shard ranks from `manifest` when one is
 * configured, and shows nothing otherwise.
 */
export class PrecomputedSource extends SharedLoad implements RankSource {
  private meta: PrecomputeMeta | undefined;
  private readonly shards = new Map<number, Promise<ShardFile | undefined>>();

  async current(page: PageRef): Promise<string | undefined> {
    return page.id ?? (await this.entry(page))?.id;
  }

  async related(page: PageRef, options: Partial<RelatedOptions>): Promise<RankResult> {
    const entry = await this.entry(page);
    if (entry) return this.list(entry.related, options, page);
    const store = await this.fallback();
    return store ? store.related(page, options) : { items: [], filled: 0 };
  }

  /** meta.json's list for the window, ranked by views at build time (`metric` does not apply). */
  popular(page: PageRef, options: Partial<PopularOptions>): Promise<RankResult> {
    return Promise.resolve(this.list(this.meta!.popular?.[options.window ?? '7d'] ?? [], options, page));
  }

  protected async fetchAll(signal: AbortSignal): Promise<LoadResult> {
    const url = `${this.config.precomputed}meta.json`;
    const got = await fetchJson(url, { ...this.config.fetch, signal }, this.config.cache);
    if (!got.ok) return failed(got);
    const meta = got.value as PrecomputeMeta;
    if (meta?.version !== 1 || !(meta.shards >= 1)) return failed({ problem: documentProblem('unsupported-version', `${url} is not version 1`) });
    this.meta = meta;
    return { ok: true, problems: [] };
  }

  /** The page's entry in its shard; the shard is fetched once and shared. */
  private async entry(page: PageRef): Promise<ShardFile[string] | undefined> {
    const key = canonicalUrl(page.url);
    if (key === undefined) return undefined;
    const { shards } = this.meta!;
    const n = shardOf(key, shards);
    let shard = this.shards.get(n);
    if (!shard) {
      shard = fetchJson(this.config.precomputed + shardFileName(n, shards), this.config.fetch, this.config.cache).then((got) => (got.ok ? (got.value as ShardFile) : undefined));
      this.shards.set(n, shard);
    }
    // A malformed entry yields no items rather than an error: normalisation drops what it cannot read.
    return (await shard)?.[key];
  }

  /** The manifest store to rank from when the page has no precomputed list, loaded on first need. */
  private async fallback(): Promise<ManifestStore | undefined> {
    if (!this.config.manifest) return undefined;
    const store = storeFor({ ...this.config, precomputed: undefined }) as ManifestStore;
    return (await store.load()).ok ? store : undefined;
  }

  /**
   * Display items as ranked items: normalised like any manifest (unsafe URLs
   * dropped), then the element's exclusions, history and limit applied.
   */
  private list(items: unknown[], options: Partial<RelatedOptions | PopularOptions>, page: PageRef): RankResult {
    const { articles } = normalizeManifest(items, { manifestUrl: this.config.precomputed });
    const allowed = eligibility(options.exclude ?? {}, options.read ?? []);
    const here = canonicalUrl(page.url);
    return {
      items: articles
        .filter((a) => a.id !== page.id && a.canonicalUrl !== here && allowed(a))
        .slice(0, options.limit ?? 5)
        .map((article) => ({ article, score: 0, matched: [], factors: [{ kind: 'precomputed', detail: 'precomputed at build time', value: 1 }], source: 'related' })),
      filled: 0,
    };
  }
}

const stores = new Map<string, ManifestStore | PrecomputedSource>();
const inline = new WeakMap<readonly unknown[], InlineSource>();

/** The one source for `config.manifest` and `config.precomputed` on this page, created on first use. Creating one fetches nothing. */
export function storeFor(config: StoreConfig): ManifestStore | PrecomputedSource {
  const key = JSON.stringify([config.manifest, config.precomputed]);
  let store = stores.get(key);
  if (store) store.join(config);
  else stores.set(key, (store = config.precomputed ? new PrecomputedSource(config) : new ManifestStore(config)));
  return store;
}

/** The source for an `articles` array; the same array object reuses its catalogue and index. */
export function inlineSource(records: readonly unknown[], baseUrl: string): InlineSource {
  let source = inline.get(records);
  if (!source) inline.set(records, (source = new InlineSource(records, baseUrl)));
  return source;
}

/** A failed load with its one problem (and an abort kept as such). */
function failed<T extends { problem: Problem; aborted?: true }>(outcome: T): LoadResult {
  return { ...outcome, ok: false, problems: [outcome.problem] };
}

function aborted(): LoadResult {
  return { ok: false, problem: documentProblem('fetch-failed', 'aborted'), problems: [], aborted: true };
}

interface Scheduler {
  yield?: () => Promise<void>;
}

/**
 * Gives the main thread back for one turn: `scheduler.yield()` where it
 * exists (it keeps our place in the queue), else a zero timeout.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Resolves when the browser is idle (or after `timeout` ms at the latest).
 * Safari has no `requestIdleCallback`, so it falls back to a short timeout.
 */
export function whenIdle(timeout = 200): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout });
    else setTimeout(resolve, 16);
  });
}
