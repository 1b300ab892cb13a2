/**
 * Which article the reader is on, and noticing when that changes on
 * single-page sites, without patching `history` (other scripts on the page
 * patch it too, and patches fight).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The article being read: an id or URL to find in the catalogue. */
export interface PageRef {
  id?: string;
  /** Absolute URL; compared as a canonical URL by the catalogue. */
  url: string;
}

/** What an element knows better than the page: its `article-id` and `article-url` attributes. */
export interface PageHint {
  id?: string | null | undefined;
  url?: string | null | undefined;
}

/** The trimmed, non-empty `content` (or `href`) of every element `selector` matches in `doc`. */
export const all = (selector: string, doc: Document = document): string[] =>
  [...doc.querySelectorAll<HTMLMetaElement & HTMLLinkElement>(selector)].map((e) => (e.content ?? e.getAttribute('href') ?? '').trim()).filter(Boolean);

/** The first `<meta>` named `name` (`property` for `og:`-style names with a colon). */
export const meta = (name: string, doc: Document = document): string | undefined => all(`meta[${name.includes(':') ? 'property' : 'name'}="${name}"]`, doc)[0];

/**
 * Reads the page: `hint.id`, else `hint.url`, else `<link rel="canonical">`,
 * else `og:url`, else the document URL. The page's own metadata (title,
 * description, tags), which only a page missing from the catalogue needs, is
 * read by `pageContext` in the search part (src/data/page-context.ts).
 */
export function readPage(hint: PageHint = {}, doc: Document = document): PageRef {
  // Own properties only: a page that sets `Object.prototype.url` (or `.id`) names no article.
  const { id, url: hinted } = { __proto__: null, ...hint } as PageHint;
  const absolute = (value: string | null | undefined): string | undefined => {
    try {
      return value?.trim() ? new URL(value.trim(), doc.baseURI).href : undefined;
    } catch {
      // Not a URL: the next candidate.
    }
  };
  // `all(og:url)[0]` is `meta('og:url')` without `meta`, which only the search part needs: 23 B of the bundle.
  return { id: id?.trim() || undefined, url: absolute(hinted) ?? absolute(all('link[rel~="canonical" i]', doc)[0]) ?? absolute(all('meta[property="og:url"]', doc)[0]) ?? doc.URL };
}

/** A string that changes whenever ranking against the page would. */
export const pageKey: (ref: PageRef) => string = JSON.stringify;

const listeners = new Set<() => void>();
let observer: MutationObserver | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

// One macrotask later, so a pushState followed by the router's canonical
// update (or several head mutations) re-ranks once, after the URL changed:
// `navigate` fires before the URL updates.
function notify(): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch {
        // One broken listener must not stop the others, nor reach the page.
      }
    }
  }, 0);
}

/** Adds (`on`) or removes the page-wide listeners: `popstate`, the Navigation API where present, and `<head>` changes. */
function listen(on: boolean): void {
  const method = on ? 'addEventListener' : 'removeEventListener';
  // The Navigation API is missing from TypeScript's DOM lib for ES2021 targets.
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  window[method]('popstate', notify);
  navigation?.[method]('navigate', notify);
  navigation?.[method]('navigatesuccess', notify);
  observer?.disconnect();
  clearTimeout(timer);
  observer = on && document.head ? new MutationObserver(notify) : undefined;
  observer?.observe(document.head, { childList: true, subtree: true, characterData: true, attributeFilter: ['href', 'content', 'rel', 'property', 'name'] });
}

/**
 * Calls `listener` (debounced) when the page may now be another article:
 * `popstate`, the Navigation API's `navigate` where present, and changes in
 * `<head>` (canonical link, og:url, title, meta). One observer serves every
 * element. Returns the function that stops listening.
 */
export function watchPage(listener: () => void): () => void {
  if (!listeners.size) listen(true);
  listeners.add(listener);
  return () => {
    if (listeners.delete(listener) && !listeners.size) listen(false);
  };
}

/** Ties {@link watchPage} to an element's connection, so a removed element leaves no listener behind. */
export class PageController implements ReactiveController {
  // `_` names: private, so the bundle's minifier shortens them.
  private _stop: (() => void) | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly _onChange: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this._stop ??= watchPage(this._onChange);
  }

  hostDisconnected(): void {
    this._stop?.();
    this._stop = undefined;
  }
}
