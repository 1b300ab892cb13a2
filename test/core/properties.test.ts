import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Catalog } from '../../src/core/catalog.js';
import { normalizeManifest } from '../../src/core/normalize.js';
import { related } from '../../src/core/related.js';
import { computeNear } from '../../src/core/neighbours.js';
import { DUPLICATE_COSINE } from '../../src/core/dedupe.js';
import { titleKey } from '../../src/core/dedupe.js';

// A small vocabulary makes overlaps, copies and ties common.
const word = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu');
const articleArb = fc.record({
  title: fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')),
  keywords: fc.array(word, { maxLength: 12 }),
  section: fc.option(fc.constantFrom('news', 'sport', 'arts'), { nil: undefined }),
  tags: fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 2 }),
  views: fc.option(fc.nat(1000), { nil: undefined }),
  ageDays: fc.option(fc.nat(400), { nil: undefined }),
  sponsored: fc.boolean(),
});
const NOW = Date.UTC(2026, 0, 1);
// Built (with `near`, ranked from neighbours) or not (ranked by MiniSearch), like a hand-written manifest.
const catalogArb = fc.tuple(fc.array(articleArb, { minLength: 1, maxLength: 40 }), fc.boolean(), fc.integer({ min: 1, max: 12 })).map(([specs, built, k]) => {
  const { articles } = normalizeManifest(
    specs.map((s, i) => ({
      id: `a${i}`,
      url: `https://news.example/${i}`,
      title: s.title,
      keywords: s.keywords,
      section: s.section,
      tags: s.tags,
      views: s.views,
      sponsored: s.sponsored,
      ...(s.ageDays !== undefined && { publishedAt: NOW - s.ageDays * 86_400_000 }),
    })),
  );
  if (built) computeNear(articles, { k }).forEach((list, i) => (articles[i]!.near = list));
  return new Catalog(articles);
});
const optionsArb = fc.record(
  {
    limit: fc.integer({ min: 1, max: 12 }),
    diversity: fc.double({ min: 0, max: 1, noNaN: true }),
    threshold: fc.double({ min: 0, max: 1, noNaN: true }),
    fill: fc.boolean(),
    recencyHalfLifeDays: fc.constantFrom(0, 7, 365),
    popularityWeight: fc.constantFrom(0, 0.5, 1),
    sameSectionBoost: fc.constantFrom(1, 2),
    sectionCap: fc.constantFrom(0, 1, 2),
    tagCap: fc.constantFrom(0, 1),
    sponsoredPosition: fc.constantFrom(0, 1, 3),
    pinned: fc.array(fc.constantFrom('a0', 'a1', 'a5', 'zz'), { maxLength: 3 }),
    read: fc.array(fc.constantFrom('a2', 'a3'), { maxLength: 2 }),
    recent: fc.array(fc.constantFrom('a1', 'a4', 'a6'), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

describe('related: invariants', () => {
  it('never the current article, never more than limit, no duplicates, deterministic', () => {
    fc.assert(
      fc.property(catalogArb, fc.nat(), optionsArb, (catalog, pick, options) => {
        const current = catalog.articles[pick % catalog.articles.length]!;
        const opts = { ...options, now: NOW };
        const first = related(catalog, current, opts);
        const ids = first.items.map((i) => i.article.id);
        assert.ok(!ids.includes(current.id), 'never the current article');
        assert.ok(ids.length <= (options.limit ?? 5), 'never more than limit');
        assert.equal(new Set(ids).size, ids.length, 'no repeated item');
        const titles = first.items.map((i) => titleKey(i.article.title));
        assert.equal(new Set(titles).size, titles.length, 'no two copies of one story');
        assert.ok(!titles.includes(titleKey(current.title)), 'no copy of the current story');
        const sim = (a: (typeof first.items)[number]['article'], b: typeof a) => a.near?.find(([p]) => catalog.articles[p] === b)?.[1] ?? 0;
        for (const [i, x] of first.items.entries()) {
          assert.ok(sim(current, x.article) < DUPLICATE_COSINE, 'no neighbour at the duplicate threshold of the current story');
          for (const y of first.items.slice(i + 1)) assert.ok(sim(x.article, y.article) < DUPLICATE_COSINE && sim(y.article, x.article) < DUPLICATE_COSINE, 'no two copies by similarity');
        }
        for (const id of options.read ?? []) assert.ok(!ids.includes(id), 'never an already-read item');
        assert.ok(first.filled <= ids.length);
        const again = related(new Catalog(catalog.articles), current, opts);
        assert.deepEqual(again.items.map((i) => [i.article.id, i.score]), first.items.map((i) => [i.article.id, i.score]), 'deterministic');
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on a page that is not in the catalogue', () => {
    fc.assert(
      fc.property(catalogArb, fc.string(), fc.option(fc.string(), { nil: undefined }), (catalog, title, description) => {
        const r = related(catalog, { url: 'https://elsewhere.example/', title, ...(description !== undefined && { description }) }, { now: NOW });
        assert.ok(r.items.length <= 5);
        if (titleKey(title) !== '') assert.ok(r.items.every((i) => titleKey(i.article.title) !== titleKey(title)), 'no copy of the page by title');
      }),
      { numRuns: 200 },
    );
  });
});
