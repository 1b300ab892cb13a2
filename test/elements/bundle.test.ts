/**
 * The built script-tag bundle, dist/readnext.min.js (run `npm run build`
 * first), in fresh iframes: each has its own registry, as a publisher's page would.
 */
import { expect } from '@esm-bundle/chai';
import { manifestUrl, requests, sleep, until } from './helpers.js';

interface Frame {
  window: Window & typeof globalThis & { errors: string[] };
  document: Document;
}

const BUNDLE = '/dist/readnext.min.js';
const frames: HTMLIFrameElement[] = [];

async function frame(scripts: string, body: string): Promise<Frame> {
  const iframe = document.createElement('iframe');
  iframe.style.cssText = 'width: 900px; height: 700px';
  // The first script records anything thrown or rejected, before the bundle runs.
  iframe.srcdoc = `<!doctype html><html lang="en"><head>
    <script>window.errors = []; addEventListener('error', (e) => errors.push(String(e.message)));
      addEventListener('unhandledrejection', (e) => errors.push(String(e.reason)));</script>
    ${scripts}</head><body>${body}</body></html>`;
  const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  document.body.append(iframe);
  frames.push(iframe);
  await loaded;
  return { window: iframe.contentWindow as Frame['window'], document: iframe.contentDocument as Document };
}

function shownIn(element: Element | null): string[] {
  return [...(element?.shadowRoot?.querySelectorAll('a') ?? [])].map((a) => new URL(a.href).pathname.split('/').pop() ?? '');
}

