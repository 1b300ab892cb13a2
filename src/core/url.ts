/**
 * URL handling shared by normalisation, page matching, dedupe and shards.
 * Uses only the WHATWG `URL` class, present in browsers and Node.
 */

const TRACKING_PARAM = /^(utm_.*|fbclid|gclid)$/i;

/** A URL written with a scheme (`https:`, `javascript:`), white space before it allowed. */
export const SCHEME = /^\s*[a-z][a-z\d+.-]*:/i;

/**
 * Parses `value` (trimmed; anything but a string is refused, never
 * converted) against `base`; only `http:`/`https:` results, credentials or
 * not. An unusable base is ignored rather than failing absolute URLs too
 * (the WHATWG parser rejects the pair when the base alone is bad).
 */
function parseHttp(value: unknown, base?: string): URL | undefined {
  if (typeof value != 'string') return;
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    try {
      url = new URL(text);
    } catch {
      return;
    }
  }
  return /^https?:$/.test(url.protocol) ? url : undefined;
}

/**
 * Resolves `value` against `base` and returns it only when the result is an
 * `http:` or `https:` URL without credentials; otherwise `undefined` (also
 * for anything that is not a string). White space around it is ignored. The
 * WHATWG parser already strips leading control characters and tabs/newlines
 * inside the scheme, so `" java\tscript:"` is recognised as `javascript:` and
 * rejected, and it reads backslashes as slashes in http(s) URLs, so the host
 * of the returned `href` is the host a browser would go to.
 *
 * With `link` (article links), a URL given without a scheme must resolve to
 * the base's origin; images may come from any http(s) host.
 *
 * URLs with a user name or password are refused rather than cleaned: in a
 * link, `https://news.example@evil.example/` reads as the publisher's host
 * but goes to `evil.example`, and real credentials would leak into the
 * page, referrers and analytics.
 */
export function safeUrl(value: unknown, base?: string, link?: boolean): URL | undefined {
  const url = parseHttp(value, base);
  if (!url || url.username || url.password) return;
  // With `link`, a URL written without a scheme must stay on its base's
  // origin: `//evil.example/`, `\\evil.example` and `/\evil.example` look
  // relative but leave the site. The scheme is looked for as the URL parser
  // sees the text: without leading controls and spaces, tabs or newlines.
  return link && !SCHEME.test((value as string).replace(/[\t\n\r]|^[\0- ]+/g, '')) && url.origin != parseHttp(base)?.origin ? undefined : url;
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
  return url && canonicalize(url);
}

/**
 * {@link canonicalUrl} of an already parsed http(s) URL: one parse instead
 * of two. The URL loses its credentials, fragment and tracking parameters.
 */
export function canonicalize(url: URL): string {
  // URL already lowercases scheme and host and drops default ports. Each
  // setter re-serialises the URL, so only what is there is cleared.
  if (url.username || url.password) url.username = url.password = '';
  if (url.hash) url.hash = '';
  const params = url.searchParams;
  // Deleting re-serialises the query, so only when there is something to delete.
  for (const key of [...params.keys()]) if (TRACKING_PARAM.test(key)) params.delete(key);
  // A query with no parameters (`/a?`, `/a?&`) names the same page as none.
  // Without a setter: with the fragment gone, a `?` in `href` starts the query.
  return '' + params ? url.href : url.href.split('?')[0]!;
}
