import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DUPLICATE_COSINE, isNearDuplicate, titleKey } from '../../src/core/dedupe.js';
import { quantize } from '../../src/core/neighbours.js';
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
  const get = (id: string) => c.getById(id)!;
  // The build-time similarity, as the ranker reads it from `near`.
  const sim = (x: string, y: string) => get(x).near!.find(([p]) => c.articles[p] === get(y))?.[1] ?? 0;
  const dup = (x: string, y: string) => isNearDuplicate(get(x), get(y), sim(x, y));

  it('titles compare without case, punctuation or spacing', () => {
    assert.equal(titleKey('Budget - Tax Rises Ahead!'), 'budget tax rises ahead');
    assert.equal(dup('a', 'b'), true);
  });
  it('keyword vectors nearly the same are one story', () => {
    assert.ok(DUPLICATE_COSINE > 0.5 && DUPLICATE_COSINE < 1);
    assert.ok(sim('a', 'c') >= DUPLICATE_COSINE);
    assert.equal(dup('a', 'c'), true);
  });
  it('a related but different story is not a duplicate', () => {
    assert.ok(sim('a', 'd') > 0);
    assert.equal(dup('a', 'd'), false);
  });
  it('vectors under 8 terms are too coarse: the build keeps their similarity under the threshold', () => {
    // e and f share every term ("one" and "two" are stop words): cosine 1, over 3 terms.
    assert.equal(sim('e', 'f'), quantize(0.99, false));
    assert.equal(dup('e', 'f'), false);
  });
  it('quantize rounds to thousandths on the right side of the threshold', () => {
    assert.equal(quantize(0.7996, true), 0.799);
    assert.equal(quantize(0.8, true), 0.8);
    assert.equal(quantize(0.95, false), 0.799);
    assert.equal(quantize(0.12345, false), 0.123);
    assert.equal(quantize(0.0001, false), 0.001);
  });
  it('an article is a duplicate of itself; without a similarity, titles and URLs only', () => {
    assert.equal(isNearDuplicate(get('a'), get('a')), true);
    assert.equal(isNearDuplicate(get('a'), get('c')), false);
  });
});
