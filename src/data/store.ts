/**
 * Where elements get ranked lists from. One store per absolute manifest URL
 * (a module-level Map), so any number of elements cost one request, one
 * normalisation and one index.
 *
 * Elements only see {@link RankSource}: `load()`, then `related()` /
 * `popular()`. Everything between the URL and a ranked list is the store's
 * business, in stages later features replace without touching the elements:
 *   fetch   → {@link ManifestStore.fetchDocument}: a Cache Storage read with
 *             ETag revalidation (`config.cache`) goes here;
 *   catalog → {@link ManifestStore.buildCatalog}: a prebuilt index
 *             (`config.index`, fetched in parallel, `loadIndex`) goes here;
 *   index   → {@link CatalogSource.prepare}: chunked or idle-time index
 *             building (or a worker) goes here;
 *   rank    → {@link ManifestStore.related}: a precomputed shard
 *             (`config.shards`) answers here first, falling back to the index.
 */
import { Catalog } from '../core/catalog.js';
import { normalizeManifest } from '../core/normalize.js';
import type { PopularOptions, RelatedOptions } from '../core/options.js';
import { popular } from '../core/popular.js';
import { related } from '../core/related.js';
import type { Problem, RankResult } from '../core/types.js';
import { documentProblem, fetchManifest, type FetchOptions } from './fetch-manifest.js';
import type { PageRef } from './page.js';

/** A loaded catalogue, or the problem that stopped loading. Problems of single records ride along either way. */
export type LoadResult =
  | { ok: true; catalog: Catalog; problems: readonly Problem[] }
  | { ok: false; problem: Problem; problems: readonly Problem[]; aborted?: true };

/** What an element ranks from: a manifest store, or articles given as a property. */
export interface RankSource {
  /** Starts loading (once per source) and resolves when done. Never rejects. Aborting `signal` releases this caller only. */
  load(signal?: AbortSignal): Promise<LoadResult>;
  /** "You May Also Like" for `page`; call after `load()` succeeded. */
  related(page: PageRef, options: Partial<RelatedOptions>): Promise<RankResult>;
  /** "Most Popular", leaving out the article `page` is about; call after `load()` succeeded. */
  popular(page: PageRef, options: Partial<PopularOptions>): Promise<RankResult>;
}

/**
 * How a store loads. The manifest URL is the key; the first element to ask
 * for a URL sets the rest. Later: `index` (prebuilt index URL), `shards`
 * (precomputed related lists base URL), `cache` (opt-in Cache Storage).
 */
export interface StoreConfig {
  /** Absolute manifest URL. */
  manifest: string;
  /** Timeout, retries and backoff for every request the store makes. Defaults to {@link FETCH_DEFAULTS}. */
  fetch?: Omit<FetchOptions, 'signal'>;
}

/** Base of both sources: ranking over a catalogue that is (eventually) loaded. */
abstract class CatalogSource implements RankSource {
  protected loaded: LoadResult | undefined;
  private prepared: Promise<void> | undefined;

  abstract load(signal?: AbortSignal): Promise<LoadResult>;

  async related(page: PageRef, options: Partial<RelatedOptions>): Promise<RankResult> {
    const catalog = this.catalog();
    await this.prepare(catalog);
    return related(catalog, catalog.find(page) ?? page.context, options);
  }

  async popular(page: PageRef, options: Partial<PopularOptions>): Promise<RankResult> {
    const catalog = this.catalog();
    const current = catalog.find(page);
    // Popular needs no index, so it never waits for one.
    return popular(catalog, current ? { ...options, exclude: { ids: [current.id] } } : options);
  }

  /**
   * Runs before the first related() ranking of a catalogue. Today it gives
   * the main thread back once, so parsing the manifest and building the
   * core's indexes (on first use) are two tasks rather than one long one.
   * Chunked or idle-time index building (with {@link whenIdle}), or installing
   * a prebuilt index with `catalog.setIndex()`, goes here; the core builds
   * lazily whatever it still lacks.
   */
  protected prepare(_catalog: Catalog): Promise<void> {
    this.prepared ??= yieldToMain();
    return this.prepared;
  }

  private catalog(): Catalog {
    if (!this.loaded?.ok) throw new Error('readnext: rank() before a successful load()');
    return this.loaded.catalog;
  }
}

/** A manifest fetched from a URL, shared by every element that names it. */
export class ManifestStore extends CatalogSource {
  readonly config: Readonly<StoreConfig>;
  private pending: Promise<LoadResult> | undefined;
  private controller: AbortController | undefined;
  private waiting = 0;

  constructor(config: StoreConfig) {
    super();
    this.config = Object.freeze({ ...config });
  }

  load(signal?: AbortSignal): Promise<LoadResult> {
    if (this.loaded) return Promise.resolve(this.loaded);
    if (signal?.aborted) return Promise.resolve(aborted());
    if (!this.pending) {
      const controller = (this.controller = new AbortController());
      this.waiting = 0;
      this.pending = this.fetchCatalog(controller.signal).then((result) => {
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

  /** Fetch → normalise → catalogue. Never rejects. */
  protected async fetchCatalog(signal: AbortSignal): Promise<LoadResult> {
    const document = await this.fetchDocument(signal);
    if (!document.ok) return { ...document, problems: [document.problem] };
    try {
      return this.buildCatalog(document.value);
    } catch (error) {
      // The core returns problems rather than throwing; this is the seatbelt for a bug there.
      const problem = documentProblem('invalid-manifest', String(error));
      return { ok: false, problem, problems: [problem] };
    }
  }

  /** The manifest document. */
  protected fetchDocument(signal: AbortSignal): ReturnType<typeof fetchManifest> {
    return fetchManifest(this.config.manifest, { ...this.config.fetch, signal });
  }

  /** The catalogue of the fetched document. */
  protected buildCatalog(document: unknown): LoadResult {
    return catalogFrom(document, this.config.manifest);
  }
}

/** Articles handed to an element directly (its `articles` property): no fetch, same ranking. */
export class InlineSource extends CatalogSource {
  constructor(records: readonly unknown[], baseUrl: string) {
    super();
    this.loaded = catalogFrom(records, baseUrl);
  }

  load(): Promise<LoadResult> {
    return Promise.resolve(this.loaded as LoadResult);
  }
}

/** Normalises a document; a document-level error (not a manifest, wrong version) fails the load. */
function catalogFrom(document: unknown, baseUrl: string): LoadResult {
  const { articles, problems } = normalizeManifest(document, { manifestUrl: baseUrl });
  const fatal = problems.find((p) => p.index === -1 && p.level === 'error');
  return fatal ? { ok: false, problem: fatal, problems } : { ok: true, catalog: new Catalog(articles), problems };
}

const stores = new Map<string, ManifestStore>();
const inline = new WeakMap<readonly unknown[], InlineSource>();

/** The one store for `config.manifest` on this page, created on first use. Creating one fetches nothing. */
export function storeFor(config: StoreConfig): ManifestStore {
  let store = stores.get(config.manifest);
  if (!store) stores.set(config.manifest, (store = new ManifestStore(config)));
  return store;
}

/** The source for an `articles` array; the same array object reuses its catalogue and index. */
export function inlineSource(records: readonly unknown[], baseUrl: string): InlineSource {
  let source = inline.get(records);
  if (!source) inline.set(records, (source = new InlineSource(records, baseUrl)));
  return source;
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
