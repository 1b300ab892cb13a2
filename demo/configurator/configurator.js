// The readnext configurator. One state object drives everything: the form
// controls are built from table.js, the preview elements and the snippets
// are both produced by attributesOf(), so what is copied is what is shown.
// The ranking core (readnext-core.js, an ESM build of src/core) validates
// manifests and re-ranks for the tuning panel; without it the page still
// configures, previews and writes snippets.
import { ATTRIBUTES, ELEMENTS, SUGGESTIONS, TOKENS, defaultOf, rowsOf } from './table.js';

const SITE_MANIFEST = '/manifest.json';
const BUNDLE_SRC = '/readnext.min.js';
const KINDS = /** @type {const} */ (['related', 'popular']);
const WIDTHS = { desktop: 1280, tablet: 768, mobile: 390 };
const PREVIEW_HEIGHT = 1000;
// How the sample site itself embeds the two blocks; used when the URL holds no state.
const PRESET = { related: { layout: 'grid' }, popular: { layout: 'compact' } };
// A dark page for the preview: the sample site is light only, so its palette is swapped here.
const DARK_PAGE = `:root{color-scheme:dark;--ink:#e9e6e1;--ink-soft:#cbc6bf;--muted:#a9a39b;--paper:#14171b;--paper-warm:#1d2126;--rule:#3b4047;--link:#8ec5ff;--accent:#ff8f85;--focus:#8ab4f8}`;

const $ = (selector, root = document) => root.querySelector(selector);
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key in node && typeof value !== 'string') node[key] = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children.filter((c) => c !== undefined && c !== null));
  return node;
};

/** @type {typeof import('../../src/core/index.ts') | undefined} */
let core;
/** The attributes the loaded bundle's elements have, per kind; undefined until the bundle loads. */
const supported = { related: undefined, popular: undefined };

// --- State ---------------------------------------------------------------

const state = {
  include: { related: true, popular: true },
  /** Non-default attribute values as strings (booleans as true), per element. */
  attrs: { related: {}, popular: {} },
  /** Token values for light and for dark pages. */
  tokens: { light: {}, dark: {} },
  /** Where the manifest comes from: the sample site, a URL, or a file (name only; records in `data`). */
  source: { kind: 'site', url: '', name: '' },
  view: { article: '', width: 'desktop', scheme: 'light', compare: false, tokenScheme: 'light' },
};

/** The accepted manifest: what the preview and the tuning panel rank. */
let data = { doc: undefined, base: '', records: undefined, articles: [], problems: [], catalog: undefined };
/** The sample site's manifest: the articles the preview can show. */
let site = { articles: [] };

const isDefault = (row, kind, value) => {
  const d = defaultOf(row, kind, state.attrs[kind]);
  if (row.type === 'boolean') return !value;
  return String(value ?? '') === String(d ?? '');
};

function setAttr(kind, name, value) {
  const row = ATTRIBUTES.find((r) => r.name === name);
  if (!row) return;
  // An emptied number field means "not set", not 0.
  const unset = value === undefined || value === null || (value === '' && (row.type === 'number' || row.type === 'range'));
  if (unset || (value !== true && isDefault(row, kind, value))) delete state.attrs[kind][name];
  else state.attrs[kind][name] = row.type === 'boolean' || (row.bare && value === true) ? true : String(value);
}

/** After `lang` changed: a label the user typed that is now the language's own default is dropped. */
function normalizeLabels(kind) {
  for (const row of rowsOf(kind)) if (row.label !== undefined && state.attrs[kind][row.name] !== undefined) setAttr(kind, row.name, state.attrs[kind][row.name]);
}

/** Is `row` an attribute the loaded element really has? (All rows until the bundle answers.) */
function available(row, kind) {
  return !supported[kind] || supported[kind].has(row.name);
}

/** The manifest attribute as the snippet writes it. */
function manifestAttr() {
  if (state.source.kind === 'url') return state.source.url;
  if (state.source.kind === 'file') return state.source.name || 'readnext.json';
  return SITE_MANIFEST;
}

/**
 * The attributes of one element, in table order: the single function behind
 * both the preview and every snippet. `[name, value]`, value `true` for a
 * boolean attribute.
 */
function attributesOf(kind) {
  const out = [['manifest', manifestAttr()]];
  for (const row of rowsOf(kind)) {
    if (row.control === false || !available(row, kind)) continue;
    const value = state.attrs[kind][row.name];
    if (value !== undefined) out.push([row.name, value]);
  }
  return out;
}

function tokenBlock(values, selector, indent = '', important = '') {
  const lines = TOKENS.filter((t) => values[t.name]).map((t) => `${indent}  ${t.name}: ${values[t.name]}${important};`);
  return lines.length ? `${indent}${selector} {\n${lines.join('\n')}\n${indent}}` : '';
}

const TAGS = () => KINDS.filter((k) => state.include[k]).map((k) => ELEMENTS[k].tag);

/** The theme CSS the snippet carries: light values, then dark ones under prefers-color-scheme. */
function themeCss() {
  const selector = (TAGS().length ? TAGS() : KINDS.map((k) => ELEMENTS[k].tag)).join(',\n');
  const light = tokenBlock(state.tokens.light, selector);
  const dark = tokenBlock(state.tokens.dark, selector, '  ');
  return [light, dark && `@media (prefers-color-scheme: dark) {\n${dark}\n}`].filter(Boolean).join('\n');
}

// --- Snippets --------------------------------------------------------------

const escAttr = (value) => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function tagMarkup(kind) {
  const { tag } = ELEMENTS[kind];
  const attrs = attributesOf(kind).map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escAttr(value)}"`));
  return `<${tag}${attrs.join('')}></${tag}>`;
}

