/**
 * How quality and manifest size move with the keyword count: the numbers
 * behind KeywordOptions.maxKeywords in docs/relevance.md. Reads the BBC
 * corpus from ../shared at run time: `node --import tsx bench/keyword-curve.ts`.
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
  for (const maxKeywords of [0, 20, 40, 60, 80, 100, 120]) {
    const { report: r } = evaluate(input, { label: 'section', build: { keywords: { maxKeywords }, bytesPerArticle: Infinity }, compressedSize: gzipBytes });
    console.log(`keywords ${String(maxKeywords).padStart(3)}  P@5 ${r.precision_at_k.toFixed(4)}  nDCG@5 ${r.ndcg_at_k.toFixed(4)}  gzip B/article ${r.gzip_bytes_per_article.toFixed(0)}  p50 ${r.ms_per_query_p50.toFixed(2)} ms`);
  }
}
