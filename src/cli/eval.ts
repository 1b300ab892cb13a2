/**
 * `readnext eval <manifest> --label <field> --k 5 [--json] [--out FILE]`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { evaluate, type EvalReport } from '../core/eval.js';

export interface EvalCommandOptions {
  label: string;
  k: number;
  json?: boolean;
  out?: string;
  write: (text: string) => void;
  log: (line: string) => void;
}

/** gzip at level 9, as a CDN serving a static JSON file typically would. */
export function gzipBytes(text: string): number {
  return gzipSync(Buffer.from(text, 'utf8'), { level: 9 }).length;
}

/** This process's user + system CPU time in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export async function runEval(path: string, options: EvalCommandOptions): Promise<number> {
  let input: unknown;
  try {
    input = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    options.log(`readnext eval: cannot read ${path}: ${(error as Error).message}`);
    return 1;
  }
  const { report, lists } = evaluate(input, { label: options.label, k: options.k, compressedSize: gzipBytes, cpuClock: cpuMs });
  if (report.articles === 0) {
    options.log(`readnext eval: ${path} has no valid articles`);
    return 1;
  }
  if (report.labelled === 0) options.log(`readnext eval: no record has a "${options.label}" field; precision and nDCG are 0`);
  if (options.out) await writeFile(options.out, JSON.stringify(Object.fromEntries(lists), null, 1) + '\n');
  options.write(options.json ? JSON.stringify(report) + '\n' : table(report));
  return 0;
}

function table(r: EvalReport): string {
  const rows: [string, string][] = [
    ['articles', `${r.articles} (${r.labelled} labelled by "${r.label}")`],
    [`precision@${r.k}`, r.precision_at_k.toFixed(4)],
    [`nDCG@${r.k}`, r.ndcg_at_k.toFixed(4)],
    ['coverage', r.coverage.toFixed(4)],
    ['duplicate rate', r.duplicate_rate.toFixed(4)],
    ['ms per query p50', r.ms_per_query_p50.toFixed(3)],
    ['ms per query p95', r.ms_per_query_p95.toFixed(3)],
    ...(r.cpu_ms_per_query_p95 !== undefined ? ([['CPU ms per query p50', r.cpu_ms_per_query_p50!.toFixed(3)], ['CPU ms per query p95', r.cpu_ms_per_query_p95.toFixed(3)]] as [string, string][]) : []),
    ['gzip bytes per article', r.gzip_bytes_per_article.toFixed(1)],
    ['first query ms (builds any index)', r.index_ms.toFixed(1)],
    ['lists filled from popular', String(r.filled_lists)],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n') + '\n';
}
