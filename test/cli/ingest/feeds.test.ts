import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadInputs, type RawArticle } from '../../../src/cli/ingest/index.js';
import { fixture, NOW, stubFetch } from './helpers.js';

async function load(name: string, options: { baseUrl?: string } = {}) {
  return loadInputs([fixture(name)], { now: NOW, fetch: stubFetch({}), ...options });
}

function byTitle(articles: RawArticle[], title: string): RawArticle {
  const found = articles.find((article) => article.title === title);
  assert.ok(found, `no article titled ${title}`);
  return found;
}

test('RSS 2.0: guid as id, Media RSS image, categories, creator, RFC 822 date, channel language', async () => {
  const { articles, problems, sources } = await load('rss2.rss');
  assert.deepEqual(sources, [{ input: fixture('rss2.rss'), format: 'rss', count: 3 }]);
  assert.deepEqual(problems, []);
  const { body, ...first } = articles[0]!;
  assert.deepEqual(first, {
    id: 'news-1001',
    url: 'https://news.example.com/city/bike-lanes?utm_source=rss',
    title: 'Council approves new bike lanes',
    summary: 'The council voted 7–2 on Tuesday.',
    image: { src: 'https://cdn.example.com/bikes-large.jpg', alt: 'Cyclists on Main Street', width: 1280, height: 720 },
    section: 'City',
    tags: ['City', 'Transport'],
    author: 'Ana Lopez',
    publishedAt: '2024-01-02T14:30:00.000Z',
    lang: 'en-US',
  });
  assert.equal(body, 'The council voted 7–2 on Tuesday to build twelve miles of protected lanes.');
});

test('RSS 2.0: image enclosure, "email (Name)" author, bare e-mail dropped, thumbnail, named zone', async () => {
  const { articles } = await load('rss2.rss');
  const podcast = byTitle(articles, 'Podcast: the week in review');
  assert.equal(podcast.id, 'https://news.example.com/podcast/week-1');
  assert.equal(podcast.image, 'https://cdn.example.com/week-1.png');
  assert.equal(podcast.author, 'Sam Editor');
  const thumb = byTitle(articles, 'Thumbnail only');
  assert.deepEqual(thumb.image, { src: 'https://cdn.example.com/thumb.jpg', width: 150, height: 100 });
  assert.equal(thumb.author, undefined);
  assert.equal(thumb.publishedAt, '2024-01-06T13:00:00.000Z');
});

test('items without dates are kept; an unreadable date is a warning', async () => {
  const { articles, problems } = await load('rss-no-dates.rss');
  assert.equal(articles.length, 2);
  assert.ok(articles.every((article) => article.publishedAt === undefined));
  assert.deepEqual(
    problems.map((p) => [p.level, p.code, p.index, p.field]),
    [['warning', 'invalid-date', 1, 'publishedAt']],
  );
});

test('items without links: a permalink guid is used, others are dropped with a reason', async () => {
  const { articles, problems, sources } = await load('rss-no-links.rss');
  assert.deepEqual(articles.map((a) => a.url), ['https://nolinks.example.com/posts/guid-only']);
  assert.equal(sources[0]!.count, 1);
  const errors = problems.filter((p) => p.level === 'error').map((p) => [p.index, p.field, p.code]);
  assert.deepEqual(errors.sort(), [
    [1, 'url', 'missing-field'],
    [2, 'url', 'invalid-url'],
    [3, 'title', 'missing-field'],
  ]);
  assert.ok(problems.every((p) => p.source === fixture('rss-no-links.rss')));
});

test('relative links and images resolve against the channel link', async () => {
  const { articles } = await load('rss-relative-links.rss');
  assert.deepEqual(articles.map((a) => a.url), [
    'https://blog.example.net/journal/2024/relative-post.html',
    'https://blog.example.net/journal/2024/root-relative.html',
  ]);
  assert.deepEqual(articles[0]!.image, { src: 'https://blog.example.net/images/cover.jpg', alt: 'Cover & more' });
});

test('CDATA, HTML entities, double escaping and scripts', async () => {
  const { articles } = await load('rss-cdata-entities.rss');
  assert.equal(articles[0]!.title, 'Tom & Jerry – the reunion');
  assert.equal(articles[0]!.summary, 'Café “Le Chat” costs €5 — 3 < 4 & AT&T agrees.');
  assert.equal(articles[1]!.title, 'Fish & Chips');
  assert.equal(articles[1]!.summary, '<b>shown literally</b> © 2024');
});

