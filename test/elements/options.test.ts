/**
 * Ranking options as attributes (issue 3): every attribute reaches the core
 * as its option, shown through `explain`, so each case's expectation is the
 * core's own answer for that option, rendered line for line. Reader history:
 * no storage access unless `history` is set, and none of it breaks when
 * storage throws.
 */
import { expect } from '@esm-bundle/chai';
import '../../src/define.js';
import { Catalog } from '../../src/core/catalog.js';
import { normalizeManifest } from '../../src/core/normalize.js';
import type { PopularOptions, RelatedOptions } from '../../src/core/options.js';
import { popular } from '../../src/core/popular.js';
import { related } from '../../src/core/related.js';
import type { RankedItem } from '../../src/core/types.js';
import { HISTORY_KEY } from '../../src/data/history.js';
import type { ReadnextBase } from '../../src/elements/readnext-base.js';
import { cleanup, clearHead, manifestUrl, mount, setHead, settled, shown } from './helpers.js';

type Records = Record<string, unknown>[];

/**
 * The news fixture plus a sponsored article and all-time views, so every
 * option has something to act on. The sponsored article joins every
 * neighbour list (similarity 0.3), as a build over all of them would put it.
 */
async function records(): Promise<Records> {
  const news = (await (await fetch('/test/fixtures/elements/news.json')).json()) as { articles: Records };
  const sponsored = news.articles.length;
  return [
    ...news.articles.map((a) => ({ ...a, views: 3 * Number(a.views7d), near: [...(a.near as number[]), sponsored, 300] })),
    {
      id: 'acme-batteries',
      url: '/news/acme-batteries',
      title: 'Power your home through the heatwave with Acme batteries',
      summary: 'Store solar energy at midday and keep the power on through the evening peak.',
      section: 'Partner',
      tags: ['energy', 'batteries'],
      publishedAt: '2026-11-19T09:00:00Z',
      sponsored: true,
    },
  ];
}

/** What `explain` shows for an item: its id, then one line per reason. */
function explained(item: RankedItem): string[] {
  const id = new URL(item.article.url).pathname.split('/').pop() ?? '';
  const matched = item.matched.length ? [`matched: ${item.matched.map(([t, w]) => `${t} ${w}`).join(', ')}`] : [];
  return [id, ...matched, ...item.factors.map((f) => `${f.detail} (${f.kind} ${+f.value.toPrecision(3)})`)];
}

/** The same, read from the element's shadow DOM. */
function rendered(element: Element): string[][] {
  return [...(element.shadowRoot?.querySelectorAll('ol > li') ?? [])].map((li) => [
    new URL(li.querySelector('a')!.href).pathname.split('/').pop() ?? '',
    ...[...li.querySelectorAll('[part="explain"] li')].map((x) => x.textContent ?? ''),
  ]);
}

async function element(tag: string, attributes: string, articles: Records): Promise<ReadnextBase> {
  const el = mount(`<${tag} ${attributes} explain eager></${tag}>`).firstElementChild as ReadnextBase;
  el.articles = articles as unknown as ReadnextBase['articles'];
  await settled(el, 'ready');
  return el;
}

const RELATED_CASES: [attributes: string, options: Partial<RelatedOptions>][] = [
  ['threshold="0.9" fill="off"', { threshold: 0.9, fill: false }],
  ['threshold="0.9"', { threshold: 0.9 }],
  ['diversity="0.9"', { diversity: 0.9 }],
  ['recency-half-life="2"', { recencyHalfLifeDays: 2 }],
  ['popularity-weight="1"', { popularityWeight: 1 }],
  ['same-section-boost="4"', { sameSectionBoost: 4 }],
  ['section-cap="1" limit="4"', { sectionCap: 1, limit: 4 }],
  ['tag-cap="1"', { tagCap: 1 }],
  ['pinned="farmers-market ai-tutors"', { pinned: ['farmers-market', 'ai-tutors'] }],
  ['exclude-ids="battery-storage solar-farms"', { exclude: { ids: ['battery-storage', 'solar-farms'] } }],
  ['exclude-sections="climate"', { exclude: { sections: ['climate'] } }],
  ['exclude-tags="energy  drought"', { exclude: { tags: ['energy', 'drought'] } }],
  ['max-age="9"', { maxAgeDays: 9 }],
  ['sponsored-position="2"', { sponsoredPosition: 2 }],
  ['field-weights="title:8 keywords:0.2"', { fieldWeights: { title: 8, keywords: 0.2 } as RelatedOptions['fieldWeights'] }],
  // Unknown fields, non-numbers and entries without a value are skipped one by one.
  ['field-weights="title:8 bogus:3 summary:x keywords subtitle:0"', { fieldWeights: { title: 8 } as RelatedOptions['fieldWeights'] }],
];

