/**
 * The related ranker's vector stage: every article as a sparse unit vector
 * over its title, summary, tags and build-time keywords, with an inverted
 * index so one query scores the whole catalogue exactly (a few thousand
 * multiply-adds) instead of approximating it with a long full-text query.
 * Built once per catalogue on first use, like the MiniSearch index.
 */
import type { Catalog } from './catalog.js';
import { RELATED_DEFAULTS, type FieldWeights } from './options.js';
import { terms } from './text.js';
import type { Article } from './types.js';

/** Default term weights by where the term appears: `RelatedOptions.fieldWeights` (reasons there). */
export const FIELD_WEIGHTS: Readonly<FieldWeights> = RELATED_DEFAULTS.fieldWeights;

/**
 * Exponent on the catalogue IDF applied at rank time. Keywords were already
 * chosen by TF-IDF at build time; applying full IDF again would square it and
 * let rare names decide relatedness. A damped IDF still keeps words found in
 * half the catalogue from matching everything.
 */
export const IDF_EXPONENT = 0.25;

/** A sparse unit vector: parallel arrays of term ids and weights. */
export interface SparseVector {
  ids: Int32Array;
  weights: Float32Array;
}

export class VectorIndex {
  readonly articles: readonly Article[];
  readonly vectors: SparseVector[];
  private readonly termIds = new Map<string, number>();
  private readonly termNames: string[] = [];
  private readonly idf: number[] = [];
  private readonly postings: { docs: Int32Array; weights: Float32Array }[] = [];
  private readonly position = new Map<Article, number>();
  private readonly scores: Float64Array;
  private readonly touched: Int32Array;
  private readonly values: Float64Array;

  readonly fieldWeights: Readonly<FieldWeights>;

  constructor(articles: readonly Article[], fieldWeights: Readonly<FieldWeights> = FIELD_WEIGHTS) {
    this.articles = articles;
    this.fieldWeights = fieldWeights;
    const raw = articles.map((a) => fieldTerms(a, fieldWeights));
    const df = new Map<string, number>();
    for (const r of raw) for (const t of r.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    const n = articles.length;
    for (const [term, d] of [...df].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      // A term only one article has cannot relate it to another one.
      if (d < 2) continue;
      this.termIds.set(term, this.termNames.length);
      this.termNames.push(term);
      this.idf.push(Math.pow(Math.log(1 + n / d), IDF_EXPONENT));
    }
    this.vectors = raw.map((r) => this.vectorize(r));
    // Postings as typed arrays: the query loop walks thousands of entries.
    const lengths = new Int32Array(this.termNames.length);
    for (const v of this.vectors) for (const id of v.ids) lengths[id]!++;
    for (let id = 0; id < lengths.length; id++) this.postings.push({ docs: new Int32Array(lengths[id]!), weights: new Float32Array(lengths[id]!) });
    const fill = new Int32Array(this.termNames.length);
    this.vectors.forEach((v, doc) => {
      for (let i = 0; i < v.ids.length; i++) {
        const id = v.ids[i]!;
        const p = this.postings[id]!;
        p.docs[fill[id]!] = doc;
        p.weights[fill[id]!++] = v.weights[i]!;
      }
    });
    articles.forEach((a, i) => this.position.set(a, i));
    this.scores = new Float64Array(n);
    this.touched = new Int32Array(n);
    this.values = new Float64Array(n);
  }

  /** Position of an article of this catalogue, or -1. */
  indexOf(article: Article): number {
    return this.position.get(article) ?? -1;
  }

  term(id: number): string {
    return this.termNames[id]!;
  }

  /** The unit vector of any text-bearing target (an article or page metadata) over this catalogue's terms. */
  vectorFor(target: { title?: string; summary?: string; description?: string; tags?: readonly string[]; keywords?: readonly (readonly [string, number])[] }): SparseVector {
    return this.vectorize(fieldTerms(target, this.fieldWeights));
  }

  /**
   * Dot product of `query` with every article; returns up to `limit` articles
   * with a positive score, best first (ties by position, so results are
   * stable). Only the top `limit` are sorted: a query touches most of a
   * catalogue, and sorting all of it would dominate the query's cost.
   */
  search(query: SparseVector, limit = Infinity): { doc: number; score: number }[] {
    // Scratch arrays live on the index: a query allocates only its results,
    // which keeps garbage collection out of the latency tail.
    const { scores, touched, values } = this;
    let count = 0;
    for (let i = 0; i < query.ids.length; i++) {
      const p = this.postings[query.ids[i]!]!;
      const qw = query.weights[i]!;
      for (let j = 0; j < p.docs.length; j++) {
        const doc = p.docs[j]!;
        if (scores[doc] === 0) touched[count++] = doc;
        scores[doc]! += qw * p.weights[j]!;
      }
    }
    let cut = -Infinity;
    if (count > limit) {
      for (let i = 0; i < count; i++) values[i] = scores[touched[i]!]!;
      cut = kthLargest(values.subarray(0, count), limit);
    }
    const out: { doc: number; score: number }[] = [];
    for (let i = 0; i < count; i++) {
      const doc = touched[i]!;
      const score = scores[doc]!;
      if (score >= cut && score > 0) out.push({ doc, score });
      scores[doc] = 0;
    }
    out.sort((a, b) => b.score - a.score || a.doc - b.doc);
    // Ties at the cut can let a few extra through; keep the promise.
    if (out.length > limit) out.length = limit;
    return out;
  }

  private vectorize(fieldWeights: Map<string, number>): SparseVector {
    const ids: number[] = [];
    for (const term of fieldWeights.keys()) {
      const id = this.termIds.get(term);
      if (id !== undefined) ids.push(id);
    }
    ids.sort((a, b) => a - b);
    // Weights are computed in doubles and stored as floats: half the memory,
    // and seven digits are far more than a ranking can tell apart.
    const weights = ids.map((id) => fieldWeights.get(this.termNames[id]!)! * this.idf[id]!);
    const norm = Math.sqrt(weights.reduce((sum, w) => sum + w * w, 0)) || 1;
    return { ids: new Int32Array(ids), weights: Float32Array.from(weights, (w) => w / norm) };
  }
}

/** The k-th largest value (1-based), by quickselect; reorders `values`. */
function kthLargest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target]!;
}

