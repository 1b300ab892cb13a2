import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { related } from '../../src/core/related.js';
import type { RelatedOptions, RelatedOptionsInput } from '../../src/core/options.js';
import { catalog, NOW, type Spec } from './helpers.js';

/** Four filler keywords an article shares only with its own "sink" article, so its vector is not a subset of another's. */
const own = (name: string) => `${name}w ${name}x ${name}y ${name}z`;
const sink = (name: string): Spec => ({ id: `sink-${name}`, keywords: `${own(name)} sinkterm` });

/** t shares 4, 3, 2, 1 keywords with a1..a4: cosine 0.71, 0.57, 0.41, 0.22 before IDF. */
const base: Spec[] = [
  { id: 't', keywords: 'alpha beta gamma delta' },
  { id: 'a1', keywords: `alpha beta gamma delta ${own('a1')}` },
  { id: 'a2', keywords: `alpha beta gamma ${own('a2')}` },
  { id: 'a3', keywords: `alpha beta ${own('a3')}` },
  { id: 'a4', keywords: `alpha ${own('a4')}` },
  ...['a1', 'a2', 'a3', 'a4'].map(sink),
];

const strict: Partial<RelatedOptions> = { diversity: 0, fill: false, threshold: 0, now: NOW };
const ids = (c: ReturnType<typeof catalog>, id: string, options: RelatedOptionsInput = {}) =>
  related(c, c.getById(id)!, { ...strict, ...options }).items.map((i) => i.article.id);

describe('related: relevance', () => {
  it('ranks by shared keywords, most first', () => {
    assert.deepEqual(ids(catalog(base), 't'), ['a1', 'a2', 'a3', 'a4']);
  });

  it('respects limit', () => {
    assert.deepEqual(ids(catalog(base), 't', { limit: 2 }), ['a1', 'a2']);
  });

  it('never shows the current article, a copy of it, or two copies of one story', () => {
    // Copies need vectors of 10+ terms for the cosine test; short ones are caught by title.
    const long = (name: string) => Array.from({ length: 8 }, (_, i) => `${name}${i}`).join(' ');
    const c = catalog([
      { id: 't', keywords: `alpha beta gamma delta ${long('t')}` },
      { id: 't-copy', keywords: `alpha beta gamma delta ${long('t')} extra` },
      { id: 't-retitled', title: 'Titlet', keywords: 'alpha beta' },
      { id: 'a1', keywords: `alpha beta gamma ${long('a1')}` },
      { id: 'a1-copy', keywords: `alpha beta gamma ${long('a1')}` },
      { id: 'a2', keywords: `alpha beta ${own('a2')}` },
      sink('a2'),
      { id: 'extra-sink', keywords: 'extra sinkterm' },
    ]);
    assert.deepEqual(ids(c, 't'), ['a1', 'a2']);
  });

  it('ranks a page that is not in the catalogue by its own metadata', () => {
    const c = catalog(base);
    // The page shares alpha, gamma and delta; t itself is just another article here.
    const items = related(c, { url: 'https://elsewhere.example/x', title: 'Gamma and delta news', description: 'Alpha.' }, { ...strict, limit: 3 }).items;
    assert.deepEqual(items.map((i) => i.article.id), ['t', 'a1', 'a2']);
  });

  it('never lists a copy of a page outside the catalogue (same title under another URL)', () => {
    const c = catalog(base);
    const page = { url: 'https://elsewhere.example/a1', title: 'Titlea1', description: 'Alpha beta gamma delta.' };
    assert.deepEqual(related(c, page, { ...strict, limit: 3 }).items.map((i) => i.article.id), ['t', 'a2', 'a3']);
  });

  it('falls back to prefix matching when a page shares no exact term', () => {
    const c = catalog(base);
    const items = related(c, { title: 'Deltas' }, strict).items;
    assert.deepEqual(items.map((i) => i.article.id), ['t', 'a1']);
  });

  it('explains each item: matched terms with weights, and the priors applied', () => {
    const c = catalog([...base.map((s) => ({ ...s, ageDays: 10, views: 100 }))]);
    const [first] = related(c, c.getById('t')!, { ...strict, recencyHalfLifeDays: 10, popularityWeight: 0.5 }).items;
    assert.equal(first!.article.id, 'a1');
    assert.deepEqual(first!.matched.map(([term]) => term).sort(), ['alpha', 'beta', 'delta', 'gamma']);
    assert.ok(first!.matched.every(([, w]) => w > 0));
    assert.deepEqual(first!.factors.map((f) => f.kind), ['match', 'recency', 'popularity']);
    assert.equal(first!.factors[1]!.value, 0.5);
    assert.equal(first!.factors[2]!.value, 1.5);
  });
});

