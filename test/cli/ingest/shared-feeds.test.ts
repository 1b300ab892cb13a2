/**
 * The real-world feeds in ../shared/feeds (beside the clone, never copied
 * into it): each must give usable records or one clear error naming it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadInputs } from '../../../src/cli/ingest/index.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const FEEDS = resolve(REPO, '../shared/feeds');
const NOW = Date.UTC(2026, 0, 1);

type Expected = { format: string; count: number } | { error: string; code: string };

/** What each shared file must produce. Files not listed must still give records or an error naming them. */
const EXPECTED: Record<string, Expected> = {
  'content-encoded.rss': { format: 'rss', count: 7 },
  'craigslist.rss': { format: 'rss1', count: 25 },
  'encoding.rss': { format: 'rss', count: 40 },
  'feedburner.atom': { format: 'atom', count: 25 },
  'guardian.rss': { format: 'rss', count: 55 },
  'heraldsun.rss': { format: 'rss', count: 2 },
  'instant-article.rss': { format: 'rss', count: 1 },
  // An Atom feed with an .rss name: detection goes by content.
  'many-links.rss': { format: 'atom', count: 25 },
  'narro.rss': { format: 'rss', count: 1 },
  'reddit.rss': { format: 'rss', count: 24 },
  'rss-1.rss': { format: 'rss1', count: 69 },
  'incomplete-fields.atom': { code: 'missing-field', error: 'incomplete-fields.atom: no usable articles: none of its 1 item is usable (1 without a usable link)' },
  'missing-fields.atom': { code: 'missing-field', error: 'missing-fields.atom: no usable articles: none of its 1 item is usable (1 without a usable link)' },
  'unrecognized.rss': { code: 'unrecognized-format', error: 'unrecognized.rss: not an RSS, Atom, JSON Feed, sitemap or manifest document (root element <head>; it looks like an HTML page)' },
  'LICENSE.rss-parser': { code: 'unrecognized-format', error: 'LICENSE.rss-parser: not an RSS, Atom, JSON Feed, sitemap or manifest document (plain text starting "MIT License")' },
};

test('every feed in ../shared/feeds gives records or a clear error naming the file', async (t) => {
  if (!existsSync(FEEDS)) {
    if (process.env.CI === 'true') assert.fail(`${FEEDS} is missing; CI must check out ../shared beside the clone`);
    t.skip(`${FEEDS} not found; the shared feeds sweep runs where ../shared sits beside the clone`);
    return;
  }
  const files = readdirSync(FEEDS).sort();
  assert.ok(files.length > 0, `${FEEDS} is empty`);
  for (const file of files) {
    await t.test(file, async () => {
      const path = resolve(FEEDS, file);
      const { articles, problems, sources } = await loadInputs([path], { now: NOW });
      const documentErrors = problems.filter((p) => p.level === 'error' && p.index === -1);
      const expected = EXPECTED[file];
      if (!expected) {
        assert.ok(
          articles.length > 0 || documentErrors.some((p) => p.message.includes(basename(path))),
          `${file}: neither records nor an error naming the file`,
        );
        return;
      }
      if ('error' in expected) {
        assert.equal(articles.length, 0);
        assert.equal(documentErrors.length, 1, JSON.stringify(problems));
        assert.equal(documentErrors[0]!.code, expected.code);
        assert.equal(documentErrors[0]!.message, `${path}: ${expected.error.slice(expected.error.indexOf(': ') + 2)}`);
        assert.ok(documentErrors[0]!.message.includes(file));
        return;
      }
      assert.deepEqual(sources, [{ input: path, format: expected.format, count: expected.count }]);
      assert.equal(articles.length, expected.count);
      assert.deepEqual(problems.filter((p) => p.level === 'error'), []);
      for (const article of articles) {
        assert.match(article.url, /^https?:\/\//);
        assert.ok(article.title.trim(), `${article.url} has an empty title`);
        assert.ok(article.id);
        if (article.summary) assert.ok(article.summary.length <= 300, `${article.url}: summary of ${article.summary.length}`);
        for (const date of [article.publishedAt, article.updatedAt]) {
          if (date) assert.equal(new Date(date).toISOString(), date);
        }
      }
    });
  }
});

test('shared feeds: details that take more than a record count to get right', async (t) => {
  if (!existsSync(FEEDS)) {
    if (process.env.CI === 'true') assert.fail(`${FEEDS} is missing`);
    t.skip(`${FEEDS} not found`);
    return;
  }
  const load = async (file: string) => (await loadInputs([resolve(FEEDS, file)], { now: NOW })).articles;

  const latin = await load('encoding.rss');
  assert.equal(latin[0]!.title, 'Mãe de utente é a nova presidente da Raríssimas');
  assert.equal(latin[0]!.lang, 'pt-PT');
  // FeedBurner tracking links give way to the publisher's own URL.
  assert.equal(latin[0]!.url, 'https://www.jn.pt/nacional/interior/sonia-laig-e-a-nova-presidente-da-rarissimas-9021600.html');
  // A description that is only a tracking pixel leaves no summary and no image.
  assert.equal(latin[1]!.summary, undefined);
  assert.equal(latin[1]!.image, undefined);

  const craigslist = await load('craigslist.rss');
  assert.equal(craigslist[0]!.title, 'Bright, Spacious Beautiful Victorian (oakland north / temescal) $4300 3bd 1930ft2');
  assert.equal(craigslist[0]!.image, 'https://images.craigslist.org/00l0l_fbVZikCjEKO_300x300.jpg');
  assert.equal(craigslist[0]!.publishedAt, '2017-06-21T17:33:10.000Z');

  const medium = await load('content-encoded.rss');
  assert.equal(medium[0]!.id, 'https://medium.com/p/125af37d838f');
  assert.equal(medium[0]!.author, 'Jeremy Puma');
  assert.equal(medium[0]!.image, 'https://cdn-images-1.medium.com/max/938/1*C_nVpehD-NKBgtVEULabmQ.jpeg');

  const blogger = await load('many-links.rss');
  assert.equal(blogger[0]!.url, 'http://testing.googleblog.com/2017/09/code-health-providing-context-with.html');
  assert.equal(blogger[0]!.publishedAt, '2017-09-11T21:01:00.000Z');

  const science = await load('rss-1.rss');
  assert.equal(science[0]!.section, 'twis');
  assert.deepEqual(science[0]!.tags, ['Botany', 'Microbiology']);

  const guardian = await load('guardian.rss');
  assert.equal((guardian[0]!.image as { width: number }).width, 460);
  assert.equal(guardian[0]!.author, 'David Smith in Washington');

  const reddit = await load('reddit.rss');
  assert.equal(reddit[0]!.image, 'https://b.thumbs.redditmedia.com/z4zzFBqZ54WT-rFfKXVor4EraZtJVw7AodDvOZ7kitQ.jpg');

  const narro = await load('narro.rss');
  assert.equal(narro[0]!.author, undefined, 'a bare e-mail address is not published as the author');
});