function jsxMarkup(kind) {
  const { tag } = ELEMENTS[kind];
  const props = attributesOf(kind).map(([name, value]) => {
    const row = ATTRIBUTES.find((r) => r.name === name);
    // A bare attribute with a value of its own (`utm`) is '' as a property; `true` would be its value.
    if (value === true) return row?.bare ? `${name}=""` : `${name}`;
    // React 19 sets a property, not an attribute, when the element has one of
    // that name: numbers, on/off switches and word lists must arrive typed.
    if (row && (row.type === 'number' || row.type === 'range')) return `${name}={${Number(value)}}`;
    if (row?.type === 'onoff') return `${name}={${!/^(false|off|no|0)$/i.test(value)}}`;
    if (row?.list && !name.includes('-')) return `${name}={${JSON.stringify(String(value).split(/\s+/).filter(Boolean))}}`;
    return `${name}=${JSON.stringify(String(value))}`;
  });
  return `      <${tag}${props.map((p) => `\n        ${p}`).join('')}\n      />`;
}

function snippets() {
  const css = themeCss();
  const tags = KINDS.filter((k) => state.include[k]).map(tagMarkup).join('\n');
  const fileNote = state.source.kind === 'file'
    ? `<!-- Host ${state.source.name || 'the manifest you dropped'} next to your pages as ${manifestAttr()}. -->\n`
    : '';
  const style = css ? `<style>\n${css}\n</style>\n` : '';
  const script = `<!-- readnext: serve dist/readnext*.min.js (npm package "readnext"; the bundle and its two parts) from one directory of your own site. -->
<script type="module" src="${BUNDLE_SRC}"></script>
${fileNote}${style}${tags}`;
  const npm = `// npm install readnext
import 'readnext/define';

<!-- In your page or template: -->
${fileNote}${tags}${css ? `\n\n/* In your CSS: */\n${css}` : ''}`;
  const react = `// npm install readnext   (React 19 renders custom elements natively)
import 'readnext/define';
${css ? "import './readnext-theme.css'; // the CSS below\n" : ''}
export function Recommendations() {
  return (
    <>
${KINDS.filter((k) => state.include[k]).map(jsxMarkup).join('\n')}
    </>
  );
}${css ? `\n\n/* readnext-theme.css */\n${css}` : ''}`;
  return { script, npm, react };
}

/** Core options of the tuning rows, with every current value (defaults included): what "Export settings" writes. */
function exportedSettings() {
  const out = {};
  for (const kind of KINDS) {
    const options = {};
    for (const row of rowsOf(kind)) {
      if (!row.option || !available(row, kind)) continue;
      const value = optionValue(row, kind, state.attrs[kind][row.name] ?? defaultOf(row, kind));
      if (value !== undefined) options[row.option] = value;
    }
    const lists = Object.fromEntries(
      [['ids', 'exclude-ids'], ['sections', 'exclude-sections'], ['tags', 'exclude-tags']]
        .filter(([, name]) => state.attrs[kind][name] && available({ name }, kind))
        .map(([key, name]) => [key, String(state.attrs[kind][name]).split(/\s+/).filter(Boolean)]),
    );
    if (Object.keys(lists).length) options.exclude = lists;
    out[kind] = options;
  }
  return out;
}

function optionValue(row, kind, raw) {
  if (row.type === 'number' || row.type === 'range') return raw === '' ? undefined : Number(raw);
  if (row.type === 'onoff') return raw === '' ? undefined : !/^(false|off|no|0)$/i.test(raw);
  if (row.type === 'boolean') return Boolean(raw);
  if (row.list) return String(raw).split(/\s+/).filter(Boolean);
  // Parsed as the element parses it; `{}` or no value keeps the defaults.
  if (row.weights) return raw === '' ? undefined : Object.fromEntries(String(raw).split(/\s+/).map((e) => /^(title|summary|tags|keywords):(.+)$/.exec(e)).filter((m) => m && !isNaN(+m[2])).map((m) => [m[1], +m[2]]));
  return raw === '' && defaultOf(row, kind) === '' ? undefined : raw;
}

// --- URL state ---------------------------------------------------------------

const PREFIX = { related: 'r.', popular: 'p.' };
const shortToken = (name) => name.replace(/^--readnext-/, '');

function writeUrl() {
  const q = new URLSearchParams();
  q.set('v', '1');
  for (const kind of KINDS) {
    if (!state.include[kind]) q.set(`${PREFIX[kind]}off`, '1');
    for (const [name, value] of Object.entries(state.attrs[kind])) q.set(PREFIX[kind] + name, value === true ? '' : value);
  }
  for (const [scheme, p] of [['light', 't.'], ['dark', 'd.']]) {
    for (const [name, value] of Object.entries(state.tokens[scheme])) if (value) q.set(p + shortToken(name), value);
  }
  if (state.source.kind === 'url') q.set('manifest', state.source.url);
  if (state.view.article) q.set('article', state.view.article);
  if (state.view.width !== 'desktop') q.set('width', state.view.width);
  if (state.view.scheme !== 'light') q.set('scheme', state.view.scheme);
  if (state.view.compare) q.set('compare', '1');
  history.replaceState(null, '', `${location.pathname}?${q}${location.hash}`);
}

