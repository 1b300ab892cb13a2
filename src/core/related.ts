/**
 * "You May Also Like": ranks the catalogue against the article being read.
 */
import type { Catalog, RelatedTarget } from './catalog.js';
import { eligibility } from './filters.js';
import { resolveRelatedOptions, type RelatedOptions } from './options.js';
import { popular } from './popular.js';
import { terms } from './text.js';
import type { Article, RankResult, RankedItem, WeightedTerm } from './types.js';

const DAY = 86_400_000;

/** Weighted query terms for a target: its keywords, title, tags and section. */
export function queryTerms(target: RelatedTarget): WeightedTerm[] {
  const weights = new Map<string, number>();
  const add = (term: string, weight: number) => weights.set(term, Math.max(weights.get(term) ?? 0, weight));
  const article = target as Partial<Article> & { description?: string };
  for (const [term, weight] of article.keywords ?? []) add(term, weight);
  for (const term of terms(article.title ?? '')) add(term, 1);
  for (const tag of article.tags ?? []) for (const term of terms(tag)) add(term, 0.8);
  for (const term of terms(article.summary ?? article.description ?? '')) add(term, 0.5);
  return [...weights].sort((a, b) => b[1] - a[1]);
}

/**
 * Ranks the catalogue against `target` (an article of the catalogue, or the
 * page's own metadata). Never returns the target itself.
 */
export function related(catalog: Catalog, target: RelatedTarget, options: Partial<RelatedOptions> = {}): RankResult {
  const o = resolveRelatedOptions(options);
  const current = 'id' in target && typeof target.id === 'string' ? catalog.getById(target.id) : target.url ? catalog.getByUrl(target.url) : undefined;
  const eligible = eligibility(o.exclude, o.read);
  const oldest = o.maxAgeDays > 0 ? o.now - o.maxAgeDays * DAY : -Infinity;
  const allowed = (a: Article) =>
    a !== current && eligible(a) && (oldest === -Infinity || (a.publishedAt ?? -Infinity) >= oldest);

  const query = queryTerms(current ?? target);
  const weightOf = new Map(query);
  const hits = query.length === 0 ? [] : catalog.index.search(query.map(([t]) => t).join(' '), {
    boostTerm: (term: string) => weightOf.get(term) ?? 1,
  });

  const items: RankedItem[] = [];
  const taken = new Set<Article>();
  for (const id of o.pinned) {
    const article = catalog.getById(id);
    if (article && allowed(article) && !taken.has(article)) {
      taken.add(article);
      items.push({ article, score: Infinity, matched: [], factors: [{ kind: 'pinned', detail: 'pinned by the publisher', value: 1 }], source: 'pinned' });
    }
  }

  const best = hits.find((h) => { const a = catalog.getById(String(h.id)); return a && allowed(a); })?.score ?? 0;
  for (const hit of hits) {
    if (items.length >= o.limit) break;
    const article = catalog.getById(String(hit.id));
    if (!article || taken.has(article) || !allowed(article)) continue;
    if (hit.score < o.threshold * best) break;
    taken.add(article);
    items.push({
      article,
      score: hit.score,
      matched: hit.terms.map((t) => [t, weightOf.get(t) ?? 1] as WeightedTerm),
      factors: [{ kind: 'match', detail: hit.terms.join(', '), value: hit.score }],
      source: 'related',
    });
  }

  let filled = 0;
  if (o.fill && items.length < o.limit) {
    const extra = popular(catalog, { window: 'all', now: o.now, limit: 50, exclude: o.exclude, read: o.read });
    for (const item of extra.items) {
      if (items.length >= o.limit) break;
      if (taken.has(item.article) || !allowed(item.article)) continue;
      taken.add(item.article);
      items.push({ ...item, factors: [{ kind: 'fill', detail: 'too few related items; filled from popular', value: 0 }] });
      filled++;
    }
  }
  return { items, filled };
}
