/**
 * Turning the HTML and entity-laden strings that feeds carry into plain text:
 * the summary a card shows and the body keyword extraction reads.
 */

/**
 * HTML 4 named entities (name:hex code point), plus `apos`. Feeds routinely
 * use HTML entities inside XML and JSON without declaring them, so the XML
 * parser leaves them for us; the HTML 4 set covers what publishers emit
 * without shipping the 2,000-entry HTML5 table.
 */
const ENTITY_TABLE =
  'AElig:c6 Aacute:c1 Acirc:c2 Agrave:c0 Alpha:391 Aring:c5 Atilde:c3 Auml:c4 Beta:392 ' +
  'Ccedil:c7 Chi:3a7 Dagger:2021 Delta:394 ETH:d0 Eacute:c9 Ecirc:ca Egrave:c8 ' +
  'Epsilon:395 Eta:397 Euml:cb Gamma:393 Iacute:cd Icirc:ce Igrave:cc Iota:399 Iuml:cf ' +
  'Kappa:39a Lambda:39b Mu:39c Ntilde:d1 Nu:39d OElig:152 Oacute:d3 Ocirc:d4 Ograve:d2 ' +
  'Omega:3a9 Omicron:39f Oslash:d8 Otilde:d5 Ouml:d6 Phi:3a6 Pi:3a0 Prime:2033 Psi:3a8 ' +
  'Rho:3a1 Scaron:160 Sigma:3a3 THORN:de Tau:3a4 Theta:398 Uacute:da Ucirc:db Ugrave:d9 ' +
  'Upsilon:3a5 Uuml:dc Xi:39e Yacute:dd Yuml:178 Zeta:396 aacute:e1 acirc:e2 acute:b4 ' +
  'aelig:e6 agrave:e0 alefsym:2135 alpha:3b1 amp:26 and:2227 ang:2220 aring:e5 ' +
  'asymp:2248 atilde:e3 auml:e4 bdquo:201e beta:3b2 brvbar:a6 bull:2022 cap:2229 ' +
  'ccedil:e7 cedil:b8 cent:a2 chi:3c7 circ:2c6 clubs:2663 cong:2245 copy:a9 crarr:21b5 ' +
  'cup:222a curren:a4 dArr:21d3 dagger:2020 darr:2193 deg:b0 delta:3b4 diams:2666 ' +
  'divide:f7 eacute:e9 ecirc:ea egrave:e8 empty:2205 emsp:2003 ensp:2002 epsilon:3b5 ' +
  'equiv:2261 eta:3b7 eth:f0 euml:eb euro:20ac exist:2203 fnof:192 forall:2200 ' +
  'frac12:bd frac14:bc frac34:be frasl:2044 gamma:3b3 ge:2265 gt:3e hArr:21d4 harr:2194 ' +
  'hearts:2665 hellip:2026 iacute:ed icirc:ee iexcl:a1 igrave:ec image:2111 infin:221e ' +
  'int:222b iota:3b9 iquest:bf isin:2208 iuml:ef kappa:3ba lArr:21d0 lambda:3bb ' +
  'lang:2329 laquo:ab larr:2190 lceil:2308 ldquo:201c le:2264 lfloor:230a lowast:2217 ' +
  'loz:25ca lrm:200e lsaquo:2039 lsquo:2018 lt:3c macr:af mdash:2014 micro:b5 middot:b7 ' +
  'minus:2212 mu:3bc nabla:2207 nbsp:a0 ndash:2013 ne:2260 ni:220b not:ac notin:2209 ' +
  'nsub:2284 ntilde:f1 nu:3bd oacute:f3 ocirc:f4 oelig:153 ograve:f2 oline:203e ' +
  'omega:3c9 omicron:3bf oplus:2295 or:2228 ordf:aa ordm:ba oslash:f8 otilde:f5 ' +
  'otimes:2297 ouml:f6 para:b6 part:2202 permil:2030 perp:22a5 phi:3c6 pi:3c0 piv:3d6 ' +
  'plusmn:b1 pound:a3 prime:2032 prod:220f prop:221d psi:3c8 quot:22 rArr:21d2 ' +
  'radic:221a rang:232a raquo:bb rarr:2192 rceil:2309 rdquo:201d real:211c reg:ae ' +
  'rfloor:230b rho:3c1 rlm:200f rsaquo:203a rsquo:2019 sbquo:201a scaron:161 sdot:22c5 ' +
  'sect:a7 shy:ad sigma:3c3 sigmaf:3c2 sim:223c spades:2660 sub:2282 sube:2286 sum:2211 ' +
  'sup:2283 sup1:b9 sup2:b2 sup3:b3 supe:2287 szlig:df tau:3c4 there4:2234 theta:3b8 ' +
  'thetasym:3d1 thinsp:2009 thorn:fe tilde:2dc times:d7 trade:2122 uArr:21d1 uacute:fa ' +
  'uarr:2191 ucirc:fb ugrave:f9 uml:a8 upsih:3d2 upsilon:3c5 uuml:fc weierp:2118 xi:3be ' +
  'yacute:fd yen:a5 yuml:ff zeta:3b6 zwj:200d zwnj:200c ';

