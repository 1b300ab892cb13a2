/**
 * `dist/readnext.search.min.js`: text search, which the script-tag bundle
 * imports only when a page needs it (see src/data/parts.ts); in the
 * npm build, a chunk bundlers split off. MiniSearch, the core's index
 * configuration and tokeniser, retrieval, the page's own metadata (what a
 * page missing from the manifest is ranked against), and the JSON Feed item
 * reader (a feed has no build-time neighbours, so a page ranking from one
 * needs text search anyway).
 */
import MiniSearch, { type AsPlainObject } from 'minisearch';
import type { ArticleSet } from './core/article-set.js';
import { textSearch } from './core/retrieve.js';
import { INDEX_OPTIONS, type ArticleIndex } from './core/search-index.js';

export { feedGetter } from './core/feed.js';
export { pageContext } from './data/page-context.js';
import type { Article, Problem } from './core/types.js';
import { documentProblem, parseJson, sliced, type FetchOutcome } from './data/fetch-manifest.js';

/**
 * Installs text search on `set`: from the prebuilt index (`readnext build
 * --index`, fetched from `url`) when it covers exactly the set's articles,
 * else built here; either way in slices of the main thread. Resolves with a
 * warning when a prebuilt index was given but not used.
 */
export async function installSearch(set: ArticleSet, prebuilt?: FetchOutcome<string>, url?: string): Promise<Problem | undefined> {
  const docs = set.articles.filter((a) => !a.noindex);
  let index: ArticleIndex | undefined;
  let problem: Problem | undefined;
  if (prebuilt) {
    let why = 'ids differ';
    try {
      if (!prebuilt.ok) throw prebuilt.problem.message;
      const json = (await parseJson(prebuilt.value)) as AsPlainObject;
      // Its ids are read from the JSON, so a mismatched index is never loaded.
      const ids = new Set(Object.values(json.documentIds));
      if (ids.size == docs.length && docs.every((a) => ids.has(a.id))) index = await MiniSearch.loadJSAsync<Article>(json, INDEX_OPTIONS);
    } catch (error) {
      why = String(error);
    }
    if (!index) problem = { ...documentProblem('invalid-manifest', `index ${url} not used (${why})`, 'index'), level: 'warning' };
  }
  if (!index) {
    const fresh = (index = new MiniSearch<Article>(INDEX_OPTIONS));
    let i = 0;
    await sliced(() => (i < docs.length && fresh.add(docs[i++]!), i >= docs.length));
  }
  set.text = textSearch(set, () => index);
  return problem;
}
