import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { loadIndex } from '../../src/core/catalog.js';
import { normalizeManifest } from '../../src/core/normalize.js';

const FIXTURES = new URL('../fixtures/ingest/', import.meta.url).pathname;
const NOW = '2024-06-01T00:00:00Z';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

const tmp = () => mkdtemp(join(tmpdir(), 'readnext-build-'));

test('build merges an RSS feed, a news sitemap and pageviews into one manifest the widget accepts', async () => {
  const dir = await tmp();
  const output = join(dir, 'manifest.json');
  const { code, err } = await run([
    'build', join(FIXTURES, 'rss2.rss'), join(FIXTURES, 'news-sitemap.xml'),
    '--pageviews', join(FIXTURES, 'pageviews/ga4.csv'), '--now', NOW, '-o', output,
  ]);
  assert.equal(code, 0, err);
  const manifest = JSON.parse(await readFile(output, 'utf8'));
  assert.equal(manifest.version, 1);
  const { articles, problems } = normalizeManifest(manifest);
  assert.deepEqual(problems, []);
  const bike = articles.find((a) => a.canonicalUrl === 'https://news.example.com/city/bike-lanes');
  assert.ok(bike, 'the RSS item is in the manifest under its canonical URL');
  assert.equal(bike.title, 'Council approves new bike lanes');
  assert.equal(bike.views, 1200, 'GA4 views matched by path');
  assert.equal(bike.body, undefined, 'bodies are dropped');
  assert.ok(articles.some((a) => a.url === 'https://news.example.com/world/summit'), 'the sitemap entry with a title is kept');
  assert.match(err, /readnext build: \d+ articles in, \d+ dropped \(.*missing-field.*\), \d+ written to /);
});

test('keywords come from bodies and the bodies are dropped', async () => {
  const dir = await tmp();
  const input = join(dir, 'in.json');
  const body = (extra: string) => `The harbour authority said the dock strike left container cranes idle. ${extra}`;
  await writeFile(input, JSON.stringify({ version: 1, articles: [
    { id: 'a', url: 'https://e.com/a', title: 'Strike begins', body: body('Pickets gathered at dawn by the quay.') },
    { id: 'b', url: 'https://e.com/b', title: 'Talks resume', body: body('Mediators met union leaders at the quay.') },
  ] }));
  const { code, err } = await run(['build', input, '-o', join(dir, 'out.json')]);
  assert.equal(code, 0, err);
  const [a] = JSON.parse(await readFile(join(dir, 'out.json'), 'utf8')).articles;
  assert.equal(a.body, undefined);
  for (const term of ['harbour', 'cranes', 'quay']) assert.ok(a.keywords.includes(term), `${term} in ${a.keywords}`);
});

test('an unusable input is named, the rest is still written, and the exit code is 1', async () => {
  const dir = await tmp();
  const output = join(dir, 'manifest.json');
  const { code, err } = await run(['build', join(FIXTURES, 'rss2.rss'), join(FIXTURES, 'unrecognized.html'), '--now', NOW, '-o', output]);
  assert.equal(code, 1);
  assert.match(err, /unrecognized\.html: /);
  assert.ok(JSON.parse(await readFile(output, 'utf8')).articles.length > 0);
});

test('--strict fails when any record is dropped; without it the same input succeeds', async () => {
  const dir = await tmp();
  const input = join(dir, 'in.json');
  await writeFile(input, JSON.stringify([
    { id: 'a', url: 'https://e.com/a', title: 'Harbour cranes idle as the dock strike begins' },
    { id: 'b', url: 'javascript:alert(1)', title: 'Bad link' },
  ]));
  const lenient = await run(['build', input, '-o', join(dir, 'out.json')]);
  assert.equal(lenient.code, 0, lenient.err);
  assert.match(lenient.err, /2 articles in, 1 dropped \(1 (unsafe|invalid)-url\), 1 written/);
  const strict = await run(['build', input, '--strict', '-o', join(dir, 'out.json')]);
  assert.equal(strict.code, 1);
  assert.match(strict.err, /--strict: 1 records dropped/);
});

test('no usable articles at all writes nothing and exits 1', async () => {
  const dir = await tmp();
  const { code, err } = await run(['build', join(FIXTURES, 'unrecognized.html'), '-o', join(dir, 'out.json')]);
  assert.equal(code, 1);
  assert.match(err, /no usable articles/);
  await assert.rejects(readFile(join(dir, 'out.json')));
});

test('--index writes a prebuilt index that loads and finds the manifest articles; --precompute writes shards', async () => {
  const dir = await tmp();
  const { code, err } = await run([
    'build', join(FIXTURES, 'rss2.rss'), join(FIXTURES, 'atom.xml'), '--now', NOW,
    '-o', join(dir, 'm.json'), '--index', join(dir, 'index.json'), '--precompute', join(dir, 'pre'), '--workers', '0',
  ]);
  assert.equal(code, 0, err);
  const manifest = JSON.parse(await readFile(join(dir, 'm.json'), 'utf8'));
  const index = loadIndex(await readFile(join(dir, 'index.json'), 'utf8'));
  assert.equal(index.documentCount, manifest.articles.length);
  assert.ok(index.search('bike lanes').length > 0);
  const meta = JSON.parse(await readFile(join(dir, 'pre', 'meta.json'), 'utf8'));
  assert.equal(meta.version, 1);
  const shards = await readdir(join(dir, 'pre', 'shards'));
  assert.equal(shards.length, meta.shards);
  const entries = Object.assign({}, ...(await Promise.all(shards.map(async (f) => JSON.parse(await readFile(join(dir, 'pre', 'shards', f), 'utf8'))))));
  assert.equal(Object.keys(entries).length, manifest.articles.length, 'every article has an entry');
});

