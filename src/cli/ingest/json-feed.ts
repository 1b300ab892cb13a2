/**
 * JSON Feed 1.0/1.1 and existing readnext manifests to drafts.
 */
import { isObject, type Json } from '../../core/json.js';
import { canonicalUrl } from '../../core/url.js';
import { compact, normalizeLang, personName, pickBase, problem, resolveUrl, setDate, toRawImage, uniqueTags } from './common.js';
import { capText, firstImage, toBody, toPlain, toSummary, SUMMARY_MAX } from './text.js';
import type { Draft, IngestProblem, ParsedSource, RawArticle, ReaderContext } from './types.js';

function str(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** True for a JSON Feed: `version` is a jsonfeed.org URL. */
export function isJsonFeed(value: unknown): value is Json {
  return isObject(value) && typeof value.version === 'string' && /jsonfeed\.org\/version\//.test(value.version);
}

/** True for a readnext manifest: `{ version: 1, articles: [...] }` or a bare array. */
export function isManifest(value: unknown): boolean {
  return Array.isArray(value) || (isObject(value) && Array.isArray(value.articles));
}

export function readJsonFeed(feed: Json, ctx: ReaderContext): ParsedSource {
  const problems: IngestProblem[] = [];
  const base = pickBase(str(feed.home_page_url), ctx.documentUrl, str(feed.feed_url), ctx.baseUrl);
  const feedLang = normalizeLang(feed.language);
  const feedAuthor = authorOf(feed);
  const items = Array.isArray(feed.items) ? feed.items : [];
  const drafts = items.map((item, index): Draft => {
    const draft: Draft = { index };
    if (!isObject(item)) {
      problems.push(problem(ctx, index, 'item', 'not-an-object', 'item is not an object', 'error'));
      return draft;
    }
    const id = str(item.id);
    if (id) draft.id = id;
    draft.title = toPlain(str(item.title));
    const html = str(item.content_html);
    const text = str(item.content_text);
    draft.summary = toSummary(str(item.summary)) ?? toSummary(html) ?? (text ? capText(text.replace(/\s+/g, ' '), SUMMARY_MAX) : undefined);
    draft.body = toBody(html) ?? (text ? text.replace(/\s+/g, ' ').trim() : undefined);
    const imageUrl = str(item.image) ?? str(item.banner_image);
    draft.image = imageUrl ? resolveUrl(imageUrl, base) : toRawImage(firstImage(html), base);
    const tags = uniqueTags(Array.isArray(item.tags) ? item.tags.map(str) : []);
    draft.tags = tags;
    draft.section = tags[0];
    draft.author = authorOf(item) ?? feedAuthor;
    setDate(draft, 'publishedAt', [str(item.date_published)], ctx, problems);
    setDate(draft, 'updatedAt', [str(item.date_modified)], ctx, problems);
    draft.lang = normalizeLang(item.language) ?? feedLang;
    const rawLink = str(item.url) ?? str(item.external_url) ?? (id && /^https?:/i.test(id) ? id : undefined);
    if (rawLink) {
      const url = resolveUrl(rawLink, base);
      if (url) draft.url = url;
      else problems.push(problem(ctx, index, 'url', 'invalid-url', `url "${rawLink.slice(0, 100)}" is not an http(s) URL`, 'error', id));
    }
    return compact(draft);
  });
  return { format: 'jsonfeed', drafts, problems };
}

function authorOf(node: Json): string | undefined {
  const authors = Array.isArray(node.authors) ? node.authors : node.author ? [node.author] : [];
  for (const author of authors) {
    const name = isObject(author) ? personName(str(author.name)) : personName(str(author));
    if (name) return name;
  }
  return undefined;
}

const PASS_THROUGH = [
  'id', 'url', 'title', 'summary', 'image', 'section', 'tags', 'author', 'publishedAt', 'updatedAt', 'lang', 'body',
  'views', 'views24h', 'views7d', 'views30d', 'keywords', 'sponsored', 'noindex',
] as const satisfies readonly (keyof RawArticle)[];

/**
 * An existing manifest's records, passed through as they are: the core's
 * normalisation validates them later with its own reasons. Only the URL is
 * resolved here, because merging needs it.
 */
export function readManifest(value: unknown, ctx: ReaderContext): ParsedSource {
  const problems: IngestProblem[] = [];
  const doc = isObject(value) ? value : {};
  const records: unknown[] = Array.isArray(value) ? value : Array.isArray(doc.articles) ? doc.articles : [];
  if (isObject(value) && value.version !== undefined && value.version !== 1) {
    return {
      format: 'manifest',
      drafts: [],
      problems,
      fatal: { code: 'unsupported-version', message: `manifest version ${JSON.stringify(value.version)} is not supported (expected 1)` },
    };
  }
  const base = pickBase(str(doc.home_page_url), ctx.documentUrl, ctx.baseUrl);
  const drafts = records.map((record, index): Draft => {
    const draft: Draft = { index };
    if (!isObject(record)) {
      problems.push(problem(ctx, index, 'article', 'not-an-object', 'article is not an object', 'error'));
      return draft;
    }
    const target = draft as Record<string, unknown>;
    for (const key of PASS_THROUGH) if (record[key] !== undefined && record[key] !== null) target[key] = record[key];
    if (typeof record.id === 'number') draft.id = String(record.id);
    if (typeof record.url === 'string') {
      const url = canonicalUrl(record.url, base) ? resolveUrl(record.url, base) : undefined;
      if (url) draft.url = url;
      else {
        delete draft.url;
        problems.push(problem(ctx, index, 'url', 'invalid-url', `url "${record.url.slice(0, 100)}" is not an http(s) URL`, 'error', str(record.id)));
      }
    } else delete draft.url;
    if (typeof draft.title !== 'string' || !draft.title.trim()) delete draft.title;
    return draft;
  });
  return { format: 'manifest', drafts, problems };
}
