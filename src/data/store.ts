/**
 * Where elements get ranked lists from. One source per configuration (a
 * module-level Map keyed by the URLs), so any number of elements cost one
 * request, one normalisation and one index.
 *
 * Elements only see {@link RankSource}: `load()`, `current()`, then
 * `related()` / `popular()`. The stages between URLs and a ranked list, each
 * in slices of at most ~10 ms of main-thread work (see {@link sliced}):
 *   fetch     → {@link cachedText}: the network, or with `cache` a Cache
 *               Storage copy revalidated by ETag; a prebuilt index
 *               only on first need (below), with the search part;
 *   parse     → {@link parseJson}, records in slices;
 *   first     → for a built manifest, the page's related list from its own
 *               neighbourhood ({@link quick}) while the rest is normalised;
 *   normalise → the core's `normalizeSteps`, a few hundred records a step;
 *   rank      → from the articles' build-time `near` lists, so a page in a
 *               built manifest needs no search index at all. Only a page
 *               missing from the manifest (or a manifest without `near`)
 *               needs MiniSearch (the search part): the prebuilt `index`
 *               (if its ids match), else one built here, both in slices;
 *   or, with `precomputed`, {@link precomputedSource} reads the page's shard
 *   (and meta.json's popular lists) and falls back to the manifest.
 */
import { ArticleSet } from '../core/article-set.js';
import { isFeed } from '../core/feed.js';
import { isArray, isObject, isString, own, read } from '../core/json.js';
import { normalizeLabels, normalizeSteps } from '../core/normalize.js';
import { resolveRelatedOptions, type PopularOptions, type RelatedOptions } from '../core/options.js';
import { popular } from '../core/popular.js';
import { related } from '../core/related.js';
import { loadSearch, loadShards } from './parts.js';
import type { PrecomputeMeta } from '../core/shard.js';
import type { Labels, NormalizedManifest, Problem, RankResult } from '../core/types.js';
import { cachedText, documentProblem, fetchJson, sliced, yieldToMain, type FetchOptions } from './fetch-manifest.js';
import type { PageRef } from './page.js';
import type { ShardLists } from '../shards.js';

export { yieldToMain } from './fetch-manifest.js';

/** A finished load, or the problem that stopped it. Problems of single records ride along either way. */
export type LoadResult =
  | { ok: true; problems: readonly Problem[]; labels?: Labels | undefined }
  | { ok: false; problem: Problem; problems: readonly Problem[]; aborted?: true };

/**
 * A ranked list; with `final`, a first list ranked while the manifest was
 * still being normalised (see {@link quick}): `final` resolves truthy when
 * the list from the whole catalogue differs, and the element ranks again.
 */
export type Ranked = RankResult & { final?: Promise<unknown> };

/** A list's ids, to compare two lists (an id has no line break: the normaliser collapses white space). */
const key = (result: RankResult): string => result.items.map((item) => item.article.id).join('\n');

export type RelatedRequest = Partial<RelatedOptions> & { terms?: boolean };

