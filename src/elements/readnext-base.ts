/**
 * What both readnext elements share: attributes, lazy start, loading from a
 * store (or the `articles` property), states, error reporting and markup.
 * Subclasses say only what to rank and their defaults.
 */
import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { Exclusions } from '../core/options.js';
import type { Problem, RankResult, RankedItem } from '../core/types.js';
import { documentProblem } from '../data/fetch-manifest.js';
import { visit } from '../data/history.js';
import { PageController, pageKey, readPage, type PageHint, type PageRef } from '../data/page.js';
import { inlineSource, storeFor, type RankSource } from '../data/store.js';
import { renderItem } from './item.js';
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

/** Properties that change only the markup; any other change re-ranks. */
const VIEW_ONLY = new Set<PropertyKey>(['layout', 'heading', 'thumbnails', 'eager', 'state', 'items', 'explain']);

/** On/off when given (`off`, `false`, `no`, `0` are off), and "the default" when absent. */
export const onOff = {
  fromAttribute: (value: string | null): boolean | undefined => (value === null ? undefined : !/^(false|off|no|0)$/i.test(value)),
};

/** A space-separated attribute as a list (ids, sections, tags); absent is undefined. */
const words = { fromAttribute: (value: string | null) => value?.split(/\s+/).filter(Boolean) };

/** Declaration of a word-list attribute. */
export const list = (attribute: string) => ({ converter: words, attribute });

/**
 * Numeric ranking options as properties of the same name, so the names are
 * written once: the attribute is the kebab-case name without a `Days` unit
 * (`recencyHalfLifeDays` → `recency-half-life`).
 */
export const numbers = (names: readonly string[]): PropertyDeclarations =>
  Object.fromEntries(names.map((name) => [name, { type: Number, attribute: name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()).replace(/-days$/, '') }]));

/** The element's values of the option properties `names`, to hand to the core as they are. */
export const pick = <T>(element: object, names: readonly string[]): Partial<T> =>
  Object.fromEntries(names.map((name) => [name, (element as Record<string, unknown>)[name]])) as Partial<T>;

// One IntersectionObserver for every element on the page.
let near: IntersectionObserver | undefined;
const starters = new WeakMap<Element, () => void>();

function whenNear(element: Element, start: () => void): void {
  if (typeof IntersectionObserver !== 'function') return start();
  near ??= new IntersectionObserver(
    (entries) => {
      for (const { isIntersecting, target } of entries) {
        if (!isIntersecting) continue;
        stopWatching(target);
        starters.get(target)?.();
      }
    },
    // One viewport ahead: the manifest is in by the time the reader scrolls there.
    { rootMargin: '100%' },
  );
  starters.set(element, start);
  near.observe(element);
}

