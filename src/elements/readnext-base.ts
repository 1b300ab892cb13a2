/**
 * What both readnext elements share: attributes, lazy start, loading from a
 * store (or the `articles` property), states, error reporting and markup.
 * Subclasses say only what to rank and their defaults.
 */
import { LitElement, html, nothing, type PropertyDeclaration, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { Exclusions } from '../core/options.js';
import type { LabelSet, Labels, Problem, RankedItem } from '../core/types.js';
import { documentProblem } from '../data/fetch-manifest.js';
import { loadStorage } from '../data/parts.js';
import { PageController, pageKey, readPage, type PageHint, type PageRef } from '../data/page.js';
import { inlineSource, storeFor, type Ranked, type RankSource } from '../data/store.js';
import { EN_TIME, renderItem, type ItemView } from './item.js';
import { styles } from './readnext.styles.js';

export type Layout = 'list' | 'grid' | 'compact';

/**
 * `idle` before the element nears the viewport, `loading` while the manifest
 * loads, then `ready`, `empty` (nothing to show) or `error`. Reflected to the
 * `state` attribute; `empty` and `error` hide the block.
 */
export type ReadnextState = 'idle' | 'loading' | 'ready' | 'empty' | 'error';

/** `detail` of the `readnext-error` event. */
export interface ReadnextErrorDetail {
  problem: Problem;
}

/** Which element an event comes from. */
export type ReadnextBlock = 'related' | 'popular';

/** `detail` of `readnext-ready` and `readnext-impression`: the ids shown, in order. */
export interface ReadnextListDetail {
  block: ReadnextBlock;
  ids: string[];
}

/** `detail` of `readnext-click`. */
export interface ReadnextClickDetail {
  block: ReadnextBlock;
  /** Article id. */
  id: string;
  /** 1-based position in the list. */
  position: number;
  /** The link followed, with any UTM parameters. */
  url: string;
}

/** Every event of both elements, by name; all bubble and are composed. */
export interface ReadnextEventMap {
  'readnext-ready': CustomEvent<ReadnextListDetail>;
  'readnext-impression': CustomEvent<ReadnextListDetail>;
  'readnext-click': CustomEvent<ReadnextClickDetail>;
  'readnext-error': CustomEvent<ReadnextErrorDetail>;
}

/**
 * An article as the `articles` property takes it: the manifest's article
 * shape (see the README), normalised and checked like a fetched manifest.
 */
export interface ArticleInput {
  id: string | number;
  url: string;
  title: string;
  [field: string]: unknown;
}

const LAYOUTS: readonly Layout[] = ['list', 'grid', 'compact'];

/** What every ranking takes from the element: the options both rankers share. */
export interface CommonOptions {
  limit: number;
  exclude: Exclusions;
  /** Ids the reader has read, newest first (empty unless `history` is on). */
  read: string[];
}

/** Properties that change only the markup; any other change re-ranks (`explain` too: matched terms may need the text search). */
const VIEW_ONLY = new Set<PropertyKey>('layout heading thumbnails eager state items headingLevel theme beacon utm sponsoredLabel lang rel referrerPolicy'.split(' '));

/**
 * English labels: related heading, popular heading, "Sponsored". Other
 * languages' sets travel with the manifest (`labels`, written by `readnext
 * build`), so the bundle carries no language data but English.
 */
const EN: LabelSet = ['You May Also Like', 'Most Popular', 'Sponsored'];

/**
 * The heading at each level, 2-6. Lit binds no tag names, so each level is a
 * template of its own, made from constant text the way `lit/static-html.js`
 * makes its templates (a strings array that is its own `raw`), once, so Lit
 * caches each.
 */
const HEADINGS = [2, 3, 4, 5, 6].map((level) => {
  const strings: string[] & { raw?: string[] } = [`<h${level} id="h" part="heading">`, `</h${level}>`];
  strings.raw = strings;
  return (content: unknown) => html(strings as unknown as TemplateStringsArray, content);
});

/** Right-to-left scripts among the languages a page may declare. */
const RTL = /^(ar|he|fa|ur)\b/i;

/** On/off when given (`off`, `false`, `no`, `0` are off), and "the default" when absent. */
export const onOff = {
  fromAttribute: (value: string | null): boolean | undefined => (value === null ? undefined : !/^(false|off|no|0)$/i.test(value)),
};

/** A space-separated attribute as a list (ids, sections, tags); absent is undefined. */
export const words = { fromAttribute: (value: string | null) => value?.split(/\s+/).filter(Boolean) };

/**
 * Declarations of the properties `names` (space-separated), all with
 * `options`, so each name is written once: the attribute is the kebab-case
 * name without a `Days` unit (`headingLevel` → `heading-level`,
 * `recencyHalfLifeDays` → `recency-half-life`).
 */
export const props = (names: string, options: PropertyDeclaration = {}): PropertyDeclarations =>
  Object.fromEntries(names.split(' ').map((name) => [name, { attribute: name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()).replace(/-days$/, ''), ...options }]));

