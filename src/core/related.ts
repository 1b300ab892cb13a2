/**
 * "You May Also Like": ranks the catalogue against the article being read.
 *
 * 1. Retrieve: an article of the manifest brings its build-time neighbours
 *    (`Article.near`: exact cosine of keyword vectors, computed by `build`),
 *    with the neighbours of recent reads blended in. A page outside the
 *    manifest (or an article of a manifest that was not built) is matched by
 *    MiniSearch: its weighted terms, exact first, then with prefix and fuzzy
 *    matching when no term matches exactly.
 * 2. Filter: exclusions, reader history, maximum age, and near-duplicates of
 *    the current story.
 * 3. Priors: recency half-life, popularity, same-section boost.
 * 4. Threshold relative to the best score, then select greedily with MMR
 *    diversity (similarity between items from their neighbour lists), never
 *    two copies of one story, within section and tag caps.
 * 5. Pinned items first, the sponsored slot, then fill from popular.
 *
 * Nothing here imports the vector index: retrieval happened at build time.
 */
import type { ArticleSet, RelatedTarget } from './article-set.js';
import { byWeight } from './order.js';
import { isNearDuplicate } from './dedupe.js';
import { eligibility } from './filters.js';
import { resolveRelatedOptions, type RelatedOptionsInput } from './options.js';
import { compareRanked, popular } from './popular.js';
import type { Article, RankResult, RankedItem, ScoreFactor, WeightedTerm } from './types.js';

const DAY = 86_400_000;
/** Recent reads, together, count this much relative to the current article. */
const RECENT_WEIGHT = 0.5;
/** Matched terms listed per result in explanations. */
const MATCHED_TERMS = 8;
interface Candidate {
  article: Article;
  /** Relevance after priors: what the threshold and MMR compare. */
  score: number;
  factors: ScoreFactor[];
}

/**
 * Ranks the catalogue against `target` (an article of the catalogue, or the
 * page's own metadata). Never returns the target itself or a copy of it,
 * never two copies of one story, never more than `limit` items, and the same
 * input always gives the same output.
 */
