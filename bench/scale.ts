/**
 * Scale benchmark: the `readnext build --precompute` pipeline on synthetic
 * archives of 10k and 100k articles (bench/generate.ts), reporting wall time
 * and CPU time per stage, peak resident memory, and how both grow with size.
 *
 *     node --import tsx bench/scale.ts [--sizes 10000,100000] [--workers W] [--rebuilt-rerun]
 *
 * Each size runs in its own child process so one size's heap never inflates
 * the next one's peak. Peak memory is the child's RSS sampled every 100 ms;
 * worker threads live in the same process, so that RSS includes them. (For a
 * second opinion run a size under `/usr/bin/time -v` and read "Maximum
 * resident set size".)
 *
 * The build step runs without neighbours (`near: 0`): the precompute searches
 * every article's neighbours itself, across all cores and with its frozen
 * term statistics. After the full run come reruns: nothing changed; 1% more
 * articles with the existing ones unchanged (the incremental path, as a
 * build with frozen keyword statistics would feed it); and, with
 * `--rebuilt-rerun`, 1% more with every article's keywords extracted again
 * over the grown corpus, as `build` does today.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compactArticles, precompute } from '../src/cli/precompute.js';
import { normalizeManifest } from '../src/core/normalize.js';
import { generate } from './generate.js';

interface Stage {
  name: string;
  ms: number;
  /** Peak RSS while this stage ran. */
  peakMb: number;
  /** CPU time of the whole process (all threads) during the stage: fair on a busy machine, where wall time is not. */
  cpuMs: number;
}

interface SizeReport {
  n: number;
  stages: Stage[];
  /** Wall time of the precompute's neighbour search and of its ranking. */
  nearMs: number;
  rankMs: number;
  /** The pipeline: build, normalise, precompute (not generate, not the reruns). */
  totalMs: number;
  totalCpuMs: number;
  peakRssMb: number;
  workers: number;
  /** The 1% rerun: neighbour lists searched and related lists ranked. */
  addedSearched: number;
  addedRanked: number;
  /** The same after rebuilding every article's keywords (`--rebuilt-rerun`). */
  rebuiltSearched?: number;
  rebuiltRanked?: number;
}

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

async function runSize(n: number, workers: number): Promise<SizeReport> {
  let peak = process.memoryUsage().rss;
  let stagePeak = peak;
  const sample = () => {
    const rss = process.memoryUsage().rss;
    peak = Math.max(peak, rss);
    stagePeak = Math.max(stagePeak, rss);
  };
  const timer = setInterval(sample, 100);
  const stages: Stage[] = [];
  const time = async <T>(name: string, run: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    stagePeak = process.memoryUsage().rss;
    const cpu = process.cpuUsage();
    const out = await run();
    sample();
    const used = process.cpuUsage(cpu);
    const stage = { name, ms: performance.now() - start, peakMb: Math.round(stagePeak / 2 ** 20), cpuMs: (used.user + used.system) / 1000 };
    stages.push(stage);
    // As it happens, on stderr: a long run shows where it is.
    console.error(`  ${n}: ${name}: ${s(stage.ms)} wall, ${s(stage.cpuMs)} CPU, peak RSS ${stage.peakMb} MB`);
    return out;
  };

  // 1% more articles for the incremental rerun: generated with the rest (so
  // they are as distinct), held back from the first runs.
  const extra = Math.max(1, Math.round(n / 100));
  const records = await time('generate (input, not the pipeline)', () => generate(n + extra));
  const build = async (list: typeof records, label: string) => {
    const input = { version: 1, articles: list };
    const core = await import('../src/core/build.js');
    const manifest = await time(`${label}build: normalise + keywords`, () => core.buildManifest(input, { maxArticles: list.length, near: 0 }).manifest);
    // As `readnext build` does: keep one compact copy of the catalogue.
    return time(`${label}normalise built manifest + compact`, () => compactArticles(normalizeManifest(manifest, { maxArticles: list.length }).articles));
  };
  const articles = await build(records.slice(0, n), '');

  const dir = await mkdtemp(join(tmpdir(), 'readnext-scale-'));
  const phases = { near: [0, 0], rank: [0, 0] };
  const onProgress = (done: number, total: number, phase: 'near' | 'rank') => {
    if (done === 0) phases[phase][0] = performance.now();
    if (done === total) phases[phase][1] = performance.now();
  };
  try {
    const now = Date.UTC(2026, 0, 1);
    await time('precompute', () => precompute(articles, { dir, now, workers, onProgress }));
    const nearMs = phases.near[1] - phases.near[0];
    const rankMs = phases.rank[1] - phases.rank[0];
    const pipeline = stages.filter((s) => !s.name.startsWith('generate'));
    await time('precompute rerun, nothing changed', () => precompute(articles, { dir, now, workers }));
    // +1% as a build with frozen keyword statistics would give it: the
    // existing articles exactly as before, the new ones built with the rest.
    const rebuilt = await build(records, 'rerun +1%: ');
    records.length = 0;
    const kept = [...articles, ...rebuilt.slice(n)];
    const added = await time(`precompute rerun +1% (${extra} articles)`, () => precompute(kept, { dir, now, workers }));
    // +1% as `build` gives it today: keyword extraction over the whole corpus
    // moves existing articles' keywords too (a full run's work; optional).
    const rebuiltRun = args.includes('--rebuilt-rerun') ? await time('precompute rerun +1%, rebuilt keywords', () => precompute(rebuilt, { dir, now, workers })) : undefined;
    clearInterval(timer);
    return {
      n,
      stages,
      nearMs,
      rankMs,
      totalMs: pipeline.reduce((sum, s) => sum + s.ms, 0),
      totalCpuMs: pipeline.reduce((sum, s) => sum + s.cpuMs, 0),
      peakRssMb: Math.max(...pipeline.map((stage) => stage.peakMb)),
      workers,
      addedSearched: added.searched,
      addedRanked: added.computed,
      ...(rebuiltRun && { rebuiltSearched: rebuiltRun.searched, rebuiltRanked: rebuiltRun.computed }),
    };
  } finally {
    clearInterval(timer);
    await rm(dir, { recursive: true, force: true });
  }
}

