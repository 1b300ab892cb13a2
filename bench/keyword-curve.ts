/**
 * How quality and manifest size move with the shipped keyword count and the
 * neighbours per article: the numbers behind `BUILD_DEFAULTS` (`keywords`,
 * `near`) in docs/relevance.md. Manifest pages rank from the build-time
 * neighbours; pages outside the manifest (`pages`: title and summary only)
 * rank through MiniSearch over the shipped keywords. Reads the BBC corpus
 * from ../shared at run time: `node --import tsx bench/keyword-curve.ts`.
 * The byte budget is lifted so the raw curve shows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipBytes } from '../src/cli/eval.js';
import { evaluate } from '../src/core/eval.js';

const corpus = fileURLToPath(new URL('../../shared/corpora/bbc-news.json', import.meta.url));
if (!existsSync(corpus)) console.log(`skipped: ${corpus} not found`);
else {
  const input: unknown = JSON.parse(readFileSync(corpus, 'utf8'));
  const run = (maxKeywords: number, near: number) => {
    const build = { keywords: { maxKeywords }, near, bytesPerArticle: Infinity };
    const { report: r } = evaluate(input, { label: 'section', build, compressedSize: gzipBytes });
    const { report: p } = evaluate(input, { label: 'section', build, pages: true });
    console.log(
      `keywords ${String(maxKeywords).padStart(3)}  near ${String(near).padStart(2)}  P@5 ${r.precision_at_k.toFixed(4)}  nDCG@5 ${r.ndcg_at_k.toFixed(4)}` +
        `  pages P@5 ${p.precision_at_k.toFixed(4)}  gzip B/article ${r.gzip_bytes_per_article.toFixed(0)}  p95 ${r.ms_per_query_p95.toFixed(2)} ms  pages p95 ${p.ms_per_query_p95.toFixed(2)} ms`,
    );
  };
  for (const near of [0, 4, 8, 12, 16, 20]) run(60, near);
  for (const maxKeywords of [0, 20, 40, 80]) run(maxKeywords, 12);
}
