/**
 * "You May Also Like": ranks the catalogue against the article being read.
 *
 * 1. Retrieve: cosine between the target's vector (title, summary, tags and
 *    build-time keywords; recent reads blended in) and every article, exactly,
 *    through the vector index's postings. Pages missing from the catalogue use
 *    their own metadata, and MiniSearch (prefix and fuzzy matching, terms
 *    boosted by weight) when no term is shared exactly.
 * 2. Filter: exclusions, reader history, maximum age, and near-duplicates of
 *    the current story.
 * 3. Priors: recency half-life, popularity, same-section boost.
 * 4. Threshold relative to the best score, then select greedily with MMR
 *    diversity, never two copies of one story, within section and tag caps.
 * 5. Pinned items first, the sponsored slot, then fill from popular.
 */
import type { Catalog, RelatedTarget } from './catalog.js';
import { comparable, DUPLICATE_COSINE, isNearDuplicate } from './dedupe.js';
import { eligibility } from './filters.js';
import { resolveRelatedOptions, type FieldWeights, type RelatedOptions, type RelatedOptionsInput } from './options.js';
import { compareRanked, popular } from './popular.js';
import { terms } from './text.js';
import type { Article, RankResult, RankedItem, ScoreFactor, WeightedTerm } from './types.js';
import { FIELD_WEIGHTS, blend, cosine, vectorIndex, type SparseVector, type VectorIndex } from './vector-index.js';

const DAY = 86_400_000;
/** Candidates kept for priors and MMR, per requested item: headroom for caps, duplicates and diversity. */
const CANDIDATES_PER_ITEM = 10;
const MIN_CANDIDATES = 50;
/** Recent reads, together, count this much relative to the current article in the query. */
const RECENT_WEIGHT = 0.5;
/** Matched terms listed per result in explanations. */
const MATCHED_TERMS = 8;