test('a huge description is capped at 300 characters on a word boundary; the body keeps the text', async () => {
  const { articles } = await load('rss-huge-description.rss');
  const summary = articles[0]!.summary!;
  assert.ok(summary.length <= 300, `summary is ${summary.length} characters`);
  assert.ok(summary.endsWith('adipiscing…'));
  assert.ok(articles[0]!.body!.length > 40_000);
  assert.ok(articles[0]!.body!.length <= 50_000);
});

test('declared encodings: ISO-8859-1 and windows-1252 bytes decode to the right characters', async () => {
  const latin = await load('latin1.rss');
  assert.equal(latin.articles[0]!.title, 'Maçã do verão é a melhor');
  assert.equal(latin.articles[0]!.summary, 'Coração, açúcar e café.');
  assert.equal(latin.articles[0]!.section, 'Saúde');
  const cp = await load('windows-1252.rss');
  assert.equal(cp.articles[0]!.title, '“Smart” quotes – and €');
});

test('RSS 1.0 (RDF): default namespace, dc:subject split into tags, rdf:about as the link', async () => {
  const { articles, sources } = await load('rss1.rdf');
  assert.equal(sources[0]!.format, 'rss1');
  assert.deepEqual(articles[0], {
    id: 'https://rdf.example.org/a',
    url: 'https://rdf.example.org/a',
    title: 'Erster Artikel',
    summary: 'Kurz.',
    section: 'Politik',
    tags: ['Politik', 'Wahlen'],
    author: 'Jana Muster',
    publishedAt: '2024-03-01T07:15:00.000Z',
    lang: 'de',
    body: 'Kurz.',
  });
  assert.equal(articles[1]!.url, 'https://rdf.example.org/b');
});

test('Atom 1.0 with a prefixed namespace, xml:base, alternate links, labels and feed-level author', async () => {
  const { articles, sources } = await load('atom.xml');
  assert.equal(sources[0]!.format, 'atom');
  const [first, second] = articles;
  assert.deepEqual(first, {
    id: 'urn:uuid:entry-1',
    url: 'https://atom.example.com/blog/posts/atom-rocks',
    title: 'Atom rocks',
    summary: 'A short summary.',
    image: 'https://atom.example.com/img/rocks.jpg',
    section: 'Technology',
    tags: ['Technology', 'feeds'],
    author: 'Entry Author',
    publishedAt: '2024-02-01T08:00:00.000Z',
    updatedAt: '2024-02-02T10:00:00.000Z',
    lang: 'en-GB',
    body: 'Full content here.',
  });
  assert.equal(second!.author, 'Feed Author');
  assert.equal(second!.lang, 'fr');
  assert.equal(second!.publishedAt, '2024-02-05T09:00:00.000Z');
  assert.deepEqual(second!.image, { src: 'https://atom.example.com/blog/pics/photo.png', width: 800 });
});

test('JSON Feed 1.1: relative URLs against home_page_url, external_url, authors, bad items reported', async () => {
  const { articles, problems, sources } = await load('feed.json');
  assert.equal(sources[0]!.format, 'jsonfeed');
  assert.deepEqual(articles[0], {
    id: '1',
    url: 'https://json.example.com/posts/first',
    title: 'First JSON post',
    summary: 'Hello world.',
    image: { src: 'https://json.example.com/img/first.jpg', alt: 'First' },
    section: 'intro',
    tags: ['intro', 'meta'],
    author: 'Item Person',
    publishedAt: '2024-04-01T19:00:00.000Z',
    updatedAt: '2024-04-02T12:00:00.000Z',
    lang: 'en',
    body: 'Hello world.',
  });
  assert.equal(articles[1]!.url, 'https://elsewhere.example.org/story');
  assert.equal(articles[1]!.author, 'Feed Person');
  assert.equal(articles[1]!.lang, 'de');
  assert.deepEqual(problems.map((p) => [p.index, p.code]).sort(), [[2, 'missing-field'], [3, 'not-an-object']]);
});

test('an existing manifest passes its records through; a bare array too', async () => {
  const { articles, problems } = await load('manifest.json');
  assert.deepEqual(articles, [
    { id: 'm1', url: 'https://manifest.example.com/one', title: 'Manifest one', views: 120, keywords: [['alpha', 1]], sponsored: true },
    { id: 'm2', url: 'https://manifest.example.com/two', title: 'Manifest two', publishedAt: '2024-01-01T00:00:00Z' },
  ]);
  assert.deepEqual(problems.map((p) => [p.index, p.code]), [[2, 'invalid-url']]);
  const array = await load('manifest-array.json');
  assert.deepEqual(array.articles, [{ id: 'a1', url: 'https://array.example.com/a1', title: 'Array one' }]);
});

