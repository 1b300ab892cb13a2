/**
 * Page CSS that attacks children (`* { all: unset }`, `a { display: none }`,
 * `img { width: 2000px }` and friends) must not change how the widget looks:
 * every element of its shadow root keeps its box and computed styles, compared
 * with the same widget on a page without the attack. Both builds: the
 * script-tag bundle and the npm entry.
 */
import { expect } from '@esm-bundle/chai';
import { manifestUrl } from './helpers.js';
import { allFinished, BUILDS, closeFrames, frame, layout, markup, requireBundle, widgets, type Frame } from '../fixtures/hostile/frame.js';

/** Each attack, as a page author (or a careless CMS theme) would write it. */
const ATTACKS: Record<string, string> = {
  'all: unset on everything': '* { all: unset !important }',
  'hidden links': 'a { display: none !important } a[href] { visibility: hidden }',
  'huge images': 'img { width: 2000px !important; height: 900px !important; max-width: none !important; object-fit: fill }',
  'list and text resets': `ol, ul, li { list-style: square inside !important; margin: 40px !important; padding: 40px !important; float: left; width: 10px }
    section, h2, span, time { display: none !important; position: absolute; font-size: 90px !important }
    [part], [part~="title"], .title, .meta { display: none !important; color: red !important }`,
  // Borders and padding a `*` rule puts on the host itself do show: the host's box is the page's to style.
  'a box-model reset': '*, *::before, *::after { box-sizing: content-box !important; margin: 0 !important } img, a { border: 5px solid red !important }',
};

/** What decides how an element looks. */
const PROPERTIES = ['display', 'visibility', 'position', 'float', 'box-sizing', 'list-style-type', 'margin-top', 'margin-left', 'padding-top', 'padding-left',
  'border-top-width', 'font-size', 'font-weight', 'text-decoration-line', 'object-fit', 'opacity', 'overflow-x'] as const;

// Without the attack, a plain page.
const BASE_CSS = '<style>body { margin: 0 }</style>';

async function page(script: string, css: string, url: string): Promise<Frame> {
  const f = await frame(`${BASE_CSS}<style>${css}</style>${script}<link rel="canonical" href="/news/heatwave-grid">`,
    // The widgets' column and the font they inherit: fixed by the page (an inline !important beats the
    // attacks), so what is compared is the widget itself, not the page's layout the attack also breaks.
    `<main style="display: block !important; width: 860px !important; margin: 0 !important; padding: 0 !important; border: 0 !important; font: 16px/1.5 serif !important; color: #222 !important">
     <readnext-related manifest="${url}" layout="grid" heading="Read next" eager></readnext-related>
     <readnext-popular manifest="${url}" layout="compact" explain eager></readnext-popular>
     <readnext-related manifest="${url}" layout="list" thumbnails eager></readnext-related></main>`);
  await allFinished(f);
  // Images are lazy and their size is reserved; wait a beat for any layout to settle.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return f;
}

describe('hostile page CSS', () => {
  before(requireBundle);
  afterEach(closeFrames);

  for (const [build, script] of BUILDS) {
    for (const [name, css] of Object.entries(ATTACKS)) {
      it(`${build}: ${name} leaves the widget's boxes and styles as they were`, async () => {
        const { url } = manifestUrl();
        const clean = await page(script, '', url);
        const attacked = await page(script, css, url);
        const [before, after] = [widgets(clean), widgets(attacked)];
        expect(after.map((w) => w.getAttribute('state'))).to.deep.equal(['ready', 'ready', 'ready']);
        for (let i = 0; i < before.length; i++) {
          expect(markup(after[i]!), `markup of widget ${i}`).to.equal(markup(before[i]!));
          expect(layout(after[i]!, PROPERTIES), `layout of widget ${i}`).to.deep.equal(layout(before[i]!, PROPERTIES));
          // And the block as a whole: a block box, as wide as before.
          const [b, a] = [before[i]!.shadowRoot!.firstElementChild!.getBoundingClientRect(), after[i]!.shadowRoot!.firstElementChild!.getBoundingClientRect()];
          expect(Math.round(a.width), `width of widget ${i}`).to.equal(Math.round(b.width));
        }
        expect(attacked.window.errors).to.deep.equal([]);
      });
    }
  }
});
