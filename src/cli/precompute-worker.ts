/**
 * One precompute worker thread. It holds the whole catalogue and a view of
 * the main thread's vector index (shared memory, built once), and answers two
 * kinds of batches until it is terminated: nearest neighbours of some
 * articles (the all-pairs search, the expensive half), then, once the main
 * thread has sent every article's neighbours, related lists (ranked from
 * those neighbours, as the widget ranks from a built manifest's `near`).
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Catalog } from '../core/catalog.js';
import { nearOf } from '../core/neighbours.js';
import type { FieldWeights, RelatedOptions } from '../core/options.js';
import { related } from '../core/related.js';
import type { Article } from '../core/types.js';
import { VectorIndex, type IndexData } from '../core/vector-index.js';

/** What a worker is started with (`workerData`). */
export interface WorkerInit {
  /** Marks this module's own workers, so importing it in some other worker thread does nothing. */
  kind: 'readnext-precompute';
  articles: Article[];
  options: Partial<RelatedOptions>;
  fieldWeights: FieldWeights;
  /** The main thread's index arrays (shared memory); absent when this run only ranks. */
  index?: IndexData;
  /** Neighbours per article. */
  k: number;
}

/**
 * Every article's neighbours, flat: article `i`'s are `docs`/`milli` from
 * `start[i]` to `start[i + 1]` (positions, similarity × 1000).
 */
export interface NearTable {
  start: Int32Array;
  docs: Int32Array;
  milli: Int32Array;
}

/** Main thread → worker: neighbours of these positions, install every article's neighbours, or rank these positions. */
export type WorkerRequest = { type: 'near'; jobs: number[] } | { type: 'set-near'; table: NearTable } | { type: 'rank'; jobs: number[] };

/** One article's neighbours, and the lowest score that could still change them (see {@link nearest}). */
export interface NearResult {
  index: number;
  docs: number[];
  milli: number[];
  bound: number;
}

/** One article's ranked list, as ids: the main thread renders the display fields. */
export interface JobResult {
  index: number;
  ids: string[];
  /** How many of `ids` were filled from popular (they depend on every article's views). */
  filled: number;
}

/** Worker → main thread. */
export type WorkerResponse =
  | { type: 'near'; results: NearResult[] }
  | { type: 'set-near' }
  | { type: 'rank'; results: JobResult[] }
  | { type: 'error'; message: string };

/**
 * Article `i`'s `k` nearest neighbours exactly as `computeNear` (core
 * neighbours.ts) finds them, a test checks, here over an index that may use
 * frozen term statistics. `bound` is the score of the last hit the search
 * looked at when it stopped at its limit (0 when it returned every hit):
 * another article scoring below it cannot change this list, which is what
 * lets a rerun skip most articles after additions.
 */
export function nearest(vi: VectorIndex, i: number, k: number): NearResult {
  if (k <= 0) return { index: i, docs: [], milli: [], bound: Infinity };
  const list = nearOf(vi, i, k);
  const last = vi.lastSearch!;
  return { index: i, docs: list.map((p) => p[0]), milli: list.map((p) => Math.round(p[1] * 1000)), bound: last.count >= last.limit ? last.last : 0 };
}

/** Installs every article's neighbours (`Article.near`) on this thread's copies. */
export function setNear(articles: readonly Article[], table: NearTable): void {
  articles.forEach((article, i) => {
    const near: [number, number][] = [];
    for (let j = table.start[i]!; j < table.start[i + 1]!; j++) near.push([table.docs[j]!, table.milli[j]! / 1000]);
    article.near = near;
  });
}

/** Ranks `jobs` over `catalog`; shared by the worker and the in-process (`workers: 0`) path. */
export function rankJobs(catalog: Catalog, options: Partial<RelatedOptions>, jobs: readonly number[]): JobResult[] {
  return jobs.map((index) => {
    const { items, filled } = related(catalog, catalog.articles[index]!, options);
    return { index, ids: items.map((item) => item.article.id), filled };
  });
}

const init = workerData as WorkerInit | undefined;
if (!isMainThread && parentPort && init?.kind === 'readnext-precompute') {
  const port = parentPort;
  const catalog = new Catalog(init.articles);
  let vi: VectorIndex | undefined;
  port.on('message', (request: WorkerRequest) => {
    let response: WorkerResponse;
    try {
      if (request.type === 'near') {
        vi ??= new VectorIndex(catalog.articles, init.fieldWeights, { data: init.index! });
        response = { type: 'near', results: request.jobs.map((i) => nearest(vi!, i, init.k)) };
      }
      else if (request.type === 'set-near') {
        setNear(catalog.articles, request.table);
        response = { type: 'set-near' };
      } else response = { type: 'rank', results: rankJobs(catalog, init.options, request.jobs) };
    } catch (error) {
      response = { type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    port.postMessage(response);
  });
}
