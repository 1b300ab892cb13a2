/**
 * Relevance you can measure. The metrics are pure functions over ranked lists
 * so anyone can recompute them from `eval --out`; `evaluate()` runs exactly
 * what a reader gets: label removed, the publisher's build step, the widget's
 * catalogue and default options, one related() call per article.
 */
import { buildManifest, type BuildOptions, type Manifest } from './build.js';
import { Catalog } from './catalog.js';
import { isObject } from './json.js';
import { normalizeManifest } from './normalize.js';
import type { RelatedOptionsInput } from './options.js';
import { related } from './related.js';

/** Ranked lists by article id, each in rank order. */
export type RankedLists = ReadonlyMap<string, readonly string[]>;

/**
 * Mean over labelled articles of (items in the top k sharing the article's
 * label) / k, dividing by k even when fewer than k came back.
 */
export function precisionAtK(lists: RankedLists, labels: ReadonlyMap<string, string>, k: number): number {
  let sum = 0;
  let n = 0;
  for (const [id, list] of lists) {
    const label = labels.get(id);
    if (label === undefined) continue;
    sum += list.slice(0, k).filter((other) => labels.get(other) === label).length / k;
    n++;
  }
  return n === 0 ? 0 : sum / n;
}

/**
 * Mean nDCG@k with binary gains (same label = 1). The ideal list has
 * min(k, other articles with the label) relevant items; articles whose label
 * nothing else shares are skipped, as no list could score there.
 */
export function ndcgAtK(lists: RankedLists, labels: ReadonlyMap<string, string>, k: number): number {
  const perLabel = new Map<string, number>();
  for (const label of labels.values()) perLabel.set(label, (perLabel.get(label) ?? 0) + 1);
  const discount = (i: number) => 1 / Math.log2(i + 2);
  let sum = 0;
  let n = 0;
  for (const [id, list] of lists) {
    const label = labels.get(id);
    if (label === undefined) continue;
    const relevant = Math.min(k, (perLabel.get(label) ?? 1) - 1);
    if (relevant <= 0) continue;
    let dcg = 0;
    list.slice(0, k).forEach((other, i) => {
      if (labels.get(other) === label) dcg += discount(i);
    });
    let ideal = 0;
    for (let i = 0; i < relevant; i++) ideal += discount(i);
    sum += dcg / ideal;
    n++;
  }
  return n === 0 ? 0 : sum / n;
}

/** Share of the catalogue (of `total` articles) that appears in at least one list. */
export function coverage(lists: RankedLists, total: number): number {
  const seen = new Set<string>();
  for (const list of lists.values()) for (const id of list) seen.add(id);
  return total === 0 ? 0 : seen.size / total;
}

/**
 * Share of lists that show a duplicate of the current story, or two
 * duplicates of one story, by the caller's definition of duplicate.
 */
export function duplicateRate(lists: RankedLists, isDuplicate: (a: string, b: string) => boolean): number {
  if (lists.size === 0) return 0;
  let bad = 0;
  for (const [id, list] of lists) {
    const ids = [id, ...list];
    let found = false;
    for (let i = 0; i < ids.length && !found; i++) {
      for (let j = i + 1; j < ids.length && !found; j++) found = isDuplicate(ids[i]!, ids[j]!);
    }
    if (found) bad++;
  }
  return bad / lists.size;
}

/** Lowercase word shingles of `size` consecutive words. */
export function shingles(text: string, size = 5): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  if (words.length > 0 && words.length < size) out.add(words.join(' '));
  for (let i = 0; i + size <= words.length; i++) out.add(words.slice(i, i + size).join(' '));
  return out;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

export interface DuplicateText {
  id: string;
  title: string;
  /** Title, summary and body together. */
  text: string;
}

/**
 * The eval's own duplicate test, independent of the ranker's: equal titles
 * (trimmed, case-insensitive), or Jaccard ≥ `minJaccard` (0.8) between the
 * 5-word shingles of title + summary + body.
 */
export function duplicateTest(docs: readonly DuplicateText[], minJaccard = 0.8): (a: string, b: string) => boolean {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const sets = new Map<string, Set<string>>();
  const shingled = (id: string) => {
    let s = sets.get(id);
    if (!s) sets.set(id, (s = shingles(byId.get(id)?.text ?? '')));
    return s;
  };
  return (a, b) => {
    if (a === b) return true;
    const da = byId.get(a);
    const db = byId.get(b);
    if (!da || !db) return false;
    if (da.title.trim().toLowerCase() === db.title.trim().toLowerCase()) return true;
    return jaccard(shingled(a), shingled(b)) >= minJaccard;
  };
}

/** Nearest-rank percentile (p in 0-100) of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export interface EvalOptions {
  /** Field of the input records holding the label (e.g. `section`); removed before the build. */
  label: string;
  /** Cut-off for precision and nDCG. Defaults to 5. */
  k?: number;
  /**
   * Rank each article as a page outside the manifest would be ranked: from
   * its title and summary only (the MiniSearch fallback), with the article
   * itself excluded. Defaults to false (each article as a manifest page).
   */
  pages?: boolean;
  /** Related options; defaults are the widget's, except `limit`, which defaults to `k`. */
  related?: RelatedOptionsInput;
  build?: BuildOptions;
  /** Measures the built manifest's compressed size (the CLI passes gzip); without it bytes are reported as 0. */
  compressedSize?: (json: string) => number;
  /** Clock for timing queries, in ms. Defaults to `performance.now`. */
  clock?: () => number;
  /**
   * Process CPU time in ms (the CLI passes `process.cpuUsage`). When given,
   * the report adds CPU-time percentiles, which other processes on a busy
   * machine do not inflate the way they inflate wall-clock time.
   */
  cpuClock?: () => number;
}