function readUrl() {
  const q = new URLSearchParams(location.search);
  if (!q.has('v')) {
    for (const kind of KINDS) Object.assign(state.attrs[kind], PRESET[kind]);
    if (innerWidth < 700) state.view.width = 'mobile';
    return;
  }
  for (const [key, value] of q) {
    for (const kind of KINDS) {
      if (!key.startsWith(PREFIX[kind])) continue;
      const name = key.slice(2);
      if (name === 'off') state.include[kind] = false;
      else {
        const row = rowsOf(kind).find((r) => r.name === name && r.control !== false);
        if (row) setAttr(kind, name, row.type === 'boolean' || (row.bare && value === '') ? true : value);
      }
    }
    for (const [scheme, p] of [['light', 't.'], ['dark', 'd.']]) {
      if (!key.startsWith(p)) continue;
      const token = TOKENS.find((t) => shortToken(t.name) === key.slice(2));
      if (token && value) state.tokens[scheme][token.name] = value;
    }
  }
  for (const kind of KINDS) normalizeLabels(kind);
  if (q.get('manifest')) state.source = { kind: 'url', url: q.get('manifest'), name: '' };
  state.view.article = q.get('article') ?? '';
  if (q.get('width') in WIDTHS) state.view.width = q.get('width');
  // On a phone, a desktop-wide preview would be shown at a quarter of its size.
  else if (innerWidth < 700) state.view.width = 'mobile';
  if (q.get('scheme') === 'dark') state.view.scheme = 'dark';
  state.view.compare = q.get('compare') === '1';
}

// --- Controls ----------------------------------------------------------------

const GROUP_LABELS = { display: 'Display', page: 'Which article', tuning: 'Ranking', loading: 'Loading and data', analytics: 'Analytics' };
const controlId = (kind, name) => `c-${kind}-${name}`;

