/**
 * One recommended article as markup. Manifest text reaches the DOM only
 * through Lit bindings (escaped); `href` and `src` are http(s) URLs because
 * the core drops everything else.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RankedItem } from '../core/types.js';

// A 16:9 box for images whose manifest gives no size: the attributes reserve
// space before the image loads, and CSS crops whatever arrives to the box.
const DEFAULT_WIDTH = 320;
const DEFAULT_HEIGHT = 180;

let dateFormat: Intl.DateTimeFormat | undefined;

function formatDate(ms: number): string {
  if (!dateFormat) {
    const lang = document.documentElement.lang || undefined;
    try {
      dateFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' });
    } catch {
      // An invalid lang attribute on the page must not cost the reader the date.
      dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
    }
  }
  return dateFormat.format(ms);
}

/**
 * Why an item is in the list, one line each: the shared terms with their
 * weights, then every factor the ranker applied (priors, pin, fill from popular).
 */
function why({ matched, factors }: RankedItem): string[] {
  return [...(matched.length ? [`matched: ${matched.map(([term, weight]) => `${term} ${weight}`).join(', ')}`] : []), ...factors.map((f) => `${f.detail} (${f.kind} ${+f.value.toPrecision(3)})`)];
}

/** Renders one item as a real link: optional thumbnail, title, then section and date; with `explain`, why it was chosen. */
export function renderItem(item: RankedItem, thumbnails: boolean, explain: boolean): TemplateResult {
  const { article } = item;
  const image = thumbnails ? article.image : undefined;
  const date = article.publishedAt;
  return html`<li part="item">
    <a part="link" href=${article.url} lang=${article.lang ?? nothing}>
      ${image
        ? html`<img
            part="thumbnail"
            src=${image.src}
            alt=${
              // The title is the link's text already; an alt that repeats it
              // makes screen readers announce the headline twice.
              image.alt === article.title ? '' : image.alt
            }
            width=${image.width ?? DEFAULT_WIDTH}
            height=${image.height ?? DEFAULT_HEIGHT}
            loading="lazy"
            decoding="async"
          />`
        : thumbnails
          ? // Keeps every title in a grid row, and every title in a list, at the same place.
            html`<span part="placeholder" class="placeholder"></span>`
          : nothing}
      <span class="text">
        <span part="title" class="title" dir="auto">${article.title}</span>
        ${article.section || date !== undefined
          ? html`<span part="meta" class="meta"
              >${article.section ? html`<span part="section">${article.section}</span>` : nothing}${date !== undefined
                ? html`<time part="date" datetime=${new Date(date).toISOString()}>${formatDate(date)}</time>`
                : nothing}</span
            >`
          : nothing}
      </span>
    </a>
    ${explain ? html`<ul part="explain" class="why">${why(item).map((line) => html`<li>${line}</li>`)}</ul>` : nothing}
  </li>`;
}
