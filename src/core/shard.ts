/**
 * The precomputed-lists format `readnext build --precompute DIR` writes and
 * the element reads: which shard file holds a page's related list, and the
 * shapes of `DIR/meta.json` and `DIR/shards/NNN.json`. Pure: the element
 * computes the same shard from the page's canonical URL in the browser.
 *
 * Layout (docs/precompute.md has the rationale):
 *
 *     DIR/meta.json         PrecomputeMeta: shard count, hash, popular lists
 *     DIR/shards/000.json   ShardFile: canonical URL → related list
 *     DIR/shards/001.json   …
 */
import type { Article, ArticleImage, Labels } from './types.js';
import type { PopularWindow } from './options.js';

/** Version of the precomputed format; bumped on any incompatible change. */
export const PRECOMPUTE_VERSION = 1;

/** The hash that maps a canonical URL to its shard (the only one so far). */
export const SHARD_HASH = 'fnv1a32';

/**
 * Average entries per shard the default shard count aims at. A shard is what
 * one page view downloads and parses, so it stays small (about 25 KB of JSON,
 * 7 KB gzipped); a few thousand files per 100k articles is nothing for a CDN.
 */
export const ENTRIES_PER_SHARD = 25;

/** What the element renders for one item: the display fields, nothing the ranker needs. */
export interface DisplayItem {
  id: string;
  url: string;
  title: string;
  summary?: string;
  image?: ArticleImage;
  section?: string;
  author?: string;
  /** ISO 8601. */
  publishedAt?: string;
  sponsored?: true;
}

/**
 * `DIR/meta.json`. No timestamps or run details, so two runs over the same
 * input write the same bytes and a CDN sync uploads nothing.
 */
export interface PrecomputeMeta {
  version: typeof PRECOMPUTE_VERSION;
  /** Number of shard files; a page's shard is `shardOf(canonicalUrl, shards)`. */
  shards: number;
  hash: typeof SHARD_HASH;
  /** Most items per related list (and per popular list). */
  limit: number;
  /** "Most Popular" per window, ranked by views as of the build. */
  popular: Record<PopularWindow, DisplayItem[]>;
  /** The manifest's label sets, for pages that load no manifest (docs/manifest.md). */
  labels?: Labels;
}

/** One article's entry in a shard. */
export interface ShardEntry {
  id: string;
  related: DisplayItem[];
}

/** `DIR/shards/NNN.json`: entries keyed by canonical URL, keys sorted. */
export type ShardFile = Record<string, ShardEntry>;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const encoder = new TextEncoder();

/** FNV-1a, 32-bit, over the UTF-8 bytes of `text`; an unsigned integer. */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/**
 * The shard holding `canonicalUrl`'s list: FNV-1a 32 of its UTF-8 bytes
 * modulo `shards`. Pass the key from `canonicalUrl()`, not the raw page URL,
 * so `?utm_source=…` and `#fragment` variants find the same shard.
 */
export function shardOf(canonicalUrl: string, shards: number): number {
  if (!Number.isInteger(shards) || shards < 1) throw new RangeError(`shards: ${shards}`);
  return fnv1a32(canonicalUrl) % shards;
}

/**
 * Path of shard `index` relative to DIR: `shards/007.json`. Zero-padded to
 * at least three digits, and to the width of the largest index, so names sort
 * in shard order.
 */
export function shardFileName(index: number, shards: number): string {
  const width = Math.max(3, String(Math.max(0, shards - 1)).length);
  return `shards/${String(index).padStart(width, '0')}.json`;
}

/**
 * Default shard count for `articles` entries: the smallest power of two
 * giving at most {@link ENTRIES_PER_SHARD} entries per shard on average (so
 * 13-25). A power of two because the count then stays put while an archive
 * grows, up to doubling, and every file keeps its name across reruns.
 */
export function defaultShardCount(articles: number): number {
  let shards = 1;
  while (shards * ENTRIES_PER_SHARD < articles) shards *= 2;
  return shards;
}

/** The display fields of `article`, in a fixed key order so output is byte-stable. */
export function displayItem(article: Article): DisplayItem {
  const out: DisplayItem = { id: article.id, url: article.url, title: article.title };
  if (article.summary !== undefined) out.summary = article.summary;
  if (article.image !== undefined) {
    const { src, alt, width, height } = article.image;
    out.image = { src, alt, ...(width !== undefined && { width }), ...(height !== undefined && { height }) };
  }
  if (article.section !== undefined) out.section = article.section;
  if (article.author !== undefined) out.author = article.author;
  if (article.publishedAt !== undefined) out.publishedAt = new Date(article.publishedAt).toISOString();
  if (article.sponsored) out.sponsored = true;
  return out;
}
