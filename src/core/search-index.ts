/**
 * The one MiniSearch configuration readnext uses, owned by the core so the
 * widget, the CLI's prebuilt index and the eval all index the same way.
 */
import MiniSearch, { type Options } from 'minisearch';
import type { Article } from './types.js';
import { processTerm, tokenize } from './text.js';

/** Fields indexed, in the order their boosts are listed. */
export const INDEX_FIELDS = ['title', 'summary', 'tags', 'section', 'keywords'] as const;

/**
 * Field boosts for text queries: the related ranker's fallback for pages
 * outside the manifest (prefix and fuzzy matching), and any search UI. The
 * ranker itself scores articles through keyword vectors (docs/relevance.md).
 */
export const FIELD_BOOSTS: Readonly<Record<(typeof INDEX_FIELDS)[number], number>> = Object.freeze({
  title: 2,
  summary: 1,
  tags: 1.5,
  section: 0.5,
  keywords: 1.5,
});

export type ArticleIndex = MiniSearch<Article>;

export const INDEX_OPTIONS: Options<Article> = {
  idField: 'id',
  fields: [...INDEX_FIELDS],
  storeFields: [],
  extractField(article, field) {
    const a = article as unknown as Record<string, unknown>;
    if (field === 'tags') return article.tags.join(' ');
    if (field === 'keywords') return article.keywords.map(([term]) => term).join(' ');
    const value = a[field];
    return typeof value === 'string' ? value : '';
  },
  tokenize: (text) => tokenize(text),
  processTerm: (term) => processTerm(term),
  searchOptions: { boost: { ...FIELD_BOOSTS } },
};

/** Builds the index synchronously (the CLI, the eval, small catalogues). */
export function createIndex(articles: readonly Article[]): ArticleIndex {
  const index = new MiniSearch<Article>(INDEX_OPTIONS);
  index.addAll(articles.filter((a) => !a.noindex));
  return index;
}

/** Restores an index written by `JSON.stringify(index)` (the CLI's `--index`). */
export function loadIndex(json: string): ArticleIndex {
  return MiniSearch.loadJSON<Article>(json, INDEX_OPTIONS);
}
