import type { PropertyDeclarations } from 'lit';
import type { PopularMetric, PopularWindow } from '../core/options.js';
import type { PageRef } from '../data/page.js';
import type { RankResult } from '../core/types.js';
import type { RankSource } from '../data/store.js';
import { ReadnextBase, defineOnce, type CommonOptions } from './readnext-base.js';

/**
 * `<readnext-popular>`: "Most Popular", the publisher's most-read articles
 * in a time window, leaving out the one being read.
 *
 * @summary Most-read articles from the publisher's manifest.
 * @tag readnext-popular
 *
 * @attr heading - Heading above the list; empty for none. Defaults to "Most Popular" in the element's language.
 * @attr window - `24h`, `7d`, `30d` or `all`: ranks by `views24h`/`views7d`/`views30d` when the manifest has them,
 *   else by `views` among articles published in the window. Defaults to `7d`.
 * @attr metric - `views` (the window's count) or `trending` (views decayed by age). Defaults to `views`.
 * @attr gravity - Trending decay, as in Hacker News' `views / (hours + 2) ^ gravity`. Defaults to 1.8.
 * @attr explain - Show under each item why it was chosen (its view count, age decay).
 * @attr history - Opt-in reader history (as `<readnext-related>`): hides what the reader already opened.
 * @attr precomputed - Base URL of precomputed lists: ranks from `meta.json`'s popular lists (by views at build time).
 */
export class ReadnextPopularElement extends ReadnextBase {
  static override properties: PropertyDeclarations = {
    window: {},
    metric: {},
    gravity: { type: Number },
  };

  protected readonly block = 'popular';

  /** Registers the element as `tag` in `registry`; does nothing when the tag is already defined. */
  static define(tag = 'readnext-popular', registry: CustomElementRegistry = customElements): void {
    defineOnce(this, tag, registry);
  }

  /** `24h`, `7d`, `30d` or `all`. */
  declare window: PopularWindow;
  /** `views` or `trending`. */
  declare metric: PopularMetric | undefined;
  /** Trending gravity; core default when unset. */
  declare gravity: number | undefined;

  constructor() {
    super();
    this.window = '7d';
  }

  protected override rank(source: RankSource, page: PageRef, common: CommonOptions): Promise<RankResult> {
    return source.popular(page, { ...common, window: this.window, metric: this.metric, gravity: this.gravity });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'readnext-popular': ReadnextPopularElement;
  }
}