/** Cosine of two unit vectors (ids sorted ascending). */
export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) sum += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return sum;
}

/** Adds `b × factor` to `a` and returns a new unit vector (used to blend reader history into the query). */
export function blend(a: SparseVector, b: SparseVector, factor: number): SparseVector {
  const sum = new Map<number, number>();
  a.ids.forEach((id, i) => sum.set(id, a.weights[i]!));
  b.ids.forEach((id, i) => sum.set(id, (sum.get(id) ?? 0) + factor * b.weights[i]!));
  const entries = [...sum].sort((x, y) => x[0] - y[0]);
  const norm = Math.hypot(...entries.map((e) => e[1])) || 1;
  return { ids: Int32Array.from(entries, (e) => e[0]), weights: Float32Array.from(entries, (e) => e[1] / norm) };
}

/** Each term with the largest weight of the fields it appears in. */
function fieldTerms(
  a: { title?: string; summary?: string; description?: string; tags?: readonly string[]; keywords?: readonly (readonly [string, number])[] },
  w: Readonly<FieldWeights>,
): Map<string, number> {
  const out = new Map<string, number>();
  // A zero weight leaves the field out rather than adding terms that count nothing.
  const add = (term: string, weight: number) => {
    if (weight > 0 && (out.get(term) ?? 0) < weight) out.set(term, weight);
  };
  // Keyword membership, not the stored weight, is what counts: the list was
  // already chosen by TF-IDF, and weighting twice measured worse.
  for (const [term] of a.keywords ?? []) for (const t of keywordTerms(term)) add(t, w.keywords);
  for (const tag of a.tags ?? []) for (const t of terms(tag)) add(t, w.tags);
  for (const t of terms(a.summary ?? a.description ?? '')) add(t, w.summary);
  for (const t of terms(a.title ?? '')) add(t, w.title);
  return out;
}

// Keywords repeat across a catalogue (tens of thousands of entries, a few
// thousand distinct), so their processing is memoised; bounded so a
// long-lived page cannot grow it without limit.
const keywordMemo = new Map<string, string[]>();

function keywordTerms(keyword: string): string[] {
  let out = keywordMemo.get(keyword);
  if (out === undefined) {
    out = terms(keyword);
    if (keywordMemo.size > 100_000) keywordMemo.clear();
    keywordMemo.set(keyword, out);
  }
  return out;
}

// The default index, as before, plus the last non-default one: a tuning UI
// trying weight after weight keeps at most two indexes per catalogue.
const cache = new WeakMap<Catalog, VectorIndex>();
const tuned = new WeakMap<Catalog, VectorIndex>();

const weightsKey = (w: Readonly<FieldWeights>): string => `${w.title} ${w.summary} ${w.tags} ${w.keywords}`;
const DEFAULT_KEY = weightsKey(FIELD_WEIGHTS);

/**
 * The catalogue's vector index for these field weights, built on first use
 * and kept while the catalogue lives (the default weights' index always, the
 * last other weights' index until different weights are asked for).
 */
export function vectorIndex(catalog: Catalog, weights: Readonly<FieldWeights> = FIELD_WEIGHTS): VectorIndex {
  const isDefault = weights === FIELD_WEIGHTS || weightsKey(weights) === DEFAULT_KEY;
  const store = isDefault ? cache : tuned;
  let index = store.get(catalog);
  if (!index || index.articles !== catalog.articles || (!isDefault && weightsKey(index.fieldWeights) !== weightsKey(weights))) {
    index = new VectorIndex(catalog.articles, isDefault ? FIELD_WEIGHTS : { ...weights });
    store.set(catalog, index);
  }
  return index;
}
