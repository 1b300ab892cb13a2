/**
 * `readnext build --precompute DIR` and `--index FILE`: the offline half of
 * the scale story. Every article's nearest neighbours are searched here
 * (exact cosine over the core's vector index, the all-pairs half) and every
 * related list ranked from them with the same core the widget runs, both in
 * worker threads across all cores, and written as small sharded JSON files a
 * CDN serves; the element fetches only its own shard. Term statistics are
 * frozen in the output directory, so reruns after additions search and rank
 * only what can change, and slices (`--shard I/N`) split the ranking across
 * machines. docs/precompute.md explains the format and the rules.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Catalog } from '../core/catalog.js';
import { NEAR_DEFAULTS, type NearOptions } from '../core/neighbours.js';
import { resolveRelatedOptions, type FieldWeights, type PopularWindow, type RelatedOptions } from '../core/options.js';
import { popular } from '../core/popular.js';
import { createIndex } from '../core/catalog.js';
import {
  defaultShardCount,
  displayItem,
  PRECOMPUTE_VERSION,
  SHARD_HASH,
  shardFileName,
  shardOf,
  type DisplayItem,
  type PrecomputeMeta,
  type ShardFile,
} from '../core/shard.js';
import type { Article, Labels, WeightedTerm } from '../core/types.js';
import { VectorIndex, type TermStats } from '../core/vector-index.js';
import {
  nearest,
  rankJobs,
  setNear,
  type JobResult,
  type NearResult,
  type NearTable,
  type WorkerInit,
  type WorkerRequest,
  type WorkerResponse,
} from './precompute-worker.js';

export interface PrecomputeOptions {
  /** Output directory; created when missing. Holds `meta.json`, `term-stats.json`, `shards/` and the rerun cache. */
  dir: string;
  /** The manifest's label sets, copied into meta.json for pages that load no manifest. */
  labels?: Labels;
  /**
   * Number of shard files. Defaults to {@link defaultShardCount}: the smallest
   * power of two with at most 200 entries per shard on average.
   */
  shards?: number;
  /** Items per related list and per popular list. Defaults to 5. */
  limit?: number;
  /** The clock, in epoch ms: popular windows (and any time-based related option) are relative to it. */
  now: number;
  /** Ranking options for every related list (`limit` and `now` come from above). Defaults to the core's. */
  relatedOptions?: Partial<RelatedOptions>;
  /** Neighbours searched per article, what lists are ranked from. Defaults to `NEAR_DEFAULTS.k` (as `build` writes). */
  near?: number;
  /**
   * Where the neighbour lists come from. `'search'` (the default): searched
   * here over the articles' own text, with the term statistics frozen in
   * `DIR/term-stats.json`. `'input'`: each article's `near`, as a built
   * manifest carries it, so every list is exactly what the widget ranks from
   * that manifest and nothing is searched (`readnext build` passes this: its
   * build step has searched them already). `near` and the term statistics
   * are then unused.
   */
  neighbours?: 'search' | 'input';
  /**
   * Threads to work in, this one included (it takes batches too, so `n`
   * starts `n - 1` workers). Defaults to `os.availableParallelism()`. 0 or
   * 1 works in this thread alone (small catalogues, debugging).
   */
  workers?: number;
  /**
   * Compute only the shard files `s` with `s % count === index`, so slices run
   * on different machines never write the same file and merging them is
   * copying directories (`meta.json` and `term-stats.json` are identical in
   * every slice). Every slice searches every article's neighbours.
   */
  slice?: { index: number; count: number };
  /** Compute the term statistics from this catalogue even when `DIR/term-stats.json` could be reused. */
  refreshStats?: boolean;
  /**
   * How far (a fraction) the catalogue size may move from the size the
   * frozen statistics were computed at before they are refreshed anyway.
   * Defaults to 0.1.
   */
  statsTolerance?: number;
  /** Called as work is done: `phase` is the neighbour search or the ranking, `total` the items in it this run. */
  onProgress?: (done: number, total: number, phase: 'near' | 'rank') => void;
}

