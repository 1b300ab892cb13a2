/**
 * The configurator in a real browser, served from the built demo
 * (web-test-runner.demo.config.mjs): every control of its table changes the
 * preview and the snippet, the copied snippet renders the preview's items on
 * a blank page, labels follow `lang`, the events log shows what the preview
 * dispatches, a bad manifest is refused with its problems listed, and axe
 * finds nothing on the article page or the configurator. Also writes the
 * four screenshots under docs/screenshots/.
 *
 * JavaScript rather than TypeScript because test:node runs every
 * test/demo/*.test.ts file in Node.
 */
/* global describe, it -- mocha's, from the test runner */
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';

/** @type {('related' | 'popular')[]} */
const KINDS = ['related', 'popular'];
// The configurator's own table, from the built site: the test walks the same rows the page does.
const table = await import(/* @vite-ignore */ String('/configurator/table.js'));
const manifest = await (await fetch('/manifest.json')).json();
const ARTICLE = manifest.articles.find((a) => a.id.includes('ferry')) ?? manifest.articles[0];

async function until(check, what, timeout = 6000) {
  const end = performance.now() + timeout;
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Opens the configurator in an iframe as wide as a desktop and waits until it has rendered the preview. */
async function openConfigurator(query = `?v=1&article=${ARTICLE.id}`) {
  document.body.replaceChildren();
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width:1280px;height:1400px;border:0';
  frame.src = `/configurator/${query}`;
  document.body.append(frame);
  const doc = await until(() => (frame.contentDocument?.documentElement?.dataset.ready === 'true' ? frame.contentDocument : undefined), 'the configurator', 15000);
  return { frame, win: frame.contentWindow, doc };
}

const previewDoc = (doc) => doc.querySelector('#preview').contentDocument;
const previewEl = (doc, kind) => previewDoc(doc).querySelector(table.ELEMENTS[kind].tag);
const snippet = (doc, which = 'script') => doc.querySelector(`#snippet-${which}`).textContent ?? '';

/** The link URLs a rendered element shows, once it is ready. */
function itemsOf(node) {
  if (!node || node.getAttribute('state') !== 'ready') return undefined;
  return [...node.shadowRoot.querySelectorAll('a[part~="link"]')].map((a) => a.href);
}

/** Brings a preview element into the preview's viewport so it starts, then waits for its items. */
async function previewItems(doc, kind) {
  return until(() => {
    const node = previewEl(doc, kind);
    node?.scrollIntoView({ block: 'center' });
    return itemsOf(node);
  }, `the ${kind} preview`);
}

function setControl(input, value) {
  // The control lives in the configurator's frame, so instanceof (this window's classes) would not do.
  if (input.type === 'checkbox') input.checked = Boolean(value);
  else input.value = String(value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Matches `attr="value"` (as HTML writes the value) or a bare `attr` (value true) on the opening tag of `tag`. */
function tagRe(tag, attr, value) {
  const escaped = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const html = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return value === true ? new RegExp(`<${tag}[^>]*\\s${escaped(attr)}[\\s>]`) : new RegExp(`<${tag}[^>]*\\s${escaped(attr)}="${escaped(html(value))}"`);
}

describe('configurator', () => {
  it('has exactly one table row per attribute and per token of the elements', async () => {
    const { doc, win } = await openConfigurator();
    for (const kind of KINDS) {
      const ctor = win.customElements.get(table.ELEMENTS[kind].tag);
      // Lit's public elementProperties: every reactive property with its attribute name.
      const attributes = [...ctor.elementProperties]
        .filter(([, o]) => o.attribute !== false && !o.state)
        .map(([p, o]) => (typeof o.attribute === 'string' ? o.attribute : p.toLowerCase()))
        .filter((name) => name !== 'state')
        .sort();
      const rows = table.ATTRIBUTES.filter((r) => r.elements.includes(kind)).map((r) => r.name).sort();
      expect(rows, `table rows of ${kind}`).to.deep.equal(attributes);
      for (const name of attributes.filter((n) => n !== 'manifest')) {
        expect(doc.querySelector(`[data-control="${kind}:${name}"]`), `${kind} ${name}`).not.to.equal(null);
      }
      const css = ctor.elementStyles.map((s) => s.cssText ?? '').join('\n');
      const tokens = [...new Set(css.match(/--readnext-[a-z-]+/g))].sort();
      expect(table.TOKENS.map((t) => t.name).sort(), `tokens of ${kind}`).to.deep.equal(tokens);
    }
    for (const token of table.TOKENS) expect(doc.querySelector(`[data-token="${token.name}"]`), token.name).not.to.equal(null);
  });

  it('updates the preview, the snippets and the URL for each control', async () => {
    const { doc, win } = await openConfigurator();
    let checked = 0;
    for (const kind of KINDS) {
      const tag = table.ELEMENTS[kind].tag;
      for (const row of table.ATTRIBUTES.filter((r) => r.elements.includes(kind) && r.control !== false)) {
        const input = doc.querySelector(`[data-control="${kind}:${row.name}"]`);
        if (!input) continue; // not an attribute of the loaded bundle; the test above covers the reverse
        const value = row.type === 'boolean' ? true : String(row.sample);
        const before = previewEl(doc, kind);
        setControl(input, value);
        await until(() => {
          const node = previewEl(doc, kind);
          return node !== before && node && (value === true ? node.hasAttribute(row.name) : node.getAttribute(row.name) === value);
        }, `${kind} ${row.name} in the preview`);
        for (const which of ['script', 'npm']) expect(snippet(doc, which), `${which} snippet, ${kind} ${row.name}`).to.match(tagRe(tag, row.name, value));
        expect(snippet(doc, 'react'), `react snippet ${row.name}`).to.include(row.name);
        expect(new URLSearchParams(win.location.search).has(`${kind[0]}.${row.name}`), `URL ${row.name}`).to.equal(true);
        // Back to the default: the attribute leaves the preview and the snippet.
        const d = table.defaultOf(row, kind);
        setControl(input, row.type === 'boolean' ? false : String(d ?? ''));
        await until(() => !previewEl(doc, kind)?.hasAttribute(row.name), `${kind} ${row.name} reset`);
        expect(snippet(doc)).not.to.match(tagRe(tag, row.name, value));
        checked++;
      }
    }
    expect(checked).to.be.greaterThan(20);

    for (const token of table.TOKENS) {
      const input = doc.querySelector(`[data-token="${token.name}"]`);
      setControl(input, token.sample);
      await until(
        () => {
          const node = previewEl(doc, 'related');
          return node && getComputedStyle(node).getPropertyValue(token.name).trim() === token.sample;
        },
        `${token.name} in the preview`,
      );
      expect(snippet(doc)).to.include(`${token.name}: ${token.sample};`);
      expect(snippet(doc, 'npm')).to.include(`${token.name}: ${token.sample};`);
      setControl(input, '');
      await until(() => !snippet(doc).includes(token.name), `${token.name} reset`);
    }
  });

  it('follows lang: the heading and sponsored-label defaults are the language\u2019s labels, written only when they differ', async () => {
    const { doc } = await openConfigurator();
    const langRow = table.ATTRIBUTES.find((r) => r.name === 'lang');
    // The issue's built-in languages, each with the three labels.
    expect(langRow.options.filter(Boolean)).to.deep.equal(['en', 'es', 'fr', 'de', 'pt', 'ar']);
    const control = (kind, name) => doc.querySelector(`[data-control="${kind}:${name}"]`);
    const labelRe = (tag) => new RegExp(`<${tag}[^>]*\\s(heading|sponsored-label)=`);
    for (const kind of KINDS) {
      const tag = table.ELEMENTS[kind].tag;
      for (const code of langRow.options.filter(Boolean)) {
        const [related, popular, sponsored] = table.labelsOf(code);
        const before = previewEl(doc, kind);
        setControl(control(kind, 'lang'), code);
        const node = await until(() => {
          const n = previewEl(doc, kind);
          n?.scrollIntoView({ block: 'center' });
          return n !== before && n?.getAttribute('lang') === code && n.getAttribute('state') === 'ready' ? n : undefined;
        }, `${kind} in ${code}`);
        // What the element renders is what the table says, and what the control shows as the default.
        const shown = await until(() => node.shadowRoot.querySelector('[part~="heading"]')?.textContent.trim(), `the ${code} heading`);
        expect(shown, `${kind} ${code}`).to.equal(kind === 'related' ? related : popular);
        expect(control(kind, 'heading').value).to.equal(shown);
        expect(control(kind, 'sponsored-label').value).to.equal(sponsored);
        expect(snippet(doc)).to.match(tagRe(tag, 'lang', code));
        expect(snippet(doc)).not.to.match(labelRe(tag));
      }
    }
    // A typed label is written unless it is the current language's own; a language change drops one that became the default.
    const heading = control('related', 'heading');
    setControl(control('related', 'lang'), 'fr');
    setControl(heading, table.labelsOf('fr')[0]);
    expect(snippet(doc)).not.to.match(labelRe('readnext-related'));
    setControl(heading, table.labelsOf('es')[0]);
    expect(snippet(doc)).to.match(tagRe('readnext-related', 'heading', table.labelsOf('es')[0]));
    setControl(control('related', 'lang'), 'es');
    expect(snippet(doc)).not.to.match(labelRe('readnext-related'));
    setControl(control('related', 'lang'), '');
    expect(heading.value).to.equal(table.labelsOf('en')[0]);
    // The level is the heading's tag.
    setControl(control('related', 'heading-level'), '4');
    await until(() => previewEl(doc, 'related')?.shadowRoot?.querySelector('h4[part~="heading"]'), 'an h4 heading');
  });

  it('previews a themed block in the theme\u2019s colours, not the sample site\u2019s ink, unless a colour is configured', async () => {
    const { doc } = await openConfigurator(`?v=1&article=${ARTICLE.id}&r.theme=dark`);
    const colour = (kind) => getComputedStyle(previewEl(doc, kind)).getPropertyValue('--readnext-color').trim();
    // The sample site sets its ink on every block; the themed one drops it, the other keeps it.
    expect(colour('popular')).not.to.equal('');
    expect(colour('related')).to.equal('');
    setControl(doc.querySelector('[data-token="--readnext-color"]'), '#fafafa');
    await until(() => colour('related') === '#fafafa', 'the configured colour on the themed block');
  });

  it('logs the preview\u2019s events, posts clicks to beacon, and adds bare utm parameters to links', async () => {
    const { doc } = await openConfigurator(`?v=1&article=${ARTICLE.id}&r.utm&r.beacon=%2Freadnext-beacon`);
    const bare = doc.querySelector('[data-bare="related:utm"]');
    expect(bare.checked).to.equal(true);
    expect(snippet(doc)).to.match(tagRe('readnext-related', 'utm', true));
    expect(snippet(doc)).to.match(tagRe('readnext-related', 'beacon', '/readnext-beacon'));
    // React sets the property: a bare attribute must arrive as '', not true.
    expect(snippet(doc, 'react')).to.include('utm=""');
    const links = await previewItems(doc, 'related');
    expect(links.length).to.be.greaterThan(0);
    for (const link of links) expect(new URL(link).search).to.include('utm_source=readnext&utm_medium=related');

    const log = (type, block) => [...doc.querySelectorAll(`#events li[data-type="${type}"]${block ? `[data-block="${block}"]` : ''}`)];
    await until(() => log('readnext-ready', 'related').length && log('readnext-impression', 'related').length, 'ready and impression in the log');
    // The detail is the event's: the ids of the links shown, in order.
    const { ids } = JSON.parse(log('readnext-ready', 'related').at(-1).querySelector('.events__detail').textContent);
    const idOf = (link) => manifest.articles.find((a) => new URL(a.url, location.href).pathname === new URL(link).pathname)?.id;
    expect(ids).to.deep.equal(links.map(idOf));

    const page = previewDoc(doc);
    const posts = [];
    Object.defineProperty(page.defaultView.navigator, 'sendBeacon', { value: (url, body) => posts.push([url, body]) > 0, configurable: true });
    // The preview may still be rendering (a CI run caught it between lists): wait for a link to click.
    const first = await until(() => previewEl(doc, 'related')?.shadowRoot?.querySelector('a[part~="link"]'), 'a link in the related preview');
    const node = first.getRootNode().host;
    first.click();
    const clicked = await until(() => log('readnext-click', 'related')[0], 'the click in the log');
    expect(clicked.textContent).to.include('"position":1');
    expect(clicked.textContent).to.include('utm_medium=related');
    expect(posts).to.have.length(1);
    expect(new URL(posts[0][0], page.baseURI).pathname).to.equal('/readnext-beacon');
    expect(JSON.parse(posts[0][1])).to.include({ event: 'click', block: 'related', position: 1 });
    // The link was not followed: the configured page is still there.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(previewDoc(doc) === page, 'the preview page stayed').to.equal(true);
    expect(node.isConnected).to.equal(true);

    doc.querySelector('#events-clear').click();
    expect(doc.querySelectorAll('#events li')).to.have.length(0);
    // Unticked, the attribute goes, and with it the parameters.
    bare.click();
    expect(snippet(doc)).not.to.match(tagRe('readnext-related', 'utm', true));
    await until(() => previewEl(doc, 'related') !== node, 'a fresh preview');
    const plain = await previewItems(doc, 'related');
    for (const link of plain) expect(new URL(link).search).not.to.include('utm_');
  });

  it('keeps the configuration in the URL', async () => {
    const { doc } = await openConfigurator(`?v=1&article=${ARTICLE.id}&r.limit=3&r.layout=compact&p.window=30d&t.accent-color=%23006633`);
    expect(doc.querySelector('[data-control="related:limit"]').value).to.equal('3');
    expect(doc.querySelector('[data-control="popular:window"]').value).to.equal('30d');
    expect(snippet(doc)).to.match(tagRe('readnext-related', 'limit', '3'));
    expect(snippet(doc)).to.include('--readnext-accent-color: #006633;');
    expect(await previewItems(doc, 'related')).to.have.length(3);
  });

  it('previews a dark page with the dark token values the snippet scopes to prefers-color-scheme', async () => {
    const { doc } = await openConfigurator(`?v=1&article=${ARTICLE.id}&t.accent-color=%23006633&d.accent-color=%2399dd99&scheme=dark`);
    expect(snippet(doc)).to.match(/@media \(prefers-color-scheme: dark\) \{\s+readnext-related,\s+readnext-popular \{\s+--readnext-accent-color: #99dd99;/);
    const node = previewEl(doc, 'related');
    expect(getComputedStyle(node).getPropertyValue('--readnext-accent-color').trim()).to.equal('#99dd99');
    expect(getComputedStyle(previewDoc(doc).documentElement).colorScheme).to.equal('dark');
    // Switching the page back to light shows the light value.
    doc.querySelector('#s-light').click();
    await until(() => getComputedStyle(previewEl(doc, 'related')).getPropertyValue('--readnext-accent-color').trim() === '#006633', 'the light value');
  });

  it('loads a manifest from a URL, and keeps that URL in the page URL', async () => {
    const url = new URL('/manifest.json?from=url', location.href).href;
    const { doc, win } = await openConfigurator(`?v=1&article=${ARTICLE.id}&manifest=${encodeURIComponent(url)}`);
    expect(previewEl(doc, 'related').getAttribute('manifest')).to.equal(url);
    expect(snippet(doc)).to.include(`manifest="${url}"`);
    expect(await previewItems(doc, 'related')).to.have.length(5);

    // Typed into the form: another URL replaces it; one that answers 404 is refused and changes nothing.
    const input = doc.querySelector('#source-url');
    input.value = '/no-such-manifest.json';
    doc.querySelector('#source-url-form').requestSubmit();
    await until(() => /HTTP 404/.test(doc.querySelector('#source-status').textContent ?? ''), 'the 404');
    expect(previewEl(doc, 'related').getAttribute('manifest')).to.equal(url);
    expect(new URLSearchParams(win.location.search).get('manifest')).to.equal(url);

    // Pasted JSON: ranked from the `articles` property, the snippet names the file to host.
    doc.querySelector('#paste').value = JSON.stringify(manifest.articles.slice(0, 30));
    doc.querySelector('#paste-form').requestSubmit();
    await until(() => doc.querySelector('#source-status').dataset.state === 'ok', 'the pasted manifest');
    expect(snippet(doc)).to.include('manifest="readnext.json"');
    expect(new URLSearchParams(win.location.search).has('manifest')).to.equal(false);
    expect(await previewItems(doc, 'related')).to.have.length(5);
  });

  it('renders the same items from the copied snippet on a blank page', async () => {
    const query = `?v=1&article=${ARTICLE.id}&r.limit=4&r.layout=list&r.threshold=0.3&r.diversity=0.5&p.limit=3&p.window=30d&p.metric=trending`;
    const { doc, win } = await openConfigurator(query);
    let copied = '';
    Object.defineProperty(win.navigator.clipboard, 'writeText', { value: async (text) => void (copied = text), configurable: true });
    doc.querySelector('[data-copy="snippet-script"]').click();
    await until(() => copied, 'the copied snippet');
    expect(copied).to.equal(snippet(doc));

    const expected = { related: await previewItems(doc, 'related'), popular: await previewItems(doc, 'popular') };
    // The core's table says the same, and the configurator says so too.
    await until(() => doc.querySelector('#match-related')?.getAttribute('data-same') === 'true', 'the related match note');
    const scored = [...doc.querySelectorAll('[data-scores="related"] tbody tr')].map((tr) => tr.getAttribute('data-id'));
    expect(scored).to.have.length(expected.related.length);

    // A blank page: nothing but the article's canonical link (every article page has one) and the snippet.
    const blank = document.createElement('iframe');
    blank.style.cssText = 'width:800px;height:900px;border:0';
    blank.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blank</title><link rel="canonical" href="${new URL(ARTICLE.url, location.href).href}"></head><body>${copied}</body></html>`;
    document.body.append(blank);
    const shown = {
      related: await until(() => itemsOf(blank.contentDocument?.querySelector('readnext-related') ?? null), 'related on the blank page'),
      popular: await until(() => itemsOf(blank.contentDocument?.querySelector('readnext-popular') ?? null), 'popular on the blank page'),
    };
    expect(shown.related).to.deep.equal(expected.related);
    expect(shown.popular).to.deep.equal(expected.popular);
    expect(shown.related).to.have.length(4);
  });

  it('lists the problems of a dropped invalid manifest and keeps the previous preview', async () => {
    const { doc } = await openConfigurator();
    const before = await previewItems(doc, 'related');
    const drop = (name, text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], name, { type: 'application/json' }));
      doc.querySelector('#dropzone').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    };
    const status = () => doc.querySelector('#source-status');

    drop('broken.json', JSON.stringify({ version: 1, articles: [{ title: 'No id or url' }, { id: 'x', url: 'javascript:alert(1)', title: 'Unsafe link' }] }));
    await until(() => status().dataset.state === 'error', 'the problems');
    const problems = [...status().querySelectorAll('#problems li')].map((li) => li.textContent ?? '');
    expect(problems.length).to.be.at.least(2);
    expect(problems.join('\n')).to.match(/#0/);
    expect(problems.join('\n')).to.match(/#1/);
    expect(status().textContent).to.include('keeps the previous manifest');
    expect(previewEl(doc, 'related').getAttribute('manifest')).to.equal('/manifest.json');
    expect(snippet(doc)).to.include('manifest="/manifest.json"');
    expect(await previewItems(doc, 'related')).to.deep.equal(before);

    drop('truncated.json', '{"version": 1, "articles": [{"id": "a"');
    await until(() => /not valid JSON/.test(status().textContent ?? ''), 'the JSON error');
    expect(await previewItems(doc, 'related')).to.deep.equal(before);

    // A good file replaces the manifest: the preview ranks its records (given as `articles`), the snippet names the file.
    const subset = { version: 1, articles: manifest.articles.slice(0, 40) };
    drop('subset.json', JSON.stringify(subset));
    await until(() => status().dataset.state === 'ok', 'the accepted file');
    expect(snippet(doc)).to.include('manifest="subset.json"');
    const fromFile = await until(() => {
      const node = previewEl(doc, 'related');
      return node?.articles === undefined ? undefined : node;
    }, 'the file preview');
    expect(fromFile.articles).to.have.length(40);
    const ids = new Set(subset.articles.map((a) => new URL(a.url, location.href).href));
    const items = await previewItems(doc, 'related');
    expect(items.every((u) => ids.has(u))).to.equal(true);

    // An invalid drop now leaves the file's preview working.
    drop('broken.json', '[{"title": "nothing else"}]');
    await until(() => status().dataset.state === 'error', 'the second refusal');
    expect(await previewItems(doc, 'related')).to.deep.equal(items);
  });

  it('finds no axe violations on the article page or the configurator', async () => {
    for (const width of [1280, 390]) {
      for (const path of [ARTICLE.url, `/configurator/?v=1&article=${ARTICLE.id}`, `/configurator/?v=1&article=${ARTICLE.id}&compare=1&r.explain&p.explain&scheme=dark`]) {
        const violations = await executeServerCommand('demo-axe', { path, width });
        expect(violations, `${path} at ${width}px: ${JSON.stringify(violations, null, 1)}`).to.deep.equal([]);
      }
    }
  });

  it('saves screenshots of the article page and the configurator', async () => {
    for (const width of [1280, 390]) {
      await executeServerCommand('demo-screenshot', { path: ARTICLE.url, width, height: 900, fullPage: true, name: `article-${width}.png` });
      await executeServerCommand('demo-screenshot', { path: `/configurator/?v=1&article=${ARTICLE.id}&r.layout=grid&p.layout=compact`, width, height: width > 500 ? 1000 : 1800, name: `configurator-${width}.png` });
    }
  });
});
