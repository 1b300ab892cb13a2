/**
 * `readnext build --precompute DIR` and `--index FILE`: the offline half of
 * the scale story. Every article's related list is ranked here with the same
 * core the widget runs, in worker threads across all cores, and written as
 * small sharded JSON files a CDN serves; the element fetches only its own
 * shard. Reruns are incremental and slices (`--shard I/N`) split the work
 * across machines. docs/precompute.md explains the format and the rule that
 * decides what a rerun recomputes.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Catalog } from '../core/catalog.js';
import { resolveRelatedOptions, type PopularWindow, type RelatedOptions } from '../core/options.js';
import { popular } from '../core/popular.js';
import { createIndex } from '../core/search-index.js';
import {
  defaultShardCount,
  displayItem,
  PRECOMPUTE_VERSION,
  SHARD_HASH,
  shardFileName,
  shardOf,
  type DisplayItem,
  type PrecomputeMeta,
  type ShardFile,
} from '../core/shard.js';
import { terms } from '../core/text.js';
import type { Article, WeightedTerm } from '../core/types.js';
import { rankJobs, type JobResult, type WorkerInit, type WorkerRequest, type WorkerResponse } from './precompute-worker.js';

export interface PrecomputeOptions {
  /** Output directory; created when missing. Holds `meta.json`, `shards/` and the rerun cache. */
  dir: string;
  /**
   * Number of shard files. Defaults to {@link defaultShardCount}: the smallest
   * power of two with at most 200 entries per shard on average.
   */
  shards?: number;
  /** Items per related list and per popular list. Defaults to 5. */
  limit?: number;
  /** The clock, in epoch ms: popular windows (and any time-based related option) are relative to it. */
  now: number;
  /** Ranking options for every related list (`limit` and `now` come from above). Defaults to the core's. */
  relatedOptions?: Partial<RelatedOptions>;
  /**
   * Worker threads. Defaults to `os.availableParallelism()`. 0 ranks in this
   * thread (small catalogues, debugging).
   */
  workers?: number;
  /**
   * Compute only the shard files `s` with `s % count === index`, so slices run
   * on different machines never write the same file and merging them is
   * copying directories (`meta.json` is identical in every slice).
   */
  slice?: { index: number; count: number };
  /** Called as lists are ranked; `total` is the number being recomputed this run. */
  onProgress?: (done: number, total: number) => void;
}

export interface PrecomputeResult {
  /** Files written (shards and `meta.json` whose bytes changed). */
  written: number;
  /** Related lists ranked this run. */
  computed: number;
  /** Related lists taken from the previous run's cache. */
  reused: number;
  /** Shard count. */
  shards: number;
  /** Why lists were recomputed: `none`, `changed` (some articles), or a reason for recomputing all. */
  recompute: 'none' | 'changed' | 'no-cache' | 'options' | 'corpus';
}

/** Cache file format version; bump when the rule or the cache layout changes. */
const CACHE_VERSION = 1;
/** Articles per batch sent to a worker: large enough to amortise messages, small enough to balance. */
const BATCH = 200;
const WINDOWS: readonly PopularWindow[] = ['24h', '7d', '30d', 'all'];

interface CacheEntry {
  ids: string[];
  filled: number;
}

interface Cache {
  version: typeof CACHE_VERSION;
  /** Ranking code, options and format: any change means every list may change. */
  context: string;
  /** Every article's id and text, in order: any change moves the ranker's term statistics. */
  corpus: string;
  /**
   * Per article, in input order (the corpus key fixes the order), its ranking
   * inputs other than its text (see {@link rankFingerprint}). Kept for every
   * article, not only this slice's, so a slice sees what other slices' articles changed.
   */
  fingerprints: string[];
  /** This slice's lists, by article id. */
  entries: Record<string, CacheEntry>;
}

/**
 * Ranks every article's related list and writes `DIR/meta.json` and the
 * shard files of this slice; reuses the previous run's lists where they
 * provably cannot have changed. Output bytes depend only on the input, the
 * options and the slice, never on the cache, worker count or timing.
 */
