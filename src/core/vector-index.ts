/**
 * The neighbour search's vectors: every article as a sparse unit vector over
 * its title, summary, tags and build-time keywords, with an inverted index
 * so one query scores the whole catalogue exactly. Node only (the build and
 * the precompute search every article's neighbours with it), so it is laid
 * out for throughput and memory there: integer term ids, vectors and
 * postings as compressed sparse rows of typed arrays (shareable between
 * worker threads), built in two passes over flat arrays; optionally over
 * frozen term statistics, so that adding articles leaves existing vectors
 * alone.
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

/**
 * Term statistics a vector index can be built with instead of its own
 * catalogue's: the catalogue size and the document frequency of every term
 * found in at least two articles (terms sorted). With a snapshot, an
 * article's vector depends only on its own text and the snapshot, so adding
 * articles leaves every existing vector, and every score between existing
 * articles, unchanged (the precompute's incremental reruns rely on it).
 * Terms missing from the snapshot are left out of every vector.
 */
export interface TermStats {
  n: number;
  terms: string[];
  df: number[];
}

/**
 * An index's arrays, for handing it to another thread (backed by
 * `SharedArrayBuffer`s when built with `shared`, so threads read one copy).
 * Vectors and postings are in compressed sparse row form: article `i`'s
 * vector is `vecIds`/`vecWeights` from `vecStart[i]` to `vecStart[i + 1]`,
 * term `t`'s postings are `postDocs`/`postWeights` from `postStart[t]`.
 */
export interface IndexData {
  /** Catalogue size and document frequencies the weights come from (the snapshot's when built from one). */
  n: number;
  df: Int32Array;
  terms: string[];
  idf: Float64Array;
  vecStart: Int32Array;
  vecIds: Int32Array;
  vecWeights: Float32Array;
  postStart: Int32Array;
  postDocs: Int32Array;
  postWeights: Float32Array;
}

/** How to build an index: from term statistics (default: the catalogue's own), or from another index's arrays. */
export type IndexSource = { stats?: TermStats; shared?: boolean } | { data: IndexData };

/** What the last {@link VectorIndex.search} asked for and the score of its last hit. */
export interface SearchRecord {
  limit: number;
  count: number;
  last: number;
}

/** Limits up to which a search keeps its best hits in a heap instead of selecting from all of them. */
const HEAP_LIMIT = 256;
/** A query whose postings number at least 1/DENSE of the catalogue accumulates densely (see {@link VectorIndex.search}). */
const DENSE = 8;

type Text = { title?: string; summary?: string; description?: string; tags?: readonly string[]; keywords?: readonly (readonly [string, number])[] };

export class VectorIndex {
  readonly articles: readonly Article[];
  readonly vectors: SparseVector[];
  readonly fieldWeights: Readonly<FieldWeights>;
  /**
   * Set by every {@link search}: the precompute reads it after ranking an
   * article to learn the lowest score that could still have entered its list.
   */
  lastSearch: SearchRecord | undefined;
  private readonly data: IndexData;
  private termIds: Map<string, number> | undefined;
  private readonly position = new Map<Article, number>();
  private readonly scores: Float64Array;
  private readonly touched: Int32Array;
  private readonly values: Float64Array;
  private heapScore: Float64Array | undefined;
  private heapDoc: Int32Array | undefined;

  constructor(articles: readonly Article[], fieldWeights: Readonly<FieldWeights> = FIELD_WEIGHTS, source: IndexSource = {}) {
    this.articles = articles;
    this.fieldWeights = fieldWeights;
    this.data = 'data' in source ? source.data : build(articles, fieldWeights, source.stats, source.shared ?? false);
    const { vecStart, vecIds, vecWeights } = this.data;
    const n = articles.length;
    // Views into the shared arrays: one small object per article, no copies.
    this.vectors = new Array<SparseVector>(n);
    for (let i = 0; i < n; i++) {
      this.vectors[i] = { ids: vecIds.subarray(vecStart[i]!, vecStart[i + 1]!), weights: vecWeights.subarray(vecStart[i]!, vecStart[i + 1]!) };
    }
    articles.forEach((a, i) => this.position.set(a, i));
    this.scores = new Float64Array(n);
    this.touched = new Int32Array(n);
    this.values = new Float64Array(n);
  }

