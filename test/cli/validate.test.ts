import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateManifest } from '../../src/cli/validate.js';

test('a clean manifest has no problems', () => {
  const report = validateManifest({
    version: 1,
    articles: [{ id: 'a', url: 'https://e.com/a', title: 'A', image: { src: 'https://e.com/a.png', alt: '' }, keywords: [['x', 1]] }],
  });
  assert.deepEqual(report, { articles: 1, problems: [], errors: 0, warnings: 0 });
});

test('schema violations carry the record index and field', () => {
  const report = validateManifest({
    version: 1,
    articles: [
      { id: 'a', url: 'https://e.com/a', title: 'A' },
      { id: 'b', url: 'https://e.com/b', title: 'B', tags: 'not-an-array', views: -1 },
    ],
  });
  const schema = report.problems.filter((p) => p.code === 'schema').map((p) => [p.index, p.field]);
  assert.deepEqual(schema.sort(), [[1, 'tags'], [1, 'views']]);
  assert.equal(report.articles, 2, 'warnings keep the record');
  assert.equal(report.errors, 2);
  assert.equal(report.warnings, 2);
});

test('a record the widget drops is an error with its reason', () => {
  const report = validateManifest([{ id: 'a', url: 'javascript:alert(1)', title: 'A' }]);
  assert.equal(report.articles, 0);
  assert.ok(report.problems.some((p) => p.code === 'unsafe-url' && p.index === 0 && p.field === 'url' && p.level === 'error'));
});

test('JSON Feed documents are checked by the normaliser, not the manifest schema', () => {
  const report = validateManifest({ version: 'https://jsonfeed.org/version/1.1', items: [{ id: '1', url: 'https://e.com/1', title: 'One' }] });
  assert.deepEqual(report.problems, []);
  assert.equal(report.articles, 1);
});

test('a built manifest with near (neighbour pairs) validates; a malformed near is a schema problem', () => {
  const article = (id: string, near: unknown) => ({ id, url: `https://e.com/${id}`, title: id.toUpperCase(), near });
  const clean = validateManifest({ version: 1, articles: [article('a', [1, 850]), article('b', [0, 850])] });
  assert.deepEqual(clean.problems, []);
  const bad = validateManifest({ version: 1, articles: [article('a', [1, 0.85]), article('b', 'near')] });
  assert.deepEqual(bad.problems.filter((p) => p.code === 'schema').map((p) => [p.index, p.field]).sort(), [[0, 'near'], [1, 'near']]);
});
