/**
 * Languages (issue 7) and bidi isolation (issue 6): labels follow `lang`
 * (the element's, else the nearest up the page). The bundle has English
 * built in; other languages' sets travel with the manifest (`labels`, which
 * `readnext build` writes with src/core/labels.ts), each overridable by
 * attribute. Relative dates from `Intl`; right-to-left layout from the
 * language unless a `dir` says otherwise; every article-provided text
 * isolated.
 */
import { expect } from '@esm-bundle/chai';
import '../../src/define.js';
import type { ReadnextBase } from '../../src/elements/readnext-base.js';
import { EN_TIME, ago } from '../../src/elements/item.js';
import { LABELS, labelsFor, manifestLabels } from '../../src/core/labels.js';
import { cleanup, manifestUrl, mount, settled } from './helpers.js';

const DAY = 86_400_000;
const now = Date.now();
const ARTICLES = [
  { id: 'heat', url: '/news/heat', title: 'Heatwave pushes the power grid to its limit', tags: ['energy'], section: 'Climate', views7d: 10, publishedAt: new Date(now - 3 * DAY).toISOString() },
  { id: 'ad', url: '/news/ad', title: 'Power your home with Acme batteries', tags: ['energy'], section: 'Partner', sponsored: true, views7d: 30, publishedAt: new Date(now - 1 * DAY).toISOString(), image: '/test/fixtures/elements/thumb-grid.svg' },
  { id: 'rtl', url: '/news/rtl', title: 'موجة حر تضغط على شبكة الكهرباء!', tags: ['energy'], section: 'مناخ', views7d: 20, publishedAt: new Date(now - 3 * DAY).toISOString() },
];

/** What the build embeds for a manifest in every built-in language. */
const ALL = labelsFor(Object.keys(LABELS));

/** The URL of a manifest of ARTICLES with `extra` top-level fields (e.g. `labels`), served by the test server. */
async function serve(extra: object = {}): Promise<string> {
  const { url, key } = manifestUrl('stash');
  await fetch(`/api/stash?key=${key}`, { method: 'POST', body: JSON.stringify({ version: 1, ...extra, articles: ARTICLES }) });
  return url;
}

/** `<readnext-related>` in `markup` at `<el>`, on the page of `heat`, with the sponsored article first, ranking `manifest` (else ARTICLES given as a property). */
function related(markup: string, attributes = '', manifest?: string): ReadnextBase {
  const source = manifest ? `manifest="${manifest}"` : '';
  const el = mount(markup.replace('<el>', `<readnext-related eager article-id="heat" sponsored-position="1" thumbnails ${source} ${attributes}></readnext-related>`)).querySelector<ReadnextBase>('readnext-related')!;
  if (!manifest) el.articles = ARTICLES;
  return el;
}

const text = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll(selector)].map((node) => node.textContent);