export interface PrecomputeResult {
  /** Files written (shards, `meta.json` and `term-stats.json` whose bytes changed). */
  written: number;
  /** Related lists ranked this run. */
  computed: number;
  /** Related lists taken from the previous run's cache. */
  reused: number;
  /** Neighbour lists searched this run (of every article, not only this slice's). */
  searched: number;
  /** Shard count. */
  shards: number;
  /** Whether the term statistics were reused from `DIR/term-stats.json` or computed from this catalogue (`none`: neighbours from the input). */
  stats: 'frozen' | 'fresh' | 'none';
  /**
   * Why work was redone: `none`, `changed` (some articles), or a reason for
   * searching every neighbour list again: no cache, different options,
   * fresh statistics, or an article's text changed, removed or reordered.
   */
  recompute: 'none' | 'changed' | 'no-cache' | 'options' | 'stats' | 'corpus';
}

/** Cache file format version; bump when a rule or the cache layout changes. */
const CACHE_VERSION = 2;
/** Stats file format version. */
const STATS_VERSION = 1;
/** Articles per batch sent to a worker: large enough to amortise messages, small enough to balance. */
const BATCH = 200;
const WINDOWS: readonly PopularWindow[] = ['24h', '7d', '30d', 'all'];
/** Scores are sums in one order on both sides; the margin only guards the comparison. */
const EPSILON = 1e-9;

interface CacheEntry {
  ids: string[];
  filled: number;
}

interface Cache {
  version: typeof CACHE_VERSION;
  /** Ranking code, options, neighbour count and field weights: any change means every list may change. */
  context: string;
  /** Hash of the term statistics the neighbour search used. */
  stats: string;
  /** Every article's id, in order. */
  ids: string[];
  /** Per article: hash of the text its vector is made of. */
  texts: string[];
  /** Per article: hash of every field the ranker reads, except `near` (see {@link rankFingerprint}). */
  fingerprints: string[];
  /** Ids of `noindex` articles (they are never anyone's neighbour). */
  noindex: string[];
  /** Per article: neighbour ids, similarities × 1000, and the search bound (null: Infinity). */
  near: [string[], number[], number | null][];
  /** This slice's lists, by article id. */
  entries: Record<string, CacheEntry>;
}

/**
 * Searches every article's neighbours, ranks this slice's related lists from
 * them and writes `DIR/meta.json`, `DIR/term-stats.json` and the slice's
 * shard files; reuses the previous run's neighbours and lists where they
 * provably cannot have changed. Output bytes depend only on the input, the
 * options, the slice and the term statistics, never on the cache, worker
 * count or timing.
 */
