// The sample news site: scripts/build-demo.mjs writes a valid manifest and a
// page per article with both widgets; scripts/serve-demo.mjs serves it.
// Both scripts run as child processes, exactly as `npm start` runs them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { normalizeManifest } from '../../src/core/index.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BUILD = join(ROOT, 'scripts', 'build-demo.mjs');
const SERVE = join(ROOT, 'scripts', 'serve-demo.mjs');
const CONTENT = join(ROOT, 'demo', 'content');
const HOUR = 3.6e6;

interface ManifestArticle {
  id: string;
  url: string;
  title: string;
  summary?: string;
  image: { src: string; alt: string; width: number; height: number };
  section: string;
  tags: string[];
  author: string;
  publishedAt: string;
  views: number;
  views24h?: number;
  views7d?: number;
  views30d?: number;
  body?: unknown;
}
interface Manifest {
  version: number;
  home_page_url: string;
  articles: ManifestArticle[];
}

function build(outDir: string, ...args: string[]): string {
  return execFileSync(process.execPath, [BUILD, '--out', outDir, ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

/** Attribute values of every `<tag … attr="…">` whose `key` attribute equals `value`. */
function metaContent(html: string, key: string, value: string, attr = 'content'): string[] {
  const out: string[] = [];
  for (const [tag] of html.matchAll(/<(?:meta|link)\b[^>]*>/g)) {
    if (new RegExp(`\\b${key}="${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).test(tag)) {
      const m = tag.match(new RegExp(`\\b${attr}="([^"]*)"`));
      if (m) out.push(m[1]);
    }
  }
  return out;
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** A small content set with the awkward cases real content files can have. */
const FIXTURE = {
  sampleContent: 'Fixture for the build-demo tests.',
  articles: [
    {
      id: 'harbour-tolls-rise', section: 'business', title: 'Harbour tolls rise for the first time in a decade',
      summary: 'Port authority says the <increase> will fund dredging & new cranes.',
      body: ['The port authority voted on Tuesday to raise tolls.', 'Shipping lines said they would pass the cost on.'],
      tags: ['ports', 'shipping'], author: 'Mara Quill', ageHours: 3, views: 5400, views24h: 900, views7d: 4100, views30d: 5300,
      imageHue: 200, imageMotif: 'container ship',
    },
    {
      id: 'glacier-retreat-survey', section: 'Climate', title: 'Survey charts a glacier’s fastest retreat yet',
      summary: 'Scientists measured 80 metres of loss in one summer.', body: ['Field teams returned in September.'],
      tags: ['glaciers'], author: 'Ivo Marsh', ageHours: 1500, views: 220, imageHue: 190, imageMotif: 'glacier',
    },
    { id: 'harbour-tolls-rise', section: 'business', title: 'A duplicate id is skipped', body: [], tags: [], ageHours: 1, views: 1 },
    { id: 'no-title', section: 'world', body: [], tags: [], ageHours: 1, views: 1 },
  ],
};

describe('build-demo over demo/content', () => {
  let out: string;
  let manifest: Manifest;
  let contentIds: Set<string>;
  const started = Date.now();

  before(() => {
    out = mkdtempSync(join(tmpdir(), 'readnext-demo-'));
    build(out, '--quiet');
    manifest = readJson<Manifest>(join(out, 'manifest.json'));
    contentIds = new Set();
    const files = existsSync(CONTENT) ? readdirSync(CONTENT).filter((f) => f.endsWith('.json')) : [];
    for (const file of files) {
      const doc = readJson<{ articles?: { id: string; title?: string }[] }>(join(CONTENT, file));
      for (const a of doc.articles ?? []) if (a.id && a.title) contentIds.add(String(a.id));
    }
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it('writes a version 1 manifest with one entry per content article and no bodies', () => {
    assert.equal(manifest.version, 1);
    assert.equal(typeof manifest.home_page_url, 'string');
    assert.deepEqual(new Set(manifest.articles.map((a) => a.id)), contentIds);
    for (const a of manifest.articles) assert.equal(a.body, undefined, `${a.id} has a body`);
  });

  it('gives every article an id, url, title, sized image and a publishedAt within the past 2000 hours', () => {
    const finished = Date.now();
    for (const a of manifest.articles) {
      assert.ok(a.id && a.title, `${a.id}: id and title`);
      assert.match(a.url, /^\/articles\/[a-z0-9_-]+\/$/, `${a.id}: url`);
      assert.match(a.image.src, /^\/images\/[a-z0-9_-]+\.svg$/, `${a.id}: image.src`);
      assert.ok(a.image.alt.length > 0 && a.image.width > 0 && a.image.height > 0, `${a.id}: image alt and size`);
      const t = Date.parse(a.publishedAt);
      assert.ok(Number.isFinite(t), `${a.id}: publishedAt parses`);
      assert.ok(t <= finished && t >= started - 2000 * HOUR - 60_000, `${a.id}: publishedAt ${a.publishedAt} within 2000 h`);
      assert.ok(existsSync(join(out, a.image.src)), `${a.id}: image file`);
    }
  });

  it('is accepted by readnext’s own normaliser without a single problem', () => {
    const result = normalizeManifest(manifest, { manifestUrl: 'http://localhost:8080/manifest.json' });
    assert.deepEqual(result.problems, []);
    assert.equal(result.articles.length, manifest.articles.length);
    for (const a of result.articles) assert.ok(a.url.startsWith('http://localhost:8080/articles/'), a.url);
  });

  it('is built as a publisher’s would be: every article carries neighbours, most in its own section', () => {
    const { articles } = normalizeManifest(manifest, { manifestUrl: 'http://localhost:8080/manifest.json' });
    assert.ok(articles.every((a) => (a.near?.length ?? 0) > 0), 'every article has near');
    const first = articles.map((a) => articles[a.near![0]![0]]!.section === a.section);
    assert.ok(first.filter(Boolean).length / first.length > 0.6, 'the nearest neighbour is usually from the same section');
  });

  it('writes one page per article, each with its canonical URL, metadata and both widgets', () => {
    const dirs = existsSync(join(out, 'articles')) ? readdirSync(join(out, 'articles')) : [];
    assert.equal(dirs.length, manifest.articles.length);
    for (const a of manifest.articles) {
      const html = readFileSync(join(out, a.url, 'index.html'), 'utf8');
      assert.deepEqual(metaContent(html, 'rel', 'canonical', 'href'), [a.url], `${a.id}: canonical`);
      assert.deepEqual(metaContent(html, 'property', 'og:url'), [a.url], `${a.id}: og:url`);
      assert.deepEqual(metaContent(html, 'property', 'og:title').map(unescape), [a.title]);
      assert.deepEqual(metaContent(html, 'property', 'article:section').map(unescape), [a.section]);
      assert.deepEqual(metaContent(html, 'property', 'article:tag').map(unescape), a.tags);
      assert.equal(metaContent(html, 'name', 'description').length, 1);
      assert.match(html, /<readnext-related\b[^>]*\bmanifest="\/manifest\.json"[^>]*\blayout="grid"/);
      assert.match(html, /<readnext-popular\b[^>]*\bmanifest="\/manifest\.json"[^>]*\blayout="compact"/);
      assert.match(html, /Sample content/);
      assert.match(html, /<h1 id="headline"/);
      assert.match(html, /<main\b/);
      assert.match(html, /href="\/configurator\/"/);
    }
  });

  it('writes a front page and a section front for every section, each with Most Popular', () => {
    const home = readFileSync(join(out, 'index.html'), 'utf8');
    assert.match(home, /<readnext-popular\b[^>]*\bmanifest="\/manifest\.json"/);
    assert.doesNotMatch(home, /<readnext-related\b/);
    const sections = new Set(manifest.articles.map((a) => a.section.toLowerCase()));
    for (const section of sections) {
      assert.ok(home.includes(`href="/sections/${section}/"`), `home links to ${section}`);
      const page = readFileSync(join(out, 'sections', section, 'index.html'), 'utf8');
      for (const a of manifest.articles.filter((x) => x.section.toLowerCase() === section)) {
        assert.ok(page.includes(`href="${a.url}"`), `${section} front lists ${a.id}`);
      }
    }
    assert.ok(existsSync(join(out, '404.html')));
  });

  it('makes no external requests: no http(s) URLs in any src or href', () => {
    const pages = [join(out, 'index.html'), ...manifest.articles.map((a) => join(out, a.url, 'index.html'))];
    for (const page of pages) {
      const html = readFileSync(page, 'utf8');
      assert.doesNotMatch(html, /\b(?:src|href)="(?:https?:)?\/\//, page);
    }
  });
});

describe('build-demo over awkward content', () => {
  let content: string;
  let out: string;
  let stderr = '';

  before(() => {
    content = mkdtempSync(join(tmpdir(), 'readnext-demo-content-'));
    out = mkdtempSync(join(tmpdir(), 'readnext-demo-out-'));
    writeFileSync(join(content, 'a.json'), JSON.stringify(FIXTURE));
    writeFileSync(join(content, 'broken.json'), '{ "articles": [');
    stderr = runBuild(['--content', content, '--out', out, '--base-url', 'https://ledger.example/', '--now', '2026-06-01T12:00:00Z']);
  });
  after(() => {
    rmSync(content, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  /** Runs build-demo, fails on a non-zero exit, returns what it warned about. */
  function runBuild(args: string[]): string {
    const result = spawnSync(process.execPath, [BUILD, ...args], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    return result.stderr;
  }

  it('skips duplicate ids, records without a title and unreadable files, and keeps the rest', () => {
    const manifest = readJson<Manifest>(join(out, 'manifest.json'));
    assert.deepEqual(manifest.articles.map((a) => a.id), ['harbour-tolls-rise', 'glacier-retreat-survey']);
    assert.match(stderr, /a\.json#2: skipped, duplicate id "harbour-tolls-rise"/);
    assert.match(stderr, /a\.json#3: skipped, missing id or title/);
    assert.match(stderr, /broken\.json: skipped, not valid JSON/);
  });

  it('computes publishedAt as now − ageHours and copies only the view counts the content has', () => {
    const [tolls, glacier] = readJson<Manifest>(join(out, 'manifest.json')).articles;
    assert.equal(tolls.publishedAt, '2026-06-01T09:00:00.000Z');
    assert.equal(glacier.publishedAt, new Date(Date.parse('2026-06-01T12:00:00Z') - 1500 * HOUR).toISOString());
    assert.deepEqual([tolls.views, tolls.views24h, tolls.views7d, tolls.views30d], [5400, 900, 4100, 5300]);
    assert.equal('views7d' in glacier, false);
    assert.equal(tolls.section, 'Business');
  });

  it('makes canonical and og:url absolute with --base-url, and escapes content', () => {
    const html = readFileSync(join(out, 'articles', 'harbour-tolls-rise', 'index.html'), 'utf8');
    assert.deepEqual(metaContent(html, 'rel', 'canonical', 'href'), ['https://ledger.example/articles/harbour-tolls-rise/']);
    assert.deepEqual(metaContent(html, 'property', 'og:url'), ['https://ledger.example/articles/harbour-tolls-rise/']);
    assert.ok(html.includes('the &lt;increase&gt; will fund dredging &amp; new cranes'));
    assert.ok(!html.includes('<increase>'));
  });

  it('draws the same SVG for the same article every time, with no text and no external references', () => {
    const first = readFileSync(join(out, 'images', 'harbour-tolls-rise.svg'), 'utf8');
    const again = mkdtempSync(join(tmpdir(), 'readnext-demo-again-'));
    try {
      runBuild(['--content', content, '--out', again, '--quiet']);
      assert.equal(readFileSync(join(again, 'images', 'harbour-tolls-rise.svg'), 'utf8'), first);
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
    assert.match(first, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 1200 675"/);
    assert.doesNotMatch(first, /<text|<image|<script|href=/);
    assert.equal(first.match(/https?:/g)?.length, 1, 'only the SVG namespace');
    assert.notEqual(readFileSync(join(out, 'images', 'glacier-retreat-survey.svg'), 'utf8'), first);
  });
});

describe('serve-demo', () => {
  let content: string;
  let out: string;
  let child: ChildProcess;
  let base: string;

  before(async () => {
    content = mkdtempSync(join(tmpdir(), 'readnext-serve-content-'));
    out = mkdtempSync(join(tmpdir(), 'readnext-serve-out-'));
    writeFileSync(join(content, 'a.json'), JSON.stringify(FIXTURE));
    child = spawn(process.execPath, [SERVE], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', DEMO_CONTENT: content, DEMO_OUT: out },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    base = await new Promise<string>((resolveUrl, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${text}`)), 15_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const m = text.match(/readnext demo: (http:\/\/localhost:\d+\/)/);
        if (m) {
          clearTimeout(timer);
          resolveUrl(m[1].replace('localhost', '127.0.0.1'));
        }
      });
      child.on('exit', (code) => reject(new Error(`serve-demo exited with ${code}: ${text}`)));
    });
  });
  after(() => {
    child?.kill();
    rmSync(content, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('serves pages, the manifest and images with the right content types', async () => {
    const cases: [string, RegExp][] = [
      ['', /^text\/html/],
      ['articles/harbour-tolls-rise/', /^text\/html/],
      ['manifest.json', /^application\/json/],
      ['images/harbour-tolls-rise.svg', /^image\/svg\+xml/],
      ['site.css', /^text\/css/],
      ['site.js', /^text\/javascript/],
    ];
    for (const [path, type] of cases) {
      const res = await fetch(base + path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', type, path);
      await res.arrayBuffer();
    }
  });

  it('redirects a directory without its slash and answers unknown paths with the 404 page', async () => {
    const redirect = await fetch(base + 'articles/harbour-tolls-rise', { redirect: 'manual' });
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.get('location'), '/articles/harbour-tolls-rise/');
    const missing = await fetch(base + 'articles/nothing-here/');
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /Page not found/);
    const escape = await fetch(base + '..%2f..%2fpackage.json');
    assert.equal(escape.status, 404);
    await escape.text();
  });
});
