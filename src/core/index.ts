/**
 * readnext/core: the pure ranking core. No DOM, no Lit; runs in Node and the browser.
 */
export type * from './types.js';
export * from './options.js';
export { canonicalUrl, safeUrl } from './url.js';
export { normalizeManifest, cleanText, parseDate, NORMALIZE_DEFAULTS, type NormalizeOptions } from './normalize.js';
export { ArticleSet, type RelatedTarget } from './article-set.js';
export { Catalog, createIndex, loadIndex } from './catalog.js';
export { INDEX_OPTIONS, INDEX_FIELDS, FIELD_BOOSTS, type ArticleIndex } from './search-index.js';
export { related } from './related.js';
export { queryTerms, textSearch, type TextSearch } from './retrieve.js';
export { popular } from './popular.js';
export { tokenize, terms, processTerm, STOP_WORDS } from './text.js';
export { buildManifest, BUILD_DEFAULTS, type BuildOptions, type BuildResult, type Manifest, type ManifestArticle } from './build.js';
export { extractKeywords, KEYWORD_DEFAULTS, type KeywordOptions } from './keywords.js';
export { evaluate, precisionAtK, ndcgAtK, coverage, duplicateRate, type EvalOptions, type EvalReport, type EvalResult } from './eval.js';
export { isNearDuplicate, DUPLICATE_COSINE } from './dedupe.js';
export { LABELS, labelsFor, manifestLabels, primaryLanguage } from './labels.js';
export { computeNear, NEAR_DEFAULTS, type NearOptions } from './neighbours.js';
export { shardOf, shardFileName, fnv1a32, displayItem, defaultShardCount, PRECOMPUTE_VERSION, SHARD_HASH, ENTRIES_PER_SHARD, type DisplayItem, type PrecomputeMeta, type ShardFile, type ShardEntry } from './shard.js';