export async function precompute(articles: readonly Article[], options: PrecomputeOptions): Promise<PrecomputeResult> {
  const limit = resolveRelatedOptions({ limit: options.limit ?? options.relatedOptions?.limit }).limit;
  const shards = options.shards ?? defaultShardCount(articles.length);
  const slice = options.slice ?? { index: 0, count: 1 };
  const k = Math.max(0, Math.round(options.near ?? NEAR_DEFAULTS.k));
  if (!Number.isInteger(shards) || shards < 1) throw new RangeError(`shards must be a positive integer, got ${shards}`);
  if (!Number.isInteger(slice.count) || slice.count < 1 || !Number.isInteger(slice.index) || slice.index < 0 || slice.index >= slice.count) {
    throw new RangeError(`slice must be I/N with 0 <= I < N, got ${slice.index}/${slice.count}`);
  }
  const relatedOptions: Partial<RelatedOptions> = { ...options.relatedOptions, limit, now: options.now };
  const resolved = resolveRelatedOptions(relatedOptions);
  const weights = resolved.fieldWeights;
  const catalog = new Catalog(articles);

  // Which articles this slice owns, by shard; the first of two articles with one canonical URL keeps the key.
  const owned = new Map<number, number[]>();
  const seen = new Set<string>();
  const targets: number[] = [];
  articles.forEach((article, i) => {
    if (seen.has(article.canonicalUrl)) return;
    seen.add(article.canonicalUrl);
    const s = shardOf(article.canonicalUrl, shards);
    if (s % slice.count !== slice.index) return;
    targets.push(i);
    const list = owned.get(s) ?? [];
    list.push(i);
    owned.set(s, list);
  });

  await mkdir(join(options.dir, 'shards'), { recursive: true });
  let written = 0;
  const given = options.neighbours === 'input';
  const statsFile = join(options.dir, 'term-stats.json');
  // Input neighbours: no search, so no statistics (a file from a searching run is left alone).
  const { stats, text: statsText, index: fromScratch } = given ? { stats: undefined, text: 'input', index: undefined } : await loadStats(statsFile, articles, weights, options);
  const fresh = fromScratch !== undefined;
  if (!given && (await writeIfChanged(statsFile, statsText))) written++;

  const cacheFile = join(options.dir, slice.count === 1 ? '.readnext-cache.json' : `.readnext-cache-${slice.index}-of-${slice.count}.json`);
  const context = await contextKey(relatedOptions, given ? 'input' : k);
  const statsKey = sha(statsText);
  const ids = articles.map((a) => a.id);
  const texts = articles.map(textKey);
  const fingerprints = articles.map(rankFingerprint);
  const previous = await readCache(cacheFile);
  // Built only when something must be searched: a rerun with nothing new skips it.
  let built: VectorIndex | undefined = fromScratch;
  const index = () => (built ??= new VectorIndex(articles, weights, { ...(stats && { stats }), shared: true }));
  const near: NearResult[] = new Array(articles.length);

  // 1. Neighbours: the input's, or reuse, or search again (rule in docs/precompute.md).
  const nearPlan = given ? inputNear(articles, near, previous, context) : planNear(articles, index, texts, previous, context, statsKey);
  const table = nearTable(articles.length);
  if (nearPlan.reuse) {
    const position = new Map(ids.map((id, i) => [id, i]));
    articles.forEach((a, i) => {
      const old = nearPlan.reuse!.get(a.id);
      if (old === undefined || nearPlan.jobs.has(i)) return;
      const [nearIds, milli, bound] = previous!.near[old]!;
      near[i] = { index: i, docs: nearIds.map((id) => position.get(id)!), milli, bound: bound ?? Infinity };
    });
  }

  // With the input's neighbours this thread ranks over the catalogue as given: its `near` is the table.
  const pool = new Pool(articles, relatedOptions, weights, index, k, options.workers ?? availableParallelism(), given ? catalog : undefined);
  try {
    const nearJobs = [...nearPlan.jobs].sort((a, b) => a - b);
    for (const r of await pool.near(nearJobs, (done, total) => options.onProgress?.(done, total, 'near'))) near[r.index] = r;
    fillTable(table, near);

    // 2. Related lists: reuse, or rank again from the neighbours.
    const rankPlan = planRank(articles, targets, ids, fingerprints, near, previous, context, limit, resolved);
    const lists = new Map<number, CacheEntry>();
    for (const i of targets) if (!rankPlan.has(i)) lists.set(i, previous!.entries[articles[i]!.id]!);
    const rankJobsList = [...rankPlan].sort((a, b) => a - b);
    if (rankJobsList.length > 0) await pool.setNear(table);
    for (const r of await pool.rank(rankJobsList, (done, total) => options.onProgress?.(done, total, 'rank'))) lists.set(r.index, { ids: r.ids, filled: r.filled });

    const meta: PrecomputeMeta = {
      version: PRECOMPUTE_VERSION,
      shards,
      hash: SHARD_HASH,
      limit,
      popular: Object.fromEntries(
        WINDOWS.map((window) => [window, popular(catalog, { window, now: options.now, limit }).items.map((item) => displayItem(item.article))]),
      ) as Record<PopularWindow, DisplayItem[]>,
      ...(options.labels && { labels: options.labels }),
    };
    if (await writeIfChanged(join(options.dir, 'meta.json'), JSON.stringify(meta))) written++;

    const display = new Map<string, DisplayItem>();
    const item = (id: string): DisplayItem => {
      let d = display.get(id);
      if (!d) {
        d = displayItem(catalog.getById(id)!);
        display.set(id, d);
      }
      return d;
    };
    for (let s = slice.index; s < shards; s += slice.count) {
      const entries = [...(owned.get(s) ?? [])].sort((a, b) => (articles[a]!.canonicalUrl < articles[b]!.canonicalUrl ? -1 : 1));
      const file: ShardFile = {};
      for (const i of entries) {
        const article = articles[i]!;
        file[article.canonicalUrl] = { id: article.id, related: lists.get(i)!.ids.map(item) };
      }
      if (await writeIfChanged(join(options.dir, shardFileName(s, shards)), JSON.stringify(file))) written++;
    }
    await removeStaleShards(options.dir, shards);

    const cache: Cache = {
      version: CACHE_VERSION,
      context,
      stats: statsKey,
      ids,
      texts,
      fingerprints,
      noindex: articles.filter((a) => a.noindex).map((a) => a.id),
      near: near.map((n) => [n.docs.map((d) => ids[d]!), n.milli, Number.isFinite(n.bound) ? n.bound : null]),
      entries: {},
    };
    for (const i of targets) cache.entries[articles[i]!.id] = lists.get(i)!;
    await writeFile(cacheFile + '.tmp', JSON.stringify(cache));
    await rename(cacheFile + '.tmp', cacheFile);

    return {
      written,
      computed: rankJobsList.length,
      reused: targets.length - rankJobsList.length,
      searched: nearJobs.length,
      shards,
      stats: given ? 'none' : fresh ? 'fresh' : 'frozen',
      recompute: nearPlan.reason === 'changed' && nearJobs.length === 0 && rankJobsList.length === 0 ? 'none' : nearPlan.reason,
    };
  } finally {
    await pool.close();
  }
}

