/**
 * Where elements get ranked lists from. One source per configuration (a
 * module-level Map keyed by the URLs), so any number of elements cost one
 * request, one normalisation and one index.
 *
 * Elements only see {@link RankSource}: `load()`, `current()`, then
 * `related()` / `popular()`. The stages between URLs and a ranked list, each
 * in slices of at most ~10 ms of main-thread work (see {@link sliced}):
 *   fetch     → {@link cachedText}: the network, or with `cache` a Cache
 *               Storage copy revalidated by ETag; the manifest and a
 *               prebuilt index are fetched in parallel;
 *   parse     → {@link parseJson}, records in slices;
 *   normalise → the core's `normalizeSteps`, a few hundred records a step;
 *   rank      → from the articles' build-time `near` lists, so a page in a
 *               built manifest needs no search index at all. Only a page
 *               missing from the manifest (or a manifest without `near`)
 *               needs MiniSearch: the prebuilt `index` (if its ids match),
 *               else one built here, both in slices, on first need;
 *   or, with `precomputed`, {@link precomputedSource} reads the page's shard
 *   (and meta.json's popular lists) and falls back to the manifest.
 */
import MiniSearch, { type AsPlainObject } from 'minisearch';
import { Catalog } from '../core/catalog.js';
import { eligibility } from '../core/filters.js';
import { normalizeSteps } from '../core/normalize.js';
import type { PopularOptions, RelatedOptions } from '../core/options.js';
import { popular } from '../core/popular.js';
import { related } from '../core/related.js';
import { INDEX_OPTIONS, type ArticleIndex } from '../core/search-index.js';
import { shardFileName, shardOf, type PrecomputeMeta, type ShardFile } from '../core/shard.js';
import type { Article, NormalizedManifest, Problem, RankResult } from '../core/types.js';
import { canonicalUrl } from '../core/url.js';
import { cachedText, documentProblem, fetchJson, parseJson, sliced, type FetchOptions, type FetchOutcome } from './fetch-manifest.js';
import type { PageRef } from './page.js';

export { yieldToMain } from './fetch-manifest.js';

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

/** A source shared by URL: later elements' `index` and `cache` still count before anything is fetched. */
export interface SharedSource extends RankSource {
  /** The configuration, as merged by {@link storeFor}. */
  readonly config: StoreConfig;
}

/**
 * How a source loads. The first element to ask for a configuration creates
 * its source; elements with the same URLs share it.
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

type Load = (signal?: AbortSignal) => Promise<LoadResult>;

/** A failed load with its one problem (and an abort kept as such). */
const failed = (outcome: { problem: Problem; aborted?: true }): LoadResult => ({ ...outcome, ok: false, problems: [outcome.problem] });

const aborted = (): LoadResult => failed({ problem: documentProblem('fetch-failed', 'aborted'), aborted: true });

const resolved = Promise.resolve.bind(Promise) as <T>(value: T) => Promise<T>;

/** The core's `normalizeSteps` run in {@link sliced} slices of the main thread. */
async function normalize(document: unknown, manifestUrl?: string): Promise<NormalizedManifest> {
  const steps = normalizeSteps(document, { manifestUrl });
  let step: IteratorResult<void, NormalizedManifest>;
  await sliced(() => !!(step = steps.next()).done);
  return step!.value as NormalizedManifest;
}

/**
 * `fetchAll` run once for any number of callers. Each caller's `signal`
 * releases only that caller; when the last one leaves, the load is aborted
 * and forgotten, so the next caller starts afresh. Callers without a signal
 * hold it for good. A load that finished (even with an error) is kept.
 * Never rejects: a throw (a bug) becomes the load's problem.
 */