/** The element's values of the option properties `names`, to hand to the core as they are. */
export const pick = <T>(element: object, names: readonly string[]): Partial<T> =>
  Object.fromEntries(names.map((name) => [name, (element as Record<string, unknown>)[name]])) as Partial<T>;

// One IntersectionObserver for every element on the page, to start each
// when it nears the viewport; and one for impressions: an element reports
// when half of it has been in view.
let near: IntersectionObserver | undefined;
let seen: IntersectionObserver | undefined;

/** Manifest URLs already warned about: one console warning per manifest per page. */
const warned = new Set<string>();

/**
 * Registers `ctor` as `tag` unless the tag is taken (the script loaded twice,
 * or the npm build and the bundle on one page).
 */
export function defineOnce(ctor: CustomElementConstructor, tag: string, registry: CustomElementRegistry): void {
  if (registry.get(tag)) return;
  try {
    registry.define(tag, ctor);
  } catch {
    // A constructor registers under one tag only; a second tag gets a subclass.
    registry.define(tag, class extends ctor {});
  }
}

/**
 * The shared base of `<readnext-related>` and `<readnext-popular>`, not an
 * element of its own: attributes, lazy start, loading from a store (or the
 * `articles` property), states, error reporting and markup. Everything
 * documented here is part of both elements' contract.
 *
 * @attr manifest - URL of the manifest (JSON), resolved against the page.
 * @attr limit - How many items to show, 1-50. Defaults to 5.
 * @attr layout - `list` (default), `grid` (with thumbnails) or `compact` (numbered). In a column narrower than
 *   26rem, `grid` shows rows with the thumbnail beside the title.
 * @attr heading - Heading above the list; empty for none. Defaults to the element's label in its language.
 * @attr heading-level - Level of the heading, 2-6. Defaults to 2.
 * @attr lang - Language of the labels and dates. Labels come from the manifest's `labels` for this language
 *   (`readnext build` writes the sets for `es`, `fr`, `de`, `pt` and `ar` into manifests that use them), else
 *   English; dates are the language's own. Defaults to the nearest `lang` up the page. A right-to-left language
 *   lays the block out right to left unless a `dir` up the page says otherwise.
 * @attr sponsored-label - Label of sponsored articles. Defaults to "Sponsored" in the element's language.
 * @attr theme - Gives the block its own background and text colours: `light`, `dark`, or `auto` (the reader's
 *   `prefers-color-scheme`). Without it the block inherits the page's colours, and its accent follows the page's
 *   `color-scheme`.
 * @attr thumbnails - Show thumbnails (`thumbnails="off"` to hide). Defaults to on for `grid`, off otherwise.
 * @attr eager - Load at once rather than when the element comes within a viewport of being seen.
 * @attr exclude-ids - Space-separated article ids never to show.
 * @attr exclude-sections - Space-separated sections never to show (case-insensitive).
 * @attr exclude-tags - Space-separated tags whose articles are never shown (case-insensitive).
 * @attr explain - Show under each item why it was chosen.
 * @attr history - Opt-in reader history: remembers (localStorage, 50 ids, 30 days) what the reader opened on
 *   this site and hides it. No storage access without it. Loads readnext.storage.min.js.
 * @attr index - URL of a prebuilt index (`readnext build --index`), loaded instead of indexing in the browser
 *   when a page first needs text search (a page of a built manifest never does, so never fetches it).
 * @attr precomputed - Base URL of precomputed lists (`readnext build --precompute`).
 * @attr cache - Keep the manifest and index in Cache Storage and revalidate them by ETag. Off by default.
 *   Loads readnext.storage.min.js.
 * @attr beacon - URL of the publisher's own endpoint: impressions and clicks are posted there with
 *   `navigator.sendBeacon`, as JSON `{"event": "impression" | "click", ...detail}` (the event's `detail`).
 * @attr allow-hosts - Space-separated hosts (e.g. `news.example cdn.example`) that links and thumbnails may point
 *   at: an item linking elsewhere is not shown, an image from elsewhere is not loaded. Defaults to any http(s) host.
 * @attr rel - `rel` of every link, e.g. `noopener` or `nofollow`. Defaults to none (the page's own articles).
 * @attr referrer-policy - `referrerpolicy` of every link and thumbnail, e.g. `no-referrer`. Defaults to the page's.
 * @attr utm - Append these query parameters to every link, e.g. `utm_source=site&utm_medium=related`; with no
 *   value, `utm_source=readnext&utm_medium=related` (or `popular`). Parameters of the same name are replaced.
 * @attr state - Read-only: `idle`, `loading`, `ready`, `empty` or `error`. `empty` (unless the `empty` slot is
 *   filled) and `error` hide the block.
 *
 * @event {CustomEvent<ReadnextListDetail>} readnext-ready - Items are shown (again after each re-rank);
 *   `detail.ids` lists them in order. Bubbles, composed.
 * @event {CustomEvent<ReadnextListDetail>} readnext-impression - At least half of the block has been in view,
 *   once per list shown; also posted to `beacon`. Bubbles, composed.
 * @event {CustomEvent<ReadnextClickDetail>} readnext-click - A reader followed an item's link (mouse, touch or
 *   keyboard): `detail.id`, `detail.position` (1-based), `detail.url`; also posted to `beacon`. Bubbles, composed.
 * @event {CustomEvent<ReadnextErrorDetail>} readnext-error - The manifest (or `articles`) could not be loaded,
 *   parsed or ranked; `detail.problem` says why. Once per problem; the block collapses. Bubbles, composed.
 *
 * @slot heading - Content of the heading instead of the `heading` text (a link to a section page, say); the
 *   heading element and its level stay the element's. Read when the block renders.
 * @slot empty - Shown, with the heading, when there is nothing to recommend, instead of collapsing the block.
 *   Read when the block renders, like `heading`.
 *
 * @csspart base - The `<section>` around heading and list.
 * @csspart heading - The heading (`<h2>` unless `heading-level` says otherwise).
 * @csspart list - The `<ol>`.
 * @csspart item - Each `<li>`.
 * @csspart link - The `<a>` of an item.
 * @csspart thumbnail - The `<img>` of an item.
 * @csspart placeholder - Stands in for a missing image when thumbnails are on, so titles line up.
 * @csspart sponsored - The label above a sponsored article's title.
 * @csspart title - An item's title.
 * @csspart meta - Section and date line.
 * @csspart section - The section name.
 * @csspart date - The `<time>` of publication, as a relative date ("3 days ago").
 * @csspart explain - The `<ul>` of reasons under an item, with `explain`.
 *
 * @cssproperty [--readnext-min-height=0] - Height reserved while loading, so showing items shifts nothing.
 * @cssproperty --readnext-color - Text colour. Defaults to inherited (with `theme`, the theme's).
 * @cssproperty --readnext-background - Background with `theme`. Defaults to white, or near-black in dark.
 * @cssproperty --readnext-muted-color - Colour of the meta line. Defaults to the text colour at 66%.
 * @cssproperty --readnext-link-color - Colour of titles. Defaults to inherited.
 * @cssproperty --readnext-link-hover-color - Colour of a hovered or focused title. Defaults to the accent colour.
 * @cssproperty [--readnext-accent-color=light-dark(#0b57d0, #a8c7fa)] - Focus ring and the numbers of `compact`.
 * @cssproperty --readnext-divider-color - Lines between `list` items, image placeholder. Defaults to the text colour at 16%.
 * @cssproperty --readnext-font - Font family. Defaults to inherited.
 * @cssproperty --readnext-heading-font - Font family of the heading. Defaults to inherited.
 * @cssproperty [--readnext-heading-size=1.25rem] - Font size of the heading.
 * @cssproperty [--readnext-title-size=1rem] - Font size of titles.
 * @cssproperty [--readnext-title-weight=600] - Font weight of titles.
 * @cssproperty [--readnext-gap=1rem] - Space between items (and the padding of a themed block).
 * @cssproperty [--readnext-radius=6px] - Corner radius of thumbnails and of a themed block.
 * @cssproperty [--readnext-thumbnail-width=6.5rem] - Thumbnail width in `list` (60% of it in `compact`).
 * @cssproperty [--readnext-column-min-width=13rem] - Narrowest column of `grid`.
 */
