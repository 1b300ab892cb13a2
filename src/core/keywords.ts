/**
 * Build-time keyword extraction: each article's text becomes a short list of
 * terms chosen by TF-IDF over the whole catalogue, which is all the browser
 * ever sees of the body. With the title and summary (shipped anyway) the list
 * forms the article's compact vector for the related ranker's cosine stage.
 */
import { terms } from './text.js';
import type { Article, WeightedTerm } from './types.js';

export interface KeywordOptions {
  /**
   * Keywords kept per article, most important first. Defaults to 80: on the
   * measured corpus quality rose steeply to about 60-80 keywords and then
   * flattened (within ±0.002 of P@5 up to 100), while every keyword adds a
   * query term (latency) and about 3 gzip bytes. The build's byte budget
   * (`BuildOptions.bytesPerArticle`) trims further when titles and summaries
   * are long (docs/relevance.md has the curve).
   */
  maxKeywords: number;
  /** How many times a title word counts relative to a body word when choosing keywords. Defaults to 3. */
  titleWeight: number;
  /** How many times a summary or tag word counts relative to a body word. Defaults to 2. */
  summaryWeight: number;
  /**
   * Terms must occur in at least this many articles. Defaults to 2: a term no
   * other article shares cannot relate two articles, so it only costs bytes.
   * Ignored for catalogues of fewer than 3 articles.
   */
  minDocFrequency: number;
  /**
   * Leave out terms already in the article's title, summary or tags. Defaults
   * to true: the manifest ships those fields and the ranker reads their terms
   * from there, so repeating them in `keywords` only costs bytes.
   */
  skipShipped: boolean;
  /** Weights are rounded to this many significant digits. Defaults to 2. */
  digits: number;
}

export const KEYWORD_DEFAULTS: Readonly<KeywordOptions> = Object.freeze({
  maxKeywords: 80,
  titleWeight: 3,
  summaryWeight: 2,
  minDocFrequency: 2,
  skipShipped: true,
  digits: 2,
});

type KeywordSource = Pick<Article, 'title' | 'summary' | 'tags' | 'body'>;

/** Term counts for one article, title and summary words counted extra. */
export function termCounts(article: KeywordSource, options: Partial<KeywordOptions> = {}): Map<string, number> {
  const o = { ...KEYWORD_DEFAULTS, ...options };
  const counts = new Map<string, number>();
  const add = (text: string | undefined, weight: number) => {
    if (!text) return;
    for (const term of terms(text)) counts.set(term, (counts.get(term) ?? 0) + weight);
  };
  add(article.title, o.titleWeight);
  add(article.summary, o.summaryWeight);
  for (const tag of article.tags ?? []) add(tag, o.summaryWeight);
  add(article.body, 1);
  return counts;
}

/** Terms the manifest already carries outside `keywords`. */
export function shippedTerms(article: Pick<Article, 'title' | 'summary' | 'tags'>): Set<string> {
  return new Set([...terms(article.title ?? ''), ...terms(article.summary ?? ''), ...(article.tags ?? []).flatMap((t) => terms(t))]);
}

/**
 * Weighted keywords for every article, in input order, highest weight first.
 * Weight = sublinear term frequency (1 + ln tf) × IDF over the catalogue, so
 * a word repeated in one long article does not drown rarer, more specific
 * ones, and words common across the catalogue carry little. Ties break by
 * term so the output is deterministic.
 */
export function extractKeywords(articles: readonly KeywordSource[], options: Partial<KeywordOptions> = {}): WeightedTerm[][] {
  const o = { ...KEYWORD_DEFAULTS, ...options };
  const counts = articles.map((a) => termCounts(a, o));
  const df = new Map<string, number>();
  for (const c of counts) for (const term of c.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const n = articles.length;
  const minDf = n < 3 ? 1 : Math.max(1, o.minDocFrequency);
  const max = Math.max(0, Math.floor(o.maxKeywords));
  return counts.map((c, i) => {
    const skip = o.skipShipped ? shippedTerms(articles[i]!) : undefined;
    const scored: WeightedTerm[] = [];
    for (const [term, tf] of c) {
      const d = df.get(term) ?? 1;
      if (d < minDf || skip?.has(term)) continue;
      // 1 + n/d keeps a term found in every article slightly positive, so
      // tiny catalogues still get keywords.
      scored.push([term, (1 + Math.log(tf)) * Math.log(1 + n / d)]);
    }
    scored.sort(byWeightThenTerm);
    return scored.slice(0, max).map(([term, w]) => [term, round(w, o.digits)]);
  });
}

function byWeightThenTerm(a: WeightedTerm, b: WeightedTerm): number {
  return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

function round(value: number, digits: number): number {
  return Number(value.toPrecision(Math.min(21, Math.max(1, Math.floor(digits)))));
}
