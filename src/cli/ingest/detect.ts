/**
 * Deciding what a document is from its content, not its file name: feeds
 * are served as `.xml`, `.rss`, `.php` or nothing, and one of the shared
 * test feeds is an Atom feed named `.rss`.
 */
import { isJsonFeed, isManifest } from './json-feed.js';
import { parseXml, type ParsedXml } from './xml.js';

export type Detected =
  | { kind: 'json'; format: 'jsonfeed' | 'manifest'; value: unknown }
  | { kind: 'xml'; format: 'rss' | 'rss1' | 'atom' | 'sitemap' | 'sitemap-index'; xml: ParsedXml }
  | { kind: 'markdown' }
  | { kind: 'html'; root: string; feedLinks: string[] }
  | { kind: 'unrecognized'; code: 'unrecognized-format' | 'parse-error'; reason: string };

const XML_FORMATS: Readonly<Record<string, 'rss' | 'rss1' | 'atom' | 'sitemap' | 'sitemap-index'>> = {
  rss: 'rss',
  'rdf:RDF': 'rss1',
  RDF: 'rss1',
  feed: 'atom',
  urlset: 'sitemap',
  sitemapindex: 'sitemap-index',
};

export const EXPECTED = 'not an RSS, Atom, JSON Feed, sitemap or manifest document';

function preview(text: string): string {
  const line = text.trim().split(/\r?\n/)[0] ?? '';
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}

/** Feed URLs an HTML page advertises with `<link rel="alternate">`. */
export function feedLinksInHtml(html: string): string[] {
  const links: string[] = [];
  for (const match of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = match[0];
    if (!/rel\s*=\s*["']?alternate/i.test(tag)) continue;
    if (!/type\s*=\s*["']?application\/(rss|atom|feed)\+(xml|json)/i.test(tag)) continue;
    const href = /href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    const value = href?.[1] ?? href?.[2] ?? href?.[3];
    if (value) links.push(value);
  }
  return links;
}

/**
 * What `text` is. `name` (a path or URL) is consulted only for Markdown
 * without front matter, which has nothing in its content to recognise it by.
 */
export function detect(text: string, name = ''): Detected {
  const trimmed = text.replace(/^\ufeff/, '').trimStart();
  if (/\.(md|markdown|mdx)$/i.test(name) && !trimmed.startsWith('<') && !trimmed.startsWith('{')) return { kind: 'markdown' };
  if (!trimmed) return { kind: 'unrecognized', code: 'unrecognized-format', reason: `${EXPECTED} (the file is empty)` };

  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      return { kind: 'unrecognized', code: 'parse-error', reason: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
    }
    if (isJsonFeed(value)) return { kind: 'json', format: 'jsonfeed', value };
    if (isManifest(value)) return { kind: 'json', format: 'manifest', value };
    const keys = value && typeof value === 'object' ? Object.keys(value).slice(0, 5).join(', ') : typeof value;
    return { kind: 'unrecognized', code: 'unrecognized-format', reason: `${EXPECTED} (JSON with ${keys ? `keys ${keys}` : 'no keys'}; a JSON Feed needs "version": "https://jsonfeed.org/version/1.1", a manifest needs "articles")` };
  }

  if (/^(---|\+\+\+)\s*\r?\n/.test(trimmed)) return { kind: 'markdown' };

  if (trimmed.startsWith('<')) {
    if (/^(<!--[\s\S]*?-->\s*)*<!doctype\s+html|^(<!--[\s\S]*?-->\s*)*<html[\s>]/i.test(trimmed)) {
      return { kind: 'html', root: 'html', feedLinks: feedLinksInHtml(trimmed) };
    }
    const xml = parseXml(trimmed);
    if (!xml || !xml.root) {
      return { kind: 'unrecognized', code: 'parse-error', reason: `not well-formed XML${xml?.error ? ` (${xml.error})` : ''}` };
    }
    const format = XML_FORMATS[xml.root];
    if (format) return { kind: 'xml', format, xml };
    if (xml.root === 'html' || xml.root === 'head' || xml.root === 'body') {
      return { kind: 'html', root: xml.root, feedLinks: feedLinksInHtml(trimmed) };
    }
    return { kind: 'unrecognized', code: 'unrecognized-format', reason: `${EXPECTED} (root element <${xml.root}>)` };
  }
  return { kind: 'unrecognized', code: 'unrecognized-format', reason: `${EXPECTED} (plain text starting "${preview(trimmed)}")` };
}
