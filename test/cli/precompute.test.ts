import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { precompute, searchNeighbours, writeIndex, type PrecomputeOptions } from '../../src/cli/precompute.js';
import { buildManifest, prepareBuild } from '../../src/core/build.js';
import { nearest } from '../../src/cli/precompute-worker.js';
import { Catalog } from '../../src/core/catalog.js';
import { computeNear } from '../../src/core/neighbours.js';
import { normalizeManifest } from '../../src/core/normalize.js';
import { popular } from '../../src/core/popular.js';
import { related } from '../../src/core/related.js';
import { createIndex, loadIndex } from '../../src/core/catalog.js';
import { displayItem, shardFileName, shardOf, type PrecomputeMeta, type ShardFile } from '../../src/core/shard.js';
import type { Article } from '../../src/core/types.js';
import { termStats, VectorIndex } from '../../src/core/vector-index.js';

const NOW = Date.UTC(2026, 1, 1);
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/precompute/${name}`, import.meta.url), 'utf8'));
const records = (fixture('articles.json') as { articles: Record<string, unknown>[] }).articles;
const added = fixture('added.json') as Record<string, unknown>[];

function articlesOf(input: readonly Record<string, unknown>[]): Article[] {
  const { articles, problems } = normalizeManifest(input);
  assert.deepEqual(problems, []);
  return articles;
}

/**
 * For tests that start worker threads (tsx registered inside each worker):
 * a hang (seen once in CI, not reproduced) fails the test after two minutes
 * instead of stalling the run; these tests take seconds.
 */
const THREADED = { timeout: 120_000 };

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'readnext-precompute-'));
}

/** Every output file (not the cache) as path → text. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  out.set('meta.json', await readFile(join(dir, 'meta.json'), 'utf8'));
  // Absent when the neighbours came from the input.
  const stats = await readFile(join(dir, 'term-stats.json'), 'utf8').catch(() => undefined);
  if (stats !== undefined) out.set('term-stats.json', stats);
  for (const name of (await readdir(join(dir, 'shards'))).sort()) out.set(`shards/${name}`, await readFile(join(dir, 'shards', name), 'utf8'));
  return out;
}

/**
 * Runs incrementally in `dir`, then from scratch in a fresh directory given
 * the same term statistics (`term-stats.json`, which the incremental run
 * kept or refreshed); asserts identical bytes; returns the incremental result.
 */
async function assertSameAsFullRun(dir: string, articles: readonly Article[], options: Omit<PrecomputeOptions, 'dir' | 'now'> = {}) {
  const result = await precompute(articles, { dir, now: NOW, workers: 0, ...options });
  const fresh = await tempDir();
  try {
    if (options.neighbours !== 'input') await copyFile(join(dir, 'term-stats.json'), join(fresh, 'term-stats.json'));
    const full = await precompute(articles, { dir: fresh, now: NOW, workers: 0, ...options });
    assert.equal(full.computed, articles.length);
    assert.deepEqual(await snapshot(dir), await snapshot(fresh));
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
  return result;
}

test('writes meta.json and one entry per article, in the shard of its canonical URL, equal to related()', async () => {
  const articles = articlesOf(records);
  const dir = await tempDir();
  try {
    const result = await precompute(articles, { dir, now: NOW, shards: 4, workers: 0 });
    assert.deepEqual(result, { written: 6, computed: 15, reused: 0, searched: 15, shards: 4, stats: 'fresh', recompute: 'no-cache' });
    // Ranked from neighbours searched as `build` searches them (the first
    // run's statistics are the catalogue's own), so equal to related() over
    // a built manifest.
    const near = computeNear(articles);
    assert.ok(near.some((list) => list.length > 0));
    const catalog = new Catalog(articles.map((a, i) => ({ ...a, near: near[i]! })));
    const meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8')) as PrecomputeMeta;
    assert.deepEqual(Object.keys(meta), ['version', 'shards', 'hash', 'limit', 'popular']);
    assert.equal(meta.shards, 4);
    assert.equal(meta.hash, 'fnv1a32');
    for (const window of ['24h', '7d', '30d', 'all'] as const) {
      assert.deepEqual(meta.popular[window], popular(catalog, { window, now: NOW, limit: 5 }).items.map((i) => displayItem(i.article)));
    }
    assert.ok(meta.popular.all.length === 5);
    const seen = new Set<string>();
    for (let s = 0; s < 4; s++) {
      const file = JSON.parse(await readFile(join(dir, shardFileName(s, 4)), 'utf8')) as ShardFile;
      assert.deepEqual(Object.keys(file), Object.keys(file).sort(), 'keys sorted');
      for (const [key, entry] of Object.entries(file)) {
        assert.equal(shardOf(key, 4), s);
        const article = catalog.getByUrl(key)!;
        assert.equal(entry.id, article.id);
        assert.deepEqual(entry.related, related(catalog, article, { now: NOW, limit: 5 }).items.map((i) => displayItem(i.article)));
        seen.add(key);
      }
    }
    assert.equal(seen.size, articles.length);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the worker searches neighbours exactly as build does, and its bound is the last score its search saw', () => {
  const articles = articlesOf(synthetic(6, 12)).map((a, i) => (i % 9 === 4 ? { ...a, noindex: true } : a));
  // Frozen statistics equal to the catalogue's own change nothing.
  const index = new VectorIndex(articles, undefined, { stats: termStats(articles) });
  for (const k of [0, 3, 12]) {
    const expected = computeNear(articles, { k });
    articles.forEach((_, i) => {
      const r = nearest(index, i, k);
      assert.deepEqual(r.docs.map((d, j) => [d, r.milli[j]! / 1000]), expected[i]);
      if (k === 0) return assert.equal(r.bound, Infinity);
      const hits = index.search(index.vectors[i]!, 2 * k + 2);
      // Stopped at its limit: the last hit's score; saw every hit: 0.
      assert.equal(r.bound, hits.length === 2 * k + 2 && expected[i]!.length === k ? hits.at(-1)!.score : r.bound === 0 ? 0 : NaN);
    });
  }
});

test('vector index: with frozen statistics added articles leave existing vectors alone; shared arrays give the same index', () => {
  const before = articlesOf(synthetic(6, 12));
  const after = articlesOf([...synthetic(6, 12), ...synthetic(6, 2, 5, 'more')]);
  const stats = termStats(before);
  const frozen = [new VectorIndex(before, undefined, { stats }), new VectorIndex(after, undefined, { stats, shared: true })];
  const own = new VectorIndex(after);
  assert.deepEqual(own.stats(), termStats(after));
  assert.deepEqual(frozen[1]!.stats(), stats);
  let moved = 0;
  before.forEach((_, i) => {
    assert.deepEqual(frozen[1]!.vectors[i], frozen[0]!.vectors[i]);
    if (own.vectors[i]!.weights.some((w, j) => w !== frozen[0]!.vectors[i]!.weights[j])) moved++;
  });
  assert.ok(moved > 0, 'without frozen statistics, weights move');
  const copy = new VectorIndex(after, undefined, { data: frozen[1]!.share() });
  assert.ok(frozen[1]!.share().vecIds.buffer instanceof SharedArrayBuffer);
  for (let i = 0; i < after.length; i += 7) assert.deepEqual(copy.search(copy.vectors[i]!, 10), frozen[1]!.search(frozen[1]!.vectors[i]!, 10));
  assert.deepEqual(copy.vectorFor(after[3]!), frozen[1]!.vectors[3]);
  // maxScores: for each article, the best score any query gives it, as search() computes it.
  const queries = [0, 5, 40].map((i) => copy.vectors[i]!);
  const expected = new Float64Array(after.length);
  for (const q of queries) for (const { doc, score } of copy.search(q)) expected[doc] = Math.max(expected[doc]!, score);
  assert.deepEqual(copy.maxScores(queries), expected);
  assert.ok(expected.some((x) => x > 0));
});

test('output is byte-identical across runs, with and without worker threads', THREADED, async () => {
  const articles = articlesOf(records);
  const [a, b] = [await tempDir(), await tempDir()];
  try {
    await precompute(articles, { dir: a, now: NOW, workers: 0 });
    const threaded = await precompute(articles, { dir: b, now: NOW, workers: 2 });
    assert.equal(threaded.computed, articles.length);
    assert.deepEqual(await snapshot(a), await snapshot(b));
    // A rerun over the same input reuses every list and writes nothing.
    assert.deepEqual(await precompute(articles, { dir: b, now: NOW, workers: 2 }), {
      written: 0,
      computed: 0,
      reused: 15,
      searched: 0,
      shards: 1,
      stats: 'frozen',
      recompute: 'none',
    });
    // A rerun that only ranks starts threads without the index; same bytes as in-process.
    const edited = articlesOf(records.map((r) => (r.id === 'chess-2' ? { ...r, views: 99_999 } : r)));
    const threadedRerun = await precompute(edited, { dir: b, now: NOW, workers: 2 });
    assert.deepEqual([threadedRerun.searched > 0, threadedRerun.computed > 0], [false, true]);
    await precompute(edited, { dir: a, now: NOW, workers: 0 });
    assert.deepEqual(await snapshot(a), await snapshot(b));
  } finally {
    await rm(a, { recursive: true, force: true });
    await rm(b, { recursive: true, force: true });
  }
});

test('slices write disjoint shard files, identical meta.json, and merge into the full output', async () => {
  const articles = articlesOf(records);
  const full = await tempDir();
  const slices = [await tempDir(), await tempDir(), await tempDir()];
  try {
    await precompute(articles, { dir: full, now: NOW, shards: 8, workers: 0 });
    const merged = new Map<string, string>();
    let computed = 0;
    for (const [index, dir] of slices.entries()) {
      computed += (await precompute(articles, { dir, now: NOW, shards: 8, workers: 0, slice: { index, count: 3 } })).computed;
      for (const [path, text] of await snapshot(dir)) {
        if ((path === 'meta.json' || path === 'term-stats.json') && merged.has(path)) assert.equal(text, merged.get(path));
        else assert.ok(!merged.has(path), `${path} written by two slices`);
        merged.set(path, text);
      }
    }
    assert.equal(computed, articles.length);
    assert.deepEqual(new Map([...merged].sort()), await snapshot(full));
  } finally {
    for (const dir of [full, ...slices]) await rm(dir, { recursive: true, force: true });
  }
});

test('a rerun after adding articles searches and ranks only what can change, and equals a full run', async () => {
  const dir = await tempDir();
  try {
    const before = articlesOf(records);
    await precompute(before, { dir, now: NOW, workers: 0 });
    const stats = await readFile(join(dir, 'term-stats.json'), 'utf8');
    // Three more articles, within a tolerance that keeps the frozen statistics.
    const after = articlesOf([...records, ...added]);
    const result = await assertSameAsFullRun(dir, after, { statsTolerance: 0.25 });
    assert.equal(result.stats, 'frozen');
    assert.equal(await readFile(join(dir, 'term-stats.json'), 'utf8'), stats);
    assert.equal(result.recompute, 'changed');
    assert.ok(result.searched >= added.length && result.computed >= added.length);
    assert.equal(result.reused, after.length - result.computed);
    const again = await assertSameAsFullRun(dir, after, { statsTolerance: 0.25 });
    assert.deepEqual([again.searched, again.computed, again.recompute], [0, 0, 'none']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/**
 * A synthetic catalogue large enough for searches to stop at their limit:
 * `topics` topics of `per` articles, each titled and summarised with words
 * drawn (deterministically) from its topic's vocabulary and a shared one.
 */
function synthetic(topics: number, per: number, seed = 7, prefix = 'syn'): Record<string, unknown>[] {
  let state = seed;
  const rand = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const word = (t: number, i: number) => `${String.fromCharCode(97 + (t % 26))}${String.fromCharCode(97 + ((i * 7) % 26))}word${i}`;
  const words = (t: number, count: number) => Array.from({ length: count }, () => (rand() < 0.2 ? word(99, Math.floor(rand() * 30)) : word(t, Math.floor(rand() * 40)))).join(' ');
  return Array.from({ length: topics * per }, (_, i) => {
    const t = i % topics;
    return { id: `${prefix}-${i}`, url: `https://news.example/${prefix}/${i}`, title: words(t, 5), summary: words(t, 14), tags: [`topic ${t}`], views: Math.floor(rand() * 1000) };
  });
}

