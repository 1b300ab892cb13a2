/**
 * Manifest normalisation: accepts the three manifest shapes, checks every
 * field, drops bad records with a problem each, and never throws.
 *
 * Written for size as well as clarity (it ships in the script-tag bundle):
 * fields are read through one getter per record, optional fields are checked
 * from one table, and every problem message comes from one builder.
 */
import type { Article, ArticleImage, Labels, LabelSet, NormalizedManifest, Problem, ProblemCode, WeightedTerm } from './types.js';
import { feedGetter, isFeed, type FeedReader, type Getter } from './feed.js';
import { isArray, isNumber, isObject, isString, own, read, type Json } from './json.js';
import { canonicalize, safeUrl, SCHEME } from './url.js';

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

const MAX_ARTICLES = 100_000;
// Pure: the script-tag bundle never reads it, so it is left out there.
export const NORMALIZE_DEFAULTS = /* @__PURE__ */ Object.freeze({ maxArticles: MAX_ARTICLES, keepBody: false });

/**
 * Records read between two yields of {@link normalizeSteps}. Measured on 10k
 * built BBC-derived articles (74 keywords and 20 `near` pairs each) on a busy
 * 2-core machine: a step of 250 took 8-12 ms of main-thread CPU in Chromium
 * 156 (p90 14 ms, 370-500 ms for all 10k) and 6-9 ms in Node 20, leaving room
 * in a 50 ms task for a slower phone. Mapping `near` afterwards costs about a
 * twentieth as much per article, so that pass yields every 8 steps' worth.
 */
export const NORMALIZE_STEP = 250;

/** Longest `near` list kept per article. */
const MAX_NEAR = 100;

/**
 * A check of one optional field: its clean value, `''` to leave the field
 * out silently (white space only), `undefined` when the value is invalid
 * (`null`: a URL that is not http(s)). The record's base URL and title come
 * along for the image.
 */
type Check = (value: unknown, base: string | undefined, title: string) => unknown;

const text = (max: number): Check => (value) => (isString(value) ? cleanText(value, max) : undefined);

const count: Check = (value) => {
  const n = isString(value) && value.trim() ? +value : value;
  return isNumber(n) && n >= 0 && n < Infinity ? Math.floor(n) : undefined;
};

/** Up to 30 distinct clean tags; entries that are not strings are skipped. */
const tags: Check = (value) => {
  if (!isArray(value)) return;
  const kept = new Set<string>();
  for (let i = 0; i < value.length && kept.size < 30; i++) {
    const tag: unknown = value[i];
    const cleaned = isString(tag) && cleanText(tag, 60);
    if (cleaned) kept.add(cleaned);
  }
  return [...kept];
};

/** A URL or `{ src, alt, width, height }`; the alt defaults to the title. */
const image: Check = (value, base, title) => {
  const isObj = isObject(value);
  const src = isObj ? read(value, 'src') : value;
  const url = safeUrl(src, base);
  if (!url) return isString(src) ? null : undefined;
  // An explicit alt (even empty, for decorative images) is the publisher's call.
  const alt = isObj && read(value, 'alt');
  const img: ArticleImage = { src: url.href, alt: isString(alt) ? cleanText(alt, 300) : title };
  if (isObj) {
    for (const dim of ['width', 'height'] as const) {
      const n = read(value, dim);
      if (isNumber(n) && n >= 1 && n < 100_000) img[dim] = Math.round(n);
    }
  }
  return img;
};

/** Checked here, mapped to positions once every record is read (normalizeSteps). */
const near: Check = (value) => (isArray(value) && value.every(isNumber) ? value : undefined);

/**
 * Every optional field with its check, and the code (`invalid-type` if none)
 * and detail (the value if none) of the warning when the check fails.
 */
const OPTIONAL: [keyof Article, Check, ProblemCode?, string?][] = [
  ['summary', text(1000)], ['section', text(80)], ['author', text(120)],
  ['publishedAt', parseDate, 'invalid-date'], ['updatedAt', parseDate, 'invalid-date'],
  ...(['views', 'views24h', 'views7d', 'views30d'] as const).map((field): [keyof Article, Check, ProblemCode] => [field, count, 'invalid-number']),
  ['tags', tags], ['image', image], ['keywords', normalizeKeywords, 'invalid-type', 'need strings or [term, weight > 0]'], ['near', near],
];
/**
 * The prototype of every article: it has none itself, so articles read no
 * polluted `Object.prototype` field. V8 keeps `Object.create(null)` objects
 * as dictionaries; objects made from a prototype get fast properties,
 * quicker to fill and to read.
 */