test('Markdown folders need --base-url and use front matter URLs', async () => {
  const dir = await tmp();
  const without = await run(['build', join(FIXTURES, 'hugo'), '--now', NOW, '-o', join(dir, 'a.json')]);
  assert.equal(without.code, 1);
  assert.match(without.err, /base-url|baseUrl|base URL/i);
  const withBase = await run(['build', join(FIXTURES, 'hugo'), '--base-url', 'https://blog.example/', '--now', NOW, '-o', join(dir, 'b.json')]);
  assert.equal(withBase.code, 0, withBase.err);
  const { articles } = JSON.parse(await readFile(join(dir, 'b.json'), 'utf8'));
  assert.ok(articles.length > 0);
  assert.ok(articles.every((a: { url: string }) => a.url.startsWith('https://blog.example/')));
});

test('validate reports problems with record index and field, and exits 1 on errors', async () => {
  const dir = await tmp();
  const file = join(dir, 'm.json');
  await writeFile(file, JSON.stringify({ version: 1, articles: [{ id: 'a', url: 'https://e.com/a', title: 'A' }, { id: 'b', url: 'https://e.com/b', title: 5 }] }));
  const bad = await run(['validate', file]);
  assert.equal(bad.code, 1);
  assert.match(bad.out, /error: record 1 \(b\): title: invalid-type: /);
  assert.match(bad.out, /1 usable articles, \d+ errors/);
  await writeFile(file, JSON.stringify([{ id: 'a', url: 'https://e.com/a', title: 'A' }]));
  const good = await run(['validate', file, '--json']);
  assert.equal(good.code, 0);
  assert.deepEqual(JSON.parse(good.out), { articles: 1, problems: [], errors: 0, warnings: 0 });
});

test('bad flag values are rejected with a usage error', async () => {
  for (const args of [['--shard', '4/4'], ['--shards', '0'], ['--now', 'yesterday']]) {
    const { code, err } = await run(['build', join(FIXTURES, 'rss2.rss'), ...args]);
    assert.notEqual(code, 0, args.join(' '));
    assert.match(err, /expected/);
  }
});

test('build writes near (neighbours) per article; --near and --field-weights set how', async () => {
  const dir = await tmp();
  const input = join(dir, 'in.json');
  await writeFile(input, JSON.stringify({ version: 1, articles: [
    { id: 'a', url: 'https://e.com/a', title: 'Harbour strike', body: 'dock cranes idle pickets quay union' },
    { id: 'b', url: 'https://e.com/b', title: 'Harbour talks', body: 'dock cranes union mediators quay' },
    { id: 'c', url: 'https://e.com/c', title: 'Frost warning', body: 'gardeners frost cold quay' },
  ] }));
  const built = async (...flags: string[]) => {
    const { code, err } = await run(['build', input, '-o', join(dir, 'out.json'), ...flags]);
    assert.equal(code, 0, err);
    return JSON.parse(await readFile(join(dir, 'out.json'), 'utf8')).articles as { id: string; near?: number[] }[];
  };
  const [a] = await built();
  // b first (most shared terms), then c (only "quay"); flat [index, milli] pairs.
  assert.deepEqual(a!.near!.filter((_, i) => i % 2 === 0), [1, 2]);
  assert.ok(a!.near![1]! > a!.near![3]!);
  assert.deepEqual((await built('--near', '1'))[0]!.near!.length, 2);
  assert.ok((await built('--near', '0')).every((x) => x.near === undefined));
  // Keywords and summaries weighted 0: only titles relate, and only a and b share a title word.
  const titles = await built('--field-weights', 'keywords:0,summary:0');
  assert.deepEqual(titles[0]!.near!.filter((_, i) => i % 2 === 0), [1]);
  assert.equal(titles[2]!.near, undefined);
  const bad = await run(['build', input, '--field-weights', 'body:2']);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /field:weight/);
});

test('--precompute --near 0 reuses its frozen term statistics on a rerun; --refresh-stats computes them again', async () => {
  const dir = await tmp();
  // Only without neighbours in the manifest does the precompute search itself, over frozen statistics.
  const args = ['build', join(FIXTURES, 'rss2.rss'), '--now', NOW, '-o', join(dir, 'm.json'), '--precompute', join(dir, 'pre'), '--workers', '0', '--near', '0'];
  const first = await run(args);
  assert.equal(first.code, 0, first.err);
  assert.match(first.err, /term statistics computed/);
  const again = await run(args);
  assert.match(again.err, /term statistics reused/);
  const refreshed = await run([...args, '--refresh-stats']);
  assert.equal(refreshed.code, 0, refreshed.err);
  assert.match(refreshed.err, /term statistics computed/);
});
