/**
 * The widget as one guest among others on a page: the bundle included twice,
 * the npm build and the bundle on one page, ten widgets sharing one request
 * and one index, and the globals and prototypes a page sees before and after
 * loading it (only the custom element names and Lit's documented globals may
 * be added).
 */
import { expect } from '@esm-bundle/chai';
import MiniSearch from 'minisearch';
import '../../src/define.js';
import type { ReadnextBase } from '../../src/elements/readnext-base.js';
import { cleanup, manifestUrl, mount, requests, settled } from './helpers.js';
import { allFinished, BUNDLE, closeFrames, frame, markup, NPM_ENTRY, requireBundle, widgets } from '../fixtures/hostile/frame.js';

/**
 * Globals Lit documents as its own: version lists (lit.dev/docs/tools/production),
 * the decorator metadata store and `Symbol.metadata` it polyfills (lit.dev/docs/v3/
 * components/decorators), and, in development builds only, the set of issued warnings.
 */
const LIT_GLOBALS = ['litElementVersions', 'litHtmlVersions', 'reactiveElementVersions', 'litPropertyMetadata'];
/** The bundle's copy of Lit leaves out the version lists (rollup.config.mjs `dropLitVersions`). */
const BUNDLE_LIT_GLOBALS = ['litPropertyMetadata'];
const LIT_DEV_GLOBALS = ['litIssuedWarnings'];

/** Snapshots own property names of the window and of the prototypes and namespaces a script could touch. */
const SNAPSHOT = `<script>window.snapshot = () => {
  const names = (o) => Reflect.ownKeys(o).map(String).sort();
  const out = { window: names(window) };
  for (const name of ['Object', 'Array', 'String', 'Number', 'Boolean', 'Function', 'Promise', 'RegExp', 'Date', 'Map', 'Set', 'WeakMap',
      'Symbol', 'Error', 'EventTarget', 'Node', 'Element', 'HTMLElement', 'Document', 'ShadowRoot', 'CSSStyleSheet', 'Response', 'Request', 'URL', 'CustomEvent', 'IntersectionObserver']) {
    out[name] = names(window[name]);
    if (window[name].prototype) out[name + '.prototype'] = names(window[name].prototype);
  }
  for (const name of ['JSON', 'Math', 'Reflect', 'Intl', 'console', 'navigator', 'document', 'location', 'history', 'customElements']) out[name] = names(window[name]);
  return out;
}; window.before = null; window.before = snapshot();</script>`;

function added(before: Record<string, string[]>, after: Record<string, string[]>): string[] {
  return Object.keys(after).flatMap((where) => after[where]!.filter((name) => !before[where]?.includes(name)).map((name) => `${where}.${name}`));
}

describe('the widget on a shared page', () => {
  before(requireBundle);
  afterEach(() => {
    closeFrames();
    cleanup();
  });

  for (const [build, script, allowed] of [
    ['bundle', `<script src="${BUNDLE}"></script>`, BUNDLE_LIT_GLOBALS],
    ['npm build', `<script type="module" src="${NPM_ENTRY}"></script>`, [...LIT_GLOBALS, ...LIT_DEV_GLOBALS]],
  ] as const) {
    it(`${build}: adds only the element names and Lit's documented globals`, async () => {
      const { url } = manifestUrl();
      const f = await frame(`${SNAPSHOT}${script}<link rel="canonical" href="/news/heatwave-grid">`,
        `<readnext-related manifest="${url}" layout="grid" explain eager></readnext-related><readnext-popular manifest="${url}" eager></readnext-popular>`);
      await allFinished(f);
      const w = f.window as unknown as { before: Record<string, string[]>; snapshot: () => Record<string, string[]> };
      const extra = added(w.before, w.snapshot());
      const unexpected = extra.filter((name) => !allowed.map((g) => `window.${g}`).includes(name) && name !== 'Symbol.metadata');
      expect(unexpected).to.deep.equal([]);
      // The snapshot does see additions: Lit's own.
      expect(extra).to.include('window.litPropertyMetadata');
      expect(f.window.customElements.get('readnext-related')).to.be.a('function');
      expect(f.window.customElements.get('readnext-popular')).to.be.a('function');
      expect(widgets(f).map((e) => e.getAttribute('state'))).to.deep.equal(['ready', 'ready']);
      expect(f.window.errors).to.deep.equal([]);
    });
  }

  it('the bundle twice, then the npm build: one definition each, one request, the same output as once', async () => {
    const once = manifestUrl();
    const single = await frame(`<script src="${BUNDLE}"></script><link rel="canonical" href="/news/heatwave-grid">`,
      `<readnext-related manifest="${once.url}" eager></readnext-related><readnext-popular manifest="${once.url}" eager></readnext-popular>`);
    await allFinished(single);
    const { url, key } = manifestUrl();
    const f = await frame(
      `<script src="${BUNDLE}"></script><script src="${BUNDLE}?twice"></script><script type="module" src="${NPM_ENTRY}"></script><link rel="canonical" href="/news/heatwave-grid">`,
      `<readnext-related manifest="${url}" eager></readnext-related><readnext-popular manifest="${url}" eager></readnext-popular>`);
    await allFinished(f);
    expect(f.window.errors).to.deep.equal([]);
    expect(widgets(f).map(markup)).to.deep.equal(widgets(single).map(markup));
    expect(await requests(key)).to.equal(1);
  });

  it('the npm build first, then the bundle: the page keeps the first definition and works', async () => {
    const { url, key } = manifestUrl();
    const f = await frame(
      `<script type="module" src="${NPM_ENTRY}"></script><script type="module" src="${BUNDLE}"></script><script defer src="${BUNDLE}?late"></script>`,
      `<readnext-popular manifest="${url}" eager></readnext-popular><readnext-related manifest="${url}" article-id="heatwave-grid" eager></readnext-related>`);
    await allFinished(f);
    expect(widgets(f).map((e) => e.getAttribute('state'))).to.deep.equal(['ready', 'ready']);
    expect(f.window.errors).to.deep.equal([]);
    expect(await requests(key)).to.equal(1);
  });

  it('ten widgets on one page: one request, one index', async () => {
    // Counts the MiniSearch instances that receive documents: one per index built.
    const indexes = new Set<object>();
    const { add, addAll } = MiniSearch.prototype;
    MiniSearch.prototype.add = function (this: MiniSearch, ...args: Parameters<typeof add>) {
      indexes.add(this);
      return add.apply(this, args);
    };
    MiniSearch.prototype.addAll = function (this: MiniSearch, ...args: Parameters<typeof addAll>) {
      indexes.add(this);
      return addAll.apply(this, args);
    };
    try {
      const { url, key } = manifestUrl('news', { delay: '30' });
      // Pages missing from the manifest are ranked through the index.
      const container = mount(Array.from({ length: 10 }, (_, i) => i % 2
        ? `<readnext-related manifest="${url}" article-url="/news/not-in-the-manifest-${i}" layout="${['list', 'grid', 'compact'][i % 3]}" eager></readnext-related>`
        : `<readnext-popular manifest="${url}" window="${['7d', '30d', 'all'][i % 3]}" eager></readnext-popular>`).join(''));
      const elements = [...container.querySelectorAll<ReadnextBase>('readnext-related, readnext-popular')];
      expect(elements).to.have.length(10);
      await Promise.all(elements.map((element) => settled(element)));
      expect(await requests(key)).to.equal(1);
      expect(indexes.size).to.equal(1);
    } finally {
      Object.assign(MiniSearch.prototype, { add, addAll });
    }
  });
});