export async function precompute(articles: readonly Article[], options: PrecomputeOptions): Promise<PrecomputeResult> {
  const limit = resolveRelatedOptions({ limit: options.limit ?? options.relatedOptions?.limit }).limit;
  const shards = options.shards ?? defaultShardCount(articles.length);
  const slice = options.slice ?? { index: 0, count: 1 };
  if (!Number.isInteger(shards) || shards < 1) throw new RangeError(`shards must be a positive integer, got ${shards}`);
  if (!Number.isInteger(slice.count) || slice.count < 1 || !Number.isInteger(slice.index) || slice.index < 0 || slice.index >= slice.count) {
    throw new RangeError(`slice must be I/N with 0 <= I < N, got ${slice.index}/${slice.count}`);
  }
  const relatedOptions: Partial<RelatedOptions> = { ...options.relatedOptions, limit, now: options.now };
  const catalog = new Catalog(articles);

  // Which articles this slice owns, by shard; the first of two articles with one canonical URL keeps the key.
  const owned = new Map<number, number[]>();
  const seen = new Set<string>();
  const targets: number[] = [];
  articles.forEach((article, i) => {
    if (seen.has(article.canonicalUrl)) return;
    seen.add(article.canonicalUrl);
    const s = shardOf(article.canonicalUrl, shards);
    if (s % slice.count !== slice.index) return;
    targets.push(i);
    const list = owned.get(s) ?? [];
    list.push(i);
    owned.set(s, list);
  });

  const cacheFile = join(options.dir, slice.count === 1 ? '.readnext-cache.json' : `.readnext-cache-${slice.index}-of-${slice.count}.json`);
  const context = await contextKey(relatedOptions);
  const corpus = corpusKey(articles);
  const fingerprints = articles.map(rankFingerprint);
  const previous = await readCache(cacheFile);
  const { jobs, recompute } = plan(articles, targets, fingerprints, previous, context, corpus);

  const lists = new Map<number, CacheEntry>();
  for (const i of targets) {
    if (!jobs.has(i)) lists.set(i, previous!.entries[articles[i]!.id]!);
  }
  const results = await rank(articles, relatedOptions, [...jobs].sort((a, b) => a - b), options.workers ?? availableParallelism(), options.onProgress);
  for (const r of results) lists.set(r.index, { ids: r.ids, filled: r.filled });

  await mkdir(join(options.dir, 'shards'), { recursive: true });
  let written = 0;
  const meta: PrecomputeMeta = {
    version: PRECOMPUTE_VERSION,
    shards,
    hash: SHARD_HASH,
    limit,
    popular: Object.fromEntries(
      WINDOWS.map((window) => [window, popular(catalog, { window, now: options.now, limit }).items.map((item) => displayItem(item.article))]),
    ) as Record<PopularWindow, DisplayItem[]>,
  };
  if (await writeIfChanged(join(options.dir, 'meta.json'), JSON.stringify(meta))) written++;

  const display = new Map<string, DisplayItem>();
  const item = (id: string): DisplayItem => {
    let d = display.get(id);
    if (!d) {
      d = displayItem(catalog.getById(id)!);
      display.set(id, d);
    }
    return d;
  };
  for (let s = slice.index; s < shards; s += slice.count) {
    const entries = [...(owned.get(s) ?? [])].sort((a, b) => (articles[a]!.canonicalUrl < articles[b]!.canonicalUrl ? -1 : 1));
    const file: ShardFile = {};
    for (const i of entries) {
      const article = articles[i]!;
      file[article.canonicalUrl] = { id: article.id, related: lists.get(i)!.ids.map(item) };
    }
    if (await writeIfChanged(join(options.dir, shardFileName(s, shards)), JSON.stringify(file))) written++;
  }
  await removeStaleShards(options.dir, shards);

  const cache: Cache = { version: CACHE_VERSION, context, corpus, fingerprints, entries: {} };
  for (const i of targets) cache.entries[articles[i]!.id] = lists.get(i)!;
  await writeFile(cacheFile + '.tmp', JSON.stringify(cache));
  await rename(cacheFile + '.tmp', cacheFile);

  return { written, computed: jobs.size, reused: targets.length - jobs.size, shards, recompute };
}

/** Writes the prebuilt MiniSearch index the widget can load instead of indexing in the browser. */
export async function writeIndex(articles: readonly Article[], file: string): Promise<void> {
  await writeFile(file, JSON.stringify(createIndex(articles)));
}

/**
 * The incremental rule (docs/precompute.md): which of `targets` must be
 * ranked again. Everything when there is no usable cache, when the ranking
 * code or options changed, or when any article's id or text changed, was
 * added, removed or moved (the ranker's term weights depend on every
 * article's text and on the catalogue size). Otherwise the catalogue's text is
 * identical and only other ranking fields (dates, views, section, flags,
 * canonical URL) changed, in a set C of articles; an article is ranked again
 * when it is in C, shares a term with an article of C (only then can that
 * article be retrieved for it), lists an article of C, or was filled from
 * popular (fill depends on every article's views and dates).
 */
