import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Catalog } from '../../src/core/catalog.js';
import { normalizeManifest } from '../../src/core/normalize.js';
import { popular } from '../../src/core/popular.js';

const NOW = Date.parse('2025-06-15T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString();

function catalog(records: Record<string, unknown>[]): Catalog {
  return new Catalog(normalizeManifest(records.map((r) => ({ url: `https://e.com/${r.id}`, title: `T ${r.id}`, ...r }))).articles);
}
const ids = (c: Catalog, o: Parameters<typeof popular>[1]) => popular(c, { now: NOW, ...o }).items.map((i) => i.article.id);

test('ranks by the windowed count when the manifest has it', () => {
  const c = catalog([
    { id: 'a', views: 900, views24h: 5, views7d: 50, views30d: 300, publishedAt: hoursAgo(500) },
    { id: 'b', views: 100, views24h: 40, views7d: 60, views30d: 100, publishedAt: hoursAgo(30) },
    { id: 'c', views: 500, views24h: 20, views7d: 10, views30d: 400, publishedAt: hoursAgo(200) },
  ]);
  assert.deepEqual(ids(c, { window: '24h' }), ['b', 'c', 'a']);
  assert.deepEqual(ids(c, { window: '7d' }), ['b', 'a', 'c']);
  assert.deepEqual(ids(c, { window: '30d' }), ['c', 'a', 'b']);
  assert.deepEqual(ids(c, { window: 'all' }), ['a', 'c', 'b']);
});

test('without windowed counts, ranks by views among articles published inside the window', () => {
  const c = catalog([
    { id: 'old', views: 1000, publishedAt: hoursAgo(24 * 40) },
    { id: 'week', views: 300, publishedAt: hoursAgo(24 * 3) },
    { id: 'day', views: 200, publishedAt: hoursAgo(5) },
    { id: 'undated', views: 5000 },
    { id: 'future', views: 9000, publishedAt: hoursAgo(-5) },
  ]);
  assert.deepEqual(ids(c, { window: '24h' }), ['day']);
  assert.deepEqual(ids(c, { window: '7d' }), ['week', 'day']);
  assert.deepEqual(ids(c, { window: '30d' }), ['week', 'day']);
  assert.deepEqual(ids(c, { window: 'all' }), ['future', 'undated', 'old', 'week', 'day']);
});

test('ties break by views, then newer publishedAt, then id', () => {
  const c = catalog([
    { id: 'b', views: 10, views7d: 5, publishedAt: hoursAgo(10) },
    { id: 'a', views: 10, views7d: 5, publishedAt: hoursAgo(10) },
    { id: 'newer', views: 10, views7d: 5, publishedAt: hoursAgo(1) },
    { id: 'more-views', views: 11, views7d: 5, publishedAt: hoursAgo(50) },
  ]);
  assert.deepEqual(ids(c, { window: '7d' }), ['more-views', 'newer', 'a', 'b']);
});

test('trending decays views with age by the gravity', () => {
  const c = catalog([
    { id: 'big-old', views: 10_000, views7d: 4000, publishedAt: hoursAgo(150) },
    { id: 'small-fresh', views: 300, views7d: 300, publishedAt: hoursAgo(2) },
  ]);
  assert.deepEqual(ids(c, { window: '7d', metric: 'views' }), ['big-old', 'small-fresh']);
  assert.deepEqual(ids(c, { window: '7d', metric: 'trending' }), ['small-fresh', 'big-old']);
  // With no gravity, trending is the plain count again.
  assert.deepEqual(ids(c, { window: '7d', metric: 'trending', gravity: 0 }), ['big-old', 'small-fresh']);
  const item = popular(c, { now: NOW, metric: 'trending' }).items[0];
  assert.deepEqual(item.factors.map((f) => f.kind), ['views', 'age']);
});

test('limit, exclusions, read history, noindex and sponsored', () => {
  const c = catalog([
    { id: 'a', views: 5, section: 'Sport' },
    { id: 'b', views: 4, tags: ['Opinion'] },
    { id: 'c', views: 3 },
    { id: 'd', views: 2, noindex: true },
    { id: 'e', views: 9, sponsored: true },
    { id: 'f', views: 1 },
  ]);
  assert.deepEqual(ids(c, { window: 'all' }), ['a', 'b', 'c', 'f']);
  assert.deepEqual(ids(c, { window: 'all', limit: 2 }), ['a', 'b']);
  assert.deepEqual(ids(c, { window: 'all', exclude: { sections: ['sport'], tags: ['opinion'] } }), ['c', 'f']);
  assert.deepEqual(ids(c, { window: 'all', exclude: { ids: ['c'] }, read: ['a'] }), ['b', 'f']);
});

test('keeping only the top items gives the same list as sorting the whole catalogue', () => {
  // Many ties on purpose (views mod 7, a few dates), so every tie-break rule is exercised.
  const records = Array.from({ length: 300 }, (_, i) => ({
    id: `a${(i * 37) % 300}`,
    views: (i * 13) % 7,
    views7d: (i * 5) % 4,
    publishedAt: hoursAgo((i * 11) % 5),
  }));
  const c = catalog(records);
  for (const metric of ['views', 'trending'] as const) {
    for (const window of ['7d', 'all'] as const) {
      const all = popular(c, { now: NOW, metric, window, limit: 50 }).items.map((i) => i.article.id);
      for (const limit of [1, 5, 17, 50]) {
        assert.deepEqual(ids(c, { metric, window, limit }), all.slice(0, limit), `${metric} ${window} ${limit}`);
      }
    }
  }
  // And the full order itself is the documented one: score, views, newer, id.
  const full = [...c.articles].sort((a, b) =>
    (b.views ?? 0) - (a.views ?? 0) || (b.publishedAt ?? 0) - (a.publishedAt ?? 0) || (a.id < b.id ? -1 : 1));
  assert.deepEqual(ids(c, { window: 'all', limit: 50 }), full.slice(0, 50).map((a) => a.id));
});
