/**
 * sitemap.xml to drafts. Only Google News sitemaps name a title; entries
 * without one are kept as partial drafts so they can still fill dates and
 * images into an article another input supplies, and are dropped with a
 * problem when nothing does.
 */
import { compact, normalizeLang, pickBase, problem, resolveUrl, setDate, uniqueTags } from './common.js';
import { toPlain } from './text.js';
import type { Draft, IngestProblem, ParsedSource, ReaderContext } from './types.js';
import { childText, children, type ParsedXml } from './xml.js';

export function readSitemap(xml: ParsedXml, ctx: ReaderContext): ParsedSource {
  const problems: IngestProblem[] = [];
  const base = pickBase(ctx.documentUrl, ctx.baseUrl);
  const drafts = children(xml.node, 'url').map((entry, index) => {
    const draft: Draft = { index };
    const loc = childText(entry, 'loc');
    const news = children(entry, 'news:news')[0];
    const publication = children(news, 'news:publication')[0];
    draft.title = toPlain(childText(news, 'news:title'));
    draft.lang = normalizeLang(childText(publication, 'news:language') ?? childText(news, 'news:language'));
    draft.tags = uniqueTags((childText(news, 'news:keywords') ?? '').split(','));
    if (draft.tags.length) draft.section = draft.tags[0];
    const image = children(entry, 'image:image')[0];
    const imageSrc = resolveUrl(childText(image, 'image:loc'), base);
    if (imageSrc) {
      const alt = toPlain(childText(image, 'image:caption', 'image:title'));
      draft.image = alt ? { src: imageSrc, alt } : imageSrc;
    }
    setDate(draft, 'publishedAt', [childText(news, 'news:publication_date')], ctx, problems);
    setDate(draft, 'updatedAt', [childText(entry, 'lastmod')], ctx, problems);
    if (loc) {
      const url = resolveUrl(loc, base);
      if (url) draft.url = url;
      else problems.push(problem(ctx, index, 'url', 'invalid-url', `<loc> "${loc.slice(0, 100)}" is not an http(s) URL`, 'error'));
    }
    return compact(draft);
  });
  return { format: xml.root === 'sitemapindex' ? 'sitemap-index' : 'sitemap', drafts, problems };
}

/** The child sitemaps a `<sitemapindex>` lists. */
export function sitemapIndexLocations(xml: ParsedXml, base: string | undefined): string[] {
  return children(xml.node, 'sitemap')
    .map((entry) => resolveUrl(childText(entry, 'loc'), base) ?? childText(entry, 'loc'))
    .filter((loc): loc is string => Boolean(loc));
}
