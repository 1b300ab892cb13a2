/**
 * The input side of `readnext build`: feeds, sitemaps, Markdown folders,
 * manifests and analytics exports to raw article records.
 */
export { loadInputs, type LoadOptions, type LoadResult } from './load.js';
export { loadPageviews, applyPageviews, type PageviewCounts, type PageviewsResult } from './pageviews.js';
export type { RawArticle, RawImage, IngestProblem, IngestCode, SourceSummary } from './types.js';
export { parseDate, parseDateMs } from './date.js';
export { htmlToText, decodeEntities, capText, SUMMARY_MAX } from './text.js';
export { pathKey } from './pageviews.js';
