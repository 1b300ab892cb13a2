/**
 * Manifest normalisation: accepts the three manifest shapes, checks every
 * field, drops bad records with a problem each, and never throws.
 */
import type { Article, ArticleImage, NormalizedManifest, Problem, ProblemCode, WeightedTerm } from './types.js';
import { canonicalUrl, safeUrl } from './url.js';

export interface NormalizeOptions {
  /** URL the manifest was fetched from; relative URLs resolve against it when the manifest has no `home_page_url`. */
  manifestUrl?: string;
  /** Records beyond this count are dropped with one `too-many` problem. Defaults to 100,000. */
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

/**
 * Turns any supported manifest document into articles and problems:
 * `{ version: 1, home_page_url?, articles }`, a bare array of articles, or a
 * JSON Feed 1.1 document (items mapped to articles).
 */
export function normalizeManifest(input: unknown, options: NormalizeOptions = {}): NormalizedManifest {
  const problems: Problem[] = [];
  const docProblem = (code: ProblemCode, message: string): NormalizedManifest => ({
    articles: [],
    problems: [{ index: -1, field: '', code, message, level: 'error' }],
  });

  let records: unknown[];
  let homePageUrl: string | undefined;
  let lang: string | undefined;
  let fromFeed = false;
  if (Array.isArray(input)) {
    records = input;
  } else if (isObject(input)) {
    homePageUrl = typeof input.home_page_url === 'string' ? safeUrl(input.home_page_url, options.manifestUrl)?.href : undefined;
    lang = typeof input.language === 'string' ? input.language : typeof input.lang === 'string' ? input.lang : undefined;
    if (typeof input.version === 'string' && input.version.startsWith('https://jsonfeed.org/version/')) {
      if (!Array.isArray(input.items)) return docProblem('invalid-manifest', 'JSON Feed has no "items" array');
      records = input.items;
      fromFeed = true;
    } else if (Array.isArray(input.articles)) {
      if (input.version !== undefined && input.version !== 1) {
        return docProblem('unsupported-version', `manifest version ${JSON.stringify(input.version)} is not supported (expected 1)`);
      }
      records = input.articles;
    } else {
      return docProblem('invalid-manifest', 'expected { "version": 1, "articles": [...] }, an array of articles, or a JSON Feed');
    }
  } else {
    return docProblem('invalid-manifest', `expected a JSON object or array, got ${input === null ? 'null' : typeof input}`);
  }

  const maxArticles = options.maxArticles ?? NORMALIZE_DEFAULTS.maxArticles;
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
  records.forEach((record, index) => {
    const raw = fromFeed && isObject(record) ? fromJsonFeedItem(record) : record;
    const article = normalizeArticle(raw, index, base, problems, options.keepBody ?? false);
    if (!article) return;
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
      return;
    }
    seenIds.add(article.id);
    seenUrls.add(article.canonicalUrl);
    articles.push(article);
  });
  return { articles, problems, ...(homePageUrl && { homePageUrl }), ...(lang && { lang }) };
}

/** Maps a JSON Feed 1.1 item to the manifest article shape. */
function fromJsonFeedItem(item: Json): Json {
  const ext = isObject(item._readnext) ? item._readnext : {};
  const authors = Array.isArray(item.authors) ? item.authors : [];
  const firstAuthor = isObject(authors[0]) ? authors[0].name : undefined;
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

/** Enough to turn `content_html` into a summary; the CLI does full HTML cleaning. */
function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
}

