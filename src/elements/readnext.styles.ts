/**
 * Shared styles of both elements. Public `--readnext-*` properties map to
 * private `--_*` variables on the host, so the theming contract is this one
 * list (a test checks every private variable is defined and used).
 */
import { css } from 'lit';

export const styles = css`
  :host {
    /* No fallback on these four: an undefined variable leaves the inherited
       colour and fonts of the page, which is the default we want. */
    --_color: var(--readnext-color);
    --_link: var(--readnext-link-color);
    --_font: var(--readnext-font);
    --_heading-font: var(--readnext-heading-font);
    --_muted: var(--readnext-muted-color, color-mix(in srgb, currentColor 64%, transparent));
    --_hover: var(--readnext-link-hover-color, var(--_accent));
    --_accent: var(--readnext-accent-color, #0b57d0);
    --_divider: var(--readnext-divider-color, color-mix(in srgb, currentColor 16%, transparent));
    --_heading-size: var(--readnext-heading-size, 1.25rem);
    --_title-size: var(--readnext-title-size, 1rem);
    --_title-weight: var(--readnext-title-weight, 600);
    --_gap: var(--readnext-gap, 1rem);
    --_radius: var(--readnext-radius, 6px);
    --_thumb: var(--readnext-thumbnail-width, 6.5rem);
    --_column: var(--readnext-column-min-width, 13rem);

    display: block;
    /* Reserved by the publisher so loading, then showing items, shifts nothing. */
    min-height: var(--readnext-min-height, 0);
    color: var(--_color);
    font-family: var(--_font);
  }

  /* Empty or failed: the block collapses rather than leaving a hole. */
  :host([hidden]),
  :host([state='empty']),
  :host([state='error']) {
    display: none;
  }

  h2 {
    margin: 0 0 0.75em;
    font-family: var(--_heading-font);
    font-size: var(--_heading-size);
    line-height: 1.25;
  }

  ol {
    display: grid;
    gap: var(--_gap);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  li,
  a {
    min-width: 0;
  }

  a {
    display: flex;
    align-items: flex-start;
    gap: 0.75rem;
    color: var(--_link);
    text-decoration: none;
    border-radius: 2px;
  }

  a:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 3px;
  }

  a:hover .title,
  a:focus-visible .title {
    color: var(--_hover);
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }

  img,
  .placeholder {
    flex: none;
    width: var(--_thumb);
    /* In a narrow column the picture gives way, never the headline. */
    max-width: 35%;
    height: auto;
    aspect-ratio: 3 / 2;
    object-fit: cover;
    border-radius: var(--_radius);
    background: var(--_divider);
  }

  .text {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    min-width: 0;
  }

  .title {
    font-size: var(--_title-size);
    font-weight: var(--_title-weight);
    line-height: 1.3;
    overflow-wrap: break-word;
  }

  .meta {
    color: var(--_muted);
    font-size: 0.8125em;
  }

  .meta > * + *::before {
    content: ' · ';
  }

  .list > li + li {
    padding-top: var(--_gap);
    border-top: 1px solid var(--_divider);
  }

  .grid {
    grid-template-columns: repeat(auto-fill, minmax(min(var(--_column), 100%), 1fr));
  }

  .grid a {
    flex-direction: column;
    gap: 0.5rem;
  }

  .grid img,
  .grid .placeholder {
    width: 100%;
    max-width: none;
    aspect-ratio: 16 / 9;
  }

  .compact {
    gap: 0.75rem;
    counter-reset: rank;
  }

  .compact > li {
    flex-wrap: wrap;
    display: flex;
    align-items: baseline;
    gap: 0.75rem;
    counter-increment: rank;
  }

  .compact > li::before {
    content: counter(rank);
    min-width: 1.2em;
    color: var(--_accent);
    font-size: 1.5em;
    font-weight: 700;
    line-height: 1;
    font-variant-numeric: tabular-nums;
  }

  /* Beside the number even when explanations wrap onto their own line. */
  .compact a {
    flex: 1;
  }

  .compact img,
  .compact .placeholder {
    width: calc(var(--_thumb) * 0.6);
  }

  /* Outside the link, so explanations never join its accessible name. */
  .why {
    flex-basis: 100%;
    margin: 0.375rem 0 0;
    padding: 0;
    list-style: none;
    color: var(--_muted);
    font-size: 0.75em;
    overflow-wrap: anywhere;
  }

  @media (prefers-reduced-motion: no-preference) {
    .title {
      transition: color 0.15s ease-out;
    }
  }

  @media (forced-colors: active) {
    a:focus-visible {
      outline-color: Highlight;
    }

    .list > li + li {
      border-top-color: CanvasText;
    }

    .compact > li::before {
      color: CanvasText;
    }
  }
`;
