import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadInputs } from '../../../src/cli/ingest/index.js';
import { fixture, NOW, stubFetch } from './helpers.js';

test('inputs merge by canonical URL: earlier inputs win conflicts, later inputs fill gaps', async () => {
  // The sitemap's entry has no title but matches a feed item (tracking
  // parameters differ), so it contributes its lastmod instead of being dropped.
  const { articles, problems, sources } = await loadInputs([fixture('rss2.rss'), fixture('sitemap.xml')], { now: NOW });
  const bikes = articles.find((a) => a.id === 'news-1001')!;
  assert.equal(bikes.url, 'https://news.example.com/city/bike-lanes?utm_source=rss');
  assert.equal(bikes.updatedAt, '2024-01-03T00:00:00.000Z');
  assert.equal(bikes.publishedAt, '2024-01-02T14:30:00.000Z');
  assert.deepEqual(sources.map((s) => s.count), [3, 1]);
  assert.deepEqual(problems.map((p) => [p.source, p.index, p.field]), [[fixture('sitemap.xml'), 1, 'title']]);
});

test('the earlier input wins a conflicting field regardless of which is richer', async () => {
  const news = fixture('news-sitemap.xml');
  const manifest = JSON.stringify({ version: 1, articles: [{ id: 'm', url: 'https://news.example.com/world/summit#top', title: 'Manifest title' }] });
  const fetch = stubFetch({ 'https://cms.example.com/manifest.json': { body: manifest, type: 'application/json' } });
  const first = await loadInputs(['https://cms.example.com/manifest.json', news], { now: NOW, fetch });
  const summit = first.articles.find((a) => a.url.startsWith('https://news.example.com/world/summit'))!;
  assert.equal(summit.title, 'Manifest title');
  assert.equal(summit.id, 'm');
  assert.equal(summit.lang, 'en');
  assert.deepEqual(summit.tags, ['World', 'Trade', 'Summit']);
  const second = await loadInputs([news, 'https://cms.example.com/manifest.json'], { now: NOW, fetch });
  assert.equal(second.articles.find((a) => a.url === 'https://news.example.com/world/summit')!.title, 'Leaders meet at summit & agree on trade');
});

test('duplicate URLs inside one input merge with a warning', async () => {
  const feed = `<rss version="2.0"><channel><link>https://d.example.com/</link>
    <item><title>One</title><link>https://d.example.com/a?utm_medium=x</link></item>
    <item><title>Two</title><link>https://d.example.com/a</link><description>Fills the summary.</description></item>
  </channel></rss>`;
  const fetch = stubFetch({ 'https://d.example.com/feed': { body: feed } });
  const { articles, problems } = await loadInputs(['https://d.example.com/feed'], { now: NOW, fetch });
  assert.equal(articles.length, 1);
  assert.equal(articles[0]!.title, 'One');
  assert.equal(articles[0]!.summary, 'Fills the summary.');
  assert.deepEqual(problems.map((p) => [p.level, p.code, p.index]), [['warning', 'duplicate-url', 1]]);
});

test('one bad input does not stop the others', async () => {
  const { articles, problems, sources } = await loadInputs([fixture('opml.xml'), fixture('rss1.rdf')], { now: NOW });
  assert.equal(articles.length, 2);
  assert.deepEqual(sources.map((s) => [s.format, s.count]), [['unknown', 0], ['rss1', 2]]);
  assert.equal(problems.filter((p) => p.level === 'error').length, 1);
});
