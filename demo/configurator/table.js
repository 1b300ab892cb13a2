// The configurator's one source of truth: every attribute of both elements
// and every theme token, one row each. Controls, the preview, the snippets,
// the URL state and the tests are all generated from these two tables, so a
// new attribute or token is one line here.
//
// Rows whose attribute the loaded bundle does not have are hidden at run time
// (see supportedAttributes in configurator.js), so the page never offers a
// control the element would ignore, and the snippet never carries one.
//
// Attribute row fields:
//   name      the HTML attribute
//   elements  'related', 'popular' or both
//   type      'number' | 'range' | 'text' | 'url' | 'select' | 'boolean' | 'onoff'
//   default   the element's default (per element when it differs); the
//             attribute is written only when the value differs from it
//   label     instead of `default`: the default is the element's built-in
//             label in its language (LABELS), at this index (per element)
//   bare      the attribute also means something with no value (`utm`):
//             the control offers that as a checkbox, the state holds true
//   options   for 'select'; '' is "not set", described by `unset` when given
//   placeholder  of a text field, when the default says too little
//   min, max, step   for 'number' and 'range'
//   option    the core option the attribute sets (RelatedOptions /
//             PopularOptions): the tuning panel re-ranks with it and exports it
//   group     'display' | 'page' | 'tuning' | 'loading' | 'analytics' | 'source'
//   control   false when the configurator sets it itself (manifest)
//   weights   the value is `field:number` pairs, exported as an object
//   sample    a non-default value the tests set
//   doc       one line, from the element's TSDoc

export const ELEMENTS = Object.freeze({
  related: { tag: 'readnext-related', label: 'You May Also Like', jsx: 'readnext-related' },
  popular: { tag: 'readnext-popular', label: 'Most Popular', jsx: 'readnext-popular' },
});

const BOTH = ['related', 'popular'];

/**
 * The label sets readnext build writes into manifests (src/core/labels.ts LABELS): related heading,
 * popular heading, "Sponsored". The `lang` control offers these languages;
 * the test checks each against what the element renders.
 */
export const LABELS = Object.freeze({
  en: ['You May Also Like', 'Most Popular', 'Sponsored'],
  es: ['Tambi\u00e9n te puede interesar', 'Lo m\u00e1s le\u00eddo', 'Patrocinado'],
  fr: ['Vous aimerez aussi', 'Les plus lus', 'Sponsoris\u00e9'],
  de: ['Das k\u00f6nnte Sie auch interessieren', 'Meistgelesen', 'Gesponsert'],
  pt: ['Voc\u00ea tamb\u00e9m pode gostar', 'Mais lidos', 'Patrocinado'],
  ar: ['\u0642\u062f \u064a\u0639\u062c\u0628\u0643 \u0623\u064a\u0636\u064b\u0627', '\u0627\u0644\u0623\u0643\u062b\u0631 \u0642\u0631\u0627\u0621\u0629', '\u0645\u062d\u062a\u0648\u0649 \u0645\u0645\u0648\u064e\u0651\u0644'],
});

/** The labels for a `lang` value as the element picks them: its language's, else English (also for no `lang`, as on the sample site). */
export const labelsOf = (lang) => LABELS[String(lang ?? '').slice(0, 2).toLowerCase()] ?? LABELS.en;