/**
 * `computeNear(articles, options)`, the same lists, searched across worker
 * threads over one shared index: the build step's neighbour search for
 * `readnext build` (`prepareBuild(...).vectors()`). The threads get only
 * ids and `noindex` flags; the text is in the index.
 */
export async function searchNeighbours(
  articles: readonly Article[],
  options: NearOptions & { workers?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<[number, number][][]> {
  const k = Math.max(0, Math.round(options.k ?? NEAR_DEFAULTS.k));
  if (k === 0) return articles.map(() => []);
  const weights = resolveRelatedOptions({ fieldWeights: options.fieldWeights ?? {} }).fieldWeights;
  const index = new VectorIndex(articles, weights, { shared: true });
  const slim = articles.map((a): Article => ({ id: a.id, url: a.url, canonicalUrl: a.canonicalUrl, title: '', tags: [], keywords: [], ...(a.noindex && { noindex: true }) }));
  const pool = new Pool(slim, {}, weights, () => index, k, options.workers ?? availableParallelism());
  try {
    const results = await pool.near([...articles.keys()], options.onProgress);
    return results.map((r) => r.docs.map((doc, j): [number, number] => [doc, r.milli[j]! / 1000]));
  } finally {
    await pool.close();
  }
}

/** Writes the prebuilt MiniSearch index the widget can load instead of indexing in the browser. */
export async function writeIndex(articles: readonly Article[], file: string): Promise<void> {
  await writeFile(file, JSON.stringify(createIndex(articles)));
}

/**
 * The term statistics: `DIR/term-stats.json` when it exists, was computed
 * with the same field weights, and the catalogue size is within
 * `statsTolerance` of the size it was computed at (and `refreshStats` is
 * not set); otherwise this catalogue's own.
 */
async function loadStats(
  file: string,
  articles: readonly Article[],
  weights: Readonly<FieldWeights>,
  options: PrecomputeOptions,
): Promise<{ stats: TermStats; text: string; index?: VectorIndex }> {
  const key = weightsKey(weights);
  const tolerance = options.statsTolerance ?? 0.1;
  if (!options.refreshStats) {
    try {
      const text = await readFile(file, 'utf8');
      const saved = JSON.parse(text) as TermStats & { version: number; weights: string };
      if (
        saved.version === STATS_VERSION &&
        saved.weights === key &&
        Array.isArray(saved.terms) &&
        Array.isArray(saved.df) &&
        saved.n > 0 &&
        Math.abs(articles.length - saved.n) <= tolerance * saved.n
      ) {
        return { stats: { n: saved.n, terms: saved.terms, df: saved.df }, text };
      }
    } catch {
      // Missing or unreadable: compute.
    }
  }
  // Fresh statistics are the catalogue's own: build the index without a
  // snapshot (one pass over the text) and read them off it.
  const index = new VectorIndex(articles, weights, { shared: true });
  const stats = index.stats();
  return { stats, text: JSON.stringify({ version: STATS_VERSION, weights: key, ...stats }), index };
}

/**
 * Neighbours as the input carries them (`neighbours: 'input'`): every list
 * taken, none searched; the ranking plan compares them with the cache's.
 */
function inputNear(
  articles: readonly Article[],
  near: NearResult[],
  previous: Cache | undefined,
  context: string,
): { jobs: Set<number>; reason: PrecomputeResult['recompute']; reuse?: Map<string, number> } {
  articles.forEach((a, i) => {
    const list = a.near ?? [];
    near[i] = { index: i, docs: list.map((p) => p[0]), milli: list.map((p) => Math.round(p[1] * 1000)), bound: Infinity };
  });
  return { jobs: new Set(), reason: !previous ? 'no-cache' : previous.context !== context ? 'options' : 'changed' };
}

/**
 * Which neighbour lists must be searched again (docs/precompute.md).
 * Everything when there is no usable cache, the options or the term
 * statistics changed, or an article was removed, reordered or had its text
 * changed. Otherwise the only changes are added articles and changed
 * `noindex` flags, set D; every other vector is unchanged (frozen
 * statistics), and an article's list can change only if an article of D
 * scores at least its bound (the last score its search looked at), which one
 * search per article of D finds out exactly.
 */
function planNear(
  articles: readonly Article[],
  index: () => VectorIndex,
  texts: readonly string[],
  previous: Cache | undefined,
  context: string,
  statsKey: string,
): { jobs: Set<number>; reason: PrecomputeResult['recompute']; reuse?: Map<string, number> } {
  const all = (reason: PrecomputeResult['recompute']) => ({ jobs: new Set(articles.keys()), reason });
  if (!previous) return all('no-cache');
  if (previous.context !== context) return all('options');
  if (previous.stats !== statsKey) return all('stats');
  const before = new Map(previous.ids.map((id, i) => [id, i]));
  const wasNoindex = new Set(previous.noindex);
  const reuse = new Map<string, number>();
  const changed: number[] = [];
  let last = -1;
  for (const [i, article] of articles.entries()) {
    const old = before.get(article.id);
    if (old === undefined) {
      changed.push(i);
      continue;
    }
    // Positions break score ties, so surviving articles must keep their order.
    if (old <= last || previous.texts[old] !== texts[i]) return all('corpus');
    last = old;
    reuse.set(article.id, old);
    if (wasNoindex.has(article.id) !== !!article.noindex) changed.push(i);
  }
  if (reuse.size !== previous.ids.length) return all('corpus');
  const jobs = new Set<number>();
  if (changed.length > 0) {
    const best = index().maxScores(changed.map((i) => index().vectors[i]!));
    for (const i of changed) if (!before.has(articles[i]!.id)) jobs.add(i);
    articles.forEach((article, i) => {
      const old = reuse.get(article.id);
      const bound = old === undefined ? null : previous.near[old]![2];
      if (bound !== null && best[i]! > 0 && best[i]! >= bound - EPSILON) jobs.add(i);
    });
  }
  return { jobs, reason: 'changed', reuse };
}

/**
 * Which of `targets` must be ranked again. A list reads the article's
 * fields and neighbours, its neighbours' fields, the similarity of any two
 * of them (each pair's from either one's neighbour list), and, when it was
 * filled from popular or came up short, every article's views and dates.
 * So with the same context a list is ranked again when the article's fields
 * or neighbour list changed, a neighbour's fields changed, a neighbour's
 * list changed for another member of the set, or anything changed and the
 * list reached into popular. Options naming other articles (`recent`,
 * `pinned`) or scaling by the catalogue's views (`popularityWeight`) make
 * every list depend on every article.
 */
function planRank(
  articles: readonly Article[],
  targets: readonly number[],
  ids: readonly string[],
  fingerprints: readonly string[],
  near: readonly NearResult[],
  previous: Cache | undefined,
  context: string,
  limit: number,
  o: RelatedOptions,
): Set<number> {
  if (!previous || previous.context !== context) return new Set(targets);
  const before = new Map(previous.ids.map((id, i) => [id, i]));
  const fields = new Set<string>();
  // Per article whose neighbour list changed: the articles whose similarity to it changed.
  const pairs = new Map<string, Set<string>>();
  articles.forEach((a, i) => {
    const old = before.get(a.id);
    if (old === undefined || previous.fingerprints[old] !== fingerprints[i]) fields.add(a.id);
    const was = new Map<string, number>();
    if (old !== undefined) previous.near[old]![0].forEach((id, j) => was.set(id, previous.near[old]![1][j]!));
    const diff = new Set<string>();
    near[i]!.docs.forEach((d, j) => {
      if (was.get(ids[d]!) !== near[i]!.milli[j]) diff.add(ids[d]!);
      was.delete(ids[d]!);
    });
    for (const id of was.keys()) diff.add(id);
    if (diff.size > 0) pairs.set(a.id, diff);
  });
  const anything = fields.size > 0 || pairs.size > 0 || before.size !== articles.length;
  if (!anything) return new Set();
  if (o.recent.length > 0 || o.pinned.length > 0 || o.popularityWeight > 0) return new Set(targets);
  const jobs = new Set<number>();
  for (const i of targets) {
    const id = ids[i]!;
    const entry = previous.entries[id];
    const members = new Set([id, ...near[i]!.docs.map((d) => ids[d]!)]);
    const touched = (m: string) => fields.has(m) || [...(pairs.get(m) ?? [])].some((other) => members.has(other));
    if (!entry || pairs.has(id) || entry.filled > 0 || entry.ids.length < limit || [...members].some(touched)) jobs.add(i);
  }
  return jobs;
}

function nearTable(n: number): NearTable {
  return { start: new Int32Array(n + 1), docs: new Int32Array(0), milli: new Int32Array(0) };
}

function fillTable(table: NearTable, near: readonly NearResult[]): void {
  let total = 0;
  near.forEach((r, i) => {
    total += r.docs.length;
    table.start[i + 1] = total;
  });
  table.docs = new Int32Array(total);
  table.milli = new Int32Array(total);
  near.forEach((r, i) => {
    table.docs.set(r.docs, table.start[i]!);
    table.milli.set(r.milli, table.start[i]!);
  });
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

const weightsKey = (w: Readonly<FieldWeights>) => `${w.title} ${w.summary} ${w.tags} ${w.keywords}`;

/**
 * Keywords as the vector and the ranker read them: membership only (the
 * build's weights and order move with every article added to the corpus;
 * a tripwire test checks that the ranker ignores them).
 */
const keywordSet = (a: Article) => a.keywords.map(([term]) => term).sort();

/** The text an article's vector is made of. */
function textKey(a: Article): string {
  return sha(JSON.stringify([a.title, a.summary, a.tags, keywordSet(a)])).slice(0, 32);
}

/**
 * Every field the ranker reads from an article except `near` (compared
 * separately, as ids): all but the display-only `url` (its canonical form is
 * kept), `image` and `author`, with keywords as a set. A test checks that
 * the ranker ignores those three and keyword order and weights.
 */
function rankFingerprint(article: Article): string {
  const { url: _url, image: _image, author: _author, near: _near, keywords: _keywords, ...rest } = article;
  return sha(JSON.stringify([rest, keywordSet(article)])).slice(0, 32);
}

/**
 * The ranking code, the options, the neighbour count and the cache format.
 * `now` counts only when an option makes related lists depend on the clock
 * (a test checks that they do not otherwise), so a daily rerun can reuse
 * yesterday's lists.
 */
async function contextKey(relatedOptions: Partial<RelatedOptions>, k: number | 'input'): Promise<string> {
  const resolved: Partial<RelatedOptions> = resolveRelatedOptions(relatedOptions);
  if (!(resolved.maxAgeDays! > 0 || resolved.recencyHalfLifeDays! > 0)) delete resolved.now;
  return sha(JSON.stringify([CACHE_VERSION, PRECOMPUTE_VERSION, await codeFingerprint(), resolved, k]));
}

let codeHash: Promise<string> | undefined;

/**
 * Hash of the core's source files and the worker's, as installed (`.ts` in
 * dev, `.js` built): the neighbour search and the ranker.
 */
function codeFingerprint(): Promise<string> {
  codeHash ??= (async () => {
    const hash = createHash('sha256');
    for (const [folder, only] of [['../core/', /\.(ts|js)$/], ['./', /^precompute-worker\.(ts|js)$/]] as const) {
      const dir = fileURLToPath(new URL(folder, import.meta.url));
      for (const name of (await readdir(dir)).filter((n) => only.test(n)).sort()) {
        hash.update(name + '\n').update(await readFile(join(dir, name)));
      }
    }
    return hash.digest('hex');
  })();
  return codeHash;
}

async function readCache(file: string): Promise<Cache | undefined> {
  try {
    const cache = JSON.parse(await readFile(file, 'utf8')) as Cache;
    return cache.version === CACHE_VERSION && Array.isArray(cache.ids) && Array.isArray(cache.near) && cache.near.length === cache.ids.length && cache.entries && typeof cache.entries === 'object'
      ? cache
      : undefined;
  } catch {
    return undefined;
  }
}

/** Writes `text` unless the file already holds exactly it, so reruns touch (and a CDN sync uploads) only what changed. */
async function writeIfChanged(file: string, text: string): Promise<boolean> {
  try {
    if ((await readFile(file, 'utf8')) === text) return false;
  } catch {
    // Missing or unreadable: write it.
  }
  await writeFile(file, text);
  return true;
}

/** Removes shard files no current slice can own (left over from a different shard count). */
async function removeStaleShards(dir: string, shards: number): Promise<void> {
  const folder = join(dir, 'shards');
  for (const name of await readdir(folder)) {
    const match = /^(\d+)\.json$/.exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    if (index >= shards || shardFileName(index, shards) !== `shards/${name}`) await rm(join(folder, name));
  }
}

/**
 * Starts a worker on the entry beside this module: `precompute-worker.js` in
 * the built package; in dev (this file is `.ts`, run under tsx) a small
 * bootstrap that registers tsx in the new thread before importing the `.ts`
 * entry, because Node 20 does not apply `--import tsx` loader hooks to a
 * worker's own entry file.
 */
function startWorker(init: WorkerInit): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./precompute-worker.js', import.meta.url), { workerData: init });
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./precompute-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: init });
}

