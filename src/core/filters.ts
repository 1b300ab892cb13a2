/**
 * Eligibility rules shared by related() and popular(): what a list may show.
 */
import { exclusions, type Exclusions } from './options.js';
import type { Article } from './types.js';

/** A compiled exclusion test: ids, sections and tags (case-insensitive), read history and `noindex`. */
export function eligibility(exclude: Exclusions, read: readonly string[]): (article: Article) => boolean {
  // Re-checked here because popular() options are resolved elsewhere and
  // options can come from untyped scripts.
  const e = exclusions(exclude);
  const ids = new Set([...(e.ids ?? []), ...(Array.isArray(read) ? read.filter((r) => typeof r === 'string') : [])]);
  const sections = new Set((e.sections ?? []).map((s) => s.toLowerCase()));
  const tags = new Set((e.tags ?? []).map((t) => t.toLowerCase()));
  return (article) =>
    !article.noindex &&
    !ids.has(article.id) &&
    !(article.section !== undefined && sections.has(article.section.toLowerCase())) &&
    !(tags.size > 0 && article.tags.some((t) => tags.has(t.toLowerCase())));
}
