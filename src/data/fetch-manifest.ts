/**
 * Fetching a JSON document (manifest, prebuilt index, precomputed lists)
 * with a per-attempt timeout, bounded retries with backoff, abort, an opt-in
 * Cache Storage copy, and parsing that never blocks the main thread for
 * long. Failures come back as the core's `Problem` shape, never as
 * exceptions or rejections, so one code path reports them.
 *
 * Failure policy (each ends in one problem; the element hides and reports it):
 * - HTTP 4xx (but 429): final at once, `http-error`; 404 and 410 also delete
 *   a cached copy, since the publisher removed the document.
 * - HTTP 5xx and 429, network errors, no answer within `timeout`: retried
 *   `retries` times after `backoff`, 2 × `backoff`, … ms; then `http-error`,
 *   `fetch-failed` or `timeout`. With `cache`, a cached copy is used instead.
 * - A body that is not JSON (an HTML error page served with 200, a truncated
 *   file): `parse-error`, naming the content type. The content type itself is
 *   not checked (static hosts often serve JSON as `text/plain` or
 *   `application/octet-stream`), and a leading byte order mark is ignored.
 */
import { isArray, type Json } from '../core/json.js';
import type { Problem, ProblemCode } from '../core/types.js';
import { loadStorage } from './parts.js';

export interface FetchOptions {
  /** Aborts the request and any pending retry, e.g. when the last element using it leaves the page. */
  signal?: AbortSignal;
  /**
   * Milliseconds one attempt may take (headers and body) before it is
   * aborted and counts as failed, so a server that never answers costs a
   * bounded wait: at most (retries + 1) × timeout plus the backoff. Defaults to 5,000.
   */
  timeout?: number;
  /** Extra attempts after a timeout, a network error, a 5xx or a 429; other 4xx are final. Defaults to 2. */
  retries?: number;
  /** Delay before the first retry in ms; it doubles for each further one. Defaults to 500. */
  backoff?: number;
  /**
   * Longest body accepted, in UTF-16 code units (about bytes for JSON): a
   * longer one is cancelled as it streams in and fails with `too-large`, not
   * retried. Defaults to 64 Mi (a built manifest of ~50,000 articles).
   */
  maxLength?: number;
  /** Request headers, e.g. `If-None-Match` when a cache revalidates. Defaults to none. */
  headers?: Record<string, string>;
  /** The `fetch` to use (tests, or a host page's wrapper). Defaults to the global `fetch`. */
  fetch?: typeof fetch;
}

export const FETCH_DEFAULTS = Object.freeze({ timeout: 5000, retries: 2, backoff: 500, maxLength: 2 ** 26 });

type Failed = { ok: false; problem: Problem; aborted?: true; status?: number };

/** A fetched document, or the one problem that stopped it. `aborted` marks a caller's abort, which is not an error to report. */
export type FetchOutcome<T> = { ok: true; value: T; response: Response } | Failed;

/** A problem with a whole document (`index: -1`), in the shape normalisation uses. */
export const documentProblem = (code: ProblemCode, message: string, field = ''): Problem => ({ index: -1, field, code, message, level: 'error' });

const fail = (code: ProblemCode, message: string, status?: number): Failed => ({ ok: false, problem: documentProblem(code, message), status });

/**
 * Calls `then` after `ms`, or as soon as `signal` aborts (at once if it has),
 * whichever comes first; the function returned cancels it. Either way no
 * timer or listener is left behind. Times an attempt and a backoff.
 */
function after(ms: number, signal: AbortSignal | undefined, then: () => void): () => void {
  const cancel = (): void => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', done);
  };
  const done = (): void => {
    cancel();
    then();
  };
  const timer = setTimeout(done, ms);
  signal?.addEventListener('abort', done);
  if (signal?.aborted) done();
  return cancel;
}

/** Fetches `url` as text. Never throws and never rejects. */
export async function fetchText(url: string, options: FetchOptions = {}): Promise<FetchOutcome<string>> {
  // Own properties only, here and in every init dictionary below: a page that
  // sets `Object.prototype.method` or `.headers` must not change our request.
  const { timeout, retries, backoff, maxLength, signal, headers, fetch: get = fetch } = { __proto__: null, ...FETCH_DEFAULTS, ...options } as FetchOptions & typeof FETCH_DEFAULTS;
  for (let attempt = 0; ; ) {
    const controller = new AbortController();
    const cancel = after(timeout, signal, () => controller.abort());
    let failed: Failed;
    try {
      // A retry must reach the server: a cached error would only repeat itself.
      // No cookies or HTTP auth (issue 6): the documents are public, and a
      // reader's session has no business in our requests.
      const response = await get(url, { __proto__: null, signal: controller.signal, headers, credentials: 'omit', cache: attempt ? 'no-cache' : 'default' } as RequestInit);
      const { status } = response;
      // 304 answers a revalidation (see {@link cachedText}); its empty body is never used.
      if (response.ok || status == 304) {
        // Decoded as it streams in, chunk by chunk: `text()` decodes 10 MB in one long task.
        let value = '';
        const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
        for (let chunk; reader && !(chunk = await reader.read()).done; ) {
          if ((value += chunk.value).length > maxLength) {
            void reader.cancel();
            return fail('too-large', `${url}: longer than ${maxLength} characters`);
          }
        }
        return { ok: true, value, response };
      }
      failed = fail('http-error', `${url}: HTTP ${status}`, status);
      // A 4xx will not change on retry; a 5xx or 429 often does (deploys, cold caches, load).
      if (status < 500 && status != 429) return failed;
    } catch (error) {
      const late = controller.signal.aborted;
      failed = fail(late ? 'timeout' : 'fetch-failed', `${url}: ${late ? 'timeout' : error}`);
    } finally {
      cancel();
    }
    // The caller's abort is not an error to report.
    if (signal?.aborted) return { ...failed, aborted: true };
    if (attempt >= retries) return failed;
    await new Promise<void>((resolve) => after(backoff * 2 ** attempt++, signal, resolve));
  }
}

