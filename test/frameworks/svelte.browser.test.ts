// The Svelte 5 recipe of docs/recipes/frameworks.md, run: the recipe's
// +layout.svelte (registers the tags) around the recipe's component, both
// compiled by svelte/compiler (web-test-runner.frameworks.config.mjs) and
// mounted with Svelte's own `mount`.
import { expect } from '@esm-bundle/chai';
import { mount, unmount, type Component } from 'svelte';
import type { ArticleInput } from '../../src/index.js';
import { ARTICLES } from '../fixtures/frameworks/articles.js';
import { calls } from '../fixtures/frameworks/svelte/analytics.js';
import { blocks, checkItems, checkProperties, clickSecond } from './shared.js';

type Props = { articleId: string; articles: ArticleInput[] };

describe('the Svelte 5 recipe', () => {
  const warnings: string[] = [];
  const warn = console.warn;
  let root: HTMLElement;
  let app: Record<string, unknown>;

  before(async () => {
    console.warn = (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
      warn.apply(console, args);
    };
    root = document.createElement('div');
    document.body.append(root);
    // A variable, so TypeScript does not look for a .svelte module's types.
    const harness = './SvelteApp.svelte';
    const App = ((await import(harness)) as { default: Component<Props> }).default;
    app = mount(App, { target: root, props: { articleId: 'heat', articles: ARTICLES } });
  });

  after(() => {
    void unmount(app);
    console.warn = warn;
    root.remove();
  });

  it('registers the tags from the layout and renders both blocks from the articles prop and the manifest', async () => {
    expect(customElements.get('readnext-related')).to.be.a('function');
    const { related, popular } = await blocks(root);
    checkItems(related, popular);
  });

  it('sets options as properties: limit={4} is the number 4, {articles} the array', async () => {
    const { related, popular } = await blocks(root);
    checkProperties(related, popular);
  });

  it('onreadnext-click reaches the handler with the article id and position', async () => {
    const { related } = await blocks(root);
    calls.length = 0;
    const expected = clickSecond(related);
    expect(calls).to.deep.equal([expected]);
  });

  it('onreadnext-error reaches the handler, which warns with the problem', async () => {
    const { related } = await blocks(root);
    warnings.length = 0;
    related.dispatchEvent(new CustomEvent('readnext-error', { detail: { problem: { message: 'the test problem' } } }));
    expect(warnings).to.deep.equal(['the test problem']);
  });
});
