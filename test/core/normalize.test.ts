import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanText, normalizeManifest } from '../../src/core/normalize.js';
import type { ProblemCode } from '../../src/core/types.js';

const article = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  url: `https://news.example/${id}`,
  title: `Title ${id}`,
  ...extra,
});

test('accepts a versioned manifest, a bare array and a JSON Feed with the same result', () => {
  const a = normalizeManifest({ version: 1, articles: [article('a'), article('b')] });
  const b = normalizeManifest([article('a'), article('b')]);
  assert.deepEqual(a.articles, b.articles);
  assert.deepEqual(a.problems, []);
  assert.deepEqual(a.articles.map((x) => x.id), ['a', 'b']);

  const feed = normalizeManifest({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Feed',
    home_page_url: 'https://news.example/',
    items: [
      {
        id: 'f1',
        url: '/posts/one',
        title: 'One',
        content_html: '<p>Hello <b>world</b></p>',
        banner_image: 'https://img.example/1.jpg',
        tags: ['x', 'y'],
        authors: [{ name: 'Ada' }, { name: 'Bo' }],
        date_published: '2024-03-01T10:00:00+01:00',
        date_modified: '2024-03-02T10:00:00Z',
        _readnext: { section: 'Tech', views: 42 },
      },
      { id: 'f2', external_url: 'https://elsewhere.example/two', title: 'Two', summary: 'Short', image: 'https://img.example/2.jpg' },
    ],
  });
  assert.deepEqual(feed.problems, []);
  const [one, two] = feed.articles;
  assert.equal(one.url, 'https://news.example/posts/one');
  assert.equal(one.summary, 'Hello world');
  assert.deepEqual(one.image, { src: 'https://img.example/1.jpg', alt: 'One' });
  assert.deepEqual(one.tags, ['x', 'y']);
  assert.equal(one.author, 'Ada');
  assert.equal(one.publishedAt, Date.parse('2024-03-01T09:00:00Z'));
  assert.equal(one.updatedAt, Date.parse('2024-03-02T10:00:00Z'));
  assert.equal(one.section, 'Tech');
  assert.equal(one.views, 42);
  assert.equal(two.url, 'https://elsewhere.example/two');
  assert.equal(two.summary, 'Short');
});

test('maps every optional field and keeps image objects', () => {
  const { articles, problems } = normalizeManifest([
    article('a', {
      summary: '  A   summary\n',
      image: { src: 'https://img.example/a.jpg', alt: 'A cat', width: 640, height: 360 },
      section: 'World',
      tags: ['one', 'two', 'one', 3],
      author: 'Ada',
      publishedAt: '2024-01-01T00:00:00Z',
      updatedAt: 1704153600000,
      views: 10, views24h: 1, views7d: '5', views30d: 9,
      keywords: [['alpha', 3], ['beta', 1.5]],
      lang: 'en-GB',
      sponsored: true,
      noindex: true,
      body: 'dropped unless keepBody',
    }),
  ]);
  assert.deepEqual(problems, []);
  assert.deepEqual({ ...articles[0] }, {
    id: 'a', url: 'https://news.example/a', canonicalUrl: 'https://news.example/a', title: 'Title a',
    summary: 'A summary', image: { src: 'https://img.example/a.jpg', alt: 'A cat', width: 640, height: 360 },
    section: 'World', tags: ['one', 'two'], author: 'Ada',
    publishedAt: Date.parse('2024-01-01T00:00:00Z'), updatedAt: 1704153600000,
    views: 10, views24h: 1, views7d: 5, views30d: 9,
    keywords: [['alpha', 3], ['beta', 1.5]], lang: 'en-GB', sponsored: true, noindex: true,
  });
  assert.equal(normalizeManifest([article('a', { body: 'text' })], { keepBody: true }).articles[0].body, 'text');
});

test('keywords: clean lowercase words pass as they are, anything else is cleaned, lowercased and deduplicated alike', () => {
  const long = 'k'.repeat(61);
  const [a] = normalizeManifest([article('a', { keywords: ['alpha', 'Alpha', ' New\u200B  York ', 'new york', 'b\u00E9ta', long, 'k'.repeat(60), 'x9'] })]).articles;
  assert.deepEqual(a.keywords.map(([t]) => t), ['alpha', 'new york', 'b\u00E9ta', cleanText(long, 60), 'k'.repeat(60), 'x9']);
});

