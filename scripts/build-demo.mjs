#!/usr/bin/env node
// Builds the sample news site ("The Harbour Ledger") into demo/dist/:
// a readnext manifest, one static page per article, a front page, section
// fronts, an SVG illustration per article, and a copy of the script-tag
// bundle. Reads only local files; never touches the network.
//
//   node scripts/build-demo.mjs [--out DIR] [--content DIR] [--base-url URL] [--now ISO]
//
// --base-url makes canonical/og URLs absolute (for hosting the demo somewhere);
// without it they are root-relative, so the same build works on any localhost
// port or host name. --now pins the clock (tests); dates are always computed
// as now − ageHours so the sample news never goes stale.
import { PARTS, partFile } from './parts-beside.mjs';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { describeIllustration, IMAGE_HEIGHT, IMAGE_WIDTH, illustrationSvg } from '../demo/src/illustration.mjs';
import { articlePage, FAVICON_SVG, homePage, notFoundPage, sectionPage } from '../demo/src/pages.mjs';

// The sample site's manifest goes through the core's build step, as a
// publisher's would (`readnext build`): keywords and the neighbour lists
// (`near`) the widget ranks from. The core comes from the package build.
const CORE = new URL('../dist/core/index.js', import.meta.url);
if (!existsSync(CORE)) throw new Error('build-demo: dist/core/index.js is missing; run `npm run build` first.');
const { buildManifest, labelsFor } = await import(CORE.href);
/** Placeholder origin for root-relative URLs during the build step; stripped from its output. */
const ORIGIN = 'https://sample.invalid';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// Front-page order of the sections the sample content uses; any other
// section is appended after these, alphabetically.
const SECTION_ORDER = ['world', 'politics', 'business', 'technology', 'science', 'health', 'sport', 'culture', 'climate'];

const slugify = (value) =>
  String(value).toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');

const titleCase = (value) => String(value).replace(/(^|[\s-])(\p{Ll})/gu, (_, sep, ch) => sep + ch.toUpperCase());

const num = (value) => (Number.isFinite(Number(value)) && value !== null && value !== '' ? Math.max(0, Math.round(Number(value))) : undefined);

/** Reads every demo/content/*.json file; tolerant of missing or partial files. */
export function loadContent(contentDir) {
  const warnings = [];
  const files = existsSync(contentDir) ? readdirSync(contentDir).filter((f) => f.endsWith('.json')).sort() : [];
  const records = [];
  for (const file of files) {
    let doc;
    try {
      doc = JSON.parse(readFileSync(join(contentDir, file), 'utf8'));
    } catch (error) {
      warnings.push(`${file}: skipped, not valid JSON (${error.message})`);
      continue;
    }
    const list = Array.isArray(doc) ? doc : Array.isArray(doc?.articles) ? doc.articles : null;
    if (!list) {
      warnings.push(`${file}: skipped, no "articles" array`);
      continue;
    }
    list.forEach((record, index) => records.push({ record, where: `${file}#${index}` }));
  }
  return { files, records, warnings };
}

/** Turns content records into site articles (with paths, dates and image metadata). */
export function prepareArticles(records, now) {
  const warnings = [];
  const seen = new Set();
  const articles = [];
  for (const { record, where } of records) {
    if (!record || typeof record !== 'object') { warnings.push(`${where}: skipped, not an object`); continue; }
    const id = typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id).trim() : '';
    const slug = slugify(id);
    const title = typeof record.title === 'string' ? record.title.trim() : '';
    if (!slug || !title) { warnings.push(`${where}: skipped, missing id or title`); continue; }
    if (seen.has(slug)) { warnings.push(`${where}: skipped, duplicate id "${id}"`); continue; }
    seen.add(slug);
    const sectionLabel = typeof record.section === 'string' && record.section.trim() ? record.section.trim() : 'News';
    const ageHours = Math.max(0, Number(record.ageHours) || 0);
    // Whole minutes keep the manifest readable and stable within a build.
    const published = Math.floor((now - ageHours * 3.6e6) / 60000) * 60000;
    const body = Array.isArray(record.body) ? record.body.filter((p) => typeof p === 'string' && p.trim()) : typeof record.body === 'string' ? record.body.split(/\n{2,}/) : [];
    articles.push({
      id,
      slug,
      url: `/articles/${slug}/`,
      title,
      summary: typeof record.summary === 'string' ? record.summary.trim() : '',
      body,
      section: titleCase(sectionLabel),
      sectionSlug: slugify(sectionLabel) || 'news',
      tags: Array.isArray(record.tags) ? record.tags.filter((t) => typeof t === 'string' && t.trim()).map((t) => t.trim()) : [],
      author: typeof record.author === 'string' && record.author.trim() ? record.author.trim() : 'Staff reporter',
      ageHours,
      publishedAt: new Date(published).toISOString(),
      views: num(record.views) ?? 0,
      views24h: num(record.views24h),
      views7d: num(record.views7d),
      views30d: num(record.views30d),
      imageHue: Number(record.imageHue),
      imageMotif: record.imageMotif,
      image: {
        src: `/images/${slug}.svg`,
        alt: describeIllustration(record.imageMotif),
        width: IMAGE_WIDTH,
        height: IMAGE_HEIGHT,
      },
    });
  }
  return { articles, warnings };
}

