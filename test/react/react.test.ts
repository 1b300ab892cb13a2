// readnext/react in React 19 (react-dom/client) in Chromium: props reach the
// elements as properties, the `onReadnext*` props hear the `readnext-*` events, and a ref
// is the element itself; and the bare tags in React 19, as
// docs/recipes/frameworks.md shows them. Run with web-test-runner.react.config.mjs.
import { expect } from '@esm-bundle/chai';
import { createElement, createRef } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ReadnextPopular, ReadnextRelated, type ReadnextRelatedProps } from '../../src/react.js';
import type { ReadnextErrorDetail } from '../../src/react.js';
import type { ReadnextPopularElement } from '../../src/elements/readnext-popular.js';
import type { ReadnextRelatedElement } from '../../src/elements/readnext-related.js';
import { settled, shown, until } from '../elements/helpers.js';

const ARTICLES = [
  { id: 'heat', url: '/news/heat', title: 'Heatwave pushes the power grid to its limit', tags: ['energy', 'heatwave'], section: 'Climate' },
  { id: 'battery', url: '/news/battery', title: 'Battery storage will steady the power grid', tags: ['energy', 'batteries'], section: 'Climate' },
  { id: 'solar', url: '/news/solar', title: 'Solar panels on grazing land split farmers', tags: ['energy', 'solar'], section: 'Climate' },
  { id: 'derby', url: '/news/derby', title: 'Late goal settles the derby', tags: ['football'], section: 'Sport' },
];

let container: HTMLElement;
let root: Root;

function render(element: Parameters<Root['render']>[0]): void {
  root.render(element);
}

function find<T extends Element>(selector: string): T {
  const element = container.querySelector<T>(selector);
  if (!element) throw new Error(`no ${selector} rendered`);
  return element;
}

