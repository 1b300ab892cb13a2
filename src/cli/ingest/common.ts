/**
 * Small helpers every format reader shares: URL resolution, images, people,
 * categories and problem records.
 */
import { safeUrl } from '../../core/url.js';
import { parseDate } from './date.js';
import { collapseWhitespace, toPlain, type HtmlImage } from './text.js';
import type { Draft, IngestCode, IngestProblem, RawImage, ReaderContext } from './types.js';

export function problem(
  ctx: Pick<ReaderContext, 'source'>,
  index: number,
  field: string,
  code: IngestCode,
  message: string,
  level: 'error' | 'warning',
  id?: string,
): IngestProblem {
  const result: IngestProblem = { source: ctx.source, index, field, code, message, level };
  if (id !== undefined) result.id = id;
  return result;
}

/** An absolute http(s) URL string, or `undefined`. */
export function resolveUrl(value: string | undefined, base: string | undefined): string | undefined {
  if (!value) return undefined;
  return safeUrl(value.trim(), base)?.href;
}

/** The first candidate that is an absolute http(s) URL, used as the base for relative links. */
export function pickBase(...candidates: (string | undefined)[]): string | undefined {
  for (const candidate of candidates) {
    if (candidate && safeUrl(candidate)) return candidate;
  }
  return undefined;
}

/** The manifest's image form: a bare URL unless there is more to say. */
export function toRawImage(image: HtmlImage | undefined, base: string | undefined): RawImage | undefined {
  if (!image) return undefined;
  const src = resolveUrl(image.src, base);
  if (!src) return undefined;
  if (image.alt === undefined && image.width === undefined && image.height === undefined) return src;
  const result: { src: string; alt?: string; width?: number; height?: number } = { src };
  if (image.alt) result.alt = image.alt;
  if (image.width) result.width = image.width;
  if (image.height) result.height = image.height;
  return result;
}

/**
 * A display name from an author field. RSS 2.0's `<author>` is an e-mail
 * address, optionally followed by "(Name)": the name is kept, a bare
 * address is not, because the widget would publish it on every page.
 */
export function personName(value: string | undefined): string | undefined {
  const text = toPlain(value);
  if (!text) return undefined;
  const paren = /^\S+@\S+\s*\(([^)]+)\)$/.exec(text);
  if (paren) return collapseWhitespace(paren[1]!);
  const angle = /^(.+?)\s*<\S+@\S+>$/.exec(text);
  if (angle) return collapseWhitespace(angle[1]!.replace(/^"|"$/g, ''));
  if (/^\S+@\S+\.\S+$/.test(text)) return undefined;
  return text;
}

/**
 * Tags in first-seen order without case-insensitive duplicates or empties.
 * WordPress's default category means "no category"; as a section it would
 * make every unfiled post related to every other.
 */
export function uniqueTags(values: (string | undefined)[]): string[] {
  const seen = new Set<string>(['uncategorized', 'uncategorised']);
  const tags: string[] = [];
  for (const value of values) {
    const tag = toPlain(value)?.replace(/\/+$/, '');
    if (!tag) continue;
    const key = tag.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  return tags;
}

/** BCP 47 casing: `en-us` → `en-US`, `PT_pt` → `pt-PT`. */
export function normalizeLang(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const parts = value.trim().replace(/_/g, '-').split('-').filter(Boolean);
  if (!parts.length || !/^[A-Za-z]{2,8}$/.test(parts[0]!)) return undefined;
  return parts
    .map((part, i) => (i === 0 ? part.toLowerCase() : part.length === 2 ? part.toUpperCase() : part.length === 4 ? part[0]!.toUpperCase() + part.slice(1).toLowerCase() : part.toLowerCase()))
    .join('-');
}

/**
 * Sets a date field on `draft` from the first candidate present; a value that
 * is present but unreadable becomes a warning rather than a wrong date.
 */
export function setDate(
  draft: Draft,
  field: 'publishedAt' | 'updatedAt',
  candidates: (string | undefined)[],
  ctx: ReaderContext,
  problems: IngestProblem[],
): void {
  let bad: string | undefined;
  for (const candidate of candidates) {
    if (!candidate) continue;
    const iso = parseDate(candidate);
    if (iso) {
      draft[field] = iso;
      return;
    }
    bad ??= candidate;
  }
  if (bad !== undefined) {
    problems.push(
      problem(ctx, draft.index, field, 'invalid-date', `${field} "${bad.slice(0, 60)}" is not a date; field dropped`, 'warning', draft.id),
    );
  }
}

/** Drops `undefined` and empty-array fields so records compare and serialise cleanly. */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    const field = value[key];
    if (field === undefined || field === '' || (Array.isArray(field) && field.length === 0)) delete value[key];
  }
  return value;
}
