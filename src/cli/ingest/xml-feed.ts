/**
 * RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 1.0 (and 0.3) to drafts. Element
 * names arrive with canonical prefixes (see `xml.ts`), so `dc:creator` is
 * `dc:creator` whatever the feed called its Dublin Core prefix.
 */
import {
  compact,
  personName,
  pickBase,
  problem,
  resolveUrl,
  setDate,
  toRawImage,
  uniqueTags,
  normalizeLang,
} from './common.js';
import { firstImage, toBody, toPlain, toSummary, type HtmlImage } from './text.js';
import type { Draft, IngestProblem, ParsedSource, ReaderContext } from './types.js';
import { attr, childText, children, htmlOf, textOf, type ParsedXml, type XmlNode } from './xml.js';

const IMAGE_EXTENSION = /\.(jpe?g|png|gif|webp|avif|svg)(\?|#|$)/i;

function isImage(node: XmlNode, urlAttr: string): boolean {
  const type = attr(node, 'type');
  const medium = attr(node, 'medium');
  if (medium) return medium === 'image';
  if (type) return type.startsWith('image/');
  return IMAGE_EXTENSION.test(attr(node, urlAttr) ?? '');
}

function widest(candidates: HtmlImage[]): HtmlImage | undefined {
  let best: HtmlImage | undefined;
  for (const candidate of candidates) {
    if (!best || (candidate.width ?? 0) > (best.width ?? 0)) best = candidate;
  }
  return best;
}

function mediaImage(node: XmlNode, name: string): HtmlImage | undefined {
  const found: HtmlImage[] = [];
  const groups = [node, ...children(node, 'media:group')];
  for (const group of groups) {
    for (const media of children(group, name)) {
      const src = attr(media, 'url');
      if (!src || (name === 'media:content' && !isImage(media, 'url'))) continue;
      const image: HtmlImage = { src };
      const width = Number(attr(media, 'width'));
      const height = Number(attr(media, 'height'));
      if (width > 0) image.width = width;
      if (height > 0) image.height = height;
      const alt = toPlain(htmlOf(media, 'media:description', 'media:title'));
      if (alt) image.alt = alt;
      found.push(image);
    }
  }
  return widest(found);
}

/**
 * The article's picture, in order of how deliberately the publisher chose it:
 * Media RSS, image enclosures, the first real `<img>` in the content, and
 * last the podcast episode artwork.
 */
function itemImage(item: XmlNode, html: (string | undefined)[]): HtmlImage | undefined {
  const media = mediaImage(item, 'media:content') ?? mediaImage(item, 'media:thumbnail');
  if (media) return media;
  for (const enclosure of [...children(item, 'enclosure'), ...children(item, 'enc:enclosure')]) {
    const src = attr(enclosure, 'url') ?? attr(enclosure, 'rdf:resource') ?? attr(enclosure, 'resource');
    if (src && (attr(enclosure, 'type')?.startsWith('image/') ?? IMAGE_EXTENSION.test(src))) return { src };
  }
  for (const link of children(item, 'link')) {
    const href = attr(link, 'href');
    if (href && attr(link, 'rel') === 'enclosure' && attr(link, 'type')?.startsWith('image/')) return { src: href };
  }
  for (const fragment of html) {
    const image = firstImage(fragment);
    if (image) return image;
  }
  const artwork = attr(children(item, 'itunes:image')[0], 'href');
  return artwork ? { src: artwork } : undefined;
}

/** An Atom `<link>`'s href for the article page: rel=alternate (or none), HTML preferred. */
function atomAlternate(node: XmlNode, name = 'link'): string | undefined {
  const links = children(node, name).filter((link) => {
    const rel = attr(link, 'rel');
    return attr(link, 'href') && (!rel || rel === 'alternate');
  });
  const html = links.find((link) => /html/.test(attr(link, 'type') ?? 'text/html'));
  return attr(html ?? links[0], 'href');
}

function finishItem(
  draft: Draft,
  rawLink: string | undefined,
  base: string | undefined,
  ctx: ReaderContext,
  problems: IngestProblem[],
): Draft {
  if (rawLink) {
    const url = resolveUrl(rawLink, base);
    if (url) draft.url = url;
    else {
      problems.push(
        problem(ctx, draft.index, 'url', 'invalid-url', `link "${rawLink.slice(0, 100)}" is not an http(s) URL${base ? '' : ' and the feed names no base to resolve it against'}`, 'error', draft.id),
      );
    }
  }
  return compact(draft);
}

function readRssItem(
  item: XmlNode,
  index: number,
  channel: { base: string | undefined; lang: string | undefined },
  ctx: ReaderContext,
  problems: IngestProblem[],
): Draft {
  const draft: Draft = { index };
  const guid = childText(item, 'guid');
  if (guid) draft.id = guid;
  const guidNode = children(item, 'guid')[0];
  const guidIsLink = guid && attr(guidNode, 'isPermaLink') !== 'false' && /^https?:\/\//i.test(guid);
  const base = pickBase(attr(item, 'xml:base'), channel.base);
  const rawLink =
    childText(item, 'feedburner:origLink') ??
    childText(item, 'link') ??
    atomAlternate(item, 'atom:link') ??
    atomAlternate(item) ??
    (guidIsLink ? guid : undefined) ??
    attr(item, 'rdf:about');

  draft.title = toPlain(htmlOf(item, 'title', 'dc:title', 'media:title') ?? childText(item, 'itunes:title'));
  const description =
    htmlOf(item, 'description', 'dc:description', 'itunes:summary', 'media:description') ??
    htmlOf(children(item, 'media:group')[0], 'media:description');
  const content = htmlOf(item, 'content:encoded', 'content', 'body');
  draft.summary = toSummary(description) ?? toSummary(content);
  draft.body = toBody(content ?? description);
  draft.image = toRawImage(itemImage(item, [content, description]), base);

  const categories = children(item, 'category').map((node) => textOf(node) ?? attr(node, 'term'));
  const subjects = children(item, 'dc:subject').flatMap((node) => (textOf(node) ?? '').split(/[,;]/));
  const tags = uniqueTags([...categories, ...subjects]);
  draft.tags = tags;
  draft.section = toPlain(childText(item, 'prism:section')) ?? tags[0];
  draft.author = personName(childText(item, 'dc:creator')) ?? personName(childText(item, 'author')) ?? personName(childText(item, 'itunes:author'));
  setDate(draft, 'publishedAt', [
    childText(item, 'pubDate'), childText(item, 'dc:date'), childText(item, 'dcterms:issued'),
    childText(item, 'dcterms:created'), childText(item, 'atom:published'), childText(item, 'prism:publicationDate'),
  ], ctx, problems);
  setDate(draft, 'updatedAt', [
    childText(item, 'atom:updated'), childText(item, 'dcterms:modified'), childText(item, 'dc:modified'),
  ], ctx, problems);
  draft.lang = normalizeLang(childText(item, 'dc:language') ?? attr(item, 'xml:lang')) ?? channel.lang;
  return finishItem(draft, rawLink, base, ctx, problems);
}

/** RSS 0.91–2.0 (`<rss>`) and RSS 0.90/1.0 (`<rdf:RDF>`). */
export function readRss(xml: ParsedXml, ctx: ReaderContext): ParsedSource {
  const problems: IngestProblem[] = [];
  const channel = children(xml.node, 'channel')[0] ?? {};
  const format = xml.root === 'rss' ? 'rss' : 'rss1';
  const base = pickBase(
    attr(xml.node, 'xml:base'),
    attr(channel, 'xml:base'),
    childText(channel, 'link'),
    atomAlternate(channel, 'atom:link'),
    ctx.documentUrl,
    ctx.baseUrl,
  );
  const lang = normalizeLang(
    childText(channel, 'language', 'dc:language') ?? attr(channel, 'xml:lang') ?? attr(xml.node, 'xml:lang'),
  );
  // RSS 1.0 puts items beside the channel; some broken 2.0 feeds do too.
  const items = [...children(channel, 'item'), ...children(xml.node, 'item')];
  const drafts = items.map((item, index) => readRssItem(item, index, { base, lang }, ctx, problems));
  return { format, drafts, problems };
}

/** Atom 1.0 (and the 0.3 drafts still served by old blogs). */
export function readAtom(xml: ParsedXml, ctx: ReaderContext): ParsedSource {
  const problems: IngestProblem[] = [];
  const feed = xml.node;
  const feedBase = pickBase(attr(feed, 'xml:base'), atomAlternate(feed), ctx.documentUrl, ctx.baseUrl);
  const feedLang = normalizeLang(attr(feed, 'xml:lang') ?? childText(feed, 'dc:language'));
  const feedAuthor = personName(childText(children(feed, 'author')[0], 'name'));
  const drafts = children(feed, 'entry').map((entry, index) => {
    const draft: Draft = { index };
    const id = childText(entry, 'id');
    if (id) draft.id = id;
    const entryBase = pickBase(resolveUrl(attr(entry, 'xml:base'), feedBase), feedBase);
    const rawLink = childText(entry, 'feedburner:origLink') ?? atomAlternate(entry);
    draft.title = toPlain(htmlOf(entry, 'title', 'media:title'));
    const summary =
      htmlOf(entry, 'summary', 'media:description') ?? htmlOf(children(entry, 'media:group')[0], 'media:description');
    const contentNode = children(entry, 'content')[0];
    // Out-of-line content (`src=`) is a link to elsewhere, not the text.
    const content = attr(contentNode, 'src') ? undefined : htmlOf(entry, 'content');
    draft.summary = toSummary(summary) ?? toSummary(content);
    draft.body = toBody(content ?? summary);
    draft.image = toRawImage(itemImage(entry, [content, summary]), entryBase);
    const tags = uniqueTags(children(entry, 'category').map((node) => attr(node, 'label') ?? attr(node, 'term') ?? textOf(node)));
    draft.tags = tags;
    draft.section = tags[0];
    draft.author =
      personName(childText(children(entry, 'author')[0], 'name')) ??
      personName(childText(entry, 'dc:creator')) ??
      feedAuthor;
    setDate(draft, 'publishedAt', [
      childText(entry, 'published'), childText(entry, 'issued'), childText(entry, 'created'), childText(entry, 'dc:date'),
    ], ctx, problems);
    setDate(draft, 'updatedAt', [childText(entry, 'updated'), childText(entry, 'modified')], ctx, problems);
    // Atom requires <updated> but not <published>; an updated date still
    // says more about recency than none.
    if (!draft.publishedAt && draft.updatedAt) draft.publishedAt = draft.updatedAt;
    draft.lang = normalizeLang(attr(entry, 'xml:lang')) ?? feedLang;
    return finishItem(draft, rawLink, entryBase, ctx, problems);
  });
  return { format: 'atom', drafts, problems };
}
