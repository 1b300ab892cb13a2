import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildManifest, prepareBuild } from '../../src/core/build.js';
import { computeNear } from '../../src/core/neighbours.js';
import { normalizeManifest } from '../../src/core/normalize.js';

const input = {
  version: 1,
  home_page_url: 'https://news.example/',
  articles: [
    { id: 1, url: '/a', title: 'Harbour strike', summary: 'Dock workers walk out.', body: 'The harbour strike stopped cranes. Cranes idle, ships wait at the harbour.', publishedAt: '2026-01-02T03:04:05Z', views: '12' },
    { id: 'b', url: '/b', title: 'Cranes return', body: 'Cranes return to the harbour as ships unload.', tags: ['Ports'] },
    { id: 'c', url: '/c', title: 'Given keywords', keywords: ['ships', ['cranes', 0.5]] },
    { id: 'd', title: 'No URL' },
  ],
};

describe('buildManifest', () => {
  const { manifest, problems } = buildManifest(input);

  it('writes version 1, the home page and ISO dates, and drops bodies', () => {
    assert.equal(manifest.version, 1);
    assert.equal(manifest.home_page_url, 'https://news.example/');
    assert.deepEqual(manifest.articles.map((a) => a.id), ['1', 'b', 'c']);
    assert.equal(manifest.articles[0]!.publishedAt, '2026-01-02T03:04:05.000Z');
    assert.equal(manifest.articles[0]!.views, 12);
    assert.ok(!JSON.stringify(manifest).includes('body'));
    assert.ok(!JSON.stringify(manifest).includes('stopped'));
  });

  it('extracts keywords from bodies, leaving out words the title and summary already carry', () => {
    // "cranes" and "ships" are in both bodies; "harbour" is in a's title, so it is not repeated.
    assert.deepEqual(manifest.articles[0]!.keywords, ['cranes', 'ships']);
    assert.deepEqual(manifest.articles[1]!.keywords, ['harbour', 'ships']);
  });

  it('keeps keywords an article came with when it has no body', () => {
    assert.deepEqual(manifest.articles[2]!.keywords, ['ships', 'cranes']);
  });

  it('reports dropped records as problems', () => {
    assert.deepEqual(problems.map((p) => [p.index, p.code]), [[3, 'missing-field']]);
  });

  it('produces a manifest that normalises without problems, byte-for-byte reproducibly', () => {
    const again = normalizeManifest(JSON.parse(JSON.stringify(manifest)));
    assert.deepEqual(again.problems, []);
    assert.equal(JSON.stringify(buildManifest(input).manifest), JSON.stringify(manifest));
  });

  it('trims keywords evenly until the manifest fits the byte budget', () => {
    const bodies = Array.from({ length: 4 }, (_, i) => ({
      id: `k${i}`,
      url: `https://news.example/k${i}`,
      title: `T${i}`,
      body: 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar',
    }));
    const size = (json: string) => json.length;
    const full = buildManifest(bodies, { compressedSize: size, bytesPerArticle: 10_000 }).manifest;
    assert.equal(full.articles[0]!.keywords!.length, 15);
    const perArticle = (json: string) => json.length / 4;
    const fullSize = perArticle(JSON.stringify(full));
    const trimmed = buildManifest(bodies, { compressedSize: size, bytesPerArticle: fullSize - 20 }).manifest;
    // Weights tie, so the order is alphabetical. A keyword costs its length
    // plus 3 characters of JSON: dropping "oscar" and "november" saves 19,
    // not enough; dropping "mike" too saves 26.
    assert.ok(perArticle(JSON.stringify(trimmed)) <= fullSize - 20);
    assert.ok(trimmed.articles.every((a) => a.keywords!.length === 12));
    // Never below 10 keywords, whatever the budget.
    assert.ok(buildManifest(bodies, { compressedSize: size, bytesPerArticle: 1 }).manifest.articles.every((a) => a.keywords!.length === 10));
  });
});