const BARE = Object.create(null) as object;
/** A keyword as `readnext build` writes it (one word, clean, lowercase, short), so `cleanText` and `toLowerCase` can be skipped. */
const LOWER = /^[a-z\d]{1,60}$/;
const LANG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;
const langOf = (value: unknown): string | undefined => {
  const lang = isString(value) ? value.trim() : '';
  return LANG.test(lang) ? lang : undefined;
};

/** Longest label; longer ones are cut like titles. */
const MAX_LABEL = 100;

/**
 * A manifest's `labels`: `{ "<language tag>": [related heading, popular
 * heading, "Sponsored"] }`, keys lowercased, labels cleaned and cut at
 * {@link MAX_LABEL} characters. An entry whose key is not a language tag or
 * whose value is not 3 strings, each with something visible, is dropped with
 * a warning (`index: -1`, field `labels`, the key as detail), as is a
 * `labels` that is not an object. Undefined when no entry is kept. The
 * result has no prototype, so a page that adds `Object.prototype.fr` adds no
 * label set.
 */
export function normalizeLabels(value: unknown, problems: Problem[]): Labels | undefined {
  const out = Object.create(null) as Labels;
  let kept: LabelSet | undefined;
  for (const [key, set] of isObject(value) ? Object.entries(value) : [['', value] as const]) {
    const labels = isArray(set) && set.length == 3 && set.every(isString) && set.map((label) => cleanText(label, MAX_LABEL));
    if (LANG.test(key) && labels && labels.every(Boolean)) kept = out[key.toLowerCase()] = labels as unknown as LabelSet;
    else problems.push(problem(-1, 'labels', 'invalid-type', preview(key || value), true));
  }
  return kept && out;
}

/**
 * A problem with its message, `[field: ]code in words[ (detail)]`, e.g.
 * `views: invalid number (-4)` or `not an object (null)`.
 */
function problem(index: number, field: string, code: ProblemCode, detail = '', warn?: boolean, id?: string): Problem {
  const message = `${field && field + ': '}${code.replace(/-/g, ' ')}${detail && ` (${detail})`}`;
  return { index, ...(id && { id }), field, code, message, level: warn ? 'warning' : 'error' };
}

/**
 * Turns any supported manifest document into articles and problems:
 * `{ version: 1, home_page_url?, articles }`, a bare array of articles, or a
 * JSON Feed 1.1 document (items mapped to articles). Never throws. A hole in
 * an array built in code (`[a, , b]`) is no record and is skipped; every
 * record is either an article or dropped with an error problem.
 */