function controlFor(row, kind) {
  const id = controlId(kind, row.name);
  const value = state.attrs[kind][row.name];
  const d = defaultOf(row, kind, state.attrs[kind]);
  const common = { id, 'data-control': `${kind}:${row.name}`, 'aria-describedby': `${id}-doc` };
  const onChange = (event) => {
    const input = event.currentTarget;
    setAttr(kind, row.name, row.type === 'boolean' ? input.checked : input.value);
    if (row.type === 'range') $(`#${id}-out`).textContent = input.value;
    if (row.bare) $(`#${id}-bare`).checked = false;
    if (row.name === 'lang') languageChanged(kind);
    changed(kind);
  };
  let input;
  if (row.type === 'boolean') input = el('input', { ...common, type: 'checkbox', checked: Boolean(value), onchange: onChange });
  else if (row.type === 'select' || row.type === 'onoff') {
    input = el('select', { ...common, onchange: onChange });
    for (const option of row.options) {
      const text = option === '' ? row.unset ?? 'not set (the default)' : option === String(d) ? `${option} (default)` : option;
      input.append(el('option', { value: option, text }));
    }
    input.value = value ?? String(d ?? '');
  } else if (row.type === 'range') {
    input = el('input', { ...common, type: 'range', min: String(row.min), max: String(row.max), step: String(row.step), value: value ?? String(d), oninput: onChange });
  } else if (row.type === 'number') {
    input = el('input', { ...common, type: 'number', min: String(row.min), max: String(row.max), step: String(row.step), value: value ?? String(d), oninput: onChange });
  } else {
    input = el('input', { ...common, type: 'text', inputmode: row.type === 'url' ? 'url' : undefined, placeholder: row.placeholder ?? (d ? String(d) : ''), value: value === true ? '' : value ?? (d || ''), oninput: onChange, spellcheck: 'false', autocomplete: 'off' });
    if (row.name === 'article-id' && site.articles.length) input.setAttribute('list', 'article-ids');
  }
  const label = el('label', { for: id, class: 'control__name' }, el('code', { text: row.name }));
  const out = row.type === 'range' ? el('output', { id: `${id}-out`, for: id, class: 'control__value', text: value ?? String(d) }) : undefined;
  const wrapperClass = `control control--${row.type === 'boolean' ? 'check' : 'field'}`;
  const doc = el('p', { id: `${id}-doc`, class: 'control__doc', text: row.doc.replace(/`/g, '') });
  // The attribute with no value: a checkbox beside the field, which it empties.
  const bare = row.bare
    ? el('p', { class: 'control--check control__bare' },
      el('input', { type: 'checkbox', id: `${id}-bare`, 'data-bare': `${kind}:${row.name}`, checked: value === true, onchange: (event) => {
        setAttr(kind, row.name, event.currentTarget.checked ? true : undefined);
        input.value = '';
        changed(kind);
      } }),
      el('label', { for: `${id}-bare` }, 'Bare ', el('code', { text: row.name }), ' (its default value)'))
    : undefined;
  return row.type === 'boolean'
    ? el('div', { class: wrapperClass, 'data-row': row.name }, input, label, doc)
    : el('div', { class: wrapperClass, 'data-row': row.name }, label, out, input, bare, doc);
}

/** The defaults of the label controls follow `lang`: unset ones show the new language's label. */
function languageChanged(kind) {
  normalizeLabels(kind);
  for (const row of rowsOf(kind)) {
    const input = row.label !== undefined && $(`#${controlId(kind, row.name)}`);
    if (!input) continue;
    const d = defaultOf(row, kind, state.attrs[kind]);
    input.placeholder = d;
    if (state.attrs[kind][row.name] === undefined) input.value = d;
  }
}

function buildElementControls() {
  for (const kind of KINDS) {
    const box = $(`#controls-${kind}`);
    box.replaceChildren();
    const include = el('input', {
      type: 'checkbox', id: `include-${kind}`, checked: state.include[kind], 'data-include': kind,
      onchange: (e) => { state.include[kind] = e.currentTarget.checked; changed(kind); },
    });
    box.append(el('div', { class: 'control control--check control--include' }, include, el('label', { for: `include-${kind}`, text: `Include <${ELEMENTS[kind].tag}>` })));
    const groups = new Map();
    for (const row of rowsOf(kind)) {
      if (row.control === false || !available(row, kind)) continue;
      if (!groups.has(row.group)) groups.set(row.group, []);
      groups.get(row.group).push(row);
    }
    for (const [group, rows] of groups) {
      const target = group === 'tuning' ? $(`#tuning-${kind}-controls`) : box;
      const fieldset = el('fieldset', { class: `group group--${group}` }, el('legend', { text: GROUP_LABELS[group] ?? group }));
      for (const row of rows) fieldset.append(controlFor(row, kind));
      if (group === 'tuning') target.replaceChildren(fieldset);
      else box.append(fieldset);
    }
  }
}

function buildTokenControls() {
  const box = $('#controls-theme');
  box.replaceChildren();
  const scheme = state.view.tokenScheme;
  for (const token of TOKENS) {
    const id = `t-${shortToken(token.name)}`;
    const value = state.tokens[scheme][token.name] ?? '';
    const text = el('input', {
      id, type: 'text', value, placeholder: token.default, spellcheck: 'false', autocomplete: 'off', 'data-token': token.name, 'aria-describedby': `${id}-doc`,
      list: SUGGESTIONS[token.type]?.length ? `suggest-${token.type}` : undefined,
      oninput: (e) => setToken(token.name, e.currentTarget.value),
    });
    const row = el('div', { class: 'control control--field control--token', 'data-row': token.name },
      el('label', { for: id, class: 'control__name' }, el('code', { text: token.name })));
    if (token.type === 'color') {
      const picker = el('input', {
        type: 'color', class: 'swatch', 'aria-label': `Pick ${token.name}`, value: /^#[0-9a-f]{6}$/i.test(value) ? value : '#000000',
        oninput: (e) => { text.value = e.currentTarget.value; setToken(token.name, e.currentTarget.value); },
      });
      row.append(el('div', { class: 'token-input' }, picker, text));
    } else row.append(text);
    row.append(el('p', { id: `${id}-doc`, class: 'control__doc', text: `${token.doc.replace(/`/g, '')} Default: ${token.default}.` }));
    box.append(row);
  }
}

function setToken(name, value) {
  const scheme = state.view.tokenScheme;
  const clean = value.replace(/[;{}<>]/g, '').trim();
  if (clean) state.tokens[scheme][name] = clean;
  else delete state.tokens[scheme][name];
  changed();
}

// --- Manifest sources ------------------------------------------------------

/** Checks a manifest document; `fatal` when it must not replace the current one. */
function check(doc, base) {
  if (core) {
    const { articles, problems } = core.normalizeManifest(doc, { manifestUrl: base });
    const fatal = problems.find((p) => p.index === -1 && p.level === 'error')?.message
      ?? (articles.length === 0 ? 'the manifest has no usable articles' : undefined);
    return { articles, problems, fatal };
  }
  // Without the core build: only the document's shape and the three required fields.
  const list = Array.isArray(doc) ? doc : Array.isArray(doc?.articles) ? doc.articles : Array.isArray(doc?.items) ? doc.items : undefined;
  if (!list) return { articles: [], problems: [], fatal: 'not a manifest: expected { "articles": [...] }, an array, or a JSON Feed' };
  const problems = [];
  const articles = list.filter((a, index) => {
    const missing = ['id', 'url', 'title'].filter((f) => !a || a[f] === undefined || a[f] === '');
    if (missing.length) problems.push({ index, field: missing[0], level: 'error', message: `record ${index}: missing ${missing.join(', ')}` });
    return !missing.length;
  });
  return { articles, problems, fatal: articles.length ? undefined : 'the manifest has no usable articles' };
}

function showProblems(summary, problems, fatal) {
  const box = $('#source-status');
  box.replaceChildren();
  box.dataset.state = fatal ? 'error' : problems.length ? 'warning' : 'ok';
  box.append(el('p', { class: 'status__summary', text: summary }));
  if (problems.length) {
    const list = el('ul', { class: 'problems', id: 'problems' });
    for (const p of problems.slice(0, 50)) {
      const where = p.index >= 0 ? `#${p.index}${p.id ? ` (${p.id})` : ''}` : 'document';
      list.append(el('li', { 'data-level': p.level }, el('strong', { text: p.level === 'error' ? 'Error' : 'Warning' }), ` ${where}${p.field ? ` · ${p.field}` : ''}: ${p.message}`));
    }
    if (problems.length > 50) list.append(el('li', { text: `…and ${problems.length - 50} more` }));
    box.append(list);
  }
}

/** Accepts a manifest when it has usable articles; otherwise lists why and keeps the current one. */
function accept(doc, base, source, label) {
  const { articles, problems, fatal } = check(doc, base);
  if (fatal) {
    showProblems(`${label} was not used: ${fatal}. The preview keeps the previous manifest.`, problems, fatal);
    return false;
  }
  data = { doc, base, records: source.kind === 'file' ? recordsOf(doc) : undefined, articles, problems, catalog: core ? new core.Catalog(articles) : undefined };
  state.source = source;
  showProblems(`${label}: ${articles.length} article${articles.length === 1 ? '' : 's'}${problems.length ? `, ${problems.length} problem${problems.length === 1 ? '' : 's'} (bad records are dropped, never shown)` : ', no problems'}.`, problems);
  changed();
  return true;
}

/** What the `articles` property gets for a file: the document's article list (a JSON Feed's items). */
function recordsOf(doc) {
  return Array.isArray(doc) ? doc : Array.isArray(doc?.articles) ? doc.articles : Array.isArray(doc?.items) ? doc.items : [];
}

async function loadUrl(url, source, label) {
  let response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' } });
  } catch (error) {
    showProblems(`${label} could not be fetched (${error.message}; is it on another origin without CORS?). The preview keeps the previous manifest.`, [], true);
    return false;
  }
  if (!response.ok) {
    showProblems(`${label} answered HTTP ${response.status}. The preview keeps the previous manifest.`, [], true);
    return false;
  }
  let doc;
  try {
    doc = JSON.parse(await response.text());
  } catch (error) {
    showProblems(`${label} is not valid JSON (${error.message}). The preview keeps the previous manifest.`, [], true);
    return false;
  }
  return accept(doc, response.url || url, source, label);
}

/** A dropped or pasted document; `name` is the file name the snippet tells the publisher to host it as. */
function loadText(text, label, name = 'readnext.json') {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    showProblems(`${label} is not valid JSON (${error.message}). The preview keeps the previous manifest.`, [], true);
    return false;
  }
  // The elements resolve an `articles` array's relative URLs against their page: the previewed article.
  return accept(doc, new URL(articleUrl(), location.href).href, { kind: 'file', url: '', name }, label);
}