/** What an element ranks from: a manifest, precomputed lists, or articles given as a property. */
export interface RankSource {
  /**
   * Starts loading (once per source) and resolves when the source can rank:
   * a built manifest once parsed (its catalogue is normalised after, see
   * {@link quick}), anything else once normalised. Never rejects. Aborting
   * `signal` releases this caller only.
   */
  load(signal?: AbortSignal): Promise<LoadResult>;
  /** Id of the article `page` is about, when known (for reader history); call after `load()` succeeded. */
  current(page: PageRef): Promise<string | undefined>;
  /**
   * "You May Also Like" for `page`; call after `load()` succeeded. With
   * `terms`, explanations list matched terms from the text search (loaded
   * for it if need be), not only the build's keywords.
   */
  related(page: PageRef, options: RelatedRequest): Promise<Ranked>;
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

/**
 * The core's `normalizeSteps` run in {@link sliced} slices of the main
 * thread. A JSON Feed's item reader loads with text search, which a page
 * ranking from a feed (no build-time neighbours) needs anyway.
 */
async function normalize(document: unknown, manifestUrl?: string): Promise<NormalizedManifest> {
  const steps = normalizeSteps(document, { manifestUrl }, isFeed(document) ? (await loadSearch()).feedGetter : undefined);
  let step: IteratorResult<void, NormalizedManifest>;
  await sliced(() => !!(step = steps.next()).done);
  return step!.value as NormalizedManifest;
}

/**
 * The page's related list from its own record and its neighbours' alone,
 * ranked while the rest of a built manifest is normalised (at 10k articles
 * the whole takes a few hundred ms): the records are found by the last
 * segment of the page's URL path (then by id or URL among them, as in the
 * whole), and normalised with the others left out as holes, so each keeps
 * its place. Undefined when the list could differ from the whole
 * catalogue's: the page not found or without neighbours, options that read
 * other articles (pins, popularity, matched terms), or fewer items than
 * `limit` (the whole list fills from popular). A neighbour that duplicates a
 * record left out is caught when the whole catalogue ranks again (`final`).
 */
async function quick(document: object, list: unknown[], page: PageRef, options: RelatedRequest, manifestUrl?: string): Promise<RankResult | undefined> {
  const tail = new URL(page.url).pathname.split('/').filter(Boolean).pop();
  // Reader history needs the whole catalogue first (the current article's id), so never comes here.
  // A page at the site's root has no segment to find its record by.
  if (!tail || options.terms || options.pinned?.length || options.popularityWeight) return;
  const few: unknown[] = [];
  list.forEach((r, i) => {
    // Never String(url): a record's url may be an object, whose toString a page can replace.
    const url = isObject(r) && read(r, 'url');
    if (isString(url) && url.includes(tail)) {
      const near = read(r as object, 'near');
      few[i] = r;
      // Even entries are record indices; one that is not an own index of the list is no record.
      if (isArray(near)) near.forEach((p, k) => k % 2 || !own(list, p as number) || (few[p as number] = list[p as number]));
    }
  });
  const set = new ArticleSet((await normalize({ ...document, articles: few }, manifestUrl)).articles);
  const current = set.find(page);
  const result = current?.near?.length ? related(set, current, { ...options, fill: false }) : undefined;
  return result && result.items.length >= resolveRelatedOptions(options).limit ? result : undefined;
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
  let catalog: ArticleSet;
  const problems: Problem[] = [];
  let indexing: Promise<void> | undefined;
  /** The load's end: the catalogue normalised, or the document's problem. */
  let whole: Promise<LoadResult>;
  /** A fetched built manifest and its records while they are normalised (see {@link quick}). */
  let parsed: [object, unknown[]] | undefined;

  /** Waits for the catalogue; a throw when the document failed. */
  const full = async (): Promise<ArticleSet> => {
    const done = await whole;
    if (!done.ok) throw new Error(done.problem.message);
    return catalog;
  };

  /**
   * Loads text search and installs it on the catalogue, with the prebuilt
   * index (fetched meanwhile) when it fits, else a warning says why not.
   * Pages in a built manifest never need it, so they never download
   * MiniSearch or the index, nor pay for indexing (seconds at 10k
   * articles). A throw (the search code could not be loaded) rejects
   * related(), which the element reports.
   */
  const index = async (): Promise<void> => {
    const [{ installSearch }, prebuilt] = await Promise.all([loadSearch(), config.index ? cachedText(config.index, { ...config.fetch }, config.cache) : undefined]);
    const problem = await installSearch(catalog, prebuilt, config.index);
    if (problem) {
      console.warn('readnext: ' + problem.message);
      problems.push(problem);
    }
  };

  return {
    config,
    // Fetch → parse → normalise → catalogue. A `{version: 1, articles}`
    // manifest is ready once parsed: its pages rank from their neighbours
    // first (see quick()) while the rest is normalised.
    load: shared(async (signal) => {
      const { manifest = '', cache } = config;
      let document: unknown = records;
      if (!records) {
        const got = await fetchJson(manifest, { ...config.fetch, signal }, cache);
        if (!got.ok) return failed(got);
        document = got.value;
      }
      // After a turn of the main thread, so that pages ranking from quick() rank before the first slice.
      whole = yieldToMain().then(() => normalize(document, manifest)).then((result) => {
        parsed = undefined;
        problems.push(...result.problems);
        // A document-level problem (not a manifest, wrong version; always an error) fails the load.
        const fatal = problems.find((p) => p.index < 0 && p.level == 'error');
        if (fatal) return { ok: false, problem: fatal, problems };
        catalog = new ArticleSet(result.articles);
        return { ok: true, problems, labels: result.labels };
      });
      const list = !records && isObject(document) && read(document, 'version') === 1 && read(document, 'articles');
      if (!isArray(list)) return whole;
      parsed = [document as object, list];
      return { ok: true, problems, labels: normalizeLabels(read(document as object, 'labels') ?? {}, []) };
    }),
    current: async (page) => (await full()).find(page)?.id,
    async related(page, options) {
      const first = parsed && (await quick(...parsed, page, options, config.manifest));
      // `final`: whether the whole catalogue's list, ranked once it is in, differs (or failed), so the element ranks again.
      if (first) return { ...first, final: full().then((all) => key(related(all, all.find(page)!, options)) != key(first)).catch(() => 1) };
      const catalog = await full();
      const current = catalog.find(page);
      // Without build-time neighbours (none, or an empty list), related() searches MiniSearch.
      // A failure (MiniSearch not loaded) is reported, and the next ranking tries again.
      if (!current?.near?.length || options.terms) await (indexing ??= index().catch((error) => ((indexing = undefined), Promise.reject(error))));
      return related(catalog, current ?? (await loadSearch()).pageContext(page.url), options);
    },
    // Popular needs no index, so it never waits for one. No article has the id ''.
    async popular(page, options) {
      const catalog = await full();
      return popular(catalog, { ...options, exclude: { ...options.exclude, ids: [...(options.exclude?.ids ?? []), catalog.find(page)?.id ?? ''] } });
    },
  };
}

/**
 * Related lists computed at build time (`readnext build --precompute DIR`):
 * `DIR/meta.json` once, then only the shard holding the page's canonical
 * URL. A page missing from its shard ranks from `manifest` when one is
 * configured, and shows nothing otherwise. The shard code is a part of its
 * own (src/shards.ts), imported while meta.json downloads.
 */
export function precomputedSource(config: StoreConfig): SharedSource {
  let meta: PrecomputeMeta;
  let lists: ShardLists;

  return {
    config,
    load: shared(async (signal) => {
      const url = `${config.precomputed}meta.json`;
      const part = loadShards().then(
        (m) => void (lists = m.shardLists(config.precomputed!, () => meta, { fetchJson, normalize }, config.fetch, config.cache)),
        (error) => failed({ problem: documentProblem('fetch-failed', String(error)) }),
      );
      const got = await fetchJson(url, { ...config.fetch, signal }, config.cache);
      const partFailed = await part;
      if (!got.ok) return failed(got);
      if (partFailed) return partFailed;
      meta = got.value as PrecomputeMeta;
      return meta?.version === 1 && meta.shards >= 1 ? { ok: true, problems: [], labels: normalizeLabels((meta as { labels?: unknown }).labels ?? {}, []) } : failed({ problem: documentProblem('unsupported-version', `${url}: not version 1`) });
    }),
    current: async (page) => page.id ?? (await lists.entry(page))?.id,
    async related(page, options) {
      const found = await lists.entry(page);
      if (found) return lists.list(found.related, options, page);
      const store = config.manifest && storeFor({ ...config, precomputed: undefined });
      return store && (await store.load()).ok ? store.related(page, options) : { items: [], filled: 0 };
    },
    // meta.json's list for the window, ranked by views at build time (`metric` does not apply).
    popular: (page, options) => lists.list(meta.popular?.[options.window ?? '7d'] ?? [], options, page),
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
