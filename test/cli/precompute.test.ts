import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { precompute, writeIndex, type PrecomputeOptions } from '../../src/cli/precompute.js';
import { Catalog } from '../../src/core/catalog.js';
import { normalizeManifest } from '../../src/core/normalize.js';
import { popular } from '../../src/core/popular.js';
import { related } from '../../src/core/related.js';
import { createIndex, loadIndex } from '../../src/core/search-index.js';
import { displayItem, shardFileName, shardOf, type PrecomputeMeta, type ShardFile } from '../../src/core/shard.js';
import type { Article } from '../../src/core/types.js';

const NOW = Date.UTC(2026, 1, 1);
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/precompute/${name}`, import.meta.url), 'utf8'));
const records = (fixture('articles.json') as { articles: Record<string, unknown>[] }).articles;
const added = fixture('added.json') as Record<string, unknown>[];

function articlesOf(input: readonly Record<string, unknown>[]): Article[] {
  const { articles, problems } = normalizeManifest(input);
  assert.deepEqual(problems, []);
  return articles;
}

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'readnext-precompute-'));
}

/** Every output file (not the cache) as path → text. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  out.set('meta.json', await readFile(join(dir, 'meta.json'), 'utf8'));
  for (const name of (await readdir(join(dir, 'shards'))).sort()) out.set(`shards/${name}`, await readFile(join(dir, 'shards', name), 'utf8'));
  return out;
}

/** Runs incrementally in `dir` and from scratch in a fresh directory; asserts identical bytes; returns the incremental result. */
async function assertSameAsFullRun(dir: string, articles: readonly Article[], options: Omit<PrecomputeOptions, 'dir' | 'now'> = {}) {
  const result = await precompute(articles, { dir, now: NOW, workers: 0, ...options });
  const fresh = await tempDir();
  try {
    await precompute(articles, { dir: fresh, now: NOW, workers: 0, ...options });
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
    assert.deepEqual(result, { written: 5, computed: 15, reused: 0, shards: 4, recompute: 'no-cache' });
    const catalog = new Catalog(articles);
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

test('output is byte-identical across runs, with and without worker threads', async () => {
  const articles = articlesOf(records);
  const [a, b] = [await tempDir(), await tempDir()];
  try {
    await precompute(articles, { dir: a, now: NOW, workers: 0 });
    const threaded = await precompute(articles, { dir: b, now: NOW, workers: 2 });
    assert.equal(threaded.computed, articles.length);
    assert.deepEqual(await snapshot(a), await snapshot(b));
    // A rerun over the same input reuses every list and writes nothing.
    assert.deepEqual(await precompute(articles, { dir: b, now: NOW, workers: 2 }), { written: 0, computed: 0, reused: 15, shards: 1, recompute: 'none' });
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
        if (path === 'meta.json' && merged.has(path)) assert.equal(text, merged.get(path));
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

test('a rerun after adding articles equals a full run', async () => {
  const dir = await tempDir();
  try {
    await precompute(articlesOf(records), { dir, now: NOW, workers: 0 });
    const result = await assertSameAsFullRun(dir, articlesOf([...records, ...added]));
    // Term weights depend on the catalogue size, so every list may change.
    assert.equal(result.recompute, 'corpus');
    assert.equal(result.computed, 18);
  } finally {
    await rm(dir, { recursive: true, force: true });
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

// The incremental rule relies on two facts about the ranker; these tests
// fail (rather than let reruns go stale) if a ranker change breaks them.
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
