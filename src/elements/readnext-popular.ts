/**
 * `<readnext-popular>`: "Most Popular", the publisher's most-read articles
 * in a time window, leaving out the one being read.
 *
 * @summary Most-read articles from the publisher's manifest.
 *
 * @attr manifest - URL of the manifest (JSON), resolved against the page.
 * @attr limit - How many items to show, 1-50. Defaults to 5.
 * @attr layout - `list` (default), `grid` (with thumbnails) or `compact` (numbered).
 * @attr heading - Heading above the list. Defaults to "Most Popular"; empty for none.
 * @attr thumbnails - Show thumbnails (`thumbnails="off"` to hide). Defaults to on for `grid`, off otherwise.
 * @attr eager - Load at once rather than when the element comes within a viewport of being seen.
 * @attr window - `24h`, `7d`, `30d` or `all`: ranks by `views24h`/`views7d`/`views30d` when the manifest has them,
 *   else by `views` among articles published in the window. Defaults to `7d`.
 * @attr state - Read-only: `idle`, `loading`, `ready`, `empty` or `error`. `empty` and `error` hide the block.
 *
 * @event readnext-error - The manifest failed to load or parse; `detail.problem` says why. Bubbles, composed.
 *
 * Parts and CSS custom properties: as `<readnext-related>`.
 */
import type { PropertyDeclarations } from 'lit';
import type { PopularWindow } from '../core/options.js';
import type { RankResult } from '../core/types.js';
import type { PageRef } from '../data/page.js';
import type { RankSource } from '../data/store.js';
import { ReadnextBase, defineOnce } from './readnext-base.js';

export class ReadnextPopularElement extends ReadnextBase {
  static override properties: PropertyDeclarations = {
    window: { type: String },
  };

  /** Registers the element as `tag` in `registry`; does nothing when the tag is already defined. */
  static define(tag = 'readnext-popular', registry: CustomElementRegistry = customElements): void {
    defineOnce(this, tag, registry);
  }

  /** `24h`, `7d`, `30d` or `all`. */
  declare window: PopularWindow;

  constructor() {
    super();
    this.heading = 'Most Popular';
    this.window = '7d';
  }

  protected override rank(source: RankSource, page: PageRef): Promise<RankResult> {
    return source.popular(page, { limit: this.limit, window: this.window });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'readnext-popular': ReadnextPopularElement;
  }
}