describe('ranking options as attributes', () => {
  let data: Records;
  let catalog: Catalog;
  before(async () => {
    data = await records();
    catalog = new Catalog(normalizeManifest(data, { manifestUrl: document.baseURI }).articles);
  });
  afterEach(() => {
    cleanup();
    clearHead();
  });

  const expectRelated = (options: Partial<RelatedOptions>) =>
    related(catalog, catalog.getById('heatwave-grid')!, options).items.map(explained);

  for (const [attributes, options] of RELATED_CASES) {
    it(`<readnext-related ${attributes}> ranks with ${JSON.stringify(options)}`, async () => {
      const expected = expectRelated(options);
      // Each case must change the list or its reasons, or it would prove nothing.
      expect(expected, 'differs from the defaults').not.to.deep.equal(expectRelated({}));
      const el = await element('readnext-related', `article-id="heatwave-grid" ${attributes}`, data);
      expect(rendered(el)).to.deep.equal(expected);
    });
  }

  it('pinned items lead, excluded ones never show, fill="off" leaves a short list short', async () => {
    const pinned = await element('readnext-related', 'article-id="heatwave-grid" pinned="farmers-market ai-tutors" exclude-sections="Sport"', data);
    expect(shown(pinned).slice(0, 2)).to.deep.equal(['farmers-market', 'ai-tutors']);
    expect(shown(pinned)).not.to.include.members(['derby-report', 'transfer-deadline', 'city-marathon']);
    const strict = await element('readnext-related', 'article-id="heatwave-grid" threshold="1" fill="off"', data);
    expect(shown(strict)).to.have.length(1);
    const filled = await element('readnext-related', 'article-id="heatwave-grid" threshold="1"', data);
    expect(shown(filled)).to.have.length(5);
    expect(rendered(filled)[4]?.join(' ')).to.match(/filled from popular \(fill 0\)/);
  });

  it('explain lists matched terms with weights under each item, outside the link', async () => {
    const el = await element('readnext-related', 'article-id="heatwave-grid"', data);
    const first = el.shadowRoot!.querySelector('ol > li')!;
    const why = first.querySelector('[part="explain"]')!;
    expect(why.closest('a')).to.equal(null);
    expect(why.textContent).to.match(/^matched: [a-z]+ 0\.\d+/);
    el.explain = false;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="explain"]')).to.equal(null);
  });

  it('the explain view passes axe in every layout', async () => {
    const w = window as unknown as { axe?: { run(context: Element): Promise<{ violations: { id: string }[] }> } };
    if (!w.axe) {
      await new Promise((resolve, reject) => {
        const script = Object.assign(document.createElement('script'), { src: '/node_modules/axe-core/axe.min.js', onload: resolve, onerror: reject });
        document.head.append(script);
      });
    }
    for (const layout of ['list', 'grid', 'compact']) {
      const el = await element('readnext-related', `article-id="heatwave-grid" layout="${layout}" pinned="ai-tutors" threshold="0.9"`, data);
      const { violations } = await w.axe!.run(el);
      expect(violations.map((v) => v.id), layout).to.deep.equal([]);
    }
  });

  it('an unparsable number falls back to the default', async () => {
    const el = await element('readnext-related', 'article-id="heatwave-grid" threshold="lots" diversity=""', data);
    expect(rendered(el)).to.deep.equal(expectRelated({ diversity: 0 }));
  });

  for (const [attributes, options] of [
    ['metric="trending" window="all"', { metric: 'trending', window: 'all' }],
    ['metric="trending" gravity="0" window="all"', { metric: 'trending', gravity: 0, window: 'all' }],
    ['exclude-tags="football" exclude-ids="river-drought"', { exclude: { tags: ['football'], ids: ['river-drought'] } }],
  ] as [string, Partial<PopularOptions>][]) {
    it(`<readnext-popular ${attributes}> ranks with ${JSON.stringify(options)}`, async () => {
      setHead({ canonical: '/news/heatwave-grid' });
      const expected = popular(catalog, { ...options, exclude: { ...options.exclude, ids: [...(options.exclude?.ids ?? []), 'heatwave-grid'] } }).items.map(explained);
      expect(expected).not.to.deep.equal(popular(catalog, { exclude: { ids: ['heatwave-grid'] } }).items.map(explained));
      const el = await element('readnext-popular', attributes, data);
      expect(rendered(el)).to.deep.equal(expected);
    });
  }
});

