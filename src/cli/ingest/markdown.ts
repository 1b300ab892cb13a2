/**
 * A folder of Markdown posts with front matter (Hugo, Jekyll, Eleventy,
 * Astro) to drafts. Front matter is read with gray-matter; the article URL
 * follows each generator's default permalink rules unless the front matter
 * names one.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import matter from 'gray-matter';
import { compact, normalizeLang, personName, problem, resolveUrl, setDate, toRawImage, uniqueTags } from './common.js';
import { parseDateMs } from './date.js';
import { decodeBytes } from './read.js';
import { capText, collapseWhitespace, firstImage, htmlToText, toPlain, BODY_MAX, SUMMARY_MAX } from './text.js';
import type { Draft, IngestProblem, ParsedSource, ReaderContext } from './types.js';

const MARKDOWN_FILE = /\.(md|markdown|mdx|mdown)$/i;

/** Folders that hold templates, build output or dependencies, never posts. */
const SKIP_DIRS = new Set([
  'node_modules', '_site', '_includes', '_layouts', '_data', '_sass', 'layouts', 'partials', 'dist', 'public',
  'resources', 'static', 'assets', 'themes', 'archetypes', 'vendor',
]);

/** Repository files that are not posts. */
const SKIP_FILES = /^(readme|changelog|license|licence|contributing|code_of_conduct|security)\.(md|markdown)$/i;

type FrontMatter = Record<string, unknown>;

async function walk(dir: string): Promise<string[]> {
  const files: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) files.push(...(await walk(path)));
    } else if (entry.isFile() && MARKDOWN_FILE.test(entry.name) && !SKIP_FILES.test(entry.name)) {
      files.push(path);
    }
  }
  return files;
}

function str(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(str).filter((v): v is string => Boolean(v));
  const text = str(value);
  return text ? [text] : [];
}

