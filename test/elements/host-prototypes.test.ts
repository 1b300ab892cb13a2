/**
 * Polluted prototypes on the host page, installed before the widget loads:
 * enumerable properties on Object.prototype (the names of manifest fields),
 * a Prototype.js-style Array.prototype.toJSON and Array.from (Prototype 1.6's
 * `$A`, which knows array-likes but not iterables), and enumerable methods on
 * Array.prototype. The widget must render exactly what it renders on a clean
 * page, and throw nothing. Both builds.
 */
import { expect } from '@esm-bundle/chai';
import { manifestUrl } from './helpers.js';
import { allFinished, BUILDS, closeFrames, frame, markup, requireBundle, widgets, type Frame } from '../fixtures/hostile/frame.js';

/** A page script that adds `values` to Object.prototype as enumerable properties. */
function enumerable(values: Record<string, unknown>): string {
  return `for (const [k, v] of Object.entries(${JSON.stringify(values)}))
    Object.defineProperty(Object.prototype, k, { value: v, enumerable: true, writable: true, configurable: true });`;
}

/** Each pollution as a page script would install it (plain script, before the widget). */
const POLLUTIONS: Record<string, string> = {
  'Object.prototype with manifest fields': enumerable({ title: '<img src=x onerror=window.__readnextCanary=1>', url: 'javascript:window.__readnextCanary=1',
    src: 'javascript:1', image: 'javascript:1', summary: 'polluted', tags: ['polluted'], section: 'Polluted', author: 'Polluted', id: 'polluted',
    views: 1e9, views7d: 1e9, keywords: [['polluted', 1]], lang: 'xx', version: 2, articles: [], items: [] }),
  'Object.prototype with flags that drop articles': enumerable({ sponsored: true, noindex: true }),
  'Object.prototype with fetch options': enumerable({ method: 'POST', body: 'x', headers: { 'x-polluted': '1' }, credentials: 'include', mode: 'no-cors', cache: 'reload', redirect: 'error', integrity: 'sha256-x', referrerPolicy: 'unsafe-url' }),
  'Object.prototype with widget options': enumerable({ limit: 1, layout: 'compact', hidden: true, exclude: ['heatwave-grid'], read: ['battery-storage'], href: 'javascript:1', window: 'all', fill: false }),
  // Prototype 1.6's Array#toJSON returns a string, so JSON.stringify([1]) gives '"[1]"'.
  'Prototype.js Array.prototype.toJSON and Array.from': `Array.prototype.toJSON = function () {
      return '[' + this.map(function (v) { return JSON.stringify(v); }).join(', ') + ']';
    };
    Object.defineProperty(Array.prototype, 'toJSON', { enumerable: true });
    Array.from = function $A(iterable) {
      if (!iterable) return [];
      if ('toArray' in Object(iterable)) return iterable.toArray();
      var length = iterable.length || 0, results = new Array(length);
      while (length--) results[length] = iterable[length];
      return results;
    };`,
  'enumerable Array.prototype methods': `for (const name of ['each', 'first', 'last', 'compact', 'flatten', 'without', 'uniq', 'clone', 'inspect'])
      Object.defineProperty(Array.prototype, name, { value: function () { return this; }, enumerable: true, writable: true, configurable: true });
    String.prototype.strip = function () { return this.trim(); };
    Function.prototype.bind = (function (bind) { return function () { return bind.apply(this, arguments); }; })(Function.prototype.bind);`,
};

async function page(script: string, pollution: string, url: string): Promise<Frame & { problems: string[] }> {
  const f = await frame(`${pollution ? `<script>${pollution}</script>` : ''}${script}<link rel="canonical" href="/news/heatwave-grid">`,
    `<readnext-related manifest="${url}" layout="grid" explain eager></readnext-related>
     <readnext-popular manifest="${url}" layout="list" thumbnails explain eager></readnext-popular>
     <readnext-related manifest="${url}" article-url="/news/not-in-the-manifest" eager></readnext-related>`);
  const problems: string[] = [];
  f.document.addEventListener('readnext-error', (event) => problems.push((event as CustomEvent).detail.problem.message));
  try {
    await allFinished(f);
  } catch (error) {
    throw new Error(`${String(error)}; thrown in the page: ${f.window.errors.join('; ') || 'nothing'}; reported: ${problems.join('; ') || 'nothing'}`);
  }
  return { ...f, problems };
}

describe('polluted prototypes', () => {
  before(requireBundle);
  afterEach(closeFrames);

  for (const [build, script] of BUILDS) {
    for (const [name, pollution] of [...Object.entries(POLLUTIONS), ['all at once', Object.values(POLLUTIONS).join('\n')]] as const) {
      it(`${build}: ${name}: identical output, nothing thrown`, async () => {
        const clean = await page(script, '', manifestUrl().url);
        const polluted = await page(script, pollution, manifestUrl().url);
        expect(polluted.window.errors).to.deep.equal([]);
        expect((polluted.window as unknown as { __readnextCanary?: unknown }).__readnextCanary).to.equal(undefined);
        const [before, after] = [widgets(clean), widgets(polluted)];
        expect(after.map((w) => w.getAttribute('state')), polluted.problems.join('; ')).to.deep.equal(before.map((w) => w.getAttribute('state')));
        expect(before[0]!.getAttribute('state')).to.equal('ready');
        for (let i = 0; i < before.length; i++) expect(markup(after[i]!), `widget ${i}`).to.equal(markup(before[i]!));
      });
    }
  }
});