describe('related: diversity', () => {
  // b1 and b2 share most of their terms; c1 is less relevant but new.
  const specs: Spec[] = [
    { id: 't', keywords: 'alpha beta gamma delta epsilon' },
    { id: 'b1', keywords: `alpha beta gamma delta bw bx by ${own('b1')}` },
    { id: 'b2', keywords: `alpha beta gamma epsilon bw bx by ${own('b2')}` },
    { id: 'c1', keywords: `alpha epsilon ${own('c1')}` },
    sink('b1'),
    sink('b2'),
    sink('c1'),
  ];
  it('without diversity, the two similar items come first', () => {
    assert.deepEqual(ids(catalog(specs), 't'), ['b1', 'b2', 'c1']);
  });
  it('with diversity, a new angle goes ahead of a near-repeat', () => {
    assert.deepEqual(ids(catalog(specs), 't', { diversity: 0.5 }), ['b1', 'c1', 'b2']);
  });
});

describe('related: priors', () => {
  // old matches slightly better than fresh.
  const specs: Spec[] = [
    { id: 't', keywords: 'alpha beta gamma delta', section: 'news' },
    { id: 'old', keywords: `alpha beta gamma ${own('old')}`, ageDays: 400, views: 10, section: 'news' },
    { id: 'fresh', keywords: `alpha beta delta ${own('fresh')} extra`, ageDays: 1, views: 5000, section: 'sport' },
    { id: 'mid', keywords: `alpha ${own('mid')}`, ageDays: 30, views: 0, section: 'sport' },
    sink('old'),
    { ...sink('fresh'), keywords: `${own('fresh')} extra sinkterm` },
    sink('mid'),
  ];
  it('ranks by relevance alone by default', () => {
    assert.deepEqual(ids(catalog(specs), 't'), ['old', 'fresh', 'mid']);
  });
  it('recency half-life pushes old archive pieces down', () => {
    assert.deepEqual(ids(catalog(specs), 't', { recencyHalfLifeDays: 30 }), ['fresh', 'mid', 'old']);
  });
  it('popularity prior favours widely read items', () => {
    assert.deepEqual(ids(catalog(specs), 't', { popularityWeight: 1 }), ['fresh', 'old', 'mid']);
  });
  it('same-section boost favours the current section', () => {
    assert.deepEqual(ids(catalog(specs), 't', { sameSectionBoost: 1 }), ['old', 'fresh', 'mid']);
    assert.deepEqual(ids(catalog(specs), 't', { sectionCap: 0, sameSectionBoost: 1.5, limit: 3 }), ['old', 'fresh', 'mid']);
    const c = catalog(specs.map((s) => (s.id === 'old' ? { ...s, section: 'sport' } : s.id === 'fresh' ? { ...s, section: 'news' } : s)));
    assert.deepEqual(ids(c, 't'), ['old', 'fresh', 'mid']);
    assert.deepEqual(ids(c, 't', { sameSectionBoost: 2 }), ['fresh', 'old', 'mid']);
  });
});

