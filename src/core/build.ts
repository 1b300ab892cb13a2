/**
 * The build step a publisher runs (and the eval repeats): normalise with
 * bodies, extract keywords from them, drop the bodies, and write the small
 * manifest the widget fetches. Pure: the CLI does the file I/O.
 */
import { extractKeywords, type KeywordOptions } from './keywords.js';
import { normalizeManifest, type NormalizeOptions } from './normalize.js';
import type { Article, Problem } from './types.js';

export interface BuildOptions extends Pick<NormalizeOptions, 'manifestUrl' | 'maxArticles'> {
  /** Keyword extraction settings; see {@link KeywordOptions}. */
  keywords?: Partial<KeywordOptions>;
  /**
   * Measures the compressed size of manifest JSON (the CLI passes gzip).
   * With it, extracted keywords are trimmed, evenly across articles, until
   * the manifest fits {@link BuildOptions.bytesPerArticle}; without it (in a
   * browser) `keywords.maxKeywords` alone decides.
   */
  compressedSize?: (json: string) => number;
  /**
   * Compressed-size budget per article for the whole manifest. Defaults to
   * 380: under the 400-byte target with room for CDNs that gzip at level 6
   * (a few percent larger than the level 9 we measure with).
   */
  bytesPerArticle?: number;
}

export const BUILD_DEFAULTS = Object.freeze({ bytesPerArticle: 380 });

/** Fewest keywords the byte budget may trim to; below this a manifest is better served by a bigger budget. */
const MIN_BUDGET_KEYWORDS = 10;

/** One article as the built manifest stores it: ISO dates, no body, keywords as plain terms. */
export interface ManifestArticle {
  id: string;
  url: string;
  title: string;
  summary?: string;
  image?: Article['image'];
  section?: string;
  tags?: string[];
  author?: string;
  publishedAt?: string;
  updatedAt?: string;
  views?: number;
  views24h?: number;
  views7d?: number;
  views30d?: number;
  /**
   * Most important first. Plain strings: the ranker uses membership, not
   * weights (measured better), and numbers are what gzip compresses worst.
   */
  keywords?: string[];
  lang?: string;
  sponsored?: true;
  noindex?: true;
}

export interface Manifest {
  version: 1;
  home_page_url?: string;
  articles: ManifestArticle[];
}

export interface BuildResult {
  manifest: Manifest;
  problems: Problem[];
}

/**
 * Builds the manifest from any input `normalizeManifest` accepts. Articles
 * with a body get keywords extracted from it; articles without one keep the
 * keywords they came with, or get them from title, summary and tags.
 */
export function buildManifest(input: unknown, options: BuildOptions = {}): BuildResult {
  const { keywords: keywordOptions, compressedSize, bytesPerArticle, ...normalizeOptions } = options;
  const { articles, problems, homePageUrl } = normalizeManifest(input, { ...normalizeOptions, keepBody: true });
  const extracted = extractKeywords(articles, keywordOptions);
  const build = (max: number): Manifest => ({
    version: 1,
    ...(homePageUrl && { home_page_url: homePageUrl }),
    articles: articles.map((article, i) => {
      const given = article.body === undefined && article.keywords.length > 0;
      return toManifestArticle(article, given ? article.keywords.map(([term]) => term) : extracted[i]!.slice(0, max).map(([term]) => term));
    }),
  });
  const most = Math.max(0, ...extracted.map((k) => k.length));
  let manifest = build(most);
  const budget = (bytesPerArticle ?? BUILD_DEFAULTS.bytesPerArticle) * articles.length;
  if (compressedSize && articles.length > 0 && compressedSize(JSON.stringify(manifest)) > budget) {
    // The largest per-article keyword count that fits, by bisection: size
    // grows with the count, and each step costs one compression.
    let lo = Math.min(MIN_BUDGET_KEYWORDS, most);
    let hi = most;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (compressedSize(JSON.stringify(build(mid))) <= budget) lo = mid;
      else hi = mid - 1;
    }
    manifest = build(lo);
  }
  return { manifest, problems };
}

function toManifestArticle(a: Article, keywords: string[]): ManifestArticle {
  const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
  const out: ManifestArticle = { id: a.id, url: a.url, title: a.title };
  // Field order is fixed so builds are byte-for-byte reproducible.
  if (a.summary !== undefined) out.summary = a.summary;
  if (a.image !== undefined) out.image = a.image;
  if (a.section !== undefined) out.section = a.section;
  if (a.tags.length > 0) out.tags = a.tags;
  if (a.author !== undefined) out.author = a.author;
  if (a.publishedAt !== undefined) out.publishedAt = iso(a.publishedAt)!;
  if (a.updatedAt !== undefined) out.updatedAt = iso(a.updatedAt)!;
  for (const field of ['views', 'views24h', 'views7d', 'views30d'] as const) if (a[field] !== undefined) out[field] = a[field];
  if (keywords.length > 0) out.keywords = keywords;
  if (a.lang !== undefined) out.lang = a.lang;
  if (a.sponsored) out.sponsored = true;
  if (a.noindex) out.noindex = true;
  return out;
}