/**
 * A copy of `articles` for the precompute, small: each distinct tag and
 * section string stored once, and keywords as one shared `[term, 1]` pair
 * per distinct term. Keyword lists are most of an article's memory (60 or
 * more pairs each), and nothing downstream of the build reads their
 * weights or order: the ranker reads membership (a tripwire test fails if
 * that changes), the rerun cache hashes the set. Workers get clones of what
 * the caller passes (structured cloning keeps shared objects shared), so a
 * caller holding a large catalogue should compact it and drop the original,
 * as `build` does. The ranker never mutates articles.
 */
export function compactArticles(articles: readonly Article[]): Article[] {
  const strings = new Map<string, string>();
  const pairs = new Map<string, WeightedTerm>();
  const intern = (s: string) => strings.get(s) ?? (strings.set(s, s), s);
  const pair = (term: string) => pairs.get(term) ?? pairs.set(term, [intern(term), 1]).get(term)!;
  return articles.map((article) => ({
    ...article,
    ...(article.section !== undefined && { section: intern(article.section) }),
    tags: article.tags.map(intern),
    keywords: article.keywords.map(([term]) => pair(term)),
  }));
}

/**
 * The threads that search neighbours and rank lists: this one and `count -
 * 1` workers (none with 0 or 1). Each worker gets a compacted copy of the
 * catalogue without its input `near` (the lists ranked from are installed
 * from the table; structured cloning keeps shared strings and pairs
 * shared) and the main thread's index arrays, which live in shared memory:
 * no thread builds or copies an index of its own.
 */