describe('related: caps, pinned, exclusions, sponsored', () => {
  const tagged: Spec[] = base.map((s) =>
    s.id === 'a1' || s.id === 'a2' ? { ...s, section: 'politics', tags: ['Election'] } : s.id.startsWith('a') ? { ...s, section: 'business', tags: ['Markets'] } : s,
  );
  it('caps items per section', () => {
    assert.deepEqual(ids(catalog(tagged), 't', { sectionCap: 1 }), ['a1', 'a3']);
  });
  it('caps items per tag, case-insensitively', () => {
    const c = catalog(tagged.map((s) => (s.id === 'a2' ? { ...s, tags: ['election'] } : s)));
    assert.deepEqual(ids(c, 't', { tagCap: 1 }), ['a1', 'a3']);
  });
  it('shows pinned items first, in the given order, skipping unknown and current ids', () => {
    assert.deepEqual(ids(catalog(base), 't', { pinned: ['a4', 'nope', 't', 'a3'] }), ['a4', 'a3', 'a1', 'a2']);
  });
  it('excludes ids, sections, tags and old articles', () => {
    const c = catalog(tagged.map((s) => ({ ...s, ageDays: s.id === 'a3' ? 100 : 1 })));
    assert.deepEqual(ids(c, 't', { exclude: { ids: ['a1'] } }), ['a2', 'a3', 'a4']);
    assert.deepEqual(ids(c, 't', { exclude: { sections: ['POLITICS'] } }), ['a3', 'a4']);
    assert.deepEqual(ids(c, 't', { exclude: { tags: ['markets'] } }), ['a1', 'a2']);
    assert.deepEqual(ids(c, 't', { maxAgeDays: 30 }), ['a1', 'a2', 'a4']);
  });
  it('leaves noindex articles out', () => {
    assert.deepEqual(ids(catalog(base.map((s) => (s.id === 'a2' ? { ...s, noindex: true } : s))), 't'), ['a1', 'a3', 'a4']);
  });
  it('places the best sponsored article at the sponsored position, and leaves it out otherwise', () => {
    const c = catalog(base.map((s) => (s.id === 'a3' ? { ...s, sponsored: true } : s)));
    assert.deepEqual(ids(c, 't'), ['a1', 'a2', 'a4']);
    const items = related(c, c.getById('t')!, { ...strict, sponsoredPosition: 1 }).items;
    assert.deepEqual(items.map((i) => [i.article.id, i.source]), [['a3', 'sponsored'], ['a1', 'related'], ['a2', 'related'], ['a4', 'related']]);
  });
});

describe('related: threshold and fill', () => {
  const specs: Spec[] = [...base, { id: 'p1', keywords: 'solo1', views: 900 }, { id: 'p2', keywords: 'solo2', views: 50 }];
  it('drops items below threshold × best score', () => {
    // a3 scores about 0.58 of a1, a4 about 0.3.
    assert.deepEqual(ids(catalog(specs), 't', { threshold: 0.5 }), ['a1', 'a2', 'a3']);
  });
  it('fills from popular when too few pass, and says how many', () => {
    const c = catalog(specs);
    const r = related(c, c.getById('t')!, { ...strict, threshold: 0.7, fill: true, limit: 4 });
    assert.deepEqual(r.items.map((i) => [i.article.id, i.source]), [['a1', 'related'], ['a2', 'related'], ['p1', 'popular'], ['p2', 'popular']]);
    assert.equal(r.filled, 2);
    assert.equal(r.items[2]!.factors.at(-1)!.kind, 'fill');
  });
});

