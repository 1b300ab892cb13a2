/**
 * Fetching a JSON document (the manifest today; a prebuilt index or a shard
 * later) with a deadline, bounded retries and abort. Failures come back as the
 * core's `Problem` shape, never as exceptions, so one code path reports them.
 */
import type { Problem, ProblemCode } from '../core/types.js';

export interface FetchOptions {
  /** Aborts the request and any pending retry, e.g. when the last element using it leaves the page. */
  signal?: AbortSignal;
  /**
   * Gives up after this many milliseconds in total, retries included, so a
   * server that never answers costs the reader a bounded wait. Defaults to 10,000.
   */
  timeout?: number;
  /** Extra attempts after a network error or a 5xx response; a 4xx is final. Defaults to 2. */
  retries?: number;
  /** Delay before the first retry in ms; it doubles for each further one. Defaults to 400. */
  backoff?: number;
  /** Request headers, e.g. `If-None-Match` when a cache revalidates. Defaults to none. */
  headers?: Record<string, string>;
  /** The `fetch` to use (tests, or a host page's wrapper). Defaults to the global `fetch`. */
  fetch?: typeof fetch;
}

export const FETCH_DEFAULTS = Object.freeze({ timeout: 10_000, retries: 2, backoff: 400 });

/** A fetched document, or the one problem that stopped it. `aborted` marks a caller's abort, which is not an error to report. */
export type FetchOutcome<T> =
  | { ok: true; value: T; response: Response }
  | { ok: false; problem: Problem; aborted?: true };

/** A problem with a whole document (`index: -1`), in the shape normalisation uses. */
export const documentProblem = (code: ProblemCode, message: string, field = ''): Problem => ({ index: -1, field, code, message, level: 'error' });
const problem = documentProblem;

/** Fetches `url` as text. Never throws and never rejects. */
export async function fetchText(url: string, options: FetchOptions = {}): Promise<FetchOutcome<string>> {
  const { timeout = FETCH_DEFAULTS.timeout, retries = FETCH_DEFAULTS.retries, backoff = FETCH_DEFAULTS.backoff } = options;
  const outer = options.signal;
  const controller = new AbortController();
  const signal = controller.signal;
  let timedOut = false;
  const abort = (): void => controller.abort();
  const stopped = (): FetchOutcome<string> =>
    timedOut
      ? { ok: false, problem: problem('timeout', `no answer from ${url} within ${timeout} ms`) }
      : { ok: false, problem: problem('fetch-failed', `request for ${url} was aborted`), aborted: true };

  if (outer?.aborted) return stopped();
  outer?.addEventListener('abort', abort);
  const timer = setTimeout(() => {
    timedOut = true;
    abort();
  }, timeout);
  try {
    for (let attempt = 0; ; attempt++) {
      let failure: Problem;
      try {
        // A retry must reach the server: a cached error would only repeat itself.
        const init: RequestInit = { signal, ...(attempt > 0 && { cache: 'no-cache' }), ...(options.headers && { headers: options.headers }) };
        const response = await (options.fetch ? options.fetch(url, init) : fetch(url, init));
        // 304 answers a revalidation (see {@link cachedText}); its empty body is never parsed.
        if (response.ok || response.status == 304) return { ok: true, value: await response.text(), response };
        failure = problem('http-error', `HTTP ${response.status} for ${url}`);
        // A 4xx will not change on retry; a 5xx often does (deploys, cold caches).
        if (response.status < 500) return { ok: false, problem: failure };
      } catch (error) {
        if (signal.aborted) return stopped();
        failure = problem('fetch-failed', `could not fetch ${url}: ${String(error)}`);
      }
      if (attempt >= retries) return { ok: false, problem: failure };
      await sleep(backoff * 2 ** attempt, signal);
      if (signal.aborted) return stopped();
    }
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', abort);
  }
}

/** Fetches and parses a JSON document (through Cache Storage when `cache`). Never throws and never rejects. */
export async function fetchJson(url: string, options: FetchOptions = {}, cache?: boolean): Promise<FetchOutcome<unknown>> {
  const text = await cachedText(url, options, cache);
  if (!text.ok) return text;
  try {
    return { ok: true, value: JSON.parse(text.value) as unknown, response: text.response };
  } catch (error) {
    const type = text.response.headers.get('content-type') ?? 'no content type';
    return {
      ok: false,
      problem: problem('parse-error', `${url} is not valid JSON (${type}): ${String(error)}`),
    };
  }
}

/** Fetches the manifest at `url`: JSON, with the default deadline and retries. */
export const fetchManifest = fetchJson;

/** Cache Storage name; one per origin, shared by every manifest and index. */
export const CACHE_NAME = 'readnext';

/**
 * `url` as text. With `cache` (opt-in: storage on the reader's device needs
 * consent in places), a copy kept in Cache Storage is revalidated with
 * `If-None-Match`, so a returning reader downloads nothing when a 304 comes
 * back, and reads the copy when the network fails. Only responses with an
 * `ETag` are kept: without a validator every view would download anyway.
 * Without `cache`, or where Cache Storage is missing or throws (insecure
 * origins, some private modes), it is a plain {@link fetchText}: no storage
 * is touched.
 */
export async function cachedText(url: string, options: FetchOptions, cache?: boolean): Promise<FetchOutcome<string>> {
  let box: Cache | undefined;
  let old: Response | undefined;
  if (cache) {
    try {
      box = await caches.open(CACHE_NAME);
      old = await box.match(url);
    } catch {
      // No Cache Storage here: the network alone.
    }
  }
  const etag = old?.headers.get('etag');
  const got = await fetchText(url, etag ? { ...options, headers: { ...options.headers, 'if-none-match': etag } } : options);
  if (old && (got.ok ? got.response.status == 304 : !got.aborted)) {
    const value = await old.text().catch(() => undefined);
    if (value !== undefined) return { ok: true, value, response: old };
  }
  const fresh = got.ok && got.response.headers.get('etag');
  // Only the validator is kept: the body is stored decoded, so encoding headers would lie.
  if (box && fresh) box.put(url, new Response(got.value, { headers: { etag: fresh } })).catch(() => {});
  return got;
}

/** Resolves after `ms`, or as soon as `signal` aborts, leaving no timer behind. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
