/**
 * `readnext build <inputs...>`: feeds, sitemaps, Markdown folders and
 * manifests in; the built manifest out, and optionally a prebuilt index and
 * precomputed shards. The core's build step does the work; this module does
 * the I/O, the summary and the exit code.
 */
import { writeFile } from 'node:fs/promises';
import { buildManifest, type BuildResult } from '../core/build.js';
import { normalizeManifest } from '../core/normalize.js';
import type { FieldWeights } from '../core/options.js';
import type { Problem } from '../core/types.js';
import { gzipBytes } from './eval.js';
import { applyPageviews, loadInputs, loadPageviews, type IngestProblem } from './ingest/index.js';
import { compactArticles, precompute, writeIndex } from './precompute.js';

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
  /** Worker threads for `precompute` (default: all cores). */
  workers?: number;
  /** Recompute the precompute's frozen term statistics instead of reusing DIR/term-stats.json. */
  refreshStats?: boolean;
  /** Where messages go; the CLI passes stderr. */
  log: (line: string) => void;
  /** Where the manifest goes without `-o`; the CLI passes stdout. */
  write: (text: string) => void;
  /** Whether stderr is a terminal (progress bar). */
  tty?: boolean;
}

type AnyProblem = Problem | IngestProblem;

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

  let result: BuildResult;
  try {
    result = buildManifest(
      { version: 1, ...(options.baseUrl && { home_page_url: options.baseUrl }), articles: raw },
      { compressedSize: gzipBytes, ...(options.near !== undefined && { near: options.near }), ...(options.fieldWeights && { fieldWeights: options.fieldWeights }) },
    );
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
  log(summary(raw.length + loaded.problems.filter((p) => p.level === 'error' && p.index >= 0).length, dropped, written, options.output));
  if (written === 0) {
    log('readnext build: no usable articles; nothing written');
    return 1;
  }

  const json = JSON.stringify(result.manifest) + '\n';
  if (options.output) await writeFile(options.output, json);
  else options.write(json);

  if (options.index || options.precompute) {
    // Rank over exactly what the widget will load: the built manifest, normalised again.
    const { articles } = normalizeManifest(result.manifest, { ...(options.baseUrl && { manifestUrl: options.baseUrl }) });
    if (options.index) {
      await writeIndex(articles, options.index);
      log(`readnext build: prebuilt index written to ${options.index}`);
    }
    if (options.precompute) {
      const progress = options.tty ? progressBar() : undefined;
      // One shared copy of each keyword string: a third of the heap at 100k articles.
      const done = await precompute(compactArticles(articles), {
        dir: options.precompute,
        now,
        ...(options.shards && { shards: options.shards }),
        ...(options.slice && { slice: options.slice }),
        ...(options.workers !== undefined && { workers: options.workers }),
        ...(options.refreshStats && { refreshStats: true }),
        ...(progress && { onProgress: progress }),
      });
      log(
        `readnext build: precomputed ${done.computed} related lists (${done.reused} reused) into ${done.shards} shards` +
          `${options.slice ? ` (slice ${options.slice.index}/${options.slice.count})` : ''}, ${done.written} files written to ${options.precompute}` +
          ` (term statistics ${done.stats === 'frozen' ? 'reused' : 'computed'})`,
      );
    }
  }
  if (unusable > 0) return 1;
  if (options.strict && dropped.length > 0) {
    log(`readnext build: --strict: ${dropped.length} records dropped`);
    return 1;
  }
  return 0;
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