export function related(catalog: ArticleSet, target: RelatedTarget, options: RelatedOptionsInput = {}): RankResult {
  const o = resolveRelatedOptions(options);
  const { articles } = catalog;
  // An article of the catalogue, found by id or by any URL with its canonical form.
  const current = catalog.find(target as { id?: string; url?: string });
  const eligible = eligibility(o.exclude, o.read);
  const oldest = o.maxAgeDays > 0 ? o.now - o.maxAgeDays * DAY : -Infinity;
  // Similarity of two articles from either one's neighbour list; 0 when neither lists the other.
  const look = (a: Article, b: Article) => a.near?.find(([p]) => articles[p] === b)?.[1];
  const sim = (a: Article, b: Article) => look(a, b) ?? look(b, a) ?? 0;
  const copy = (a: Article, b: Article) => isNearDuplicate(a, b, sim(a, b));
  // Never the current story again: the article, or (off the manifest) a copy by title.
  const allowed = (a: Article) => a !== current && eligible(a) && (a.publishedAt ?? -Infinity) >= oldest && !copy(current ?? (target as Article), a);

  // Retrieve: candidate → relevance, 0-1.
  const found = new Map<Article, number>();
  const add = (a: Article | undefined, s: number) => a && found.set(a, (found.get(a) ?? 0) + s);
  const reads = o.recent.map((id) => catalog.getById(id)).filter((a): a is Article => !!a && a !== current);
  const built = !!current?.near?.length;
  if (built) for (const [p, s] of current.near!) add(articles[p], s);
  else {
    if (!catalog.text) throw new Error('no text search installed');
    for (const [a, r] of catalog.text.search(current ?? target, current, o.fieldWeights)) add(a, r);
  }
  // Recent reads: the mean of their neighbour similarities at half weight,
  // as if their mean vector were blended into the query.
  for (const r of reads) for (const [p, s] of r.near ?? []) add(articles[p], (RECENT_WEIGHT * s) / reads.length);
  const scale = 1 + (reads.length > 0 ? RECENT_WEIGHT : 0);
  const detail = built ? 'similarity' : 'text match';
  // Priors multiply the match; each one applied is listed for explanations.
  // Popularity: views on a log scale relative to the most viewed article, 0-1.
  let maxViewed = 0;
  if (o.popularityWeight > 0) maxViews.set(catalog, (maxViewed = maxViews.get(catalog) ?? articles.reduce((m, a) => Math.max(m, a.views ?? 0), 0)));
  const candidates: Candidate[] = [];
  for (const [article, s] of found) {
    if (!allowed(article)) continue;
    const c: Candidate = { article, score: 1, factors: [] };
    const factor = (kind: string, detail: string, value: number) => {
      c.score *= value;
      c.factors.push({ kind, detail, value: round(value) });
    };
    factor('match', detail, s / scale);
    // NaN (never equal to itself) when the article is undated: no recency prior.
    const days = Math.max(0, (o.now - article.publishedAt!) / DAY);
    if (o.recencyHalfLifeDays > 0 && days === days) factor('recency', `${Math.round(days)} days old`, Math.pow(0.5, days / o.recencyHalfLifeDays));
    if (maxViewed > 0) factor('popularity', `${article.views ?? 0} views`, 1 + (o.popularityWeight * Math.log1p(article.views ?? 0)) / Math.log1p(maxViewed));
    if (o.sameSectionBoost !== 1 && current?.section !== undefined && article.section?.toLowerCase() === current.section.toLowerCase()) {
      factor('section', `same section`, o.sameSectionBoost);
    }
    candidates.push(c);
  }
  candidates.sort(compareRanked);

  const items: RankedItem[] = [];
  // Items so far per section and per tag (lowercased; a section key starts with NUL).
  const counts = new Map<string, number>();
  const keys = (a: Article) => new Set([...(a.section !== undefined ? ['\0' + a.section] : []), ...a.tags].map((k) => k.toLowerCase()));
  const cap = (k: string) => (k[0] === '\0' ? o.sectionCap : o.tagCap);
  const fits = (a: Article) => [...keys(a)].every((k) => !cap(k) || (counts.get(k) ?? 0) < cap(k));
  const take = (item: RankedItem) => {
    items.push(item);
    for (const k of keys(item.article)) counts.set(k, (counts.get(k) ?? 0) + 1);
  };
  const clashes = (a: Article) => items.some((i) => copy(i.article, a));
  let query: Map<string, number> | undefined;
  // The text search's terms; without one (the browser before MiniSearch is
  // needed), the build's keywords: the terms similarity was computed from.
  const terms = (x: RelatedTarget): WeightedTerm[] =>
    catalog.text?.terms(x, o.fieldWeights) ?? (o.fieldWeights.keywords > 0 ? ((x as Partial<Article>).keywords ?? []).map(([t]): WeightedTerm => [t, o.fieldWeights.keywords]).sort(byWeight) : []);
  // Matched terms are worked out when first read (only explanations show
  // them): the terms an item shares with the current article or page, each
  // with its contribution to the cosine of the two weighted term sets (field
  // weights only: the build's IDF is not shipped), largest first.
  const item = (c: Candidate, factors: ScoreFactor[], source: RankedItem['source']): RankedItem => {
    let matched: WeightedTerm[] | undefined;
    return {
      article: c.article,
      score: c.score,
      get matched() {
        if (!matched) {
          const q = (query ??= new Map(terms(current ?? target)));
          const own = terms(c.article);
          const norm = Math.hypot(...q.values()) * Math.hypot(...own.map((t) => t[1]));
          matched = own
            .filter(([t]) => q.has(t))
            .map(([t, x]): WeightedTerm => [t, round((q.get(t)! * x) / norm)])
            .sort(byWeight)
            .slice(0, MATCHED_TERMS);
        }
        return matched;
      },
      factors,
      source,
    };
  };

  for (const id of o.pinned) {
    const a = catalog.getById(id);
    if (a && items.length < o.limit && allowed(a) && !clashes(a)) take(item({ article: a, score: Infinity, factors: [] }, [{ kind: 'pinned', detail: 'pinned', value: 1 }], 'pinned'));
  }

  // The sponsored slot takes the most relevant sponsored article; organic
  // selection never uses sponsored ones, so they are always labelled as such.
  // Taken now, so organic picks avoid copies of it; moved to its slot at the end.
  const organic = candidates.filter((c) => !c.article.sponsored);
  const pick = o.sponsoredPosition > 0 ? candidates.find((c) => c.article.sponsored) : undefined;
  let sponsored: RankedItem | undefined;
  if (pick && items.length < o.limit && !clashes(pick.article)) {
    take((sponsored = item(pick, [...pick.factors, { kind: 'sponsored', detail: `slot ${o.sponsoredPosition}`, value: 1 }], 'sponsored')));
  }

  const best = organic[0]?.score ?? 0;
  const pool = organic.filter((c) => c.score > 0 && c.score >= o.threshold * best);
  // Lazy greedy MMR: the pool is sorted by score and similarity only lowers
  // a value, so a scan stops at the first item whose score alone cannot beat
  // the best value found.
  while (items.length < o.limit) {
    let at = -1;
    let value = -Infinity;
    let similarity = 0;
    for (let i = 0; i < pool.length; i++) {
      const c = pool[i]!;
      const upper = (1 - o.diversity) * (c.score / best);
      if (upper <= value) break;
      if (clashes(c.article)) pool.splice(i--, 1);
      else if (fits(c.article)) {
        // MMR: relevance (relative to the best) minus similarity to what is already chosen.
        const s = items.reduce((m, t) => Math.max(m, sim(t.article, c.article)), 0);
        if (upper - o.diversity * s > value) [at, value, similarity] = [i, upper - o.diversity * s, s];
      }
    }
    if (at < 0) break;
    const [c] = pool.splice(at, 1) as [Candidate];
    take(item(c, o.diversity > 0 && similarity > 0 ? [...c.factors, { kind: 'diversity', detail: `similarity ${similarity} to items above`, value: round(-o.diversity * similarity) }] : c.factors, 'related'));
  }

  if (sponsored) {
    items.splice(items.indexOf(sponsored), 1);
    items.splice(Math.min(o.sponsoredPosition - 1, items.length), 0, sponsored);
  }

  let filled = 0;
  if (o.fill && items.length < o.limit) {
    for (const p of popular(catalog, { ...o, window: 'all', limit: 50 }).items) {
      if (items.length >= o.limit) break;
      if (!allowed(p.article) || clashes(p.article) || !fits(p.article)) continue;
      take({ ...p, factors: [...p.factors, { kind: 'fill', detail: 'filled from popular', value: 0 }] });
      filled++;
    }
  }
  return { items, filled };
}

const maxViews = new WeakMap<ArticleSet, number>();

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
