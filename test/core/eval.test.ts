import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  coverage,
  duplicateRate,
  duplicateTest,
  evaluate,
  jaccard,
  ndcgAtK,
  percentile,
  precisionAtK,
  shingles,
} from '../../src/core/eval.js';

// Hand-made lists over six articles labelled x, x, x, y, y, z.
const labels = new Map(Object.entries({ a: 'x', b: 'x', c: 'x', d: 'y', e: 'y', f: 'z' }));
const lists = new Map(Object.entries({ a: ['b', 'd'], b: ['d', 'e'], c: ['a', 'b'], d: ['e'], e: ['a', 'd'], f: ['a', 'b'] }));
const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-4, `${actual} ≠ ${expected}`);

describe('eval metrics (hand-computed)', () => {
  it('precision@k divides by k even for short lists', () => {
    // (1/2 + 0 + 2/2 + 1/2 + 1/2 + 0) / 6
    close(precisionAtK(lists, labels, 2), 2.5 / 6);
  });
  it('nDCG@k with binary gains, skipping labels nothing else shares', () => {
    // ideal for 2 relevant = 1 + 1/log2(3) = 1.63093; f is skipped.
    // a: 1/1.63093 = 0.61315, b: 0, c: 1, d (1 relevant): 1, e: (1/log2 3)/1 = 0.63093
    close(ndcgAtK(lists, labels, 2), (0.61315 + 0 + 1 + 1 + 0.63093) / 5);
  });
  it('coverage is the share of articles shown anywhere', () => {
    close(coverage(lists, 6), 4 / 6);
  });
  it('duplicate rate counts lists showing a duplicate of the current story or two of one story', () => {
    const dup = (x: string, y: string) => (x === 'a' && y === 'c') || (x === 'c' && y === 'a');
    close(duplicateRate(lists, dup), 1 / 6);
    const pair = (x: string, y: string) => [x, y].sort().join() === 'a,b';
    // c: [a, b] and f: [a, b] show two copies; a: [b, …] shows a copy of a.
    close(duplicateRate(lists, pair), 3 / 6);
  });
  it('percentiles by nearest rank', () => {
    assert.equal(percentile([5, 1, 4, 2, 3], 50), 3);
    assert.equal(percentile([5, 1, 4, 2, 3], 95), 5);
    assert.equal(percentile([], 95), 0);
  });
  it('5-word shingles and Jaccard', () => {
    const a = shingles('One two three four five six');
    assert.deepEqual([...a], ['one two three four five', 'two three four five six']);
    close(jaccard(a, shingles('one two three four five seven')), 1 / 3);
    const dup = duplicateTest([
      { id: 'p', title: 'Same', text: 'x' },
      { id: 'q', title: ' same ', text: 'y' },
      { id: 'r', title: 'Other', text: 'one two three four five six' },
      { id: 's', title: 'Else', text: 'one two three four five six' },
    ]);
    assert.equal(dup('p', 'q'), true);
    assert.equal(dup('r', 's'), true);
    assert.equal(dup('p', 'r'), false);
  });
});

describe('evaluate', () => {
  const fixture = JSON.parse(readFileSync(new URL('../fixtures/relevance/labelled.json', import.meta.url), 'utf8'));
  const { report, lists: ranked, manifest } = evaluate(fixture, { label: 'topic', k: 2, compressedSize: (json) => json.length });

  it('hides the label and the bodies from what it ranks', () => {
    const json = JSON.stringify(manifest);
    assert.ok(!json.includes('"topic"') && !json.includes('cooking') && !json.includes('"body"'));
  });
  it('ranks every article as the widget does and scores the lists', () => {
    assert.equal(report.articles, 7);
    assert.equal(report.labelled, 7);
    assert.deepEqual([...ranked.keys()], ['s1', 's2', 's3', 's3b', 'c1', 'c2', 'c3']);
    assert.ok([...ranked.values()].every((list) => list.length === 2));
    // The two copies of one story never show each other.
    assert.ok(!ranked.get('s3')!.includes('s3b') && !ranked.get('s3b')!.includes('s3'));
    assert.equal(report.duplicate_rate, 0);
    assert.equal(report.precision_at_k, 1);
    assert.equal(report.gzip_bytes_per_article, JSON.stringify(manifest).length / 7);
    assert.ok(report.ms_per_query_p50 <= report.ms_per_query_p95);
  });
  it('ranks built pages from the manifest\'s neighbours', () => {
    assert.ok(manifest.articles.every((a) => (a.near?.length ?? 0) > 0));
  });
  it('with pages: true, ranks each article as a page outside the manifest, never listing itself', () => {
    const { report: pages, lists } = evaluate(fixture, { label: 'topic', k: 2, pages: true });
    assert.equal(pages.articles, 7);
    assert.ok([...lists].every(([id, list]) => !list.includes(id)));
    assert.ok(pages.precision_at_k > 0.5, `P@2 ${pages.precision_at_k}`);
  });
});