export abstract class ReadnextBase extends LitElement {
  static override styles = styles;

  static override properties: PropertyDeclarations = {
    ...props('manifest layout heading sponsoredLabel index precomputed beacon utm rel referrerPolicy'),
    ...props('limit headingLevel', { type: Number }),
    ...props('eager explain history cache', { type: Boolean }),
    ...props('excludeIds excludeSections excludeTags allowHosts', { converter: words }),
    ...props('theme state', { reflect: true }),
    // Written out: HTMLElement's own `lang` has no field here for the reference to document.
    lang: { reflect: true },
    thumbnails: { converter: onOff },
    articles: { attribute: false },
    items: { state: true },
  };

  /** URL of the manifest, resolved against the page. */
  declare manifest: string | undefined;
  /** How many items to show, 1-50. */
  declare limit: number;
  /** `list`, `grid` (thumbnails on) or `compact` (numbered). */
  declare layout: Layout;
  /** Heading above the list; empty for none; unset, the element's label in its language. */
  declare heading: string | undefined;
  /** Level of the heading, 2-6. */
  declare headingLevel: number;
  /** Label of sponsored articles; unset, "Sponsored" in the element's language. */
  declare sponsoredLabel: string | undefined;
  /** `light`, `dark` or `auto`: the block's own colours; unset, the page's. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;
  /** Show thumbnails; defaults to on for `grid`, off otherwise. */
  declare thumbnails: boolean | undefined;
  /** Load at once instead of when the element comes within a viewport of being seen. */
  declare eager: boolean;
  /** Articles to rank instead of fetching `manifest`; no request is made. Replace the array (not its items) to re-rank. */
  declare articles: readonly ArticleInput[] | undefined;
  /** Article ids never to show. */
  declare excludeIds: string[] | undefined;
  /** Sections never to show (case-insensitive). */
  declare excludeSections: string[] | undefined;
  /** Articles with any of these tags are never shown (case-insensitive). */
  declare excludeTags: string[] | undefined;
  /** Show under each item why it was chosen. */
  declare explain: boolean;
  /** Remember (in this site's localStorage) what the reader opened, hide it, and let recent reads steer related items. */
  declare history: boolean;
  /** URL of a prebuilt index (`readnext build --index`), loaded instead of indexing in the browser. */
  declare index: string | undefined;
  /** Base URL of precomputed lists (`readnext build --precompute`); `manifest` then serves only pages missing from them. */
  declare precomputed: string | undefined;
  /** Keep the manifest and index in Cache Storage, revalidated by ETag, so a returning reader downloads nothing new. */
  declare cache: boolean;
  /** The publisher's endpoint for impressions and clicks, posted with `navigator.sendBeacon`. */
  declare beacon: string | undefined;
  /** Query parameters appended to every link; '' for `utm_source=readnext&utm_medium=<block>`. */
  declare utm: string | undefined;
  /** Hosts links and thumbnails may point at; any http(s) host when unset. */
  declare allowHosts: string[] | undefined;
  /** `rel` of every link. */
  declare rel: string | undefined;
  /** `referrerpolicy` of every link and thumbnail. */
  declare referrerPolicy: string | undefined;
  /** Read-only: where the element is in its life. */
  declare state: ReadnextState;

