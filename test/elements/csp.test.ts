/**
 * A publisher's page with a strict Content-Security-Policy, served with the
 * header (route /api/page/ in web-test-runner.config.mjs): scripts and styles
 * only from the page's own origin (or a nonce), Trusted Types required for
 * script sinks with only Lit's `lit-html` policy allowed. The widget must
 * render, styled, with 0 `securitypolicyviolation` events, from the script-tag
 * bundle and from the npm build.
 *
 * What a publisher puts in its CSP for readnext (see the policies below):
 *   script-src  the origin serving readnext.min.js ('self' or a nonce);
 *   connect-src the origins of the manifest, index and shards;
 *   img-src     the origins of the manifest's images;
 *   trusted-types lit-html (when Trusted Types are required);
 *   nothing for styles: they are constructed style sheets, which style-src does not govern.
 */
import { expect } from '@esm-bundle/chai';
import { manifestUrl, until } from './helpers.js';
import { closeFrames, framePage, requireBundle, type Frame } from '../fixtures/hostile/frame.js';

const STRICT = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
  "base-uri 'none'",
  "object-src 'none'",
  "form-action 'none'",
].join('; ');
const NONCE = 'cnVhZG5leHQtdGVzdA==';
const NONCED = STRICT.replace("script-src 'self'", `script-src 'nonce-${NONCE}' 'strict-dynamic'`);

interface CspWindow {
  violations: { directive: string; blocked: string; sample: string }[];
  errors: string[];
}

async function open(page: string, policy: string, nonce = ''): Promise<Frame & { csp: CspWindow }> {
  const { url } = manifestUrl();
  const f = await framePage(`/api/page/${page}?${new URLSearchParams({ csp: policy, nonce, manifest: url })}`);
  const csp = f.window as unknown as CspWindow;
  await until(() => {
    const all = [...f.document.querySelectorAll('readnext-related, readnext-popular')];
    return all.length === 3 && all.every((w) => ['ready', 'empty', 'error'].includes(w.getAttribute('state') ?? ''));
  }, 'the widgets to finish', 8000);
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { ...f, csp };
}

/** The computed style of the first `selector` in the shadow root of `tag`. */
function styleOf(f: Frame, tag: string, selector: string): CSSStyleDeclaration {
  const node = f.document.querySelector(tag)?.shadowRoot?.querySelector(selector);
  if (!node) throw new Error(`no ${selector} in ${tag}`);
  return f.window.getComputedStyle(node);
}

describe('strict Content-Security-Policy', () => {
  before(requireBundle);
  afterEach(closeFrames);

  for (const [page, name, policy, nonce] of [
    ['csp-bundle', "bundle, script-src 'self'", STRICT, ''],
    ['csp-bundle', 'bundle, nonce and strict-dynamic', NONCED, NONCE],
    ['csp-npm', "npm build, script-src 'self'", STRICT, ''],
    // Each copy of Lit asks for its `lit-html` policy; a second request is refused without 'allow-duplicates'.
    ['csp-twice', "bundle twice, script-src 'self', trusted-types lit-html 'allow-duplicates'", STRICT.replace('trusted-types lit-html', "trusted-types lit-html 'allow-duplicates'"), ''],
    ['csp-twice', "bundle twice, script-src 'self'", STRICT, ''],
  ] as const) {
    it(`${name}: renders styled with 0 violations`, async () => {
      const f = await open(page, policy, nonce);
      const states = [...f.document.querySelectorAll('readnext-related, readnext-popular')].map((w) => w.getAttribute('state'));
      expect(f.csp.violations).to.deep.equal([]);
      expect(f.csp.errors).to.deep.equal([]);
      expect(states).to.deep.equal(['ready', 'ready', 'ready']);
      // Styled: the widget's own style sheet applies inside the shadow root.
      expect(styleOf(f, 'readnext-related', 'ol').display).to.equal('grid');
      expect(styleOf(f, 'readnext-related', 'a').display).to.equal('flex');
      expect(styleOf(f, 'readnext-related', '.title').fontWeight).to.equal('600');
      expect(styleOf(f, 'readnext-related', 'a').textDecorationLine).to.equal('none');
      expect(f.document.querySelector('readnext-related')?.shadowRoot?.querySelectorAll('img')).to.have.length.greaterThan(0);
    });
  }

  it('the policy is in force: an inline style and an HTML string sink are refused and reported', async () => {
    const f = await open('csp-bundle', STRICT);
    const style = f.document.createElement('style');
    style.textContent = 'body { color: red }';
    f.document.head.append(style);
    let refused = false;
    try {
      f.document.body.insertAdjacentHTML('beforeend', '<b>x</b>');
    } catch {
      refused = true;
    }
    expect(refused, 'Trusted Types refuse a string').to.equal(true);
    await until(() => f.csp.violations.length >= 2, 'two violations');
    expect(f.csp.violations.map((v) => v.directive).sort()).to.deep.equal(['require-trusted-types-for', 'style-src-elem']);
  });
});
