/**
 * Accessibility (issue 7): axe finds no violations in any layout, theme or
 * direction; a keyboard alone reaches every item in order, sees where focus
 * is, and follows a link with Enter; reduced motion and forced colours are
 * honoured.
 */
import { expect } from '@esm-bundle/chai';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { ReadnextBase, ReadnextClickDetail } from '../../src/elements/readnext-base.js';
import { cleanup, links, mount, settled } from './helpers.js';

interface AxeResult {
  violations: { id: string; help: string; nodes: { target: unknown; failureSummary?: string }[] }[];
}
declare global {
  interface Window {
    axe?: { run(context: Element, options?: object): Promise<AxeResult> };
  }
}

/** axe-core, loaded once as a classic script (it is not an ES module). */
async function axe(): Promise<NonNullable<Window['axe']>> {
  if (!window.axe) {
    const script = document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    await new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
  }
  return window.axe!;
}

const DAY = 86_400_000;
const ARTICLES = [
  { id: 'heat', url: '/news/heat', title: 'Heatwave pushes the power grid to its limit', tags: ['energy', 'heatwave'], section: 'Climate', views7d: 50, publishedAt: new Date(Date.now() - DAY).toISOString(), image: { src: '/test/fixtures/elements/thumb-sun.svg', alt: 'Pylons at dusk', width: 640, height: 360 } },
  { id: 'battery', url: '/news/battery', title: 'Battery storage will steady the power grid', tags: ['energy', 'batteries'], section: 'Climate', views7d: 30, publishedAt: new Date(Date.now() - 2 * DAY).toISOString(), image: { src: '/test/fixtures/elements/thumb-grid.svg', alt: 'Battery containers', width: 640, height: 360 } },
  { id: 'solar', url: '/news/solar', title: 'Solar panels on grazing land split farmers', tags: ['energy', 'solar'], section: 'Farming', views7d: 20, publishedAt: new Date(Date.now() - 9 * DAY).toISOString() },
  { id: 'acme', url: '/news/acme', title: 'Power your home through the heatwave with Acme batteries', tags: ['energy', 'batteries'], section: 'Partner', sponsored: true, views7d: 5 },
  { id: 'rtl', url: '/news/rtl', title: 'موجة حر تضغط على شبكة الكهرباء', tags: ['energy', 'heatwave'], section: 'مناخ', views7d: 10, lang: 'ar' },
];

function related(attributes: string, wrapper = ''): ReadnextBase {
  const el = mount(`<main ${wrapper}><readnext-related eager article-id="heat" sponsored-position="2" ${attributes}></readnext-related></main>`).querySelector<ReadnextBase>('readnext-related')!;
  el.articles = ARTICLES;
  return el;
}

/** Media emulation needs Chromium's DevTools protocol; Firefox runs every other check. */
const emulates = !navigator.userAgent.includes('Firefox');

// Links lead to /news/…; the test page must stay where it is.
const stay = (event: Event) => event.preventDefault();

describe('accessibility', () => {
  beforeEach(() => window.addEventListener('click', stay));
  afterEach(async () => {
    cleanup();
    window.removeEventListener('click', stay);
    if (emulates) await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  });

  const cases: [string, string, string][] = [];
  for (const layout of ['list', 'grid', 'compact']) {
    for (const theme of ['', 'theme="light"', 'theme="dark"', 'theme="auto"']) cases.push([layout, theme, '']);
  }
  cases.push(['list', 'explain', ''], ['grid', 'lang="ar"', ''], ['compact', 'heading-level="3"', 'style="color-scheme: dark; background: #111; color: #eee"'], ['list', 'heading=""', '']);

  for (const [layout, attributes, wrapper] of cases) {
    it(`axe: no violations in layout=${layout} ${attributes} ${wrapper}`, async () => {
      const el = related(`layout="${layout}" ${attributes}`, wrapper);
      await settled(el);
      const { violations } = await (await axe()).run(el.parentElement!, { resultTypes: ['violations'] });
      expect(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => [n.target, n.failureSummary]))}`)).to.deep.equal([]);
    });
  }

  // Media emulation needs Chromium's DevTools protocol: these two run there only.
  if (emulates) it('axe: no violations with the reader’s dark preference and theme="auto"', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = related('layout="grid" theme="auto"');
    await settled(el);
    expect(getComputedStyle(el.shadowRoot!.querySelector('section')!).backgroundColor).to.equal('rgb(22, 24, 29)');
    const { violations } = await (await axe()).run(el.parentElement!, { resultTypes: ['violations'] });
    expect(violations.map((v) => v.id)).to.deep.equal([]);
  });

  it('keyboard: Tab reaches every item in order with a visible focus ring; Enter follows the link', async () => {
    const before = mount('<button>before</button>').firstElementChild as HTMLButtonElement;
    const el = related('layout="grid"');
    await settled(el);
    const clicks: ReadnextClickDetail[] = [];
    el.addEventListener('readnext-click', (event) => clicks.push(event.detail));
    before.focus();
    const reached: string[] = [];
    for (const link of links(el)) {
      await sendKeys({ press: 'Tab' });
      const focused = el.shadowRoot!.activeElement as HTMLAnchorElement;
      reached.push(focused?.href);
      const ring = getComputedStyle(focused);
      expect(ring.outlineStyle, link.href).to.equal('solid');
      expect(parseFloat(ring.outlineWidth)).to.be.at.least(2);
    }
    expect(reached).to.deep.equal(links(el).map((link) => link.href));
    await sendKeys({ press: 'Enter' });
    expect(clicks.map((c) => c.position)).to.deep.equal([links(el).length]);
  });

  if (emulates) it('reduced motion: no transition', async () => {
    const el = related('');
    await settled(el);
    const title = el.shadowRoot!.querySelector('[part="title"]')!;
    expect(getComputedStyle(title).transitionDuration).to.equal('0.15s');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(title).transitionDuration).to.equal('0s');
  });

  it('forced colours: the focus ring in the system highlight, image placeholders outlined', async () => {
    // The test runner cannot emulate forced colours in this Chromium, so the rule is read from the CSSOM.
    const el = related('');
    await settled(el);
    const rules = el.shadowRoot!.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules]);
    const forced = rules.find((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && rule.conditionText === '(forced-colors: active)');
    const inside = Object.fromEntries([...forced!.cssRules].map((rule) => [(rule as CSSStyleRule).selectorText, (rule as CSSStyleRule).style.cssText]));
    expect(inside['a:focus-visible']).to.equal('outline-color: highlight;');
    expect(inside['.p']).to.match(/^border: 1px solid/);
  });
});