/** The manifest in readnext's format: no bodies, relative URLs resolved by the manifest's own URL. */
export function toManifest(articles, baseUrl) {
  return {
    version: 1,
    home_page_url: baseUrl ? `${baseUrl}/` : '/',
    title: 'The Harbour Ledger (readnext sample content)',
    sampleContent: 'Fictional articles written for the readnext demo. People, places and figures are invented.',
    articles: articles.map((a) => {
      const out = {
        id: a.id,
        url: a.url,
        title: a.title,
        summary: a.summary,
        image: { ...a.image },
        section: a.section,
        tags: a.tags,
        author: a.author,
        publishedAt: a.publishedAt,
        views: a.views,
      };
      for (const key of ['views24h', 'views7d', 'views30d']) if (a[key] !== undefined) out[key] = a[key];
      return out;
    }),
  };
}

/** {@link toManifest} through the core's build step, as JSON text; root-relative URLs stay root-relative. */
export function builtManifest(articles, baseUrl) {
  const { title, sampleContent, ...source } = toManifest(articles, baseUrl);
  // Every built-in label set, so the configurator's language menu works on the English sample site.
  const { manifest, problems } = buildManifest({ ...source, labels: labelsFor(['es', 'fr', 'de', 'pt', 'ar']) }, { manifestUrl: `${ORIGIN}/manifest.json` });
  if (problems.length) throw new Error(`build-demo: sample manifest problems: ${problems.map((p) => p.message).join('; ')}`);
  const { version, home_page_url, labels, articles: built } = manifest;
  return JSON.stringify({ version, home_page_url, title, sampleContent, labels, articles: built }, null, 2).replaceAll(`"${ORIGIN}/`, '"/') + '\n';
}

function write(file, content) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/**
 * Builds the whole site. Returns what it wrote, for the server and tests.
 * @param {{ outDir?: string, contentDir?: string, baseUrl?: string, now?: number, quiet?: boolean }} [options]
 */
export function buildDemo(options = {}) {
  const outDir = resolve(options.outDir ?? join(ROOT, 'demo', 'dist'));
  const contentDir = resolve(options.contentDir ?? join(ROOT, 'demo', 'content'));
  const baseUrl = options.baseUrl ? String(options.baseUrl).replace(/\/+$/, '') : '';
  const now = options.now ?? Date.now();
  const log = options.quiet ? () => {} : (...args) => console.log(...args);

  if (outDir === ROOT || outDir === dirname(outDir) || outDir === resolve(ROOT, 'demo')) {
    throw new Error(`refusing to clear ${outDir}`);
  }

  const loaded = loadContent(contentDir);
  const { articles, warnings } = prepareArticles(loaded.records, now);
  for (const w of [...loaded.warnings, ...warnings]) console.warn(`build-demo: ${w}`);

  const sectionSlugs = [...new Set(articles.map((a) => a.sectionSlug))].sort((a, b) => {
    const ia = SECTION_ORDER.indexOf(a);
    const ib = SECTION_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  const sections = sectionSlugs.map((slug) => ({
    slug,
    label: articles.find((a) => a.sectionSlug === slug).section,
    url: `/sections/${slug}/`,
  }));

  const bundle = join(ROOT, 'dist', 'readnext.min.js');
  const hasBundle = existsSync(bundle);
  const site = {
    now,
    articles,
    sections,
    sectionBySlug: new Map(sections.map((s) => [s.slug, s])),
    hasBundle,
    absolute: (path) => (baseUrl ? baseUrl + path : path),
  };

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  write(join(outDir, 'manifest.json'), builtManifest(articles, baseUrl));
  write(join(outDir, 'index.html'), homePage(site));
  write(join(outDir, '404.html'), notFoundPage(site));
  for (const section of sections) write(join(outDir, 'sections', section.slug, 'index.html'), sectionPage(site, section));
  for (const article of articles) {
    write(join(outDir, 'articles', article.slug, 'index.html'), articlePage(site, article));
    write(join(outDir, 'images', `${article.slug}.svg`), illustrationSvg(article));
  }
  write(join(outDir, 'site.css'), readFileSync(join(ROOT, 'demo', 'site.css')));
  write(join(outDir, 'site.js'), readFileSync(join(ROOT, 'demo', 'src', 'site.js')));
  write(join(outDir, 'favicon.svg'), FAVICON_SVG);
  // The bundle and the parts it imports from beside itself (text search, precomputed lists).
  if (hasBundle) for (const file of ['readnext.min.js', ...PARTS.map(partFile)]) cpSync(join(ROOT, 'dist', file), join(outDir, file));
  else console.warn('build-demo: dist/readnext.min.js not found (run `npm run build`); pages will show no widgets');
  // The configurator lives in its own folder when it exists; it is served at /configurator/.
  const configurator = join(ROOT, 'demo', 'configurator');
  if (existsSync(configurator)) {
    cpSync(configurator, join(outDir, 'configurator'), { recursive: true });
    // The configurator validates manifests and shows scores with the ranking core itself: src/core as one ES module.
    buildSync({
      entryPoints: [join(ROOT, 'src', 'core', 'index.ts')],
      bundle: true,
      format: 'esm',
      target: 'es2021',
      minify: true,
      outfile: join(outDir, 'configurator', 'readnext-core.js'),
      logLevel: 'warning',
    });
  }

  log(`build-demo: ${articles.length} articles in ${sections.length} sections from ${loaded.files.length} content file(s) → ${outDir}`);
  return { outDir, articles, sections, hasBundle, files: loaded.files };
}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--out') options.outDir = value();
    else if (flag === '--content') options.contentDir = value();
    else if (flag === '--base-url') options.baseUrl = value();
    else if (flag === '--now') {
      const t = Date.parse(value());
      if (!Number.isFinite(t)) throw new Error('--now needs an ISO date');
      options.now = t;
    } else if (flag === '--quiet') options.quiet = true;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return options;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    buildDemo(parseArgs(process.argv.slice(2)));
  } catch (error) {
    console.error(`build-demo: ${error.message}`);
    process.exitCode = 1;
  }
}
