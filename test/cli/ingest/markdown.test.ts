import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadInputs } from '../../../src/cli/ingest/index.js';
import { parseTomlFrontMatter, markdownToText } from '../../../src/cli/ingest/markdown.js';
import { fixture, NOW } from './helpers.js';

const BASE = 'https://site.example.com/';

async function load(folder: string, baseUrl: string | null = BASE) {
  return loadInputs([fixture(folder)], { now: NOW, ...(baseUrl ? { baseUrl } : {}) });
}

test('Hugo: content/section/file → /section/file/, bundles, slug, url, TOML, drafts and future posts skipped', async () => {
  const { articles, problems, sources } = await load('hugo');
  assert.deepEqual(sources, [{ input: fixture('hugo'), format: 'markdown', count: 4 }]);
  assert.deepEqual(articles.map((a) => a.url).sort(), [
    'https://site.example.com/posts/bundle/',
    'https://site.example.com/posts/hello-world/',
    'https://site.example.com/posts/toml-slug/',
    'https://site.example.com/special/place/',
  ]);
  const hello = articles.find((a) => a.title === 'Hello, World')!;
  assert.deepEqual({ ...hello, body: undefined }, {
    id: 'https://site.example.com/posts/hello-world/',
    url: 'https://site.example.com/posts/hello-world/',
    title: 'Hello, World',
    summary: 'A first post with no markdown in the summary.',
    image: { src: 'https://site.example.com/images/cat.jpg', alt: 'A cat' },
    section: 'Meta',
    tags: ['intro', 'hugo', 'Meta'],
    author: 'Jo Writer',
    publishedAt: '2024-01-15T09:00:00.000Z',
    updatedAt: '2024-01-20T00:00:00.000Z',
    lang: 'en',
    body: undefined,
  });
  assert.equal(hello.body, 'Hello This is the first paragraph, with a link and code.');
  const toml = articles.find((a) => a.title === 'TOML front matter')!;
  assert.deepEqual(toml.image, { src: 'https://site.example.com/posts/toml-slug/cover.png', alt: 'The cover' });
  assert.deepEqual(toml.tags, ['toml', 'hugo']);
  assert.equal(articles.find((a) => a.title === 'Page bundle')!.image, 'https://site.example.com/posts/bundle/featured.jpg');
  assert.deepEqual(
    problems.map((p) => [p.level, p.code, p.message]),
    [
      ['warning', 'draft', 'content/posts/draft.md: draft (draft: true); skipped'],
      ['warning', 'future-dated', 'content/posts/future.md: dated 2030-01-01T00:00:00.000Z, after now; skipped'],
    ],
  );
});

test('Jekyll: _posts/YYYY-MM-DD-title.md → /categories/YYYY/MM/DD/title.html; permalink styles; drafts', async () => {
  const { articles, problems } = await load('jekyll');
  assert.deepEqual(articles.map((a) => [a.url, a.publishedAt]), [
    ['https://site.example.com/2024/01/02/first-post.html', '2024-01-02T00:00:00.000Z'],
    ['https://site.example.com/news/local/2024/02/03/with-categories.html', '2024-02-03T00:00:00.000Z'],
    ['https://site.example.com/2024/pretty/', '2024-04-05T00:00:00.000Z'],
    ['https://site.example.com/blog/2024/05/06/in-folder.html', '2024-05-06T00:00:00.000Z'],
  ]);
  assert.equal(articles[0]!.summary, "Jekyll's excerpt is the first paragraph of the post, used as the summary here.");
  assert.equal(articles[1]!.section, 'News');
  assert.deepEqual(articles[1]!.tags, ['elections', 'News', 'Local']);
  assert.equal(articles[3]!.section, 'blog');
  assert.deepEqual(problems.map((p) => p.message), [
    '_drafts/work-in-progress.md: draft (in _drafts); skipped',
    '_posts/2024-03-04-unpublished.md: draft (published: false); skipped',
  ]);
});