describe('script-tag bundle', () => {
  before(async () => {
    const response = await fetch(BUNDLE, { method: 'HEAD' });
    if (!response.ok) throw new Error(`${BUNDLE} is missing: run \`npm run build\` before the browser tests`);
  });
  afterEach(() => {
    for (const iframe of frames.splice(0)) iframe.remove();
  });

  it('has no import or export, so a classic script can run it', async () => {
    const code = await (await fetch(BUNDLE)).text();
    expect(code).not.to.match(/^\s*(import|export)\b/m);
  });

  it('registers both elements from a classic <script defer src> and renders from a manifest', async () => {
    const { url, key } = manifestUrl();
    const f = await frame(
      `<link rel="canonical" href="/news/heatwave-grid"><script defer src="${BUNDLE}"></script>`,
      `<readnext-related manifest="${url}"></readnext-related><readnext-popular manifest="${url}"></readnext-popular>`,
    );
    expect(f.window.customElements.get('readnext-related')).to.be.a('function');
    expect(f.window.customElements.get('readnext-popular')).to.be.a('function');
    const related = f.document.querySelector('readnext-related');
    const popular = f.document.querySelector('readnext-popular');
    await until(() => shownIn(related).length === 5 && shownIn(popular).length === 5, `both blocks to render (${related?.getAttribute('state')}, ${popular?.getAttribute('state')}, ${shownIn(related)})`);
    expect(shownIn(related)).not.to.include('heatwave-grid');
    expect(shownIn(popular)[0]).to.equal('derby-report');
    expect(await requests(key)).to.equal(1);
    expect(f.window.errors).to.deep.equal([]);
  });

  it('registers both elements from <script type="module" src>', async () => {
    const { url } = manifestUrl();
    const f = await frame(`<script type="module" src="${BUNDLE}"></script>`, `<readnext-popular manifest="${url}"></readnext-popular>`);
    await until(() => f.window.customElements.get('readnext-popular') !== undefined, 'registration');
    expect(f.window.customElements.get('readnext-related')).to.be.a('function');
    await until(() => shownIn(f.document.querySelector('readnext-popular')).length === 5, 'popular to render');
    expect(f.window.errors).to.deep.equal([]);
  });

  it('loading it twice (classic and module) throws nothing and still works', async () => {
    const { url } = manifestUrl();
    const f = await frame(
      `<script src="${BUNDLE}"></script><script defer src="${BUNDLE}?again"></script><script type="module" src="${BUNDLE}?module"></script>`,
      `<readnext-popular manifest="${url}" eager></readnext-popular>`,
    );
    await until(() => shownIn(f.document.querySelector('readnext-popular')).length === 5, 'popular to render');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(f.window.errors).to.deep.equal([]);
  });

  describe('text search, loaded beside the bundle only when a page needs it', () => {
    /** A fresh directory per test, so the server counts its requests alone. */
    const dir = (prefix = 'b') => `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    /** A page missing from the manifest: ranked by text search over its own metadata. */
    const offManifest = '<link rel="canonical" href="/news/not-in-the-manifest"><meta property="og:title" content="Power grid strained as heatwave drives record energy demand">';

    it('a page in the manifest ranks from build-time neighbours and never requests it', async () => {
      const { url } = manifestUrl();
      const d = dir();
      const f = await frame(`<link rel="canonical" href="/news/heatwave-grid"><script defer src="/api/bundle/${d}/readnext.min.js"></script>`, `<readnext-related manifest="${url}"></readnext-related>`);
      await until(() => shownIn(f.document.querySelector('readnext-related')).length === 5, 'related to render');
      expect(await requests(`bundle/${d}/readnext.min.js`)).to.equal(1);
      expect(await requests(`bundle/${d}/readnext.search.min.js`)).to.equal(0);
      expect(await requests(`bundle/${d}/readnext.storage.min.js`)).to.equal(0);
      expect(f.window.errors).to.deep.equal([]);
    });

    for (const type of ['classic', 'module']) {
      it(`a page missing from the manifest loads it once, from beside a ${type} script with its query string`, async () => {
        const { url } = manifestUrl();
        const d = dir();
        const f = await frame(
          `${offManifest}<script ${type === 'module' ? 'type="module"' : 'defer'} src="/api/bundle/${d}/readnext.min.js?v=7"></script>`,
          `<readnext-related manifest="${url}"></readnext-related><readnext-related manifest="${url}" limit="3"></readnext-related>`,
        );
        const [a, b] = f.document.querySelectorAll('readnext-related');
        await until(() => shownIn(a!).length === 5 && shownIn(b!).length === 3, `both blocks to render (${a?.getAttribute('state')})`);
        // The energy stories lead: matched on the page's title, not filled from popular.
        expect(shownIn(a!).slice(0, 2)).to.include('heatwave-grid');
        expect(await requests(`bundle/${d}/readnext.search.min.js`)).to.equal(1);
        const entry = f.window.performance.getEntriesByType('resource').find((e) => e.name.includes('readnext.search.min.js'));
        expect(entry?.name).to.match(/\/readnext\.search\.min\.js\?v=7$/);
        expect(f.window.errors).to.deep.equal([]);
      });
    }

    it('a JSON Feed manifest (no build-time neighbours) loads it for its item reader and ranks by text', async () => {
      const { key } = manifestUrl();
      const news = (await (await fetch('/test/fixtures/elements/news.json')).json()) as { articles: { id: string; url: string; title: string; summary?: string; tags?: string[] }[] };
      const items = news.articles.map((a) => ({ id: a.id, url: a.url, title: a.title, summary: a.summary, tags: a.tags }));
      await fetch(`/api/stash?key=${key}`, { method: 'POST', body: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Feed', items }) });
      const d = dir();
      const f = await frame(
        `<link rel="canonical" href="/news/heatwave-grid"><script defer src="/api/bundle/${d}/readnext.min.js"></script>`,
        `<readnext-related manifest="/api/manifest/stash?key=${key}"></readnext-related>`,
      );
      const related = f.document.querySelector('readnext-related');
      await until(() => shownIn(related).length === 5, `related to render (${related?.getAttribute('state')})`);
      expect(shownIn(related)).not.to.include('heatwave-grid');
      expect(await requests(`bundle/${d}/readnext.search.min.js`)).to.equal(1);
      expect(f.window.errors).to.deep.equal([]);
    });

    it('when it cannot be loaded, the block collapses with readnext-error saying so, and the page sees no exception', async () => {
      const { url } = manifestUrl();
      const d = dir('nosearch');
      const f = await frame(
        `${offManifest}<script>window.problems = []; addEventListener('readnext-error', (e) => problems.push(e.detail.problem));</script><script defer src="/api/bundle/${d}/readnext.min.js"></script>`,
        `<readnext-related manifest="${url}"></readnext-related><readnext-popular manifest="${url}"></readnext-popular>`,
      );
      const w = f.window as Frame['window'] & { problems: { code: string; message: string }[] };
      await until(() => w.problems.length > 0, 'readnext-error');
      expect(w.problems[0]!.message).to.match(/readnext\.search\.min\.js not loaded/);
      expect(f.document.querySelector('readnext-related')!.getAttribute('state')).to.equal('error');
      // Popular needs no search, so it still renders.
      await until(() => shownIn(f.document.querySelector('readnext-popular')).length === 5, 'popular to render');
      expect(f.window.errors).to.deep.equal([]);
    });
  });

  describe('precomputed lists, their code loaded beside the bundle', () => {
    it('an element with `precomputed` imports readnext.shards.min.js once and renders from the shard', async () => {
      const key = `shards-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      const d = `b-${key}`;
      const base = `/api/files/${key}/precomputed/`;
      const f = await frame(
        `<script defer src="/api/bundle/${d}/readnext.min.js"></script>`,
        `<readnext-related precomputed="${base}" article-url="https://news.example/news/heatwave-grid" eager></readnext-related><readnext-popular precomputed="${base}" eager></readnext-popular>`,
      );
      const related = f.document.querySelector('readnext-related');
      await until(() => shownIn(related).length > 0 && shownIn(f.document.querySelector('readnext-popular')).length > 0, `both blocks to render (${related?.getAttribute('state')})`);
      expect(await requests(`bundle/${d}/readnext.shards.min.js`)).to.equal(1);
      expect(await requests(`bundle/${d}/readnext.search.min.js`)).to.equal(0);
      expect(f.window.errors).to.deep.equal([]);
    });

    it('when it cannot be loaded, both blocks collapse with readnext-error saying so', async () => {
      const key = `shards-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      const f = await frame(
        `<script>window.problems = []; addEventListener('readnext-error', (e) => problems.push(e.detail.problem));</script><script defer src="/api/bundle/nosearch-${key}/readnext.min.js"></script>`,
        `<readnext-related precomputed="/api/files/${key}/precomputed/" article-url="https://news.example/news/heatwave-grid" eager></readnext-related>`,
      );
      const w = f.window as Frame['window'] & { problems: { code: string; message: string }[] };
      await until(() => w.problems.length > 0, 'readnext-error');
      expect(w.problems[0]!.code).to.equal('fetch-failed');
      expect(w.problems[0]!.message).to.match(/readnext\.shards\.min\.js not loaded/);
      expect(f.window.errors).to.deep.equal([]);
    });
  });

  describe('storage on the reader\'s device (`cache`, `history`), its code loaded beside the bundle', () => {
    it('`cache` and `history` import readnext.storage.min.js once, and use it', async () => {
      const d = `b-storage-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      // With an ETag, so that the response is kept.
      const url = `/api/files/${d}/news.json?etag=v1`;
      const f = await frame(
        `<link rel="canonical" href="/news/heatwave-grid"><script defer src="/api/bundle/${d}/readnext.min.js"></script>`,
        `<readnext-related manifest="${url}" cache history eager></readnext-related><readnext-popular manifest="${url}" cache eager></readnext-popular>`,
      );
      await until(() => shownIn(f.document.querySelector('readnext-related')).length === 5 && shownIn(f.document.querySelector('readnext-popular')).length === 5, 'both blocks to render');
      expect(await requests(`bundle/${d}/readnext.storage.min.js`)).to.equal(1);
      expect(await requests(`bundle/${d}/readnext.search.min.js`)).to.equal(0);
      // The frame shares the test page's origin: what the part wrote is there (the copy is written after the response).
      let copy: Response | undefined;
      for (let i = 0; i < 40 && !copy; i++) copy = await (await caches.open('readnext')).match(new URL(url, location.href).href).then((r) => r ?? sleep(25).then(() => undefined));
      expect(copy).to.not.equal(undefined);
      await caches.delete('readnext');
      expect(JSON.parse(f.window.localStorage.getItem('readnext:read') ?? '[]')[0]?.[0]).to.equal('heatwave-grid');
      f.window.localStorage.removeItem('readnext:read');
      expect(f.window.errors).to.deep.equal([]);
    });

    it('when it cannot be loaded, a block with `cache` collapses with readnext-error saying so', async () => {
      const { url } = manifestUrl();
      const f = await frame(
        `<script>window.problems = []; addEventListener('readnext-error', (e) => problems.push(e.detail.problem));</script><script defer src="/api/bundle/nosearch-storage-${Date.now()}/readnext.min.js"></script>`,
        `<readnext-related manifest="${url}" article-url="/news/heatwave-grid" cache eager></readnext-related>`,
      );
      const w = f.window as Frame['window'] & { problems: { code: string; message: string }[] };
      await until(() => w.problems.length > 0, 'readnext-error');
      expect(w.problems[0]!.code).to.equal('fetch-failed');
      expect(w.problems[0]!.message).to.match(/readnext\.storage\.min\.js not loaded/);
      expect(f.window.errors).to.deep.equal([]);
    });
  });
});