/** Weighted query terms for a target (by `fieldWeights`, the defaults unless given): the MiniSearch fallback query. */
export function queryTerms(target: RelatedTarget, w: Readonly<FieldWeights> = FIELD_WEIGHTS): WeightedTerm[] {
  const weights = new Map<string, number>();
  const add = (term: string, weight: number) => weights.set(term, Math.max(weights.get(term) ?? 0, weight));
  const article = target as Partial<Article> & { description?: string };
  for (const [term] of article.keywords ?? []) for (const t of terms(term)) add(t, w.keywords);
  for (const term of terms(article.summary ?? article.description ?? '')) add(term, w.summary);
  for (const tag of article.tags ?? []) for (const term of terms(tag)) add(term, w.tags);
  for (const term of terms(article.title ?? '')) add(term, w.title);
  return [...weights].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

interface Candidate {
  article: Article;
  doc: number;
  /** Relevance after priors: what the threshold and MMR compare. */
  score: number;
  match: number;
  factors: ScoreFactor[];
}

/**
 * Ranks the catalogue against `target` (an article of the catalogue, or the
 * page's own metadata). Never returns the target itself or a copy of it,
 * never two copies of one story, never more than `limit` items, and the same
 * input always gives the same output.
 */
export function related(catalog: Catalog, target: RelatedTarget, options: RelatedOptionsInput = {}): RankResult {
  const o = resolveRelatedOptions(options);
  const vi = vectorIndex(catalog, o.fieldWeights);
  const current = findCurrent(catalog, target);
  const eligible = eligibility(o.exclude, o.read);
  const oldest = o.maxAgeDays > 0 ? o.now - o.maxAgeDays * DAY : -Infinity;
  const currentVector = current ? vi.vectors[vi.indexOf(current)] : undefined;
  const allowedExceptVector = (a: Article) =>
    a !== current &&
    eligible(a) &&
    (oldest === -Infinity || (a.publishedAt ?? -Infinity) >= oldest) &&
    !(current && isNearDuplicate(current, a));
  const allowed = (a: Article, doc: number) =>
    allowedExceptVector(a) && !(current && currentVector && isNearDuplicate(current, a, currentVector, vi.vectors[doc]));
  const collect = (hits: { doc: number; score: number }[], wanted: number): Candidate[] => {
    const out: Candidate[] = [];
    for (const { doc, score } of hits) {
      if (out.length >= wanted) break;
      const article = vi.articles[doc]!;
      // With the current article's own vector as the query, the score is
      // already the duplicate test's cosine.
      if (plainQuery ? (score >= DUPLICATE_COSINE && comparable(currentVector, vi.vectors[doc]!)) || !allowedExceptVector(article) : !allowed(article, doc)) continue;
      out.push(applyPriors(article, doc, score, current, o, catalog));
    }
    return out;
  };

  const query = queryVector(vi, catalog, current ?? target, o.recent);
  const plainQuery = currentVector !== undefined && query === currentVector;
  const wanted = Math.max(MIN_CANDIDATES, CANDIDATES_PER_ITEM * o.limit);
  // Exclusions and history can remove many hits, so retrieve with headroom
  // first and everything only when that was not enough.
  let hits = retrieve(vi, catalog, current ?? target, query, 2 * wanted);
  let candidates = collect(hits, wanted);
  if (candidates.length < wanted && hits.length === 2 * wanted) {
    hits = retrieve(vi, catalog, current ?? target, query, Infinity);
    candidates = collect(hits, wanted);
  }

  const items: RankedItem[] = [];
  const taken: Article[] = [];
  const takenDocs: number[] = [];
  const take = (item: RankedItem, doc: number) => {
    items.push(item);
    taken.push(item.article);
    takenDocs.push(doc);
  };
  const clashes = (a: Article, doc: number) =>
    taken.some((t, i) => isNearDuplicate(t, a, vi.vectors[takenDocs[i]!], vi.vectors[doc]));

  for (const id of o.pinned) {
    const article = catalog.getById(id);
    const doc = article ? vi.indexOf(article) : -1;
    if (!article || items.length >= o.limit || !allowed(article, doc) || clashes(article, doc)) continue;
    take({ article, score: Infinity, matched: [], factors: [{ kind: 'pinned', detail: 'pinned by the publisher', value: 1 }], source: 'pinned' }, doc);
  }

  // The sponsored slot takes the most relevant sponsored article; organic
  // selection never uses sponsored ones, so they are always labelled as such.
  const organic = candidates.filter((c) => !c.article.sponsored);
  const sponsoredPick = o.sponsoredPosition > 0 ? candidates.filter((c) => c.article.sponsored).sort(byScore)[0] : undefined;
  const sponsored = sponsoredPick && items.length < o.limit && !clashes(sponsoredPick.article, sponsoredPick.doc) ? sponsoredPick : undefined;
  // Taken now, so organic picks avoid copies of it; moved to its slot at the end.
  let sponsoredItem: RankedItem | undefined;
  if (sponsored) {
    sponsoredItem = {
      article: sponsored.article,
      score: sponsored.score,
      matched: matchedTerms(vi, query, sponsored.doc),
      factors: [...sponsored.factors, { kind: 'sponsored', detail: `sponsored slot at position ${o.sponsoredPosition}`, value: 1 }],
      source: 'sponsored',
    };
    take(sponsoredItem, sponsored.doc);
  }

  const best = organic.reduce((m, c) => Math.max(m, c.score), 0);
  const pool = organic.filter((c) => c.score > 0 && c.score >= o.threshold * best).sort(byScore);
  // Highest cosine of each pool item to anything chosen so far, updated per
  // pick so MMR and the duplicate check cost one cosine per item per pick.
  // Lazy greedy MMR: the pool is sorted by score and similarity only lowers
  // a value, so a scan stops at the first item whose score alone cannot beat
  // the best value found, and each item's similarity to the chosen items is
  // brought up to date only when it is looked at.
  const similarity = new Float64Array(pool.length);
  const compared = new Int32Array(pool.length);
  const duplicateOfTaken = pool.map(() => false);
  const refresh = (i: number) => {
    const v = vi.vectors[pool[i]!.doc]!;
    for (let t = compared[i]!; t < takenDocs.length; t++) {
      const doc = takenDocs[t]!;
      if (doc < 0) continue;
      const u = vi.vectors[doc]!;
      const sim = cosine(u, v);
      if (sim > similarity[i]!) similarity[i] = sim;
      if (sim >= DUPLICATE_COSINE && comparable(u, v)) duplicateOfTaken[i] = true;
    }
    compared[i] = takenDocs.length;
  };
  const perSection = new Map<string, number>();
  const perTag = new Map<string, number>();
  for (const t of taken) count(t, perSection, perTag);
  const open = pool.map(() => true);
  while (items.length < o.limit) {
    let pick = -1;
    let pickValue = -Infinity;
    for (let i = 0; i < pool.length; i++) {
      const c = pool[i]!;
      if (!open[i]) continue;
      const upper = (1 - o.diversity) * (c.score / best);
      if (upper <= pickValue) break;
      refresh(i);
      if (duplicateOfTaken[i] || clashes(c.article, -1)) {
        open[i] = false;
        continue;
      }
      if (!withinCaps(c.article, o, perSection, perTag)) continue;
      // MMR: relevance (relative to the best) minus similarity to what is already chosen.
      const value = upper - o.diversity * similarity[i]!;
      if (value > pickValue) {
        pick = i;
        pickValue = value;
      }
    }
    if (pick < 0) break;
    const c = pool[pick]!;
    open[pick] = false;
    const factors = o.diversity > 0 && similarity[pick]! > 0
      ? [...c.factors, { kind: 'diversity', detail: `similarity ${similarity[pick]!.toFixed(2)} to items above, trade-off ${o.diversity}`, value: round(-o.diversity * similarity[pick]!) }]
      : c.factors;
    take({ article: c.article, score: c.score, matched: matchedTerms(vi, query, c.doc), factors, source: 'related' }, c.doc);
    count(c.article, perSection, perTag);
  }

  if (sponsoredItem) {
    const from = items.indexOf(sponsoredItem);
    items.splice(from, 1);
    items.splice(Math.min(o.sponsoredPosition - 1, items.length), 0, sponsoredItem);
  }

  let filled = 0;
  if (o.fill && items.length < o.limit) {
    const extra = popular(catalog, { window: 'all', now: o.now, limit: 50, exclude: o.exclude, read: o.read });
    for (const item of extra.items) {
      if (items.length >= o.limit) break;
      const doc = vi.indexOf(item.article);
      if (!allowed(item.article, doc) || clashes(item.article, doc) || !withinCaps(item.article, o, perSection, perTag)) continue;
      take({ ...item, factors: [...item.factors, { kind: 'fill', detail: 'too few related items passed the threshold; filled from popular', value: 0 }] }, doc);
      count(item.article, perSection, perTag);
      filled++;
    }
  }
  return { items, filled };
}

function findCurrent(catalog: Catalog, target: RelatedTarget): Article | undefined {
  if ('canonicalUrl' in target && catalog.getById(target.id) === target) return target;
  return catalog.find({ id: 'id' in target && typeof target.id === 'string' ? target.id : undefined, url: target.url });
}

/** The target's vector, with the reader's recent reads blended in. */
function queryVector(vi: VectorIndex, catalog: Catalog, target: RelatedTarget, recent: readonly string[]): SparseVector {
  const article = target as Article;
  const own = vi.indexOf(article);
  const query = own >= 0 ? vi.vectors[own]! : vi.vectorFor(target);
  const reads = recent.map((id) => catalog.getById(id)).filter((a): a is Article => a !== undefined && a !== target);
  if (reads.length === 0) return query;
  // Every recent read counts the same: their mean direction, then blended.
  const sum = new Map<number, number>();
  for (const read of reads) {
    const v = vi.vectors[vi.indexOf(read)]!;
    v.ids.forEach((id, i) => sum.set(id, (sum.get(id) ?? 0) + v.weights[i]!));
  }
  const entries = [...sum].sort((a, b) => a[0] - b[0]);
  const history: SparseVector = { ids: Int32Array.from(entries, (e) => e[0]), weights: Float32Array.from(entries, (e) => e[1]) };
  return blend(query, unit(history), RECENT_WEIGHT);
}

function unit(v: SparseVector): SparseVector {
  const norm = Math.hypot(...v.weights) || 1;
  return { ids: v.ids, weights: v.weights.map((w) => w / norm) };
}

/**
 * Exact cosine over the vector index; for a page that shares no exact term
 * with the catalogue (it is not in the manifest, or uses other word forms),
 * MiniSearch's prefix and fuzzy matching with term boosts, scaled below any
 * exact match.
 */
function retrieve(vi: VectorIndex, catalog: Catalog, target: RelatedTarget, query: SparseVector, limit: number): { doc: number; score: number }[] {
  const hits = vi.search(query, limit);
  if (hits.length > 0 || vi.indexOf(target as Article) >= 0) return hits;
  // The page's 30 strongest terms: fuzzy matching costs grow with every term.
  const weighted = queryTerms(target, vi.fieldWeights).slice(0, 30);
  if (weighted.length === 0) return [];
  const weightOf = new Map(weighted);
  const found = catalog.index.search(weighted.map(([t]) => t).join(' '), {
    prefix: (term: string) => term.length > 3,
    fuzzy: (term: string) => (term.length > 5 ? 0.2 : false),
    boostTerm: (term: string) => weightOf.get(term) ?? 1,
  });
  const top = found[0]?.score ?? 1;
  return found
    .slice(0, limit)
    .map((hit) => ({ doc: vi.indexOf(catalog.getById(String(hit.id))!), score: (0.5 * hit.score) / top }))
    .filter((h) => h.doc >= 0);
}

function applyPriors(article: Article, doc: number, match: number, current: Article | undefined, o: RelatedOptions, catalog: Catalog): Candidate {
  const factors: ScoreFactor[] = [{ kind: 'match', detail: 'cosine similarity of keyword vectors', value: round(match) }];
  let score = match;
  if (o.recencyHalfLifeDays > 0 && article.publishedAt !== undefined) {
    const ageDays = Math.max(0, (o.now - article.publishedAt) / DAY);
    const decay = Math.pow(0.5, ageDays / o.recencyHalfLifeDays);
    score *= decay;
    factors.push({ kind: 'recency', detail: `${Math.round(ageDays)} days old, half-life ${o.recencyHalfLifeDays} days`, value: round(decay) });
  }
  if (o.popularityWeight > 0) {
    const boost = 1 + o.popularityWeight * popularityShare(catalog, article);
    score *= boost;
    factors.push({ kind: 'popularity', detail: `${article.views ?? 0} views`, value: round(boost) });
  }
  if (o.sameSectionBoost !== 1 && current?.section !== undefined && article.section?.toLowerCase() === current.section.toLowerCase()) {
    score *= o.sameSectionBoost;
    factors.push({ kind: 'section', detail: `same section (${article.section})`, value: o.sameSectionBoost });
  }
  return { article, doc, score, match, factors };
}

const maxViews = new WeakMap<Catalog, number>();

/** Views on a log scale relative to the catalogue's most viewed article, 0-1. */
function popularityShare(catalog: Catalog, article: Article): number {
  let max = maxViews.get(catalog);
  if (max === undefined) {
    max = catalog.articles.reduce((m, a) => Math.max(m, a.views ?? 0), 0);
    maxViews.set(catalog, max);
  }
  return max > 0 ? Math.log1p(article.views ?? 0) / Math.log1p(max) : 0;
}

function matchedTerms(vi: VectorIndex, query: SparseVector, doc: number): WeightedTerm[] {
  const v = vi.vectors[doc];
  if (!v) return [];
  const out: WeightedTerm[] = [];
  let i = 0;
  let j = 0;
  while (i < query.ids.length && j < v.ids.length) {
    const x = query.ids[i]!;
    const y = v.ids[j]!;
    if (x === y) out.push([vi.term(x), round(query.weights[i++]! * v.weights[j++]!)]);
    else if (x < y) i++;
    else j++;
  }
  return out.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MATCHED_TERMS);
}

function withinCaps(article: Article, o: RelatedOptions, perSection: Map<string, number>, perTag: Map<string, number>): boolean {
  if (o.sectionCap > 0 && article.section !== undefined && (perSection.get(article.section.toLowerCase()) ?? 0) >= o.sectionCap) return false;
  if (o.tagCap > 0 && article.tags.some((t) => (perTag.get(t.toLowerCase()) ?? 0) >= o.tagCap)) return false;
  return true;
}

function count(article: Article, perSection: Map<string, number>, perTag: Map<string, number>): void {
  if (article.section !== undefined) perSection.set(article.section.toLowerCase(), (perSection.get(article.section.toLowerCase()) ?? 0) + 1);
  for (const t of new Set(article.tags.map((x) => x.toLowerCase()))) perTag.set(t, (perTag.get(t) ?? 0) + 1);
}

/** Score, then popular()'s total order (views, newer, id), so output is deterministic. */
function byScore(a: Candidate, b: Candidate): number {
  return b.score - a.score || compareRanked({ article: a.article, score: 0, matched: [], factors: [], source: 'related' }, { article: b.article, score: 0, matched: [], factors: [], source: 'related' });
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
