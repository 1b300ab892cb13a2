/**
 * What both readnext elements share: attributes, lazy start, loading from a
 * store (or the `articles` property), states, error reporting and markup.
 * Subclasses say only what to rank and their defaults.
 */
import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { Problem, RankResult, RankedItem } from '../core/types.js';
import { documentProblem } from '../data/fetch-manifest.js';
import { PageController, pageKey, readPage, type PageHint, type PageRef } from '../data/page.js';
import { inlineSource, storeFor, type RankSource, type StoreConfig } from '../data/store.js';
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

/** Properties that change only the markup; any other change re-ranks. */
const VIEW_ONLY = new Set<PropertyKey>(['layout', 'heading', 'thumbnails', 'eager', 'state', 'items']);

/** `thumbnails` is on/off when given, and "depends on layout" when absent. */
const onOff = {
  fromAttribute: (value: string | null): boolean | undefined => (value === null ? undefined : !/^(false|off|no|0)$/i.test(value)),
};

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
        ${this.items.map((item) => renderItem(item, thumbnails))}
      </ol>
    </section>`;
  }

  /** Ranks the loaded `source` for `page`; the one thing each element decides. */
  protected abstract rank(source: RankSource, page: PageRef): Promise<RankResult>;

  /** What the element knows about the page better than the page itself. */
  protected pageHint(): PageHint {
    return {};
  }

  /** How to load `manifest`; later options (prebuilt index, shards, cache) join here. */
  protected storeConfig(manifest: string): StoreConfig {
    return { manifest };
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

  /** Where to rank from: the `articles` property, else the manifest's store; a problem when `manifest` is not a URL. */
  private source(): RankSource | Problem | undefined {
    if (this.articles) return inlineSource(this.articles, document.baseURI);
    const url = this.manifestUrl();
    if (url === undefined) return undefined;
    if (url === '') {
      return documentProblem('invalid-url', `manifest ${JSON.stringify(this.manifest)} is not a URL`, 'manifest');
    }
    return storeFor(this.storeConfig(url));
  }

  /** The absolute manifest URL; undefined when none is set, '' when it does not parse. */
  private manifestUrl(): string | undefined {
    if (!this.manifest) return undefined;
    try {
      return new URL(this.manifest, document.baseURI).href;
    } catch {
      return '';
    }
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
      const result = await this.rank(source, page);
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
      const key = this.articles ? '(articles)' : (this.manifestUrl() ?? '');
      if (!warned.has(key)) {
        warned.add(key);
        console.warn(`readnext: ${problem.message}`, problem);
      }
    } catch {
      // A page that broke console or events still must not see us throw.
    }
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
