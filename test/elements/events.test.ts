/**
 * Analytics events (issue 7): `readnext-ready`, `readnext-impression` (once,
 * when half the block is in view), `readnext-click` (id, position, block,
 * url), all bubbling and composed; `beacon` posts impressions and clicks with
 * sendBeacon; `utm` appends campaign parameters to every link.
 */
import { expect } from '@esm-bundle/chai';
import '../../src/define.js';
import type { ReadnextBase, ReadnextClickDetail, ReadnextListDetail } from '../../src/elements/readnext-base.js';
import { cleanup, links, mount, settled, shown, sleep, until } from './helpers.js';

const ARTICLES = [
  { id: 'heat', url: '/news/heat?ref=home', title: 'Heatwave pushes the power grid to its limit', tags: ['energy', 'heatwave'], views7d: 10, publishedAt: '2026-11-20T07:30:00Z' },
  { id: 'battery', url: '/news/battery', title: 'Battery storage will steady the power grid', tags: ['energy', 'batteries'], views7d: 30, publishedAt: '2026-11-19T07:30:00Z' },
  { id: 'solar', url: '/news/solar', title: 'Solar panels on grazing land split farmers', tags: ['energy', 'solar'], views7d: 20, publishedAt: '2026-11-18T07:30:00Z' },
];

/** A mounted element given `ARTICLES`, started at once. */
async function element(tag: 'readnext-related' | 'readnext-popular', attributes = '', style = ''): Promise<ReadnextBase> {
  const container = mount(`<div style="${style}"><${tag} article-id="heat" eager ${attributes}></${tag}></div>`);
  const el = container.querySelector(tag) as ReadnextBase;
  el.articles = ARTICLES;
  return el;
}

/** Every `type` event reaching `document`, with its bubbles/composed flags. */
function record<T>(type: string): { details: T[]; flags: boolean[]; stop(): void } {
  const details: T[] = [];
  const flags: boolean[] = [];
  const listener = (event: Event) => {
    details.push((event as CustomEvent<T>).detail);
    flags.push(event.bubbles && event.composed);
  };
  document.addEventListener(type, listener);
  return { details, flags, stop: () => document.removeEventListener(type, listener) };
}

// Links lead to /news/…; the test page must stay where it is.
const stay = (event: Event) => event.preventDefault();

describe('events', () => {
  let beacons: [string, string][];
  const original = Object.getOwnPropertyDescriptor(navigator, 'sendBeacon');

  beforeEach(() => {
    beacons = [];
    window.addEventListener('click', stay);
    Object.defineProperty(navigator, 'sendBeacon', { configurable: true, value: (url: string, body: string) => beacons.push([url, body]) });
  });

  afterEach(() => {
    cleanup();
    window.removeEventListener('click', stay);
    if (original) Object.defineProperty(navigator, 'sendBeacon', original);
    else delete (navigator as unknown as Record<string, unknown>).sendBeacon;
  });

  it('readnext-ready: the ids shown, in order, from either block; bubbles and composed', async () => {
    const ready = record<ReadnextListDetail>('readnext-ready');
    try {
      const related = await element('readnext-related');
      const popular = await element('readnext-popular');
      await settled(related);
      await settled(popular);
      await until(() => ready.details.length === 2, 'two ready events');
      const byBlock = Object.fromEntries(ready.details.map((d) => [d.block, d.ids]));
      expect(byBlock.related).to.deep.equal(shown(related));
      expect(byBlock.popular).to.deep.equal(shown(popular));
      expect(byBlock.popular).to.deep.equal(['battery', 'solar', 'heat']);
      expect(ready.flags).to.deep.equal([true, true]);
    } finally {
      ready.stop();
    }
  });

  it('readnext-click: article id, 1-based position, block and url; posted to beacon', async () => {
    const clicks = record<ReadnextClickDetail>('readnext-click');
    try {
      const el = await element('readnext-popular', 'beacon="/collect"');
      await settled(el);
      links(el)[1]!.click();
      await until(() => clicks.details.length === 1, 'a click event');
      const detail = clicks.details[0]!;
      expect(detail).to.deep.equal({ block: 'popular', id: 'solar', position: 2, url: links(el)[1]!.href });
      expect(clicks.flags).to.deep.equal([true]);
      const posted = beacons.filter(([, body]) => JSON.parse(body).event === 'click');
      expect(posted).to.deep.equal([['/collect', JSON.stringify({ event: 'click', ...detail })]]);
    } finally {
      clicks.stop();
    }
  });

  it('readnext-impression: not while out of view; once when half the block is in view', async () => {
    const impressions = record<ReadnextListDetail>('readnext-impression');
    try {
      const el = await element('readnext-related', 'beacon="https://stats.example/i"', 'margin-top: 300vh');
      await settled(el);
      await sleep(200);
      expect(impressions.details, 'out of view').to.have.length(0);
      el.scrollIntoView({ block: 'center' });
      await until(() => impressions.details.length === 1, 'an impression');
      window.scrollTo(0, 0);
      await sleep(100);
      el.scrollIntoView({ block: 'center' });
      await sleep(200);
      expect(impressions.details, 'once').to.have.length(1);
      expect(impressions.details[0]).to.deep.equal({ block: 'related', ids: shown(el) });
      expect(impressions.flags).to.deep.equal([true]);
      expect(beacons.map(([url, body]) => [url, JSON.parse(body)])).to.deep.include(['https://stats.example/i', { event: 'impression', block: 'related', ids: shown(el) }]);
    } finally {
      window.scrollTo(0, 0);
      impressions.stop();
    }
  });

  it('posts nothing without beacon', async () => {
    const el = await element('readnext-popular');
    await settled(el);
    links(el)[0]!.click();
    await sleep(100);
    expect(beacons).to.deep.equal([]);
  });

  it('utm: parameters on every link, replacing those of the same name; a bare utm is the shorthand', async () => {
    const custom = await element('readnext-popular', 'utm="utm_source=site&utm_campaign=autumn&ref=rail"');
    const bare = await element('readnext-related', 'utm');
    const none = await element('readnext-popular');
    await Promise.all([settled(custom), settled(bare), settled(none)]);
    for (const link of links(custom)) {
      const url = new URL(link.href);
      expect(url.searchParams.get('utm_source')).to.equal('site');
      expect(url.searchParams.get('utm_campaign')).to.equal('autumn');
      expect(url.searchParams.getAll('ref')).to.deep.equal(['rail']);
    }
    for (const link of links(bare)) {
      expect(new URL(link.href).search).to.equal('?utm_source=readnext&utm_medium=related');
    }
    expect(links(none).map((link) => new URL(link.href).search)).to.deep.equal(['', '', '?ref=home']);
  });

  it('are typed by name on the elements', async () => {
    const el = await element('readnext-related');
    // Checked by `tsc`: the listener's event is the typed CustomEvent, no cast.
    el.addEventListener('readnext-click', (event) => event.detail.position.toFixed());
    el.addEventListener('readnext-impression', (event) => event.detail.ids.join());
    el.addEventListener('readnext-ready', (event) => event.detail.block.toUpperCase());
    el.addEventListener('readnext-error', (event) => event.detail.problem.code);
    const tag: HTMLElementTagNameMap['readnext-popular'] | null = document.querySelector('readnext-popular');
    expect(tag).to.equal(null);
  });
});
