import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { builtFixture } from '../../scripts/build-fixtures.js';

test('the element fixture news.json is news.source.json built by the core (run `npm run fixtures` after changing either side)', () => {
  const committed = readFileSync(new URL('../fixtures/elements/news.json', import.meta.url), 'utf8');
  assert.equal(committed, builtFixture());
  const { articles } = JSON.parse(committed) as { articles: { near?: number[] }[] };
  assert.ok(articles.every((a) => Array.isArray(a.near) && a.near.length > 0), 'every article has neighbours');
});
