import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPageviews, loadInputs, loadPageviews } from '../../../src/cli/ingest/index.js';
import { fixture, NOW } from './helpers.js';

const pv = (name: string) => fixture(`pageviews/${name}`);
/** Noon on the last day of the daily export. */
const EXPORT_NOW = Date.UTC(2024, 4, 31, 12);

test('GA4 export: comment preamble, thousands separators, totals row and bad rows skipped', async () => {
  const { byKey, problems } = await loadPageviews(pv('ga4.csv'), { now: EXPORT_NOW });
  assert.deepEqual([...byKey], [
    ['/city/bike-lanes', { views: 1200 }],
    ['/podcast/week-1', { views: 300 }],
  ]);
  assert.deepEqual(problems.map((p) => [p.level, p.code, p.index]), [['warning', 'invalid-number', 4]]);
});

test('GA4 daily export: windowed counts relative to now (a day that overlaps the window counts)', async () => {
  const { byKey, problems } = await loadPageviews(pv('ga4-daily.csv'), { now: EXPORT_NOW });
  assert.deepEqual(problems, []);
  assert.deepEqual(byKey.get('/city/bike-lanes'), { views: 310, views24h: 30, views7d: 70, views30d: 150 });
  assert.deepEqual(byKey.get('/podcast/week-1'), { views: 5, views24h: 5, views7d: 5, views30d: 5 });
});

test('Plausible export prefers pageviews over visitors', async () => {
  const { byKey } = await loadPageviews(pv('plausible.csv'), {});
  assert.deepEqual([...byKey], [['/city/bike-lanes', { views: 150 }], ['/thumb', { views: 12 }]]);
});

test('Matomo export: UTF-16 with a BOM, URLs in the label (with and without a scheme), Nb Hits over visits', async () => {
  const { byKey } = await loadPageviews(pv('matomo.csv'), {});
  assert.deepEqual(byKey.get('https://news.example.com/city/bike-lanes'), { views: 95 });
  assert.deepEqual(byKey.get('/city/bike-lanes'), { views: 95 });
  assert.deepEqual(byKey.get('https://news.example.com/thumb'), { views: 7 });
});

test('semicolon-delimited exports and spaced thousands', async () => {
  const { byKey } = await loadPageviews(pv('semicolon.csv'), {});
  assert.deepEqual([...byKey], [['/city/bike-lanes', { views: 1234 }]]);
});

test('unusable exports are one error that names the file and the missing columns', async () => {
  const unknown = await loadPageviews(pv('unknown.csv'), {});
  assert.equal(unknown.byKey.size, 0);
  assert.equal(unknown.problems.length, 1);
  assert.match(unknown.problems[0]!.message, /unknown\.csv: no page path or URL column and no views column among the headers \(foo, bar\)/);
  const missing = await loadPageviews(pv('missing.csv'), {});
  assert.match(missing.problems[0]!.message, /missing\.csv: cannot read/);
});

test('applyPageviews matches by canonical URL, then by path; unmatched articles are unchanged', async () => {
  const { articles } = await loadInputs([fixture('rss2.rss')], { now: NOW });
  const daily = await loadPageviews(pv('ga4-daily.csv'), { now: EXPORT_NOW });
  const withDaily = applyPageviews(articles, daily, {});
  assert.deepEqual(
    withDaily.map((a) => [a.url, a.views, a.views24h, a.views7d, a.views30d]),
    [
      ['https://news.example.com/city/bike-lanes?utm_source=rss', 310, 30, 70, 150],
      ['https://news.example.com/podcast/week-1', 5, 5, 5, 5],
      ['https://news.example.com/thumb', undefined, undefined, undefined, undefined],
    ],
  );
  assert.equal(articles[0]!.views, undefined, 'input records are not mutated');
  const matomo = applyPageviews(articles, await loadPageviews(pv('matomo.csv'), {}), {});
  assert.deepEqual(matomo.map((a) => a.views), [95, undefined, 7]);
});

test('an export without dates replaces stale windowed counts rather than mixing sources', () => {
  const articles = [{ id: 'a', url: 'https://s.example.com/a/', title: 'A', views: 1, views7d: 1 }];
  const byKey = new Map([['/a', { views: 50 }]]);
  assert.deepEqual(applyPageviews(articles, { byKey }, {}), [{ id: 'a', url: 'https://s.example.com/a/', title: 'A', views: 50 }]);
});
