/**
 * The CMS recipes in docs/recipes/ run here over one set of sample posts
 * (quotes, `&`, a backslash, non-ASCII text and "</script>" in their front
 * matter): Hugo and Eleventy build a site from the recipe's files, the
 * Jekyll template is rendered with LiquidJS, and the Next.js route handler is
 * called. Each manifest must pass `readnext validate` with no problems, carry
 * every field the front matter gives, and survive `readnext build`; each
 * page's blocks must name the post by its manifest id. The marked code blocks
 * in the recipe pages must equal the fixture files, so the docs cannot drift
 * from what is tested. (WordPress' PHP is documented only.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import matter from 'gray-matter';
import { main } from '../../src/cli/main.js';
import { validateManifest } from '../../src/cli/validate.js';

const RECIPES = new URL('../fixtures/recipes/', import.meta.url).pathname;
const DOCS = new URL('../../docs/recipes/', import.meta.url).pathname;
const SITE = 'https://example.org/';
const run = promisify(execFile);

interface Post {
  slug: string;
  data: { title: string; date: Date; description?: string; image?: string; categories?: string[]; tags?: string[]; author?: string };
  content: string;
}

/** The shared sample posts, read straight from their front matter: the truth every recipe must reproduce. */
async function samplePosts(): Promise<Post[]> {
  const dir = join(RECIPES, 'posts');
  const names = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  return Promise.all(
    names.map(async (name) => {
      const { data, content } = matter(await readFile(join(dir, name), 'utf8'));
      return { slug: name.replace(/\.md$/, ''), data: data as Post['data'], content };
    }),
  );
}

/** Words, so typographic quotes and re-wrapped lines compare equal. */
const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A generated manifest: no problems from the validator, and every post's fields as its front matter gives them. */
async function checkManifest(manifest: unknown): Promise<void> {
  const posts = await samplePosts();
  const report = validateManifest(manifest);
  assert.deepEqual(report.problems, []);
  assert.equal(report.articles, posts.length);

  const doc = manifest as { version: number; home_page_url: string; articles: Record<string, unknown>[] };
  assert.equal(doc.version, 1);
  assert.equal(doc.home_page_url, SITE);
  assert.equal(doc.articles.length, posts.length);
  for (const { slug, data, content } of posts) {
    const id = `/posts/${slug}/`;
    const article = doc.articles.find((a) => a.id === id);
    assert.ok(article, `${id} is in the manifest`);
    assert.equal(article.url, new URL(id, SITE).href);
    assert.equal(article.title, data.title);
    if (data.description) assert.equal(collapse(article.summary as string), collapse(data.description));
    else assert.deepEqual(words(article.summary as string), words(content), `${id}: a short post without a description is its own summary`);
    assert.deepEqual(words(article.body as string), words(content), `${id}: body is the post's text`);
    assert.equal(article.image && new URL(article.image as string).href, data.image && new URL(data.image, SITE).href);
    assert.equal(article.section, data.categories?.[0]);
    assert.deepEqual(article.tags, data.tags);
    assert.equal(article.author, data.author);
    assert.equal(Date.parse(article.publishedAt as string), data.date.getTime(), `${id}: publishedAt`);
    assert.equal(article.lang, 'en-gb');
  }
}

/** `readnext build` over the generated manifest: keywords in, bodies out, titles unchanged, still valid. */
async function checkBuild(manifest: unknown): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'readnext-recipe-build-'));
  const input = join(dir, 'readnext.json');
  await writeFile(input, JSON.stringify(manifest));
  let err = '';
  const code = await main(['build', input, '-o', input], { stdout: () => {}, stderr: (t) => void (err += t) });
  assert.equal(code, 0, err);
  const built = JSON.parse(await readFile(input, 'utf8'));
  assert.deepEqual(validateManifest(built).problems, []);
  const source = (manifest as { articles: { id: string; title: string }[] }).articles;
  assert.deepEqual(built.articles.map((a: { title: string }) => a.title).sort(), source.map((a) => a.title).sort());
  for (const article of built.articles) assert.equal(article.body, undefined, `${article.id}: build drops the body`);
  // "gantry" is in the body of this post (and of one other), not in its title, summary or tags:
  // a keyword only the full text can give.
  const dockers = built.articles.find((a: { id: string }) => a.id === '/posts/dockers-walk-out/');
  assert.ok(!words(`${dockers.title} ${dockers.summary} ${dockers.tags}`).includes('gantry'));
  assert.ok(dockers.keywords?.includes('gantry'), `keywords from the body: ${dockers.keywords}`);
}

