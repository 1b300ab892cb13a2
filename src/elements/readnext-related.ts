import type { PropertyDeclarations } from 'lit';
import type { PageHint, PageRef } from '../data/page.js';
import type { RankResult } from '../core/types.js';
import type { RankSource } from '../data/store.js';
import type { FieldWeights, RelatedOptions } from '../core/options.js';
import { ReadnextBase, defineOnce, onOff, pick, props, words, type CommonOptions } from './readnext-base.js';

/** Numeric options, each a property of its `RelatedOptions` name (see {@link props} for the attribute). */
const NUMBERS = 'threshold diversity recencyHalfLifeDays popularityWeight sameSectionBoost sectionCap tagCap maxAgeDays sponsoredPosition';
/** Every option property handed to the core as is. */
const OPTIONS = `${NUMBERS} pinned fill fieldWeights`.split(' ');

/** Recent reads blended into the related query: enough to steer it, few enough that the article still leads. */
const RECENT = 5;

/**
 * `field-weights="title:2 keywords:0.5"` as a partial weights object: entries
 * with an unknown field or a value that is not a number are skipped, and the
 * core fills and clamps the rest.
 */
const weights = {
  fromAttribute: (value: string | null): Partial<FieldWeights> | undefined => {
    if (value === null) return undefined;
    const out: Record<string, number> = {};
    for (const entry of value.split(/\s+/)) {
      const [, name, n] = /^(title|summary|tags|keywords):(.+)$/.exec(entry) ?? [];
      if (name && !isNaN(+n!)) out[name] = +n!;
    }
    return out;
  },
};

/**
 * `<readnext-related>`: "You May Also Like", the publisher's articles ranked
 * against the one being read.
 *
 * @summary Related articles, ranked in the browser from the publisher's manifest.
 * @tag readnext-related
 *
 * @attr heading - Heading above the list; empty for none. Defaults to "You May Also Like" in the element's language.
 * @attr article-id - Id of the article being read; overrides the page's URL.
 * @attr article-url - URL of the article being read; else `<link rel="canonical">`, `og:url`, then `location`.
 * @attr threshold - Minimum relevance relative to the best match, 0-1. Defaults to 0.1.
 * @attr diversity - Trade-off between relevance (0) and novelty (1). Defaults to 0.1.
 * @attr field-weights - How much a shared term counts by where it appears, 0-10 each, as `title:2 summary:1 tags:1
 *   keywords:0.5`; unnamed fields keep their defaults. Defaults to `title:1.5 summary:1.25 tags:1.25 keywords:1`.
 * @attr recency-half-life - An item's score halves every this many days of age; 0 is off. Defaults to 0.
 * @attr popularity-weight - How much views count, 0-1. Defaults to 0.
 * @attr same-section-boost - Multiplier for items in the article's own section. Defaults to 1 (off).
 * @attr section-cap - At most this many items from one section; 0 is no cap. Defaults to 0.
 * @attr tag-cap - At most this many items sharing one tag; 0 is no cap. Defaults to 0.
 * @attr pinned - Space-separated article ids always shown first, in order.
 * @attr max-age - Leave out articles older than this many days; 0 is no limit. Defaults to 0.
 * @attr sponsored-position - 1-based slot for the most relevant sponsored article; 0 leaves sponsored out. Defaults to 0.
 * @attr fill - Fill a short list from popular items; `fill="off"` to leave it short. Defaults to on.
 * @attr explain - Show under each item why it was chosen: matched terms and weights, priors, "filled from popular". Loads text search (readnext.search.min.js) for the matched terms.
 * @attr history - Opt-in reader history: remembers (localStorage, 50 ids, 30 days) what the reader opened on
 *   this site, hides it, and blends the five most recent reads into the query. No storage access without it.
 *   Loads readnext.storage.min.js.
 * @attr precomputed - Base URL of precomputed lists (`readnext build --precompute`): only the page's shard is
 *   fetched; `manifest`, when also given, serves pages missing from it.
 */
export class ReadnextRelatedElement extends ReadnextBase {
  static override properties: PropertyDeclarations = {
    ...props('articleId articleUrl'),
    ...props(NUMBERS, { type: Number }),
    pinned: { converter: words },
    fill: { converter: onOff },
    fieldWeights: { attribute: 'field-weights', converter: weights },
  };

  protected readonly block = 'related';

  /** Registers the element as `tag` in `registry`; does nothing when the tag is already defined. */
  static define(tag = 'readnext-related', registry: CustomElementRegistry = customElements): void {
    defineOnce(this, tag, registry);
  }

  /** Id of the article being read. */
  declare articleId: string | undefined;
  /** URL of the article being read. */
  declare articleUrl: string | undefined;
  /** Minimum relevance relative to the best match, 0-1 (`threshold`). Unset or unparsable: the core's default. */
  declare threshold: number | undefined;
  /** Relevance (0) to novelty (1) trade-off (`diversity`). */
  declare diversity: number | undefined;
  /** Term weights by field, merged over the defaults (`field-weights`). */
  declare fieldWeights: Partial<FieldWeights> | undefined;
  /** Recency half-life in days; 0 is off (`recency-half-life`). */
  declare recencyHalfLifeDays: number | undefined;
  /** Weight of views, 0-1 (`popularity-weight`). */
  declare popularityWeight: number | undefined;
  /** Multiplier for the article's own section (`same-section-boost`). */
  declare sameSectionBoost: number | undefined;
  /** Most items from one section; 0 is no cap (`section-cap`). */
  declare sectionCap: number | undefined;
  /** Most items sharing one tag; 0 is no cap (`tag-cap`). */
  declare tagCap: number | undefined;
  /** Oldest article shown, in days; 0 is no limit (`max-age`). */
  declare maxAgeDays: number | undefined;
  /** 1-based sponsored slot; 0 leaves sponsored articles out (`sponsored-position`). */
  declare sponsoredPosition: number | undefined;
  /** Ids always shown first (`pinned`). */
  declare pinned: string[] | undefined;
  /** Fill a short list from popular items; on unless false (`fill`). */
  declare fill: boolean | undefined;

  protected override rank(source: RankSource, page: PageRef, common: CommonOptions): Promise<RankResult> {
    // Unset or unparsable numbers reach the core as undefined or NaN, which take its defaults.
    // Explanations list matched terms, which need the text search.
    return source.related(page, { ...common, ...pick<RelatedOptions>(this, OPTIONS), recent: common.read.slice(0, RECENT), terms: this.explain });
  }

  protected override pageHint(): PageHint {
    return { id: this.articleId, url: this.articleUrl };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'readnext-related': ReadnextRelatedElement;
  }
}