  /** The ranked items being shown. */
  protected declare items: readonly RankedItem[];
  // Flags start unset (falsy) rather than assigned false: no constructor code.
  private _started?: boolean;
  private _needsRank?: boolean;
  private _generation = 0;
  private _controller: AbortController | undefined;
  private _lastPage?: string;
  private _reported: Problem | undefined;
  private _impressed?: boolean;
  private _internals: ElementInternals | undefined;
  /** The loaded manifest's label sets (precomputed lists: meta.json's), by lowercase language tag. */
  private _labels: Labels | undefined;
  /** `related` or `popular`: names the block in events, and picks its heading label. */
  protected abstract readonly block: ReadnextBlock;

  protected readonly page = new PageController(this, () => this._pageChanged());

  constructor() {
    super();
    this.limit = 5;
    this.layout = 'list';
    this.headingLevel = 2;
    this.eager = false;
    this.explain = false;
    this.history = false;
    this.cache = false;
    this.state = 'idle';
    this.items = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    try {
      if (this._started) return;
      if (this.eager || typeof IntersectionObserver != 'function') return this._start();
      near ??= new IntersectionObserver(
        (entries) => {
          for (const { isIntersecting, target } of entries) if (isIntersecting) (target as ReadnextBase)._start();
        },
        // One viewport ahead: the manifest is in by the time the reader scrolls there.
        { rootMargin: '100%' },
      );
      near.observe(this);
    } catch (error) {
      this._fail(internalProblem(error));
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    near?.unobserve(this);
    // A move in the DOM disconnects and reconnects in one task; only a real
    // removal releases this element's hold on a pending request (the store
    // aborts it when nobody is left) and makes a later reconnection start over.
    queueMicrotask(() => {
      if (this.isConnected) return;
      seen?.unobserve(this);
      this._controller?.abort();
      this._controller = undefined;
      this._generation++;
      this._started = false;
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    try {
      if (changed.has('eager') && this.eager && this.isConnected) this._start();
      if (!this._started) return;
      if (this._needsRank || [...changed.keys()].some((key) => !VIEW_ONLY.has(key))) {
        this._needsRank = false;
        this._rerank();
      }
    } catch (error) {
      this._fail(internalProblem(error));
    }
  }

  /** Re-reads the page and ranks again, e.g. after a client-side route change the element could not observe. */
  refresh(): void {
    this._needsRank = true;
    this.requestUpdate();
  }

  protected override updated(changed: PropertyValues): void {
    if (!changed.has('items') || this.state !== 'ready') return;
    this._emit('ready', this._list());
    // A new list is a new impression, once half the block is seen.
    this._impressed = false;
    if (typeof IntersectionObserver != 'function') return;
    seen ??= new IntersectionObserver(
      (entries) => {
        for (const { intersectionRatio, target } of entries) {
          if (intersectionRatio < 0.5) continue;
          seen!.unobserve(target);
          (target as ReadnextBase)._impress();
        }
      },
      { threshold: 0.5 },
    );
    seen.unobserve(this);
    seen.observe(this);
  }

  protected override render(): TemplateResult | typeof nothing {
    const empty = this.state === 'empty' && this.querySelector('[slot=empty]');
    // Set here, where the slot is read, so the block shows (or collapses) with this render.
    try {
      (this._internals ??= this.attachInternals()).states[empty ? 'add' : 'delete']('e');
    } catch {
      // No custom states in this browser: an empty block collapses, slot or not.
    }
    if (this.state !== 'ready' && !empty) return nothing;
    const layout = LAYOUTS.includes(this.layout) ? this.layout : 'list';
    let lang = this.lang || this.closest('[lang]')?.getAttribute('lang') || 'en';
    try {
      Intl.getCanonicalLocales(lang);
    } catch {
      // An invalid lang attribute on the page must not cost the reader the date.
      lang = 'en';
    }
    // The manifest's set for the language (the full tag, else its primary subtag), else English.
    const key = lang.toLowerCase();
    const [related, popular, sponsored] = this._labels?.[key] ?? this._labels?.[key.split('-')[0]!] ?? EN;
    const text = this.heading ?? (this.block === 'related' ? related : popular);
    const heading =
      text || this.querySelector('[slot=heading]')
        ? HEADINGS[Math.min(4, Math.max(0, Math.round(this.headingLevel - 2) || 0))]!(html`<slot name="heading">${text}</slot>`)
        : nothing;
    const view: ItemView = {
      thumbnails: this.thumbnails ?? layout === 'grid',
      explain: this.explain,
      sponsored: this.sponsoredLabel ?? sponsored,
      time: /^en(-|$)/i.test(lang) ? EN_TIME : new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }),
      href: (url) => this._link(url),
      rel: this.rel,
      referrer: this.referrerPolicy,
      click: (item, position, url) => this._emit('click', { block: this.block, id: item.article.id, position, url } satisfies ReadnextClickDetail, true),
    };
    return html`<section part="base" aria-labelledby=${heading === nothing ? nothing : 'h'} dir=${!this.closest('[dir]') && RTL.test(lang) ? 'rtl' : nothing}>${heading}${empty
      ? html`<slot name="empty"></slot>`
      : html`<ol part="list" class=${layout} role="list">${this.items.map((item, i) => renderItem(item, i, view))}</ol>`}</section>`;
  }

  /** Ranks the loaded `source` for `page` with `common` plus the element's own options; the one thing each element decides. */
  protected abstract rank(source: RankSource, page: PageRef, common: CommonOptions): Promise<Ranked>;

  /** What the element knows about the page better than the page itself. */
  protected pageHint(): PageHint {
    return {};
  }

  /** Starts ranking into `items`; called from willUpdate only, where errors are caught. */
  private _rerank(): void {
    const generation = ++this._generation;
    const previous = this._controller;
    const controller = (this._controller = new AbortController());
    const source = this._source();
    // A re-rank keeps showing the current items until the new ones are ready.
    if (this.state !== 'ready') this.state = 'loading';
    void this._rankFrom(source, controller.signal, generation);
    // Released after the new request joined, so a re-rank during loading never refetches.
    previous?.abort();
  }

  private _start(): void {
    near?.unobserve(this);
    if (this._started) return;
    this._started = true;
    this.refresh();
  }

  /** Where to rank from: the `articles` property, else the store for the URLs; a problem when one is not a URL. */
  private _source(): RankSource | Problem | undefined {
    if (this.articles) return inlineSource(this.articles, document.baseURI);
    // A base URL without its final slash would lose its last segment when shard paths resolve against it.
    const config = { manifest: this.manifest, index: this.index, precomputed: this.precomputed ? this.precomputed.replace(/\/?$/, '/') : undefined, cache: this.cache };
    for (const [name, value] of Object.entries(config)) {
      if (!value || typeof value != 'string') continue;
      const url = absolute(value);
      if (!url) return documentProblem('invalid-url', `${name} ${JSON.stringify(value)} is not a URL`, name);
      (config as Record<string, unknown>)[name] = url;
    }
    return config.manifest || config.precomputed ? storeFor(config) : undefined;
  }

  private async _rankFrom(source: RankSource | Problem | undefined, signal: AbortSignal, generation: number): Promise<void> {
    try {
      if (!source) return this._show([]);
      if ('code' in source) return this._fail(source);
      const loaded = await source.load(signal);
      if (generation !== this._generation) return;
      if (!loaded.ok) {
        if (!loaded.aborted) this._fail(loaded.problem);
        return;
      }
      this._labels = loaded.labels;
      const page = readPage(this.pageHint());
      this._lastPage = pageKey(page);
      // Storage is touched only here, and only with `history` on (its code is in the storage part).
      const read = this.history ? (await loadStorage()).visit(await source.current(page)) : [];
      const exclude = { ids: this.excludeIds, sections: this.excludeSections, tags: this.excludeTags };
      // A first list ranked while the manifest was still being normalised is ranked again once it is in.
      for (let result: Ranked | undefined; !result || (await result.final); ) {
        result = await this.rank(source, page, { limit: this.limit, exclude, read });
        if (generation !== this._generation) return;
        this._show(result.items);
      }
    } catch (error) {
      if (generation === this._generation) this._fail(internalProblem(error));
    }
  }

  private _show(items: readonly RankedItem[]): void {
    // The allow-list applies after ranking, to every source alike (manifest, articles, precomputed lists).
    const hosts = this.allowHosts;
    const ok = (url: string) => !hosts?.length || hosts.includes(new URL(url).host);
    items = items.flatMap((item) =>
      !ok(item.article.url) ? [] : item.article.image && !ok(item.article.image.src) ? [{ ...item, article: { ...item.article, image: undefined } }] : [item],
    );
    this.items = items;
    this.state = items.length ? 'ready' : 'empty';
  }

  private _pageChanged(): void {
    if (this._started && pageKey(readPage(this.pageHint())) !== this._lastPage) this.refresh();
  }

  /** `url` with the `utm` parameters, when asked for. */
  private _link(url: string): string {
    if (this.utm == null) return url;
    const out = new URL(url);
    new URLSearchParams(this.utm || `utm_source=readnext&utm_medium=${this.block}`).forEach((value, name) => out.searchParams.set(name, value));
    return out.href;
  }

  private _list(): ReadnextListDetail {
    return { block: this.block, ids: this.items.map((item) => item.article.id) };
  }

  /** Called by the impression observer: half the block is in view. */
  private _impress(): void {
    if (this._impressed || this.state !== 'ready') return;
    this._impressed = true;
    this._emit('impression', this._list(), true);
  }

  /**
   * Fires `readnext-<type>` with `detail`, bubbling and composed so it leaves the shadow root and goes up the
   * page; with `post`, also sends the detail to `beacon` as `{"event": type, ...detail}`. A page that broke
   * events or beacons still must not see us throw.
   */
  private _emit(type: keyof ReadnextEventMap extends `readnext-${infer T}` ? T : never, detail: object, post?: boolean): void {
    try {
      this.dispatchEvent(new CustomEvent('readnext-' + type, { bubbles: true, composed: true, detail }));
      if (post && this.beacon) navigator.sendBeacon(this.beacon, JSON.stringify({ event: type, ...detail }));
    } catch {
      // Nothing to do: analytics must never break the page.
    }
  }

  /** Collapses the block and reports `problem` once: an event on this element, a warning per manifest. */
  private _fail(problem: Problem): void {
    this.items = [];
    this.state = 'error';
    if (this._reported === problem) return;
    this._reported = problem;
    this._emit('error', { problem } satisfies ReadnextErrorDetail);
    try {
      const key = this.articles ? '(articles)' : `${this.manifest} ${this.precomputed}`;
      if (!warned.has(key)) {
        warned.add(key);
        console.warn(`readnext: ${problem.message}`, problem);
      }
    } catch {
      // A page that broke console or events still must not see us throw.
    }
  }
}

/** `value` resolved against the page; '' when it does not parse. */
function absolute(value: string): string {
  try {
    return new URL(value, document.baseURI).href;
  } catch {
    return '';
  }
}

// The core reports bad data as problems rather than throwing, so an exception
// here is a bug; it still must end as a collapsed block, not a broken page.
const internalProblem = (error: unknown): Problem => documentProblem('invalid-manifest', `could not rank: ${String(error)}`);

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merged into the DOM's own map
  interface GlobalEventHandlersEventMap extends ReadnextEventMap {}
}
