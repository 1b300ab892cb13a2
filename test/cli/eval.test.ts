import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main.js';
import { precisionAtK } from '../../src/core/eval.js';

const fixture = new URL('../fixtures/relevance/labelled.json', import.meta.url).pathname;

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

describe('readnext eval', () => {
  it('prints one JSON object with the metrics, and writes every list with --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'readnext-eval-'));
    const out = join(dir, 'lists.json');
    const r = await run(['eval', fixture, '--label', 'topic', '--k', '2', '--json', '--out', out]);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out);
    for (const key of ['articles', 'precision_at_k', 'ndcg_at_k', 'coverage', 'duplicate_rate', 'ms_per_query_p50', 'ms_per_query_p95', 'gzip_bytes_per_article']) {
      assert.equal(typeof report[key], 'number', key);
    }
    assert.equal(report.articles, 7);
    const lists = JSON.parse(readFileSync(out, 'utf8')) as Record<string, string[]>;
    assert.deepEqual(Object.keys(lists), ['s1', 's2', 's3', 's3b', 'c1', 'c2', 'c3']);
    // Anyone can recompute the metrics from the lists.
    const labels = new Map((JSON.parse(readFileSync(fixture, 'utf8')).articles as { id: string; topic: string }[]).map((a) => [a.id, a.topic]));
    assert.equal(precisionAtK(new Map(Object.entries(lists)), labels, 2), report.precision_at_k);
  });

  it('prints a readable table without --json', async () => {
    const r = await run(['eval', fixture, '--label', 'topic']);
    assert.equal(r.code, 0);
    assert.match(r.out, /^precision@5 +\d\.\d{4}$/m);
    assert.match(r.out, /^gzip bytes per article +\d+\.\d$/m);
  });

  it('fails with a message on a missing file, a missing --label or a bad --k', async () => {
    assert.equal((await run(['eval', '/nonexistent.json', '--label', 'x'])).code, 1);
    assert.notEqual((await run(['eval', fixture])).code, 0);
    assert.notEqual((await run(['eval', fixture, '--label', 'topic', '--k', '0'])).code, 0);
  });
});

describe('readnext build', () => {
  it('builds a manifest file from manifest JSON inputs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'readnext-build-'));
    const second = join(dir, 'more.json');
    writeFileSync(second, JSON.stringify([{ id: 'x1', url: 'https://fixture.example/x1', title: 'Extra', body: 'rocket orbit' }]));
    const out = join(dir, 'manifest.json');
    const r = await run(['build', fixture, second, '-o', out]);
    assert.equal(r.code, 0, r.err);
    const manifest = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(manifest.version, 1);
    assert.equal(manifest.articles.length, 8);
    assert.ok(!JSON.stringify(manifest).includes('"body"'));
  });
});
