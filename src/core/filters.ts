/**
 * Eligibility rules shared by related() and popular(): what a list may show.
 */
import type { Exclusions } from './options.js';
import type { Article } from './types.js';

/** A compiled exclusion test: ids, sections and tags (case-insensitive), read history and `noindex`. */
export function eligibility(exclude: Exclusions, read: readonly string[]): (article: Article) => boolean {
  const ids = new Set([...(exclude.ids ?? []), ...read]);
  const sections = new Set((exclude.sections ?? []).map((s) => s.toLowerCase()));
  const tags = new Set((exclude.tags ?? []).map((t) => t.toLowerCase()));
  return (article) =>
    !article.noindex &&
    !ids.has(article.id) &&
    !(article.section !== undefined && sections.has(article.section.toLowerCase())) &&
    !(tags.size > 0 && article.tags.some((t) => tags.has(t.toLowerCase())));
}