export const ATTRIBUTES = Object.freeze([
  { name: 'manifest', elements: BOTH, type: 'url', default: '', group: 'source', control: false, doc: 'URL of the manifest (JSON), resolved against the page.' },
  { name: 'limit', elements: BOTH, type: 'number', default: 5, min: 1, max: 50, step: 1, group: 'display', option: 'limit', sample: 3, doc: 'How many items to show, 1-50.' },
  { name: 'layout', elements: BOTH, type: 'select', default: 'list', options: ['list', 'grid', 'compact'], group: 'display', sample: 'compact', doc: '`list`, `grid` (with thumbnails) or `compact` (numbered).' },
  { name: 'heading', elements: BOTH, type: 'text', label: { related: 0, popular: 1 }, group: 'display', sample: 'Read next', doc: 'Heading above the list; empty for none. Defaults to the block\u2019s label in the element\u2019s language.' },
  { name: 'heading-level', elements: BOTH, type: 'select', default: '2', options: ['2', '3', '4', '5', '6'], group: 'display', sample: '3', doc: 'Level of the heading, 2-6 (`<h2>`-`<h6>`), to fit the page\u2019s outline.' },
  { name: 'lang', elements: BOTH, type: 'select', default: '', options: ['', ...Object.keys(LABELS)], unset: 'not set: the page\u2019s language', group: 'display', sample: 'es', doc: 'Language of the labels and dates; defaults to the nearest `lang` up the page. Other languages get English labels and their own dates; `ar` lays the block out right to left.' },
  { name: 'sponsored-label', elements: BOTH, type: 'text', label: 2, group: 'display', sample: 'Partner content', doc: 'Label above sponsored articles. Defaults to \u201cSponsored\u201d in the element\u2019s language.' },
  { name: 'theme', elements: BOTH, type: 'select', default: '', options: ['', 'light', 'dark', 'auto'], unset: 'not set: the page\u2019s colours', group: 'display', sample: 'dark', doc: 'The block\u2019s own background and text colours: `light`, `dark`, or `auto` (the reader\u2019s preference); unset, it inherits the page\u2019s. Colour tokens you set still apply (the preview leaves out the sample site\u2019s own).' },
  { name: 'thumbnails', elements: BOTH, type: 'onoff', default: '', options: ['', 'on', 'off'], group: 'display', sample: 'off', doc: 'Show thumbnails; defaults to on for `grid`, off otherwise.' },
  { name: 'explain', elements: BOTH, type: 'boolean', default: false, group: 'display', doc: 'Show under each item why it was chosen (matched terms, priors).' },
  { name: 'article-id', elements: ['related'], type: 'text', default: '', group: 'page', sample: 'article-id-sample', doc: 'Id of the article being read; overrides the page URL.' },
  { name: 'article-url', elements: ['related'], type: 'url', default: '', group: 'page', sample: 'https://news.example/some-story/', doc: 'URL of the article being read; else canonical link, og:url, then location.' },
  { name: 'window', elements: ['popular'], type: 'select', default: '7d', options: ['24h', '7d', '30d', 'all'], group: 'tuning', option: 'window', sample: '30d', doc: 'Time window: `views24h`/`views7d`/`views30d`, else views of articles published in it.' },
  { name: 'metric', elements: ['popular'], type: 'select', default: 'views', options: ['views', 'trending'], group: 'tuning', option: 'metric', sample: 'trending', doc: '`views` ranks by the window\u2019s views; `trending` divides views by age to the power `gravity`.' },
  { name: 'gravity', elements: ['popular'], type: 'range', default: 1.8, min: 0, max: 4, step: 0.1, group: 'tuning', option: 'gravity', sample: 1, doc: 'Trending decay, as Hacker News\u2019 `views / (hours + 2) ^ gravity`.' },
  { name: 'threshold', elements: ['related'], type: 'range', default: 0.1, min: 0, max: 1, step: 0.05, group: 'tuning', option: 'threshold', sample: 0.5, doc: 'Minimum relevance relative to the best match, 0-1.' },
  { name: 'diversity', elements: ['related'], type: 'range', default: 0.1, min: 0, max: 1, step: 0.05, group: 'tuning', option: 'diversity', sample: 0.6, doc: 'MMR trade-off between relevance (0) and novelty (1).' },
  { name: 'field-weights', elements: ['related'], type: 'text', default: '', group: 'tuning', option: 'fieldWeights', weights: true, sample: 'title:3 keywords:0.5', doc: 'How much a term counts by field, 0-10 each, as `title:1.5 summary:1.25 tags:1.25 keywords:1` (the defaults), for pages ranked in the browser by MiniSearch (not in the manifest, or no `near`) and for explanations. A built page ranks from neighbours weighted at build time: `readnext build --field-weights`.' },
  { name: 'recency-half-life', elements: ['related'], type: 'number', default: 0, min: 0, max: 3650, step: 1, group: 'tuning', option: 'recencyHalfLifeDays', sample: 7, doc: 'Recency prior: a score halves every this many days of age; 0 is off.' },
  { name: 'popularity-weight', elements: ['related'], type: 'range', default: 0, min: 0, max: 1, step: 0.05, group: 'tuning', option: 'popularityWeight', sample: 0.5, doc: 'Blends log-scaled views into the score, 0-1; 0 is off.' },
  { name: 'same-section-boost', elements: ['related'], type: 'number', default: 1, min: 0, max: 10, step: 0.25, group: 'tuning', option: 'sameSectionBoost', sample: 2, doc: 'Multiplier for items in the current article\u2019s section; 1 is off.' },
  { name: 'section-cap', elements: ['related'], type: 'number', default: 0, min: 0, max: 50, step: 1, group: 'tuning', option: 'sectionCap', sample: 1, doc: 'At most this many items from one section; 0 is no cap.' },
  { name: 'tag-cap', elements: ['related'], type: 'number', default: 0, min: 0, max: 50, step: 1, group: 'tuning', option: 'tagCap', sample: 1, doc: 'At most this many items sharing one tag; 0 is no cap.' },
  { name: 'max-age', elements: ['related'], type: 'number', default: 0, min: 0, max: 3650, step: 1, group: 'tuning', option: 'maxAgeDays', sample: 10, doc: 'Leave out articles older than this many days; 0 is no limit.' },
  { name: 'fill', elements: ['related'], type: 'onoff', default: '', options: ['', 'on', 'off'], group: 'tuning', option: 'fill', sample: 'off', doc: 'Fill a short list from popular items; on by default.' },
  { name: 'sponsored-position', elements: ['related'], type: 'number', default: 0, min: 0, max: 50, step: 1, group: 'tuning', option: 'sponsoredPosition', sample: 2, doc: '1-based slot for the most relevant sponsored article; 0 leaves them out.' },
  { name: 'pinned', elements: ['related'], type: 'text', default: '', group: 'tuning', option: 'pinned', list: true, sample: 'pinned-sample', doc: 'Space-separated article ids always shown first, in order.' },
  { name: 'exclude-ids', elements: BOTH, type: 'text', default: '', group: 'tuning', list: true, sample: 'exclude-sample', doc: 'Space-separated article ids never to show.' },
  { name: 'exclude-sections', elements: BOTH, type: 'text', default: '', group: 'tuning', list: true, sample: 'Sport', doc: 'Space-separated sections never to show.' },
  { name: 'exclude-tags', elements: BOTH, type: 'text', default: '', group: 'tuning', list: true, sample: 'football', doc: 'Space-separated tags whose articles are never shown.' },
  { name: 'history', elements: BOTH, type: 'boolean', default: false, group: 'tuning', doc: 'Remember articles this reader opened (first-party storage); hide read ones, blend recent reads in.' },
  { name: 'eager', elements: BOTH, type: 'boolean', default: false, group: 'loading', doc: 'Load at once instead of when the element nears the viewport.' },
  { name: 'index', elements: BOTH, type: 'url', default: '', group: 'loading', sample: '/index.json', doc: 'URL of a prebuilt index (`readnext build --index`).' },
  { name: 'precomputed', elements: BOTH, type: 'url', default: '', group: 'loading', sample: '/precomputed/', doc: 'Base URL of precomputed related lists (`readnext build --precompute`).' },
  { name: 'cache', elements: BOTH, type: 'boolean', default: false, group: 'loading', doc: 'Keep responses in Cache Storage and revalidate them.' },
  { name: 'beacon', elements: BOTH, type: 'url', default: '', group: 'analytics', placeholder: 'https://stats.example/readnext', sample: '/readnext-beacon', doc: 'Your endpoint: impressions and clicks are posted there with `navigator.sendBeacon`, as JSON `{"event": "impression" | "click", ...detail}`.' },
  { name: 'utm', elements: BOTH, type: 'text', default: '', bare: true, group: 'analytics', placeholder: 'utm_source=site&utm_campaign=readnext', sample: 'utm_source=site&utm_medium=related', doc: 'Query parameters added to every link. Bare (no value): `utm_source=readnext&utm_medium=related` (or `popular`).' },
  { name: 'allow-hosts', elements: BOTH, type: 'text', default: '', group: 'analytics', placeholder: 'news.example cdn.example', sample: 'news.example', doc: 'Space-separated hosts that links and thumbnails may point at: an item linking elsewhere is not shown, an image from elsewhere is not loaded. Any http(s) host when empty.' },
  { name: 'rel', elements: BOTH, type: 'text', default: '', group: 'analytics', placeholder: 'noopener nofollow', sample: 'noopener', doc: '`rel` of every link.' },
  { name: 'referrer-policy', elements: BOTH, type: 'select', default: '', options: ['', 'no-referrer', 'origin', 'strict-origin', 'strict-origin-when-cross-origin', 'same-origin'], unset: 'the page\u2019s', group: 'analytics', sample: 'no-referrer', doc: '`referrerpolicy` of every link and thumbnail.' },
]);