async function loadFile(file) {
  if (!file) return false;
  const name = /^[\w.-]+\.json$/i.test(file.name) ? file.name : 'readnext.json';
  return loadText(await file.text(), file.name || 'The dropped file', name);
}

function wireSources() {
  $('#source-site').addEventListener('click', () => loadUrl(SITE_MANIFEST, { kind: 'site', url: '', name: '' }, 'The sample site\u2019s manifest'));
  $('#source-url-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const raw = $('#source-url').value.trim();
    if (!raw) return;
    let url;
    try {
      url = new URL(raw, location.href).href;
    } catch {
      showProblems(`"${raw}" is not a URL.`, [], true);
      return;
    }
    void loadUrl(url, { kind: 'url', url, name: '' }, url);
  });
  // The whole page takes a drop: a file dropped beside the zone must not navigate away from the configuration.
  const zone = $('#dropzone');
  document.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('is-over');
  });
  document.addEventListener('dragleave', (event) => {
    if (!event.relatedTarget) zone.classList.remove('is-over');
  });
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('is-over');
    const file = event.dataTransfer?.files?.[0];
    if (file) void loadFile(file);
    else {
      const text = event.dataTransfer?.getData('text/plain');
      if (text) loadText(text, 'Dropped text');
    }
  });
  $('#source-file').addEventListener('change', (event) => void loadFile(event.currentTarget.files?.[0]));
  $('#paste-form').addEventListener('submit', (event) => {
    event.preventDefault();
    loadText($('#paste').value, 'Pasted JSON');
  });
}

// --- Preview -----------------------------------------------------------------

const frame = () => $('#preview');
let frameLoaded;

function articleUrl() {
  const article = site.articles.find((a) => a.id === state.view.article) ?? site.articles[0];
  return article ? new URL(article.url, new URL(SITE_MANIFEST, location.href)).pathname : '/';
}

function loadFrame() {
  const target = articleUrl();
  const f = frame();
  frameLoaded = new Promise((resolve) => f.addEventListener('load', () => resolve(prepareFrame()), { once: true }));
  f.src = target;
  return frameLoaded;
}

/** Marks where each element sits on the article page, so it can be replaced however often. */
function prepareFrame() {
  const doc = frame().contentDocument;
  if (!doc) return;
  for (const kind of KINDS) {
    const existing = doc.querySelector(ELEMENTS[kind].tag);
    if (!existing) continue;
    existing.before(doc.createComment(`readnext:${kind}`));
  }
  for (const type of EVENTS) doc.addEventListener(type, logEvent, true);
  // An item's link would leave the configured page: the click is logged, not followed.
  doc.addEventListener('click', (event) => {
    if (event.composedPath().some((node) => KINDS.some((k) => node.localName === ELEMENTS[k].tag))) event.preventDefault();
  });
  // Open on the block being configured; the sample site's rail keeps Most Popular in view beside it.
  scrollTarget = state.include.related ? 'related' : 'popular';
  renderPreview();
}

function markerOf(doc, kind) {
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_COMMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.data === `readnext:${kind}`) return node;
  return undefined;
}

/**
 * The snippet's theme as the preview applies it. `!important` because the
 * sample site sets some tokens itself with more specific selectors (the
 * heights it reserves); the preview must show the configured values.
 */
function previewCss() {
  const tags = KINDS.map((k) => ELEMENTS[k].tag).join(',');
  // The sample site sets its ink as colour tokens, which would beat a `theme`'s
  // colours (dark ink on a dark block): a themed block shows the theme's own,
  // plus whatever the configurator sets (important, so it still wins).
  const themed = `:is(${tags})[theme]{${TOKENS.filter((t) => t.type === 'color').map((t) => `${t.name}:initial`).join(';')}}`;
  const light = `${themed}\n${tokenBlock(state.tokens.light, tags, '', ' !important')}`;
  const dark = state.view.scheme === 'dark' ? `${DARK_PAGE}\n${tokenBlock(state.tokens.dark, tags, '', ' !important')}` : '';
  return `${light}\n${dark}`;
}