  /** The index's arrays (see {@link IndexData}); pass them to `new VectorIndex(articles, weights, { data })` elsewhere. */
  share(): IndexData {
    return this.data;
  }

  /** The term statistics the weights come from: the catalogue's own, or the snapshot it was built with. */
  stats(): TermStats {
    return { n: this.data.n, terms: this.data.terms, df: Array.from(this.data.df) };
  }

  /** Position of an article of this catalogue, or -1. */
  indexOf(article: Article): number {
    return this.position.get(article) ?? -1;
  }

  term(id: number): string {
    return this.data.terms[id]!;
  }

  /** The unit vector of any text-bearing target (an article or page metadata) over this catalogue's terms. */
  vectorFor(target: Text): SparseVector {
    if (!this.termIds) {
      this.termIds = new Map();
      this.data.terms.forEach((t, i) => this.termIds!.set(t, i));
    }
    const fields = fieldTerms(target, this.fieldWeights);
    const ids: number[] = [];
    for (const term of fields.keys()) {
      const id = this.termIds.get(term);
      if (id !== undefined) ids.push(id);
    }
    ids.sort((a, b) => a - b);
    return unitVector(ids, (i) => fields.get(this.data.terms[ids[i]!]!)!, this.data.idf);
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
    const { postStart, postDocs, postWeights } = this.data;
    let count = 0;
    let postings = 0;
    for (let i = 0; i < query.ids.length; i++) postings += postStart[query.ids[i]! + 1]! - postStart[query.ids[i]!]!;
    if (postings * DENSE < scores.length) {
      for (let i = 0; i < query.ids.length; i++) {
        const id = query.ids[i]!;
        const qw = query.weights[i]!;
        const end = postStart[id + 1]!;
        for (let j = postStart[id]!; j < end; j++) {
          const doc = postDocs[j]!;
          if (scores[doc] === 0) touched[count++] = doc;
          scores[doc]! += qw * postWeights[j]!;
        }
      }
    } else {
      // A query touching a good part of the catalogue: accumulate without
      // tracking (the branch in the hot loop costs more than the scan), then
      // collect the touched articles in one pass. Same sums, same order.
      for (let i = 0; i < query.ids.length; i++) {
        const id = query.ids[i]!;
        const qw = query.weights[i]!;
        const end = postStart[id + 1]!;
        for (let j = postStart[id]!; j < end; j++) scores[postDocs[j]!]! += qw * postWeights[j]!;
      }
      if (limit <= HEAP_LIMIT) return this.best(scores.length, limit, true);
      for (let doc = 0; doc < scores.length; doc++) if (scores[doc]! > 0) touched[count++] = doc;
    }
    if (count > limit && limit <= HEAP_LIMIT) return this.best(count, limit);
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
    this.lastSearch = { limit, count: out.length, last: out.at(-1)?.score ?? 0 };
    return out;
  }

  /**
   * The `limit` best of the `count` touched articles by score, then
   * position, in one pass that also clears the scores: a bounded heap whose
   * root is the worst kept, so most articles cost one comparison. Same
   * result as the select-and-sort path, cheaper for the short lists the
   * neighbour search asks for.
   */
  private best(count: number, limit: number, dense = false): { doc: number; score: number }[] {
    const { scores, touched } = this;
    const heapScore = (this.heapScore ??= new Float64Array(HEAP_LIMIT));
    const heapDoc = (this.heapDoc ??= new Int32Array(HEAP_LIMIT));
    // a is worse than b: lower score, or the same score and a later position.
    const worse = (sa: number, da: number, sb: number, db: number) => sa < sb || (sa === sb && da > db);
    let size = 0;
    // Dense: every article in position order, so one with the root's score
    // comes after everything kept and is worse (one comparison, rarely true).
    for (let i = 0; i < count; i++) {
      const doc = dense ? i : touched[i]!;
      const score = scores[doc]!;
      if (dense) {
        if (score <= (size === limit ? heapScore[0]! : 0)) continue;
      } else {
        scores[doc] = 0;
        if (size === limit && !worse(heapScore[0]!, heapDoc[0]!, score, doc)) continue;
      }
      // Insert (sift up), or replace the root (sift down).
      let at: number;
      if (size < limit) {
        at = size++;
        while (at > 0) {
          const parent = (at - 1) >> 1;
          if (!worse(score, doc, heapScore[parent]!, heapDoc[parent]!)) break;
          heapScore[at] = heapScore[parent]!;
          heapDoc[at] = heapDoc[parent]!;
          at = parent;
        }
      } else {
        at = 0;
        for (;;) {
          let child = 2 * at + 1;
          if (child >= size) break;
          if (child + 1 < size && worse(heapScore[child + 1]!, heapDoc[child + 1]!, heapScore[child]!, heapDoc[child]!)) child++;
          if (!worse(heapScore[child]!, heapDoc[child]!, score, doc)) break;
          heapScore[at] = heapScore[child]!;
          heapDoc[at] = heapDoc[child]!;
          at = child;
        }
      }
      heapScore[at] = score;
      heapDoc[at] = doc;
    }
    if (dense) scores.fill(0);
    const out: { doc: number; score: number }[] = [];
    for (let i = 0; i < size; i++) out.push({ doc: heapDoc[i]!, score: heapScore[i]! });
    out.sort((a, b) => b.score - a.score || a.doc - b.doc);
    this.lastSearch = { limit, count: out.length, last: out.at(-1)?.score ?? 0 };
    return out;
  }

