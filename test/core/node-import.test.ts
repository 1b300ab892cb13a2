import { test } from 'node:test';
import assert from 'node:assert/strict';

test('readnext/core imports and ranks in Node with no DOM', async () => {
  assert.equal(typeof (globalThis as Record<string, unknown>).window, 'undefined');
  assert.equal(typeof (globalThis as Record<string, unknown>).document, 'undefined');
  // The package's own export, as a user would import it (needs `npm run build`).
  const core = await import('readnext/core');
  const { articles } = core.normalizeManifest([
    { id: 'a', url: 'https://e.com/a', title: 'Harbour cranes idle as dock strike begins', views: 3 },
    { id: 'b', url: 'https://e.com/b', title: 'Dock strike talks resume at the harbour', views: 1 },
    { id: 'c', url: 'https://e.com/c', title: 'Gardeners prepare for an early frost', views: 2 },
  ]);
  const catalog = new core.Catalog(articles);
  const ranked = core.related(catalog, articles[0], { fill: false });
  assert.deepEqual(ranked.items.map((i) => i.article.id), ['b']);
  assert.deepEqual(core.popular(catalog, { window: 'all' }).items.map((i) => i.article.id), ['a', 'c', 'b']);
});