/** Rebuilds both preview elements from attributesOf(): a fresh element each time, exactly as the snippet would create it. */
function renderPreview() {
  const doc = frame().contentDocument;
  if (!doc?.body) return;
  let style = doc.getElementById('readnext-configurator');
  if (!style) {
    style = doc.createElement('style');
    style.id = 'readnext-configurator';
    doc.head.append(style);
  }
  style.textContent = previewCss();
  for (const kind of KINDS) {
    const marker = markerOf(doc, kind);
    if (!marker) continue;
    const old = marker.nextElementSibling?.localName === ELEMENTS[kind].tag ? marker.nextElementSibling : undefined;
    if (!state.include[kind]) {
      old?.remove();
      continue;
    }
    // A dropped file has no URL yet: the preview hands its records over as the `articles` property instead.
    const attributes = attributesOf(kind)
      .filter(([name]) => !(name === 'manifest' && state.source.kind === 'file'))
      .map(([name, value]) => [name, value === true ? '' : value]);
    // Nothing to change (the sample manifest accepted at start-up, say): keep
    // the element, so a reader (or a test) is not handed a block that is
    // about to be replaced. `state` is the element's own, reflected.
    const same =
      old &&
      state.source.kind !== 'file' &&
      attributes.every(([name, value]) => old.getAttribute(name) === value) &&
      old.getAttributeNames().every((name) => name === 'state' || attributes.some(([n]) => n === name));
    if (same) continue;
    const fresh = doc.createElement(ELEMENTS[kind].tag);
    for (const [name, value] of attributes) fresh.setAttribute(name, value);
    if (state.source.kind === 'file') fresh.articles = data.records;
    if (old) old.replaceWith(fresh);
    else marker.after(fresh);
  }
  if (scrollTarget) scrollPreviewTo(scrollTarget);
  scrollTarget = undefined;
  void comparePreview();
}

function applyWidth() {
  const f = frame();
  const width = WIDTHS[state.view.width];
  const stage = $('#stage');
  const available = stage.clientWidth || width;
  const scale = Math.min(1, available / width);
  f.style.width = `${width}px`;
  f.style.height = `${PREVIEW_HEIGHT}px`;
  f.style.transform = scale < 1 ? `scale(${scale})` : '';
  stage.style.height = `${Math.ceil(PREVIEW_HEIGHT * scale)}px`;
  $('#stage-label').textContent = `${width} px wide${scale < 1 ? `, shown at ${Math.round(scale * 100)}%` : ''} · ${state.view.scheme} page`;
}

/** Scrolls the preview page (only it: scrollIntoView would scroll the configurator too) to an element. */
function scrollPreviewTo(kind) {
  const win = frame().contentWindow;
  const node = win?.document.querySelector(ELEMENTS[kind].tag);
  if (!node) return;
  const top = node.getBoundingClientRect().top;
  if (top < 0 || top > win.innerHeight * 0.6) win.scrollTo(0, Math.max(0, win.scrollY + top - 24));
}

// --- Events log ----------------------------------------------------------------

const EVENTS = ['readnext-ready', 'readnext-impression', 'readnext-click', 'readnext-error'];
const LOG_SIZE = 50;

/** Shows one event of a preview element: time, type, block and the rest of its detail, newest last. */
function logEvent(event) {
  const { block, ...rest } = event.detail ?? {};
  const list = $('#events');
  list.append(el('li', { 'data-type': event.type, 'data-block': block },
    el('span', { class: 'events__time', text: new Date().toLocaleTimeString('en-GB') }), ' ',
    el('code', { class: 'events__type', text: event.type }), ` ${block ?? ''} `,
    el('code', { class: 'events__detail', text: JSON.stringify(rest) })));
  while (list.children.length > LOG_SIZE) list.firstElementChild.remove();
  const box = $('#events-log');
  box.scrollTop = box.scrollHeight;
}

// --- Layout comparison ---------------------------------------------------------

function renderCompare() {
  const box = $('#compare');
  box.hidden = !state.view.compare;
  if (!state.view.compare) return box.replaceChildren();
  const kind = $('#compare-kind').value;
  const grid = el('div', { class: 'compare__grid' });
  const style = el('style', { text: tokenBlock(state.tokens.light, '.compare__grid > * > *') });
  for (const layout of ['list', 'grid', 'compact']) {
    const node = document.createElement(ELEMENTS[kind].tag);
    for (const [name, value] of attributesOf(kind)) {
      if (name === 'layout' || (name === 'manifest' && state.source.kind === 'file')) continue;
      node.setAttribute(name, name === 'manifest' ? new URL(value, location.href).href : value === true ? '' : value);
    }
    node.setAttribute('layout', layout);
    // Three blocks with one heading would be three landmarks with one name; the layout tells them apart.
    const heading = node.getAttribute('heading') ?? defaultOf(ATTRIBUTES.find((r) => r.name === 'heading'), kind, state.attrs[kind]);
    if (heading) node.setAttribute('heading', `${heading} (${layout})`);
    // Here the page is the configurator, so the previewed article stands in for it.
    if (kind === 'related' && !node.hasAttribute('article-id') && !node.hasAttribute('article-url')) node.setAttribute('article-url', new URL(articleUrl(), location.href).href);
    if (state.source.kind === 'file') node.articles = data.records;
    node.setAttribute('eager', '');
    grid.append(el('section', { class: 'compare__cell', 'aria-label': `layout ${layout}` }, el('p', { class: 'compare__label' }, el('code', { text: `layout="${layout}"` })), node));
  }
  box.replaceChildren(style, grid);
}

// --- Tuning panel: the core re-ranks with the same options ------------------

function coreOptions(kind) {
  const options = exportedSettings()[kind];
  return { ...options, exclude: options.exclude ?? {} };
}

/** The page as the element reads it (article-id/article-url, canonical link, og:url, location; og:title, description, tags, section). */
function pageRef(kind) {
  const doc = frame().contentDocument;
  const meta = (sel) => doc?.querySelector(`meta[${sel}]`)?.content.trim() || undefined;
  const abs = (v) => { try { return v?.trim() ? new URL(v.trim(), doc.baseURI).href : undefined; } catch { return undefined; } };
  const attrs = Object.fromEntries(attributesOf(kind));
  const canonical = doc?.querySelector('link[rel~="canonical" i]')?.getAttribute('href');
  const url = abs(kind === 'related' ? attrs['article-url'] : undefined) ?? abs(canonical) ?? abs(meta('property="og:url"')) ?? doc?.URL ?? '';
  const context = { url, title: meta('property="og:title"') ?? doc?.title, tags: [...(doc?.querySelectorAll('meta[property="article:tag"]') ?? [])].map((m) => m.content.trim()).filter(Boolean) };
  const description = meta('name="description"') ?? meta('property="og:description"');
  if (description) context.description = description;
  const section = meta('property="article:section"');
  if (section) context.section = section;
  const id = kind === 'related' ? String(attrs['article-id'] ?? '').trim() : '';
  return id ? { id, url, context } : { url, context };
}