describe('buildManifest: neighbours (near)', () => {
  // Four stories on two topics, one noindex, so each article's best neighbour is known.
  const docs = [
    { id: 'p1', url: 'https://news.example/p1', title: 'Ports strike', body: 'harbour cranes dockers strike ships union harbour cranes' },
    { id: 'p2', url: 'https://news.example/p2', title: 'Dockers vote', body: 'harbour cranes dockers union vote ships pay' },
    { id: 'f1', url: 'https://news.example/f1', title: 'Frost warning', body: 'gardeners frost plants winter cold garden frost' },
    { id: 'f2', url: 'https://news.example/f2', title: 'Garden tips', body: 'gardeners plants winter garden soil cold ships' },
    { id: 'hidden', url: 'https://news.example/hidden', title: 'Hidden ports page', body: 'harbour cranes dockers union ships', noindex: true },
  ];
  const { manifest } = buildManifest(docs);
  const pairs = (flat: number[] = []) => Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i]!, flat[2 * i + 1]!] as const);

  it('writes flat [index, milli] pairs, best first, never the article itself nor a noindex one', () => {
    const ids = manifest.articles.map((a) => a.id);
    for (const [i, a] of manifest.articles.entries()) {
      const near = pairs(a.near);
      assert.ok(near.every(([j, m]) => Number.isInteger(j) && j !== i && Number.isInteger(m) && m >= 1 && m <= 1000));
      assert.ok(near.every(([j]) => ids[j] !== 'hidden'));
      assert.deepEqual(near.map(([, m]) => m), near.map(([, m]) => m).sort((x, y) => y - x));
    }
    assert.equal(ids[pairs(manifest.articles[0]!.near)[0]![0]], 'p2');
    assert.equal(ids[pairs(manifest.articles[2]!.near)[0]![0]], 'f2');
    // The noindex page still gets its own list: a widget may show on it.
    assert.ok(pairs(manifest.articles[4]!.near).length > 0);
  });

  it('keeps at most `near` pairs per article, and none with near: 0', () => {
    assert.ok(buildManifest(docs, { near: 1 }).manifest.articles.every((a) => (a.near?.length ?? 0) <= 2));
    assert.ok(buildManifest(docs, { near: 0 }).manifest.articles.every((a) => a.near === undefined));
  });

  it('normalises into Article.near with positions and similarities', () => {
    const { articles, problems } = normalizeManifest(JSON.parse(JSON.stringify(manifest)));
    assert.deepEqual(problems, []);
    assert.deepEqual(articles[0]!.near, pairs(manifest.articles[0]!.near).map(([j, m]) => [j, m / 1000]));
  });

  it('counts near against the byte budget: fewer keywords are shipped to make room', () => {
    const bodies = Array.from({ length: 6 }, (_, i) => ({
      id: `k${i}`,
      url: `https://news.example/k${i}`,
      title: `T${i}`,
      body: `alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa${i % 2}`,
    }));
    const size = (json: string) => json.length;
    const budget = JSON.stringify(buildManifest(bodies, { near: 0 }).manifest).length / 6 - 10;
    const without = buildManifest(bodies, { near: 0, compressedSize: size, bytesPerArticle: budget }).manifest;
    const withNear = buildManifest(bodies, { compressedSize: size, bytesPerArticle: budget }).manifest;
    assert.ok(withNear.articles[0]!.near!.length > 0);
    assert.ok(withNear.articles[0]!.keywords!.length < without.articles[0]!.keywords!.length);
    assert.ok(JSON.stringify(withNear).length / 6 <= budget || withNear.articles[0]!.keywords!.length === 10);
  });

  it('computes neighbours from more keywords than it ships', () => {
    const many = buildManifest(docs, { keywords: { maxKeywords: 1 } }).manifest;
    assert.ok(many.articles.every((a) => (a.keywords?.length ?? 0) <= 1));
    // p1's neighbours still see every shared body word, not just the one shipped keyword.
    assert.deepEqual(many.articles[0]!.near, manifest.articles[0]!.near);
    const few = buildManifest(docs, { keywords: { maxKeywords: 1 }, nearKeywords: 1 }).manifest;
    assert.notDeepEqual(few.articles[0]!.near, manifest.articles[0]!.near);
  });

  it('takes build-time field weights for the neighbour vectors', () => {
    // With keywords weighted 0, only titles, summaries and tags relate articles; these titles share nothing.
    assert.ok(buildManifest(docs, { fieldWeights: { keywords: 0 } }).manifest.articles.slice(0, 4).every((a) => a.near === undefined));
  });
});

describe('prepareBuild', () => {
  it('finishes into buildManifest\'s result from computeNear over its vectors, which carry no bodies', () => {
    const build = prepareBuild(input);
    const vectors = build.vectors();
    assert.ok(vectors.every((a) => a.body === undefined));
    // Stop words out of the search's titles, every extracted keyword in.
    assert.equal(vectors[1]!.title, 'cranes return');
    assert.ok(vectors[0]!.keywords.length > buildManifest(input).manifest.articles[0]!.keywords!.length - 1);
    assert.deepEqual(build.finish(computeNear(vectors, build.near)), buildManifest(input));
    assert.deepEqual(build.finish(computeNear(vectors, { ...build.near, k: 0 })), buildManifest(input, { near: 0 }));
  });
});

describe('computeNear', () => {
  it('with k = 0 returns an empty list per article', () => {
    const { articles } = normalizeManifest(input);
    assert.deepEqual(computeNear(articles, { k: 0 }), [[], [], []]);
    assert.deepEqual(computeNear(articles, { k: 0, from: 1 }), [[], []]);
  });


  it('computes any slice exactly as the whole, for worker threads', async () => {
    const { computeNear } = await import('../../src/core/neighbours.js');
    const { articles } = normalizeManifest(
      Array.from({ length: 9 }, (_, i) => ({ id: `a${i}`, url: `https://news.example/${i}`, title: `T${i}`, keywords: ['common', `w${i % 3}`, `v${i % 2}`] })),
    );
    const all = computeNear(articles, { k: 3 });
    assert.equal(all.length, 9);
    assert.ok(all.every((list) => list.length === 3));
    assert.deepEqual([...computeNear(articles, { k: 3, from: 0, to: 4 }), ...computeNear(articles, { k: 3, from: 4 })], all);
    assert.deepEqual(computeNear(articles, { k: 3, from: 7, to: 99 }), all.slice(7));
  });
});
