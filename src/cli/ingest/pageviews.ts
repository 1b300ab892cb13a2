/**
 * Analytics exports (GA4, Plausible, Matomo, or any CSV with a page column
 * and a views column) to view counts per page, with 24 h / 7 d / 30 d
 * windows when the export has one row per day.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { canonicalUrl, safeUrl } from '../../core/url.js';
import { problem } from './common.js';
import { parseDateMs } from './date.js';
import { decodeBytes } from './read.js';
import type { IngestProblem, RawArticle } from './types.js';

export interface PageviewCounts {
  views: number;
  views24h?: number;
  views7d?: number;
  views30d?: number;
}

export interface PageviewsResult {
  /**
   * Counts keyed by page: a canonical URL (`https://…`) when the export
   * had full URLs, and always by path (`/news/story`, no trailing slash, no
   * query) so exports that only know paths still match.
   */
  byKey: Map<string, PageviewCounts>;
  problems: IngestProblem[];
}

/**
 * Header names, lower-cased, by role, most specific first. GA4 writes
 * "Page path and screen class" / "Page location" / "Views"; Plausible
 * "page" or "name" / "pageviews" / "visitors"; Matomo "Label" or "URL" /
 * "Nb Hits" / "Pageviews" / "Nb Visits".
 */
const PAGE_HEADERS = [
  'page location', 'full page url', 'url', 'page url', 'page_url', 'page path + query string',
  'page path and screen class', 'page path', 'pagepath', 'page', 'path', 'pathname', 'page_path', 'label', 'name',
];
const VIEW_HEADERS = [
  'views', 'screenpageviews', 'pageviews', 'page views', 'page_views', 'nb hits', 'nb_hits', 'hits', 'nb pageviews',
  'visitors', 'unique pageviews', 'nb visits', 'nb_visits', 'visits', 'sessions', 'users', 'total users', 'count',
];
const DATE_HEADERS = ['date', 'day', 'date_hour', 'datehour', 'timestamp', 'period'];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WINDOWS = [
  ['views24h', DAY],
  ['views7d', 7 * DAY],
  ['views30d', 30 * DAY],
] as const;

function findColumn(headers: string[], candidates: readonly string[]): number {
  const lower = headers.map((header) => header.trim().toLowerCase().replace(/^"|"$/g, ''));
  for (const candidate of candidates) {
    const index = lower.indexOf(candidate);
    if (index >= 0) return index;
  }
  return -1;
}

