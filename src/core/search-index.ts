/**
 * The one MiniSearch configuration readnext uses, owned by the core so the
 * widget, the CLI's prebuilt index and the eval all index the same way.
 */
import type MiniSearch from 'minisearch';
import type { Options } from 'minisearch';
import type { Article } from './types.js';
import { processTerm, tokenize } from './text.js';

/** Fields indexed, in the order their boosts are listed. */
export const INDEX_FIELDS = ['title', 'summary', 'tags', 'section', 'keywords'] as const;

/**
 * Field boosts for text queries: the related ranker's fallback for pages
 * outside the manifest (prefix and fuzzy matching), and any search UI. The
 * ranker itself scores articles through keyword vectors (docs/relevance.md).
 */
export const FIELD_BOOSTS: Readonly<Record<(typeof INDEX_FIELDS)[number], number>> = {
  title: 2,
  summary: 1,
  tags: 1.5,
  section: 0.5,
  keywords: 1.5,
};

/**
 * The index as readnext uses it. The script-tag bundle strips MiniSearch's
 * methods for updating, vacuuming, suggesting and serialising (see
 * `dropMethods` in rollup.config.mjs), so this type leaves them out and the
 * compiler stops any code that could run in the widget from calling them.
 */
export type ArticleIndex = Omit<
  MiniSearch<Article>,
  | 'addAllAsync' | 'remove' | 'removeAll' | 'discard' | 'discardAll' | 'replace' | 'vacuum' | 'isVacuuming'
  | 'dirtCount' | 'dirtFactor' | 'has' | 'getStoredFields' | 'autoSuggest' | 'termCount' | 'toJSON'
>;

export const INDEX_OPTIONS: Options<Article> = {
  // MiniSearch's defaults: `id` as the id field, no stored fields.
  fields: [...INDEX_FIELDS],
  extractField(article, field) {
    const a = article as unknown as Record<string, unknown>;
    if (field === 'tags') return article.tags.join(' ');
    if (field === 'keywords') return article.keywords.map(([term]) => term).join(' ');
    const value = a[field];
    return typeof value === 'string' ? value : '';
  },
  // Both take one argument; MiniSearch's second (the field name) is ignored.
  tokenize,
  processTerm,
  searchOptions: { boost: FIELD_BOOSTS },
};
