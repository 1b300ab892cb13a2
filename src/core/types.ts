/**
 * The data model shared by every part of readnext: the normalised article,
 * the problem report, and the shapes ranking returns. Pure types, no code.
 */

/** An image as the widget renders it. */
export interface ArticleImage {
  /** Absolute `http:`/`https:` URL. */
  src: string;
  /** Alternative text; empty when the image is decorative. */
  alt: string;
  width?: number;
  height?: number;
}

/** A weighted term, most important first in `Article.keywords`. */
export type WeightedTerm = [term: string, weight: number];

/**
 * One article after normalisation. Dates are epoch milliseconds so ranking
 * never parses strings; `build` writes them back as ISO 8601.
 */
export interface Article {
  id: string;
  /** Absolute URL as the publisher gave it (resolved, `http:`/`https:` only). */
  url: string;
  /** {@link canonicalUrl} of `url`: the key for dedupe, page matching and shards. */
  canonicalUrl: string;
  title: string;
  summary?: string;
  image?: ArticleImage;
  section?: string;
  tags: string[];
  author?: string;
  publishedAt?: number;
  updatedAt?: number;
  views?: number;
  views24h?: number;
  views7d?: number;
  views30d?: number;
  /** Weighted terms, most important first (written by `build`). */
  keywords: WeightedTerm[];
  /**
   * Build-time nearest neighbours, best first: `[position, similarity]` with
   * `position` an index into {@link NormalizedManifest.articles} (the
   * normalised list, not the raw input) and `similarity` in (0, 1]. Written
   * by `build` as the manifest field `near`, a flat integer array
   * `[rawIndex, milli, rawIndex, milli, ...]` (raw index into the document's
   * article list, similarity × 1000 rounded, 1..1000); the normaliser maps raw
   * indices to normalised positions and skips pairs that point at a dropped,
   * missing or the same record. Absent when the manifest was not built.
   */
  near?: [position: number, similarity: number][];
  lang?: string;
  sponsored?: boolean;
  noindex?: boolean;
  /** Full text; only present before the build step, which drops it. */
  body?: string;
}

export type ProblemCode =
  | 'invalid-manifest'
  | 'unsupported-version'
  | 'not-an-object'
  | 'missing-field'
  | 'invalid-type'
  | 'invalid-url'
  | 'unsafe-url'
  | 'invalid-date'
  | 'invalid-number'
  | 'duplicate-id'
  | 'duplicate-url'
  | 'too-large'
  | 'too-many'
  | 'fetch-failed'
  | 'http-error'
  | 'parse-error'
  | 'timeout'
  | 'schema';

/**
 * Something wrong with the input. `level: 'error'` means the record (or, with
 * `index: -1`, the whole manifest) was dropped; `'warning'` means one optional
 * field was dropped and the record kept. Problems are returned, never thrown.
 */
export interface Problem {
  /** Position of the record in the input's article list; -1 for the document. */
  index: number;
  id?: string;
  field: string;
  code: ProblemCode;
  message: string;
  level: 'error' | 'warning';
}

/** The elements' labels in one language: the related heading, the popular heading, and "Sponsored". */
export type LabelSet = readonly [related: string, popular: string, sponsored: string];

/**
 * Label sets by lowercase language tag (`fr`, `pt-br`), as a manifest's
 * `labels` carries them: an element uses the set of its language (the full
 * tag, else its primary subtag), else English, which it has built in.
 */
export type Labels = Record<string, LabelSet>;

/** What {@link normalizeManifest} returns. */
export interface NormalizedManifest {
  articles: Article[];
  problems: Problem[];
  homePageUrl?: string;
  lang?: string;
  /** The manifest's `labels`, checked; undefined when it has none (or none valid). A prototype-free object. */
  labels?: Labels | undefined;
}

/** The page being read when it is not (or not yet) in the manifest. */
export interface PageContext {
  url?: string;
  title?: string;
  description?: string;
  tags?: string[];
  section?: string;
  lang?: string;
}

/** One contribution to a result's score, for explanations. */
export interface ScoreFactor {
  /** e.g. `match`, `recency`, `popularity`, `section`, `pinned`, `fill`, `views`. */
  kind: string;
  /** Human-readable detail, e.g. the matched terms. */
  detail: string;
  /** Multiplier or additive value applied, as the ranker used it. */
  value: number;
}

/** A ranked item with enough detail to explain its rank. */
export interface RankedItem {
  article: Article;
  score: number;
  /** Terms shared with the current article, with their weights. */
  matched: WeightedTerm[];
  factors: ScoreFactor[];
  /** How the item got in: by relevance, pinned, or filled from popular. */
  source: 'related' | 'pinned' | 'popular' | 'sponsored';
}

export interface RankResult {
  items: RankedItem[];
  /** How many items were filled from popular because too few passed the threshold. */
  filled: number;
}
