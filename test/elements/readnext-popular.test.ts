import { expect } from '@esm-bundle/chai';
import '../../src/define.js';
import type { ReadnextPopularElement } from '../../src/elements/readnext-popular.js';
import { cleanup, clearHead, manifestUrl, mount, setHead, settled, shown, until } from './helpers.js';

function popular(attributes: string): ReadnextPopularElement {
  return mount(`<readnext-popular ${attributes}></readnext-popular>`).firstElementChild as ReadnextPopularElement;
}

describe('<readnext-popular>', () => {
  afterEach(() => {
    cleanup();
    clearHead();
  });

  it('renders the most-read articles of the last 7 days, in order', async () => {
    setHead({ canonical: '/somewhere/else' });
    const element = popular(`manifest="${manifestUrl().url}" eager`);
    await settled(element);
    expect(shown(element)).to.deep.equal(['derby-report', 'transfer-deadline', 'heatwave-grid', 'river-drought', 'solar-farms']);
    expect(element.shadowRoot?.querySelector('h2')?.textContent).to.equal('Most Popular');
  });

  it('leaves out the article being read', async () => {
    setHead({ canonical: '/news/derby-report' });
    const element = popular(`manifest="${manifestUrl().url}" limit="3" eager`);
    await settled(element);
    expect(shown(element)).to.deep.equal(['transfer-deadline', 'heatwave-grid', 'river-drought']);
  });

  it('honours `window` and `limit`', async () => {
    setHead({ canonical: '/somewhere/else' });
    // No article has all-time `views`, so `all` falls to the tie-breaks: newest first.
    const element = popular(`manifest="${manifestUrl().url}" window="all" limit="3" eager`);
    await settled(element);
    expect(shown(element)).to.deep.equal(['derby-report', 'transfer-deadline', 'heatwave-grid']);
    element.limit = 1;
    await until(() => shown(element).length === 1, 'one item');
  });

  it('compact layout numbers the items; a custom heading replaces the default; an empty one removes it', async () => {
    setHead({ canonical: '/somewhere/else' });
    const element = popular(`manifest="${manifestUrl().url}" layout="compact" heading="Read now" eager`);
    await settled(element);
    expect(element.shadowRoot?.querySelector('h2')?.textContent).to.equal('Read now');
    expect(element.shadowRoot?.querySelector('ol')?.className).to.equal('compact');
    element.heading = '';
    await element.updateComplete;
    expect(element.shadowRoot?.querySelector('h2')).to.equal(null);
    expect(shown(element)).to.have.length(5);
  });

  it('grid layout shows thumbnails', async () => {
    setHead({ canonical: '/somewhere/else' });
    const element = popular(`manifest="${manifestUrl().url}" layout="grid" eager`);
    await settled(element);
    expect(element.shadowRoot?.querySelectorAll('img').length).to.be.greaterThan(0);
  });
});
