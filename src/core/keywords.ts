/**
 * Build-time keyword extraction: each article's text becomes a short list of
 * terms chosen by TF-IDF over the whole catalogue, which is all the browser
 * ever sees of the body. With the title and summary the list forms each
 * article's vector for the build's neighbour search (`near`, computed in Node);
 * in the browser the shipped keywords feed the MiniSearch fallback and
 * explanations. Stop words follow the article's language (src/core/lang).
 */
import { byWeight } from './order.js';
import { detectLanguage, stopTermTest } from './lang/index.js';
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
  /**
   * The catalogue's language (a BCP 47 tag such as `es` or `pt-BR`: the
   * manifest's `lang`), for articles without a `lang` of their own. Decides
   * which stop words, besides the English ones, never become keywords.
   * Defaults to none: an article without `lang` then has its language
   * guessed from its text (script, then stop-word frequency; see
   * `detectLanguage`).
   */
  lang: string | undefined;
}

export const KEYWORD_DEFAULTS: Readonly<KeywordOptions> = Object.freeze({
  maxKeywords: 80,
  titleWeight: 3,
  summaryWeight: 2,
  minDocFrequency: 2,
  skipShipped: true,
  digits: 2,
  lang: undefined,
});

type KeywordSource = Pick<Article, 'title' | 'summary' | 'tags' | 'body'> & { lang?: string | undefined };

/**
 * The language whose stop words apply to an article: its own `lang`, else
 * the catalogue's (`KeywordOptions.lang`), else a guess from its text.
 */
export function keywordLanguage(article: KeywordSource, catalogueLang?: string): string | undefined {
  if (article.lang !== undefined || catalogueLang !== undefined) return article.lang ?? catalogueLang;
  // Remembered per article: the build asks for keywords and for vectors.
  if (!detected.has(article)) detected.set(article, detectLanguage([article.title, article.summary, article.body].filter(Boolean).join('\n')));
  return detected.get(article);
}

const detected = new WeakMap<KeywordSource, string | undefined>();

/** Term counts for one article, title and summary words counted extra; stop words of the article's language left out. */
export function termCounts(article: KeywordSource, options: Partial<KeywordOptions> = {}): Map<string, number> {
  const o = { ...KEYWORD_DEFAULTS, ...options };
  const isStop = stopTermTest(keywordLanguage(article, o.lang));
  const counts = new Map<string, number>();
  const add = (text: string | undefined, weight: number) => {
    if (!text) return;
    for (const term of terms(text)) if (!isStop(term)) counts.set(term, (counts.get(term) ?? 0) + weight);
  };
  add(article.title, o.titleWeight);
  add(article.summary, o.summaryWeight);
  for (const tag of article.tags ?? []) add(tag, o.summaryWeight);
  add(article.body, 1);
  return counts;
}

/**
 * The article with the stop words of its language taken out of its title,
 * summary and tags, each left as its terms joined by spaces (which the
 * tokeniser reads back unchanged). For build-time vectors, such as the
 * neighbour lists: the ranker reads these fields with English stop words
 * only, and "de", "la" or "die" in two headlines would otherwise relate
 * them. Not for display.
 */
export function withoutStopWords<T extends KeywordSource>(article: T, catalogueLang?: string): T {
  const isStop = stopTermTest(keywordLanguage(article, catalogueLang));
  const clean = (text: string) => terms(text).filter((t) => !isStop(t)).join(' ');
  return {
    ...article,
    title: clean(article.title),
    ...(article.summary !== undefined && { summary: clean(article.summary) }),
    ...(article.tags && { tags: article.tags.map(clean).filter(Boolean) }),
  };
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
  return scoreKeywords(articles, o, (scored) => scored.map(([term, w]) => [term, round(w, o.digits)]));
}

/**
 * The terms {@link extractKeywords} picks, without weights, each term string
 * stored once across the catalogue: what the build keeps (a weighted pair
 * per keyword would be about half a gigabyte at 100k articles).
 */
export function extractKeywordTerms(articles: readonly KeywordSource[], options: Partial<KeywordOptions> = {}): string[][] {
  return scoreKeywords(articles, { ...KEYWORD_DEFAULTS, ...options }, (scored) => scored.map(([term]) => term));
}

/** Each article's best `maxKeywords` terms with their weights, best first, as `pick` keeps them. */
function scoreKeywords<T>(articles: readonly KeywordSource[], o: KeywordOptions, pick: (scored: WeightedTerm[]) => T): T[] {
  // Two passes: count every article's terms once, keeping each article's
  // counts as two typed arrays over one shared term table (a Map per article
  // was most of the build's memory: about 2 GB at 100k articles), with
  // document frequencies summed as it goes; then score each article.
  const ids = new Map<string, number>();
  const vocabulary: string[] = [];
  const df: number[] = [];
  const rows = articles.map((a) => {
    const c = termCounts(a, o);
    const terms = new Int32Array(c.size);
    const tfs = new Float64Array(c.size);
    let j = 0;
    for (const [term, tf] of c) {
      let id = ids.get(term);
      if (id === undefined) {
        ids.set(term, (id = vocabulary.length));
        vocabulary.push(term);
        df.push(0);
      }
      df[id]!++;
      terms[j] = id;
      tfs[j++] = tf;
    }
    return { terms, tfs };
  });
  ids.clear();
  const n = articles.length;
  const minDf = n < 3 ? 1 : Math.max(1, o.minDocFrequency);
  const max = Math.max(0, Math.floor(o.maxKeywords));
  return rows.map(({ terms, tfs }, i) => {
    const skip = o.skipShipped ? shippedTerms(articles[i]!) : undefined;
    const scored: WeightedTerm[] = [];
    for (let j = 0; j < terms.length; j++) {
      const term = vocabulary[terms[j]!]!;
      const d = df[terms[j]!]!;
      if (d < minDf || skip?.has(term)) continue;
      // 1 + n/d keeps a term found in every article slightly positive, so
      // tiny catalogues still get keywords.
      scored.push([term, (1 + Math.log(tfs[j]!)) * Math.log(1 + n / d)]);
    }
    // This article's counts are not needed again.
    rows[i] = EMPTY;
    scored.sort(byWeight);
    return pick(scored.slice(0, max));
  });
}

const EMPTY = { terms: new Int32Array(0), tfs: new Float64Array(0) };

function round(value: number, digits: number): number {
  return Number(value.toPrecision(Math.min(21, Math.max(1, Math.floor(digits)))));
}
