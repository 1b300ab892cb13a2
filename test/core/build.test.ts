import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildManifest } from '../../src/core/build.js';
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