describe('readnext/react', () => {
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });

  afterEach(() => {
    root.unmount();
    container.remove();
  });

  it('registers both tags on import', () => {
    expect(customElements.get('readnext-related')).to.be.a('function');
    expect(customElements.get('readnext-popular')).to.be.a('function');
  });

  it('renders items from the `articles` prop, set as a property, leaving out `articleId`', async () => {
    render(createElement(ReadnextRelated, { articles: ARTICLES, articleId: 'heat', limit: 2, heading: 'More on this', eager: true }));
    await until(() => container.querySelector('readnext-related'), 'the element');
    const element = find<ReadnextRelatedElement>('readnext-related');
    await settled(element);
    expect(element.articles).to.equal(ARTICLES);
    expect(element.getAttribute('articles')).to.equal(null);
    expect(shown(element)).to.have.length(2);
    expect(shown(element)).to.have.members(['battery', 'solar']);
    expect(element.shadowRoot?.querySelector('h2')?.textContent).to.equal('More on this');
    const titles = [...(element.shadowRoot?.querySelectorAll('[part="title"]') ?? [])].map((node) => node.textContent);
    expect(titles).to.have.members([ARTICLES[1]!.title, ARTICLES[2]!.title]);
  });

  it('re-ranks when props change on a re-render', async () => {
    const props: ReadnextRelatedProps = { articles: ARTICLES, articleId: 'heat', limit: 3, eager: true };
    render(createElement(ReadnextRelated, props));
    await until(() => container.querySelector('readnext-related'), 'the element');
    const element = find<ReadnextRelatedElement>('readnext-related');
    await settled(element);
    expect(shown(element)).not.to.include('heat');
    render(createElement(ReadnextRelated, { ...props, articleId: 'derby', limit: 1 }));
    await until(() => shown(element).length === 1 && !shown(element).includes('derby'), 'one item, not the derby');
    expect(find('readnext-related')).to.equal(element);
  });

  it('calls onReadnextError with the problem when the manifest URL is bad', async () => {
    const problems: ReadnextErrorDetail['problem'][] = [];
    render(
      createElement(ReadnextRelated, {
        manifest: '/test/fixtures/elements/no-such-manifest.json',
        eager: true,
        onReadnextError: (event) => problems.push(event.detail.problem),
      }),
    );
    await until(() => problems.length > 0, 'readnext-error');
    expect(problems).to.have.length(1);
    expect(problems[0]!.message).to.be.a('string').and.not.equal('');
    expect(find<ReadnextRelatedElement>('readnext-related').state).to.equal('error');
  });

  it('calls the latest handler after a re-render, and none once it is removed', async () => {
    const calls: string[] = [];
    const missing = (name: string): string => `/test/fixtures/elements/${name}.json`;
    render(createElement(ReadnextRelated, { manifest: missing('gone-1'), eager: true, onReadnextError: () => calls.push('first') }));
    await until(() => calls.length === 1, 'the first handler');
    render(createElement(ReadnextRelated, { manifest: missing('gone-2'), eager: true, onReadnextError: () => calls.push('second') }));
    await until(() => calls.length === 2, 'the second handler');
    render(createElement(ReadnextRelated, { manifest: missing('gone-3'), eager: true }));
    const element = find<ReadnextRelatedElement>('readnext-related');
    await until(() => element.manifest === missing('gone-3') && element.state === 'error', 'the third failure');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).to.deep.equal(['first', 'second']);
  });

  it('calls onReadnextReady, onReadnextImpression and onReadnextClick with typed details; heading level and utm as props', async () => {
    const seen: string[] = [];
    const stay = (event: Event) => event.preventDefault();
    window.addEventListener('click', stay);
    try {
      render(
        createElement(ReadnextRelated, {
          articles: ARTICLES,
          articleId: 'heat',
          limit: 2,
          eager: true,
          headingLevel: 3,
          utm: 'utm_source=app',
          onReadnextReady: (event) => seen.push(`ready ${event.detail.ids.length}`),
          onReadnextImpression: (event) => seen.push(`impression ${event.detail.block}`),
          onReadnextClick: (event) => seen.push(`click ${event.detail.id} ${event.detail.position}`),
        }),
      );
      await until(() => container.querySelector('readnext-related'), 'the element');
      const element = find<ReadnextRelatedElement>('readnext-related');
      await settled(element);
      await until(() => seen.includes('impression related'), 'the impression');
      expect(element.shadowRoot?.querySelector('h3')).not.to.equal(null);
      const first = element.shadowRoot!.querySelector<HTMLAnchorElement>('a[part="link"]')!;
      expect(new URL(first.href).searchParams.get('utm_source')).to.equal('app');
      first.click();
      expect(seen).to.deep.equal(['ready 2', 'impression related', `click ${shown(element)[0]} 1`]);
    } finally {
      window.removeEventListener('click', stay);
    }
  });

  it('gives a ref to the element itself', async () => {
    const ref = createRef<ReadnextPopularElement>();
    render(createElement(ReadnextPopular, { ref, manifest: '/test/fixtures/elements/news.json', window: 'all', limit: 3, layout: 'compact', eager: true }));
    await until(() => ref.current, 'the ref');
    const element = ref.current!;
    expect(element.localName).to.equal('readnext-popular');
    await settled(element);
    expect(shown(element)).to.have.length(3);
    expect(element.shadowRoot?.querySelector('ol')?.className).to.equal('compact');
    expect(element.refresh).to.be.a('function');
  });

  it('also works without the wrapper in React 19: properties it has, attributes, `on<event>` props', async () => {
    const problems: string[] = [];
    render(
      createElement(
        'div',
        null,
        createElement('readnext-related', { articles: ARTICLES, 'article-id': 'heat', limit: 1, eager: true }),
        createElement('readnext-popular', { manifest: '/test/fixtures/elements/gone-4.json', eager: true, 'onreadnext-error': () => problems.push('error') }),
      ),
    );
    await until(() => container.querySelector('readnext-related'), 'the element');
    const element = find<ReadnextRelatedElement>('readnext-related');
    await settled(element);
    expect(element.articles).to.equal(ARTICLES);
    expect(element.limit).to.equal(1);
    expect(shown(element)).to.have.length(1).and.not.include('heat');
    await until(() => problems.length === 1, 'readnext-error through onreadnext-error');
  });

  it('types: props are the elements’ data properties, not Lit’s API or the read-only state', () => {
    // Checked by `tsc`, not at run time.
    createElement(ReadnextRelated, { articleUrl: '/a', threshold: 0.2, excludeTags: ['sport'], pinned: ['a'], cache: true });
    createElement(ReadnextPopular, { window: '24h', layout: 'grid', thumbnails: false, className: 'sidebar' });
    // @ts-expect-error `state` is read-only
    createElement(ReadnextRelated, { state: 'ready' });
    // @ts-expect-error Lit's own members are not props
    createElement(ReadnextRelated, { requestUpdate: () => {} });
    // @ts-expect-error `window` belongs to <ReadnextPopular>
    createElement(ReadnextRelated, { window: '7d' });
    // @ts-expect-error `limit` is a number
    createElement(ReadnextPopular, { limit: '5' });
  });
});
