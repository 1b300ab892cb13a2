/**
 * Eligibility rules shared by related() and popular(): what a list may show.
 */
import { exclusions, type Exclusions } from './options.js';
import type { Article } from './types.js';

/** A compiled exclusion test: ids, sections and tags (case-insensitive), read history and `noindex`. */
export function eligibility(exclude: Exclusions, read: readonly string[]): (article: Article) => boolean {
  // Checked again here: callers other than related() and popular() pass options as given.
  const e = exclusions(exclude);
  const ids = new Set([...e.ids, ...exclusions({ ids: read }).ids]);
  const lower = (list: readonly string[]) => new Set(list.map((s) => s.toLowerCase()));
  const sections = lower(e.sections);
  const tags = lower(e.tags);
  return (article) =>
    !article.noindex &&
    !ids.has(article.id) &&
    !sections.has(article.section?.toLowerCase() as string) &&
    !(tags.size > 0 && article.tags.some((t) => tags.has(t.toLowerCase())));
}