/** Ranks exactly as the element's store does (CatalogSource.related / .popular). */
function rankWithCore(kind) {
  if (!core || !data.catalog || !frame().contentDocument?.body) return undefined;
  const catalog = data.catalog;
  const page = pageRef(kind);
  const current = catalog.find(page);
  const options = coreOptions(kind);
  if (kind === 'related') return core.related(catalog, current ?? page.context, options);
  const ids = [...(options.exclude?.ids ?? []), ...(current ? [current.id] : [])];
  return core.popular(catalog, { ...options, exclude: { ...options.exclude, ids } });
}

const fmt = (x) => (Math.abs(x) >= 100 ? String(Math.round(x)) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(2));

function renderScores() {
  for (const kind of KINDS) {
    const box = $(`#scores-${kind}`);
    const result = rankWithCore(kind);
    if (!result) {
      box.replaceChildren(el('p', { class: 'muted', text: core ? 'Waiting for the preview…' : 'The ranking core (readnext-core.js) is not built, so scores cannot be shown; the preview and snippets still work.' }));
      continue;
    }
    const table = el('table', { class: 'scores', 'data-scores': kind },
      el('caption', { text: `${ELEMENTS[kind].label}: ${result.items.length} item${result.items.length === 1 ? '' : 's'}${result.filled ? `, ${result.filled} filled from popular` : ''}` }),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: '#' }), el('th', { scope: 'col', text: 'Article' }), el('th', { scope: 'col', text: 'Score' }), el('th', { scope: 'col', text: 'Why' }))));
    const body = el('tbody');
    result.items.forEach((item, i) => {
      const why = el('ul', { class: 'why' });
      for (const f of item.factors) why.append(el('li', {}, el('code', { text: f.kind }), ` ${fmt(f.value)} · ${f.detail}`));
      if (item.matched.length) why.append(el('li', {}, el('code', { text: 'terms' }), ` ${item.matched.map(([t, w]) => `${t} ${fmt(w)}`).join(', ')}`));
      body.append(el('tr', { 'data-id': item.article.id },
        el('td', { text: String(i + 1) }),
        el('td', {}, el('span', { class: 'scores__title', text: item.article.title }), el('span', { class: 'scores__meta', text: `${item.article.section ?? ''} · ${item.source}` })),
        el('td', { class: 'num', text: fmt(item.score) }),
        el('td', {}, why)));
    });
    table.append(body);
    box.replaceChildren(table, el('p', { class: 'match', id: `match-${kind}`, 'aria-live': 'polite' }));
  }
}

/** Reads the items the preview element shows: the link URLs in its shadow DOM. */
function previewItems(kind) {
  const node = frame().contentDocument?.querySelector(ELEMENTS[kind].tag);
  if (!node || node.getAttribute('state') !== 'ready') return undefined;
  return [...node.shadowRoot.querySelectorAll('a[part~="link"]')].map((a) => a.href);
}

let compareToken = 0;
/** Says whether the preview shows what the core ranked, once the preview is ready. */
async function comparePreview() {
  const token = ++compareToken;
  renderScores();
  for (const kind of KINDS) {
    const out = $(`#match-${kind}`);
    if (!out || !state.include[kind]) continue;
    const expected = rankWithCore(kind)?.items.map((i) => i.article.url);
    let shown;
    for (let i = 0; i < 100 && token === compareToken; i++) {
      shown = previewItems(kind);
      const node = frame().contentDocument?.querySelector(ELEMENTS[kind].tag);
      if (shown || ['empty', 'error'].includes(node?.getAttribute('state'))) break;
      if (node?.getAttribute('state') === 'idle') {
        out.textContent = 'Scroll the preview to this block to compare.';
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    if (token !== compareToken) return;
    if (!shown || !expected) continue;
    const same = shown.length === expected.length && shown.every((u, i) => u === expected[i]);
    out.dataset.same = String(same);
    out.textContent = same ? '\u2713 The preview shows exactly these items, in this order.' : '\u26a0 The preview shows other items (reader history or a different build of the bundle).';
  }
}

// --- Output ---------------------------------------------------------------------

function renderSnippets() {
  const s = snippets();
  for (const key of Object.keys(s)) $(`#snippet-${key}`).textContent = s[key];
  $('#settings').textContent = JSON.stringify(exportedSettings(), null, 2);
}

async function copy(text, what) {
  const status = $('#copy-status');
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = `Copied ${what}.`;
  } catch {
    // No clipboard permission (e.g. an http: origin): select it for Ctrl+C instead.
    const area = el('textarea', { class: 'visually-hidden', 'aria-hidden': 'true' });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    status.textContent = ok ? `Copied ${what}.` : `Could not copy; select the ${what} and copy it.`;
  }
}

function wireOutput() {
  for (const button of document.querySelectorAll('[data-copy]')) {
    button.addEventListener('click', () => copy($(`#${button.dataset.copy}`).textContent, button.dataset.what));
  }
  $('#download-settings').addEventListener('click', () => {
    const blob = new Blob([JSON.stringify(exportedSettings(), null, 2) + '\n'], { type: 'application/json' });
    const a = el('a', { href: URL.createObjectURL(blob), download: 'readnext-settings.json' });
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });
  $('#copy-link').addEventListener('click', () => copy(location.href, 'link to this configuration'));
  $('#events-clear').addEventListener('click', () => $('#events').replaceChildren());
  // Tabs: arrow keys move between them, as in the ARIA tabs pattern.
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const select = (tab) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      $(`#${t.getAttribute('aria-controls')}`).hidden = !on;
    }
  };
  for (const tab of tabs) {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', (event) => {
      const i = tabs.indexOf(tab);
      const next = event.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : event.key === 'ArrowLeft' ? tabs[(i - 1 + tabs.length) % tabs.length] : undefined;
      if (next) {
        next.focus();
        select(next);
      }
    });
  }
}

