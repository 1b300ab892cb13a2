import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractKeywords, shippedTerms, termCounts } from '../../src/core/keywords.js';

const doc = (title: string, body: string, summary?: string) => ({ title, body, tags: [], ...(summary && { summary }) });

describe('extractKeywords', () => {
  it('weights by sublinear tf × IDF, skips terms no other article has, and orders by weight', () => {
    // "goal" appears 3 times in a and once in b (df 2); "match" appears once
    // in a, b and c (df 3); "referee" only in a (df 1, dropped).
    const articles = [
      doc('Aaa', 'goal goal goal match referee'),
      doc('Bbb', 'goal match'),
      doc('Ccc', 'match'),
    ];
    const [a, b, c] = extractKeywords(articles, { skipShipped: false });
    // goal: (1 + ln 3) × ln(1 + 3/2) = 2.0986 × 0.9163 = 1.923 → 1.9
    // match: 1 × ln(1 + 3/3) = 0.693 → 0.69
    assert.deepEqual(a, [['goal', 1.9], ['match', 0.69]]);
    assert.deepEqual(b, [['goal', 0.92], ['match', 0.69]]);
    assert.deepEqual(c, [['match', 0.69]]);
  });

  it('counts title words three times and summary words twice', () => {
    assert.deepEqual([...termCounts(doc('Budget vote', 'budget tax', 'Tax rise'))], [['budget', 4], ['vote', 3], ['tax', 3], ['rise', 2]]);
  });

  it('keeps at most maxKeywords, breaking ties by term', () => {
    const articles = [doc('x', 'delta alpha charlie bravo'), doc('y', 'delta alpha charlie bravo')];
    assert.deepEqual(extractKeywords(articles, { maxKeywords: 2 })[0], [['alpha', 0.69], ['bravo', 0.69]]);
  });

  it('leaves out terms the title, summary or tags already ship', () => {
    const articles = [
      { title: 'Budget', summary: 'Tax', tags: ['Vote'], body: 'budget tax vote deficit' },
      { title: 'Other', tags: [], body: 'budget tax vote deficit' },
    ];
    assert.deepEqual(extractKeywords(articles)[0]!.map(([t]) => t), ['deficit']);
    assert.deepEqual([...shippedTerms(articles[0]!)].sort(), ['budget', 'tax', 'vote']);
  });

  it('drops stop words and is deterministic', () => {
    const articles = [doc('The cat', 'the cat and the dog'), doc('A dog', 'a dog and a cat')];
    const first = extractKeywords(articles, { skipShipped: false });
    assert.deepEqual(first, extractKeywords(articles, { skipShipped: false }));
    assert.deepEqual(first[0]!.map(([t]) => t).sort(), ['cat', 'dog']);
  });

  it('returns nothing for an empty catalogue', () => {
    assert.deepEqual(extractKeywords([]), []);
  });
});
