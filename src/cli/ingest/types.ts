/**
 * The shapes the input side of `readnext build` hands to the rest of the
 * build: raw article records in the manifest's JSON form, and problems that
 * name the input they came from.
 */
import type { ProblemCode } from '../../core/types.js';

/** An image as the manifest's JSON form allows it: a URL, or a URL with details. */
export type RawImage = string | { src: string; alt?: string; width?: number; height?: number };

/**
 * One article as an input yields it, in the manifest's JSON form: dates are
 * ISO 8601 strings, `body` is plain text that the core's build step turns
 * into keywords and then drops.
 */
export interface RawArticle {
  /** The item's guid/id when it has one, else its canonical URL. */
  id: string;
  /** Absolute `http:`/`https:` URL. */
  url: string;
  title: string;
  /** Plain text, at most 300 characters, ending in "…" when cut. */
  summary?: string;
  image?: RawImage;
  section?: string;
  tags?: string[];
  author?: string;
  /** ISO 8601, e.g. `2024-01-02T10:00:00.000Z`. */
  publishedAt?: string;
  updatedAt?: string;
  lang?: string;
  /** Plain text of the whole article, for keyword extraction. */
  body?: string;
  views?: number;
  views24h?: number;
  views7d?: number;
  views30d?: number;
  /** Passed through from an existing manifest input. */
  keywords?: unknown[];
  sponsored?: boolean;
  noindex?: boolean;
}

/** The core's problem codes, plus the two only inputs can have. */
export type IngestCode = ProblemCode | 'unrecognized-format' | 'unreadable' | 'draft' | 'future-dated' | 'expired';

/**
 * Something wrong with an input. `index` is the item's position in its input
 * (-1 for the input as a whole); `level: 'error'` means the item (or with
 * `index: -1`, the whole input) was not used.
 */
export interface IngestProblem {
  /** The input as given: a path or a URL. */
  source: string;
  index: number;
  id?: string;
  field: string;
  code: IngestCode;
  message: string;
  level: 'error' | 'warning';
}

/** What one input contributed, for the build summary. */
export interface SourceSummary {
  input: string;
  /** e.g. `rss`, `rss1`, `atom`, `jsonfeed`, `sitemap`, `markdown`, `manifest`, or `unknown`. */
  format: string;
  /** Items from this input that reached the merged output. */
  count: number;
}

/**
 * An item as a format reader extracts it: every field optional, because a
 * record missing its title may still fill fields of one another input has.
 */
export type Draft = Partial<RawArticle> & { index: number };

/** What a format reader returns for one document. */
export interface ParsedSource {
  format: string;
  drafts: Draft[];
  problems: IngestProblem[];
  /** Set when the document itself is unusable; the message says why. */
  fatal?: { code: IngestCode; message: string };
}

/** What every format reader is told about the input it reads. */
export interface ReaderContext {
  /** The input as given, for problem messages. */
  source: string;
  /** The URL the document was fetched from, when it was. */
  documentUrl?: string;
  /** `--base-url`: resolves relative links when the document names no base of its own. */
  baseUrl?: string;
  /** "Now" in epoch ms, for skipping future-dated posts. */
  now: number;
}