describe('reader history', () => {
  const DAY = 86_400_000;
  const original = Object.getOwnPropertyDescriptor(window, 'localStorage')!;
  let touched = 0;
  let throwing = false;

  /** Counts every access to `localStorage`, and makes it throw like Safari's private mode when asked. */
  function watchStorage(): void {
    touched = 0;
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        touched++;
        if (throwing) throw new DOMException('The operation is insecure.', 'SecurityError');
        return original.get!.call(window);
      },
    });
  }

  let data: Records;
  let catalog: Catalog;
  before(async () => {
    data = await records();
    catalog = new Catalog(normalizeManifest(data, { manifestUrl: document.baseURI }).articles);
  });
  beforeEach(() => {
    throwing = false;
    localStorage.removeItem(HISTORY_KEY);
    watchStorage();
  });
  afterEach(() => {
    Object.defineProperty(window, 'localStorage', original);
    localStorage.removeItem(HISTORY_KEY);
    cleanup();
  });

  it('without `history`, no storage is touched at all', async () => {
    const { url } = manifestUrl();
    const container = mount(`
      <readnext-related manifest="${url}" article-id="heatwave-grid" eager></readnext-related>
      <readnext-popular manifest="${url}" eager></readnext-popular>`);
    for (const el of container.children) await settled(el as ReadnextBase);
    expect(touched).to.equal(0);
  });

  it('records the article, hides what was read from both blocks and blends recent reads into related', async () => {
    const now = Date.now();
    localStorage.setItem(HISTORY_KEY, JSON.stringify([['battery-storage', now - DAY], ['solar-farms', now - 31 * DAY]]));
    const rel = await element('readnext-related', 'article-id="heatwave-grid" history', data);
    const read = ['battery-storage'];
    expect(rendered(rel)).to.deep.equal(related(catalog, catalog.getById('heatwave-grid')!, { read, recent: read }).items.map(explained));
    expect(shown(rel)).not.to.include('battery-storage');
    // Expired reads are forgotten, so solar-farms may show again.
    const stored = JSON.parse(localStorage.getItem(HISTORY_KEY)!) as [string, number][];
    expect(stored.map(([id]) => id)).to.deep.equal(['heatwave-grid', 'battery-storage']);
    const pop = await element('readnext-popular', 'article-id="derby-report" history window="all"', data);
    expect(shown(pop)).not.to.include.members(['battery-storage', 'heatwave-grid']);
    expect(touched).to.be.greaterThan(0);
  });

  it('keeps at most 50 reads, newest first', async () => {
    const now = Date.now();
    localStorage.setItem(HISTORY_KEY, JSON.stringify(Array.from({ length: 70 }, (_, i) => [`old-${i}`, now - i * 1000])));
    await element('readnext-related', 'article-id="heatwave-grid" history', data);
    const stored = JSON.parse(localStorage.getItem(HISTORY_KEY)!) as [string, number][];
    expect(stored).to.have.length(50);
    expect(stored[0]![0]).to.equal('heatwave-grid');
    expect(stored[1]![0]).to.equal('old-0');
  });

  it('storage that throws (private mode, sandboxed frames) or holds garbage means no history, not a broken block', async () => {
    throwing = true;
    const blocked = await element('readnext-related', 'article-id="heatwave-grid" history', data);
    expect(shown(blocked)).to.deep.equal(related(catalog, catalog.getById('heatwave-grid')!).items.map((i) => i.article.id));
    throwing = false;
    localStorage.setItem(HISTORY_KEY, '{"not": "a list"');
    const garbage = await element('readnext-related', 'article-id="derby-report" history', data);
    expect(shown(garbage)).to.have.length(5);
    expect((JSON.parse(localStorage.getItem(HISTORY_KEY)!) as [string, number][]).map(([id]) => id)).to.deep.equal(['derby-report']);
  });
});