const NAMED: ReadonlyMap<string, string> = new Map(
  (ENTITY_TABLE + ' apos:27')
    .split(/\s+/)
    .filter(Boolean)
    .map((pair) => {
      const [name, hex] = pair.split(':') as [string, string];
      return [name, String.fromCodePoint(parseInt(hex, 16))];
    }),
);

/** Windows-1252 code points for bytes (and HTML numeric references) 128–159. */
export const C1_REMAP: Readonly<Record<number, number>> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020,
  0x87: 0x2021, 0x88: 0x2c6, 0x89: 0x2030, 0x8a: 0x160, 0x8b: 0x2039, 0x8c: 0x152,
  0x8e: 0x17d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022,
  0x96: 0x2013, 0x97: 0x2014, 0x98: 0x2dc, 0x99: 0x2122, 0x9a: 0x161, 0x9b: 0x203a,
  0x9c: 0x153, 0x9e: 0x17e, 0x9f: 0x178,
};

function fromCodePoint(code: number): string {
  if (C1_REMAP[code] !== undefined) return String.fromCodePoint(C1_REMAP[code]);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

/**
 * Decodes numeric and HTML 4 named character references. Unknown names are
 * left as written, which is what browsers do and keeps "AT&T" intact.
 */
export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);?/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const hex = ref[1] === 'x' || ref[1] === 'X';
      const code = parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10);
      return Number.isFinite(code) ? fromCodePoint(code) : whole;
    }
    // Named references without the semicolon are only honoured for the
    // common ones, so query strings like "?a=1&copy=2" survive.
    const named = NAMED.get(ref);
    if (named === undefined) return whole;
    if (!whole.endsWith(';') && !['amp', 'lt', 'gt', 'quot', 'nbsp'].includes(ref)) return whole;
    return named;
  });
}

/** Collapses every run of whitespace (including no-break spaces) to one space. */
export function collapseWhitespace(value: string): string {
  return value.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}

const BLOCK_TAG =
  /^\/?(p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|thead|tbody|blockquote|pre|section|article|header|footer|figure|figcaption|aside|nav|main)\b/i;

/**
 * Plain text from an HTML fragment: scripts, styles and comments removed,
 * block boundaries turned into spaces so words do not run together, tags
 * dropped, entities decoded, whitespace collapsed. A lone "<" that does not
 * start a tag (as in "a < b") is kept as text.
 */
