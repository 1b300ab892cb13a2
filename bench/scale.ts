/**
 * Scale benchmark: `readnext build --precompute` on synthetic archives of
 * 10k and 100k articles (bench/generate.ts), reporting wall time and CPU time
 * per stage, peak resident memory, and how both grow with size.
 *
 *     node --import tsx bench/scale.ts [--sizes 10000,100000] [--workers W]
 *
 * Without `--workers` the command runs with its defaults (the search on
 * every core, the ranking in the main thread); with it, as `--workers W`.
 *
 * This process writes each size's generated archive to a JSON file (not
 * timed), then a child process per size runs the command on it (`runBuild`,
 * what the CLI runs), so neither generating nor another size inflates its
 * peak:
 * read, normalise + keywords, the neighbour search (worker threads), the
 * manifest, then the precompute ranking from the manifest's neighbours.
 * Peak memory is the child's maximum resident set size as the kernel
 * counts it (`process.resourceUsage().maxRSS`, what `/usr/bin/time -v`
 * reports); worker threads live in the same process, so it includes them.
 * It only grows: a stage's figure is the peak up to its end, and the
 * reruns' are at least the full run's.
 * CPU time is the whole process's (all threads): on a shared machine it is
 * the fairer number, wall time the one a publisher waits for.
 *
 * After the full run come two reruns of the same command: nothing changed,
 * and 1% more articles (the build extracts keywords and searches neighbours
 * again; the precompute ranks only lists whose inputs changed).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBuild } from '../src/cli/build.js';
import { generate } from './generate.js';

interface Stage {
  name: string;
  ms: number;
  /** Peak RSS of the process up to the end of this stage. */
  peakMb: number;
  /** CPU time of the whole process (all threads) during the stage: fair on a busy machine, where wall time is not. */
  cpuMs: number;
}

interface Run {
  ms: number;
  cpuMs: number;
  /** Peak RSS of the process up to the end of this run. */
  peakMb: number;
  /** Related lists ranked, from the command's summary line. */
  ranked: number;
}

interface SizeReport {
  n: number;
  /** `--workers`, when given. */
  workers?: number;
  /** The full run's stages. */
  stages: Stage[];
  full: Run;
  unchanged: Run;
  added: Run;
}

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

/** 1% more articles for the rerun: generated with the rest (so they are as distinct), held back from the first runs. */
const extraOf = (n: number) => Math.max(1, Math.round(n / 100));
const inputsIn = (dir: string) => [join(dir, 'input.json'), join(dir, 'input-plus.json')] as const;

async function writeInputs(n: number, dir: string): Promise<void> {
  const records = generate(n + extraOf(n));
  const [input, plus] = inputsIn(dir);
  await writeFile(input, JSON.stringify({ version: 1, articles: records.slice(0, n) }));
  await writeFile(plus, JSON.stringify({ version: 1, articles: records }));
}

/** The process's peak RSS so far, in MB: the kernel's count, so sync stages are included (sampling on a timer misses them). */
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function runSize(n: number, dir: string, workers: number | undefined): Promise<SizeReport> {
  const command = async (input: string, label: string, stages?: Stage[]): Promise<Run> => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    let stageStart = start;
    let stageCpu = cpu;
    let ranked = NaN;
    const code = await runBuild([input], {
      output: join(dir, 'manifest.json'),
      precompute: join(dir, 'out'),
      now: Date.UTC(2026, 0, 1),
      ...(workers !== undefined && { workers }),
      log: (line) => {
        const m = /precomputed (\d+) related lists/.exec(line);
        if (m) ranked = Number(m[1]);
      },
      write: () => {},
      onStage: (name) => {
        const now = performance.now();
        const used = process.cpuUsage(stageCpu);
        const stage = { name, ms: now - stageStart, cpuMs: (used.user + used.system) / 1000, peakMb: peakMb() };
        stages?.push(stage);
        // As it happens, on stderr: a long run shows where it is.
        if (stages) console.error(`  ${n}: ${name}: ${s(stage.ms)} wall, ${s(stage.cpuMs)} CPU, peak RSS ${stage.peakMb} MB`);
        stageStart = now;
        stageCpu = process.cpuUsage();
      },
    });
    if (code !== 0) throw new Error(`readnext build exited with ${code}`);
    const used = process.cpuUsage(cpu);
    const run = { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, peakMb: peakMb(), ranked };
    console.error(`  ${n}: ${label}: ${s(run.ms)} wall, ${s(run.cpuMs)} CPU, peak RSS ${run.peakMb} MB, ${ranked} lists ranked`);
    return run;
  };

  const [input, plus] = inputsIn(dir);
  const stages: Stage[] = [];
  const full = await command(input, 'build --precompute', stages);
  const unchanged = await command(input, 'rerun, nothing changed');
  const added = await command(plus, `rerun, +1% (${extraOf(n)} articles)`);
  return { n, ...(workers !== undefined && { workers }), stages, full, unchanged, added };
}

async function runChild(n: number): Promise<SizeReport> {
  const dir = await mkdtemp(join(tmpdir(), 'readnext-scale-'));
  try {
    await writeInputs(n, dir);
    return await spawnChild(n, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function spawnChild(n: number, dir: string): Promise<SizeReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', String(n), '--dir', dir, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as SizeReport) : reject(new Error(`size ${n} exited with ${code}`))));
  });
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function print(reports: SizeReport[]): void {
  const row = (name: string, r: { ms: number; cpuMs: number; peakMb: number }, extra = '') =>
    console.log(`  ${name.padEnd(40)} ${s(r.ms).padStart(9)} wall ${s(r.cpuMs).padStart(9)} CPU  peak RSS ${`${r.peakMb} MB`.padStart(8)}${extra}`);
  for (const r of reports) {
    console.log(`\n${r.n.toLocaleString('en')} articles, ${availableParallelism()} cores: readnext build --precompute${r.workers === undefined ? '' : ` --workers ${r.workers}`}`);
    for (const stage of r.stages) row(stage.name, stage);
    row('total', r.full, `, ${r.full.ranked} lists ranked`);
    row('rerun, nothing changed', r.unchanged, `, ${r.unchanged.ranked} ranked`);
    row('rerun, +1% articles', r.added, `, ${r.added.ranked} ranked`);
  }
  if (reports.length === 2) {
    const [a, b] = reports as [SizeReport, SizeReport];
    console.log(
      `\ngrowth ${a.n} → ${b.n} (×${b.n / a.n}): wall ×${(b.full.ms / a.full.ms).toFixed(1)}, CPU ×${(b.full.cpuMs / a.full.cpuMs).toFixed(1)}, ` +
        `peak RSS ×${(b.full.peakMb / a.full.peakMb).toFixed(1)}`,
    );
  }
  const big = reports.at(-1)!;
  console.log(`target at 100k: ≤ 300 s and ≤ 2048 MB; largest size (${big.n}): ${s(big.full.ms)} wall (${s(big.full.cpuMs)} CPU), ${big.full.peakMb} MB`);
}

const child = flag('--child');
const workers = flag('--workers') === undefined ? undefined : Number(flag('--workers'));
if (child !== undefined) {
  process.stdout.write(JSON.stringify(await runSize(Number(child), flag('--dir')!, workers)));
} else {
  const sizes = (flag('--sizes') ?? '10000,100000').split(',').map(Number);
  const reports: SizeReport[] = [];
  for (const n of sizes) {
    console.error(`running ${n}…`);
    reports.push(await runChild(n));
  }
  print(reports);
}
