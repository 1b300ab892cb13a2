/**
 * `npm run eval`: the relevance check from issue 3 on the BBC corpus, which
 * is read from ../shared at run time and never copied into the repository.
 * Runs exactly `readnext eval ../shared/corpora/bbc-news.json --label section
 * --k 5 --json` and checks the four targets. Without the corpus it skips,
 * except on CI (CI=true), where a missing corpus is a failure.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.js';

const corpus = fileURLToPath(new URL('../../shared/corpora/bbc-news.json', import.meta.url));
const TARGETS = { precision_at_k: 0.93, duplicate_rate: 0, gzip_bytes_per_article: 400, ms_per_query_p95: 2 };

if (!existsSync(corpus)) {
  if (process.env.CI === 'true') {
    console.error(`eval: ${corpus} is missing; CI needs it for the relevance check`);
    process.exitCode = 1;
  } else console.log(`eval: skipped, ${corpus} not found`);
} else {
  let out = '';
  const code = await main(['eval', corpus, '--label', 'section', '--k', '5', '--json'], {
    stdout: (t) => void (out += t),
    stderr: (t) => void process.stderr.write(t),
  });
  if (code !== 0) process.exitCode = code;
  else {
    const r = JSON.parse(out) as Record<string, number>;
    const checks: [string, boolean][] = [
      [`P@5 ${r.precision_at_k!.toFixed(4)} ≥ ${TARGETS.precision_at_k}`, r.precision_at_k! >= TARGETS.precision_at_k],
      [`duplicate_rate ${r.duplicate_rate} = 0`, r.duplicate_rate === TARGETS.duplicate_rate],
      [`gzip bytes/article ${r.gzip_bytes_per_article!.toFixed(1)} ≤ ${TARGETS.gzip_bytes_per_article}`, r.gzip_bytes_per_article! <= TARGETS.gzip_bytes_per_article],
      [`p95 ${r.ms_per_query_p95!.toFixed(3)} ms ≤ ${TARGETS.ms_per_query_p95} ms`, r.ms_per_query_p95! <= TARGETS.ms_per_query_p95],
    ];
    console.log(out.trim());
    for (const [label, ok] of checks) console.log(`${ok ? 'pass' : 'FAIL'}  ${label}`);
    // Wall-clock p95 is the target; CPU time shows whether a miss is the
    // query's own cost or other processes on a busy machine.
    if (r.cpu_ms_per_query_p95 !== undefined) console.log(`info  CPU-time p95 ${r.cpu_ms_per_query_p95.toFixed(3)} ms`);
    if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
  }
}
