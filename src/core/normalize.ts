/**
 * Manifest normalisation: accepts the three manifest shapes, checks every
 * field, drops bad records with a problem each, and never throws.
 */
import type { Article, ArticleImage, NormalizedManifest, Problem, ProblemCode, WeightedTerm } from './types.js';
import { canonicalUrl, safeUrl } from './url.js';

export interface NormalizeOptions {
  /** URL the manifest was fetched from; relative URLs resolve against it when the manifest has no `home_page_url`. */
  manifestUrl?: string;
  /**
   * Records beyond this count are dropped with one `too-many` problem that
   * gives the first dropped index and how many were dropped. A negative or
   * non-numeric value means the default. Defaults to 100,000.
   */
  maxArticles?: number;
  /** Keep `body` text (the build step needs it; the browser does not). Defaults to false. */
  keepBody?: boolean;
}

export const NORMALIZE_DEFAULTS = Object.freeze({ maxArticles: 100_000, keepBody: false });

/** Longest string kept in any text field; longer text is cut, not dropped. */
const MAX_TEXT = { title: 300, summary: 1000, section: 80, tag: 60, author: 120 } as const;
const MAX_TAGS = 30;
const MAX_KEYWORDS = 200;
const WINDOWED = ['views24h', 'views7d', 'views30d'] as const;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const hasOwn = Object.prototype.hasOwnProperty;
const OBJECT_PROTO = Object.prototype;
const ARRAY_PROTO = Array.prototype;

/**
 * `obj[key]`, but never from `Object.prototype` or `Array.prototype`: a page
 * that sets `Object.prototype.title` must not give every record a title.
 * Getters on a class's own prototype still count, for programmatic callers.
 */
function read(obj: object, key: string): unknown {
  for (let o: object | null = obj; o !== null && o !== OBJECT_PROTO && o !== ARRAY_PROTO; o = Object.getPrototypeOf(o)) {
    if (hasOwn.call(o, key)) return (obj as Json)[key];
  }
  return undefined;
}