describe('related: reader history', () => {
  const specs: Spec[] = [
    { id: 't', keywords: 'alpha beta' },
    { id: 'x', keywords: `alpha beta ${own('x')}` },
    { id: 'y', keywords: 'alpha omega psi chi phi' },
    { id: 'r', keywords: 'omega psi chi phi' },
    sink('x'),
  ];
  it('never shows already-read articles', () => {
    assert.deepEqual(ids(catalog(specs), 't', { read: ['x'] }), ['y']);
  });
  it('blends recent reads into the query', () => {
    assert.deepEqual(ids(catalog(specs), 't'), ['x', 'y']);
    assert.deepEqual(ids(catalog(specs), 't', { recent: ['r'], read: ['r'] }), ['y', 'x']);
  });
});

describe('related: options', () => {
  it('clamps numbers and drops wrong-typed lists instead of throwing', async () => {
    const { resolveRelatedOptions } = await import('../../src/core/options.js');
    const o = resolveRelatedOptions({
      limit: 999,
      threshold: -1,
      diversity: Number.NaN,
      now: Number.POSITIVE_INFINITY,
      pinned: null as unknown as string[],
      read: ['a', 5 as unknown as string],
      exclude: { sections: 'World' as unknown as string[] },
    });
    assert.equal(o.limit, 50);
    assert.equal(o.threshold, 0);
    assert.equal(o.diversity, 0.1);
    assert.ok(Number.isFinite(o.now));
    assert.deepEqual(o.pinned, []);
    assert.deepEqual(o.read, ['a']);
    assert.deepEqual(o.exclude.sections, []);
    const c = catalog(base);
    assert.deepEqual(ids(c, 't', { limit: 2.6, recent: 'x' as unknown as string[] }), ['a1', 'a2', 'a3']);
  });
});

describe('related: field weights', () => {
  // t and h share only a title word ("harbour"); t and k share three
  // keywords, o one. At the default weights the keywords win (k 0.49, h 0.31);
  // a title weight of 3 makes the one headline word outweigh them (h 0.63,
  // k 0.32), and o stays last.
  const specs: Spec[] = [
    { id: 't', title: 'Harbour tidings', keywords: 'alpha beta gamma' },
    { id: 'h', title: 'Harbour lanterns', keywords: `${own('h')} ${own('h2')}` },
    { id: 'k', keywords: `alpha beta gamma ${own('k')}` },
    { id: 'o', keywords: `beta ${own('o')}` },
    ...['h', 'h2', 'k', 'o'].map(sink),
  ];

  it('neighbours follow the build-time weights', () => {
    assert.deepEqual(ids(catalog(specs), 't'), ['k', 'h', 'o']);
    assert.deepEqual(ids(catalog(specs, { fieldWeights: { title: 1.5, summary: 1.25, tags: 1.25, keywords: 1 } }), 't'), ['k', 'h', 'o']);
    assert.deepEqual(ids(catalog(specs, { fieldWeights: { title: 3 } }), 't'), ['h', 'k', 'o']);
    // A field weighted 0 is left out: only the shared title word is left.
    assert.deepEqual(ids(catalog(specs, { fieldWeights: { keywords: 0 } }), 't'), ['h']);
  });

  it('at run time they do not reorder a built page: its neighbours were ranked at build time', () => {
    assert.deepEqual(ids(catalog(specs), 't', { fieldWeights: { title: 3 } }), ['k', 'h', 'o']);
  });

  it('at run time they weigh the query of a page outside the manifest; 0 leaves a field out', () => {
    const c = catalog(specs);
    const page = { url: 'https://elsewhere.example/p', title: 'Harbour', description: 'Gamma.' };
    const run = (fieldWeights: RelatedOptionsInput['fieldWeights']) => related(c, page, { ...strict, fieldWeights }).items.map((i) => i.article.id);
    // "harbour" alone: t and h match it equally (same title length), so the tie goes by id.
    assert.deepEqual(run({ summary: 0 }), ['h', 't']);
    assert.deepEqual(run({ title: 0 }), ['t', 'k']);
  });

  it('weigh the matched terms of explanations', () => {
    const c = catalog(specs);
    const matched = (fieldWeights?: RelatedOptionsInput['fieldWeights']) =>
      related(c, c.getById('t')!, { ...strict, ...(fieldWeights && { fieldWeights }) }).items.find((i) => i.article.id === 'h')!.matched;
    assert.deepEqual(matched().map(([term]) => term), ['harbour']);
    assert.ok(matched({ title: 3 })[0]![1] > matched()[0]![1]);
  });

  it('merges partial weights over the defaults and clamps each one', async () => {
    const { resolveRelatedOptions, RELATED_DEFAULTS } = await import('../../src/core/options.js');
    assert.equal(resolveRelatedOptions({}).fieldWeights, RELATED_DEFAULTS.fieldWeights);
    assert.equal(resolveRelatedOptions({ fieldWeights: { title: 1.5 } }).fieldWeights, RELATED_DEFAULTS.fieldWeights);
    assert.deepEqual(RELATED_DEFAULTS.fieldWeights, { title: 1.5, summary: 1.25, tags: 1.25, keywords: 1 });
    const bad = { title: 99, summary: -1, tags: Number.NaN, keywords: '2' } as unknown as RelatedOptions['fieldWeights'];
    assert.deepEqual(resolveRelatedOptions({ fieldWeights: bad }).fieldWeights, { title: 10, summary: 0, tags: 1.25, keywords: 1 });
    assert.equal(resolveRelatedOptions({ fieldWeights: 'heavy' as unknown as RelatedOptions['fieldWeights'] }).fieldWeights, RELATED_DEFAULTS.fieldWeights);
  });
});