function plan(
  articles: readonly Article[],
  targets: readonly number[],
  fingerprints: string[],
  previous: Cache | undefined,
  context: string,
  corpus: string,
): { jobs: Set<number>; recompute: PrecomputeResult['recompute'] } {
  const all = () => new Set(targets);
  if (!previous) return { jobs: all(), recompute: 'no-cache' };
  if (previous.context !== context) return { jobs: all(), recompute: 'options' };
  if (previous.corpus !== corpus) return { jobs: all(), recompute: 'corpus' };
  const changed = new Set<string>();
  const changedTerms = new Set<string>();
  articles.forEach((article, i) => {
    if (previous.fingerprints[i] === fingerprints[i]) return;
    changed.add(article.id);
    for (const t of textTerms(article)) changedTerms.add(t);
  });
  const jobs = new Set<number>();
  for (const i of targets) {
    const article = articles[i]!;
    const entry = previous.entries[article.id];
    if (
      !entry ||
      changed.has(article.id) ||
      (changed.size > 0 && entry.filled > 0) ||
      entry.ids.some((id) => changed.has(id)) ||
      (changedTerms.size > 0 && textTerms(article).some((t) => changedTerms.has(t)))
    ) {
      jobs.add(i);
    }
  }
  return { jobs, recompute: jobs.size === 0 ? 'none' : 'changed' };
}

/** Every term the ranker can read from an article's text fields (a superset of its vector's terms). */
function textTerms(article: Article): string[] {
  return [
    ...terms(article.title),
    ...terms(article.summary ?? ''),
    ...article.tags.flatMap((tag) => terms(tag)),
    ...article.keywords.flatMap(([keyword]) => terms(keyword)),
  ];
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * An article's ranking inputs other than its text (the corpus key covers
 * the text): everything except the display-only fields (`url`, whose
 * canonical form is kept; `image`; `author`). A test checks that the ranker
 * ignores those three.
 */
function rankFingerprint(article: Article): string {
  const { url: _url, image: _image, author: _author, title: _title, summary: _summary, tags: _tags, keywords: _keywords, ...rest } = article;
  return sha(JSON.stringify(rest)).slice(0, 32);
}

/** Ids and text of every article, in order. */
function corpusKey(articles: readonly Article[]): string {
  const hash = createHash('sha256');
  for (const a of articles) hash.update(JSON.stringify([a.id, a.title, a.summary, a.tags, a.keywords]) + '\n');
  return hash.digest('hex');
}

/**
 * The ranking code, the options and the cache format. `now` counts only when
 * an option makes related lists depend on the clock (a test checks that they
 * do not otherwise), so a daily rerun can reuse yesterday's lists.
 */
async function contextKey(relatedOptions: Partial<RelatedOptions>): Promise<string> {
  const resolved: Partial<RelatedOptions> = resolveRelatedOptions(relatedOptions);
  if (!(resolved.maxAgeDays! > 0 || resolved.recencyHalfLifeDays! > 0)) delete resolved.now;
  return sha(JSON.stringify([CACHE_VERSION, PRECOMPUTE_VERSION, await codeFingerprint(), resolved]));
}

let codeHash: Promise<string> | undefined;

/** Hash of the core's source files as installed (`src/core/*.ts` in dev, `dist/core/*.js` built). */
function codeFingerprint(): Promise<string> {
  codeHash ??= (async () => {
    const dir = fileURLToPath(new URL('../core/', import.meta.url));
    const hash = createHash('sha256');
    for (const name of (await readdir(dir)).filter((n) => /\.(ts|js)$/.test(n)).sort()) {
      hash.update(name + '\n').update(await readFile(join(dir, name)));
    }
    return hash.digest('hex');
  })();
  return codeHash;
}

async function readCache(file: string): Promise<Cache | undefined> {
  try {
    const cache = JSON.parse(await readFile(file, 'utf8')) as Cache;
    return cache.version === CACHE_VERSION && Array.isArray(cache.fingerprints) && cache.entries && typeof cache.entries === 'object' ? cache : undefined;
  } catch {
    return undefined;
  }
}

