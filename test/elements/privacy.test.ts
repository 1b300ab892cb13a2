/**
 * Privacy, on fresh host pages (script-tag bundle and npm build): no cookie
 * read or written and none sent with our requests, no storage touched unless
 * an option asks for it (`cache`: Cache Storage only; `history`:
 * localStorage only), no beacon unless `beacon` is set and then only to it,
 * and no request but to the URLs the publisher configured (manifest, index,
 * precomputed base) and the manifest's images, all on the page's own origin here.
 */
import { expect } from '@esm-bundle/chai';
import { manifestUrl } from './helpers.js';
import { allFinished, BUILDS, closeFrames, frame, requireBundle, widgets, type Frame } from '../fixtures/hostile/frame.js';

/**
 * Installed before the widget: every storage, cookie, beacon and worker API a
 * script could reach for logs its use in `window.touched`.
 */
const SPIES = `<script>window.touched = [];
  const spy = (target, names, label) => { for (const name of names) { const original = target && target[name];
    if (typeof original !== 'function') continue;
    target[name] = function (...args) { touched.push(label + '.' + name + ' ' + String(args[0]).slice(0, 120)); return original.apply(this, args); }; } };
  spy(Storage.prototype, ['getItem', 'setItem', 'removeItem', 'clear', 'key'], 'storage');
  spy(window.CacheStorage && CacheStorage.prototype, ['open', 'match', 'has', 'keys', 'delete'], 'caches');
  spy(IDBFactory.prototype, ['open', 'deleteDatabase', 'databases'], 'indexedDB');
  spy(navigator, ['sendBeacon'], 'beacon');
  window.requested = [];
  const request = (name, url) => requested.push(name + ' ' + new URL(url instanceof Request ? url.url : String(url), document.baseURI).href);
  const originalFetch = window.fetch;
  window.fetch = function (input, init) { request('fetch', input); return originalFetch.call(this, input, init); };
  const originalOpen = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) { request('xhr', url); return originalOpen.call(this, method, url, ...rest); };
  for (const name of ['WebSocket', 'EventSource', 'Worker', 'SharedWorker']) { const Original = window[name]; if (!Original) continue;
    window[name] = function (url, ...rest) { request(name, url); return new Original(url, ...rest); }; }
  spy(window.ServiceWorkerContainer && ServiceWorkerContainer.prototype, ['register', 'getRegistration'], 'serviceWorker');
  spy(window.CookieStore && CookieStore.prototype, ['get', 'getAll', 'set', 'delete'], 'cookieStore');
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(Document.prototype, 'cookie', { configurable: true,
    get() { touched.push('cookie.get'); return cookie.get.call(this); },
    set(value) { touched.push('cookie.set ' + value); cookie.set.call(this, value); } });
  for (const name of ['localStorage', 'sessionStorage']) { const d = Object.getOwnPropertyDescriptor(window, name);
    Object.defineProperty(window, name, { configurable: true, get() { touched.push(name); return d.get.call(this); } }); }</script>`;

interface Spied {
  touched: string[];
  requested: string[];
}

async function page(script: string, body: string): Promise<Frame & Spied> {
  const f = await frame(`${SPIES}${script}<link rel="canonical" href="/news/heatwave-grid">`, body);
  await allFinished(f);
  // Lazy images, impressions and late writes get their chance.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const { touched, requested } = f.window as unknown as Spied;
  return Object.assign(f, { touched, requested });
}

/**
 * What a page requested, as absolute URLs: resource timing (which leaves out
 * what a cache served), every fetch, XHR, socket and worker by its spy, and
 * every image the widgets show. The page's own scripts are left out.
 */
function fetched(f: Frame & Spied): string[] {
  const entries = (f.window.performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => e.name);
  const calls = f.requested.map((r) => r.slice(r.indexOf(' ') + 1));
  const shown = widgets(f).flatMap((w) => [...(w.shadowRoot?.querySelectorAll('img') ?? [])].map((img) => img.src));
  const script = /\/(src|node_modules|__wds-outside-root__|__web-dev-server[^/]*)\/|\/dist\/readnext\.min\.js/;
  return [...new Set([...entries, ...calls, ...shown])].filter((u) => !script.test(new URL(u).pathname));
}

