/**
 * The theming contract (issue 7): heading and empty-state slots, heading
 * level, light and dark by attribute and by the page's `color-scheme`,
 * layouts that follow their column (container queries), and every
 * `--readnext-*` property used in the styles documented in the reference.
 */
import { expect } from '@esm-bundle/chai';
import '../../src/define.js';
import type { ReadnextBase } from '../../src/elements/readnext-base.js';
import { styles } from '../../src/elements/readnext.styles.js';
import { cleanup, mount, settled } from './helpers.js';

const ARTICLES = [
  { id: 'heat', url: '/news/heat', title: 'Heatwave pushes the power grid to its limit', tags: ['energy'], views7d: 10, image: '/test/fixtures/elements/thumb-sun.svg' },
  { id: 'battery', url: '/news/battery', title: 'Battery storage will steady the power grid', tags: ['energy'], views7d: 30, image: '/test/fixtures/elements/thumb-grid.svg' },
];

function element(markup: string, articles: unknown[] = ARTICLES, style = ''): ReadnextBase {
  const el = mount(`<div style="${style}">${markup}</div>`).querySelector<ReadnextBase>('readnext-related, readnext-popular')!;
  el.articles = articles as ReadnextBase['articles'];
  return el;
}

const heading = (el: Element) => el.shadowRoot!.querySelector<HTMLElement>('[part~="heading"]');

describe('theming', () => {
  afterEach(cleanup);

  it('heading-level sets the heading element (2-6), which labels the section', async () => {
    const el = element('<readnext-popular eager heading-level="4"></readnext-popular>');
    await settled(el);
    expect(heading(el)!.localName).to.equal('h4');
    expect(el.shadowRoot!.querySelector('section')!.getAttribute('aria-labelledby')).to.equal(heading(el)!.id);
    for (const [level, tag] of [['9', 'h6'], ['1', 'h2'], ['x', 'h2'], ['3', 'h3']] as const) {
      el.setAttribute('heading-level', level);
      await el.updateComplete;
      expect(heading(el)!.localName, level).to.equal(tag);
      expect(el.shadowRoot!.querySelectorAll('h2, h3, h4, h5, h6'), 'one heading').to.have.length(1);
    }
  });

  it('the heading slot replaces the heading text inside the heading element, even with heading=""', async () => {
    const el = element('<readnext-popular eager heading=""><a slot="heading" href="/popular">Trending now</a></readnext-popular>');
    await settled(el);
    const slot = heading(el)!.querySelector('slot')!;
    expect(slot.name).to.equal('heading');
    expect(slot.assignedElements().map((node) => node.textContent)).to.deep.equal(['Trending now']);
    expect(heading(el)!.localName).to.equal('h2');
  });

  it('empty: collapses without an empty slot; shows the heading and the slot with one', async () => {
    const bare = element('<readnext-related eager article-id="heat"></readnext-related>', [ARTICLES[0]]);
    const slotted = element('<readnext-related eager article-id="heat"><p slot="empty">Nothing more on this yet.</p></readnext-related>', [ARTICLES[0]]);
    await settled(bare, 'empty');
    await settled(slotted, 'empty');
    await slotted.updateComplete;
    expect(getComputedStyle(bare).display).to.equal('none');
    expect(getComputedStyle(slotted).display).to.equal('block');
    expect(heading(slotted)!.textContent).to.equal('You May Also Like');
    const slot = slotted.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="empty"]')!;
    expect(slot.assignedElements()[0]!.textContent).to.equal('Nothing more on this yet.');
    expect(slotted.getBoundingClientRect().height).to.be.greaterThan(0);
    slotted.hidden = true;
    expect(getComputedStyle(slotted).display, '[hidden] still hides').to.equal('none');
    slotted.hidden = false;
    // A list again: the slot goes, and so does the empty state.
    slotted.articles = ARTICLES;
    await settled(slotted);
    expect(slotted.shadowRoot!.querySelector('slot[name="empty"]')).to.equal(null);
  });

  it('theme: own colours in light and dark; without it the page’s colours, and the accent follows color-scheme', async () => {
    const light = element('<readnext-popular eager theme="light" layout="compact"></readnext-popular>', ARTICLES, 'color-scheme: dark; color: rgb(200, 0, 0)');
    const dark = element('<readnext-popular eager theme="dark" layout="compact"></readnext-popular>');
    const plain = element('<readnext-popular eager layout="compact"></readnext-popular>', ARTICLES, 'color: rgb(200, 0, 0)');
    const pageDark = element('<readnext-popular eager layout="compact"></readnext-popular>', ARTICLES, 'color-scheme: dark');
    await Promise.all([light, dark, plain, pageDark].map((el) => settled(el)));
    const section = (el: Element) => getComputedStyle(el.shadowRoot!.querySelector('section')!);
    const number = (el: Element) => getComputedStyle(el.shadowRoot!.querySelector('li')!, '::before').color;
    expect(section(light).backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(section(light).color).to.equal('rgb(29, 31, 35)');
    expect(section(dark).backgroundColor).to.equal('rgb(22, 24, 29)');
    expect(section(dark).color).to.equal('rgb(228, 230, 234)');
    expect(number(dark)).to.equal('rgb(168, 199, 250)');
    expect(section(plain).backgroundColor).to.equal('rgba(0, 0, 0, 0)');
    expect(section(plain).color).to.equal('rgb(200, 0, 0)');
    expect(number(plain)).to.equal('rgb(11, 87, 208)');
    expect(number(pageDark)).to.equal('rgb(168, 199, 250)');
    // Public properties still win over a theme.
    dark.style.setProperty('--readnext-background', 'rgb(1, 2, 3)');
    expect(section(dark).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('grid follows its column, not the viewport: rows with a thumbnail beside the title when narrow', async () => {
    const narrow = element('<readnext-popular eager layout="grid"></readnext-popular>', ARTICLES, 'width: 300px');
    const wide = element('<readnext-popular eager layout="grid"></readnext-popular>', ARTICLES, 'width: 800px');
    await Promise.all([settled(narrow), settled(wide)]);
    const direction = (el: Element) => getComputedStyle(el.shadowRoot!.querySelector('a')!).flexDirection;
    expect(direction(narrow)).to.equal('row');
    expect(direction(wide)).to.equal('column');
    const columns = (el: Element) => getComputedStyle(el.shadowRoot!.querySelector('ol')!).gridTemplateColumns.split(' ').length;
    expect(columns(wide)).to.be.greaterThan(1);
  });

  it('documents every --readnext-* property the styles use, and uses every one it documents', async () => {
    const reference = await (await fetch('/docs/reference.md')).text();
    const documented = new Set([...reference.matchAll(/^\| `(--readnext-[\w-]+)`/gm)].map((m) => m[1]));
    const used = new Set([...styles.cssText.matchAll(/var\((--readnext-[\w-]+)/g)].map((m) => m[1]));
    expect([...used].sort()).to.deep.equal([...documented].sort());
  });
});