describe('related: build-time neighbours', () => {
  it('ranks a built page from its neighbour list alone', () => {
    const c = catalog(base);
    // A list that contradicts the keywords wins: ranking reads `near`, not vectors.
    const t = c.getById('t')!;
    const at = (id: string) => c.articles.indexOf(c.getById(id)!);
    t.near = [[at('a4'), 0.7], [at('a2'), 0.5], [at('sink-a1'), 0.3]];
    assert.deepEqual(ids(c, 't'), ['a4', 'a2', 'sink-a1']);
    const [first] = related(c, t, strict).items;
    assert.deepEqual(first!.factors[0], { kind: 'match', detail: 'similarity', value: 0.7 });
    // At the duplicate threshold a neighbour is a copy of the current story.
    t.near[0]![1] = 0.8;
    assert.deepEqual(ids(c, 't'), ['a2', 'sink-a1']);
  });

  it('ignores pairs that point outside the catalogue; an empty list (every neighbour dropped) falls back to search', () => {
    const c = catalog(base);
    const t = c.getById('t')!;
    t.near = [[99, 0.9], [-1, 0.8], [c.articles.indexOf(c.getById('a3')!), 0.5]];
    assert.deepEqual(ids(c, 't'), ['a3']);
    t.near = [];
    const searched = ids(c, 't');
    t.near = undefined;
    assert.deepEqual(searched, ids(c, 't'));
    assert.ok(searched.length > 0);
  });

  it('a page of an unbuilt manifest (no near) is ranked by MiniSearch over its terms', () => {
    const c = catalog(base, { near: false });
    const r = related(c, c.getById('t')!, strict);
    assert.deepEqual(r.items.map((i) => i.article.id), ['a1', 'a2', 'a3', 'a4']);
    assert.equal(r.items[0]!.factors[0]!.detail, 'text match');
  });

  it('never pulls the vector index into the browser bundle', async () => {
    const { build } = await import('esbuild');
    const out = await build({ entryPoints: ['src/bundle.ts'], bundle: true, write: false, metafile: true, logLevel: 'silent', format: 'esm' });
    const inputs = Object.keys(out.metafile.inputs);
    assert.ok(inputs.includes('src/core/related.ts'));
    assert.deepEqual(inputs.filter((p) => /vector-index|neighbours|keywords\.ts|build\.ts/.test(p)), []);
  });
});