test('string keywords get descending weights by position', () => {
  const [a] = normalizeManifest([article('a', { keywords: ['first', 'second', 'third'] })]).articles;
  assert.deepEqual(a.keywords.map(([t]) => t), ['first', 'second', 'third']);
  assert.ok(a.keywords[0][1] > a.keywords[1][1] && a.keywords[1][1] > a.keywords[2][1] && a.keywords[2][1] > 0);
});

test('relative URLs resolve against home_page_url, else the manifest URL', () => {
  const withHome = normalizeManifest(
    { version: 1, home_page_url: 'https://site.example/blog/', articles: [article('a', { url: 'post-a', image: '/img/a.png' })] },
    { manifestUrl: 'https://cdn.example/m.json' },
  );
  assert.equal(withHome.homePageUrl, 'https://site.example/blog/');
  assert.equal(withHome.articles[0].url, 'https://site.example/blog/post-a');
  assert.equal(withHome.articles[0].image?.src, 'https://site.example/img/a.png');
  const withoutHome = normalizeManifest([article('a', { url: '/a' })], { manifestUrl: 'https://cdn.example/data/m.json' });
  assert.equal(withoutHome.articles[0].url, 'https://cdn.example/a');
});

/** One case per problem code a record or document can raise. */
const cases: [string, unknown, ProblemCode, string, 'error' | 'warning'][] = [
  ['document null', null, 'invalid-manifest', '', 'error'],
  ['document object without articles', { version: 1 }, 'invalid-manifest', '', 'error'],
  ['version 2', { version: 2, articles: [] }, 'unsupported-version', '', 'error'],
  ['record not an object', ['x'], 'not-an-object', '', 'error'],
  ['missing id', [{ url: 'https://e.com/a', title: 'T' }], 'missing-field', 'id', 'error'],
  ['object id', [{ id: { toString: 1 }, url: 'https://e.com/a', title: 'T' }], 'invalid-type', 'id', 'error'],
  ['missing title', [{ id: 'a', url: 'https://e.com/a' }], 'missing-field', 'title', 'error'],
  ['numeric title', [{ id: 'a', url: 'https://e.com/a', title: 7 }], 'invalid-type', 'title', 'error'],
  ['missing url', [{ id: 'a', title: 'T' }], 'missing-field', 'url', 'error'],
  ['array url', [{ id: 'a', title: 'T', url: ['x'] }], 'invalid-type', 'url', 'error'],
  ['javascript url', [{ id: 'a', title: 'T', url: 'javascript:alert(1)' }], 'unsafe-url', 'url', 'error'],
  ['relative url without base', [{ id: 'a', title: 'T', url: '/a' }], 'invalid-url', 'url', 'error'],
  ['duplicate id', [article('a'), { ...article('a'), url: 'https://e.com/other' }], 'duplicate-id', 'id', 'error'],
  ['duplicate url', [article('a'), { ...article('b'), url: 'HTTPS://NEWS.example:443/a?utm_source=x#top' }], 'duplicate-url', 'url', 'error'],
  ['bad date', [article('a', { publishedAt: 'last Tuesday' })], 'invalid-date', 'publishedAt', 'warning'],
  ['negative views', [article('a', { views: -4 })], 'invalid-number', 'views', 'warning'],
  ['unsafe image', [article('a', { image: 'javascript:x' })], 'unsafe-url', 'image', 'warning'],
  ['bad image', [article('a', { image: 5 })], 'invalid-type', 'image', 'warning'],
  ['bad keywords', [article('a', { keywords: [['x', 0]] })], 'invalid-type', 'keywords', 'warning'],
  ['bad tags', [article('a', { tags: 'x' })], 'invalid-type', 'tags', 'warning'],
  ['bad summary', [article('a', { summary: { a: 1 } })], 'invalid-type', 'summary', 'warning'],
];

for (const [name, input, code, field, level] of cases) {
  test(`problem ${code}: ${name}`, () => {
    const result = normalizeManifest(input);
    const problem = result.problems.find((p) => p.code === code);
    assert.ok(problem, `expected ${code} in ${JSON.stringify(result.problems)}`);
    assert.equal(problem.field, field);
    assert.equal(problem.level, level);
    assert.equal(typeof problem.message, 'string');
    assert.ok(problem.message.length > 0);
    if (level === 'warning') assert.equal(result.articles.length, 1, 'a warning keeps the record');
  });
}

test('too-many drops records past the limit and keeps the rest', () => {
  const input = Array.from({ length: 5 }, (_, i) => article(`a${i}`));
  const { articles, problems } = normalizeManifest(input, { maxArticles: 3 });
  assert.deepEqual(articles.map((a) => a.id), ['a0', 'a1', 'a2']);
  assert.deepEqual(problems.map((p) => [p.code, p.index]), [['too-many', 3]]);
});