/** Each post's page carries the partial: the element names the post by the id the manifest gives it. */
async function checkPages(html: (slug: string) => Promise<string>): Promise<void> {
  for (const { slug } of await samplePosts()) {
    const page = await html(slug);
    assert.ok(page.includes('<script type="module" src="/readnext.min.js"></script>'), `${slug}: script tag`);
    assert.ok(page.includes(`<readnext-related manifest="/readnext.json" article-id="/posts/${slug}/"></readnext-related>`), `${slug}: related block`);
    assert.ok(page.includes('<readnext-popular manifest="/readnext.json" layout="compact"></readnext-popular>'), `${slug}: popular block`);
  }
}

/** A temporary copy of one recipe's site with the shared posts in `postsDir`. */
async function site(recipe: string, postsDir: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `readnext-recipe-${recipe}-`));
  await cp(join(RECIPES, recipe), dir, { recursive: true });
  await cp(join(RECIPES, 'posts'), join(dir, postsDir), { recursive: true });
  return dir;
}

const hugo = await run('hugo', ['version']).then(
  () => true,
  () => false,
);
const hugoSkip = !hugo && process.env.CI !== 'true' ? 'hugo is not installed (apt-get install hugo); CI fails without it' : false;

test('Hugo: the output format writes a manifest the validator accepts and build extends; pages carry the blocks', { skip: hugoSkip }, async () => {
  assert.ok(hugo, 'hugo is not installed; CI installs it with apt-get install hugo');
  const dir = await site('hugo', 'content/posts');
  await run('hugo', ['--quiet', '--source', dir, '--destination', join(dir, 'public'), '--cacheDir', join(dir, 'cache')]);
  const manifest = JSON.parse(await readFile(join(dir, 'public/readnext.json'), 'utf8'));
  await checkManifest(manifest);
  await checkBuild(manifest);
  await checkPages((slug) => readFile(join(dir, 'public/posts', slug, 'index.html'), 'utf8'));
});

test('Eleventy: the JavaScript template writes a manifest the validator accepts and build extends; pages carry the blocks', async () => {
  const dir = await site('eleventy', 'posts');
  const { default: Eleventy } = await import('@11ty/eleventy');
  // Eleventy finds directory data files relative to the working directory.
  const cwd = process.cwd();
  process.chdir(dir);
  let pages: { url: string; content: string }[];
  try {
    pages = await new Eleventy('.', '_site', { quietMode: true }).toJSON();
  } finally {
    process.chdir(cwd);
  }
  const page = pages.find((p) => p.url === '/readnext.json');
  assert.ok(page, `/readnext.json among ${pages.map((p) => p.url)}`);
  const manifest = JSON.parse(page.content);
  await checkManifest(manifest);
  await checkBuild(manifest);
  await checkPages(async (slug) => pages.find((p) => p.url === `/posts/${slug}/`)?.content ?? '');
});