test('Eleventy: path → /path/, permalink wins, templated permalinks fall back with a warning, READMEs ignored', async () => {
  const { articles, problems } = await load('eleventy');
  assert.deepEqual(articles.map((a) => a.url), [
    'https://site.example.com/custom/path/',
    'https://site.example.com/posts/my-post/',
    'https://site.example.com/posts/templated/',
  ]);
  assert.deepEqual(problems.map((p) => [p.level, p.field]), [['warning', 'url']]);
});

test('Astro: src/content/<collection>/x.md → /<collection>/x/, src/pages/x.md → /x/, pubDate and heroImage', async () => {
  const { articles } = await load('astro');
  assert.deepEqual(articles.map((a) => a.url), ['https://site.example.com/blog/astro-post/', 'https://site.example.com/about/']);
  assert.equal(articles[0]!.publishedAt, '2022-07-08T00:00:00.000Z');
  assert.equal(articles[0]!.updatedAt, '2022-07-10T00:00:00.000Z');
  assert.equal(articles[0]!.image, 'https://site.example.com/blog-placeholder-3.jpg');
  assert.equal(articles[0]!.summary, 'Astro blog template front matter.');
});

test('a base URL with a path keeps it; without a base URL the folder is an error naming the flag', async () => {
  const sub = await load('eleventy', 'https://host.example.com/blog');
  assert.equal(sub.articles[1]!.url, 'https://host.example.com/blog/posts/my-post/');
  const none = await load('eleventy', null);
  assert.equal(none.articles.length, 0);
  assert.deepEqual(none.problems.map((p) => [p.level, p.index]), [['error', -1]]);
  assert.match(none.problems[0]!.message, /eleventy: a folder of Markdown posts needs --base-url/);
});

test('a single Markdown file is an accepted input', async () => {
  const { articles } = await loadInputs([fixture('eleventy/posts/my-post.md')], { now: NOW, baseUrl: BASE });
  assert.deepEqual(articles.map((a) => a.url), ['https://site.example.com/my-post/']);
});

test('future-dated posts become visible once now passes their date', async () => {
  const { articles } = await loadInputs([fixture('hugo')], { now: Date.UTC(2031, 0, 1), baseUrl: BASE });
  assert.ok(articles.some((a) => a.title === 'From the future'));
});

test('TOML front matter reader and Markdown to text', () => {
  assert.deepEqual(parseTomlFrontMatter('title = "A \\"q\\""\ntags = ["a", \'b\']\ndraft = true\nweight = 3\ndate = 2024-01-02T03:04:05Z\n[params]\nx = "y"'), {
    title: 'A "q"',
    tags: ['a', 'b'],
    draft: true,
    weight: 3,
    date: '2024-01-02T03:04:05Z',
    params: { x: 'y' },
  });
  assert.equal(markdownToText('## Head\n\n**Bold** and _it_ [link](x) ![img](y)\n\n```\ncode\n```\n{{< shortcode >}}\n- item'), 'Head Bold and it link item');
});

test('Markdown without front matter: title from the first heading; the root index is the home page, not an article', async () => {
  const { articles, problems } = await load('plain-md');
  assert.deepEqual(problems, []);
  assert.deepEqual(articles.map((a) => [a.url, a.title, a.summary]), [
    ['https://site.example.com/notes/snake-case/', 'Snake case names', 'Use my_variable_name in emphasis and strong text; it is a paragraph long enough.'],
  ]);
});

test('a folder without Markdown files is an error that says so, even without --base-url', async () => {
  const { problems } = await loadInputs([fixture('pageviews')], { now: NOW });
  assert.equal(problems.length, 1);
  assert.match(problems[0]!.message, /pageviews: a folder is read as Markdown posts, and this one has no \.md, \.markdown or \.mdx files/);
});

test('Jekyll: the _posts folder given on its own still follows the date permalink rules', async () => {
  const { articles } = await load('jekyll/_posts');
  assert.deepEqual(articles.map((a) => a.url), [
    'https://site.example.com/2024/01/02/first-post.html',
    'https://site.example.com/news/local/2024/02/03/with-categories.html',
    'https://site.example.com/2024/pretty/',
  ]);
});