class Pool {
  private readonly threads: Worker[] = [];
  private local?: Catalog;

  constructor(
    private readonly articles: readonly Article[],
    private readonly options: Partial<RelatedOptions>,
    private readonly weights: FieldWeights,
    private readonly index: () => VectorIndex,
    private readonly k: number,
    private readonly count: number,
    /** What this thread ranks over when the caller's articles already carry the neighbour table (otherwise a copy). */
    private readonly shared?: Catalog,
  ) {}

  /** Shallow copies without `near`, compacted (see {@link compactArticles}): each thread gets a clone of them. */
  private copies(): Article[] {
    return compactArticles(this.articles.map(({ near: _near, ...a }) => a));
  }

  /**
   * Starts the threads on first use: one fewer than `count`, since this
   * thread takes batches too (one catalogue copy and one heap fewer); with
   * the index only when they will search (a rerun may only rank).
   */
  private start(search = false): Worker[] {
    if (this.threads.length === 0 && this.count > 1) {
      const init: WorkerInit = {
        kind: 'readnext-precompute',
        articles: this.copies(),
        options: this.options,
        fieldWeights: this.weights,
        ...(search && { index: this.index().share() }),
        k: this.k,
      };
      for (let t = 1; t < Math.floor(this.count); t++) this.threads.push(startWorker(init));
    }
    return this.threads;
  }