describe('languages', () => {
  afterEach(cleanup);

  it('labels for en, es, fr, de, pt and ar from a built manifest, by the element\'s lang or the nearest up the page', async () => {
    const manifest = await serve({ labels: ALL });
    const expected: Record<string, [string, string]> = {
      en: ['You May Also Like', 'Sponsored'],
      es: ['También te puede interesar', 'Patrocinado'],
      fr: ['Vous aimerez aussi', 'Sponsorisé'],
      de: ['Das könnte Sie auch interessieren', 'Gesponsert'],
      'pt-BR': ['Você também pode gostar', 'Patrocinado'],
      ar: ['قد يعجبك أيضًا', 'محتوى مموَّل'],
    };
    for (const [lang, [heading, sponsored]] of Object.entries(expected)) {
      const own = related('<el>', `lang="${lang}"`, manifest);
      const inherited = related(`<div lang="${lang}"><section><el></section></div>`, '', manifest);
      for (const el of [own, inherited]) {
        await settled(el);
        expect(text(el, '[part~="heading"]'), lang).to.deep.equal([heading]);
        expect(text(el, '[part="sponsored"]'), lang).to.deep.equal([sponsored]);
      }
    }
  });

  it('a French page: French labels from a manifest that carries them, English from one that does not', async () => {
    // What `readnext build` writes for a manifest with a French article.
    const embedded = manifestLabels(undefined, [{ lang: 'fr-FR' }]);
    expect(Object.keys(embedded.labels!)).to.deep.equal(['fr']);
    const [withLabels, without] = await Promise.all([serve(embedded), serve()]);
    const page = '<div lang="fr"><el></div>';
    const french = related(page, '', withLabels);
    const english = related(page, '', without);
    const inline = related(page);
    const popular = mount(`<div lang="fr-CA"><readnext-popular eager manifest="${withLabels}"></readnext-popular></div>`).querySelector<ReadnextBase>('readnext-popular')!;
    await Promise.all([french, english, inline, popular].map((el) => settled(el)));
    expect(text(french, '[part~="heading"]')).to.deep.equal(['Vous aimerez aussi']);
    expect(text(french, '[part="sponsored"]')).to.deep.equal(['Sponsorisé']);
    expect(text(popular, '[part~="heading"]')).to.deep.equal(['Les plus lus']);
    for (const el of [english, inline]) {
      expect(text(el, '[part~="heading"]')).to.deep.equal(['You May Also Like']);
      expect(text(el, '[part="sponsored"]')).to.deep.equal(['Sponsored']);
    }
    // Dates need no labels: French either way.
    const date = new Intl.RelativeTimeFormat('fr', { numeric: 'auto' }).format(-1, 'day');
    expect(text(english, '[part="date"]')[0]).to.equal(date);
    // A German page on the French-only manifest: English.
    const german = related('<div lang="de"><el></div>', '', withLabels);
    await settled(german);
    expect(text(german, '[part~="heading"]')).to.deep.equal(['You May Also Like']);
  });

  it('a manifest\'s own sets: the full tag before its primary subtag, English replaceable, bad sets ignored', async () => {
    const manifest = await serve({
      labels: {
        'PT-br': ['Leia também', 'Mais vistos', 'Publicidade'],
        pt: ['Veja também', 'Mais lidos', 'Patrocínio'],
        en: ['Read next', 'Trending', 'Partner'],
        fr: ['Vous aimerez aussi', 'Les plus lus'],
      },
    });
    const cases: Record<string, [string, string]> = {
      'pt-BR': ['Leia também', 'Publicidade'],
      'pt-PT': ['Veja também', 'Patrocínio'],
      en: ['Read next', 'Partner'],
      fr: ['You May Also Like', 'Sponsored'],
    };
    for (const [lang, [heading, sponsored]] of Object.entries(cases)) {
      const el = related('<el>', `lang="${lang}"`, manifest);
      await settled(el);
      expect(text(el, '[part~="heading"]'), lang).to.deep.equal([heading]);
      expect(text(el, '[part="sponsored"]'), lang).to.deep.equal([sponsored]);
    }
  });

  it('precomputed lists: the labels of meta.json, with no manifest at all', async () => {
    // What `readnext build --precompute` writes beside the shards (src/core/shard.ts), here answered by a stubbed fetch.
    const meta = { version: 1, shards: 1, hash: 'fnv1a32', limit: 5, popular: { '7d': [{ id: 'a', url: '/news/a', title: 'A' }] }, ...manifestLabels('fr', []) };
    const base = `/i18n-precomputed-${Math.random().toString(36).slice(2)}/`;
    const original = window.fetch;
    window.fetch = (input, init) =>
      String(input).endsWith(`${base}meta.json`) ? Promise.resolve(new Response(JSON.stringify(meta), { headers: { 'content-type': 'application/json' } })) : original(input, init);
    try {
      const container = mount(`<div lang="fr"><readnext-popular eager precomputed="${base}"></readnext-popular></div><readnext-popular lang="de" eager precomputed="${base}"></readnext-popular>`);
      const [french, german] = container.querySelectorAll<ReadnextBase>('readnext-popular');
      await Promise.all([settled(french!), settled(german!)]);
      expect(text(french!, '[part~="heading"]')).to.deep.equal(['Les plus lus']);
      expect(text(german!, '[part~="heading"]')).to.deep.equal(['Most Popular']);
    } finally {
      window.fetch = original;
    }
  });

  it('popular has its own heading in each language', async () => {
    const manifest = await serve({ labels: ALL });
    const expected = { en: 'Most Popular', es: 'Lo más leído', fr: 'Les plus lus', de: 'Meistgelesen', pt: 'Mais lidos', ar: 'الأكثر قراءة' };
    for (const [lang, heading] of Object.entries(expected)) {
      const el = mount(`<readnext-popular eager lang="${lang}" manifest="${manifest}"></readnext-popular>`).firstElementChild as ReadnextBase;
      await settled(el);
      expect(text(el, '[part~="heading"]'), lang).to.deep.equal([heading]);
    }
  });

  it('follows a change of lang; labels given as attributes win over the manifest\'s; unknown languages get English labels and their own dates', async () => {
    const el = related('<el>', 'lang="fr" heading="À lire" sponsored-label="Partenaire"', await serve({ labels: ALL }));
    await settled(el);
    expect(text(el, '[part~="heading"]')).to.deep.equal(['À lire']);
    expect(text(el, '[part="sponsored"]')).to.deep.equal(['Partenaire']);
    el.removeAttribute('heading');
    el.sponsoredLabel = undefined;
    el.lang = 'es';
    await el.updateComplete;
    expect(text(el, '[part~="heading"]')).to.deep.equal(['También te puede interesar']);
    expect(text(el, '[part="sponsored"]')).to.deep.equal(['Patrocinado']);
    el.lang = 'ja';
    await el.updateComplete;
    expect(text(el, '[part~="heading"]')).to.deep.equal(['You May Also Like']);
    expect(text(el, '[part="date"]')[0]).to.equal(new Intl.RelativeTimeFormat('ja', { numeric: 'auto' }).format(-1, 'day'));
    el.setAttribute('lang', 'not a language!');
    await el.updateComplete;
    expect(text(el, '[part~="heading"]')).to.deep.equal(['You May Also Like']);
    expect(text(el, '[part="date"]')[0]).to.equal('yesterday');
    // A page's Object.prototype is no label set.
    Object.defineProperty(Object.prototype, 'ja', { value: ['polluted', 'polluted', 'polluted'], enumerable: true, writable: true, configurable: true });
    try {
      el.lang = 'ja-JP';
      await el.updateComplete;
      expect(text(el, '[part~="heading"]')).to.deep.equal(['You May Also Like']);
    } finally {
      delete (Object.prototype as Record<string, unknown>).ja;
    }
  });

  it('relative dates in the largest unit that fits, in the language given', () => {
    const en = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
    const es = new Intl.RelativeTimeFormat('es', { numeric: 'auto' });
    const at = Date.UTC(2026, 10, 27, 12);
    expect(ago(at - 30_000, en, at)).to.equal('this minute');
    expect(ago(at - 5 * 60_000, en, at)).to.equal('5 minutes ago');
    expect(ago(at - 3 * 3_600_000, en, at)).to.equal('3 hours ago');
    expect(ago(at - DAY, en, at)).to.equal('yesterday');
    expect(ago(at - 3 * DAY, es, at)).to.equal('hace 3 días');
    expect(ago(at - 15 * DAY, en, at)).to.equal('2 weeks ago');
    expect(ago(at - 80 * DAY, en, at)).to.equal('3 months ago');
    expect(ago(at - 800 * DAY, en, at)).to.equal('2 years ago');
    expect(ago(at + 2 * DAY, en, at)).to.equal('in 2 days');
  });

  it('English relative times without Intl, word for word as Intl writes them', () => {
    const at = Date.UTC(2026, 10, 27, 12);
    // Every offset from a second to 300 years (dates are years 1900-2200), both ways, in growing steps.
    const offsets = [0];
    for (let ms = 1000; ms < 300 * 366 * DAY; ms = Math.ceil(ms * 1.01)) offsets.push(ms, -ms);
    for (const tag of ['en', 'en-GB', 'en-US']) {
      const intl = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
      for (const ms of offsets) expect(ago(at + ms, EN_TIME, at), `${tag} ${ms} ms`).to.equal(ago(at + ms, intl, at));
    }
  });

  it('an English page dates its items without creating an Intl formatter; another language uses Intl', async () => {
    const created: string[] = [];
    const Original = Intl.RelativeTimeFormat;
    const intl = Intl as { RelativeTimeFormat: typeof Original };
    intl.RelativeTimeFormat = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        created.push(String(args[0]));
      }
    };
    try {
      const en = related('<el>', 'lang="en-GB"');
      await settled(en);
      expect(text(en, '[part="date"]')).to.include('yesterday');
      expect(created).to.deep.equal([]);
      const fr = related('<el>', 'lang="fr"');
      await settled(fr);
      expect(text(fr, '[part="date"]')).to.include(new Original('fr', { numeric: 'auto' }).format(-1, 'day'));
      expect(created).to.include('fr');
    } finally {
      intl.RelativeTimeFormat = Original;
    }
  });

  it('right to left from an RTL lang: the thumbnail on the right; a dir up the page wins', async () => {
    const rtl = related('<el>', 'lang="ar"');
    const ltr = related('<div dir="ltr"><el></div>', 'lang="ar"');
    await Promise.all([settled(rtl), settled(ltr)]);
    expect(rtl.shadowRoot!.querySelector('section')!.dir).to.equal('rtl');
    expect(ltr.shadowRoot!.querySelector('section')!.hasAttribute('dir')).to.equal(false);
    const side = (el: Element) => {
      const link = el.shadowRoot!.querySelector('a')!;
      const thumb = link.querySelector('[part="thumbnail"], [part="placeholder"]')!.getBoundingClientRect();
      const title = link.querySelector('[part="title"]')!.getBoundingClientRect();
      return thumb.left > title.left ? 'right' : 'left';
    };
    expect(side(rtl)).to.equal('right');
    expect(side(ltr)).to.equal('left');
  });

  it('isolates every article-provided text, so an RTL title cannot reorder what is around it', async () => {
    const el = related('<el>', 'lang="en"');
    await settled(el);
    for (const part of ['title', 'section']) {
      const nodes = [...el.shadowRoot!.querySelectorAll(`[part="${part}"]`)];
      expect(nodes.length, part).to.be.greaterThan(0);
      for (const node of nodes) expect(getComputedStyle(node).unicodeBidi, part).to.equal('isolate');
    }
    const arabic = [...el.shadowRoot!.querySelectorAll('[part="title"]')].find((node) => node.textContent!.startsWith('موجة'))!;
    // dir=auto: the Arabic title runs right to left inside an English block.
    expect(getComputedStyle(arabic).direction).to.equal('rtl');
  });
});