function shared(fetchAll: (signal: AbortSignal) => Promise<LoadResult>): Load {
  let loaded: LoadResult | undefined;
  let pending: Promise<LoadResult> | undefined;
  let controller: AbortController;
  let waiting = 0;
  return (signal) => {
    if (loaded) return resolved(loaded);
    if (signal?.aborted) return resolved(aborted());
    if (!pending) {
      const c = (controller = new AbortController());
      waiting = 0;
      // One microtask later, so elements starting in the same turn can still join with their index.
      // An aborted load was forgotten by the last caller to leave (below).
      pending = resolved(0)
        .then(() => fetchAll(c.signal))
        .catch((error) => failed({ problem: documentProblem('invalid-manifest', String(error)) }))
        .then((result) => (result.ok || !result.aborted ? (loaded = result) : result));
    }
    const mine = pending;
    if (!signal) {
      waiting = Infinity;
      return mine;
    }
    waiting++;
    return Promise.race([
      mine,
      new Promise<LoadResult>((resolve) =>
        // An AbortSignal fires `abort` at most once.
        signal.addEventListener('abort', () => {
          if (!--waiting && pending === mine && !loaded) {
            controller.abort();
            pending = undefined;
          }
          resolve(aborted());
        }),
      ),
    ]);
  };
}

/**
 * A manifest fetched from `config.manifest` (with its prebuilt `index`), or
 * with `records` the articles an element was given (normalised against
 * `config.manifest` as the base URL, nothing fetched).
 */
export function manifestSource(config: StoreConfig, records?: readonly unknown[]): SharedSource {
  let catalog: Catalog;
  let problems: Problem[];
  /** The prebuilt index as fetched, kept until a page first needs MiniSearch. */
  let prebuilt: FetchOutcome<string> | undefined;
  let indexing: Promise<void> | undefined;

  /**
   * Installs the prebuilt index when it covers exactly the catalogue's
   * articles (else warns why not), or builds one: either way in slices. At
   * 10k articles indexing takes seconds, which pages in a built manifest
   * never pay.
   */
  const index = async (): Promise<void> => {
    const docs = catalog.articles.filter((a) => !a.noindex);
    let ix: ArticleIndex | undefined;
    if (prebuilt) {
      let why = 'ids differ';
      try {
        if (!prebuilt.ok) throw prebuilt.problem.message;
        const json = (await parseJson(prebuilt.value)) as AsPlainObject;
        // Its ids are read from the JSON, so a mismatched index is never loaded.
        const ids = new Set(Object.values(json.documentIds));
        if (ids.size == docs.length && docs.every((a) => ids.has(a.id))) ix = await MiniSearch.loadJSAsync<Article>(json, INDEX_OPTIONS);
      } catch (error) {
        why = String(error);
      }
      if (!ix) {
        const problem: Problem = { ...documentProblem('invalid-manifest', `index ${config.index} not used (${why})`, 'index'), level: 'warning' };
        console.warn('readnext: ' + problem.message);
        problems.push(problem);
      }
    }
    if (!ix) {
      const fresh = (ix = new MiniSearch<Article>(INDEX_OPTIONS));
      let i = 0;
      await sliced(() => (i < docs.length && fresh.add(docs[i++]!), i >= docs.length));
    }
    catalog.setIndex(ix);
  };

  return {
    config,
    // Fetch (manifest and index in parallel) → parse → normalise → catalogue.
    load: shared(async (signal) => {
      const { manifest = '', index, cache } = config;
      const options = { ...config.fetch, signal };
      let document: unknown = records;
      if (!records) {
        const [got, pre] = await Promise.all([fetchJson(manifest, options, cache), index ? cachedText(index, options, cache) : undefined]);
        if (!got.ok) return failed(got);
        document = got.value;
        prebuilt = pre;
      }
      const result = await normalize(document, manifest);
      problems = result.problems;
      // A document-level problem (not a manifest, wrong version; always an error) fails the load.
      const fatal = problems.find((p) => p.index < 0);
      if (fatal) return { ok: false, problem: fatal, problems };
      catalog = new Catalog(result.articles);
      return { ok: true, problems };
    }),
    current: (page) => resolved(catalog.find(page)?.id),
    async related(page, options) {
      const current = catalog.find(page);
      // Without build-time neighbours (none, or an empty list), related() searches MiniSearch.
      if (!current?.near?.length) await (indexing ??= index());
      return related(catalog, current ?? page.context, options);
    },
    // Popular needs no index, so it never waits for one. No article has the id ''.
    popular: (page, options) => resolved(popular(catalog, { ...options, exclude: { ...options.exclude, ids: [...(options.exclude?.ids ?? []), catalog.find(page)?.id ?? ''] } })),
  };
}

