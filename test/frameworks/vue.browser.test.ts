// The Vue 3 recipe of docs/recipes/frameworks.md, run: the recipe's main.js
// (registers the tags, then mounts) mounts the test's App.vue, which renders
// the recipe's component; both compiled by vue/compiler-sfc with the
// recipe's `isCustomElement` (web-test-runner.frameworks.config.mjs), on
// Vue's development build, whose warnings count as failures.
import { expect } from '@esm-bundle/chai';
import { calls } from '../fixtures/frameworks/vue/analytics.js';
import { blocks, checkItems, checkProperties, clickSecond } from './shared.js';

describe('the Vue 3 recipe', () => {
  const warnings: string[] = [];
  const warn = console.warn;
  let root: HTMLElement;

  before(async () => {
    console.warn = (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
      warn.apply(console, args);
    };
    root = document.createElement('div');
    root.id = 'app';
    document.body.append(root);
    // A variable, so TypeScript does not look for the JS module's types.
    const entry = '../fixtures/frameworks/vue/main.js';
    await import(entry);
  });

  after(() => {
    console.warn = warn;
    root.remove();
  });

  it('renders both blocks from the articles prop and the manifest, with no Vue warning', async () => {
    const { related, popular } = await blocks(root);
    checkItems(related, popular);
    expect(warnings.filter((w) => w.includes('[Vue warn]'))).to.deep.equal([]);
  });

  it('binds options as properties: :limit is the number 4, :articles.prop the array', async () => {
    const { related, popular } = await blocks(root);
    checkProperties(related, popular);
  });

  it('@readnext-click reaches the handler with the article id and position', async () => {
    const { related } = await blocks(root);
    calls.length = 0;
    const expected = clickSecond(related);
    expect(calls).to.deep.equal([expected]);
  });

  it('@readnext-error reaches the handler, which warns with the problem', async () => {
    const { related } = await blocks(root);
    warnings.length = 0;
    related.dispatchEvent(new CustomEvent('readnext-error', { detail: { problem: { message: 'the test problem' } } }));
    expect(warnings).to.deep.equal(['the test problem']);
  });
});
