/**
 * XML parsing shared by the feed and sitemap readers, on fast-xml-parser.
 *
 * Feeds name their extension elements with whatever prefix they like
 * (`atom10:link`, `dcterms:modified`, an RSS 1.0 default namespace), so
 * element and attribute names are rewritten to one fixed prefix per known
 * namespace URI before the readers look at them.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Canonical prefix per namespace URI; '' means "read as unprefixed". */
const KNOWN_NAMESPACES: Readonly<Record<string, string>> = {
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://search.yahoo.com/mrss/': 'media',
  'http://search.yahoo.com/mrss': 'media',
  'http://www.w3.org/2005/Atom': 'atom',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://rssnamespace.org/feedburner/ext/1.0': 'feedburner',
  'http://www.google.com/schemas/sitemap-news/0.9': 'news',
  'http://www.google.com/schemas/sitemap-image/1.1': 'image',
  'http://www.google.com/schemas/sitemap-video/1.1': 'video',
  'http://www.sitemaps.org/schemas/sitemap/0.9': 'sitemap',
  'http://purl.org/rss/1.0/modules/prism/': 'prism',
  'http://prismstandard.org/namespaces/basic/2.0/': 'prism',
  'http://purl.oclc.org/net/rss_2.0/enc#': 'enc',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://purl.org/rss/1.0/': 'rss',
  'http://my.netscape.com/rdf/simple/0.9/': 'rss',
  'http://www.w3.org/XML/1998/namespace': 'xml',
};

/**
 * The namespace a document's root element is in is read unprefixed, so an
 * Atom feed written as `<atom:feed>` reads like `<feed>`; these are the
 * namespaces that can be a document's main vocabulary.
 */
const MAIN_VOCABULARIES = new Set(['atom', 'rss', 'sitemap']);

export type XmlNode = Record<string, unknown>;

/**
 * Elements whose content may be HTML (escaped, in CDATA, or raw; Atom titles
 * can be `type="xhtml"`). Read them with {@link htmlOf}.
 */
const HTML_FIELDS = [
  'title', 'dc:title', 'media:title', 'description', 'content:encoded', 'content', 'summary', 'subtitle',
  'itunes:summary', 'media:description', 'body',
];

export interface ParsedXml {
  /** Local name of the root element, after prefix normalisation (e.g. `rss`, `rdf:RDF`, `feed`). */
  root: string;
  /** The root element's content. */
  node: XmlNode;
  /** Set when the document is not well-formed; parsing still went as far as it could. */
  error?: string;
}

function prefixMap(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const match of text.matchAll(/\bxmlns:([A-Za-z_][\w.-]*)\s*=\s*["']([^"']*)["']/g)) {
    const canonical = KNOWN_NAMESPACES[match[2]!.trim()];
    if (canonical !== undefined && !map.has(match[1]!)) map.set(match[1]!, canonical);
  }
  const rootMatch = /<(?![?!])([A-Za-z_][\w.:-]*)([^>]*)>/.exec(text);
  const defaultNs = rootMatch ? /\bxmlns\s*=\s*["']([^"']*)["']/.exec(rootMatch[2] ?? '')?.[1] : undefined;
  const rootVocabulary = defaultNs ? KNOWN_NAMESPACES[defaultNs.trim()] : undefined;
  const rootPrefix = rootMatch?.[1]?.includes(':') ? rootMatch[1].split(':')[0] : undefined;
  const prefixedVocabulary = rootPrefix ? map.get(rootPrefix) : undefined;
  for (const vocabulary of [rootVocabulary, prefixedVocabulary]) {
    if (vocabulary && MAIN_VOCABULARIES.has(vocabulary)) {
      for (const [prefix, canonical] of map) if (canonical === vocabulary) map.set(prefix, '');
    }
  }
  return map;
}

function renamer(map: Map<string, string>): (name: string) => string {
  return (name) => {
    const colon = name.indexOf(':');
    if (colon < 0) return name;
    const prefix = name.slice(0, colon);
    const canonical = map.get(prefix);
    if (canonical === undefined) return name;
    return canonical ? `${canonical}:${name.slice(colon + 1)}` : name.slice(colon + 1);
  };
}

