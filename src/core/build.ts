/**
 * The build step a publisher runs (and the eval repeats): normalise with
 * bodies, extract keywords from them, find every article's nearest
 * neighbours (`near`, what the widget ranks from), drop the bodies, and
 * write the small manifest the widget fetches. Pure: the CLI does the file
 * I/O. Node only (the browser bundle never imports it).
 */
import { extractKeywordTerms, withoutStopWords, type KeywordOptions } from './keywords.js';
import { computeNear, NEAR_DEFAULTS, type NearOptions } from './neighbours.js';
import { normalizeManifest, type NormalizeOptions } from './normalize.js';
import type { FieldWeights } from './options.js';
import { manifestLabels } from './labels.js';
import type { Article, Labels, Problem, WeightedTerm } from './types.js';

export interface BuildOptions extends Pick<NormalizeOptions, 'manifestUrl' | 'maxArticles'> {
  /**
   * Keyword extraction settings; see {@link KeywordOptions}. Here
   * `maxKeywords` is the count shipped per article and defaults to 20
   * (`BUILD_DEFAULTS.keywords`): with neighbours built in, shipped keywords
   * only serve pages outside the manifest (MiniSearch) and explanations, so
   * they trade against bytes and the page's parse time (docs/relevance.md).
   */
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
  /**
   * Neighbours written per article (the manifest field `near`, what the
   * widget ranks from); 0 writes none. Defaults to 12 (`NEAR_DEFAULTS.k`).
   */
  near?: number;
  /**
   * Keywords per article the neighbour vectors use. Defaults to 120: they
   * cost nothing in the manifest, and on the measured corpus P@5 rose from
   * 0.932 at 80 to 0.938 at 120. Only the first `keywords.maxKeywords`
   * (fewer if the byte budget says so) are shipped.
   */
  nearKeywords?: number;
  /**
   * Term weights by field for the neighbour vectors (the CLI's
   * `--field-weights`); defaults to `RELATED_DEFAULTS.fieldWeights`. The
   * widget's `fieldWeights` option only weighs MiniSearch queries for pages
   * outside the manifest, and explanations.
   */
  fieldWeights?: Partial<FieldWeights>;
}

export const BUILD_DEFAULTS = Object.freeze({ bytesPerArticle: 380, near: NEAR_DEFAULTS.k, nearKeywords: 120, keywords: 20 });

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
  /**
   * Build-time nearest neighbours, best first, flat: `[index, milli, index,
   * milli, ...]` with `index` into this manifest's `articles` and `milli` the
   * cosine × 1000 rounded, 1-1000 (see `Article.near`).
   */
  near?: number[];
  lang?: string;
  sponsored?: true;
  noindex?: true;
}

export interface Manifest {
  version: 1;
  home_page_url?: string;
  /** Label sets for the languages the manifest uses (src/core/labels.ts); absent for English only. */
  labels?: Labels;
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
  const build = prepareBuild(input, options);
  return build.finish(computeNear(build.vectors(), build.near));
}

/**
 * The build in two steps, for a caller that searches the neighbours itself
 * (the CLI does, across worker threads): `finish(computeNear(vectors(),
 * near))` is exactly {@link buildManifest}.
 */
export interface PreparedBuild {
  /** The neighbour search's options: neighbours per article and field weights. */
  near: NearOptions;
  /**
   * The articles as the neighbour search reads them, a fresh array per call
   * (nothing here keeps it): titles, summaries and tags without each
   * article's stop words, and every extracted keyword (the byte budget trims
   * only what is shipped). Vectors read keyword membership, not weights, so
   * each term is one shared `[term, 0]` pair.
   */
  vectors(): Article[];
  /** The manifest, given every article's neighbours as `computeNear` returns them. */
  finish(near: readonly (readonly [number, number])[][]): BuildResult;
}

/** Normalises and extracts keywords (reading each body once, then dropping it); see {@link PreparedBuild}. */
export function prepareBuild(input: unknown, options: BuildOptions = {}): PreparedBuild {
  const { keywords: keywordOptions, compressedSize, bytesPerArticle, near: k, nearKeywords, fieldWeights, ...normalizeOptions } = options;
  const { articles, problems, homePageUrl, lang, labels } = normalizeManifest(input, { ...normalizeOptions, keepBody: true });
  const shipped = keywordOptions?.maxKeywords ?? BUILD_DEFAULTS.keywords;
  const given = articles.map((a) => a.body === undefined && a.keywords.length > 0);
  const extracted = extractKeywordTerms(articles, { ...(lang && { lang }), ...keywordOptions, maxKeywords: Math.max(shipped, nearKeywords ?? BUILD_DEFAULTS.nearKeywords) });
  // Each article's language, when guessed, is remembered per article, so
  // the bodies are not needed again.
  for (const a of articles) delete a.body;
  const vectors = () => {
    const pairs = new Map<string, WeightedTerm>();
    const pair = (term: string) => pairs.get(term) ?? pairs.set(term, [term, 0]).get(term)!;
    return articles.map((a, i) => ({ ...withoutStopWords(a, lang), keywords: given[i] ? a.keywords : extracted[i]!.map(pair) }));
  };
  const finish = (lists: readonly (readonly [number, number])[][]): BuildResult => {
    const near = lists.map((list) => list.flatMap(([p, s]) => [p, Math.round(s * 1000)]));
    const build = (max: number): Manifest => ({
      version: 1,
      ...(homePageUrl && { home_page_url: homePageUrl }),
      ...manifestLabels(lang, articles, labels),
      articles: articles.map((article, i) =>
        toManifestArticle(article, given[i] ? article.keywords.map(([term]) => term) : extracted[i]!.slice(0, Math.min(max, shipped)), near[i]!),
      ),
    });
    const most = Math.min(shipped, extracted.reduce((m, k) => Math.max(m, k.length), 0));
    const budget = (bytesPerArticle ?? BUILD_DEFAULTS.bytesPerArticle) * articles.length;
    const fits = (max: number) => compressedSize!(JSON.stringify(build(max))) <= budget;
    // One manifest alive at a time: at 100k articles each is a few hundred megabytes.
    let count = most;
    if (compressedSize && articles.length > 0 && !fits(most)) {
      // The largest per-article keyword count that fits, by bisection: size
      // grows with the count, and each step costs one compression. Neighbours
      // are never trimmed: they are what the widget ranks from.
      let lo = Math.min(MIN_BUDGET_KEYWORDS, most);
      let hi = most;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (fits(mid)) lo = mid;
        else hi = mid - 1;
      }
      count = lo;
    }
    return { manifest: build(count), problems };
  };
  return { near: { k: k ?? BUILD_DEFAULTS.near, ...(fieldWeights && { fieldWeights }) }, vectors, finish };
}

function toManifestArticle(a: Article, keywords: string[], near: number[]): ManifestArticle {
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
  if (near.length > 0) out.near = near;
  if (a.lang !== undefined) out.lang = a.lang;
  if (a.sponsored) out.sponsored = true;
  if (a.noindex) out.noindex = true;
  return out;
}
