/**
 * `dist/readnext.shards.min.js`: the page side of precomputed lists
 * (`readnext build --precompute DIR`), which the script-tag bundle imports
 * only for elements with `precomputed` (see src/data/parts.ts): finding the
 * page's shard, fetching it once, and turning its display items into a
 * ranked list. The store fetches `meta.json` meanwhile and keeps the
 * fallback to the manifest; it lends its fetch and normalisation, so this
 * part carries no copy of them.
 */
import { eligibility } from './core/filters.js';
import type { PopularOptions, RelatedOptions } from './core/options.js';
import { shardFileName, shardOf, type PrecomputeMeta, type ShardFile } from './core/shard.js';
import type { NormalizedManifest, RankResult } from './core/types.js';
import { canonicalUrl } from './core/url.js';
import type { FetchOptions, FetchOutcome } from './data/fetch-manifest.js';
import type { PageRef } from './data/page.js';

/** What the store lends: its fetch (timeouts, retries, cache) and its sliced normalisation. */
export interface ShardTools {
  fetchJson(url: string, options?: Omit<FetchOptions, 'signal'>, cache?: boolean): Promise<FetchOutcome<unknown>>;
  normalize(document: unknown, base?: string): Promise<NormalizedManifest>;
}

/** The page's entry in its shard, and display items as a ranked list. */
export interface ShardLists {
  entry(page: PageRef): Promise<ShardFile[string] | undefined>;
  list(items: unknown[], options: Partial<RelatedOptions | PopularOptions>, page: PageRef): Promise<RankResult>;
}

/** Lists for `base` (the precomputed directory, ending in `/`) once `meta()` is loaded. */
export function shardLists(base: string, meta: () => PrecomputeMeta, tools: ShardTools, fetch?: Omit<FetchOptions, 'signal'>, cache?: boolean): ShardLists {
  const shards = new Map<number, Promise<ShardFile | undefined>>();
  return {
    // The shard is fetched once and shared. A malformed entry yields no items
    // rather than an error: normalisation drops what it cannot read.
    async entry(page) {
      const key = canonicalUrl(page.url);
      if (key === undefined) return;
      const { shards: count } = meta();
      const n = shardOf(key, count);
      let shard = shards.get(n);
      if (!shard) shards.set(n, (shard = tools.fetchJson(base + shardFileName(n, count), fetch, cache).then((got) => (got.ok ? (got.value as ShardFile) : undefined))));
      return (await shard)?.[key];
    },
    // Normalised like any manifest (unsafe URLs dropped), then exclusions, history and limit.
    async list(items, options, page) {
      const allowed = eligibility(options.exclude ?? {}, options.read ?? []);
      const here = canonicalUrl(page.url);
      return {
        items: (await tools.normalize(items, base)).articles
          .filter((a) => a.id !== page.id && a.canonicalUrl !== here && allowed(a))
          .slice(0, options.limit ?? 5)
          .map((article) => ({ article, score: 0, matched: [], factors: [{ kind: 'precomputed', detail: 'precomputed at build time', value: 1 }], source: 'related' })),
        filled: 0,
      };
    },
  };
}
