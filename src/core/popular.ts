/**
 * "Most Popular": windowed views, or trending (views decayed by age).
 */
import type { Catalog } from './catalog.js';
import { eligibility } from './filters.js';
import { resolvePopularOptions, type PopularOptions, type PopularWindow } from './options.js';
import type { Article, RankResult, RankedItem, ScoreFactor } from './types.js';

const HOUR = 3_600_000;
const WINDOW_HOURS: Record<Exclude<PopularWindow, 'all'>, number> = { '24h': 24, '7d': 168, '30d': 720 };
const WINDOW_FIELD = { '24h': 'views24h', '7d': 'views7d', '30d': 'views30d' } as const;

/**
 * Ranks the catalogue by popularity. With `window` other than `all`, uses the
 * windowed count (`views7d` for `7d`) when any article carries it; otherwise
 * ranks by `views` among articles published inside the window. Ties break by
 * views, then newer `publishedAt`, then `id`. Sponsored articles are left out:
 * they are placed, not popular.
 */
export function popular(catalog: Catalog, options: Partial<PopularOptions> = {}): RankResult {
  const o = resolvePopularOptions(options);
  const eligible = eligibility(o.exclude, o.read);
  const { field, since } = windowRule(catalog.articles, o.window, o.now);

  // Only the best `limit` are kept (insertion into a short sorted list):
  // the catalogue is scanned once, never sorted whole.
  const top: Scored[] = [];
  for (const article of catalog.articles) {
    if (article.sponsored || !eligible(article)) continue;
    if (since !== undefined && (article.publishedAt === undefined || article.publishedAt < since || article.publishedAt > o.now)) continue;
    const count = article[field] ?? 0;
    let score = count;
    let hours = 0;
    if (o.metric === 'trending') {
      hours = article.publishedAt === undefined ? windowHours(o.window) : Math.max(0, (o.now - article.publishedAt) / HOUR);
      // Hacker News' gravity: fresh attention beats a large but old total.
      score = count / Math.pow(hours + 2, o.gravity);
      if (score <= 0) continue;
    }
    const entry = { article, score, count, hours };
    if (top.length === o.limit && byScore(entry, top[top.length - 1]!) >= 0) continue;
    let at = top.length;
    while (at > 0 && byScore(entry, top[at - 1]!) < 0) at--;
    top.splice(at, 0, entry);
    if (top.length > o.limit) top.pop();
  }
  const items = top.map(({ article, score, count, hours }): RankedItem => {
    const factors: ScoreFactor[] = [{ kind: 'views', detail: field, value: count }];
    if (o.metric === 'trending') {
      factors.push({ kind: 'age', detail: `${Math.round(hours)}h old, gravity ${o.gravity}`, value: 1 / Math.pow(hours + 2, o.gravity) });
    }
    return { article, score, matched: [], factors, source: 'popular' };
  });
  return { items, filled: 0 };
}

interface Scored {
  article: Article;
  score: number;
  count: number;
  hours: number;
}

/** Which count to rank by, and the earliest publish time allowed, for a window. */
function windowRule(
  articles: readonly Article[],
  window: PopularWindow,
  now: number,
): { field: 'views' | 'views24h' | 'views7d' | 'views30d'; since?: number } {
  if (window === 'all') return { field: 'views' };
  const field = WINDOW_FIELD[window];
  if (articles.some((a) => a[field] !== undefined)) return { field };
  return { field: 'views', since: now - WINDOW_HOURS[window] * HOUR };
}

function windowHours(window: PopularWindow): number {
  return window === 'all' ? 24 * 365 : WINDOW_HOURS[window];
}

/** Score, then views, then newer publishedAt, then id: a total order, so output is deterministic. */
export function compareRanked(a: RankedItem, b: RankedItem): number {
  return byScore(a, b);
}

function byScore(a: { article: Article; score: number }, b: { article: Article; score: number }): number {
  return (
    b.score - a.score ||
    (b.article.views ?? 0) - (a.article.views ?? 0) ||
    (b.article.publishedAt ?? -Infinity) - (a.article.publishedAt ?? -Infinity) ||
    (a.article.id < b.article.id ? -1 : a.article.id > b.article.id ? 1 : 0)
  );
}
