// What the Vue and Svelte recipe tests check alike, on the blocks a recipe rendered.
import { expect } from '@esm-bundle/chai';
import type { ReadnextPopularElement } from '../../src/elements/readnext-popular.js';
import type { ReadnextRelatedElement } from '../../src/elements/readnext-related.js';
import { ARTICLES } from '../fixtures/frameworks/articles.js';
import { links, settled, shown, until } from '../elements/helpers.js';

/** The recipe's two blocks, once both show items. */
export async function blocks(root: ParentNode): Promise<{ related: ReadnextRelatedElement; popular: ReadnextPopularElement }> {
  await until(() => root.querySelector('readnext-related') && root.querySelector('readnext-popular'), 'both tags rendered');
  const related = root.querySelector('readnext-related')!;
  const popular = root.querySelector('readnext-popular')!;
  await Promise.all([settled(related), settled(popular)]);
  return { related, popular };
}

/** Options arrived as typed properties, not strings; `articles` as the array itself. */
export function checkProperties(related: ReadnextRelatedElement, popular: ReadnextPopularElement): void {
  expect(related.limit).to.equal(4);
  expect(related.getAttribute('limit'), 'limit is a property, not an attribute').to.equal(null);
  expect(related.articles).to.deep.equal(ARTICLES);
  expect(related.hasAttribute('articles')).to.equal(false);
  expect(related.articleId).to.equal('heat');
  expect(related.layout).to.equal('grid');
  expect(popular.manifest).to.equal('/readnext.json');
  expect(popular.window).to.equal('24h');
}

/** Items really ranked: related from the `articles` property on the page of `heat`, popular from /readnext.json by 24-hour views. */
export function checkItems(related: ReadnextRelatedElement, popular: ReadnextPopularElement): void {
  expect(shown(related)).to.have.length(4);
  expect(shown(related)).not.to.include('heat');
  expect(shown(related)).to.include.members(['battery', 'solar']);
  expect(related.shadowRoot!.querySelector('ol')!.className).to.equal('grid');
  expect(shown(popular)).to.deep.equal(['storm', 'vote', 'fair', 'quiet']);
  expect(popular.shadowRoot!.querySelector('ol')!.className).to.equal('compact');
}

/** Clicks the second related item (without leaving the page) and returns what the recipe's `track` handler must have received. */
export function clickSecond(related: ReadnextRelatedElement): [string, number] {
  const stay = (event: Event) => event.preventDefault();
  window.addEventListener('click', stay);
  try {
    links(related)[1]!.click();
  } finally {
    window.removeEventListener('click', stay);
  }
  return [shown(related)[1]!, 2];
}
