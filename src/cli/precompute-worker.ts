/**
 * One precompute worker thread: holds the whole catalogue (and, after the
 * first query, the ranker's vector index over it) and ranks the articles the
 * main thread hands it, in batches, until it is terminated.
 *
 * Each worker builds its own index from the articles it was given: the
 * related ranker retrieves through the core's vector index, which is built
 * from the articles in about the time it would take to deserialise it, and
 * sending articles keeps this file independent of the index's internals
 * (docs/precompute.md has the measurements).
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Catalog } from '../core/catalog.js';
import type { RelatedOptions } from '../core/options.js';
import { related } from '../core/related.js';
import type { Article } from '../core/types.js';

/** What a worker is started with (`workerData`). */
export interface WorkerInit {
  /** Marks this module's own workers, so importing it in some other worker thread does nothing. */
  kind: 'readnext-precompute';
  articles: Article[];
  options: Partial<RelatedOptions>;
}

/** Main thread → worker: rank these articles (positions in `WorkerInit.articles`). */
export interface WorkerRequest {
  jobs: number[];
}

/** One article's ranked list, as ids: the main thread renders the display fields. */
export interface JobResult {
  index: number;
  ids: string[];
  /** How many of `ids` were filled from popular (they depend on every article's views). */
  filled: number;
}

/** Worker → main thread. `heapUsed` lets the benchmark report per-worker heaps. */
export type WorkerResponse =
  | { type: 'done'; results: JobResult[]; heapUsed: number }
  | { type: 'error'; message: string };

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
  port.on('message', (request: WorkerRequest) => {
    let response: WorkerResponse;
    try {
      response = { type: 'done', results: rankJobs(catalog, init.options, request.jobs), heapUsed: process.memoryUsage().heapUsed };
    } catch (error) {
      response = { type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    port.postMessage(response);
  });
}
