import { expect } from '@esm-bundle/chai';
import '../../src/define.js';
import type { ReadnextRelatedElement } from '../../src/elements/readnext-related.js';
import { cleanup, clearHead, links, manifestUrl, mount, requests, setHead, settled, shown, sleep, until } from './helpers.js';

const CLIMATE = ['battery-storage', 'solar-farms', 'river-drought'];
const ALL_IDS = [
  'heatwave-grid', 'battery-storage', 'solar-farms', 'river-drought', 'derby-report', 'transfer-deadline',
  'city-marathon', 'ai-tutors', 'council-chatbot', 'railway-bakery', 'farmers-market',
];

function related(attributes: string): ReadnextRelatedElement {
  return mount(`<readnext-related ${attributes}></readnext-related>`).firstElementChild as ReadnextRelatedElement;
}

describe('<readnext-related>', () => {
  afterEach(() => {
    cleanup();
    clearHead();
  });

  it('renders related articles from a manifest URL, ranked against the canonical article', async () => {
    setHead({ canonical: '/news/heatwave-grid' });
    const { url, key } = manifestUrl();
    const element = related(`manifest="${url}" eager`);
    await settled(element);
    const ids = shown(element);
    expect(ids).to.have.length(5);
    expect(ids).not.to.include('heatwave-grid');
    expect(CLIMATE).to.include(ids[0]);
    expect(ids.slice(0, 3)).to.have.members(CLIMATE);
    expect(element.shadowRoot?.querySelector('h2')?.textContent).to.equal('You May Also Like');
    expect(await requests(key)).to.equal(1);
  });

  it('shows at most `limit` items', async () => {
    setHead({ canonical: '/news/heatwave-grid' });
    const element = related(`manifest="${manifestUrl().url}" limit="2" eager`);
    await settled(element);
    expect(shown(element)).to.have.length(2);
    element.limit = 4;
    await until(() => shown(element).length === 4, 'four items after limit=4');
  });

  it('never shows the article being read, whichever it is', async () => {
    const { url, key } = manifestUrl();
    const element = related(`manifest="${url}" eager limit="10"`);
    for (const id of ALL_IDS) {
      element.setAttribute('article-id', id);
      await until(() => element.state === 'ready' && element.articleId === id && !shown(element).includes(id) && shown(element).length === 10, `ranking for ${id}`);
      expect(shown(element)).not.to.include(id);
    }
    expect(await requests(key)).to.equal(1);
  });

  it('takes the article from article-url', async () => {
    const element = related(`manifest="${manifestUrl().url}" article-url="/news/derby-report?utm_source=x#top" eager`);
    await settled(element);
    expect(shown(element)).not.to.include('derby-report');
    expect(shown(element)[0]).to.equal('transfer-deadline');
  });

  it('ranks against the page metadata when the page is not in the manifest', async () => {
    setHead({
      canonical: '/news/not-in-the-manifest',
      meta: {
        'og:title': 'Drought: reservoirs and the river at record lows',
        description: 'Water companies warn of a hosepipe ban after the heatwave.',
        'article:tag': ['drought', 'water'],
      },
    });
    const element = related(`manifest="${manifestUrl().url}" eager`);
    await settled(element);
    expect(shown(element)[0]).to.equal('river-drought');
  });

  it('list layout: no thumbnails unless asked', async () => {
    setHead({ canonical: '/news/heatwave-grid' });
    const element = related(`manifest="${manifestUrl().url}" eager`);
    await settled(element);
    expect(element.shadowRoot?.querySelector('ol')?.className).to.equal('list');
    expect(element.shadowRoot?.querySelectorAll('img')).to.have.length(0);
    element.thumbnails = true;
    await element.updateComplete;
    expect(element.shadowRoot?.querySelectorAll('img').length).to.be.greaterThan(0);
  });

  it('grid layout: thumbnails on by default, off with thumbnails="off"', async () => {
    setHead({ canonical: '/news/heatwave-grid' });
    const element = related(`manifest="${manifestUrl().url}" layout="grid" eager`);
    await settled(element);
    const list = element.shadowRoot?.querySelector('ol') as HTMLOListElement;
    expect(list.className).to.equal('grid');
    expect(getComputedStyle(list).display).to.equal('grid');
    expect(element.shadowRoot?.querySelectorAll('img').length).to.be.greaterThan(0);
    element.setAttribute('thumbnails', 'off');
    await element.updateComplete;
    expect(element.shadowRoot?.querySelectorAll('img')).to.have.length(0);
  });

  it('compact layout: a numbered list', async () => {
    setHead({ canonical: '/news/heatwave-grid' });
    const element = related(`manifest="${manifestUrl().url}" layout="compact" eager`);
    await settled(element);
    const list = element.shadowRoot?.querySelector('ol') as HTMLOListElement;
    expect(list.className).to.equal('compact');
    const first = list.querySelector('li') as HTMLLIElement;
    expect(getComputedStyle(first, '::before').content).to.match(/counter\(/);
  });

  it('renders real links and lazy images with size and alt text', async () => {
    setHead({ canonical: '/news/battery-storage' });
    const element = related(`manifest="${manifestUrl().url}" layout="grid" eager`);
    await settled(element);
    for (const link of links(element)) {
      expect(link.getAttribute('href')).to.match(/^http:\/\/[^/]+\/news\/[a-z-]+$/);
      expect(link.tabIndex).to.equal(0);
      expect(link.textContent?.trim()).not.to.equal('');
    }
    const images = [...(element.shadowRoot?.querySelectorAll('img') ?? [])];
    expect(images.length).to.be.greaterThan(0);
    for (const image of images) {
      expect(image.getAttribute('loading')).to.equal('lazy');
      expect(image.getAttribute('decoding')).to.equal('async');
      expect(Number(image.getAttribute('width'))).to.be.greaterThan(0);
      expect(Number(image.getAttribute('height'))).to.be.greaterThan(0);
      expect(image.hasAttribute('alt')).to.equal(true);
    }
    const sun = images.find((image) => image.src.endsWith('thumb-sun.svg') && image.alt !== '');
    expect(sun?.alt).to.equal('Pylons against an orange evening sky');
  });

  it('re-ranks after pushState and a canonical change, without fetching again', async () => {
    setHead({ canonical: '/news/heatwave-grid' });
    const { url, key } = manifestUrl();
    const element = related(`manifest="${url}" eager`);
    await settled(element);
    expect(CLIMATE).to.include(shown(element)[0]);
    const before = location.href;
    try {
      history.pushState({}, '', '/news/derby-report');
      (document.head.querySelector('link[rel=canonical]') as HTMLLinkElement).href = '/news/derby-report';
      await until(() => shown(element)[0] === 'transfer-deadline', 'football after navigating to the derby report');
      expect(shown(element)).not.to.include('derby-report');
    } finally {
      history.replaceState(history.state, '', before);
    }
    expect(await requests(key)).to.equal(1);
  });

  it('re-ranks on pushState and on going back when the page has no canonical link (location)', async () => {
    const { url, key } = manifestUrl();
    const before = location.href;
    try {
      history.replaceState(history.state, '', '/news/ai-tutors');
      const element = related(`manifest="${url}" eager`);
      await settled(element);
      expect(shown(element)).not.to.include('ai-tutors');
      expect(shown(element)[0]).to.equal('council-chatbot');
      history.pushState({}, '', '/news/council-chatbot');
      await until(() => shown(element)[0] === 'ai-tutors', 'the AI tutors story after navigating to the chatbot');
      expect(shown(element)).not.to.include('council-chatbot');
      history.back();
      await until(() => shown(element)[0] === 'council-chatbot', 'the chatbot story again after going back');
    } finally {
      history.replaceState(history.state, '', before);
    }
    expect(await requests(key)).to.equal(1);
  });

  it('ranks the `articles` property with no fetch', async () => {
    const fetched: string[] = [];
    const observer = new PerformanceObserver((list) => fetched.push(...list.getEntries().map((e) => e.name)));
    observer.observe({ type: 'resource' });
    const element = related('article-id="grid" eager');
    element.articles = [
      { id: 'grid', url: '/x/grid', title: 'Heatwave pushes the power grid to its limit', tags: ['energy', 'heatwave'] },
      { id: 'batteries', url: '/x/batteries', title: 'Council approves battery storage for the power grid', tags: ['energy', 'batteries'] },
      { id: 'drought', url: '/x/drought', title: 'River falls to a record low after the heatwave', tags: ['drought', 'heatwave'] },
      { id: 'derby', url: '/x/derby', title: 'Late penalty settles the derby', tags: ['football'] },
      { id: 'cricket', url: '/x/cricket', title: 'Cricket club celebrates its centenary', tags: ['cricket'] },
      { id: 'library', url: '/x/library', title: 'Library extends its weekend opening hours', tags: ['libraries'] },
    ];
    await settled(element);
    expect(['drought', 'batteries']).to.include(shown(element)[0]);
    expect(shown(element)).not.to.include('grid');
    expect(links(element)[0]?.href).to.equal(new URL(`/x/${shown(element)[0]}`, document.baseURI).href);
    await sleep(50);
    observer.disconnect();
    expect(fetched.filter((name) => name.includes('/api/manifest/'))).to.deep.equal([]);
  });

  it('starts lazily: no request until the element nears the viewport', async () => {
    const { url, key } = manifestUrl();
    const container = mount(`<div style="height: 400vh"></div><readnext-related manifest="${url}"></readnext-related>`);
    const element = container.querySelector('readnext-related') as ReadnextRelatedElement;
    await sleep(300);
    expect(element.state).to.equal('idle');
    expect(await requests(key)).to.equal(0);
    element.scrollIntoView();
    await settled(element);
    expect(await requests(key)).to.equal(1);
    window.scrollTo(0, 0);
  });

  it('`eager` loads at once even far below the viewport', async () => {
    const { url, key } = manifestUrl();
    const container = mount(`<div style="height: 400vh"></div><readnext-related manifest="${url}" eager></readnext-related>`);
    const element = container.querySelector('readnext-related') as ReadnextRelatedElement;
    await settled(element);
    expect(await requests(key)).to.equal(1);
  });
});