function wireView() {
  const select = $('#article');
  const sections = new Map();
  for (const a of site.articles) {
    if (!sections.has(a.section)) sections.set(a.section, el('optgroup', { label: a.section ?? 'Articles' }));
    sections.get(a.section).append(el('option', { value: a.id, text: a.title }));
  }
  select.replaceChildren(...sections.values());
  if (!site.articles.some((a) => a.id === state.view.article)) state.view.article = site.articles[0]?.id ?? '';
  select.value = state.view.article;
  select.addEventListener('change', () => {
    state.view.article = select.value;
    writeUrl();
    void loadFrame().then(() => {
      // A file's relative URLs resolve against the previewed page, which just changed.
      if (state.source.kind === 'file') accept(data.doc, new URL(articleUrl(), location.href).href, state.source, state.source.name);
      renderCompare();
    });
  });
  const ids = $('#article-ids');
  ids.replaceChildren(...site.articles.map((a) => el('option', { value: a.id })));
  for (const input of document.querySelectorAll('input[name="width"]')) {
    input.checked = input.value === state.view.width;
    input.addEventListener('change', () => { state.view.width = input.value; applyWidth(); writeUrl(); });
  }
  for (const input of document.querySelectorAll('input[name="scheme"]')) {
    input.checked = input.value === state.view.scheme;
    input.addEventListener('change', () => { state.view.scheme = input.value; changed(); });
  }
  for (const input of document.querySelectorAll('input[name="token-scheme"]')) {
    input.checked = input.value === state.view.tokenScheme;
    input.addEventListener('change', () => { state.view.tokenScheme = input.value; buildTokenControls(); });
  }
  const compare = $('#compare-toggle');
  compare.checked = state.view.compare;
  compare.addEventListener('change', () => { state.view.compare = compare.checked; changed(); });
  $('#compare-kind').addEventListener('change', renderCompare);
  for (const button of document.querySelectorAll('[data-scroll]')) button.addEventListener('click', () => scrollPreviewTo(button.dataset.scroll));
  new ResizeObserver(applyWidth).observe($('#stage'));
}

// --- Wiring ----------------------------------------------------------------------

let pending;
let scrollTarget;
/**
 * Every control calls this: URL and snippets at once; the preview (which
 * re-ranks) debounced, scrolled to the block that changed.
 */
function changed(kind) {
  writeUrl();
  renderSnippets();
  applyWidth();
  if (kind) scrollTarget = kind;
  clearTimeout(pending);
  pending = setTimeout(() => {
    renderPreview();
    renderCompare();
  }, 120);
}

/** Attribute names of a Lit element class: its `elementProperties` (public Lit API) with their attribute names. */
function attributeNames(ctor) {
  const names = new Set();
  for (const [prop, options] of ctor?.elementProperties ?? []) {
    if (options.attribute === false || options.state) continue;
    names.add(typeof options.attribute === 'string' ? options.attribute : String(prop).toLowerCase());
  }
  return names;
}

async function detectSupport() {
  await Promise.race([
    Promise.all(KINDS.map((k) => customElements.whenDefined(ELEMENTS[k].tag))),
    new Promise((r) => setTimeout(r, 3000)),
  ]);
  const missing = [];
  for (const kind of KINDS) {
    const ctor = customElements.get(ELEMENTS[kind].tag);
    if (!ctor) continue;
    supported[kind] = attributeNames(ctor);
    const known = new Set(rowsOf(kind).map((r) => r.name));
    for (const name of supported[kind]) if (!known.has(name) && name !== 'state') missing.push(`${ELEMENTS[kind].tag}[${name}]`);
  }
  // A new attribute the table lacks: say so, so the table gets its line.
  if (missing.length) console.warn(`readnext configurator: no control for ${missing.join(', ')}; add them to table.js`);
}

async function main() {
  readUrl();
  try {
    core = await import('./readnext-core.js');
  } catch {
    core = undefined;
  }
  await detectSupport();
  try {
    site = await (await fetch(SITE_MANIFEST)).json();
    site.articles ??= [];
  } catch {
    site = { articles: [] };
  }
  for (const [type, values] of Object.entries(SUGGESTIONS)) {
    if (values.length) document.body.append(el('datalist', { id: `suggest-${type}` }, ...values.map((value) => el('option', { value }))));
  }
  wireView();
  buildElementControls();
  buildTokenControls();
  wireSources();
  wireOutput();
  if (state.source.kind === 'url') {
    $('#source-url').value = state.source.url;
    const url = state.source.url;
    if (!(await loadUrl(url, { kind: 'url', url, name: '' }, url))) await loadUrl(SITE_MANIFEST, { kind: 'site', url: '', name: '' }, 'The sample site\u2019s manifest');
  } else await loadUrl(SITE_MANIFEST, { kind: 'site', url: '', name: '' }, 'The sample site\u2019s manifest');
  await loadFrame();
  renderSnippets();
  applyWidth();
  renderCompare();
  document.documentElement.dataset.ready = 'true';
}

void main();
