/**
 * One recommended article as markup. Manifest text reaches the DOM only
 * through Lit bindings (escaped); `href` and `src` are http(s) URLs because
 * the core drops everything else. Every article-provided text sits in a
 * `<bdi>` (or `dir=auto`), so a right-to-left title cannot reorder the
 * punctuation around it, nor a left-to-right one an Arabic page's.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RankedItem } from '../core/types.js';

/** What the element decides for every item: options, labels, and what a click does. */
export interface ItemView {
  thumbnails: boolean;
  explain: boolean;
  /** The "Sponsored" label in the element's language. */
  sponsored: string;
  /** Formats a relative time, e.g. "3 days ago", in the element's language. */
  time: TimeFormat;
  /** The link for an article URL (UTM parameters added when asked). */
  href(url: string): string;
  /** `rel` and `referrerpolicy` for links (and the policy for thumbnails), when set. */
  rel: string | undefined;
  referrer: string | undefined;
  /** Reports a click on the item at 1-based `position`. */
  click(item: RankedItem, position: number, href: string): void;
}

/** Largest unit first: how many of the next smaller unit make one. Months are 30 days, which is near enough for "2 months ago". */
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 525_600],
  ['month', 43_200],
  ['week', 10_080],
  ['day', 1_440],
  ['hour', 60],
  ['minute', 1],
];

/** What {@link ago} needs of an `Intl.RelativeTimeFormat`. */
export type TimeFormat = Pick<Intl.RelativeTimeFormat, 'format'>;

/**
 * English relative times exactly as `Intl.RelativeTimeFormat('en',
 * {numeric: 'auto'})` writes them for what {@link ago} asks, without
 * it: the first Intl formatter a page creates loads ICU's data, 15-50 ms of
 * main thread in Chromium here, more than the rest of a widget's first
 * render. Other languages use Intl.
 */
export const EN_TIME: TimeFormat = {
  format(n, unit) {
    // Counts below 1,000 (no digit grouping): dates are years 1900-2200. Zero
    // comes only in minutes (ago() moves to hours at 60).
    const count = `${Math.abs(n)} ${unit}${n * n == 1 ? '' : 's'}`;
    return !n
      ? `this ${unit}`
      : n * n == 1 && !/^h|mi/.test(unit)
        ? unit == 'day' ? (n < 0 ? 'yesterday' : 'tomorrow') : `${n < 0 ? 'last' : 'next'} ${unit}`
        : n < 0 ? count + ' ago' : 'in ' + count;
  },
};

/** `ms` relative to now in the largest unit that fits ("yesterday", "3 weeks ago"); no language data needed. */
export function ago(ms: number, format: TimeFormat, now = Date.now()): string {
  const minutes = (ms - now) / 6e4;
  const [unit, size] = UNITS.find(([, size]) => Math.abs(minutes) >= size) ?? UNITS[5]!;
  return format.format(Math.round(minutes / size), unit);
}

/**
 * Why an item is in the list, one line each: the shared terms with their
 * weights, then every factor the ranker applied (priors, pin, fill from popular).
 */
function why({ matched, factors }: RankedItem): string[] {
  return [...(matched.length ? [`matched: ${matched.map(([term, weight]) => `${term} ${weight}`).join(', ')}`] : []), ...factors.map((f) => `${f.detail} (${f.kind} ${+f.value.toPrecision(3)})`)];
}

// A 16:9 box (320×180) for images whose manifest gives no size: the
// attributes reserve space before the image loads, and CSS crops whatever
// arrives to the box. An alt equal to the title (the link's text already)
// becomes empty, or screen readers announce the headline twice. A
// placeholder keeps titles aligned when thumbnails are on and an image is missing.
/** Renders one item as a real link: optional thumbnail, sponsored label, title, then section and relative date; with `explain`, why it was chosen. */
export function renderItem(item: RankedItem, index: number, view: ItemView): TemplateResult {
  const { article } = item;
  const image = view.thumbnails && article.image;
  const date = article.publishedAt;
  const href = view.href(article.url);
  return html`<li part="item"><a part="link" href=${href} rel=${view.rel ?? nothing} referrerpolicy=${view.referrer ?? nothing} lang=${article.lang ?? nothing} @click=${() => view.click(item, index + 1, href)}>${image
    ? html`<img part="thumbnail" src=${image.src} alt=${image.alt === article.title ? '' : image.alt} width=${image.width ?? 320} height=${image.height ?? 180} referrerpolicy=${view.referrer ?? nothing} loading="lazy" decoding="async">`
    : view.thumbnails ? html`<span part="placeholder" class="p"></span>` : nothing}<span class="x">${article.sponsored ? html`<span part="sponsored" class="s">${view.sponsored}</span>` : nothing}<bdi part="title" class="title">${article.title}</bdi>${article.section || date !== undefined
    ? html`<span part="meta" class="m">${article.section ? html`<bdi part="section">${article.section}</bdi>` : nothing}${date !== undefined ? html`<time part="date" datetime=${new Date(date).toISOString()}>${ago(date, view.time)}</time>` : nothing}</span>`
    : nothing}</span></a>${view.explain ? html`<ul part="explain" class="w">${why(item).map((line) => html`<li dir="auto">${line}</li>`)}</ul>` : nothing}</li>`;
}
