/**
 * Scale benchmark: the `readnext build --precompute` pipeline on synthetic
 * archives of 10k and 100k articles (bench/generate.ts), reporting wall time
 * per stage and peak resident memory, and how both grow with size.
 *
 *     node --import tsx bench/scale.ts [--sizes 10000,100000] [--sample N] [--workers W]
 *
 * Each size runs in its own child process so one size's heap never inflates
 * the next one's peak. Peak memory is the child's RSS sampled every 100 ms;
 * worker threads live in the same process, so that RSS includes them. (For a
 * second opinion run a size under `/usr/bin/time -v` and read "Maximum
 * resident set size".)
 *
 * `--sample N` ranks only about N related lists per size (whole shards,
 * through the precompute's own `slice` option) and extrapolates the ranking
 * time to all lists; use it when a full run would take too long. The index
 * build each worker does once is measured, not extrapolated.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compactArticles, precompute } from '../src/cli/precompute.js';
import { defaultShardCount } from '../src/core/shard.js';
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
  /** Lists ranked, and all lists there are. */
  ranked: number;
  lists: number;
  /** First list done, per worker: the index build, which sampling does not shorten. */
  warmupMs: number;
  /** Ranking time measured and, with --sample, extrapolated to every list. */
  rankMs: number;
  rankAllMs: number;
  /** CPU time of ranking, all threads, per list. */
  rankCpuPerListMs: number;
  totalMs: number;
  /** CPU time of the pipeline with ranking extrapolated to all lists. */
  totalCpuMs: number;
  peakRssMb: number;
  workers: number;
}

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

async function runSize(n: number, sampleSize: number | undefined, workers: number): Promise<SizeReport> {
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
    stages.push({ name, ms: performance.now() - start, peakMb: Math.round(stagePeak / 2 ** 20), cpuMs: (used.user + used.system) / 1000 });
    return out;
  };

  const records = await time('generate (input, not the pipeline)', () => generate(n));
  const input = { version: 1, articles: records };
  // The build step (normalise with bodies, extract keywords, drop bodies) when
  // the core has one; otherwise normalisation alone.
  const core = (await import('../src/core/build.js').catch(() => undefined)) as typeof import('../src/core/build.js') | undefined;
  let manifest: unknown = input;
  if (core?.buildManifest) manifest = await time('build: normalise + keywords', () => core.buildManifest(input, { maxArticles: n }).manifest);
  records.length = 0;
  // As `readnext build` does: keep one compact copy of the catalogue.
  const articles = await time('normalise built manifest + compact', () => compactArticles(normalizeManifest(manifest, { maxArticles: n }).articles));
  manifest = undefined;

  const shards = defaultShardCount(n);
  const count = sampleSize && sampleSize < n ? Math.min(shards, Math.ceil(n / sampleSize)) : 1;
  const dir = await mkdtemp(join(tmpdir(), 'readnext-scale-'));
  let firstAt = 0;
  let firstCpu = process.cpuUsage();
  let ranked = 0;
  const start = performance.now();
  try {
    const result = await time('precompute', () =>
      precompute(articles, {
        dir,
        now: Date.UTC(2026, 0, 1),
        workers,
        slice: { index: 0, count },
        onProgress: (done) => {
          if (done > 0 && firstAt === 0) {
            firstAt = performance.now();
            firstCpu = process.cpuUsage();
          }
          ranked = done;
        },
      }),
    );
    const end = performance.now();
    const rankCpu = process.cpuUsage(firstCpu);
    const rankCpuMs = (rankCpu.user + rankCpu.system) / 1000;
    ranked = result.computed;
    const warmupMs = firstAt - start;
    const rankMs = end - firstAt;
    const rankAllMs = rankMs * (n / Math.max(1, ranked));
    await time('precompute rerun, nothing changed', () => precompute(articles, { dir, now: Date.UTC(2026, 0, 1), workers, slice: { index: 0, count } }));
    clearInterval(timer);
    const pipeline = stages.filter((s) => !s.name.startsWith('generate') && !s.name.includes('rerun'));
    const measured = pipeline.reduce((sum, s) => sum + s.ms, 0);
    const measuredCpu = pipeline.reduce((sum, s) => sum + s.cpuMs, 0);
    return {
      n,
      stages,
      ranked,
      lists: n,
      warmupMs,
      rankMs,
      rankAllMs,
      totalMs: measured - rankMs + rankAllMs,
      rankCpuPerListMs: rankCpuMs / Math.max(1, ranked),
      totalCpuMs: measuredCpu - rankCpuMs + (rankCpuMs * n) / Math.max(1, ranked),
      peakRssMb: Math.round(peak / 2 ** 20),
      workers,
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
    for (const stage of r.stages) console.log(`  ${stage.name.padEnd(38)} ${s(stage.ms).padStart(9)} wall ${s(stage.cpuMs).padStart(9)} CPU  peak RSS ${stage.peakMb} MB`);
    console.log(`  ${'  of which setup + index builds'.padEnd(38)} ${s(r.warmupMs).padStart(9)}`);
    console.log(`  ${'  of which ranking'.padEnd(38)} ${s(r.rankMs).padStart(9)}  (${r.ranked} lists, ${(r.rankMs / Math.max(1, r.ranked)).toFixed(2)} ms/list wall, ${((r.rankMs * r.workers) / Math.max(1, r.ranked)).toFixed(1)} ms/list per thread)`);
    if (r.ranked < r.lists) console.log(`  ${'ranking, extrapolated to all lists'.padEnd(38)} ${s(r.rankAllMs).padStart(9)}`);
    console.log(`  ${'  ranking CPU per list (all threads)'.padEnd(38)} ${`${r.rankCpuPerListMs.toFixed(1)} ms`.padStart(9)}`);
    console.log(`  ${'pipeline total (build → precompute)'.padEnd(38)} ${s(r.totalMs).padStart(9)} wall ${s(r.totalCpuMs).padStart(9)} CPU${r.ranked < r.lists ? ' (extrapolated)' : ''}`);
    console.log(`  ${'peak RSS (main + workers)'.padEnd(38)} ${`${r.peakRssMb} MB`.padStart(9)}`);
  }
  if (reports.length === 2) {
    const [a, b] = reports as [SizeReport, SizeReport];
    const x = b.n / a.n;
    console.log(`\ngrowth ${a.n} → ${b.n} (×${x}): time ×${(b.totalMs / a.totalMs).toFixed(1)}, ranking per list ×${(b.rankMs / b.ranked / (a.rankMs / a.ranked)).toFixed(1)}, index build ×${(b.warmupMs / a.warmupMs).toFixed(1)}, peak RSS ×${(b.peakRssMb / a.peakRssMb).toFixed(1)}`);
  }
  const big = reports.at(-1)!;
  console.log(`target at 100k: ≤ 300 s and ≤ 2048 MB; largest size: ${s(big.totalMs)}, ${big.peakRssMb} MB`);
}

const child = flag('--child');
const sample = flag('--sample') === undefined ? undefined : Number(flag('--sample'));
const workers = flag('--workers') === undefined ? availableParallelism() : Number(flag('--workers'));
if (child !== undefined) {
  process.stdout.write(JSON.stringify(await runSize(Number(child), sample, workers)));
} else {
  const sizes = (flag('--sizes') ?? '10000,100000').split(',').map(Number);
  const reports: SizeReport[] = [];
  for (const n of sizes) {
    console.error(`running ${n}…`);
    reports.push(await runChild(n));
  }
  print(reports);
}
