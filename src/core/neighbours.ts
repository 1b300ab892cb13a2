/**
 * Build-time retrieval: each article's nearest neighbours by exact cosine of
 * the keyword vectors (src/core/vector-index.ts), which `build` writes as the
 * manifest field `near` so the browser ranks from a short list instead of
 * shipping and querying the vector index. Node only: the build, the eval and
 * the precompute workers call it; nothing in the browser bundle imports it.
 */
import { DUPLICATE_COSINE, DUPLICATE_MIN_TERMS } from './dedupe.js';
import { resolveRelatedOptions, type FieldWeights } from './options.js';
import type { Article } from './types.js';
import { VectorIndex, type SparseVector } from './vector-index.js';

/**
 * Neighbours kept per article. Defaults to 12: the eval's 5 items plus room
 * for exclusions, history, copies and diversity, at about 6 gzip bytes a
 * pair (docs/relevance.md has the curve).
 */
export const NEAR_DEFAULTS = Object.freeze({ k: 12 });

export interface NearOptions {
  /** Neighbours per article, best first. Defaults to {@link NEAR_DEFAULTS}.k. */
  k?: number;
  /** First position to compute (inclusive). Defaults to 0. */
  from?: number;
  /** Position to stop before. Defaults to `articles.length`. */
  to?: number;
  /** Term weights by field for the vectors; defaults to `RELATED_DEFAULTS.fieldWeights`. */
  fieldWeights?: Partial<FieldWeights>;
}

/** Whether two vectors are long enough for the cosine duplicate test (see `DUPLICATE_MIN_TERMS`). */
export function comparable(a: SparseVector, b: SparseVector): boolean {
  return a.ids.length >= DUPLICATE_MIN_TERMS && b.ids.length >= DUPLICATE_MIN_TERMS;
}

/**
 * Similarity as the manifest stores it: rounded to thousandths in
 * [0.001, 1], and on the right side of the duplicate threshold for the
 * browser's test `similarity >= DUPLICATE_COSINE`: a pair the cosine test
 * applies to (both vectors of 8+ terms) and that reaches 0.8 never rounds
 * below it, and any other pair is capped just under it (0.799).
 */
export function quantize(similarity: number, duplicateTestApplies: boolean): number {
  const t = Math.round(DUPLICATE_COSINE * 1000);
  let m = Math.min(1000, Math.max(1, Math.round(similarity * 1000)));
  m = duplicateTestApplies && similarity >= DUPLICATE_COSINE ? Math.max(m, t) : Math.min(m, t - 1);
  return m / 1000;
}

// The index of each catalogue, reused while the same list is asked for in
// slices; held weakly, so a build's vectors go when its articles do.
const indexes = new WeakMap<readonly Article[], { key: string; index: VectorIndex }>();

/**
 * Nearest neighbours of the articles at positions `from..to-1`: for each, up
 * to `k` `[position, similarity]` pairs, best first (ties by exact cosine, then position), with
 * positions into `articles`. Never the article itself, never a `noindex`
 * article (it can never be shown), never a similarity of 0; similarities are
 * exact cosines over the catalogue's vectors, {@link quantize}d.
 */
export function computeNear(articles: readonly Article[], options: NearOptions = {}): [number, number][][] {
  const k = Math.max(0, Math.round(options.k ?? NEAR_DEFAULTS.k));
  const from = Math.max(0, options.from ?? 0);
  const to = Math.min(articles.length, options.to ?? articles.length);
  const out: [number, number][][] = [];
  // No neighbours wanted (a build whose precompute searches them): no index either.
  if (k === 0) {
    for (let i = from; i < to; i++) out.push([]);
    return out;
  }
  const weights = resolveRelatedOptions({ fieldWeights: options.fieldWeights ?? {} }).fieldWeights;
  const key = `${weights.title} ${weights.summary} ${weights.tags} ${weights.keywords}`;
  let cached = indexes.get(articles);
  if (cached?.key !== key) indexes.set(articles, (cached = { key, index: new VectorIndex(articles, weights) }));
  const vi = cached.index;
  for (let i = from; i < to; i++) out.push(nearOf(vi, i, k));
  return out;
}

/**
 * Article `i`'s `k` nearest neighbours over `vi`: the one search behind
 * {@link computeNear} and the precompute's workers (which read
 * `vi.lastSearch` afterwards to know where the search stopped).
 */
export function nearOf(vi: VectorIndex, i: number, k: number): [number, number][] {
  if (k <= 0) return [];
  const { articles } = vi;
  const v = vi.vectors[i]!;
  const pick = (hits: { doc: number; score: number }[]) =>
    hits
      .filter((h) => h.doc !== i && !articles[h.doc]!.noindex)
      .map((h): [number, number] => [h.doc, quantize(h.score, comparable(v, vi.vectors[h.doc]!))])
      // Stable: equal similarities keep the search's order (score, then position).
      .sort((a, b) => b[1] - a[1]);
  // Headroom for the article itself and noindex hits; everything only when that was not enough.
  const wanted = 2 * k + 2;
  const hits = vi.search(v, wanted);
  let list = pick(hits);
  if (list.length < k && hits.length === wanted) list = pick(vi.search(v));
  return list.slice(0, k);
}
