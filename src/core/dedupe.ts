/**
 * Near-duplicate detection for the related ranker: the same story published
 * twice (under two ids, or re-posted with a new URL) must never appear as
 * "related" to itself, nor twice in one list. Bodies are gone by rank time,
 * so the test uses what the manifest keeps: the canonical URL, the title and
 * the build-time similarity of the two articles' keyword vectors.
 */
import type { Article } from './types.js';

/**
 * Cosine between keyword vectors at or above which two articles are treated
 * as one story. Defaults to 0.8. Republished copies do not come out at 1:
 * an edited headline or summary moves terms between the shipped fields and
 * the keyword list, and on the measured corpus copies with rewritten
 * headlines scored down to 0.83. Different stories on one topic rarely share
 * 80% of their weighted terms, and hiding one that does costs a list little.
 */
export const DUPLICATE_COSINE = 0.8;

/**
 * The cosine test applies only when both vectors have at least this many
 * terms. With a handful of terms (no body, a short summary) one shared word
 * moves cosine by 0.15 or more, so it cannot tell a copy from a sibling
 * story; such copies are still caught by title and URL.
 */
export const DUPLICATE_MIN_TERMS = 8;

/** Title compared case-, punctuation- and space-insensitively. */
export function titleKey(title: string): string {
  return (title.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

/**
 * True when `a` and `b` look like the same story: same id or canonical URL,
 * same {@link titleKey}, or a `similarity` (the build-time cosine from
 * `Article.near`, which `build` keeps under the threshold for vectors too
 * short to compare) of at least `minCosine`.
 */
export function isNearDuplicate(a: Article, b: Article, similarity = 0, minCosine: number = DUPLICATE_COSINE): boolean {
  if (a.id === b.id || a.canonicalUrl === b.canonicalUrl || similarity >= minCosine) return true;
  const ta = cachedTitleKey(a);
  return ta !== '' && ta === cachedTitleKey(b);
}

const titleKeys = new WeakMap<Article, string>();

function cachedTitleKey(article: Article): string {
  let key = titleKeys.get(article);
  if (key === undefined) {
    key = titleKey(article.title ?? '');
    titleKeys.set(article, key);
  }
  return key;
}