describe('privacy', () => {
  let images: string[] = [];
  before(async () => {
    await requireBundle();
    const manifest = (await (await fetch('/test/fixtures/elements/news.json')).json()) as { articles: { image?: string | { src: string } }[] };
    images = manifest.articles.flatMap((a) => (a.image ? [typeof a.image === 'string' ? a.image : a.image.src] : []));
    images = images.map((src) => new URL(src, location.href).href);
  });
  afterEach(() => {
    closeFrames();
    document.cookie = 'publisher-session=; max-age=0; path=/';
  });

  for (const [build, script] of BUILDS) {
    it(`${build}: without opt-ins, no cookie, storage, beacon or worker is touched`, async () => {
      const { url } = manifestUrl();
      const f = await page(script, `<readnext-related manifest="${url}" layout="grid" eager></readnext-related>
        <readnext-popular manifest="${url}" eager></readnext-popular>`);
      expect(widgets(f).map((w) => w.getAttribute('state'))).to.deep.equal(['ready', 'ready']);
      expect(f.touched).to.deep.equal([]);
    });

    it(`${build}: \`cache\` opens Cache Storage only; \`history\` uses localStorage only`, async () => {
      const { url } = manifestUrl();
      const cached = await page(script, `<readnext-popular manifest="${url}" cache eager></readnext-popular>`);
      expect(cached.touched.length).to.be.greaterThan(0);
      expect(cached.touched.filter((t) => !t.startsWith('caches.'))).to.deep.equal([]);
      const history = await page(script, `<readnext-related manifest="${manifestUrl().url}" history eager></readnext-related>`);
      expect(history.touched.length).to.be.greaterThan(0);
      expect(history.touched.filter((t) => t !== 'localStorage' && !t.startsWith('storage.'))).to.deep.equal([]);
    });

    it(`${build}: requests go only to the manifest and its images, on the page's origin`, async () => {
      const { url } = manifestUrl();
      const f = await page(script, `<readnext-related manifest="${url}" layout="grid" eager></readnext-related>
        <readnext-popular manifest="${url}" layout="list" thumbnails eager></readnext-popular>`);
      const allowed = new Set([new URL(url, location.href).href, ...images]);
      const requested = fetched(f);
      expect(requested.filter((u) => images.includes(u)).length, 'thumbnails').to.be.greaterThan(0);
      expect(requested.filter((u) => !allowed.has(u))).to.deep.equal([]);
      expect(requested.filter((u) => new URL(u).origin !== location.origin)).to.deep.equal([]);
    });
  }

  it('precomputed lists: only meta.json, the page\'s shard and the bundle\'s own shard code beside it are fetched', async () => {
    const key = `p${Date.now()}`;
    const f = await page(BUILDS[0][1], `<readnext-related precomputed="/api/files/${key}/precomputed/" article-url="https://news.example/news/heatwave-grid" eager></readnext-related>`);
    const paths = fetched(f).map((u) => new URL(u).pathname);
    // The part loads while meta.json downloads, so the order of those two varies.
    expect(paths.sort()).to.deep.equal([`/api/files/${key}/precomputed/meta.json`, `/api/files/${key}/precomputed/shards/000.json`, '/dist/readnext.shards.min.js']);
  });

  it('our requests carry no cookie, even when the page has one', async () => {
    document.cookie = 'publisher-session=secret; path=/';
    const { url, key } = manifestUrl();
    const f = await page(BUILDS[0][1], `<readnext-popular manifest="${url}" eager></readnext-popular>`);
    expect(widgets(f)[0]?.getAttribute('state')).to.equal('ready');
    const seen = (await (await fetch(`/api/seen?key=${key}`)).json()) as { cookie: string }[];
    expect(seen).to.have.length(1);
    expect(seen[0]!.cookie, 'Cookie header of the manifest request').to.equal('');
  });

  it('a beacon goes only to the configured URL; none without one', async () => {
    const { url } = manifestUrl();
    const ctor = customElements.get('readnext-related') as unknown as { elementProperties?: Map<string, unknown> } | undefined;
    const f = await page(BUILDS[0][1], `<readnext-related manifest="${url}" beacon="/api/void/beacon" eager></readnext-related>
      <readnext-popular manifest="${url}" eager></readnext-popular>`);
    const beacons = f.touched.filter((t) => t.startsWith('beacon.'));
    expect(beacons.filter((t) => t !== `beacon.sendBeacon /api/void/beacon`)).to.deep.equal([]);
    // Where the elements have a `beacon` option, the list shown is reported there.
    if (ctor?.elementProperties?.has('beacon')) expect(beacons.length).to.be.greaterThan(0);
  });
});