/** The known fields of a record, read with {@link read}, in a prototype-free object. */
function fields(obj: object, keys: readonly string[]): Json {
  const out: Json = Object.create(null);
  for (const key of keys) {
    const value = read(obj, key);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

const ARTICLE_FIELDS = [
  'id', 'url', 'title', 'summary', 'image', 'section', 'tags', 'author', 'publishedAt', 'updatedAt',
  'views', 'views24h', 'views7d', 'views30d', 'keywords', 'lang', 'sponsored', 'noindex', 'body',
] as const;
const FEED_ITEM_FIELDS = [
  '_readnext', 'id', 'url', 'external_url', 'title', 'summary', 'content_text', 'content_html', 'image',
  'banner_image', 'tags', 'authors', 'date_published', 'date_modified', 'language',
] as const;
const DOC_FIELDS = ['version', 'home_page_url', 'language', 'lang', 'items', 'articles'] as const;
const IMAGE_FIELDS = ['src', 'alt', 'width', 'height'] as const;
const LANG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

/**
 * Turns any supported manifest document into articles and problems:
 * `{ version: 1, home_page_url?, articles }`, a bare array of articles, or a
 * JSON Feed 1.1 document (items mapped to articles).
 */
export function normalizeManifest(input: unknown, options: NormalizeOptions = {}): NormalizedManifest {
  try {
    return normalizeDocument(input, options);
  } catch {
    // Only a document built in code (a Proxy, a throwing getter on the array)
    // gets here; JSON.parse output cannot throw while being read.
    return docProblem('invalid-manifest', 'the manifest could not be read');
  }
}

function docProblem(code: ProblemCode, message: string): NormalizedManifest {
  return { articles: [], problems: [{ index: -1, field: '', code, message, level: 'error' }] };
}

function normalizeDocument(input: unknown, options: NormalizeOptions): NormalizedManifest {
  const problems: Problem[] = [];

  let records: unknown[];
  let homePageUrl: string | undefined;
  let lang: string | undefined;
  let fromFeed = false;
  if (Array.isArray(input)) {
    records = input;
  } else if (isObject(input)) {
    const doc = fields(input, DOC_FIELDS);
    homePageUrl = typeof doc.home_page_url === 'string' ? safeUrl(doc.home_page_url.trim(), options.manifestUrl)?.href : undefined;
    const docLang = typeof doc.language === 'string' ? doc.language : doc.lang;
    lang = typeof docLang === 'string' && LANG.test(docLang.trim()) ? docLang.trim() : undefined;
    if (typeof doc.version === 'string' && doc.version.startsWith('https://jsonfeed.org/version/')) {
      if (!Array.isArray(doc.items)) return docProblem('invalid-manifest', 'JSON Feed has no "items" array');
      records = doc.items;
      fromFeed = true;
    } else if (Array.isArray(doc.articles)) {
      if (doc.version !== undefined && doc.version !== 1) {
        return docProblem('unsupported-version', `manifest version ${preview(doc.version)} is not supported (expected 1)`);
      }
      records = doc.articles;
    } else {
      return docProblem('invalid-manifest', 'expected { "version": 1, "articles": [...] }, an array of articles, or a JSON Feed');
    }
  } else {
    return docProblem('invalid-manifest', `expected a JSON object or array, got ${input === null ? 'null' : typeof input}`);
  }

  const max = options.maxArticles;
  const maxArticles = typeof max === 'number' && max >= 0 ? Math.floor(max) : NORMALIZE_DEFAULTS.maxArticles;
  if (records.length > maxArticles) {
    problems.push({
      index: maxArticles,
      field: '',
      code: 'too-many',
      message: `${records.length - maxArticles} records after the first ${maxArticles} were dropped (maxArticles)`,
      level: 'error',
    });
    records = records.slice(0, maxArticles);
  }

  const base = homePageUrl ?? options.manifestUrl;
  const articles: Article[] = [];
  const seenIds = new Set<string>();
  const seenUrls = new Set<string>();
  for (let index = 0; index < records.length; index++) {
    let article: Article | undefined;
    try {
      // A hole in a sparse array is not read through a polluted Array.prototype.
      const record = hasOwn.call(records, index) ? records[index] : undefined;
      const raw = fromFeed && isObject(record) ? fromJsonFeedItem(record) : record;
      article = normalizeArticle(raw, index, base, problems, options.keepBody ?? false);
    } catch {
      // A getter or Proxy trap that throws, from a manifest built in code.
      problems.push({ index, field: '', code: 'invalid-type', message: `record ${index} could not be read`, level: 'error' });
      continue;
    }
    if (!article) continue;
    const dup = seenIds.has(article.id) ? 'id' : seenUrls.has(article.canonicalUrl) ? 'url' : undefined;
    if (dup) {
      problems.push({
        index,
        id: article.id,
        field: dup,
        code: dup === 'id' ? 'duplicate-id' : 'duplicate-url',
        message: `duplicate ${dup} ${JSON.stringify(dup === 'id' ? article.id : article.canonicalUrl)}; the first record is kept`,
        level: 'error',
      });
      continue;
    }
    seenIds.add(article.id);
    seenUrls.add(article.canonicalUrl);
    articles.push(article);
  }
  return { articles, problems, ...(homePageUrl && { homePageUrl }), ...(lang && { lang }) };
}

/** Maps a JSON Feed 1.1 item to the manifest article shape. */
function fromJsonFeedItem(feedItem: Json): Json {
  const item = fields(feedItem, FEED_ITEM_FIELDS);
  const ext = isObject(item._readnext) ? fields(item._readnext, ARTICLE_FIELDS) : {};
  const authors = Array.isArray(item.authors) ? item.authors : [];
  const first: unknown = authors.length > 0 && hasOwn.call(authors, 0) ? authors[0] : undefined;
  const firstAuthor = isObject(first) ? read(first, 'name') : undefined;
  return {
    ...ext,
    id: item.id,
    url: item.url ?? item.external_url,
    title: item.title,
    summary: item.summary ?? item.content_text ?? (typeof item.content_html === 'string' ? stripTags(item.content_html) : undefined),
    image: item.image ?? item.banner_image,
    tags: item.tags,
    author: firstAuthor,
    publishedAt: item.date_published,
    updatedAt: item.date_modified,
    lang: item.language,
  };
}

/**
 * Enough to turn `content_html` into a summary; the CLI does full HTML
 * cleaning. A tag may not contain `<`, which keeps the scan linear: with
 * `<[^>]*>`, a string of a million `<` and no `>` takes minutes.
 */
function stripTags(html: string): string {
  return html.replace(/<[^<>]*>/g, ' ').replace(/\s+/g, ' ').trim();
}

function normalizeArticle(
  input: unknown,
  index: number,
  base: string | undefined,
  problems: Problem[],
  keepBody: boolean,
): Article | undefined {
  if (!isObject(input)) {
    problems.push({ index, field: '', code: 'not-an-object', message: `record ${index} is not an object`, level: 'error' });
    return undefined;
  }
  const record = fields(input, ARTICLE_FIELDS);
  const rawId = record.id;
  const id = typeof rawId === 'string' || (typeof rawId === 'number' && Number.isFinite(rawId)) ? cleanText(String(rawId), 200) : undefined;
  // One reporter for every check: `error` drops the record, `warning` one field.
  const report = (level: Problem['level'], field: string, code: ProblemCode, message: string): undefined => {
    problems.push({ index, ...(id && { id }), field, code, message: `${field} ${message}`, level });
    return undefined;
  };
  const warn = (field: string, code: ProblemCode, message: string) => report('warning', field, code, message);
  const absent = (value: unknown) => value === undefined || value === null || value === '';

  if (absent(rawId)) return report('error', 'id', 'missing-field', 'is required');
  if (!id) return report('error', 'id', 'invalid-type', `must be a string or number, got ${preview(rawId)}`);
  for (const field of ['title', 'url'] as const) {
    const value = record[field];
    if (absent(value)) return report('error', field, 'missing-field', 'is required');
    if (typeof value !== 'string' || !cleanText(value, 1)) return report('error', field, 'invalid-type', `must be a non-empty string, got ${preview(value)}`);
  }
  const rawUrl = record.url as string;
  const url = safeUrl(rawUrl.trim(), base);
  if (!url) {
    return /^\s*[a-z][a-z0-9+.-]*:/i.test(rawUrl) || base
      ? report('error', 'url', 'unsafe-url', `${preview(rawUrl)} is not an http(s) URL`)
      : report('error', 'url', 'invalid-url', `${preview(rawUrl)} is relative and the manifest has no base URL`);
  }

  const article: Article = {
    id,
    url: url.href,
    canonicalUrl: canonicalUrl(url.href) as string,
    title: cleanText(record.title as string, MAX_TEXT.title),
    tags: [],
    keywords: [],
  };

  for (const field of ['summary', 'section', 'author'] as const) {
    const value = record[field];
    if (value === undefined || value === null) continue;
    const cleaned = typeof value === 'string' ? cleanText(value, MAX_TEXT[field]) : undefined;
    if (cleaned === undefined) warn(field, 'invalid-type', `must be a string, got ${preview(value)}`);
    else if (cleaned) article[field] = cleaned;
  }

  const tags = record.tags;
  if (Array.isArray(tags)) {
    const kept = new Set<string>();
    for (let i = 0; i < tags.length && kept.size < MAX_TAGS; i++) {
      const tag: unknown = tags[i];
      const cleaned = typeof tag === 'string' ? cleanText(tag, MAX_TEXT.tag) : '';
      if (cleaned) kept.add(cleaned);
    }
    article.tags = [...kept];
  } else if (tags !== undefined && tags !== null) warn('tags', 'invalid-type', `must be an array of strings, got ${preview(tags)}`);

  if (record.image !== undefined && record.image !== null) {
    const image = normalizeImage(record.image, base, article.title);
    if (typeof image === 'string') warn('image', image === 'unsafe' ? 'unsafe-url' : 'invalid-type', `dropped: ${image === 'unsafe' ? 'not an http(s) URL' : image}`);
    else article.image = image;
  }

  for (const field of ['publishedAt', 'updatedAt'] as const) {
    const value = record[field];
    if (absent(value)) continue;
    const ms = parseDate(value);
    if (ms === undefined) warn(field, 'invalid-date', `${preview(value)} is not a date`);
    else article[field] = ms;
  }

  for (const field of ['views', ...WINDOWED] as const) {
    const value = record[field];
    if (value === undefined || value === null) continue;
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n === 'number' && Number.isFinite(n) && n >= 0) article[field] = Math.floor(n);
    else warn(field, 'invalid-number', `must be a non-negative number, got ${preview(value)}`);
  }

  if (record.keywords !== undefined && record.keywords !== null) {
    const keywords = normalizeKeywords(record.keywords);
    if (keywords) article.keywords = keywords;
    else warn('keywords', 'invalid-type', 'must be strings or [term, weight > 0] pairs');
  }

  if (typeof record.lang === 'string' && LANG.test(record.lang.trim())) article.lang = record.lang.trim();
  if (record.sponsored === true) article.sponsored = true;
  if (record.noindex === true) article.noindex = true;
  if (keepBody && typeof record.body === 'string') article.body = record.body;
  return article;
}

function normalizeImage(input: unknown, base: string | undefined, title: string): ArticleImage | string {
  const value = isObject(input) ? fields(input, IMAGE_FIELDS) : input;
  const src = typeof value === 'string' ? value : isObject(value) && typeof value.src === 'string' ? value.src : undefined;
  if (src === undefined) return `expected a URL or { src, alt, width, height }, got ${typeOf(value)}`;
  const url = safeUrl(src.trim(), base);
  if (!url) return 'unsafe';
  const image: ArticleImage = { src: url.href, alt: '' };
  if (isObject(value)) {
    // An explicit alt (even empty, for decorative images) is the publisher's call.
    image.alt = typeof value.alt === 'string' ? cleanText(value.alt, MAX_TEXT.title) : title;
    for (const dim of ['width', 'height'] as const) {
      const n = value[dim];
      if (typeof n === 'number' && Number.isFinite(n) && n > 0 && n < 100_000) image[dim] = Math.round(n);
    }
  } else image.alt = title;
  return image;
}

function normalizeKeywords(value: unknown): WeightedTerm[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: WeightedTerm[] = [];
  const seen = new Set<string>();
  const n = Math.min(value.length, MAX_KEYWORDS);
  for (let i = 0; i < n; i++) {
    const entry = value[i];
    let term: unknown;
    // Plain strings are ranked by position: the first counts most.
    let weight: unknown = 1 - i / (n + 1);
    if (Array.isArray(entry)) {
      term = entry[0];
      weight = entry[1];
    } else term = entry;
    if (typeof term !== 'string' || typeof weight !== 'number' || !(weight > 0) || !Number.isFinite(weight)) return undefined;
    const cleaned = cleanText(term, MAX_TEXT.tag).toLowerCase();
    if (cleaned && !seen.has(cleaned)) {
      seen.add(cleaned);
      out.push([cleaned, weight]);
    }
  }
  return out;
}

// Invisible characters that split or spoof words: control characters other
// than white space (C0 and C1), every default-ignorable code point (zero
// widths and joiners, bidi controls, BOM, soft hyphen, word joiner, Hangul
// fillers, tag characters) and the interlinear annotation controls. Emoji
// variation selectors (U+FE00-FE0F) stay: they are invisible but change how
// the emoji before them looks, and spoof nothing.
const INVISIBLE = /(?![\t\n\v\f\r])(?![\uFE00-\uFE0F])[\p{Cc}\p{Default_Ignorable_Code_Point}\uFFF9-\uFFFB]/gu;

/**
 * Trims, collapses white space, removes invisible format characters (zero
 * widths, bidi controls, BOM) that would split or spoof words, and caps
 * length without cutting a surrogate pair in half.
 */
export function cleanText(value: string, max: number): string {
  const cleaned = value.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  if (cleaned.length <= max) return cleaned;
  let cut = cleaned.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut) + '…';
}

/** ISO 8601 / RFC 2822 strings and epoch milliseconds; anything else is undefined. */
export function parseDate(value: unknown): number | undefined {
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (typeof value === 'string' && value.trim() !== '') ms = Date.parse(value.trim());
  else return undefined;
  // Years 1900-2200: a wider range is a unit mistake (seconds vs ms), not a date.
  return Number.isFinite(ms) && ms > -2_208_988_800_000 && ms < 7_258_118_400_000 ? ms : undefined;
}

/** A short description of any value for a problem message; never runs the value's own code (toString, toJSON, getters). */
function preview(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  return typeOf(value);
}

function typeOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}
