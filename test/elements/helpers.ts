/**
 * Shared by the element tests: fixture URLs with a request counter (see the
 * middleware in web-test-runner.config.mjs), waiting, mounting and reading
 * an element's rendered items through its shadow DOM.
 */
import type { ReadnextBase } from '../../src/elements/readnext-base.js';

let counter = 0;

/** A fresh URL for a fixture manifest: its own request count, and a store of its own. */
export function manifestUrl(name = 'news', params: Record<string, string> = {}): { url: string; key: string } {
  const key = `${name}-${Date.now()}-${++counter}-${Math.random().toString(36).slice(2)}`;
  const query = new URLSearchParams({ key, ...params });
  return { url: `/api/manifest/${name}?${query}`, key };
}

/** How many requests the server saw for `key`. */
export async function requests(key: string): Promise<number> {
  const response = await fetch(`/api/requests?key=${encodeURIComponent(key)}`);
  return (await response.json()) as number;
}

/** Resolves once `check()` is truthy; fails with `what` after `timeout` ms. */
export async function until(check: () => unknown, what: string, timeout = 4000): Promise<void> {
  const end = performance.now() + timeout;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const mounted: Element[] = [];

/** Appends `markup` in a fresh container and returns the container. */
export function mount(markup: string): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = markup;
  document.body.append(container);
  mounted.push(container);
  return container;
}

/** Removes everything {@link mount} and {@link setHead} added. */
export function cleanup(): void {
  for (const element of mounted.splice(0)) element.remove();
}

/** Replaces the test page's canonical link, og:url and article metadata. */
export function setHead(entries: { canonical?: string; meta?: Record<string, string | string[]> }): void {
  clearHead();
  if (entries.canonical) {
    const link = document.createElement('link');
    link.rel = 'canonical';
    link.href = entries.canonical;
    link.dataset.test = '';
    document.head.append(link);
  }
  for (const [key, values] of Object.entries(entries.meta ?? {})) {
    for (const value of Array.isArray(values) ? values : [values]) {
      const meta = document.createElement('meta');
      meta.setAttribute(key.includes(':') ? 'property' : 'name', key);
      meta.content = value;
      meta.dataset.test = '';
      document.head.append(meta);
    }
  }
}

export function clearHead(): void {
  for (const node of document.head.querySelectorAll('[data-test]')) node.remove();
}

/** The element's item links. */
export function links(element: Element): HTMLAnchorElement[] {
  return [...(element.shadowRoot?.querySelectorAll<HTMLAnchorElement>('a[part="link"]') ?? [])];
}

/** The article ids shown, read from the fixture URLs (`/news/<id>`). */
export function shown(element: Element): string[] {
  return links(element).map((a) => new URL(a.href).pathname.split('/').pop() ?? '');
}

/** Waits for the element to reach `state`. */
export function settled(element: ReadnextBase, state: ReadnextBase['state'] = 'ready'): Promise<void> {
  return until(() => element.state === state, `${element.localName} to be ${state} (is ${element.state})`);
}
