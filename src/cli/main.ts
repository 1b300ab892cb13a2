/**
 * The `readnext` command line: `build` and `eval`. Returns an exit code
 * instead of exiting, so tests call it in-process.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { runBuild } from './build.js';
import { runEval } from './eval.js';

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

export async function main(argv: string[], io: MainIO = defaultIO): Promise<number> {
  let code = 0;
  const log = (line: string) => io.stderr(line + '\n');
  const program = new Command('readnext')
    .description('Build and evaluate readnext manifests.')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('build')
    .description('normalise manifests, extract keywords from bodies, drop bodies, write the manifest')
    .argument('<inputs...>', 'manifest JSON files (objects with "articles", arrays, or JSON Feeds)')
    .option('-o, --output <file>', 'where to write the manifest (default: stdout)')
    .action(async (inputs: string[], opts: { output?: string }) => {
      code = await runBuild(inputs, { ...(opts.output && { output: opts.output }), log, write: io.stdout });
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
