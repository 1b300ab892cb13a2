import { expect } from '@esm-bundle/chai';
import '../../src/define.js';
import type { ReadnextBase } from '../../src/elements/readnext-base.js';
import { cleanup, mount, settled } from './helpers.js';

const records = [
  { id: 'cur', url: 'https://news.example/cur', title: 'Harbour cranes automated at the port', tags: ['port'] },
  { id: 'a', url: 'https://news.example/a', title: 'Port cranes strike ends', tags: ['port'], image: 'https://cdn.example/a.jpg', views: 9 },
  { id: 'b', url: 'https://elsewhere.example/b', title: 'Port cranes arrive by sea', tags: ['port'], views: 8 },
  { id: 'c', url: 'https://news.example/c', title: 'Port cranes tested at night', tags: ['port'], image: 'https://tracker.example/c.jpg', views: 7 },
];

async function popular(attributes: string): Promise<ReadnextBase> {
  const el = mount(`<readnext-popular article-id="cur" window="all" layout="grid" eager ${attributes}></readnext-popular>`).querySelector("readnext-popular") as ReadnextBase;
  el.articles = records as unknown as ReadnextBase['articles'];
  await settled(el, 'ready');
  return el;
}

const links = (el: Element) => [...el.shadowRoot!.querySelectorAll('a')];

describe('links: allow-hosts, rel, referrer-policy', () => {
  afterEach(cleanup);

  it('without options, links and thumbnails go anywhere http(s), with no rel or referrerpolicy', async () => {
    const el = await popular('');
    expect(links(el).map((a) => new URL(a.href).host)).to.include('elsewhere.example');
    expect(links(el).every((a) => !a.hasAttribute('rel') && !a.hasAttribute('referrerpolicy'))).to.equal(true);
  });

  it('allow-hosts hides items linking elsewhere and drops thumbnails from elsewhere', async () => {
    const el = await popular('allow-hosts="news.example cdn.example"');
    const hrefs = links(el).map((a) => a.href);
    expect(hrefs.some((h) => h.includes('elsewhere.example'))).to.equal(false);
    expect(hrefs).to.include('https://news.example/a');
    const srcs = [...el.shadowRoot!.querySelectorAll('img')].map((img) => img.getAttribute('src'));
    expect(srcs).to.deep.equal(['https://cdn.example/a.jpg']);
    expect(hrefs).to.include('https://news.example/c');
  });

  it('rel and referrer-policy reach every link, and the policy every thumbnail', async () => {
    const el = await popular('rel="noopener nofollow" referrer-policy="no-referrer"');
    expect(links(el).length).to.be.above(0);
    for (const a of links(el)) {
      expect(a.getAttribute('rel')).to.equal('noopener nofollow');
      expect(a.referrerPolicy).to.equal('no-referrer');
    }
    for (const img of el.shadowRoot!.querySelectorAll('img')) expect(img.referrerPolicy).to.equal('no-referrer');
  });
});
