// The Vue and Svelte code in docs/recipes/frameworks.md is what the browser
// tests in this folder run: each marked code block must equal its fixture
// file byte for byte, and the recipe's `isCustomElement` must be the one the
// test runner compiles Vue templates with. Node, like test/cli/recipes.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

const ROOT = new URL('../../', import.meta.url);
const read = (path: string) => readFile(new URL(path, ROOT), 'utf8');

test('the Vue and Svelte code blocks of the recipe are the tested fixture files, byte for byte', async () => {
  const doc = await read('docs/recipes/frameworks.md');
  const blocks = [...doc.matchAll(/<!-- tested: (test\/fixtures\/frameworks\/\S+) -->\n```[\w-]*\n([\s\S]*?)```\n/g)];
  assert.deepEqual(blocks.map((m) => m[1]), [
    'test/fixtures/frameworks/vue/main.js',
    'test/fixtures/frameworks/vue/MoreToRead.vue',
    'test/fixtures/frameworks/svelte/+layout.svelte',
    'test/fixtures/frameworks/svelte/MoreToRead.svelte',
  ]);
  for (const [, path, block] of blocks) assert.equal(block, await read(path!), `the block for ${path} differs from the fixture`);
});

test('the Vue templates are compiled with the recipe\'s isCustomElement', async () => {
  const arrow = /isCustomElement\s*[:=]\s*(\(tag\) => [^,;\n]+)/;
  const documented = arrow.exec(await read('docs/recipes/frameworks.md'))?.[1];
  const used = arrow.exec(await read('web-test-runner.frameworks.config.mjs'))?.[1];
  assert.ok(documented);
  assert.equal(used, documented);
});