export function normalizeManifest(input: unknown, options?: NormalizeOptions): NormalizedManifest {
  for (const steps = normalizeSteps(input, options, feedGetter); ; ) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * {@link normalizeManifest} in slices, for the main thread: yields after
 * every {@link NORMALIZE_STEP} records so the caller can give the page a
 * turn (`await` a macrotask) before calling `next()` again, and returns the
 * same result. Never throws, whatever the input. A JSON Feed needs `feed`,
 * its item reader ({@link feedGetter}): the script-tag bundle passes it once
 * it has loaded it (src/data/store.ts), and fails the feed without it.
 */
export function* normalizeSteps(input: unknown, options: NormalizeOptions = {}, feed?: FeedReader): Generator<void, NormalizedManifest, void> {
  const fail = (code: ProblemCode, detail: string): NormalizedManifest => ({ articles: [], problems: [problem(-1, '', code, detail)] });
  try {
    let records = input;
    let homePageUrl: string | undefined;
    let lang: string | undefined;
    let isFeedDoc = false;
    let labels: Labels | undefined;
    const problems: Problem[] = [];
    if (isObject(input)) {
      const version = read(input, 'version');
      const language = read(input, 'language');
      homePageUrl = safeUrl(read(input, 'home_page_url'), options.manifestUrl)?.href;
      lang = langOf(isString(language) ? language : read(input, 'lang'));
      isFeedDoc = isFeed(input);
      if (isFeedDoc && !feed) return fail('invalid-manifest', 'JSON Feed reader not loaded');
      records = read(input, isFeedDoc ? 'items' : 'articles');
      if (!isFeedDoc && isArray(records) && version !== undefined && version !== 1) return fail('unsupported-version', preview(version) + ', expected 1');
      const given = isFeedDoc ? undefined : read(input, 'labels');
      if (given !== undefined) labels = normalizeLabels(given, problems);
    }
    if (!isArray(records)) return fail('invalid-manifest', 'not {version: 1, articles}, an article array or a JSON Feed');

    const max = options.maxArticles;
    const limit = isNumber(max) && max >= 0 ? Math.floor(max) : MAX_ARTICLES;
    let n = records.length;
    if (n > limit) {
      problems.push(problem(limit, '', 'too-many', `maxArticles ${limit}: ${n - limit} records dropped`));
      n = limit;
    }

    const base = homePageUrl ?? options.manifestUrl;
    const articles: Article[] = [];
    const ids = new Set<string>();
    const urls = new Set<string>();
    // Raw index → normalised position + 1 (0: dropped), for `near`.
    const positions = new Int32Array(n);
    for (let index = 0; index < n; index++) {
      if (index && !(index % NORMALIZE_STEP)) yield;
      // A hole in an array built in code is no record (and is not read through a polluted Array.prototype).
      if (!own(records, index)) continue;
      let article: Article | undefined;
      try {
        article = normalizeArticle(records[index], index, isFeedDoc ? feed : undefined, base, problems, options.keepBody);
      } catch {
        // A getter or Proxy trap that throws, from a manifest built in code.
        problems.push(problem(index, '', 'invalid-type', 'record unreadable'));
        continue;
      }
      if (!article) continue;
      const { id, canonicalUrl } = article;
      const dup = ids.has(id) ? 'id' : urls.has(canonicalUrl) ? 'url' : '';
      if (dup) {
        problems.push(problem(index, dup, `duplicate-${dup}`, preview(dup == 'id' ? id : canonicalUrl), false, id));
        continue;
      }
      ids.add(id);
      urls.add(canonicalUrl);
      positions[index] = articles.push(article);
    }

    // Second pass: `near` holds the raw (checked) number array until the
    // positions of every record are known.
    const seen = new Int32Array(articles.length);
    for (let p = 0; p < articles.length; p++) {
      if (p && !(p % (NORMALIZE_STEP * 8))) yield;
      const article = articles[p];
      // Own property only: a polluted Object.prototype.near is no neighbour list.
      if (!own(article, 'near')) continue;
      const raw = article.near as unknown as number[];
      const list: [number, number][] = (article.near = []);
      for (let j = 1; j < raw.length && list.length < MAX_NEAR; j += 2) {
        // A typed array reads non-integer, negative or out-of-range indices as undefined (NaN here).
        const q = positions[raw[j - 1]] - 1;
        const milli = raw[j];
        if (q >= 0 && q != p && seen[q] != p + 1 && milli > 0 && milli <= 1000) {
          seen[q] = p + 1;
          list.push([q, milli / 1000]);
        }
      }
    }
    // `labels` own even when undefined: the store reads it, and a page's Object.prototype.labels must not answer.
    return { articles, problems, labels, ...(homePageUrl && { homePageUrl }), ...(lang && { lang }) };
  } catch {
    // Only a document built in code (a Proxy, a throwing getter on the array)
    // gets here; JSON.parse output cannot throw while being read.
    return fail('invalid-manifest', 'document unreadable');
  }
}

function normalizeArticle(
  record: unknown,
  index: number,
  feed: FeedReader | undefined,
  base: string | undefined,
  problems: Problem[],
  keepBody?: boolean,
): Article | undefined {
  if (!isObject(record)) return void problems.push(problem(index, '', 'not-an-object', preview(record)));
  const get: Getter = feed ? feed(record) : (key) => read(record, key);
  const rawId = get('id');
  const id = isString(rawId) || (isNumber(rawId) && isFinite(rawId)) ? cleanText('' + rawId, 200) : '';
  // `drop` drops the record (an error); without it one field goes (a warning).
  const bad = (field: string, detail: string, drop?: boolean, code: ProblemCode = 'invalid-type'): undefined =>
    void problems.push(problem(index, field, code, detail, !drop, id));

  const title = get('title');
  const rawUrl = get('url');
  for (const [field, value] of [['id', rawId], ['title', title], ['url', rawUrl]] as const) {
    if (value == null || value === '') return bad(field, '', true, 'missing-field');
    if (field == 'id' ? !id : !isString(value) || !cleanText(value, 1)) return bad(field, preview(value), true);
  }
  const url = safeUrl(rawUrl, base, true);
  if (!url) {
    const absolute = base || SCHEME.test(rawUrl as string);
    return bad('url', preview(rawUrl) + (absolute ? '' : ' is relative, no base URL'), true, absolute ? 'unsafe-url' : 'invalid-url');
  }

  // `url.href` is read before canonicalize() strips the URL's fragment and tracking parameters.
  // Object.prototype is not in its chain: a page that sets `Object.prototype.lang`
  // (or `near`, `views`) must not give every article that field where the record has none.
  const article: Article = Object.assign(Object.create(BARE) as object, { id, url: url.href, canonicalUrl: canonicalize(url), title: cleanText(title as string, 300), tags: [], keywords: [] });

  // Not destructured: on a page's first (cold) run, array destructuring
  // goes through the iterator protocol for every field.
  for (const entry of OPTIONAL) {
    const field = entry[0];
    const value = get(field);
    if (value == null || value === '') continue;
    const out = entry[1](value, base, article.title);
    if (out == null) bad(field, entry[3] ?? preview(value), false, out === null ? 'unsafe-url' : entry[2]);
    else if (out !== '') (article as unknown as Json)[field] = out;
  }

  const lang = langOf(get('lang'));
  if (lang) article.lang = lang;
  for (const flag of ['sponsored', 'noindex'] as const) if (get(flag) === true) article[flag] = true;
  const body = keepBody && get('body');
  if (isString(body)) article.body = body;
  return article;
}

/** Strings (ranked by position: the first counts most) or `[term, weight > 0]` pairs; anything else is undefined. */
function normalizeKeywords(value: unknown): WeightedTerm[] | undefined {
  if (!isArray(value)) return;
  const out: WeightedTerm[] = [];
  const seen = new Set<string>();
  const n = Math.min(value.length, 200);
  for (let i = 0; i < n; i++) {
    const entry: unknown = value[i];
    const pair = isArray(entry);
    const term: unknown = pair ? entry[0] : entry;
    const weight: unknown = pair ? entry[1] : 1 - i / (n + 1);
    if (!isString(term) || !isNumber(weight) || !(weight > 0 && weight < Infinity)) return;
    const cleaned = LOWER.test(term) ? term : cleanText(term, 60).toLowerCase();
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
const INVISIBLE_CLASS = '\\p{Cc}\\p{Default_Ignorable_Code_Point}\\uFFF9-\\uFFFB';
const INVISIBLE = new RegExp(`(?![\\uFE00-\\uFE0F\\t\\n\\v\\f\\r])[${INVISIBLE_CLASS}]`, 'gu');
// Text that is already clean: visible words separated by single spaces. Most
// text is, and this one test is several times faster than the two replaces.
const VISIBLE = `[^\\s${INVISIBLE_CLASS}]+`;
const CLEAN = new RegExp(`^${VISIBLE}( ${VISIBLE})*$`, 'u');

/**
 * Trims, collapses white space, removes invisible format characters (zero
 * widths, bidi controls, BOM) that would split or spoof words, and caps
 * length without cutting a surrogate pair in half.
 */
export function cleanText(value: string, max: number): string {
  const cleaned = CLEAN.test(value) ? value : value.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  if (cleaned.length <= max) return cleaned;
  let cut = cleaned.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut) + '…';
}

/** ISO 8601 / RFC 2822 strings and epoch milliseconds; anything else is undefined. */
export function parseDate(value: unknown): number | undefined {
  const ms = isNumber(value) ? value : isString(value) ? Date.parse(value.trim()) : NaN;
  // Years 1900-2200: a wider range is a unit mistake (seconds vs ms), not a date.
  return ms > -2_208_988_800_000 && ms < 7_258_118_400_000 ? ms : undefined;
}

/** A short description of any value for a problem message; never runs the value's own code (toString, toJSON, getters). */
function preview(value: unknown): string {
  const type = typeof value;
  return isString(value)
    ? JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)
    : // number, boolean, bigint: primitives, printed as they are.
      /^[bn]/.test(type)
      ? (value as number) + (type == 'bigint' ? 'n' : '')
      : value === null ? 'null' : isArray(value) ? 'array' : type;
}
