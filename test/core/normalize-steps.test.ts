/**
 * normalizeSteps: the same normalisation in slices for the main thread. The
 * data layer calls `next()`, gives the page a turn at each yield, and gets
 * exactly what normalizeManifest returns.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NORMALIZE_STEP, normalizeManifest, normalizeSteps, type NormalizeOptions } from '../../src/core/normalize.js';
import type { NormalizedManifest } from '../../src/core/types.js';
import { feedGetter } from '../../src/core/feed.js';

/** Runs the generator to the end, counting yields; with the JSON Feed reader unless `feed` is false. */
function drive(input: unknown, options?: NormalizeOptions, feed = true): { yields: number; result: NormalizedManifest } {
  const steps = normalizeSteps(input, options, feed ? feedGetter : undefined);
  for (let yields = 0; ; yields++) {
    const step = steps.next();
    if (step.done) return { yields, result: step.value };
  }
}

/** A mixed list: good records with neighbours, a bad record every 7th, a duplicate every 11th. */
function records(n: number): unknown[] {
  return Array.from({ length: n }, (_, i) =>
    i % 7 === 3 ? { id: `bad${i}` }
    : i % 11 === 5 ? { id: `r${i - 1}`, url: `https://news.example/dup${i}`, title: 'Dup' }
    : { id: `r${i}`, url: `https://news.example/${i}`, title: `Title ${i}`, views: i, near: [(i + 1) % n, 900, (i + 2) % n, 800] });
}

test('returns exactly what normalizeManifest returns, for every manifest shape', () => {
  const n = NORMALIZE_STEP * 2 + 17;
  const inputs: [unknown, NormalizeOptions?][] = [
    [records(n)],
    [{ version: 1, home_page_url: 'https://news.example/', language: 'en', articles: records(n) }],
    [{ version: 'https://jsonfeed.org/version/1.1', items: records(n).map((r) => (r && typeof r === 'object' ? { ...r, _readnext: { near: (r as { near?: unknown }).near } } : r)) }],
    [records(n), { maxArticles: NORMALIZE_STEP + 3 }],
    [null],
    [{ version: 2, articles: [] }],
  ];
  for (const [input, options] of inputs) assert.deepEqual(drive(input, options).result, normalizeManifest(input, options));
  const { result } = drive(records(n));
  assert.ok(result.articles.length > NORMALIZE_STEP, 'the large case really spans several steps');
  assert.ok(result.articles.some((a) => a.near && a.near.length > 0), 'and has neighbours to map');
});

test('a JSON Feed without its item reader (the bundle before loading it) fails as a document, and nothing else does', () => {
  const feed = { version: 'https://jsonfeed.org/version/1.1', items: [{ id: 'a', url: 'https://news.example/a', title: 'A' }] };
  assert.deepEqual(drive(feed, {}, false).result, { articles: [], problems: [{ index: -1, field: '', code: 'invalid-manifest', message: 'invalid manifest (JSON Feed reader not loaded)', level: 'error' }] });
  assert.equal(drive(feed).result.articles.length, 1);
  assert.equal(drive(feed.items, {}, false).result.articles.length, 1, 'a bare array needs no reader');
});

test(`yields once per ${NORMALIZE_STEP} records read and once per ${NORMALIZE_STEP * 8} articles mapped`, () => {
  const big = NORMALIZE_STEP * 8;
  for (const n of [0, 1, NORMALIZE_STEP - 1, NORMALIZE_STEP, NORMALIZE_STEP + 1, NORMALIZE_STEP * 3 + 5, big, big + 1, big * 2 + 1]) {
    const list = Array.from({ length: n }, (_, i) => ({ id: `r${i}`, url: `https://news.example/${i}`, title: `T ${i}` }));
    const { yields, result } = drive(list);
    assert.equal(result.articles.length, n);
    // A yield before record STEP, 2·STEP, …; the cheap second pass (near) before article 8·STEP, 16·STEP, ….
    const between = (count: number, every: number) => Math.max(0, Math.ceil(count / every) - 1);
    assert.equal(yields, between(n, NORMALIZE_STEP) + between(n, big), `${n} records`);
  }
});

test('a small manifest is done at the first next(): no yield', () => {
  const steps = normalizeSteps([{ id: 'a', url: 'https://news.example/a', title: 'A' }]);
  const first = steps.next();
  assert.equal(first.done, true);
  assert.deepEqual((first.value as NormalizedManifest).articles.map((a) => a.id), ['a']);
});

test('never throws: unreadable documents and records give problems, at any step', () => {
  const throwing = new Proxy([], { get() { throw new Error('trap'); } });
  assert.deepEqual(drive(throwing).result.problems.map((p) => [p.index, p.code]), [[-1, 'invalid-manifest']]);
  const list: unknown[] = records(NORMALIZE_STEP + 10);
  Object.defineProperty(list, NORMALIZE_STEP + 2, { get() { throw new Error('getter'); } });
  const { result } = drive(list);
  assert.ok(result.problems.some((p) => p.index === NORMALIZE_STEP + 2 && p.level === 'error'));
  // A caller that throws into the generator at a yield (an aborted load) still gets a result, not an exception.
  const steps = normalizeSteps(records(NORMALIZE_STEP * 2));
  assert.equal(steps.next().done, false);
  const thrown = steps.throw(new Error('abort'));
  assert.equal(thrown.done, true);
  assert.equal((thrown.value as NormalizedManifest).problems[0].code, 'invalid-manifest');
});
