/**
 * The catalogue as Node and npm users rank over it: an {@link ArticleSet}
 * with text search from the start, its MiniSearch index built on first need.
 */
import MiniSearch from 'minisearch';
import { ArticleSet } from './article-set.js';
import { textSearch } from './retrieve.js';
import { INDEX_OPTIONS, type ArticleIndex } from './search-index.js';
import type { Article } from './types.js';

export type { RelatedTarget } from './article-set.js';

export class Catalog extends ArticleSet {
  private _index: ArticleIndex | undefined;

  /** `index` is one over the same articles (from {@link loadIndex}); otherwise one is built on first use. */
  constructor(articles: readonly Article[], index?: ArticleIndex) {
    super(articles);
    this._index = index;
    this.text = textSearch(this, () => this.index);
  }

  /** The search index, built on first access when none was given. */
  get index(): ArticleIndex {
    return (this._index ??= createIndex(this.articles));
  }

  /** True once an index exists (given, built, or set). */
  get indexed(): boolean {
    return this._index !== undefined;
  }

  /** Installs an index built elsewhere (in chunks, or loaded from a file). */
  setIndex(index: ArticleIndex): void {
    this._index = index;
  }
}

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
