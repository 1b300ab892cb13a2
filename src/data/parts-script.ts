/**
 * The script-tag bundle's {@link loadSearch} and {@link loadShards}: import
 * `readnext.<part>.min.js` (src/search.ts and src/shards.ts as ES modules)
 * from beside `readnext.min.js`, keeping the script's query string (a
 * version, say). The script's URL is read while it runs:
 * `document.currentScript` for a classic script; a module script has none,
 * so the last script whose file name starts with "readnext". Swapped in by
 * scripts/parts-beside.mjs.
 */
import type { SearchModule, ShardsModule } from './parts.js';

const script = globalThis.document?.currentScript as HTMLScriptElement | null | undefined;
const src = script?.src || [...(globalThis.document?.querySelectorAll<HTMLScriptElement>('script[src]') ?? [])].map((s) => s.src).filter((s) => /\/readnext[^/]*\.js([?#]|$)/.test(s)).pop();

const part = async (name: string): Promise<unknown> => {
  const file = `readnext.${name}.min.js`;
  if (!src) throw new Error(`no readnext script URL to load ${file} beside`);
  const url = new URL(file, src);
  url.search = new URL(src).search;
  return import(url.href);
};

export const loadSearch = () => part('search') as Promise<SearchModule>;
export const loadShards = () => part('shards') as Promise<ShardsModule>;