function normalizeArticle(
  record: unknown,
  index: number,
  base: string | undefined,
  problems: Problem[],
  keepBody: boolean,
): Article | undefined {
  if (!isObject(record)) {
    problems.push({ index, field: '', code: 'not-an-object', message: `record ${index} is not an object`, level: 'error' });
    return undefined;
  }
  const idValue = typeof record.id === 'number' && Number.isFinite(record.id) ? String(record.id) : record.id;
  const id = typeof idValue === 'string' ? cleanText(idValue, 200) : undefined;
  const fail = (field: string, code: ProblemCode, message: string): undefined => {
    problems.push({ index, ...(id && { id }), field, code, message, level: 'error' });
    return undefined;
  };
  const warn = (field: string, code: ProblemCode, message: string): void => {
    problems.push({ index, ...(id && { id }), field, code, message, level: 'warning' });
  };

  if (record.id === undefined || record.id === null || record.id === '') return fail('id', 'missing-field', 'id is required');
  if (!id) return fail('id', 'invalid-type', `id must be a string or number, got ${typeOf(record.id)}`);
  if (typeof record.title !== 'string' || !cleanText(record.title, 1)) {
    return record.title === undefined || record.title === null || record.title === ''
      ? fail('title', 'missing-field', 'title is required')
      : fail('title', 'invalid-type', `title must be a non-empty string, got ${typeOf(record.title)}`);
  }
  if (typeof record.url !== 'string' || record.url.trim() === '') {
    return record.url === undefined || record.url === null || record.url === ''
      ? fail('url', 'missing-field', 'url is required')
      : fail('url', 'invalid-type', `url must be a string, got ${typeOf(record.url)}`);
  }
  const url = safeUrl(record.url.trim(), base);
  if (!url) {
    return /^\s*[a-z][a-z0-9+.-]*:/i.test(record.url) || base
      ? fail('url', 'unsafe-url', `url ${JSON.stringify(record.url.slice(0, 100))} is not an http(s) URL`)
      : fail('url', 'invalid-url', `url ${JSON.stringify(record.url.slice(0, 100))} is relative and the manifest has no base URL`);
  }

  const article: Article = {
    id,
    url: url.href,
    canonicalUrl: canonicalUrl(url.href) as string,
    title: cleanText(record.title, MAX_TEXT.title),
    tags: [],
    keywords: [],
  };

  const text = (field: 'summary' | 'section' | 'author', max: number): void => {
    const value = record[field];
    if (value === undefined || value === null) return;
    if (typeof value !== 'string') return warn(field, 'invalid-type', `${field} must be a string, got ${typeOf(value)}`);
    const cleaned = cleanText(value, max);
    if (cleaned) article[field] = cleaned;
  };
  text('summary', MAX_TEXT.summary);
  text('section', MAX_TEXT.section);
  text('author', MAX_TEXT.author);

  if (record.tags !== undefined && record.tags !== null) {
    if (!Array.isArray(record.tags)) warn('tags', 'invalid-type', `tags must be an array of strings, got ${typeOf(record.tags)}`);
    else {
      const tags = new Set<string>();
      for (const tag of record.tags) {
        const cleaned = typeof tag === 'string' ? cleanText(tag, MAX_TEXT.tag) : '';
        if (cleaned) tags.add(cleaned);
        if (tags.size === MAX_TAGS) break;
      }
      article.tags = [...tags];
    }
  }

  if (record.image !== undefined && record.image !== null) {
    const image = normalizeImage(record.image, base, article.title);
    if (typeof image === 'string') warn('image', image === 'unsafe' ? 'unsafe-url' : 'invalid-type', `image dropped: ${image}`);
    else article.image = image;
  }

  for (const field of ['publishedAt', 'updatedAt'] as const) {
    const value = record[field];
    if (value === undefined || value === null || value === '') continue;
    const ms = parseDate(value);
    if (ms === undefined) warn(field, 'invalid-date', `${field} ${JSON.stringify(String(value).slice(0, 40))} is not a date`);
    else article[field] = ms;
  }

  for (const field of ['views', ...WINDOWED] as const) {
    const value = record[field];
    if (value === undefined || value === null) continue;
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
      warn(field, 'invalid-number', `${field} must be a non-negative number, got ${JSON.stringify(value)}`);
    } else article[field] = Math.floor(n);
  }

  if (record.keywords !== undefined && record.keywords !== null) {
    const keywords = normalizeKeywords(record.keywords);
    if (!keywords) warn('keywords', 'invalid-type', 'keywords must be strings or [term, weight > 0] pairs');
    else article.keywords = keywords;
  }

  if (typeof record.lang === 'string' && /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(record.lang.trim())) article.lang = record.lang.trim();
  if (record.sponsored === true) article.sponsored = true;
  if (record.noindex === true) article.noindex = true;
  if (keepBody && typeof record.body === 'string') article.body = record.body;
  return article;
}

function normalizeImage(value: unknown, base: string | undefined, title: string): ArticleImage | string {
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
    if (Array.isArray(entry)) [term, weight] = entry;
    else term = entry;
    if (typeof term !== 'string' || typeof weight !== 'number' || !(weight > 0) || !Number.isFinite(weight)) return undefined;
    const cleaned = cleanText(term, MAX_TEXT.tag).toLowerCase();
    if (cleaned && !seen.has(cleaned)) {
      seen.add(cleaned);
      out.push([cleaned, weight]);
    }
  }
  return out;
}

/**
 * Trims, collapses white space, removes invisible format characters (zero
 * widths, bidi controls, BOM) that would split or spoof words, and caps length.
 */
export function cleanText(value: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length <= max) return cleaned;
  const cut = cleaned.slice(0, max - 1);
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

function typeOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}