test('a bad record is dropped and the rest still come through, first duplicate kept', () => {
  const { articles, problems } = normalizeManifest([article('a'), null, { id: 'b' }, article('c'), { ...article('a'), title: 'Second' }]);
  assert.deepEqual(articles.map((a) => [a.id, a.title]), [['a', 'Title a'], ['c', 'Title c']]);
  assert.deepEqual(problems.map((p) => [p.index, p.code]), [[1, 'not-an-object'], [2, 'missing-field'], [4, 'duplicate-id']]);
  assert.equal(problems[2].id, 'a');
});

test('numeric ids become strings; invisible characters are stripped and long titles capped', () => {
  const { articles } = normalizeManifest([
    { id: 12, url: 'https://e.com/12', title: 'Zero\u200Bwidth \u202Ebidi\u202C title' },
    { id: 'long', url: 'https://e.com/long', title: 'word '.repeat(2000) },
  ]);
  assert.equal(articles[0].id, '12');
  assert.equal(articles[0].title, 'Zerowidth bidi title');
  assert.ok(articles[1].title.length <= 300);
  assert.ok(articles[1].title.endsWith('…'));
});

test('problem messages name the field, say what is wrong and show the value', () => {
  const { problems } = normalizeManifest([
    article('a', { views: -4, publishedAt: 'last Tuesday', tags: 'x' }),
    { id: 'b', title: 'B', url: 'javascript:alert(1)' },
    { id: 'c', title: 'C', url: '/c' },
    { id: 'd', url: 'https://news.example/d' },
    7,
  ]);
  const messages = problems.map((p) => p.message);
  assert.deepEqual(messages.slice(0, 3), ['publishedAt: invalid date ("last Tuesday")', 'views: invalid number (-4)', 'tags: invalid type ("x")']);
  assert.match(messages[3], /^url: unsafe url \("javascript:alert\(1\)"\)$/);
  assert.match(messages[4], /^url: invalid url \("\/c" is relative, no base URL\)$/);
  assert.equal(messages[5], 'title: missing field');
  assert.equal(messages[6], 'not an object (7)');
  assert.match(normalizeManifest({ version: 3, articles: [] }).problems[0].message, /^unsupported version \(3, expected 1\)$/);
});

test('protocol-relative and backslash article URLs that leave the manifest origin are dropped as unsafe', () => {
  const { articles, problems } = normalizeManifest(
    [
      { id: 'a', title: 'A', url: '//evil.example/a' },
      { id: 'b', title: 'B', url: '/\\evil.example/b' },
      { id: 'c', title: 'C', url: '/c', image: '//cdn.example/c.jpg' },
    ],
    { manifestUrl: 'https://news.example/readnext.json' },
  );
  assert.deepEqual(articles.map((a) => [a.url, a.image?.src]), [['https://news.example/c', 'https://cdn.example/c.jpg']]);
  assert.deepEqual(problems.map((p) => [p.index, p.field, p.code]), [[0, 'url', 'unsafe-url'], [1, 'url', 'unsafe-url']]);
});

test('Object.prototype is not in an article\'s chain, so a polluted Object.prototype adds no field', () => {
  const proto = Object.prototype as Record<string, unknown>;
  proto.lang = 'xx';
  proto.near = [[0, 1]];
  try {
    const [article] = normalizeManifest([{ id: 'a', title: 'A', url: 'https://e.com/a' }]).articles;
    assert.equal(article!.lang, undefined);
    assert.equal(article!.near, undefined);
  } finally {
    delete proto.lang;
    delete proto.near;
  }
});

test('labels: kept by lowercase language tag, labels cleaned and cut at 100 characters', () => {
  const long = 'Lo más leído '.repeat(10);
  const { labels, problems, articles } = normalizeManifest({
    version: 1,
    labels: { fr: [' Vous aimerez\u200B aussi ', 'Les plus lus', 'Sponsorisé'], 'pt-BR': ['Leia também', long, 'Patrocinado'] },
    articles: [article('a')],
  });
  assert.deepEqual(problems, []);
  assert.equal(articles.length, 1);
  assert.equal(Object.getPrototypeOf(labels), null);
  assert.deepEqual(Object.keys(labels!), ['fr', 'pt-br']);
  assert.deepEqual(labels!.fr, ['Vous aimerez aussi', 'Les plus lus', 'Sponsorisé']);
  const popular = labels!['pt-br']![1];
  assert.ok(popular.length <= 100 && popular.endsWith('…') && long.startsWith(popular.slice(0, -1)), popular);
  assert.equal(normalizeManifest({ version: 1, articles: [] }).labels, undefined);
});