/**
 * Related lists computed at build time (`readnext build --precompute DIR`):
 * `DIR/meta.json` once, then only the shard holding the page's canonical
 * URL. A page missing from its shard ranks from `manifest` when one is
 * configured, and shows nothing otherwise.
 */
export function precomputedSource(config: StoreConfig): SharedSource {
  let meta: PrecomputeMeta;
  const shards = new Map<number, Promise<ShardFile | undefined>>();

  /** The page's entry in its shard; the shard is fetched once and shared. */
  const entry = async (page: PageRef): Promise<ShardFile[string] | undefined> => {
    const key = canonicalUrl(page.url);
    if (key === undefined) return;
    const n = shardOf(key, meta.shards);
    let shard = shards.get(n);
    if (!shard) shards.set(n, (shard = fetchJson(config.precomputed + shardFileName(n, meta.shards), config.fetch, config.cache).then((got) => (got.ok ? (got.value as ShardFile) : undefined))));
    // A malformed entry yields no items rather than an error: normalisation drops what it cannot read.
    return (await shard)?.[key];
  };

  /** Display items as ranked items: normalised like any manifest (unsafe URLs dropped), then exclusions, history and limit. */
  const list = async (items: unknown[], options: Partial<RelatedOptions | PopularOptions>, page: PageRef): Promise<RankResult> => {
    const allowed = eligibility(options.exclude ?? {}, options.read ?? []);
    const here = canonicalUrl(page.url);
    return {
      items: (await normalize(items, config.precomputed))
        .articles.filter((a) => a.id !== page.id && a.canonicalUrl !== here && allowed(a))
        .slice(0, options.limit ?? 5)
        .map((article) => ({ article, score: 0, matched: [], factors: [{ kind: 'precomputed', detail: 'precomputed at build time', value: 1 }], source: 'related' })),
      filled: 0,
    };
  };

  return {
    config,
    load: shared(async (signal) => {
      const url = `${config.precomputed}meta.json`;
      const got = await fetchJson(url, { ...config.fetch, signal }, config.cache);
      if (!got.ok) return failed(got);
      meta = got.value as PrecomputeMeta;
      return meta?.version === 1 && meta.shards >= 1 ? { ok: true, problems: [] } : failed({ problem: documentProblem('unsupported-version', `${url}: not version 1`) });
    }),
    current: async (page) => page.id ?? (await entry(page))?.id,
    async related(page, options) {
      const found = await entry(page);
      if (found) return list(found.related, options, page);
      const store = config.manifest && storeFor({ ...config, precomputed: undefined });
      return store && (await store.load()).ok ? store.related(page, options) : { items: [], filled: 0 };
    },
    // meta.json's list for the window, ranked by views at build time (`metric` does not apply).
    popular: (page, options) => list(meta.popular?.[options.window ?? '7d'] ?? [], options, page),
  };
}

const stores = new Map<string, SharedSource>();
const inline = new WeakMap<readonly unknown[], RankSource>();

/** The one source for `config.manifest` and `config.precomputed` on this page, created on first use. Creating one fetches nothing. */
export function storeFor(config: StoreConfig): SharedSource {
  const key = JSON.stringify([config.manifest, config.precomputed]);
  let store = stores.get(key);
  if (store) {
    // Read when the fetch starts, a microtask after the first load(): later changes count for nothing.
    store.config.index ??= config.index;
    store.config.cache ||= config.cache;
  } else stores.set(key, (store = (config.precomputed ? precomputedSource : manifestSource)({ ...config })));
  return store;
}

/** The source for an `articles` array; the same array object reuses its catalogue and index. */
export function inlineSource(records: readonly unknown[], baseUrl: string): RankSource {
  let source = inline.get(records);
  if (!source) inline.set(records, (source = manifestSource({ manifest: baseUrl }, records)));
  return source;
}
