/**
 * Which article the reader is on, and noticing when that changes on
 * single-page sites, without patching `history` (other scripts on the page
 * patch it too, and patches fight).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PageContext } from '../core/types.js';

/** The article being read: an id or URL to find in the catalogue, and the page's own metadata for when it is not there. */
export interface PageRef {
  id?: string;
  /** Absolute URL; compared as a canonical URL by the catalogue. */
  url: string;
  context: PageContext;
}

/** What an element knows better than the page: its `article-id` and `article-url` attributes. */
export interface PageHint {
  id?: string | null | undefined;
  url?: string | null | undefined;
}

/**
 * Reads the page: `hint.id`, else `hint.url`, else `<link rel="canonical">`,
 * else `og:url`, else the document URL; plus title, description,
 * `article:tag` and `article:section` metadata.
 */
export function readPage(hint: PageHint = {}, doc: Document = document): PageRef {
  const meta = (selector: string): string | undefined =>
    doc.querySelector<HTMLMetaElement>(`meta[${selector}]`)?.content.trim() || undefined;
  const absolute = (value: string | null | undefined): string | undefined => {
    if (!value?.trim()) return undefined;
    try {
      return new URL(value.trim(), doc.baseURI).href;
    } catch {
      return undefined;
    }
  };
  const canonical = doc.querySelector<HTMLLinkElement>('link[rel~="canonical" i]')?.getAttribute('href');
  const url = absolute(hint.url) ?? absolute(canonical) ?? absolute(meta('property="og:url"')) ?? doc.URL;
  const tags = [...doc.querySelectorAll<HTMLMetaElement>('meta[property="article:tag"]')]
    .map((m) => m.content.trim())
    .filter(Boolean);
  const context: PageContext = {
    url,
    // og:title usually lacks the " | Site name" suffix that would add the site's name to every query.
    title: meta('property="og:title"') ?? doc.title,
    tags,
  };
  const description = meta('name="description"') ?? meta('property="og:description"');
  const section = meta('property="article:section"');
  const lang = doc.documentElement.lang;
  if (description) context.description = description;
  if (section) context.section = section;
  if (lang) context.lang = lang;
  const id = hint.id?.trim();
  return id ? { id, url, context } : { url, context };
}

/** A string that changes whenever ranking against the page would. */
export function pageKey(ref: PageRef): string {
  const c = ref.context;
  return JSON.stringify([ref.id, ref.url, c.title, c.description, c.tags, c.section]);
}

/** The part of the Navigation API used here; typed locally as TypeScript's DOM lib lacks it in ES2021 targets. */
type NavigationLike = EventTarget;

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

function navigation(): NavigationLike | undefined {
  return (globalThis as { navigation?: NavigationLike }).navigation;
}

function install(): void {
  addEventListener('popstate', notify);
  navigation()?.addEventListener('navigate', notify);
  navigation()?.addEventListener('navigatesuccess', notify);
  if (document.head && typeof MutationObserver === 'function') {
    observer = new MutationObserver(notify);
    observer.observe(document.head, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['href', 'content', 'rel', 'property', 'name'],
    });
  }
}

function uninstall(): void {
  removeEventListener('popstate', notify);
  navigation()?.removeEventListener('navigate', notify);
  navigation()?.removeEventListener('navigatesuccess', notify);
  observer?.disconnect();
  observer = undefined;
  clearTimeout(timer);
}

/**
 * Calls `listener` (debounced) when the page may now be another article:
 * `popstate`, the Navigation API's `navigate` where present, and changes in
 * `<head>` (canonical link, og:url, title, meta). One observer serves every
 * element. Returns the function that stops listening.
 */
export function watchPage(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) install();
  return () => {
    if (listeners.delete(listener) && listeners.size === 0) uninstall();
  };
}

/** Ties {@link watchPage} to an element's connection, so a removed element leaves no listener behind. */
export class PageController implements ReactiveController {
  private stop: (() => void) | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly onChange: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.stop ??= watchPage(this.onChange);
  }

  hostDisconnected(): void {
    this.stop?.();
    this.stop = undefined;
  }
}
