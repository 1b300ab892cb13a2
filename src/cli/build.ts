/**
 * `readnext build <inputs...>`: feeds, sitemaps, Markdown folders and
 * manifests in; the built manifest out, and optionally a prebuilt index and
 * precomputed shards. The core's build step does the work; this module does
 * the I/O, the summary and the exit code.
 */
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { BUILD_DEFAULTS, prepareBuild, type BuildResult } from '../core/build.js';
import { computeNear } from '../core/neighbours.js';
import { normalizeManifest } from '../core/normalize.js';
import type { FieldWeights } from '../core/options.js';
import type { Problem } from '../core/types.js';
import { gzipBytes } from './eval.js';
import { applyPageviews, loadInputs, loadPageviews, type IngestProblem } from './ingest/index.js';
import { compactArticles, precompute, searchNeighbours, writeIndex } from './precompute.js';

export interface BuildCommandOptions {
  output?: string;
  /** Base URL for Markdown folders and relative links; also the manifest's `home_page_url`. */
  baseUrl?: string;
  /** Analytics export (CSV) merged into view counts. */
  pageviews?: string;
  /** Also write a prebuilt MiniSearch index here. */
  index?: string;
  /** Also write precomputed related lists, sharded, into this directory. */
  precompute?: string;
  /** Shard count for `precompute` (default: about 200 entries per shard). */
  shards?: number;
  /** Compute only slice I of N of the shard files. */
  slice?: { index: number; count: number };
  /** Neighbours per article (`near`); see `BuildOptions.near`. */
  near?: number;
  /** Term weights by field for the neighbours; see `BuildOptions.fieldWeights`. */
  fieldWeights?: Partial<FieldWeights>;
  /** Fail (exit 1) when any record is dropped. */
  strict?: boolean;
  /** The clock in epoch ms (drafts in the future, popular windows). Defaults to now. */
  now?: number;
  /**
   * Threads for the neighbour search and `precompute`, this one included
   * (default: all cores for the search; see `rankThreads` below for the
   * ranking). 0 or 1: this thread alone.
   */
  workers?: number;
  /** Recompute the precompute's frozen term statistics instead of reusing DIR/term-stats.json. */
  refreshStats?: boolean;
  /** Where messages go; the CLI passes stderr. */
  log: (line: string) => void;
  /** Where the manifest goes without `-o`; the CLI passes stdout. */
  write: (text: string) => void;
  /** Whether stderr is a terminal (progress bar). */
  tty?: boolean;
  /** Called as each stage ends, with its name (the scale benchmark times them). */
  onStage?: (name: string) => void;
}

type AnyProblem = Problem | IngestProblem;

/** Catalogue size from which the build's neighbour search runs in worker threads (below it, starting them costs more than they save). */
const PARALLEL_NEAR = 5000;

export async function runBuild(inputs: readonly string[], options: BuildCommandOptions): Promise<number> {
  const now = options.now ?? Date.now();
  const { log } = options;
  const loaded = await loadInputs([...inputs], { ...(options.baseUrl && { baseUrl: options.baseUrl }), now });
  const problems: AnyProblem[] = [...loaded.problems];
  let raw = loaded.articles;
  if (options.pageviews) {
    const views = await loadPageviews(options.pageviews, { now });
    problems.push(...views.problems);
    raw = applyPageviews(raw, views, { ...(options.baseUrl && { baseUrl: options.baseUrl }) });
  }
  const read = raw.length;
  loaded.articles = [];
  const stage = options.onStage ?? (() => {});
  stage('read inputs');

  let result: BuildResult | undefined;
  try {
    // The records (bodies and all) are let go once normalised: build() reads them before its first await.
    const built = build(raw, options, stage);
    raw = [];
    result = await built;
  } catch (error) {
    log(`readnext build: ${(error as Error).message}`);
    return 1;
  }
  problems.push(...result.problems);
  for (const problem of problems) log(formatProblem(problem));

  const unusable = loaded.problems.filter((p) => p.level === 'error' && p.index === -1).length;
  const written = result.manifest.articles.length;
  const dropped = problems.filter((p) => p.level === 'error' && p.index >= 0);
  // Records ingest already dropped count as read too: "in" is everything the inputs held.
  log(summary(read + loaded.problems.filter((p) => p.level === 'error' && p.index >= 0).length, dropped, written, options.output));
  if (written === 0) {
    log('readnext build: no usable articles; nothing written');
    return 1;
  }

  {
    const json = JSON.stringify(result.manifest) + '\n';
    if (options.output) await writeFile(options.output, json);
    else options.write(json);
  }
  stage('manifest: keyword budget + write');

  if (options.index || options.precompute) {
    // Rank over exactly what the widget will load: the built manifest,
    // normalised again. Each earlier form is let go as soon as the next
    // exists: at 100k articles every copy is a few hundred megabytes.
    // `articles` is let go below; no other binding may keep the array alive.
    // eslint-disable-next-line prefer-const
    let { articles, labels } = normalizeManifest(result.manifest, { maxArticles: written, ...(options.baseUrl && { manifestUrl: options.baseUrl }) });
    result = undefined;
    if (options.index) {
      await writeIndex(articles, options.index);
      log(`readnext build: prebuilt index written to ${options.index}`);
    }
    if (options.precompute) {
      const progress = options.tty ? progressBar() : undefined;
      // One shared copy of each keyword string: a third of the heap at 100k articles.
      const compact = compactArticles(articles);
      articles = [];
      stage('normalise built manifest + compact');
      const done = await precompute(compact, {
        dir: options.precompute,
        now,
        // With neighbours in the manifest (the default) the lists are ranked
        // from them: what the widget ranks from, searched once, above.
        // Without (`--near 0`) the precompute searches them itself, over
        // frozen term statistics.
        neighbours: (options.near ?? BUILD_DEFAULTS.near) > 0 ? 'input' : 'search',
        ...(labels && { labels }),
        ...(options.shards && { shards: options.shards }),
        ...(options.slice && { slice: options.slice }),
        workers: rankThreads(options),
        ...(options.refreshStats && { refreshStats: true }),
        ...(progress && { onProgress: progress }),
      });
      log(
        `readnext build: precomputed ${done.computed} related lists (${done.reused} reused) into ${done.shards} shards` +
          `${options.slice ? ` (slice ${options.slice.index}/${options.slice.count})` : ''}, ${done.written} files written to ${options.precompute}` +
          (done.stats === 'none' ? '' : ` (term statistics ${done.stats === 'frozen' ? 'reused' : 'computed'})`),
      );
      stage('precompute: rank + write shards');
    }
  }
  if (unusable > 0) return 1;
  if (options.strict && dropped.length > 0) {
    log(`readnext build: --strict: ${dropped.length} records dropped`);
    return 1;
  }
  return 0;
}

