/**
 * A normalised set of articles with lookups and a lazily built search index:
 * what related() and popular() rank over, in the browser and in Node.
 */
import type { Article, PageContext } from './types.js';
import { canonicalUrl } from './url.js';
import { createIndex, type ArticleIndex } from './search-index.js';

export class Catalog {
  readonly articles: readonly Article[];
  private readonly byId = new Map<string, Article>();
  private readonly byUrl = new Map<string, Article>();
  private _index: ArticleIndex | undefined;

  /** `index` is a prebuilt index over the same articles (from `loadIndex`); otherwise one is built on first use. */
  constructor(articles: readonly Article[], index?: ArticleIndex) {
    this.articles = articles;
    for (const article of articles) {
      this.byId.set(article.id, article);
      this.byUrl.set(article.canonicalUrl, article);
    }
    this._index = index;
  }

  /** The search index, built on first access when none was given. */
  get index(): ArticleIndex {
    return (this._index ??= createIndex(this.articles));
  }

  /** True once an index exists (given, built, or set by an async builder). */
  get indexed(): boolean {
    return this._index !== undefined;
  }

  /** Installs an index built elsewhere (in chunks, or loaded from a file). */
  setIndex(index: ArticleIndex): void {
    this._index = index;
  }

  getById(id: string): Article | undefined {
    return this.byId.get(id);
  }

  /** Looks an article up by any URL that canonicalises to the same key. */
  getByUrl(url: string): Article | undefined {
    return this.byUrl.get(canonicalUrl(url)!);
  }

  /** The article a page is about: by id, else by URL; undefined when not in the catalogue. */
  find(ref: { id?: string | undefined; url?: string | undefined }): Article | undefined {
    return this.byId.get(ref.id!) ?? (ref.url ? this.getByUrl(ref.url) : undefined);
  }
}

/** What related() ranks against: an article of the catalogue, or the page's own metadata. */
export type RelatedTarget = Article | PageContext;
