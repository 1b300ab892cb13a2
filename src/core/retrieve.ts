/**
 * Text retrieval for related(): what a page without build-time neighbours
 * (missing from the manifest, or a manifest that was not built) is matched
 * by. It needs the tokeniser and MiniSearch, so the browser loads it with
 * MiniSearch, only when a page needs it (`readnext.search.min.js`); Node's
 * {@link Catalog} has it from the start.
 */
import type { ArticleSet, RelatedTarget } from './article-set.js';
import { RELATED_DEFAULTS, type FieldWeights } from './options.js';
import type { ArticleIndex } from './search-index.js';
import { byWeight } from './order.js';
import { terms } from './text.js';
import type { Article, WeightedTerm } from './types.js';

/** Strongest terms of a MiniSearch query: fuzzy matching costs grow with every term. */
const QUERY_TERMS = 30;

/** Text search over an article set, installed on it (see `ArticleSet.text`). */
export interface TextSearch {
  /** Weighted terms of a target, strongest first (explanations). */
  terms(target: RelatedTarget, weights: Readonly<FieldWeights>): WeightedTerm[];
  /** Candidates for `target` with relevance 0-1; `current` is its article when in the set. */
  search(target: RelatedTarget, current: Article | undefined, weights: Readonly<FieldWeights>): [Article, number][];
}

/**
 * Weighted terms of a target (by `fieldWeights`, the defaults unless given),
 * strongest first: the MiniSearch query for pages outside the manifest, and
 * what explanations intersect.
 */
export function queryTerms(target: RelatedTarget, w: Readonly<FieldWeights> = RELATED_DEFAULTS.fieldWeights): WeightedTerm[] {
  const weights = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const t of terms(text)) if (weight > 0) weights.set(t, Math.max(weights.get(t) ?? 0, weight));
  };
  const a = target as Partial<Article> & { description?: string };
  for (const [k] of a.keywords ?? []) add(k, w.keywords);
  add(a.summary ?? a.description ?? '', w.summary);
  for (const tag of a.tags ?? []) add(tag, w.tags);
  add(a.title ?? '', w.title);
  return [...weights].sort(byWeight);
}

/** {@link TextSearch} over `set` with `index` (built over the same articles). */
export function textSearch(set: ArticleSet, index: () => ArticleIndex): TextSearch {
  return {
    terms: queryTerms,
    search(target, current, fieldWeights) {
      const query = queryTerms(target, fieldWeights).slice(0, QUERY_TERMS);
      const boost = new Map(query);
      // Exact terms first; prefix and fuzzy matching (costly) only when no term matched exactly.
      const search = (loose: boolean) =>
        index().search(query.map(([t]) => t).join(' '), {
          prefix: (t: string) => loose && t.length > 3,
          fuzzy: (t: string) => loose && t.length > 5 && 0.2,
          boostTerm: (t: string) => boost.get(t) ?? 1,
        });
      let hits = search(false);
      if (!hits[0]) hits = search(true);
      // The best few hundred: enough for any limit, caps and exclusions.
      // Relative to the best other article, square-rooted: BM25 scores spread
      // far wider than cosines (a tenth of the best is still a real match).
      const top = hits.find((h) => h.id !== current?.id)?.score;
      const found: [Article, number][] = [];
      for (const h of hits.slice(0, 300)) {
        const a = set.getById(String(h.id));
        if (a) found.push([a, Math.sqrt(h.score / top!)]);
      }
      return found;
    },
  };
}
