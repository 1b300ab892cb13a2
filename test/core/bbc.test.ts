/**
 * The relevance targets on the BBC corpus, read from ../shared at run time
 * (never copied into the repository). Latency is left to `npm run eval`: it
 * is wall-clock and a loaded test runner would make it flaky.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { gzipBytes } from '../../src/cli/eval.js';
import { evaluate } from '../../src/core/eval.js';

const corpus = fileURLToPath(new URL('../../../shared/corpora/bbc-news.json', import.meta.url));
const present = existsSync(corpus);
const skip = !present && process.env.CI !== 'true' ? `${corpus} not found` : false;

describe('BBC corpus relevance', { skip }, () => {
  it('meets P@5 ≥ 0.93, duplicate rate 0 and ≤ 400 gzip bytes per article with widget defaults', () => {
    assert.ok(present, `${corpus} is missing; CI needs it`);
    const { report } = evaluate(JSON.parse(readFileSync(corpus, 'utf8')), { label: 'section', k: 5, compressedSize: gzipBytes });
    assert.equal(report.articles, 2225);
    assert.ok(report.precision_at_k >= 0.93, `P@5 ${report.precision_at_k}`);
    assert.equal(report.duplicate_rate, 0);
    assert.ok(report.gzip_bytes_per_article <= 400, `${report.gzip_bytes_per_article} B/article`);
  });
});