export interface EvalReport {
  articles: number;
  labelled: number;
  label: string;
  k: number;
  precision_at_k: number;
  ndcg_at_k: number;
  coverage: number;
  duplicate_rate: number;
  ms_per_query_p50: number;
  ms_per_query_p95: number;
  gzip_bytes_per_article: number;
  /** CPU time per query (only with `cpuClock`); wall-clock above is the target. */
  cpu_ms_per_query_p50?: number;
  cpu_ms_per_query_p95?: number;
  /**
   * Time of one untimed first related() call, which builds whatever index
   * ranking needs: none for a built manifest (neighbours), MiniSearch's for
   * `pages` or a manifest without `near`.
   */
  index_ms: number;
  /** Lists that needed items filled from popular. */
  filled_lists: number;
}

export interface EvalResult {
  report: EvalReport;
  lists: Map<string, string[]>;
  manifest: Manifest;
}

/** Runs the build and ranks every article, as the widget would, and scores the lists. */
export function evaluate(input: unknown, options: EvalOptions): EvalResult {
  const k = Math.max(1, Math.round(options.k ?? 5));
  const clock = options.clock ?? (() => performance.now());
  const { records, rebuild } = splitRecords(input);

  // Labels and duplicate texts come from the raw records; the label is then
  // removed so nothing the ranker sees can carry it.
  const labels = new Map<string, string>();
  const texts: DuplicateText[] = [];
  const stripped = records.map((record) => {
    if (!isObject(record)) return record;
    const id = typeof record.id === 'number' || typeof record.id === 'string' ? String(record.id).trim() : undefined;
    const label = record[options.label];
    if (id !== undefined && (typeof label === 'string' || typeof label === 'number') && String(label) !== '') labels.set(id, String(label));
    if (id !== undefined) {
      const str = (v: unknown) => (typeof v === 'string' ? v : '');
      texts.push({ id, title: str(record.title), text: [str(record.title), str(record.summary), str(record.body)].join(' ') });
    }
    const { [options.label]: _drop, ...rest } = record;
    return rest;
  });

  // The build a publisher runs with the CLI: the same compressor enforces the byte budget.
  const { manifest } = buildManifest(rebuild(stripped), { ...(options.compressedSize && { compressedSize: options.compressedSize }), ...options.build });
  const json = JSON.stringify(manifest);
  const bytes = options.compressedSize ? options.compressedSize(json) : 0;

  // What the widget does: parse the hosted manifest, build the catalogue (and any index) once.
  const { articles } = normalizeManifest(JSON.parse(json));
  const catalog = new Catalog(articles);
  const relatedOptions = { limit: k, ...options.related };
  const rank = (article: (typeof articles)[number]) =>
    options.pages
      ? related(catalog, { title: article.title, ...(article.summary && { description: article.summary }) }, { ...relatedOptions, exclude: { ...relatedOptions.exclude, ids: [...(relatedOptions.exclude?.ids ?? []), article.id] } })
      : related(catalog, article, relatedOptions);
  const t0 = clock();
  if (articles[0]) rank(articles[0]);
  const indexMs = clock() - t0;

  const lists = new Map<string, string[]>();
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const cpu = options.cpuClock;
  let filledLists = 0;
  for (const article of articles) {
    const cpuStart = cpu?.() ?? 0;
    const start = clock();
    const result = rank(article);
    times.push(clock() - start);
    if (cpu) cpuTimes.push(cpu() - cpuStart);
    if (result.filled > 0) filledLists++;
    lists.set(article.id, result.items.map((item) => item.article.id));
  }

  const report: EvalReport = {
    articles: articles.length,
    labelled: articles.filter((a) => labels.has(a.id)).length,
    label: options.label,
    k,
    precision_at_k: precisionAtK(lists, labels, k),
    ndcg_at_k: ndcgAtK(lists, labels, k),
    coverage: coverage(lists, articles.length),
    duplicate_rate: duplicateRate(lists, duplicateTest(texts)),
    ms_per_query_p50: percentile(times, 50),
    ms_per_query_p95: percentile(times, 95),
    ...(cpu && { cpu_ms_per_query_p50: percentile(cpuTimes, 50), cpu_ms_per_query_p95: percentile(cpuTimes, 95) }),
    gzip_bytes_per_article: articles.length === 0 ? 0 : bytes / articles.length,
    index_ms: indexMs,
    filled_lists: filledLists,
  };
  return { report, lists, manifest };
}

/** The input's article records, and how to put changed records back in the same document shape. */
function splitRecords(input: unknown): { records: unknown[]; rebuild: (records: unknown[]) => unknown } {
  if (Array.isArray(input)) return { records: input, rebuild: (r) => r };
  if (isObject(input)) {
    if (Array.isArray(input.articles)) return { records: input.articles, rebuild: (r) => ({ ...input, articles: r }) };
    if (Array.isArray(input.items)) return { records: input.items, rebuild: (r) => ({ ...input, items: r }) };
  }
  return { records: [], rebuild: () => input };
}