/**
 * `url` as text: with `cache`, through a copy in Cache Storage revalidated by
 * ETag (src/data/cache.ts, in the storage part, loaded on first use: other
 * readers never download it), else from the network alone. Never throws and
 * never rejects: a storage part that cannot be loaded is a `fetch-failed`.
 */
export const cachedText = (url: string, options: FetchOptions, cache?: boolean): Promise<FetchOutcome<string>> =>
  cache
    ? loadStorage().then(
        (part) => part.cachedText(url, options, fetchText),
        (error) => fail('fetch-failed', `${url}: ${error}`),
      )
    : fetchText(url, options);

/** Fetches (through Cache Storage when `cache`) and parses a JSON document. Never throws and never rejects. */
export async function fetchJson(url: string, options: FetchOptions = {}, cache?: boolean): Promise<FetchOutcome<unknown>> {
  const got = await cachedText(url, options, cache);
  if (!got.ok) return got;
  try {
    return { ...got, value: await parseJson(got.value) };
  } catch (error) {
    return fail('parse-error', `${url}: not JSON (${got.response.headers.get('content-type')}): ${error}`);
  }
}

/** Longest main-thread slice of chunked work, well inside the 50 ms that counts as a long task. */
export const SLICE_MS = 10;

/**
 * Calls `step` until it returns true, giving the main thread back whenever
 * a slice has lasted {@link SLICE_MS}: parsing, normalising and indexing a
 * large manifest are thousands of small steps rather than one long task.
 */
export async function sliced(step: () => boolean): Promise<void> {
  for (let start = performance.now(); !step(); ) if (performance.now() - start > SLICE_MS) start = await yieldToMain().then(() => performance.now());
}

/**
 * Gives the main thread back for one turn: `scheduler.yield()` where it
 * exists (it keeps our place in the queue), else a message to ourselves,
 * which unlike a zero timeout is not clamped to 4 ms when nested.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield
    ? scheduler.yield()
    : new Promise((resolve) => {
        const { port1, port2 } = new MessageChannel();
        // Closed once used, so the channel leaves nothing alive behind it.
        port1.onmessage = () => resolve(port1.close());
        port2.postMessage(0);
      });
}

/** Characters per slice of {@link parseJson}: about 5 ms of `JSON.parse` on a laptop. */
const PIECE = 65_536;
/** Stands in for the sliced-out records in the envelope; no manifest holds it. */
const HOLE = '\uE000readnext';

/**
 * `JSON.parse(text)` in slices when `text` is large (past about 64 KB). A
 * 10k-article manifest from `readnext build` is about 7 MB, and parsing it
 * in one go takes about 55 ms here. The
 * records of its largest array are cut at `},{"` (objects: articles, JSON
 * Feed items) or `],["` (arrays: a prebuilt index's terms), each slice
 * parsed alone, and the rest (the envelope) with a placeholder where they
 * were. A cut inside a string or a nested value makes some slice invalid
 * JSON, so any doubt ends in one plain `JSON.parse`, which also reports the
 * error of a broken document.
 */
export async function parseJson(text: string): Promise<unknown> {
  text = text.replace(/^\uFEFF/, '');
  const sep = text.includes('},{"') ? '},{"' : '],["';
  const cuts: number[] = [];
  // Cut at the first and the last record too, so the envelope holds two
  // records, not two slices' worth. A repeated cut makes an empty slice.
  for (let at = text.indexOf(sep); at > 0; at = text.indexOf(sep, at + PIECE)) cuts.push(at);
  cuts.push(text.lastIndexOf(sep));
  if (cuts.length > 2) {
    try {
      const records: unknown[] = [];
      let k = 0;
      await sliced(() => {
        records.push(...(JSON.parse(`[${text.slice(cuts[k]! + 2, cuts[++k]! + 1)}]`) as unknown[]));
        return k == cuts.length - 1;
      });
      // The records go back in place of the placeholder: into the first
      // array holding it, looked for level by level from the top (the list
      // of records is at the top or one level down in every format read
      // here). No reviver: JSON.parse with one is about ten times slower per
      // byte, and a prebuilt index's envelope (its ids and field lengths
      // before the first term) is 0.4 MB at 10k articles: a 40-60 ms task.
      const levels: Json[] = [[JSON.parse(`${text.slice(0, cuts[0]! + 1)},"${HOLE}"${text.slice(cuts[k]! + 1)}`)] as unknown as Json];
      for (const parent of levels) {
        for (const key of Object.keys(parent)) {
          const value = parent[key];
          const at = isArray(value) ? value.indexOf(HOLE) : -1;
          if (at >= 0) {
            parent[key] = [...(value as unknown[]).slice(0, at), ...records, ...(value as unknown[]).slice(at + 1)];
            return levels[0]![0];
          }
          if (value && typeof value == 'object') levels.push(value as Json);
        }
      }
    } catch {
      // Not cut where records meet: parse it whole.
    }
  }
  return JSON.parse(text);
}