  private inProcess(): Catalog {
    return this.shared ?? (this.local ??= new Catalog(this.copies()));
  }

  /**
   * Hands each batch to the next free thread, this one included; results in
   * job order. Each worker has two batches in flight, so it never waits
   * while this thread is busy with a batch of its own; this thread yields
   * between its batches to collect results and send more.
   */
  private async run<R extends { index: number }>(
    requests: WorkerRequest[],
    take: (response: WorkerResponse) => R[],
    here: (request: WorkerRequest) => R[],
    total: number,
    onProgress?: (done: number, total: number) => void,
    search = false,
  ): Promise<R[]> {
    const results: R[] = [];
    let next = 0;
    const done = (batch: R[]) => {
      results.push(...batch);
      onProgress?.(results.length, total);
    };
    const remote = this.start(search).map(
      (thread) =>
        new Promise<void>((resolve, reject) => {
          let pending = 0;
          const exit = (code: number) => reject(new Error(`precompute worker exited with code ${code}`));
          const send = () => {
            if (next < requests.length) {
              pending++;
              thread.postMessage(requests[next++]!);
            } else if (pending === 0) {
              thread.off('message', receive).off('error', reject).off('exit', exit);
              resolve();
            }
          };
          const receive = (response: WorkerResponse) => {
            if (response.type === 'error') return reject(new Error(`precompute worker: ${response.message}`));
            pending--;
            done(take(response));
            send();
          };
          thread.on('message', receive).on('error', reject).on('exit', exit);
          send();
          send();
        }),
    );
    const local = (async () => {
      while (next < requests.length) {
        done(here(requests[next++]!));
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await Promise.all([...remote, local]);
    return results.sort((a, b) => a.index - b.index);
  }

  async near(jobs: readonly number[], onProgress?: (done: number, total: number) => void): Promise<NearResult[]> {
    if (jobs.length === 0) return [];
    onProgress?.(0, jobs.length);
    return this.run(
      batches(jobs).map((b) => ({ type: 'near', jobs: b })),
      (r) => (r.type === 'near' ? r.results : []),
      (r) => (r.type === 'near' ? r.jobs.map((i) => nearest(this.index(), i, this.k)) : []),
      jobs.length,
      onProgress,
      true,
    );
  }

  async setNear(table: NearTable): Promise<void> {
    if (!this.shared) setNear(this.inProcess().articles, table);
    // Every thread needs every list: one message each, answered when installed.
    await Promise.all(
      this.start().map(
        (thread) =>
          new Promise<void>((resolve, reject) => {
            thread.once('message', (response: WorkerResponse) =>
              response.type === 'error' ? reject(new Error(`precompute worker: ${response.message}`)) : resolve(),
            );
            thread.postMessage({ type: 'set-near', table } satisfies WorkerRequest);
          }),
      ),
    );
  }

  async rank(jobs: readonly number[], onProgress?: (done: number, total: number) => void): Promise<JobResult[]> {
    if (jobs.length === 0) return [];
    onProgress?.(0, jobs.length);
    return this.run(
      batches(jobs).map((b) => ({ type: 'rank', jobs: b })),
      (r) => (r.type === 'rank' ? r.results : []),
      (r) => (r.type === 'rank' ? rankJobs(this.inProcess(), this.options, r.jobs) : []),
      jobs.length,
      onProgress,
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.terminate()));
  }
}

function batches(jobs: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let start = 0; start < jobs.length; start += BATCH) out.push(jobs.slice(start, start + BATCH));
  return out;
}
