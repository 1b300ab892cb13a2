/**
 * "Most Popular": windowed views, or trending (views decayed by age).
 */
import type { ArticleSet } from './article-set.js';
import { eligibility } from './filters.js';
import { resolvePopularOptions, type PopularOptions, type PopularWindow } from './options.js';
import type { Article, RankResult, RankedItem, ScoreFactor } from './types.js';

const HOUR = 3_600_000;
const WINDOW_HOURS: Record<PopularWindow, number> = { '24h': 24, '7d': 168, '30d': 720, all: 8760 };

/**
 * Ranks the catalogue by popularity. With `window` other than `all`, uses the
 * windowed count (`views7d` for `7d`) when any article carries it; otherwise
 * ranks by `views` among articles published inside the window. Ties break by
 * views, then newer `publishedAt`, then `id`. Sponsored articles are left out:
 * they are placed, not popular.
 */
export function popular(catalog: ArticleSet, options: Partial<PopularOptions> = {}): RankResult {
  const o = resolvePopularOptions(options);
  const eligible = eligibility(o.exclude, o.read);
  const windowHours = WINDOW_HOURS[o.window];
  const windowed = `views${o.window}` as 'views24h' | 'views7d' | 'views30d';
  const field = o.window !== 'all' && catalog.articles.some((a) => a[windowed] !== undefined) ? windowed : 'views';
  const since = o.window !== 'all' && field === 'views' ? o.now - windowHours * HOUR : -Infinity;

  // Only the best `limit` are kept (insertion into a short sorted list):
  // the catalogue is scanned once, never sorted whole.
  const top: RankedItem[] = [];
  for (const article of catalog.articles) {
    const published = article.publishedAt;
    if (article.sponsored || !eligible(article) || (since > -Infinity && !(published! >= since && published! <= o.now))) continue;
    const count = article[field] ?? 0;
    const factors: ScoreFactor[] = [{ kind: 'views', detail: field, value: count }];
    let score = count;
    if (o.metric === 'trending') {
      // Hours since publication; undated articles count as the window's age.
      const hours = published === undefined ? windowHours : Math.max(0, (o.now - published) / HOUR);
      // Hacker News' gravity: fresh attention beats a large but old total.
      const decay = 1 / Math.pow(hours + 2, o.gravity);
      if ((score *= decay) <= 0) continue;
      factors.push({ kind: 'age', detail: `${Math.round(hours)}h old`, value: decay });
    }
    const item: RankedItem = { article, score, matched: [], factors, source: 'popular' };
    let at = top.length;
    while (at > 0 && compareRanked(item, top[at - 1]!) < 0) at--;
    if (at < o.limit) top.splice(at, 0, item);
    if (top.length > o.limit) top.pop();
  }
  return { items: top, filled: 0 };
}

/** Score, then views, then newer publishedAt, then id: a total order, so output is deterministic. */
export function compareRanked(a: { article: Article; score: number }, b: { article: Article; score: number }): number {
  return (
    b.score - a.score ||
    (b.article.views ?? 0) - (a.article.views ?? 0) ||
    (b.article.publishedAt ?? -Infinity) - (a.article.publishedAt ?? -Infinity) ||
    (a.article.id < b.article.id ? -1 : a.article.id > b.article.id ? 1 : 0)
  );
}
