/**
 * The built script-tag bundle, dist/readnext.min.js (run `npm run build`
 * first), in fresh iframes: each has its own registry, as a publisher's page would.
 */
import { expect } from '@esm-bundle/chai';
import { manifestUrl, requests, until } from './helpers.js';

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
});
