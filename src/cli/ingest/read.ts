/**
 * Getting an input's bytes and turning them into text with the right
 * character set. Files are read as bytes because feeds still ship in
 * ISO-8859-1 and windows-1252, declared only inside the document.
 */
import { readFile, stat } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { C1_REMAP } from './text.js';

export type Fetch = typeof fetch;

/** An input after reading: a directory to walk, or a document's text. */
export type ReadResult =
  | { kind: 'dir'; path: string }
  | { kind: 'document'; text: string; encoding: string; url?: string; warning?: string }
  | { kind: 'failed'; code: 'fetch-failed' | 'http-error' | 'unreadable' | 'timeout'; message: string };

/** How long one http(s) input may take before it counts as failed. */
export const FETCH_TIMEOUT_MS = 30_000;

export function isHttpUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

function sniffBom(bytes: Uint8Array): { encoding: string; skip: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return undefined;
}

/** The `encoding` an XML declaration names, read from the ASCII-compatible head. */
function declaredXmlEncoding(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512));
  const match = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match?.[1];
}

/** `@charset` / `<meta charset>` for HTML-ish payloads is out of scope: inputs are feeds. */
function charsetFromContentType(contentType: string | null | undefined): string | undefined {
  const match = /charset\s*=\s*"?([A-Za-z0-9._:-]+)/i.exec(contentType ?? '');
  return match?.[1];
}

function decoderFor(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label);
  } catch {
    return undefined;
  }
}

/**
 * Decodes bytes by, in order: a byte-order mark, the XML declaration, the
 * HTTP charset, else UTF-8. Per the XML spec the document's own declaration
 * beats the transport's when there is no BOM, because servers mislabel feeds
 * far more often than feeds mislabel themselves. An encoding label the
 * platform does not know falls back to UTF-8 with a warning.
 */
export function decodeBytes(
  bytes: Uint8Array,
  contentType?: string | null,
): { text: string; encoding: string; warning?: string } {
  const bom = sniffBom(bytes);
  if (bom) {
    return { text: new TextDecoder(bom.encoding).decode(bytes.subarray(bom.skip)), encoding: bom.encoding };
  }
  // UTF-16 without a BOM still starts "<\0?\0" or "\0<\0?".
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0x00 && bytes[1] === 0x3c) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  const declared = declaredXmlEncoding(bytes) ?? charsetFromContentType(contentType);
  const label = declared ?? 'utf-8';
  const decoder = decoderFor(label);
  if (!decoder) {
    return {
      text: new TextDecoder('utf-8').decode(bytes),
      encoding: 'utf-8',
      warning: `declared encoding "${label}" is not supported; read as UTF-8`,
    };
  }
  let text: string;
  let warning: string | undefined;
  let encoding = decoder.encoding;
  if (encoding === 'utf-8') {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      // Feeds that claim (or default to) UTF-8 but were written by a
      // latin-1 CMS are common; windows-1252 recovers their accents.
      encoding = 'windows-1252';
      text = new TextDecoder('windows-1252').decode(bytes);
      warning = `not valid UTF-8${declared ? ` although it declares "${declared}"` : ''}; read as windows-1252`;
    }
  } else text = decoder.decode(bytes);
  if (encoding === 'windows-1252') {
    // Node 20's TextDecoder decodes windows-1252 (and the latin-1 labels the
    // WHATWG spec maps to it) as plain ISO-8859-1, leaving bytes 0x80–0x9F
    // as C1 controls; publishers meant curly quotes, dashes and €.
    text = text.replace(/[\u0080-\u009f]/g, (c) => {
      const mapped = C1_REMAP[c.charCodeAt(0)];
      return mapped === undefined ? c : String.fromCodePoint(mapped);
    });
  }
  return warning ? { text, encoding, warning } : { text, encoding };
}

function gunzipIfNeeded(bytes: Uint8Array): Uint8Array {
  // Sitemaps are commonly published as sitemap.xml.gz.
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return gunzipSync(bytes);
  return bytes;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file or directory';
    if (code === 'EACCES') return 'permission denied';
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}

/** Reads a file, folder or http(s) URL. Never throws: failures come back as `kind: 'failed'`. */
export async function readInput(input: string, fetchImpl: Fetch | undefined): Promise<ReadResult> {
  if (isHttpUrl(input)) {
    const doFetch = fetchImpl ?? globalThis.fetch;
    let response: Response;
    try {
      response = await doFetch(input, {
        headers: {
          accept:
            'application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
        },
        redirect: 'follow',
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
    } catch (error) {
      if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        return { kind: 'failed', code: 'timeout', message: `no response within ${FETCH_TIMEOUT_MS / 1000} s` };
      }
      return { kind: 'failed', code: 'fetch-failed', message: `could not fetch: ${describeError(error)}` };
    }
    if (!response.ok) {
      return { kind: 'failed', code: 'http-error', message: `HTTP ${response.status} ${response.statusText}`.trim() };
    }
    try {
      const bytes = gunzipIfNeeded(new Uint8Array(await response.arrayBuffer()));
      const decoded = decodeBytes(bytes, response.headers.get('content-type'));
      return { kind: 'document', ...decoded, url: response.url || input };
    } catch (error) {
      return { kind: 'failed', code: 'fetch-failed', message: `could not read the response: ${describeError(error)}` };
    }
  }
  try {
    const info = await stat(input);
    if (info.isDirectory()) return { kind: 'dir', path: input };
    const bytes = gunzipIfNeeded(new Uint8Array(await readFile(input)));
    return { kind: 'document', ...decodeBytes(bytes) };
  } catch (error) {
    return { kind: 'failed', code: 'unreadable', message: `cannot read: ${describeError(error)}` };
  }
}