  /**
   * The highest dot product of each article with any of `queries`, in one
   * array by position (0 where no term is shared). Accumulates in the same
   * order as {@link search}, so the values equal the scores it returns.
   */
  maxScores(queries: Iterable<SparseVector>): Float64Array {
    const out = new Float64Array(this.articles.length);
    const { scores } = this;
    const { postStart, postDocs, postWeights } = this.data;
    // The search's accumulation (query terms ascending, postings in order),
    // without selecting or sorting: every score is wanted.
    for (const query of queries) {
      for (let i = 0; i < query.ids.length; i++) {
        const id = query.ids[i]!;
        const qw = query.weights[i]!;
        const end = postStart[id + 1]!;
        for (let j = postStart[id]!; j < end; j++) scores[postDocs[j]!]! += qw * postWeights[j]!;
      }
      for (let doc = 0; doc < scores.length; doc++) {
        if (scores[doc]! > out[doc]!) out[doc] = scores[doc]!;
        scores[doc] = 0;
      }
    }
    return out;
  }

}

/** Counts of how many articles each term appears in (fields weighted zero left out), for {@link VectorIndex}'s `stats`. */
export function termStats(articles: readonly Article[], fieldWeights: Readonly<FieldWeights> = FIELD_WEIGHTS): TermStats {
  const df = new Map<string, number>();
  for (const a of articles) for (const t of fieldTerms(a, fieldWeights).keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const kept = [...df].filter((e) => e[1] >= 2).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return { n: articles.length, terms: kept.map((e) => e[0]), df: kept.map((e) => e[1]) };
}

/** A growable typed array: the index's build pass appends millions of entries. */
class Grow<T extends Int32Array | Float64Array> {
  length = 0;
  constructor(public array: T) {}
  push(value: number): void {
    if (this.length === this.array.length) {
      const next = new (this.array.constructor as new (n: number) => T)(this.array.length * 2);
      next.set(this.array);
      this.array = next;
    }
    this.array[this.length++] = value;
  }
}

function alloc<T>(make: new (buffer: ArrayBufferLike) => T, bytes: number, shared: boolean): T {
  return new make(shared && typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
}

/**
 * Builds the index arrays in two passes over flat typed arrays: every
 * article's terms as integer ids with their field weight (one small map per
 * article at a time, not all of them at once), then the vocabulary, weights
 * and postings.
 */
function build(articles: readonly Article[], w: Readonly<FieldWeights>, stats: TermStats | undefined, shared: boolean): IndexData {
  const n = articles.length;
  const names: string[] = [];
  const ids = new Map<string, number>();
  const df: number[] = [];
  const start = new Int32Array(n + 1);
  const terms = new Grow(new Int32Array(1024));
  const weights = new Grow(new Float64Array(1024));
  for (let i = 0; i < n; i++) {
    for (const [term, weight] of fieldTerms(articles[i]!, w)) {
      let id = ids.get(term);
      if (id === undefined) {
        id = names.length;
        ids.set(term, id);
        names.push(term);
        df.push(0);
      }
      df[id]!++;
      terms.push(id);
      weights.push(weight);
    }
    start[i + 1] = terms.length;
  }

  // The vocabulary, sorted: the snapshot's terms, or the catalogue's terms
  // found in at least two articles (a term only one article has cannot
  // relate it to another one).
  const vocabulary = stats ?? { n, terms: names.filter((_, id) => df[id]! >= 2).sort((a, b) => (a < b ? -1 : 1)), df: [] };
  const finalId = new Int32Array(names.length).fill(-1);
  const idf = alloc(Float64Array, vocabulary.terms.length * 8, shared);
  const frequencies = alloc(Int32Array, vocabulary.terms.length * 4, shared);
  vocabulary.terms.forEach((term, id) => {
    const local = ids.get(term);
    if (local !== undefined) finalId[local] = id;
    const d = stats ? stats.df[id]! : df[local!]!;
    frequencies[id] = d;
    idf[id] = Math.pow(Math.log(1 + vocabulary.n / d), IDF_EXPONENT);
  });
  ids.clear();

  let nnz = 0;
  for (let k = 0; k < terms.length; k++) if (finalId[terms.array[k]!]! >= 0) nnz++;
  const vecStart = alloc(Int32Array, (n + 1) * 4, shared);
  const vecIds = alloc(Int32Array, nnz * 4, shared);
  const vecWeights = alloc(Float32Array, nnz * 4, shared);
  const lengths = new Int32Array(vocabulary.terms.length);
  let at = 0;
  const row: number[] = [];
  const weightOf = new Float64Array(vocabulary.terms.length);
  for (let i = 0; i < n; i++) {
    row.length = 0;
    for (let k = start[i]!; k < start[i + 1]!; k++) {
      const id = finalId[terms.array[k]!]!;
      if (id < 0) continue;
      row.push(id);
      weightOf[id] = weights.array[k]!;
    }
    row.sort((a, b) => a - b);
    const v = unitVector(row, (r) => weightOf[row[r]!]!, idf);
    vecIds.set(v.ids, at);
    vecWeights.set(v.weights, at);
    for (const id of row) lengths[id]!++;
    at += row.length;
    vecStart[i + 1] = at;
  }

  // Postings in article order, so a query's ties come out by position.
  const postStart = alloc(Int32Array, (vocabulary.terms.length + 1) * 4, shared);
  for (let id = 0; id < lengths.length; id++) postStart[id + 1] = postStart[id]! + lengths[id]!;
  const postDocs = alloc(Int32Array, nnz * 4, shared);
  const postWeights = alloc(Float32Array, nnz * 4, shared);
  const fill = postStart.slice(0, -1);
  for (let doc = 0; doc < n; doc++) {
    for (let k = vecStart[doc]!; k < vecStart[doc + 1]!; k++) {
      const id = vecIds[k]!;
      postDocs[fill[id]!] = doc;
      postWeights[fill[id]!++] = vecWeights[k]!;
    }
  }
  return { n: vocabulary.n, df: frequencies, terms: vocabulary.terms, idf, vecStart, vecIds, vecWeights, postStart, postDocs, postWeights };
}

/**
 * The unit vector over sorted term ids `ids`, with `fieldWeight(i)` the field
 * weight of the i-th. Weights are computed in doubles and stored as floats:
 * half the memory, and seven digits are far more than a ranking can tell apart.
 */
function unitVector(ids: readonly number[], fieldWeight: (i: number) => number, idf: Float64Array): SparseVector {
  const weights = ids.map((id, i) => fieldWeight(i) * idf[id]!);
  const norm = Math.sqrt(weights.reduce((sum, x) => sum + x * x, 0)) || 1;
  return { ids: new Int32Array(ids), weights: Float32Array.from(weights, (x) => x / norm) };
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
function fieldTerms(a: Text, w: Readonly<FieldWeights>): Map<string, number> {
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

/**
 * Installs an index built elsewhere (from term statistics, or from another
 * thread's arrays) as the catalogue's index for its field weights, so
 * related() ranks with it.
 */
export function setVectorIndex(catalog: Catalog, index: VectorIndex): void {
  if (index.articles !== catalog.articles) throw new Error('setVectorIndex: index of other articles');
  (weightsKey(index.fieldWeights) === DEFAULT_KEY ? cache : tuned).set(catalog, index);
}
