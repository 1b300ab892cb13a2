/**
 * URL handling shared by normalisation, page matching, dedupe and shards.
 * Uses only the WHATWG `URL` class, present in browsers and Node.
 */

const TRACKING_PARAM = /^(utm_.*|fbclid|gclid)$/i;

/**
 * Resolves `value` against `base` and returns it only when the result is an
 * `http:` or `https:` URL; otherwise `undefined`. The WHATWG parser already
 * strips leading control characters and tabs/newlines inside the scheme, so
 * `" java\tscript:"` is recognised as `javascript:` and rejected.
 */
export function safeUrl(value: string, base?: string): URL | undefined {
  let url: URL;
  try {
    url = base ? new URL(value, base) : new URL(value);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}

/**
 * The key readnext uses to decide that two URLs name the same article:
 * lowercase scheme and host, no default port, no fragment, no `utm_*`,
 * `fbclid` or `gclid`; path and other query parameters are kept as given.
 * Returns `undefined` for anything that is not an absolute http(s) URL.
 */
export function canonicalUrl(value: string, base?: string): string | undefined {
  const url = safeUrl(value, base);
  if (!url) return undefined;
  // URL already lowercases scheme and host and drops default ports.
  url.hash = '';
  const kept = [...url.searchParams].filter(([key]) => !TRACKING_PARAM.test(key));
  if (kept.length !== [...url.searchParams].length) {
    url.search = kept.length ? '?' + new URLSearchParams(kept).toString() : '';
  }
  return url.href;
}