test('labels: bad entries are dropped with a document warning each; the articles load', () => {
  const { labels, problems, articles } = normalizeManifest({
    version: 1,
    labels: {
      es: ['También te puede interesar', 'Lo más leído', 'Patrocinado'],
      fr: ['Vous aimerez aussi', 'Les plus lus'],
      de: ['Das könnte Sie auch interessieren', ' \u200B ', 'Gesponsert'],
      pt: 'Mais lidos',
      ar: ['a', 'b', 3],
      not_a_tag: ['a', 'b', 'c'],
      __proto__: ['a', 'b', 'c'],
    },
    articles: [article('a')],
  });
  assert.equal(articles.length, 1);
  assert.deepEqual(Object.keys(labels!), ['es']);
  assert.deepEqual(
    problems.map((p) => [p.index, p.field, p.code, p.level]),
    Array(5).fill([-1, 'labels', 'invalid-type', 'warning']),
  );
  assert.deepEqual(problems.map((p) => p.message), ['fr', 'de', 'pt', 'ar', 'not_a_tag'].map((key) => `labels: invalid type ("${key}")`));

  for (const [value, detail] of [[null, 'null'], ['fr', '"fr"'], [['fr', 'b', 'c'], 'array'], [7, '7']] as const) {
    const result = normalizeManifest({ version: 1, labels: value, articles: [article('a')] });
    assert.equal(result.labels, undefined);
    assert.equal(result.articles.length, 1);
    assert.deepEqual(result.problems.map((p) => [p.index, p.field, p.code, p.level, p.message]), [[-1, 'labels', 'invalid-type', 'warning', `labels: invalid type (${detail})`]]);
  }
  // Only `undefined` is no labels at all; an empty object keeps none, silently.
  assert.deepEqual(normalizeManifest({ version: 1, labels: {}, articles: [] }).problems, []);
});

test('labels: read only from {version: 1} manifests, never from a polluted prototype or a JSON Feed', () => {
  const proto = Object.prototype as Record<string, unknown>;
  proto.labels = { fr: ['a', 'b', 'c'] };
  try {
    const result = normalizeManifest({ version: 1, articles: [] });
    // An own property, so a reader of the result never falls through to the prototype.
    assert.ok(Object.hasOwn(result, 'labels'));
    assert.equal(result.labels, undefined);
  } finally {
    delete proto.labels;
  }
  const feed = normalizeManifest({ version: 'https://jsonfeed.org/version/1.1', labels: { fr: ['a', 'b', 'c'] }, items: [] });
  assert.equal(feed.labels, undefined);
  assert.deepEqual(feed.problems, []);
  // The sets have no prototype: a page's Object.prototype.de is no German set.
  const { labels } = normalizeManifest({ version: 1, labels: { fr: ['a', 'b', 'c'] }, articles: [] });
  proto.de = ['x', 'y', 'z'];
  try {
    assert.equal(labels!.de, undefined);
  } finally {
    delete proto.de;
  }
});

test('labels: hostile keys and labels never throw, never drop articles, and come out as cleaned strings', async () => {
  const { XSS_PAYLOADS, loadBlns } = await import('../fixtures/naughty-strings.js');
  const strings = [...XSS_PAYLOADS, ...((await loadBlns()) ?? [])];
  const sets: Record<string, unknown> = {};
  strings.forEach((s, i) => {
    sets[s] = [s, s, s];
    sets[`xx-${i}`] = [s, s, s];
  });
  const getter = { get fr() { throw new Error('x'); } };
  for (const labels of [sets, getter, new Array(1e5).fill(['a', 'b', 'c']), { fr: new Array(1e5).fill('a') }]) {
    const result = normalizeManifest({ version: 1, labels, articles: [article('a')] });
    if (labels === getter) {
      // A getter that throws is a document built in code: unreadable, like a throwing article getter.
      assert.deepEqual(result.problems.map((p) => [p.index, p.code]), [[-1, 'invalid-manifest']]);
      continue;
    }
    assert.equal(result.articles.length, 1);
    assert.ok(result.problems.every((p) => p.index === -1 && p.field === 'labels' && p.level === 'warning'));
    for (const [key, set] of Object.entries(result.labels ?? {})) {
      assert.match(key, /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/);
      for (const label of set) assert.ok(label.length > 0 && label.length <= 100 && label === label.trim(), JSON.stringify(label));
    }
  }
});
