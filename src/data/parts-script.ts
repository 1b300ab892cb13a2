/**
 * The script-tag bundle's {@link loadSearch}, {@link loadShards} and
 * {@link loadStorage}: import `readnext.<part>.min.js` (src/<part>.ts as ES modules)
 * from beside `readnext.min.js`, keeping the script's query string (a
 * version, say). The script's URL is read while it runs:
 * `document.currentScript` for a classic script; a module script has none,
 * so the last script whose file name starts with "readnext". Swapped in by
 * scripts/parts-beside.mjs.
 */
import type { SearchModule, ShardsModule, StorageModule } from './parts.js';

const script = globalThis.document?.currentScript as HTMLScriptElement | null | undefined;
const src = script?.src || [...(globalThis.document?.querySelectorAll<HTMLScriptElement>('script[src]') ?? [])].map((s) => s.src).filter((s) => /\/readnext[^/]*\.js([?#]|$)/.test(s)).pop();

/** The part `name`, or a rejection that names its file (the element reports it). */
const part = async (name: string): Promise<unknown> => {
  const file = `readnext.${name}.min.js`;
  try {
    const url = new URL(file, src);
    url.search = new URL(src!).search;
    return await import(url.href);
  } catch (error) {
    // No script URL (src undefined) fails as an invalid URL.
    throw new Error(`${file} not loaded (${error})`);
  }
};

export const loadSearch = () => part('search') as Promise<SearchModule>;
export const loadShards = () => part('shards') as Promise<ShardsModule>;
export const loadStorage = () => part('storage') as Promise<StorageModule>;