/** TOML scalar or inline array, enough for Hugo front matter. */
function tomlValue(raw: string): unknown {
  const value = raw.trim();
  if (value.startsWith('"') || value.startsWith("'")) {
    const quote = value[0]!;
    const inner = (quote === '"' ? /^"((?:[^"\\]|\\.)*)"?/ : /^'([^']*)'?/).exec(value)?.[1] ?? '';
    return quote === '"' ? inner.replace(/\\(["\\/bfnrt])/g, (_, c: string) => ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' })[c] ?? c) : inner;
  }
  if (value.startsWith('[')) {
    const inner = value.slice(1, value.lastIndexOf(']'));
    const items = inner.match(/"(?:[^"\\]|\\.)*"|'[^']*'|[^,\s][^,]*/g) ?? [];
    return items.map((item) => tomlValue(item)).filter((item) => item !== '');
  }
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^[+-]?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value.replace(/\s+#.*$/, '');
}

/**
 * A small TOML reader for `+++` front matter: keys, strings, arrays,
 * booleans, numbers, dates and `[tables]`. No TOML library is installed and
 * front matter never needs more.
 */
export function parseTomlFrontMatter(text: string): FrontMatter {
  const root: FrontMatter = {};
  let table = root;
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const header = /^\[\[?([^\]]+)\]\]?$/.exec(trimmed);
    if (header) {
      table = root;
      for (const key of header[1]!.split('.').map((k) => k.trim().replace(/^["']|["']$/g, ''))) {
        const next = table[key];
        table = (next && typeof next === 'object' && !Array.isArray(next) ? next : (table[key] = {})) as FrontMatter;
      }
      continue;
    }
    const pair = /^("[^"]+"|'[^']+'|[\w.-]+)\s*=\s*(.*)$/.exec(trimmed);
    if (pair) table[pair[1]!.replace(/^["']|["']$/g, '')] = tomlValue(pair[2]!);
  }
  return root;
}

function readFrontMatter(text: string): { data: FrontMatter; content: string } {
  if (/^\+\+\+\s*\r?\n/.test(text)) {
    const parsed = matter(text, {
      delimiters: '+++',
      language: 'toml',
      engines: { toml: (input: string) => parseTomlFrontMatter(input) },
    });
    return { data: parsed.data, content: parsed.content };
  }
  // Passing options keeps gray-matter from caching by content, which would
  // hand two identical files the same mutable object.
  const parsed = matter(text, { excerpt: false });
  return { data: parsed.data, content: parsed.content };
}

/** Plain text from Markdown: code, images, shortcodes and markup removed; link text kept. */
export function markdownToText(markdown: string): string {
  const text = markdown
    .replace(/^(```|~~~)[\s\S]*?^\1.*$/gm, ' ')
    .replace(/\{\{[<%][\s\S]*?[>%]\}\}|\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}/g, ' ')
    .replace(/^\s*(import|export)\s.+$/gm, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/^\s*\[[^\]]+\]:\s*\S+.*$/gm, ' ')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/(\*\*|\*|~~)(\S(?:[\s\S]*?\S)?)\1/g, '$2')
    // Underscores only emphasise at word edges, so snake_case survives.
    .replace(/(?<!\w)(__|_)(\S(?:[\s\S]*?\S)?)\1(?!\w)/g, '$2')
    .replace(/^\s*([-*_]\s*){3,}$/gm, ' ');
  return htmlToText(text);
}

/** The first paragraph of prose, for a summary when the front matter has none. */
function firstParagraph(markdown: string): string | undefined {
  const withoutCode = markdown.replace(/^(```|~~~)[\s\S]*?^\1.*$/gm, '\n');
  for (const block of withoutCode.split(/\r?\n\s*\r?\n/)) {
    const trimmed = block.trim();
    if (!trimmed || /^(#|!\[|<!--|\{\{|\{%|import\s|export\s|\||<(figure|img|script|style))/.test(trimmed)) continue;
    const text = markdownToText(trimmed);
    if (text.length >= 20) return text;
  }
  return undefined;
}

function firstMarkdownImage(markdown: string): { src: string; alt?: string } | undefined {
  const match = /!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^"']*["'])?\s*\)/.exec(markdown);
  if (match) return match[1] ? { src: match[2]!, alt: match[1] } : { src: match[2]! };
  return firstImage(markdown);
}

function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Joins a site path onto the base URL, keeping the base's own path (sites served from /blog/). */
function joinBase(baseUrl: string, path: string): string | undefined {
  if (/^https?:\/\//i.test(path)) return resolveUrl(path, undefined);
  const base = baseUrl.replace(/\/+$/, '');
  return resolveUrl(base + '/' + path.replace(/^\/+/, ''), undefined);
}

interface Location {
  /** Site path, e.g. `/posts/hello/`. */
  path?: string;
  /** Set when the front matter's permalink could not be evaluated. */
  warning?: string;
  /** Date from a Jekyll `YYYY-MM-DD-` file name. */
  fileDate?: string;
  /** Section implied by the folder layout. */
  section?: string;
  /** Jekyll `_drafts/`. */
  draft?: boolean;
}

function expandJekyllPermalink(pattern: string, parts: { date?: Date; slug: string; categories: string[] }): string | undefined {
  const styles: Record<string, string> = {
    date: '/:categories/:year/:month/:day/:title:output_ext',
    pretty: '/:categories/:year/:month/:day/:title/',
    ordinal: '/:categories/:year/:y_day/:title:output_ext',
    none: '/:categories/:title:output_ext',
  };
  const template = styles[pattern] ?? pattern;
  const date = parts.date;
  if (!date && /:(year|month|day|i_month|i_day|short_year|y_day)/.test(template)) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  const values: Record<string, string> = date
    ? {
        year: String(date.getUTCFullYear()),
        short_year: String(date.getUTCFullYear()).slice(2),
        month: pad(date.getUTCMonth() + 1),
        i_month: String(date.getUTCMonth() + 1),
        day: pad(date.getUTCDate()),
        i_day: String(date.getUTCDate()),
        y_day: String(Math.floor((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1).padStart(3, '0'),
      }
    : {};
  values.title = parts.slug;
  values.slug = parts.slug;
  values.categories = parts.categories.map((c) => slugify(c)).join('/');
  values.output_ext = '.html';
  const expanded = template.replace(/:(output_ext|categories|short_year|i_month|i_day|y_day|year|month|day|title|slug)/g, (_, key: string) => values[key] ?? '');
  return expanded.replace(/\/{2,}/g, '/');
}

/**
 * Where a file lands on the site under its generator's defaults:
 * Jekyll `_posts/2024-01-02-title.md` → `/2024/01/02/title.html` (the
 * default `date` permalink style, categories first); Hugo
 * `content/posts/x.md` → `/posts/x/` (lower-cased, bundles by folder);
 * Astro `src/pages/x.md` → `/x/` and `src/content/blog/x.md` → `/blog/x/`;
 * anything else (Eleventy) → `/path/`.
 */
function locate(rel: string, data: FrontMatter): Location {
  const segments = rel.split('/');
  const file = segments.pop()!;
  const stem = file.replace(MARKDOWN_FILE, '');
  const slug = str(data.slug);
  const permalink = data.permalink;
  const explicitUrl = str(data.url);

  const jekyllIndex = Math.max(segments.lastIndexOf('_posts'), segments.lastIndexOf('_drafts'));
  if (jekyllIndex >= 0) {
    const draft = segments[jekyllIndex] === '_drafts';
    const dated = /^(\d{4})-(\d{2})-(\d{2})-(.+)$/.exec(stem);
    const fileDate = dated ? `${dated[1]}-${dated[2]}-${dated[3]}` : undefined;
    const title = slug ?? (dated ? dated[4]! : stem);
    const folderCategories = segments.slice(0, jekyllIndex);
    const categories = [...folderCategories, ...list(data.categories).flatMap((c) => c.split(/\s+/)), ...list(data.category)];
    const dateMs = parseDateMs(data.date) ?? (fileDate ? parseDateMs(fileDate) : undefined);
    const parts = { slug: title, categories, ...(dateMs !== undefined ? { date: new Date(dateMs) } : {}) };
    const location: Location = { draft, section: categories[0] };
    if (fileDate) location.fileDate = fileDate;
    const pattern = explicitUrl ?? (typeof permalink === 'string' ? permalink : 'date');
    location.path = expandJekyllPermalink(pattern, parts);
    if (!location.path) location.warning = `permalink "${pattern}" needs a date and the post has none`;
    return location;
  }

  if (typeof permalink === 'string') {
    if (/\{\{|\{%/.test(permalink)) {
      return { warning: `permalink "${permalink}" is a template; URL taken from the file path`, ...pathLocation(segments, stem, slug) };
    }
    if (permalink.includes(':') && !/^https?:/i.test(permalink)) {
      const path = expandJekyllPermalink(permalink, { slug: slug ?? stem, categories: list(data.categories) });
      if (path) return { path };
    }
    return { path: permalink };
  }
  if (explicitUrl) return { path: explicitUrl };
  return pathLocation(segments, stem, slug);
}

function pathLocation(segments: string[], stem: string, slug: string | undefined): Location {
  let dirs = segments;
  let lowercase = false;
  const content = dirs.indexOf('content');
  const pages = dirs.indexOf('pages');
  if (content >= 0 && dirs[content - 1] === 'src') dirs = dirs.slice(content + 1); // Astro collections
  else if (pages >= 0 && dirs[pages - 1] === 'src') dirs = dirs.slice(pages + 1); // Astro pages
  else if (content >= 0) {
    dirs = dirs.slice(content + 1); // Hugo
    lowercase = true;
  }
  const name = slug ?? (stem === 'index' || stem === '_index' ? undefined : stem);
  const parts = name ? [...dirs, name] : [...dirs];
  if (slug && (stem === 'index')) parts.splice(parts.length - 2, 1);
  let path = '/' + parts.map((part) => encodeURIComponent(part).replace(/%40/g, '@')).join('/') + (parts.length ? '/' : '');
  if (lowercase) path = path.toLowerCase();
  const location: Location = { path };
  if (dirs.length) location.section = dirs[0];
  return location;
}

function imageFrom(data: FrontMatter): { src: string; alt?: string } | undefined {
  for (const key of ['image', 'cover', 'thumbnail', 'featured_image', 'featuredImage', 'heroImage', 'hero', 'banner', 'og_image', 'images']) {
    const value = data[key];
    const first = Array.isArray(value) ? value[0] : value;
    const src = str(first) ?? (first && typeof first === 'object' ? str((first as FrontMatter).src ?? (first as FrontMatter).image ?? (first as FrontMatter).url) : undefined);
    if (src) {
      const alt = first && typeof first === 'object' ? str((first as FrontMatter).alt) : str(data.image_alt ?? data.imageAlt);
      return alt ? { src, alt } : { src };
    }
  }
  return undefined;
}

function authorFrom(data: FrontMatter): string | undefined {
  for (const value of [data.author, ...(Array.isArray(data.authors) ? data.authors : [data.authors])]) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const name = personName(str((value as FrontMatter).name));
      if (name) return name;
    }
    const name = personName(str(value));
    if (name) return name;
  }
  return undefined;
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true' || value === 'yes';
}

function isFalse(value: unknown): boolean {
  return value === false || value === 'false' || value === 'no';
}

/** One Markdown document to a draft, or a reason to skip it. */
export function readMarkdownDocument(
  text: string,
  rel: string,
  index: number,
  ctx: ReaderContext & { baseUrl: string },
  problems: IngestProblem[],
): Draft | undefined {
  let parsed: { data: FrontMatter; content: string };
  try {
    parsed = readFrontMatter(text);
  } catch (error) {
    problems.push(problem(ctx, index, 'front matter', 'parse-error', `${rel}: front matter is not valid YAML/TOML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`, 'error'));
    return undefined;
  }
  const { data, content } = parsed;
  const location = locate(rel, data);
  if (rel.split('/').pop()!.startsWith('_index.') || data.permalink === false || isTrue(data.eleventyExcludeFromCollections)) {
    return undefined; // list pages and explicitly unpublished pages, not posts
  }
  if (location.draft || isTrue(data.draft) || isFalse(data.published)) {
    const why = location.draft ? 'in _drafts' : isTrue(data.draft) ? 'draft: true' : 'published: false';
    problems.push(problem(ctx, index, 'draft', 'draft', `${rel}: draft (${why}); skipped`, 'warning'));
    return undefined;
  }
  const draft: Draft = { index };
  setDate(draft, 'publishedAt', [
    ...[data.date, data.pubDate, data.publishDate, data.published, data.created].map((value) =>
      value instanceof Date ? value.toISOString() : str(value),
    ),
    location.fileDate,
  ], ctx, problems);
  setDate(draft, 'updatedAt', [data.lastmod, data.updated, data.updatedDate, data.modified, data.last_modified_at].map((value) =>
    value instanceof Date ? value.toISOString() : str(value),
  ), ctx, problems);
  const visibleFrom = Math.max(
    ...[data.date, data.publishDate, data.pubDate, location.fileDate].map((value) => parseDateMs(value) ?? -Infinity),
  );
  if (visibleFrom > ctx.now) {
    problems.push(problem(ctx, index, 'publishedAt', 'future-dated', `${rel}: dated ${new Date(visibleFrom).toISOString()}, after now; skipped`, 'warning'));
    return undefined;
  }
  const expiry = parseDateMs(data.expiryDate ?? data.expires);
  if (expiry !== undefined && expiry <= ctx.now) {
    problems.push(problem(ctx, index, 'expiryDate', 'expired', `${rel}: expired ${new Date(expiry).toISOString()}; skipped`, 'warning'));
    return undefined;
  }
  // The site's home page (a root index.md) is not an article.
  if (location.path === '/') return undefined;
  if (location.warning) problems.push(problem(ctx, index, 'url', 'invalid-url', `${rel}: ${location.warning}`, 'warning'));
  if (location.path) {
    const url = joinBase(ctx.baseUrl, location.path);
    if (url) draft.url = url;
    else problems.push(problem(ctx, index, 'url', 'invalid-url', `${rel}: "${location.path}" does not make an http(s) URL`, 'error'));
  }
  const heading = /^\s{0,3}#\s+(.+)$/m.exec(content)?.[1];
  draft.title = toPlain(str(data.title) ?? heading);
  const description = str(data.description) ?? str(data.summary) ?? str(data.excerpt) ?? str(data.subtitle);
  const summary = description ? markdownToText(description) : firstParagraph(content);
  if (summary) draft.summary = capText(collapseWhitespace(summary), SUMMARY_MAX);
  const body = markdownToText(content);
  if (body) draft.body = body.length > BODY_MAX ? capText(body, BODY_MAX) : body;
  const image = imageFrom(data) ?? firstMarkdownImage(content);
  if (image && draft.url) {
    // Root-relative images belong to the site (joined like page paths);
    // others sit beside the post (Hugo page bundles).
    const src = image.src.startsWith('/') && !image.src.startsWith('//') ? joinBase(ctx.baseUrl, image.src) : resolveUrl(image.src, draft.url);
    if (src) draft.image = toRawImage({ ...image, src }, undefined);
  }
  const categories = [...list(data.categories), ...list(data.category)];
  draft.tags = uniqueTags([...list(data.tags), ...categories]);
  draft.section = toPlain(str(data.section) ?? categories[0] ?? location.section);
  draft.author = authorFrom(data);
  draft.lang = normalizeLang(str(data.lang) ?? str(data.language) ?? str(data.locale));
  const id = str(data.id) ?? str(data.uuid) ?? str(data.guid);
  if (id) draft.id = id;
  return compact(draft);
}

/** Reads every Markdown file under `dir`. Needs `baseUrl`: posts know their path, not their host. */
export async function readMarkdownFolder(dir: string, ctx: ReaderContext): Promise<ParsedSource> {
  const problems: IngestProblem[] = [];
  const files = await walk(dir);
  if (!files.length) {
    return {
      format: 'unknown',
      drafts: [],
      problems,
      fatal: { code: 'unrecognized-format', message: 'a folder is read as Markdown posts, and this one has no .md, .markdown or .mdx files; pass feed files one by one' },
    };
  }
  if (!ctx.baseUrl) {
    return {
      format: 'markdown',
      drafts: [],
      problems,
      fatal: { code: 'missing-field', message: 'a folder of Markdown posts needs --base-url (the site URL the posts are served under)' },
    };
  }
  const baseCtx = { ...ctx, baseUrl: ctx.baseUrl };
  const drafts: Draft[] = [];
  // Given Jekyll's `_posts` (or `_drafts`) folder itself, its name still decides the URL rules.
  const root = basename(resolve(dir));
  const prefix = root === '_posts' || root === '_drafts' ? `${root}/` : '';
  for (const [index, file] of files.entries()) {
    const rel = prefix + relative(dir, file).split(sep).join('/');
    let text: string;
    try {
      text = decodeBytes(new Uint8Array(await readFile(file))).text;
    } catch (error) {
      problems.push(problem(ctx, index, 'file', 'unreadable', `${rel}: ${error instanceof Error ? error.message : String(error)}`, 'error'));
      continue;
    }
    const draft = readMarkdownDocument(text, rel, index, baseCtx, problems);
    if (draft) drafts.push(draft);
  }
  return { format: 'markdown', drafts, problems };
}