/**
 * Parses an XML document leniently: real feeds are often not well-formed, so
 * a validation failure is reported in `error` and parsing continues. Returns
 * `undefined` when there is no element at all.
 */
export function parseXml(text: string): ParsedXml | undefined {
  const map = prefixMap(text);
  const rename = renamer(map);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    // Fields that carry HTML are kept raw: feeds put unescaped markup in
    // them, which would otherwise be parsed as XML children and lose its order.
    stopNodes: HTML_FIELDS.map((name) => `*.${name}`),
    transformTagName: rename,
    transformAttributeName: (name) => rename(name),
  });
  let parsed: unknown;
  let failure: string | undefined;
  try {
    parsed = parser.parse(text);
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
    // A feed cut off mid-transfer still has whole items before the cut:
    // keep everything up to the last one that closed.
    const cut = Math.max(text.lastIndexOf('</item>'), text.lastIndexOf('</entry>'), text.lastIndexOf('</url>'));
    if (cut < 0) return { root: '', node: {}, error: failure };
    try {
      parsed = parser.parse(text.slice(0, text.indexOf('>', cut) + 1));
    } catch {
      return { root: '', node: {}, error: failure };
    }
  }
  if (!parsed || typeof parsed !== 'object') return undefined;
  const keys = Object.keys(parsed).filter((key) => !key.startsWith('?') && !key.startsWith('#'));
  if (keys.length === 0) return undefined;
  const root = keys[0]!;
  const value = (parsed as XmlNode)[root];
  const node: XmlNode = value && typeof value === 'object' && !Array.isArray(value) ? (value as XmlNode) : {};
  const result: ParsedXml = { root, node };
  const valid = XMLValidator.validate(text);
  if (failure) result.error = failure;
  else if (valid !== true) result.error = `line ${valid.err.line}: ${valid.err.msg.replace(/\s+/g, ' ')}`;
  else if (keys.length > 1) result.error = `more than one root element (<${keys.join('>, <')}>)`;
  return result;
}

/** `value` as an array: absent → [], one → [one]. */
export function all(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** Children of `node` named `name`, as objects (text-only children become `{ '#text': … }`). */
export function children(node: unknown, name: string): XmlNode[] {
  if (!node || typeof node !== 'object') return [];
  return all((node as XmlNode)[name]).map((child) =>
    child && typeof child === 'object' ? (child as XmlNode) : { '#text': String(child) },
  );
}

/** The text content of a node (`undefined` when empty). */
export function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'object') return textOf((value as XmlNode)['#text']);
  const text = String(value).trim();
  return text || undefined;
}

/** Text of the first child named `name`. */
export function childText(node: unknown, ...names: string[]): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  for (const name of names) {
    for (const child of all((node as XmlNode)[name])) {
      const text = textOf(child);
      if (text) return text;
    }
  }
  return undefined;
}

/** An attribute's value. */
export function attr(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const value = (node as XmlNode)[`@_${name}`];
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text || undefined;
}

const XML_ENTITY: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The HTML inside a raw (stop-node) element: CDATA sections as written,
 * everything else with XML's own escaping undone once, so `&lt;p&gt;`,
 * `<![CDATA[<p>]]>` and a bare `<p>` all come out as the tag `<p>`.
 */
export function rawToHtml(raw: string): string {
  let html = '';
  for (const part of raw.split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)) {
    if (part.startsWith('<![CDATA[')) html += part.slice(9, -3);
    else {
      html += part.replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g, (whole, ref: string) => {
        if (ref[0] !== '#') return XML_ENTITY[ref] ?? whole;
        const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      });
    }
  }
  return html.trim();
}

/** HTML content of the first non-empty child named one of `names`. */
export function htmlOf(node: unknown, ...names: string[]): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  for (const name of names) {
    for (const child of all((node as XmlNode)[name])) {
      const raw = textOf(child);
      if (raw) {
        const html = rawToHtml(raw);
        if (html) return html;
      }
    }
  }
  return undefined;
}