export function htmlToText(html: string): string {
  if (!html) return '';
  let text = html
    .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/<(script|style|noscript|template|iframe|svg|head)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ');
  text = text.replace(/<\/?([A-Za-z][\w:-]*)\b(?:[^>"']|"[^"]*"|'[^']*')*>/g, (tag, name: string) =>
    BLOCK_TAG.test(tag.slice(1)) || BLOCK_TAG.test(name) ? ' ' : '',
  );
  return collapseWhitespace(decodeEntities(text));
}

/** Default cap on summaries, in characters including the ellipsis. */
export const SUMMARY_MAX = 300;

/**
 * Shortens `text` to at most `max` characters, cutting on a word boundary and
 * ending with "…". Text already short enough is returned unchanged.
 */
export function capText(text: string, max: number = SUMMARY_MAX): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const room = chars.slice(0, max - 1).join('');
  const space = room.lastIndexOf(' ');
  // Text without spaces (CJK, long URLs) is cut mid-word rather than emptied.
  const cut = space > max * 0.5 ? room.slice(0, space) : room;
  return cut.replace(/[\s,;:.\-–—(]+$/u, '') + '…';
}

/**
 * Trailers that feed generators append to every item and that say nothing
 * about the article: WordPress/Yoast's "The post X appeared first on Y.",
 * "Continue reading…", "Read more" links.
 */
const BOILERPLATE = [
  /\s*The post .{1,300}? appeared first on .{1,200}?\.?$/,
  /\s*(Continue reading|Read more|Read the full (story|article))\s*(\.{3}|…|»|→)?\s*$/i,
];

export function stripBoilerplate(text: string): string {
  let result = text;
  for (const pattern of BOILERPLATE) result = result.replace(pattern, '');
  // "[...]" marks a generator's own truncation: keep the mark, in the form
  // the summary cap uses.
  return result.replace(/\s*\[(…|\.\.\.)\]\s*$/, '…').trim();
}

/** A summary as the widget shows it: plain text, capped; `undefined` when empty. */
export function toSummary(html: string | undefined, max: number = SUMMARY_MAX): string | undefined {
  if (!html) return undefined;
  const text = stripBoilerplate(htmlToText(html));
  return text ? capText(text, max) : undefined;
}

/** Upper bound on `body`, so a pathological feed cannot exhaust memory in keyword extraction. */
export const BODY_MAX = 50_000;

/** Body text for keyword extraction; `undefined` when empty. */
export function toBody(html: string | undefined): string | undefined {
  if (!html) return undefined;
  const text = stripBoilerplate(htmlToText(html));
  if (!text) return undefined;
  return text.length > BODY_MAX ? capText(text, BODY_MAX) : text;
}

/** Plain single-line text for titles, authors and categories (they often carry markup). */
export function toPlain(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = htmlToText(value);
  return text || undefined;
}

/** Image URLs that are feed furniture: FeedBurner flares and pixels, stats beacons, ad servers. */
const TRACKER = /feeds\.feedburner\.com\/|feedproxy\.google\.com\/|\/~r\/|\/~ff\/|pixel|beacon|stats\.wordpress\.com|doubleclick\.net|\/b\?/i;

export interface HtmlImage {
  src: string;
  alt?: string;
  width?: number;
  height?: number;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  if (!match) return undefined;
  return decodeEntities(match[1] ?? match[2] ?? match[3] ?? '');
}

function dimension(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const n = parseInt(value, 10);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/**
 * The first `<img>` in an HTML fragment that is plausibly the article's
 * picture: small images and feed furniture are skipped.
 */
export function firstImage(html: string | undefined): HtmlImage | undefined {
  if (!html || !/<img/i.test(html)) return undefined;
  for (const match of html.matchAll(/<img\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi)) {
    const tag = match[0];
    const src = attribute(tag, 'src') ?? attribute(tag, 'data-src');
    if (!src || src.startsWith('data:')) continue;
    const width = dimension(attribute(tag, 'width'));
    const height = dimension(attribute(tag, 'height'));
    // Declared sizes under 50 px are icons, avatars, emoji and tracking
    // pixels, never the article's picture.
    if ((width !== undefined && width < 50) || (height !== undefined && height < 50)) continue;
    if (TRACKER.test(src)) continue;
    const image: HtmlImage = { src };
    const alt = attribute(tag, 'alt');
    if (alt) image.alt = collapseWhitespace(alt);
    if (width !== undefined) image.width = width;
    if (height !== undefined) image.height = height;
    return image;
  }
  return undefined;
}