/** HTML as a Markdown converter writes it: paragraphs, with `&`, `<`, `>` and `"` escaped. */
const html = (markdown: string) =>
  markdown
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</p>`)
    .join('\n');

test('Jekyll, rendered with LiquidJS (not Jekyll): the Liquid template writes a manifest the validator accepts and build extends', async () => {
  const { Liquid } = await import('liquidjs');
  const engine = new Liquid();
  // Jekyll's URL filters, for a site at SITE with no baseurl.
  engine.registerFilter('absolute_url', (path: string) => new URL(path, SITE).href);
  engine.registerFilter('relative_url', (path: string) => path);
  // site.posts as Jekyll gives them to a page, with `permalink: /posts/:title/` in _config.yml.
  const site = {
    lang: 'en-gb',
    posts: (await samplePosts()).map(({ slug, data, content }) => ({
      ...data,
      url: `/posts/${slug}/`,
      tags: data.tags ?? [],
      categories: data.categories ?? [],
      content: html(content),
      excerpt: html(content.trim().split(/\n\s*\n/)[0]!),
    })),
  };
  const template = await readFile(join(RECIPES, 'jekyll/readnext.json'), 'utf8');
  const frontMatter = /^---\n[\s\S]*?\n---\n/;
  assert.match(template, frontMatter, 'Jekyll renders only files with front matter');
  const manifest = JSON.parse(await engine.parseAndRender(template.replace(frontMatter, ''), { site }));
  await checkManifest(manifest);
  await checkBuild(manifest);
  const include = await readFile(join(RECIPES, 'jekyll/_includes/readnext.html'), 'utf8');
  await checkPages((slug) => engine.parseAndRender(include, { page: { url: `/posts/${slug}/` } }));
});

test('Next.js: the route handler serves a manifest the validator accepts and build extends', async () => {
  const { GET } = await import('../fixtures/recipes/nextjs/app/readnext.json/route.js');
  const response = await GET();
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const manifest = await response.json();
  await checkManifest(manifest);
  await checkBuild(manifest);
});

test('Next.js: readnextManifest leaves out the fields a post does not have', async () => {
  const { readnextManifest } = await import('../fixtures/recipes/nextjs/lib/readnext.js');
  const manifest = JSON.parse(JSON.stringify(readnextManifest([{ path: '/a/', title: 'A', date: '2026-01-02' }], { url: SITE, lang: 'en' })));
  assert.deepEqual(manifest.articles, [{ id: '/a/', url: 'https://example.org/a/', title: 'A', publishedAt: '2026-01-02T00:00:00.000Z', lang: 'en' }]);
  assert.deepEqual(validateManifest(manifest).problems, []);
});

/** Every code block marked `<!-- tested: test/fixtures/recipes/PATH -->` in a recipe page, with the file it must equal. */
async function markedBlocks(page: string): Promise<{ path: string; block: string }[]> {
  const text = await readFile(join(DOCS, page), 'utf8');
  return [...text.matchAll(/<!-- tested: test\/fixtures\/recipes\/(\S+) -->\n```[\w-]*\n([\s\S]*?)```\n/g)].map((m) => ({ path: m[1]!, block: m[2]! }));
}

const TESTED: Readonly<Record<string, readonly string[]>> = {
  'hugo.md': ['hugo/hugo.toml', 'hugo/layouts/index.readnext.json', 'hugo/layouts/partials/readnext.html'],
  'eleventy.md': ['eleventy/readnext.11ty.js', 'eleventy/_data/metadata.json', 'eleventy/_includes/readnext.njk'],
  'jekyll.md': ['jekyll/readnext.json', 'jekyll/_includes/readnext.html'],
  'nextjs.md': ['nextjs/lib/readnext.ts', 'nextjs/app/readnext.json/route.ts'],
};

test('the code blocks in the recipe pages are the tested fixture files, byte for byte', async () => {
  for (const [page, expected] of Object.entries(TESTED)) {
    const blocks = await markedBlocks(page);
    assert.deepEqual(blocks.map((b) => b.path).sort(), [...expected].sort(), `${page}: marked blocks`);
    for (const { path, block } of blocks) {
      assert.equal(block, await readFile(join(RECIPES, path), 'utf8'), `${page}: the block for ${path} differs from the fixture`);
    }
  }
});

test('every recipe page links the other recipes and the manifest reference', async () => {
  const pages = ['wordpress.md', 'hugo.md', 'jekyll.md', 'eleventy.md', 'nextjs.md'];
  for (const page of pages) {
    const text = await readFile(join(DOCS, page), 'utf8');
    assert.match(text, /\]\(\.\.\/manifest\.md\)/, `${page} links docs/manifest.md`);
    for (const other of pages.filter((p) => p !== page)) assert.ok(text.includes(`](${other})`), `${page} links ${other}`);
  }
});
