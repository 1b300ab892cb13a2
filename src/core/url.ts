/**
 * URL handling shared by normalisation, page matching, dedupe and shards.
 * Uses only the WHATWG `URL` class, present in browsers and Node.
 */

const TRACKING_PARAM = /^(utm_.*|fbclid|gclid)$/i;

/**
 * Parses `value` against `base`; only `http:`/`https:` results, credentials
 * or not. An unusable base is ignored rather than failing absolute URLs too
 * (the WHATWG parser rejects the pair when the base alone is bad).
 */
function parseHttp(value: string, base?: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    try {
      if (base === undefined) return undefined;
      url = new URL(value);
    } catch {
      return undefined;
    }
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}

/**
 * Resolves `value` against `base` and returns it only when the result is an
 * `http:` or `https:` URL without credentials; otherwise `undefined`. The
 * WHATWG parser already strips leading control characters and tabs/newlines
 * inside the scheme, so `" java\tscript:"` is recognised as `javascript:` and
 * rejected, and it reads backslashes as slashes in http(s) URLs, so the host
 * of the returned `href` is the host a browser would go to.
 *
 * URLs with a user name or password are refused rather than cleaned: in a
 * link, `https://news.example@evil.example/` reads as the publisher's host
 * but goes to `evil.example`, and real credentials would leak into the
 * page, referrers and analytics.
 */
export function safeUrl(value: string, base?: string): URL | undefined {
  const url = parseHttp(value, base);
  return url && url.username === '' && url.password === '' ? url : undefined;
}

/**
 * The key readnext uses to decide that two URLs name the same article:
 * lowercase scheme and host, no default port, no credentials, no fragment,
 * no empty query, no `utm_*`, `fbclid` or `gclid`; path and other query parameters are kept
 * as given. Returns `undefined` for anything that is not an absolute http(s)
 * URL. Unlike {@link safeUrl} it accepts credentials (and drops them), so a
 * page opened as `https://user@host/a` still matches its article.
 */
export function canonicalUrl(value: string, base?: string): string | undefined {
  const url = parseHttp(value, base);
  if (!url) return undefined;
  // URL already lowercases scheme and host and drops default ports.
  url.username = '';
  url.password = '';
  url.hash = '';
  const all = [...url.searchParams];
  const kept = all.filter(([key]) => !TRACKING_PARAM.test(key));
  // A query with no parameters (`/a?`, `/a?&`) names the same page as none.
  if (kept.length !== all.length || kept.length === 0) {
    url.search = kept.length ? '?' + new URLSearchParams(kept).toString() : '';
  }
  return url.href;
}