/** Writes `text` unless the file already holds exactly it, so reruns touch (and a CDN sync uploads) only what changed. */
async function writeIfChanged(file: string, text: string): Promise<boolean> {
  try {
    if ((await readFile(file, 'utf8')) === text) return false;
  } catch {
    // Missing or unreadable: write it.
  }
  await writeFile(file, text);
  return true;
}

/** Removes shard files no current slice can own (left over from a different shard count). */
async function removeStaleShards(dir: string, shards: number): Promise<void> {
  const folder = join(dir, 'shards');
  for (const name of await readdir(folder)) {
    const match = /^(\d+)\.json$/.exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    if (index >= shards || shardFileName(index, shards) !== `shards/${name}`) await rm(join(folder, name));
  }
}

/**
 * Starts a worker on the entry beside this module: `precompute-worker.js` in
 * the built package; in dev (this file is `.ts`, run under tsx) a small
 * bootstrap that registers tsx in the new thread before importing the `.ts`
 * entry, because Node 20 does not apply `--import tsx` loader hooks to a
 * worker's own entry file.
 */
function startWorker(init: WorkerInit): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./precompute-worker.js', import.meta.url), { workerData: init });
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./precompute-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: init });
}

/**
 * A copy of `articles` with each distinct keyword pair, keyword, tag and
 * section string stored once. Keyword lists are most of an article's memory
 * (80 two-element arrays each): at 100k synthetic articles the heap drops
 * from 966 MB to under 300 MB. Workers always get a compacted copy
 * (structured cloning keeps shared objects shared); a caller holding a large
 * catalogue should compact its own copy too and drop the original. The
 * ranker never mutates articles.
 */
export function compactArticles(articles: readonly Article[]): Article[] {
  const strings = new Map<string, string>();
  const pairs = new Map<string, WeightedTerm>();
  const intern = (s: string) => {
    const known = strings.get(s);
    if (known !== undefined) return known;
    strings.set(s, s);
    return s;
  };
  return articles.map((article) => ({
    ...article,
    ...(article.section !== undefined && { section: intern(article.section) }),
    tags: article.tags.map(intern),
    keywords: article.keywords.map(([term, weight]) => {
      const key = `${weight} ${term}`;
      let pair = pairs.get(key);
      if (!pair) {
        pair = [intern(term), weight];
        pairs.set(key, pair);
      }
      return pair;
    }),
  }));
}

/**
 * Starts `count` workers on one compacted copy of the catalogue. A function
 * of its own so that copy is garbage once the workers hold their clones,
 * instead of living in the caller's scope for the whole run.
 */
function startWorkers(articles: readonly Article[], options: Partial<RelatedOptions>, count: number): Worker[] {
  const init: WorkerInit = { kind: 'readnext-precompute', articles: compactArticles(articles), options };
  return Array.from({ length: count }, () => startWorker(init));
}

/** Ranks `jobs` across `workers` threads (or in this thread with 0), results in job order. */
async function rank(
  articles: readonly Article[],
  options: Partial<RelatedOptions>,
  jobs: readonly number[],
  workers: number,
  onProgress?: (done: number, total: number) => void,
): Promise<JobResult[]> {
  if (jobs.length === 0) return [];
  onProgress?.(0, jobs.length);
  if (workers <= 0) {
    const catalog = new Catalog(articles);
    const out: JobResult[] = [];
    for (let start = 0; start < jobs.length; start += BATCH) {
      out.push(...rankJobs(catalog, options, jobs.slice(start, start + BATCH)));
      onProgress?.(out.length, jobs.length);
    }
    return out;
  }
  const batches: number[][] = [];
  for (let start = 0; start < jobs.length; start += BATCH) batches.push(jobs.slice(start, start + BATCH));
  const threads = startWorkers(articles, options, Math.min(Math.floor(workers), batches.length));
  const results: JobResult[] = [];
  let next = 0;
  try {
    await Promise.all(
      threads.map(
        (thread) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= batches.length) return resolve();
              const request: WorkerRequest = { jobs: batches[next++]! };
              thread.postMessage(request);
            };
            thread.on('message', (response: WorkerResponse) => {
              if (response.type === 'error') return reject(new Error(`precompute worker: ${response.message}`));
              results.push(...response.results);
              onProgress?.(results.length, jobs.length);
              send();
            });
            thread.on('error', reject);
            thread.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`precompute worker exited with code ${code}`))));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  return results.sort((a, b) => a.index - b.index);
}