/** "1,234", "1 234", "1234.0" → 1234; blanks and dashes → undefined. */
function parseCount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const cleaned = value.trim().replace(/[\s,\u00a0'_]/g, '');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return undefined;
  return Math.round(Number(cleaned));
}

/** Path key: leading slash, no query or fragment, no trailing slash except for "/". */
export function pathKey(path: string): string {
  let value = path.trim().replace(/[?#].*$/, '');
  if (!value.startsWith('/')) value = '/' + value;
  try {
    value = decodeURI(value);
  } catch {
    // Malformed escapes: keep the path as written.
  }
  return value.length > 1 ? value.replace(/\/+$/, '') : value;
}

/** Matomo's and GA4's header block: comment lines and blank lines before the real header. */
function stripPreamble(text: string): string {
  const lines = text.split(/\r?\n/);
  let start = 0;
  while (start < lines.length && (/^\s*#/.test(lines[start]!) || !lines[start]!.trim())) start++;
  return lines.slice(start).join('\n');
}

function delimiterOf(headerLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, headerLine.split(d).length] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![0];
}

/** Day-granular dates (GA4 "20240102", "2024-01-02") cover the whole UTC day. */
function rowSpan(value: string): { start: number; end: number } | undefined {
  const text = value.trim();
  const start = parseDateMs(text);
  if (start === undefined) return undefined;
  if (/^\d{8}$|^\d{4}-\d{2}-\d{2}$/.test(text)) return { start, end: start + DAY };
  if (/^\d{10}$/.test(text)) return { start: parseDateMs(`${text.slice(0, 8)}T${text.slice(8)}:00:00Z`) ?? start, end: start + HOUR };
  return { start, end: start + 1 };
}

/**
 * Reads an analytics CSV export. The page column may hold paths or full
 * URLs; rows for the same page are summed. With a date column, `views24h`,
 * `views7d` and `views30d` count the rows whose day overlaps the window
 * ending at `now` (a day-level export cannot say which hours of a day fell
 * inside it, so a day that overlaps counts whole).
 */
export async function loadPageviews(file: string, options: { now?: number } = {}): Promise<PageviewsResult> {
  const now = options.now ?? Date.now();
  const problems: IngestProblem[] = [];
  const byKey = new Map<string, PageviewCounts>();
  const fail = (code: 'unreadable' | 'parse-error' | 'missing-field', message: string): PageviewsResult => {
    problems.push(problem({ source: file }, -1, 'document', code, `${file}: ${message}`, 'error'));
    return { byKey, problems };
  };

  let text: string;
  try {
    // Matomo exports UTF-16LE with a BOM; decodeBytes honours it.
    text = stripPreamble(decodeBytes(new Uint8Array(await readFile(file))).text);
  } catch (error) {
    return fail('unreadable', `cannot read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!text.trim()) return fail('missing-field', 'the file is empty');

  let rows: string[][];
  try {
    rows = parse(text, {
      delimiter: delimiterOf(text.split('\n', 1)[0]!),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      bom: true,
    }) as string[][];
  } catch (error) {
    return fail('parse-error', `not a readable CSV file (${error instanceof Error ? error.message : String(error)})`);
  }
  const headers = rows[0] ?? [];
  const pageColumn = findColumn(headers, PAGE_HEADERS);
  const viewColumn = findColumn(headers, VIEW_HEADERS);
  if (pageColumn < 0 || viewColumn < 0) {
    const missing = [pageColumn < 0 ? 'page path or URL column' : '', viewColumn < 0 ? 'views column' : ''].filter(Boolean).join(' and no ');
    return fail('missing-field', `no ${missing} among the headers (${headers.slice(0, 8).join(', ')}); expected GA4 ("Page path and screen class", "Views"), Plausible ("page", "pageviews") or Matomo ("Label", "Nb Hits") exports`);
  }
  const dateColumn = findColumn(headers, DATE_HEADERS);

  const add = (key: string, views: number, span: { start: number; end: number } | undefined) => {
    const counts = byKey.get(key) ?? { views: 0 };
    counts.views += views;
    if (dateColumn >= 0) {
      for (const [field, length] of WINDOWS) {
        const inWindow = span !== undefined && span.end > now - length && span.start <= now;
        counts[field] = (counts[field] ?? 0) + (inWindow ? views : 0);
      }
    }
    byKey.set(key, counts);
  };

  let usable = 0;
  for (const [i, row] of rows.slice(1).entries()) {
    const page = row[pageColumn]?.trim();
    if (!page || /^(grand )?totals?$/i.test(page) || page === '(not set)' || page === '(other)') continue;
    const views = parseCount(row[viewColumn]);
    if (views === undefined) {
      problems.push(problem({ source: file }, i + 1, 'views', 'invalid-number', `row ${i + 2}: views "${row[viewColumn] ?? ''}" is not a number; row skipped`, 'warning'));
      continue;
    }
    let span: { start: number; end: number } | undefined;
    if (dateColumn >= 0) {
      span = rowSpan(row[dateColumn] ?? '');
      if (!span) {
        problems.push(problem({ source: file }, i + 1, 'date', 'invalid-date', `row ${i + 2}: date "${row[dateColumn] ?? ''}" is not a date; counted in views only`, 'warning'));
      }
    }
    const url = /^https?:\/\//i.test(page) ? canonicalUrl(page) : undefined;
    // GA4's "Page location" and Matomo's flattened URLs can lack a scheme.
    const hostPath = !url && /^[a-z0-9.-]+\.[a-z]{2,}\//i.test(page) ? canonicalUrl(`https://${page}`) : undefined;
    const full = url ?? hostPath;
    if (full) add(full, views, span);
    add(pathKey(full ? new URL(full).pathname : page), views, span);
    usable++;
  }
  if (usable === 0) return fail('missing-field', 'no rows with a page and a view count');
  return { byKey, problems };
}

/**
 * Sets `views` (and windowed counts) on each article whose canonical URL, or
 * failing that whose path, appears in the export. The export is the
 * authority on views, so it replaces counts an input carried; articles it
 * does not mention keep theirs.
 */
export function applyPageviews(
  articles: RawArticle[],
  pageviews: Pick<PageviewsResult, 'byKey'>,
  options: { baseUrl?: string } = {},
): RawArticle[] {
  return articles.map((article) => {
    const canonical = canonicalUrl(article.url, options.baseUrl);
    if (!canonical) return article;
    const counts = pageviews.byKey.get(canonical) ?? pageviews.byKey.get(pathKey(safeUrl(canonical)!.pathname));
    if (!counts) return article;
    const next: RawArticle = { ...article, views: counts.views };
    for (const field of ['views24h', 'views7d', 'views30d'] as const) {
      if (counts[field] !== undefined) next[field] = counts[field];
      else delete next[field];
    }
    return next;
  });
}