test('at scale, adding articles searches and ranks a minority of lists, and equals a full run', async () => {
  const dir = await tempDir();
  try {
    const base = synthetic(20, 15);
    await precompute(articlesOf(base), { dir, now: NOW, workers: 0 });
    const more = synthetic(20, 1, 99, 'new').slice(0, 5);
    const after = articlesOf([...base, ...more]);
    const result = await assertSameAsFullRun(dir, after);
    assert.deepEqual([result.stats, result.recompute], ['frozen', 'changed']);
    // The new articles' neighbours, plus the old articles a new one scores
    // at least their search bound for; lists that read a changed neighbour list.
    assert.ok(result.searched >= more.length && result.searched < 0.6 * after.length, `searched ${result.searched}`);
    assert.ok(result.computed >= more.length && result.computed < after.length / 2, `ranked ${result.computed}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('term statistics are refreshed past the tolerance or on request, and a refreshed run equals a run from scratch', async () => {
  const dir = await tempDir();
  const scratch = await tempDir();
  try {
    await precompute(articlesOf(records), { dir, now: NOW, workers: 0 });
    const after = articlesOf([...records, ...added]);
    // 15 → 18 articles is 20%, past the default 10%.
    const grown = await assertSameAsFullRun(dir, after);
    assert.deepEqual([grown.stats, grown.recompute, grown.searched], ['fresh', 'stats', after.length]);
    const fromScratch = await precompute(after, { dir: scratch, now: NOW, workers: 0 });
    assert.equal(fromScratch.stats, 'fresh');
    assert.deepEqual(await snapshot(dir), await snapshot(scratch));
    // On request, even within the tolerance; the same catalogue gives the same statistics.
    const refreshed = await precompute(after, { dir, now: NOW, workers: 0, refreshStats: true });
    assert.deepEqual([refreshed.stats, refreshed.written, refreshed.computed], ['fresh', 0, 0]);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(scratch, { recursive: true, force: true });
  }
});

test('a rerun after removing, reordering or retitling articles equals a full run', async () => {
  const dir = await tempDir();
  try {
    await precompute(articlesOf(records), { dir, now: NOW, workers: 0 });
    await assertSameAsFullRun(dir, articlesOf(records.slice(2)));
    await assertSameAsFullRun(dir, articlesOf([...records].reverse()));
    await assertSameAsFullRun(dir, articlesOf(records.map((r, i) => (i === 3 ? { ...r, title: 'Chess rook dock strike' } : r))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a rerun after metadata edits recomputes only lists that can change, and equals a full run', async () => {
  const dir = await tempDir();
  try {
    const articles = articlesOf(records);
    await precompute(articles, { dir, now: NOW, workers: 0, limit: 3 });
    // Views of one chess article: the three topics share no term and three
    // items need no fill from popular, so only the chess lists can change.
    const edited = articlesOf(records.map((r) => (r.id === 'chess-2' ? { ...r, views: 99_999 } : r)));
    const result = await assertSameAsFullRun(dir, edited, { limit: 3 });
    assert.equal(result.recompute, 'changed');
    assert.equal(result.computed, 5);
    // Display-only fields re-render lists without ranking anything.
    const display = articlesOf(
      records.map((r) => (r.id === 'chess-2' ? { ...r, views: 99_999, author: 'New Author', image: 'https://news.example/new.jpg' } : r)),
    );
    const again = await assertSameAsFullRun(dir, display, { limit: 3 });
    assert.equal(again.computed, 0);
    assert.ok(again.written > 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('sliced reruns after a metadata edit stay incremental and merge into a full run', async () => {
  const dirs = [await tempDir(), await tempDir()];
  const fresh = await tempDir();
  try {
    const options = { now: NOW, workers: 0, limit: 3, shards: 8 };
    for (const [index, dir] of dirs.entries()) await precompute(articlesOf(records), { ...options, dir, slice: { index, count: 2 } });
    const edited = articlesOf(records.map((r) => (r.id === 'garden-3' ? { ...r, publishedAt: '2026-01-30T08:00:00Z' } : r)));
    let computed = 0;
    const merged = new Map<string, string>();
    for (const [index, dir] of dirs.entries()) {
      const result = await precompute(edited, { ...options, dir, slice: { index, count: 2 } });
      computed += result.computed;
      for (const [path, text] of await snapshot(dir)) merged.set(path, text);
    }
    // Only the garden lists can change (garden-5 is noindex but still has a list).
    assert.equal(computed, 5);
    await precompute(edited, { ...options, dir: fresh });
    assert.deepEqual(new Map([...merged].sort()), await snapshot(fresh));
  } finally {
    for (const dir of [...dirs, fresh]) await rm(dir, { recursive: true, force: true });
  }
});

test('changing the shard count or the options rewrites everything and removes stale shards', async () => {
  const dir = await tempDir();
  try {
    const articles = articlesOf(records);
    await precompute(articles, { dir, now: NOW, shards: 8, workers: 0 });
    await assertSameAsFullRun(dir, articles, { shards: 2 });
    assert.deepEqual((await readdir(join(dir, 'shards'))).sort(), ['000.json', '001.json']);
    const result = await assertSameAsFullRun(dir, articles, { shards: 2, limit: 3 });
    assert.equal(result.recompute, 'options');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('property: after any sequence of edits, an incremental rerun equals a full run', async () => {
  const base = records.map((r) => ({ ...r }));
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('views' as const), at: fc.nat(base.length - 1), value: fc.nat(2000) }),
    fc.record({ kind: fc.constant('date' as const), at: fc.nat(base.length - 1), value: fc.integer({ min: 1, max: 28 }) }),
    fc.record({ kind: fc.constant('flag' as const), at: fc.nat(base.length - 1), value: fc.constantFrom('sponsored', 'noindex') }),
    fc.record({ kind: fc.constant('section' as const), at: fc.nat(base.length - 1), value: fc.constantFrom('Local', 'Home', 'Games') }),
    fc.record({ kind: fc.constant('add' as const), at: fc.nat(added.length - 1), value: fc.constant(0) }),
    fc.record({ kind: fc.constant('remove' as const), at: fc.nat(base.length - 1), value: fc.constant(0) }),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), async (rounds) => {
      const dir = await tempDir();
      try {
        let current: Record<string, unknown>[] = base;
        // Three items and a higher threshold: lists rarely need popular fill, so
        // the narrow branch of the rule is exercised, not just "rank everything".
        await precompute(articlesOf(current), { dir, now: NOW, workers: 0, limit: 3, relatedOptions: { threshold: 0.3 } });
        for (const round of rounds) {
          current = current.map((r) => ({ ...r }));
          for (const e of round) {
            const r = current[e.at % current.length]!;
            if (e.kind === 'views') r.views = e.value;
            else if (e.kind === 'date') r.publishedAt = `2026-01-${String(e.value).padStart(2, '0')}T08:00:00Z`;
            else if (e.kind === 'flag') r[e.value as string] = !r[e.value as string];
            else if (e.kind === 'section') r.section = e.value;
            else if (e.kind === 'add' && !current.some((c) => c.id === added[e.at]!.id)) current.push({ ...added[e.at]! });
            else if (e.kind === 'remove' && current.length > 3) current.splice(e.at % current.length, 1);
          }
          await assertSameAsFullRun(dir, articlesOf(current), { limit: 3, relatedOptions: { threshold: 0.3 } });
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 25 },
  );
});

test('property: with frozen statistics, additions and flag edits in any order rerun narrowly and equal a full run', async () => {
  const base = synthetic(10, 12);
  const pool = synthetic(10, 1, 42, 'add');
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), at: fc.nat(pool.length - 1) }),
    fc.record({ kind: fc.constant('noindex' as const), at: fc.nat(base.length - 1) }),
    fc.record({ kind: fc.constant('views' as const), at: fc.nat(base.length - 1) }),
  );
  const options = { statsTolerance: 1, limit: 4, near: 6 };
  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(edit, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }), async (rounds) => {
      const dir = await tempDir();
      try {
        let current: Record<string, unknown>[] = base;
        await precompute(articlesOf(current), { dir, now: NOW, workers: 0, ...options });
        for (const round of rounds) {
          current = current.map((r) => ({ ...r }));
          for (const e of round) {
            const r = current[e.at % current.length]!;
            if (e.kind === 'add' && !current.some((c) => c.id === pool[e.at]!.id)) current.push({ ...pool[e.at]! });
            else if (e.kind === 'noindex') r.noindex = !r.noindex;
            else if (e.kind === 'views') r.views = ((r.views as number) * 7 + 13) % 5000;
          }
          const result = await assertSameAsFullRun(dir, articlesOf(current), options);
          assert.equal(result.stats, 'frozen');
          assert.ok(result.recompute === 'changed' || result.recompute === 'none');
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 12 },
  );
});

// The incremental rule relies on two facts about the ranker; these tests
// fail (rather than let reruns go stale) if a ranker change breaks them.
/** A built manifest's articles, normalised as the widget and `readnext build` read them: each with its `near` list. */
function builtArticles(input: readonly Record<string, unknown>[]): Article[] {
  return articlesOf(buildManifest({ version: 1, articles: input }).manifest.articles as unknown as Record<string, unknown>[]);
}

test('with the input\'s neighbours, every list is related() over the built manifest (the widget\'s list), nothing is searched, and reruns equal full runs', THREADED, async () => {
  const articles = builtArticles(records);
  assert.ok(articles.every((a) => a.near && a.near.length > 0));
  const [dir, threaded] = [await tempDir(), await tempDir()];
  try {
    const result = await precompute(articles, { dir, now: NOW, shards: 4, workers: 0, neighbours: 'input' });
    assert.deepEqual(result, { written: 5, computed: 15, reused: 0, searched: 0, shards: 4, stats: 'none', recompute: 'no-cache' });
    await assert.rejects(readFile(join(dir, 'term-stats.json')), 'no statistics without a search');
    const catalog = new Catalog(articles);
    for (let s = 0; s < 4; s++) {
      const file = JSON.parse(await readFile(join(dir, shardFileName(s, 4)), 'utf8')) as ShardFile;
      for (const [key, entry] of Object.entries(file)) {
        assert.deepEqual(entry.related, related(catalog, catalog.getByUrl(key)!, { now: NOW, limit: 5 }).items.map((i) => displayItem(i.article)));
      }
    }
    // Worker threads (each with its own compact copy) write the same bytes.
    await precompute(articles, { dir: threaded, now: NOW, shards: 4, workers: 2, neighbours: 'input' });
    assert.deepEqual(await snapshot(threaded), await snapshot(dir));
    assert.equal((await precompute(articles, { dir, now: NOW, shards: 4, workers: 0, neighbours: 'input' })).recompute, 'none');
    // Added articles move neighbour lists (new members, and every similarity
    // with fresh statistics); a views edit touches lists that show it.
    const grown = builtArticles([...records.map((r) => (r.id === 'chess-2' ? { ...r, views: 99_999 } : r)), ...added]);
    const rerun = await assertSameAsFullRun(dir, grown, { shards: 4, neighbours: 'input' });
    assert.deepEqual([rerun.searched, rerun.stats, rerun.recompute], [0, 'none', 'changed']);
    // Switching to searching is a different context: everything again.
    assert.equal((await precompute(grown, { dir, now: NOW, shards: 4, workers: 0 })).recompute, 'options');
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(threaded, { recursive: true, force: true });
  }
});

test('searchNeighbours finds computeNear\'s lists across worker threads', THREADED, async () => {
  const input = synthetic(6, 12).map((r, i) => ({ ...r, body: String(r.summary), ...(i % 9 === 4 && { noindex: true }) }));
  const build = prepareBuild({ version: 1, articles: input });
  const vectors = build.vectors();
  assert.ok(vectors.some((a) => a.noindex));
  for (const k of [0, 3, 12]) {
    const expected = computeNear(vectors, { ...build.near, k });
    assert.ok(k === 0 || expected.some((list) => list.length === k));
    assert.deepEqual(await searchNeighbours(vectors, { ...build.near, k, workers: 2 }), expected);
    assert.deepEqual(await searchNeighbours(vectors, { ...build.near, k, workers: 0 }), expected);
  }
  assert.deepEqual(build.finish(await searchNeighbours(vectors, build.near)), buildManifest({ version: 1, articles: input }));
});

test('tripwire: related() ignores url (same canonical URL), image and author', () => {
  const articles = articlesOf(records);
  const changed = articlesOf(
    records.map((r) => ({ ...r, url: `${r.url as string}?utm_source=x`, image: 'https://news.example/other.jpg', author: 'Someone Else' })),
  );
  const [a, b] = [new Catalog(articles), new Catalog(changed)];
  articles.forEach((article, i) => {
    const ids = (c: Catalog, t: Article) => related(c, t, { now: NOW }).items.map((x) => x.article.id);
    assert.deepEqual(ids(b, changed[i]!), ids(a, article));
  });
});

test('tripwire: related() ignores keyword order and weights', () => {
  const articles = articlesOf(records);
  const near = computeNear(articles);
  const shuffled = articles.map((a, i) => ({ ...a, near: near[i]!, keywords: [...a.keywords].reverse().map(([t], j): [string, number] => [t, j + 1]) }));
  const [a, b] = [new Catalog(articles.map((x, i) => ({ ...x, near: near[i]! }))), new Catalog(shuffled)];
  assert.ok(articles.some((x) => x.keywords.length > 1));
  a.articles.forEach((article, i) => {
    const ids = (c: Catalog, t: Article) => related(c, t, { now: NOW }).items.map((x) => x.article.id);
    assert.deepEqual(ids(b, b.articles[i]!), ids(a, article));
  });
});

test('tripwire: with default options related() does not depend on the clock', () => {
  const catalog = new Catalog(articlesOf(records));
  for (const article of catalog.articles) {
    const at = (now: number) => related(catalog, article, { now }).items.map((x) => x.article.id);
    assert.deepEqual(at(NOW + 400 * 86_400_000), at(NOW));
  }
});

test('writeIndex writes an index loadIndex restores', async () => {
  const articles = articlesOf(records);
  const dir = await tempDir();
  try {
    const file = join(dir, 'index.json');
    await writeIndex(articles, file);
    const restored = loadIndex(await readFile(file, 'utf8'));
    assert.deepEqual(restored.search('frost garden'), createIndex(articles).search('frost garden'));
    assert.ok(restored.search('frost garden').length > 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
