/**
 * The `readnext` command line: `build` and `eval`. Returns an exit code
 * instead of exiting, so tests call it in-process.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { runBuild, type BuildCommandOptions } from './build.js';
import { runEval } from './eval.js';
import { runValidate } from './validate.js';
import type { FieldWeights } from '../core/options.js';

export interface MainIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const defaultIO: MainIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

function listLength(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new InvalidArgumentError('expected an integer from 1 to 50');
  return n;
}

/** What commander hands the build action: the command's options, with `--shard` parsed. */
type BuildFlags = Omit<BuildCommandOptions, 'log' | 'write' | 'tty' | 'slice'> & { shard?: BuildCommandOptions['slice'] };

function shardCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65_536) throw new InvalidArgumentError('expected an integer from 1 to 65536');
  return n;
}

function workerCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 256) throw new InvalidArgumentError('expected an integer from 0 to 256');
  return n;
}

function slice(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count) throw new InvalidArgumentError('expected I/N with 0 <= I < N, e.g. 0/4');
  return { index, count };
}

function nearCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 100) throw new InvalidArgumentError('expected an integer from 0 to 100');
  return n;
}

/** `title:2 keywords:0.5` (spaces or commas): partial field weights, each 0-10. */
export function fieldWeights(value: string): Partial<FieldWeights> {
  const out: Partial<FieldWeights> = {};
  for (const entry of value.split(/[\s,]+/).filter(Boolean)) {
    const [name, weight] = entry.split(':');
    const n = Number(weight);
    if (!['title', 'summary', 'tags', 'keywords'].includes(name!) || weight === undefined || weight === '' || !(n >= 0 && n <= 10)) {
      throw new InvalidArgumentError('expected field:weight pairs, fields title, summary, tags, keywords, weights 0-10, e.g. "title:2 keywords:0.5"');
    }
    out[name as keyof FieldWeights] = n;
  }
  return out;
}

function isoDate(value: string): number {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw new InvalidArgumentError('expected an ISO 8601 date');
  return ms;
}

export async function main(argv: string[], io: MainIO = defaultIO): Promise<number> {
  let code = 0;
  const log = (line: string) => io.stderr(line + '\n');
  const program = new Command('readnext')
    .description('Build, validate and evaluate readnext manifests.')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('build')
    .description('turn feeds, sitemaps, Markdown folders and manifests into a readnext manifest (keywords extracted, bodies dropped)')
    .argument('<inputs...>', 'files, folders or http(s) URLs: RSS, Atom, JSON Feed, sitemap.xml, Markdown folders, manifests')
    .option('-o, --output <file>', 'where to write the manifest (default: stdout)')
    .option('--base-url <url>', 'site URL: needed for Markdown folders; resolves relative links')
    .option('--pageviews <file.csv>', 'analytics export (GA4, Plausible, Matomo) merged into view counts')
    .option('--index <file>', 'also write a prebuilt MiniSearch index for the widget\'s index attribute')
    .option('--precompute <dir>', 'also write every article\'s related list, sharded, for the widget\'s precomputed attribute')
    .option('--shards <n>', 'shard files for --precompute (default: about 200 entries each)', shardCount)
    .option('--shard <i/n>', 'compute only slice i of n of the shard files (merge slices by copying directories)', slice)
    .option('--workers <n>', 'threads for the neighbour search and --precompute, this one included (default: all cores for the search; ranking in the main thread)', workerCount)
    .option('--refresh-stats', 'with --near 0: recompute the term statistics --precompute froze in DIR/term-stats.json (otherwise reused while the catalogue size stays within 10%)')
    .option('--near <n>', 'neighbours written per article, what the widget ranks from (default: 12; 0: none)', nearCount)
    .option('--field-weights <weights>', 'term weights by field for the neighbours, e.g. "title:2 keywords:0.5" (default: title:1.5 summary:1.25 tags:1.25 keywords:1)', fieldWeights)
    .option('--now <date>', 'the clock for drafts, future posts and popular windows (ISO 8601; default: now)', isoDate)
    .option('--strict', 'exit 1 when any record is dropped')
    .action(async (inputs: string[], opts: BuildFlags) => {
      code = await runBuild(inputs, {
        ...opts,
        ...(opts.shard && { slice: opts.shard }),
        log,
        write: io.stdout,
        tty: Boolean(process.stderr.isTTY),
      });
    });

  program
    .command('validate')
    .description('list every problem in a manifest: the widget\'s own checks and the shipped JSON Schema')
    .argument('<manifest>', 'manifest JSON file')
    .option('--json', 'print the report as JSON')
    .action(async (path: string, opts: { json?: boolean }) => {
      code = await runValidate(path, { ...(opts.json && { json: true }), write: io.stdout, log });
    });

  program
    .command('eval')
    .description('measure related-list relevance: label hidden, built and ranked as the widget does')
    .argument('<manifest>', 'manifest JSON whose records carry the label field (and bodies, if any)')
    .requiredOption('--label <field>', 'record field that defines relevance, e.g. section')
    .option('--k <n>', 'cut-off for precision and nDCG, and list length', listLength, 5)
    .option('--json', 'print one JSON object instead of a table')
    .option('--out <file>', 'also write every ranked list as JSON: { "<id>": ["<id>", ...] }')
    .action(async (manifest: string, opts: { label: string; k: number; json?: boolean; out?: string }) => {
      code = await runEval(manifest, { label: opts.label, k: opts.k, ...(opts.json && { json: true }), ...(opts.out && { out: opts.out }), write: io.stdout, log });
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : error.exitCode || 2;
    log(`readnext: ${(error as Error).message}`);
    return 1;
  }
  return code;
}
