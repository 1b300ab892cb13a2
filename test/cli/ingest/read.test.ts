import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadInputs } from '../../../src/cli/ingest/index.js';
import { decodeBytes } from '../../../src/cli/ingest/read.js';
import { NOW, stubFetch } from './helpers.js';

const rss = (title: string, encoding = 'UTF-8') =>
  `<?xml version="1.0" encoding="${encoding}"?><rss version="2.0"><channel><link>https://e.example.com/</link><item><title>${title}</title><link>/x</link></item></channel></rss>`;

test('decodeBytes: BOMs, UTF-16 without a BOM, the XML declaration, HTTP charset, unknown labels', () => {
  const utf8 = new TextEncoder().encode('\ufeff<a>é</a>');
  assert.equal(decodeBytes(utf8).text, '<a>é</a>');
  const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...'<a>é</a>'].map((c) => c.charCodeAt(0))).buffer)]);
  assert.equal(decodeBytes(utf16).text, '<a>é</a>');
  const bare16 = new Uint8Array(new Uint16Array([...'<a/>'].map((c) => c.charCodeAt(0))).buffer);
  assert.equal(decodeBytes(bare16).text, '<a/>');
  const latin = Uint8Array.from([...'<?xml version="1.0" encoding="iso-8859-1"?><a>'].map((c) => c.charCodeAt(0)).concat([0xe9, 0x93]));
  assert.equal(decodeBytes(latin).text.slice(-2), 'é“');
  assert.equal(decodeBytes(Uint8Array.from([0xe9]), 'text/xml; charset=ISO-8859-1').text, 'é');
  const unknown = decodeBytes(new TextEncoder().encode('<?xml version="1.0" encoding="x-klingon"?><a/>'));
  assert.match(unknown.warning!, /x-klingon/);
});

test('http(s) inputs: content fetched, relative links resolved, charset from the response', async () => {
  const body = Uint8Array.from([...rss('Caf\u00e9', 'ISO-8859-1')].map((c) => c.charCodeAt(0)));
  const fetch = stubFetch({ 'https://e.example.com/feed.xml': { body, type: 'application/rss+xml' } });
  const { articles, sources } = await loadInputs(['https://e.example.com/feed.xml'], { now: NOW, fetch });
  assert.deepEqual(articles.map((a) => [a.title, a.url]), [['Café', 'https://e.example.com/x']]);
  assert.deepEqual(sources, [{ input: 'https://e.example.com/feed.xml', format: 'rss', count: 1 }]);
});

test('http errors and network failures become errors naming the URL', async () => {
  const failing = Object.assign(async () => {
    throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND nowhere.example') });
  }, {}) as typeof fetch;
  const down = await loadInputs(['https://nowhere.example/feed'], { now: NOW, fetch: failing });
  assert.equal(down.problems[0]!.code, 'fetch-failed');
  assert.match(down.problems[0]!.message, /^https:\/\/nowhere\.example\/feed: could not fetch: fetch failed \(getaddrinfo ENOTFOUND/);
  const missing = await loadInputs(['https://e.example.com/gone'], { now: NOW, fetch: stubFetch({}) });
  assert.equal(missing.problems[0]!.code, 'http-error');
  assert.match(missing.problems[0]!.message, /gone: HTTP 404 Not Found/);
});

test('an HTML home page given as a URL leads to the feed it advertises', async () => {
  const html = '<!doctype html><html><head><link rel="alternate" type="application/atom+xml" href="/atom.xml"></head></html>';
  const atom = '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title>Found</title><link href="https://e.example.com/found"/></entry></feed>';
  const fetch = stubFetch({
    'https://e.example.com/': { body: html, type: 'text/html' },
    'https://e.example.com/atom.xml': { body: atom },
  });
  const { articles, sources } = await loadInputs(['https://e.example.com/'], { now: NOW, fetch });
  assert.deepEqual(articles.map((a) => a.title), ['Found']);
  assert.equal(sources[0]!.format, 'atom');
});

test('gzipped sitemaps are unpacked', async () => {
  const { gzipSync } = await import('node:zlib');
  const xml = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://e.example.com/z</loc><news:news><news:title>Zipped</news:title></news:news></url></urlset>';
  const fetch = stubFetch({ 'https://e.example.com/sitemap.xml.gz': { body: new Uint8Array(gzipSync(xml)) } });
  const { articles } = await loadInputs(['https://e.example.com/sitemap.xml.gz'], { now: NOW, fetch });
  assert.deepEqual(articles.map((a) => a.title), ['Zipped']);
});

test('not-well-formed XML is read as far as possible with a warning', async () => {
  const broken = '<rss version="2.0"><channel><link>https://e.example.com/</link><item><title>Kept</title><link>/k</link></item><item><title>Cut off';
  const fetch = stubFetch({ 'https://e.example.com/broken': { body: broken } });
  const { articles, problems } = await loadInputs(['https://e.example.com/broken'], { now: NOW, fetch });
  assert.ok(articles.some((a) => a.title === 'Kept'));
  assert.ok(problems.some((p) => p.level === 'warning' && p.code === 'parse-error' && p.index === -1));
});

test('bytes that are not valid UTF-8 despite the label are read as windows-1252, with a warning', () => {
  const bytes = Uint8Array.from([...'<?xml version="1.0" encoding="UTF-8"?><a>caf'].map((c) => c.charCodeAt(0)).concat([0xe9, 0x3c, 0x2f, 0x61, 0x3e]));
  const decoded = decodeBytes(bytes);
  assert.equal(decoded.text.slice(-9), '<a>café</a>'.slice(-9));
  assert.match(decoded.warning!, /not valid UTF-8 although it declares "UTF-8"; read as windows-1252/);
  assert.equal(decodeBytes(new TextEncoder().encode('<a>café</a>')).warning, undefined);
});
