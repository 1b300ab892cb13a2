/**
 * Shared styles of both elements. A public `--readnext-*` property used in
 * more than one rule maps to a private `--_*` variable on the host; one used
 * once is read, with its default, where it is used (a test checks every
 * private variable is defined, mapped and used, and that every public
 * property is documented).
 *
 * Written one rule per line because every byte of this text reaches every
 * reader. The why, rule by rule:
 * - `--_c`, `--readnext-link-color` and the fonts have no fallback: undefined,
 *   they leave the page's inherited colour and fonts, the default we want; a
 *   theme (`theme` attribute) supplies its own colours through `var(--_c, …)`.
 * - `light-dark()` follows the host's `color-scheme`: the page's, or the
 *   `theme` attribute's (`light`, `dark`, or any value for the reader's preference).
 * - The host is an inline-size container so layouts follow the column they sit in,
 *   not the viewport: a narrow `grid` becomes rows with a thumbnail beside the title.
 *   Written as a narrow override rather than a wide-only rule: a page that
 *   unsets the host's `container-type` then keeps the full grid.
 * - Empty or failed blocks collapse, except an empty block with an `empty`
 *   slot (the `e` custom state, set by the element). A rule of its own, so a
 *   browser without `:state()` drops only it, and still collapses the rest.
 * - In a narrow column the picture gives way (`max-width: 35%`), never the headline.
 * - Explanations sit outside the link so they never join its accessible name.
 */
import { unsafeCSS } from 'lit';

/**
 * A tag for the one static stylesheet below. Lit's `css` vets interpolated
 * values (with a long error message in the bundle); this text has none, so
 * it goes to Lit as it is. Named `css` so the build squeezes its whitespace.
 */
const css = (text: TemplateStringsArray) => unsafeCSS(text[0]);

export const styles = css`
:host{--_c:var(--readnext-color);--_a:var(--readnext-accent-color,light-dark(#0b57d0,#a8c7fa));--_d:var(--readnext-divider-color,color-mix(in srgb,currentColor 16%,transparent));--_g:var(--readnext-gap,1rem);--_r:var(--readnext-radius,6px);--_t:var(--readnext-thumbnail-width,6.5rem);display:block;container-type:inline-size;min-height:var(--readnext-min-height,0);color:var(--_c);font-family:var(--readnext-font)}
:host([hidden]),:host([state=error]),:host([state=empty]){display:none}
:host([state=empty]:state(e):not([hidden])){display:block}
:host([theme]){color-scheme:light dark}
:host([theme=light]){color-scheme:light}
:host([theme=dark]){color-scheme:dark}
:host([theme]) section{padding:var(--_g);border-radius:var(--_r);color:var(--_c,light-dark(#1d1f23,#e4e6ea));background:var(--readnext-background,light-dark(#fff,#16181d))}
#h{margin:0 0 .75em;font-family:var(--readnext-heading-font);font-size:var(--readnext-heading-size,1.25rem);line-height:1.25}
ol{display:grid;gap:var(--_g);margin:0;padding:0;list-style:none}
li,a,.x{min-width:0}
a{display:flex;align-items:flex-start;gap:.75rem;color:var(--readnext-link-color);text-decoration:none;border-radius:2px}
a:focus-visible{outline:2px solid var(--_a);outline-offset:3px}
a:hover .title,a:focus-visible .title{color:var(--readnext-link-hover-color,var(--_a));text-decoration:underline;text-underline-offset:.15em}
img,.p{flex:none;width:var(--_t);max-width:35%;height:auto;aspect-ratio:3/2;object-fit:cover;border-radius:var(--_r);background:var(--_d)}
.x{display:flex;flex-direction:column;gap:.25rem}
.title{font-size:var(--readnext-title-size,1rem);font-weight:var(--readnext-title-weight,600);line-height:1.3;overflow-wrap:break-word}
.m,.s,.w{color:var(--readnext-muted-color,color-mix(in srgb,currentColor 66%,transparent));font-size:.8125em}
.s{font-weight:600}
.m>*+*::before{content:' · '}
.list>li+li{padding-top:var(--_g);border-top:1px solid var(--_d)}
.grid{grid-template-columns:repeat(auto-fill,minmax(min(var(--readnext-column-min-width,13rem),100%),1fr))}
.grid a{flex-direction:column;gap:.5rem}
.grid :is(img,.p){width:100%;max-width:none;aspect-ratio:16/9}
.compact{gap:.75rem;counter-reset:r}
.compact>li{display:flex;flex-wrap:wrap;align-items:baseline;gap:.75rem;counter-increment:r}
.compact>li::before{content:counter(r);min-width:1.2em;color:var(--_a);font-size:1.5em;font-weight:700;line-height:1;font-variant-numeric:tabular-nums}
.compact a{flex:1}
.compact :is(img,.p){width:calc(var(--_t)*.6)}
.w{flex-basis:100%;margin:.375rem 0 0;padding:0;list-style:none;font-size:.75em;overflow-wrap:anywhere}
@container (max-width:26rem){.grid a{flex-direction:row;gap:.75rem}.grid :is(img,.p){width:var(--_t);max-width:35%;aspect-ratio:3/2}}
@media (prefers-reduced-motion:no-preference){.title{transition:color .15s}}
@media (forced-colors:active){a:focus-visible{outline-color:Highlight}.p{border:1px solid}}
`;