// Theme tokens, in the order readnext.styles.ts declares them. `type` picks
// the control; `suggest` fills its datalist.
export const TOKENS = Object.freeze([
  { name: '--readnext-color', type: 'color', default: 'inherited (with `theme`, the theme\u2019s)', sample: '#223344', doc: 'Text colour.' },
  { name: '--readnext-background', type: 'color', default: 'white, or near-black when dark', sample: '#fdf6e3', doc: 'Background of a block with `theme`.' },
  { name: '--readnext-muted-color', type: 'color', default: 'text colour at 66%', sample: '#667788', doc: 'Colour of the meta line.' },
  { name: '--readnext-link-color', type: 'color', default: 'inherited', sample: '#114477', doc: 'Colour of titles.' },
  { name: '--readnext-link-hover-color', type: 'color', default: 'the accent', sample: '#aa2200', doc: 'Colour of a hovered or focused title.' },
  { name: '--readnext-accent-color', type: 'color', default: '#0b57d0', sample: '#006633', doc: 'Focus ring and the numbers of `compact`.' },
  { name: '--readnext-divider-color', type: 'color', default: 'text colour at 16%', sample: '#cccccc', doc: 'Lines between `list` items, image placeholder.' },
  { name: '--readnext-font', type: 'font', default: 'inherited', sample: 'Georgia, serif', doc: 'Font family.' },
  { name: '--readnext-heading-font', type: 'font', default: 'inherited', sample: 'Georgia, serif', doc: 'Font family of the heading.' },
  { name: '--readnext-heading-size', type: 'length', default: '1.25rem', sample: '2rem', doc: 'Size of the heading.' },
  { name: '--readnext-title-size', type: 'length', default: '1rem', sample: '1.125rem', doc: 'Size of item titles.' },
  { name: '--readnext-title-weight', type: 'weight', default: '600', sample: '400', doc: 'Weight of item titles.' },
  { name: '--readnext-gap', type: 'length', default: '1rem', sample: '2rem', doc: 'Space between items.' },
  { name: '--readnext-radius', type: 'length', default: '6px', sample: '0px', doc: 'Corner radius of thumbnails.' },
  { name: '--readnext-thumbnail-width', type: 'length', default: '6.5rem', sample: '8rem', doc: 'Thumbnail width in `list` (60% of it in `compact`).' },
  { name: '--readnext-column-min-width', type: 'length', default: '13rem', sample: '10rem', doc: 'Narrowest column of `grid`.' },
  { name: '--readnext-min-height', type: 'length', default: '0', sample: '12rem', doc: 'Height reserved while loading, so showing items shifts nothing.' },
]);

export const SUGGESTIONS = Object.freeze({
  font: ['system-ui, sans-serif', 'Georgia, serif', '"Helvetica Neue", Arial, sans-serif', 'ui-monospace, monospace', 'inherit'],
  length: ['0', '2px', '6px', '0.75rem', '1rem', '1.25rem', '1.5rem', '2rem', '8rem', '13rem'],
  weight: ['400', '500', '600', '700', '800'],
  color: [],
});

/** The default of `row` on `element`, whose other attributes are `attrs` (a label's default follows `lang`). */
export const defaultOf = (row, element, attrs = {}) => {
  const d = row.label ?? row.default;
  const value = d !== null && typeof d === 'object' ? d[element] : d;
  return row.label === undefined ? value : labelsOf(attrs.lang)[value];
};

/** Rows of `element`, in table order. */
export const rowsOf = (element) => ATTRIBUTES.filter((row) => row.elements.includes(element));
