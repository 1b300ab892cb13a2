/**
 * A normalised set of articles with lookups: what related() and popular()
 * rank over. Text search (MiniSearch) is installed when a page needs it
 * (src/data/store.ts), so nothing here imports it; a {@link Catalog}
 * (catalog.ts) has it from the start, its index built on first use.
 */
import type { Article, PageContext } from './types.js';
import type { TextSearch } from './retrieve.js';
import { canonicalUrl } from './url.js';

export class ArticleSet {
  readonly articles: readonly Article[];
  private readonly byId = new Map<string, Article>();
  private readonly byUrl = new Map<string, Article>();
  /** Text search for targets without build-time neighbours, once installed (always, in a {@link Catalog}). */
  text: TextSearch | undefined;

  constructor(articles: readonly Article[]) {
    this.articles = articles;
    for (const article of articles) {
      this.byId.set(article.id, article);
      this.byUrl.set(article.canonicalUrl, article);
    }
  }

  getById(id: string): Article | undefined {
    return this.byId.get(id);
  }

  /** Looks an article up by any URL that canonicalises to the same key. */
  getByUrl(url: string): Article | undefined {
    return this.byUrl.get(canonicalUrl(url)!);
  }

  /** The article a page is about: by id, else by URL; undefined when not in the set. */
  find(ref: { id?: string | undefined; url?: string | undefined }): Article | undefined {
    return this.byId.get(ref.id!) ?? (ref.url ? this.getByUrl(ref.url) : undefined);
  }
}

/** What related() ranks against: an article of the set, or the page's own metadata. */
export type RelatedTarget = Article | PageContext;