function runChild(n: number): Promise<SizeReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', String(n), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as SizeReport) : reject(new Error(`size ${n} exited with ${code}`))));
  });
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function print(reports: SizeReport[]): void {
  for (const r of reports) {
    console.log(`\n${r.n.toLocaleString('en')} articles, ${r.workers} workers`);
    for (const stage of r.stages) console.log(`  ${stage.name.padEnd(44)} ${s(stage.ms).padStart(9)} wall ${s(stage.cpuMs).padStart(9)} CPU  peak RSS ${stage.peakMb} MB`);
    console.log(`  ${'  of which neighbour search'.padEnd(44)} ${s(r.nearMs).padStart(9)}`);
    console.log(`  ${'  of which ranking'.padEnd(44)} ${s(r.rankMs).padStart(9)}`);
    console.log(`  ${'pipeline total (build → precompute)'.padEnd(44)} ${s(r.totalMs).padStart(9)} wall ${s(r.totalCpuMs).padStart(9)} CPU`);
    console.log(`  ${'peak RSS of the pipeline (main + workers)'.padEnd(44)} ${`${r.peakRssMb} MB`.padStart(9)}`);
    console.log(`  ${'rerun +1%: searched / ranked'.padEnd(44)} ${r.addedSearched} / ${r.addedRanked} of ${Math.round(r.n * 1.01)}`);
    if (r.rebuiltSearched !== undefined) console.log(`  ${'rerun +1%, rebuilt keywords: searched / ranked'.padEnd(44)} ${r.rebuiltSearched} / ${r.rebuiltRanked}`);
  }
  if (reports.length === 2) {
    const [a, b] = reports as [SizeReport, SizeReport];
    const x = b.n / a.n;
    console.log(`\ngrowth ${a.n} → ${b.n} (×${x}): time ×${(b.totalMs / a.totalMs).toFixed(1)}, neighbour search ×${(b.nearMs / a.nearMs).toFixed(1)}, ranking ×${(b.rankMs / a.rankMs).toFixed(1)}, peak RSS ×${(b.peakRssMb / a.peakRssMb).toFixed(1)}`);
  }
  const big = reports.at(-1)!;
  console.log(`target at 100k: ≤ 300 s and ≤ 2048 MB; largest size: ${s(big.totalMs)}, ${big.peakRssMb} MB`);
}

const child = flag('--child');
const workers = flag('--workers') === undefined ? availableParallelism() : Number(flag('--workers'));
if (child !== undefined) {
  process.stdout.write(JSON.stringify(await runSize(Number(child), workers)));
} else {
  const sizes = (flag('--sizes') ?? '10000,100000').split(',').map(Number);
  const reports: SizeReport[] = [];
  for (const n of sizes) {
    console.error(`running ${n}…`);
    reports.push(await runChild(n));
  }
  print(reports);
}
