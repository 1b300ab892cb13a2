import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DUPLICATE_COSINE, isNearDuplicate, titleKey } from '../../src/core/dedupe.js';
import { vectorIndex } from '../../src/core/vector-index.js';
import { catalog } from './helpers.js';

describe('near-duplicates', () => {
  const story = 'budget tax rise deficit spending chancellor borrowing treasury forecast inflation';
  const c = catalog([
    { id: 'a', title: 'Budget: tax rises ahead', keywords: story },
    { id: 'b', title: 'Budget - Tax Rises Ahead!', keywords: 'growth' },
    { id: 'c', title: 'Budget tax rises ahead for families', keywords: `${story} growth` },
    { id: 'd', title: 'Spending review', keywords: 'budget spending growth treasury forecast' },
    { id: 'e', title: 'Short one', keywords: 'budget spending' },
    { id: 'f', title: 'Short two', keywords: 'budget spending' },
  ]);
  const vi = vectorIndex(c);
  const v = (id: string) => vi.vectors[vi.indexOf(c.getById(id)!)];
  const dup = (x: string, y: string) => isNearDuplicate(c.getById(x)!, c.getById(y)!, v(x), v(y));

  it('titles compare without case, punctuation or spacing', () => {
    assert.equal(titleKey('Budget - Tax Rises Ahead!'), 'budget tax rises ahead');
    assert.equal(dup('a', 'b'), true);
  });
  it('keyword vectors nearly the same are one story', () => {
    assert.ok(DUPLICATE_COSINE > 0.5 && DUPLICATE_COSINE < 1);
    assert.equal(dup('a', 'c'), true);
  });
  it('a related but different story is not a duplicate', () => {
    assert.equal(dup('a', 'd'), false);
  });
  it('vectors under 10 terms are too coarse for the cosine test', () => {
    assert.equal(dup('e', 'f'), false);
  });
  it('an article is a duplicate of itself; no vectors means titles and URLs only', () => {
    assert.equal(isNearDuplicate(c.getById('a')!, c.getById('a')!), true);
    assert.equal(isNearDuplicate(c.getById('a')!, c.getById('c')!), false);
  });
});
