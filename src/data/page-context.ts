/**
 * The page's own metadata, which related() ranks against when the page is
 * missing from the catalogue (by text search). In the search part
 * (src/search.ts), since only such pages need it.
 */
import type { PageContext } from '../core/types.js';
import { all, meta } from './page.js';

/** `url`'s context from `doc`: og:title or the title, description, `article:tag`s and `article:section`, and the document's lang. */
export function pageContext(url: string, doc: Document = document): PageContext {
  return {
    url,
    // og:title usually lacks the " | Site name" suffix that would add the site's name to every query.
    title: meta('og:title', doc) ?? doc.title,
    tags: all('meta[property="article:tag"]', doc),
    description: meta('description', doc) ?? meta('og:description', doc),
    section: meta('article:section', doc),
    lang: doc.documentElement.lang || undefined,
  };
}
