/**
 * The manifest field `near` (written by `build`): a flat array
 * `[rawIndex, milli, ...]` becomes `Article.near`, `[position, similarity]`
 * pairs whose positions index the normalised article list.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeManifest } from '../../src/core/normalize.js';

const record = (id: string, extra: Record<string, unknown> = {}) => ({ id, url: `https://news.example/${id}`, title: `Title ${id}`, ...extra });

/** `near` of each kept article as `[neighbour id, similarity]`, so expectations read without position arithmetic. */
function nearById(result: ReturnType<typeof normalizeManifest>): Record<string, [string, number][] | undefined> {
  const { articles } = result;
  return Object.fromEntries(articles.map((a) => [a.id, a.near?.map(([p, s]) => [articles[p].id, s] as [string, number])]));
}

test('raw indices become positions in the normalised list, similarity is milli / 1000, best first', () => {
  const result = normalizeManifest([record('a', { near: [1, 900, 2, 450] }), record('b', { near: [0, 900] }), record('c')]);
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.articles[0].near, [[1, 0.9], [2, 0.45]]);
  assert.deepEqual(nearById(result), { a: [['b', 0.9], ['c', 0.45]], b: [['a', 0.9]], c: undefined });
});

test('records dropped before a neighbour shift its position; pairs pointing at dropped records are skipped', () => {
  const result = normalizeManifest([
    null, // dropped: not an object
    record('a', { near: [3, 800, 0, 700, 2, 600, 4, 500] }),
    { id: 'x' }, // dropped: no url or title
    record('b'),
    record('a', { url: 'https://news.example/dup' }), // dropped: duplicate id
  ]);
  assert.deepEqual(result.articles.map((a) => a.id), ['a', 'b']);
  assert.deepEqual(result.articles[0].near, [[1, 0.8]]);
});

test('a hole (an array built in code) is no record: skipped without a problem, and a neighbour there is none', () => {
  // What a page's first list normalises (src/data/store.ts): a few records in their places, the rest holes.
  const records: unknown[] = [];
  records[1] = record('a', { near: [3, 800, 0, 700, 5, 600] });
  records[3] = record('b', { near: [1, 800] });
  records.length = 6;
  const result = normalizeManifest(records);
  assert.deepEqual(result.problems, []);
  assert.deepEqual(nearById(result), { a: [['b', 0.8]], b: [['a', 0.8]] });
});

test('out-of-range, non-integer, self and repeated neighbours and out-of-range similarities are skipped', () => {
  const result = normalizeManifest([
    record('a', { near: [0, 999, 5, 900, -1, 900, 1.5, 900, NaN, 900, Infinity, 900, 1, 0, 1, 1001, 1, -3, 1, NaN, 1, 700, 1, 600, 2, 1000, 2] }),
    record('b'),
    record('c'),
  ]);
  assert.deepEqual(result.problems, []);
  // The trailing lone index has no similarity and is ignored.
  assert.deepEqual(nearById(result).a, [['b', 0.7], ['c', 1]]);
});

test('an empty near stays an empty list; a record without near has none', () => {
  const { articles } = normalizeManifest([record('a', { near: [] }), record('b', { near: null }), record('c')]);
  assert.deepEqual(articles.map((a) => a.near), [[], undefined, undefined]);
  assert.ok(!('near' in articles[2]));
});

test('a near that is not an array of numbers gives one warning and is dropped; the record stays', () => {
  const bad: unknown[] = ['1,900', 5, { 0: 1, 1: 900 }, [1, '900'], [1, 900, null], [[1, 900]], true];
  const result = normalizeManifest([...bad.map((near, i) => record(`r${i}`, { near })), record('target')]);
  assert.equal(result.articles.length, bad.length + 1);
  for (const a of result.articles) assert.equal(a.near, undefined, a.id);
  assert.deepEqual(result.problems.map((p) => [p.index, p.field, p.code, p.level]), bad.map((_, i) => [i, 'near', 'invalid-type', 'warning']));
  for (const p of result.problems) assert.match(p.message, /^near: /);
});

test('the list is capped at 100 pairs, keeping the first (best) ones', () => {
  const n = 150;
  const near = Array.from({ length: n }, (_, i) => [i + 1, 1000 - i]).flat();
  const { articles } = normalizeManifest([record('a', { near }), ...Array.from({ length: n }, (_, i) => record(`b${i}`))]);
  assert.equal(articles[0].near!.length, 100);
  assert.deepEqual(articles[0].near!.slice(0, 2), [[1, 1], [2, 0.999]]);
  assert.deepEqual(articles[0].near!.at(-1), [100, (1000 - 99) / 1000]);
});

test('neighbours past maxArticles were dropped, so they are skipped', () => {
  const { articles } = normalizeManifest([record('a', { near: [2, 900, 1, 800] }), record('b'), record('c')], { maxArticles: 2 });
  assert.deepEqual(articles[0].near, [[1, 0.8]]);
});

test('a JSON Feed carries near in the _readnext extension, indexing the items list', () => {
  const { articles, problems } = normalizeManifest({
    version: 'https://jsonfeed.org/version/1.1',
    items: [
      { id: 'dropped' },
      { id: 'a', url: 'https://news.example/a', title: 'A', _readnext: { near: [2, 640, 0, 900] } },
      { id: 'b', url: 'https://news.example/b', title: 'B', near: [1, 900] },
    ],
  });
  assert.equal(problems.length, 1);
  assert.deepEqual(articles.map((a) => [a.id, a.near]), [['a', [[1, 0.64]]], ['b', undefined]]);
});

test('a 1,000,000-element near is read in linear time', () => {
  const near = new Array<number>(1_000_000).fill(1);
  const started = performance.now();
  const { articles } = normalizeManifest([record('a', { near }), record('b')]);
  assert.ok(performance.now() - started < 5_000, `took ${Math.round(performance.now() - started)} ms`);
  // Every pair is [1, 1]: the same neighbour, kept once.
  assert.deepEqual(articles[0].near, [[1, 0.001]]);
});