test('Google News sitemap: titles, keywords, publication dates, images; entries without a title dropped', async () => {
  const { articles, problems } = await load('news-sitemap.xml');
  assert.deepEqual(articles, [
    {
      id: 'https://news.example.com/world/summit',
      url: 'https://news.example.com/world/summit',
      title: 'Leaders meet at summit & agree on trade',
      image: { src: 'https://cdn.example.com/summit.jpg', alt: 'Leaders at the summit' },
      section: 'World',
      tags: ['World', 'Trade', 'Summit'],
      publishedAt: '2024-05-01T18:00:00.000Z',
      updatedAt: '2024-05-02T08:00:00.000Z',
      lang: 'en',
    },
  ]);
  assert.deepEqual(problems.map((p) => [p.level, p.index, p.field, p.code]), [['error', 1, 'title', 'missing-field']]);
  assert.match(problems[0]!.message, /no title/);
});

test('a sitemap without titles alone is unusable, and says why', async () => {
  const { articles, problems } = await load('sitemap.xml');
  assert.equal(articles.length, 0);
  const documentError = problems.find((p) => p.index === -1);
  assert.equal(documentError?.level, 'error');
  assert.match(documentError!.message, /sitemap\.xml: no usable articles: none of its 2 items is usable \(2 without a title\)/);
});

test('a sitemap index reads sibling child sitemaps and reports children it cannot get', async () => {
  const fetch = stubFetch({});
  const { articles, problems } = await loadInputs([fixture('sitemap-index.xml')], { now: NOW, fetch });
  assert.deepEqual(articles.map((a) => a.url), ['https://news.example.com/world/summit']);
  assert.deepEqual(fetch.calls, ['https://news.example.com/missing-child.xml']);
  assert.ok(problems.some((p) => p.code === 'http-error' && p.message.includes('missing-child.xml: HTTP 404')));
});

test('unusable inputs give one error that names the file and the reason, and never throw', async () => {
  const cases: [string, string, RegExp][] = [
    ['unrecognized.html', 'unrecognized-format', /unrecognized\.html: not an RSS, Atom, JSON Feed, sitemap or manifest document \(root element <html>; it is an HTML page that links to the feed \/feed\.xml\)/],
    ['opml.xml', 'unrecognized-format', /opml\.xml: not an RSS, Atom, JSON Feed, sitemap or manifest document \(root element <opml>\)/],
    ['other.json', 'unrecognized-format', /other\.json: not an RSS.*JSON with keys title, name/],
    ['truncated.json', 'parse-error', /truncated\.json: not valid JSON/],
    ['empty.xml', 'unrecognized-format', /empty\.xml: .*the file is empty/],
    ['does-not-exist.rss', 'unreadable', /does-not-exist\.rss: cannot read: no such file or directory/],
  ];
  for (const [name, code, message] of cases) {
    const { articles, problems, sources } = await load(name);
    assert.equal(articles.length, 0, name);
    assert.equal(sources[0]!.count, 0, name);
    const errors = problems.filter((p) => p.level === 'error');
    assert.equal(errors.length, 1, `${name}: ${JSON.stringify(errors)}`);
    assert.equal(errors[0]!.code, code, name);
    assert.equal(errors[0]!.index, -1);
    assert.match(errors[0]!.message, message);
  }
});

test('WordPress: footer boilerplate and the default category are dropped; "[…]" kept as an ellipsis', async () => {
  const { articles } = await load('wordpress.rss');
  assert.equal(articles[0]!.title, 'Hello – world');
  assert.equal(articles[0]!.summary, 'Welcome to the garden. This is the first post.…');
  assert.equal(articles[0]!.section, 'Gardening');
  assert.deepEqual(articles[0]!.tags, ['Gardening']);
  assert.deepEqual(articles[0]!.image, {
    src: 'https://wp.example.com/wp-content/uploads/2024/05/photo-1024x683.jpg',
    alt: 'Tomatoes',
    width: 1024,
    height: 683,
  });
});

test('YouTube-style Atom: summary and thumbnail from media:group, feed author inherited', async () => {
  const { articles } = await load('youtube.atom');
  assert.deepEqual({ ...articles[0], body: undefined }, {
    id: 'yt:video:abc',
    url: 'https://www.youtube.com/watch?v=abc',
    title: 'Video & more',
    summary: 'The description of the video.',
    image: { src: 'https://i2.ytimg.com/vi/abc/hqdefault.jpg', width: 480, height: 360 },
    author: 'Channel Name',
    publishedAt: '2024-05-01T10:00:00.000Z',
    body: undefined,
  });
});
