/**
 * `<readnext-related>`: "You May Also Like", the publisher's articles ranked
 * against the one being read.
 *
 * @summary Related articles, ranked in the browser from the publisher's manifest.
 *
 * @attr manifest - URL of the manifest (JSON), resolved against the page.
 * @attr limit - How many items to show, 1-50. Defaults to 5.
 * @attr layout - `list` (default), `grid` (with thumbnails) or `compact` (numbered).
 * @attr heading - Heading above the list. Defaults to "You May Also Like"; empty for none.
 * @attr thumbnails - Show thumbnails (`thumbnails="off"` to hide). Defaults to on for `grid`, off otherwise.
 * @attr eager - Load at once rather than when the element comes within a viewport of being seen.
 * @attr article-id - Id of the article being read; overrides the page's URL.
 * @attr article-url - URL of the article being read; else `<link rel="canonical">`, `og:url`, then `location`.
 * @attr state - Read-only: `idle`, `loading`, `ready`, `empty` or `error`. `empty` and `error` hide the block.
 *
 * @event readnext-error - The manifest failed to load or parse; `detail.problem` says why. Bubbles, composed.
 *
 * @csspart base - The `<section>` around heading and list.
 * @csspart heading - The `<h2>`.
 * @csspart list - The `<ol>`.
 * @csspart item - Each `<li>`.
 * @csspart link - The `<a>` of an item.
 * @csspart thumbnail - The `<img>` of an item.
 * @csspart placeholder - Stands in for a missing image when thumbnails are on, so titles line up.
 * @csspart title - An item's title.
 * @csspart meta - Section and date line.
 * @csspart section - The section name.
 * @csspart date - The `<time>` of publication.
 *
 * @cssproperty --readnext-min-height - Height reserved while loading, so showing items shifts nothing. Defaults to 0.
 * @cssproperty --readnext-color - Text colour. Defaults to inherited.
 * @cssproperty --readnext-muted-color - Colour of the meta line. Defaults to the text colour at 64%.
 * @cssproperty --readnext-link-color - Colour of titles. Defaults to inherited.
 * @cssproperty --readnext-link-hover-color - Colour of a hovered or focused title. Defaults to the accent.
 * @cssproperty --readnext-accent-color - Focus ring and numbers of `compact`. Defaults to #0b57d0.
 * @cssproperty --readnext-divider-color - Lines between `list` items, image placeholder. Defaults to the text colour at 16%.
 * @cssproperty --readnext-font - Font family. Defaults to inherited.
 * @cssproperty --readnext-heading-font - Font family of the heading. Defaults to inherited.
 * @cssproperty --readnext-heading-size - Defaults to 1.25rem.
 * @cssproperty --readnext-title-size - Defaults to 1rem.
 * @cssproperty --readnext-title-weight - Defaults to 600.
 * @cssproperty --readnext-gap - Space between items. Defaults to 1rem.
 * @cssproperty --readnext-radius - Corner radius of thumbnails. Defaults to 6px.
 * @cssproperty --readnext-thumbnail-width - Thumbnail width in `list` (60% of it in `compact`). Defaults to 6.5rem.
 * @cssproperty --readnext-column-min-width - Narrowest column of `grid`. Defaults to 13rem.
 */
import type { PropertyDeclarations } from 'lit';
import type { RankResult } from '../core/types.js';
import type { PageHint, PageRef } from '../data/page.js';
import type { RankSource } from '../data/store.js';
import { ReadnextBase, defineOnce } from './readnext-base.js';

export class ReadnextRelatedElement extends ReadnextBase {
  static override properties: PropertyDeclarations = {
    articleId: { attribute: 'article-id' },
    articleUrl: { attribute: 'article-url' },
  };

  /** Registers the element as `tag` in `registry`; does nothing when the tag is already defined. */
  static define(tag = 'readnext-related', registry: CustomElementRegistry = customElements): void {
    defineOnce(this, tag, registry);
  }

  /** Id of the article being read. */
  declare articleId: string | undefined;
  /** URL of the article being read. */
  declare articleUrl: string | undefined;

  constructor() {
    super();
    this.heading = 'You May Also Like';
  }

  protected override rank(source: RankSource, page: PageRef): Promise<RankResult> {
    return source.related(page, { limit: this.limit });
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