/**
 * The core's build step, its neighbour search across worker threads on a
 * large catalogue (the same lists as `computeNear`; it is the build's
 * expensive half). A function of its own so that everything but the result
 * is garbage when it returns.
 */
async function build(records: unknown[], options: BuildCommandOptions, stage: (name: string) => void): Promise<BuildResult> {
  const prepared = prepareBuild({ version: 1, ...(options.baseUrl && { home_page_url: options.baseUrl }), articles: records }, {
    // The browser's cap (100k articles) is not the archive's: precomputed archives may be larger.
    maxArticles: records.length,
    compressedSize: gzipBytes,
    ...(options.near !== undefined && { near: options.near }),
    ...(options.fieldWeights && { fieldWeights: options.fieldWeights }),
  });
  records = [];
  stage('normalise + keywords');
  const vectors = prepared.vectors();
  const near =
    options.workers !== 0 && vectors.length >= PARALLEL_NEAR
      ? await searchNeighbours(vectors, { ...prepared.near, ...(options.workers !== undefined && { workers: options.workers }) })
      : computeNear(vectors, prepared.near);
  vectors.length = 0;
  stage('neighbour search');
  return prepared.finish(near);
}

/**
 * Threads for the precompute. Ranking from the manifest's neighbours is
 * cheap (a tenth of the search's CPU at 100k articles) while every extra
 * thread holds its own copy of the catalogue and heap (about 550 MB at 100k
 * articles, the difference between fitting 2 GB or not), so without
 * `--workers` it ranks in this thread; searching (`--near 0`) uses every
 * core. `--workers N` decides both.
 */
function rankThreads(options: BuildCommandOptions): number {
  if (options.workers !== undefined) return options.workers;
  return (options.near ?? BUILD_DEFAULTS.near) > 0 ? 1 : availableParallelism();
}

/** One line: articles in, dropped with reasons (by code), written. */
function summary(read: number, dropped: readonly AnyProblem[], written: number, output?: string): string {
  const reasons = new Map<string, number>();
  for (const p of dropped) reasons.set(p.code, (reasons.get(p.code) ?? 0) + 1);
  const why = [...reasons].map(([code, n]) => `${n} ${code}`).join(', ');
  return `readnext build: ${read} articles in, ${dropped.length} dropped${why ? ` (${why})` : ''}, ${written} written${output ? ` to ${output}` : ''}`;
}

function formatProblem(p: AnyProblem): string {
  // Ingest messages about a whole input already start with its name.
  const source = 'source' in p && p.source && !p.message.startsWith(p.source) ? `${p.source}: ` : '';
  const where = p.index < 0 ? '' : `record ${p.index}${p.id ? ` (${p.id})` : ''}: `;
  return `${p.level}: ${source}${where}${p.message}`;
}

/** A one-line bar redrawn in place; only on a terminal, so logs and CI stay clean. */
function progressBar(): (done: number, total: number) => void {
  let last = -1;
  return (done, total) => {
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (pct === last) return;
    last = pct;
    const width = 30;
    const filled = Math.round((pct / 100) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% ${done}/${total}`);
    if (done >= total) process.stderr.write('\n');
  };
}
