/**
 * The opt-in Cache Storage copy of fetched documents (`cache`), part of the
 * storage part (src/storage.ts): a page without `cache` never loads it.
 */
import type { FetchOutcome, FetchOptions, fetchText } from './fetch-manifest.js';

/** Cache Storage name; one per origin, shared by every manifest and index. */
export const CACHE_NAME = 'readnext';
/** Most copies kept in Cache Storage; writing one more deletes the least recently written. */
export const CACHE_ENTRIES = 16;

/**
 * `url` as text through Cache Storage, for `cache` (opt-in: storage on the
 * reader's device needs consent in places): a copy kept there is revalidated with
 * `If-None-Match`, so a returning reader downloads nothing when a 304 comes
 * back, and reads the copy when the network fails (timeout, network error,
 * 5xx). Only responses with an `ETag` are kept: without a validator every
 * view would download anyway. A 404 or 410 deletes the copy; at most
 * {@link CACHE_ENTRIES} copies are kept. Where Cache Storage is missing or
 * throws (insecure origins, some private modes), it is a plain `get`
 * ({@link fetchText}, lent by the bundle).
 */
export async function cachedText(url: string, options: FetchOptions, get: typeof fetchText): Promise<FetchOutcome<string>> {
  let box: Cache | undefined;
  let old: Response | undefined;
  try {
    old = await (box = await caches.open(CACHE_NAME)).match(url);
  } catch {
    // No Cache Storage here: the network alone.
  }
  const etag = old?.headers.get('etag');
  const got = await get(url, etag ? { ...options, headers: { ...options.headers, 'if-none-match': etag } } : options);
  const status = got.ok ? got.response.status : got.status;
  const gone = status == 404 || status == 410;
  const fresh = got.ok && status != 304 && got.response.headers.get('etag');
  if (box && (fresh || gone)) {
    const keep = box;
    // Only the validator is kept: the body is stored decoded, so encoding headers would lie.
    (fresh ? keep.put(url, new Response(got.value, { __proto__: null, headers: { etag: fresh } } as ResponseInit)) : keep.delete(url))
      // keys() lists the least recently written first.
      .then(() => keep.keys())
      .then((keys) => keys.slice(0, -CACHE_ENTRIES).forEach((key) => keep.delete(key)))
      .catch(() => {});
  }
  if (old && !gone && (got.ok ? status == 304 : !got.aborted)) {
    const value = await old.text().catch(() => undefined);
    if (value !== undefined) return { ok: true, value, response: old };
  }
  return got;
}