function stopWatching(element: Element): void {
  near?.unobserve(element);
}

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
 * @attr layout - `list` (default), `grid` (with thumbnails) or `compact` (numbered).
 * @attr heading - Heading above the list; empty for none.
 * @attr thumbnails - Show thumbnails (`thumbnails="off"` to hide). Defaults to on for `grid`, off otherwise.
 * @attr eager - Load at once rather than when the element comes within a viewport of being seen.
 * @attr exclude-ids - Space-separated article ids never to show.
 * @attr exclude-sections - Space-separated sections never to show (case-insensitive).
 * @attr exclude-tags - Space-separated tags whose articles are never shown (case-insensitive).
 * @attr explain - Show under each item why it was chosen.
 * @attr history - Opt-in reader history: remembers (localStorage, 50 ids, 30 days) what the reader opened on
 *   this site and hides it. No storage access without it.
 * @attr index - URL of a prebuilt index (`readnext build --index`), fetched beside the manifest instead of
 *   indexing in the browser.
 * @attr precomputed - Base URL of precomputed lists (`readnext build --precompute`).
 * @attr cache - Keep the manifest and index in Cache Storage and revalidate them by ETag. Off by default.
 * @attr state - Read-only: `idle`, `loading`, `ready`, `empty` or `error`. `empty` and `error` hide the block.
 *
 * @event {CustomEvent<ReadnextErrorDetail>} readnext-error - The manifest (or `articles`) could not be loaded,
 *   parsed or ranked; `detail.problem` says why. Once per problem; the block collapses. Bubbles, composed.
 *
 * @csspart base - The `<section>` around heading and list.
 * @csspart heading - The `<h2>`.
 * @csspart list - The `<ol>`.
 * @csspart item - Each `<li>`.
 * @csspart link - The `<a>` of an item.
 * @csspart thumbnail - The `<img>` of an item.
 * @csspart placeholder - Stands in for a missing image when thumbnails are on, so titles line up.
 * @csspart title - An item's title.
 * @csspart meta - Section and date line.
 * @csspart section - The section name.
 * @csspart date - The `<time>` of publication.
 * @csspart explain - The `<ul>` of reasons under an item, with `explain`.
 *
 * @cssproperty [--readnext-min-height=0] - Height reserved while loading, so showing items shifts nothing.
 * @cssproperty --readnext-color - Text colour. Defaults to inherited.
 * @cssproperty --readnext-muted-color - Colour of the meta line. Defaults to the text colour at 64%.
 * @cssproperty --readnext-link-color - Colour of titles. Defaults to inherited.
 * @cssproperty --readnext-link-hover-color - Colour of a hovered or focused title. Defaults to the accent colour.
 * @cssproperty [--readnext-accent-color=#0b57d0] - Focus ring and the numbers of `compact`.
 * @cssproperty --readnext-divider-color - Lines between `list` items, image placeholder. Defaults to the text colour at 16%.
 * @cssproperty --readnext-font - Font family. Defaults to inherited.
 * @cssproperty --readnext-heading-font - Font family of the heading. Defaults to inherited.
 * @cssproperty [--readnext-heading-size=1.25rem] - Font size of the heading.
 * @cssproperty [--readnext-title-size=1rem] - Font size of titles.
 * @cssproperty [--readnext-title-weight=600] - Font weight of titles.
 * @cssproperty [--readnext-gap=1rem] - Space between items.
 * @cssproperty [--readnext-radius=6px] - Corner radius of thumbnails.
 * @cssproperty [--readnext-thumbnail-width=6.5rem] - Thumbnail width in `list` (60% of it in `compact`).
 * @cssproperty [--readnext-column-min-width=13rem] - Narrowest column of `grid`.
 */
export abstract class ReadnextBase extends LitElement {
  static override styles = styles;

  static override properties: PropertyDeclarations = {
    manifest: { type: String },
    limit: { type: Number },
    layout: { type: String },
    heading: { type: String },
    thumbnails: { converter: onOff },
    eager: { type: Boolean },
    articles: { attribute: false },
    excludeIds: list('exclude-ids'),
    excludeSections: list('exclude-sections'),
    excludeTags: list('exclude-tags'),
    explain: { type: Boolean },
    history: { type: Boolean },
    index: { type: String },
    precomputed: { type: String },
    cache: { type: Boolean },
    state: { type: String, reflect: true },
    items: { state: true },
  };

  /** URL of the manifest, resolved against the page. */
  declare manifest: string | undefined;
  /** How many items to show, 1-50. */
  declare limit: number;
  /** `list`, `grid` (thumbnails on) or `compact` (numbered). */
  declare layout: Layout;
  /** Heading above the list; empty for none. */
  declare heading: string;
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
  /** Read-only: where the element is in its life. */
  declare state: ReadnextState;

  /** The ranked items being shown. */
  protected declare items: readonly RankedItem[];
  private started = false;
  private needsRank = false;
  private generation = 0;
  private controller: AbortController | undefined;
  private lastPage = '';
  private reported: Problem | undefined;

  protected readonly page = new PageController(this, () => this.pageChanged());

  constructor() {
    super();
    this.limit = 5;
    this.layout = 'list';
    this.heading = '';
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
      if (this.started) return;
      if (this.eager) this.start();
      else whenNear(this, () => this.start());
    } catch (error) {
      this.fail(internalProblem(error));
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    stopWatching(this);
    // A move in the DOM disconnects and reconnects in one task; only a real
    // removal releases this element's hold on a pending request (the store
    // aborts it when nobody is left) and makes a later reconnection start over.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.controller?.abort();
      this.controller = undefined;
      this.generation++;
      this.started = false;
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    try {
      if (changed.has('eager') && this.eager && this.isConnected) this.start();
      if (!this.started) return;
      if (this.needsRank || [...changed.keys()].some((key) => !VIEW_ONLY.has(key))) {
        this.needsRank = false;
        this.rerank();
      }
    } catch (error) {
      this.fail(internalProblem(error));
    }
  }

  /** Re-reads the page and ranks again, e.g. after a client-side route change the element could not observe. */
  refresh(): void {
    this.needsRank = true;
    this.requestUpdate();
  }

  protected override render(): TemplateResult | typeof nothing {
    if (this.state !== 'ready') return nothing;
    const layout = LAYOUTS.includes(this.layout) ? this.layout : 'list';
    const thumbnails = this.thumbnails ?? layout === 'grid';
    return html`<section part="base" aria-labelledby=${this.heading ? 'heading' : nothing}>
      ${this.heading ? html`<h2 id="heading" part="heading">${this.heading}</h2>` : nothing}
      <ol part="list" class=${layout} role="list">
        ${this.items.map((item) => renderItem(item, thumbnails, this.explain))}
      </ol>
    </section>`;
  }

  /** Ranks the loaded `source` for `page` with `common` plus the element's own options; the one thing each element decides. */
  protected abstract rank(source: RankSource, page: PageRef, common: CommonOptions): Promise<RankResult>;

  /** What the element knows about the page better than the page itself. */
  protected pageHint(): PageHint {
    return {};
  }

  /** Starts ranking into `items`; called from willUpdate only, where errors are caught. */
  private rerank(): void {
    const generation = ++this.generation;
    const previous = this.controller;
    const controller = (this.controller = new AbortController());
    const source = this.source();
    // A re-rank keeps showing the current items until the new ones are ready.
    if (this.state !== 'ready') this.state = 'loading';
    void this.rankFrom(source, controller.signal, generation);
    // Released after the new request joined, so a re-rank during loading never refetches.
    previous?.abort();
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.needsRank = true;
    this.requestUpdate();
  }

  /** Where to rank from: the `articles` property, else the store for the URLs; a problem when one is not a URL. */
  private source(): RankSource | Problem | undefined {
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

  private async rankFrom(source: RankSource | Problem | undefined, signal: AbortSignal, generation: number): Promise<void> {
    try {
      if (!source) return this.show([]);
      if ('code' in source) return this.fail(source);
      const loaded = await source.load(signal);
      if (generation !== this.generation) return;
      if (!loaded.ok) {
        if (!loaded.aborted) this.fail(loaded.problem);
        return;
      }
      const page = readPage(this.pageHint());
      this.lastPage = pageKey(page);
      // Storage is touched only here, and only with `history` on.
      const read = this.history ? visit(await source.current(page)) : [];
      const exclude = { ids: this.excludeIds, sections: this.excludeSections, tags: this.excludeTags };
      const result = await this.rank(source, page, { limit: this.limit, exclude, read });
      if (generation === this.generation) this.show(result.items);
    } catch (error) {
      if (generation === this.generation) this.fail(internalProblem(error));
    }
  }

  private show(items: readonly RankedItem[]): void {
    this.items = items;
    this.state = items.length ? 'ready' : 'empty';
  }

  private pageChanged(): void {
    if (!this.started || pageKey(readPage(this.pageHint())) === this.lastPage) return;
    this.needsRank = true;
    this.requestUpdate();
  }

  /** Collapses the block and reports `problem` once: an event on this element, a warning per manifest. */
  private fail(problem: Problem): void {
    this.items = [];
    this.state = 'error';
    if (this.reported === problem) return;
    this.reported = problem;
    try {
      this.dispatchEvent(
        new CustomEvent<ReadnextErrorDetail>('readnext-error', { bubbles: true, composed: true, detail: { problem } }),
      );
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
  interface GlobalEventHandlersEventMap {
    'readnext-error': CustomEvent<ReadnextErrorDetail>;
  }
}
