/**
 * `loadInputs`: every input `readnext build` was given, read, recognised,
 * extracted and merged into raw article records. Nothing here throws on bad
 * input; an unusable input becomes one error-level problem that names it.
 */
import { basename, dirname, join } from 'node:path';
import { access } from 'node:fs/promises';
import { problem, resolveUrl } from './common.js';
import { detect, EXPECTED } from './detect.js';
import { readJsonFeed, readManifest } from './json-feed.js';
import { readMarkdownDocument, readMarkdownFolder } from './markdown.js';
import { mergeDrafts, type MergeSource } from './merge.js';
import { isHttpUrl, readInput, type Fetch } from './read.js';
import { readSitemap, sitemapIndexLocations } from './sitemap.js';
import type { Draft, IngestCode, IngestProblem, ParsedSource, RawArticle, ReaderContext, SourceSummary } from './types.js';
import { readAtom, readRss } from './xml-feed.js';

export interface LoadOptions {
  /** Site URL: resolves Markdown paths and relative links in feeds that name no base. */
  baseUrl?: string;
  /** "Now" in epoch ms; future-dated Markdown posts are skipped. Defaults to `Date.now()`. */
  now?: number;
  /** Used for http(s) inputs; defaults to the global `fetch`. */
  fetch?: typeof fetch;
}

export interface LoadResult {
  articles: RawArticle[];
  problems: IngestProblem[];
  sources: SourceSummary[];
}

/** Child sitemaps followed from one sitemap index, at most. */
const MAX_CHILD_SITEMAPS = 500;

interface Loaded {
  parsed: ParsedSource;
  /** Problems from documents reached through this input (child sitemaps, discovered feeds). */
  extra: IngestProblem[];
}

function fatal(format: string, code: IngestCode, message: string): ParsedSource {
  return { format, drafts: [], problems: [], fatal: { code, message } };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Parses one document. `depth` stops discovery loops: an HTML page may lead
 * to one feed, a sitemap index to its children, and no further.
 */
async function parseDocument(
  text: string,
  ctx: ReaderContext,
  input: string,
  fetchImpl: Fetch | undefined,
  depth: number,
): Promise<Loaded> {
  const detected = detect(text, input);
  const extra: IngestProblem[] = [];
  switch (detected.kind) {
    case 'unrecognized':
      return { parsed: fatal('unknown', detected.code, detected.reason), extra };
    case 'json':
      return {
        parsed: detected.format === 'jsonfeed' ? readJsonFeed(detected.value as Record<string, unknown>, ctx) : readManifest(detected.value, ctx),
        extra,
      };
    case 'markdown': {
      if (!ctx.baseUrl) return { parsed: fatal('markdown', 'missing-field', 'a Markdown post needs --base-url (the site URL it is served under)'), extra };
      const problems: IngestProblem[] = [];
      const draft = readMarkdownDocument(text, basename(input), 0, { ...ctx, baseUrl: ctx.baseUrl }, problems);
      return { parsed: { format: 'markdown', drafts: draft ? [draft] : [], problems }, extra };
    }
    case 'html': {
      const feed = detected.feedLinks.map((link) => resolveUrl(link, ctx.documentUrl)).find(Boolean);
      if (feed && depth === 0 && isHttpUrl(input)) {
        // A site's home page: follow the feed it advertises, as feed readers do.
        const child = await loadOne(feed, ctx, fetchImpl, depth + 1);
        return { parsed: child.parsed, extra: child.extra };
      }
      const hint = detected.feedLinks.length ? `; it is an HTML page that links to the feed ${detected.feedLinks[0]}` : '; it looks like an HTML page';
      return { parsed: fatal('unknown', 'unrecognized-format', `${EXPECTED} (root element <${detected.root}>${hint})`), extra };
    }
    case 'xml': {
      const { xml } = detected;
      let parsed: ParsedSource;
      if (detected.format === 'rss' || detected.format === 'rss1') parsed = readRss(xml, ctx);
      else if (detected.format === 'atom') parsed = readAtom(xml, ctx);
      else if (detected.format === 'sitemap') parsed = readSitemap(xml, ctx);
      else {
        parsed = { format: 'sitemap-index', drafts: [], problems: [] };
        if (depth > 0) {
          parsed.fatal = { code: 'unrecognized-format', message: 'a sitemap index inside a sitemap index is not followed' };
          return { parsed, extra };
        }
        const locations = sitemapIndexLocations(xml, ctx.documentUrl ?? ctx.baseUrl);
        if (locations.length > MAX_CHILD_SITEMAPS) {
          extra.push(problem(ctx, -1, 'sitemap', 'too-many', `${input}: lists ${locations.length} sitemaps; the first ${MAX_CHILD_SITEMAPS} are read`, 'warning'));
        }
        for (const location of locations.slice(0, MAX_CHILD_SITEMAPS)) {
          // A local index is usually saved beside its children: prefer the
          // sibling file of the same name to fetching the live one.
          const childName = basename(new URL(location, 'http://x/').pathname);
          const sibling = isHttpUrl(input) ? undefined : join(dirname(input), childName);
          const target = sibling && (await exists(sibling)) ? sibling : location;
          const child = await loadOne(target, { ...ctx, source: target }, fetchImpl, depth + 1);
          const offset = parsed.drafts.length;
          extra.push(...child.extra);
          // Item indices continue across children, as the drafts do, so the
          // merge knows which items already have their problem reported.
          for (const p of child.parsed.problems) parsed.problems.push(p.index >= 0 ? { ...p, index: p.index + offset } : p);
          if (child.parsed.fatal) {
            extra.push(problem({ source: target }, -1, 'document', child.parsed.fatal.code, `${target}: ${child.parsed.fatal.message}`, 'error'));
          }
          parsed.drafts.push(...child.parsed.drafts.map((draft): Draft => ({ ...draft, index: draft.index + offset })));
        }
      }
      if (xml.error) {
        parsed.problems.unshift(
          problem(ctx, -1, 'document', 'parse-error', `${input}: not well-formed XML (${xml.error}); read what could be read`, 'warning'),
        );
      }
      return { parsed, extra };
    }
  }
}

async function loadOne(input: string, ctx: ReaderContext, fetchImpl: Fetch | undefined, depth: number): Promise<Loaded> {
  const read = await readInput(input, fetchImpl);
  if (read.kind === 'failed') return { parsed: fatal('unknown', read.code, read.message), extra: [] };
  if (read.kind === 'dir') return { parsed: await readMarkdownFolder(read.path, ctx), extra: [] };
  const docCtx: ReaderContext = { ...ctx };
  if (read.url) docCtx.documentUrl = read.url;
  const loaded = await parseDocument(read.text, docCtx, input, fetchImpl, depth);
  if (read.warning) loaded.extra.push(problem(ctx, -1, 'encoding', 'parse-error', `${input}: ${read.warning}`, 'warning'));
  return loaded;
}

function describeDrops(total: number, dropped: Map<string, number>): string {
  if (total === 0) return 'it has no items';
  const reasons = [...dropped].map(([reason, count]) => `${count} ${reason}`).join(', ');
  return `none of its ${total} item${total === 1 ? '' : 's'} is usable${reasons ? ` (${reasons})` : ''}`;
}

/**
 * Reads every input (file, Markdown folder or http(s) URL), recognises its
 * format from the content, extracts raw article records and merges them by
 * canonical URL (earlier inputs win conflicting fields, later ones fill
 * missing fields). Never throws for bad input.
 */
export async function loadInputs(inputs: string[], options: LoadOptions = {}): Promise<LoadResult> {
  const now = options.now ?? Date.now();
  const problems: IngestProblem[] = [];
  const mergeSources: MergeSource[] = [];
  const fatalFlags: boolean[] = [];

  for (const input of inputs) {
    const ctx: ReaderContext = { source: input, now };
    if (options.baseUrl) ctx.baseUrl = options.baseUrl;
    let loaded: Loaded;
    try {
      loaded = await loadOne(input, ctx, options.fetch, 0);
    } catch (error) {
      // A reader bug must not take the whole build down with a stack trace.
      loaded = { parsed: fatal('unknown', 'parse-error', `could not be read: ${error instanceof Error ? error.message : String(error)}`), extra: [] };
    }
    const { parsed, extra } = loaded;
    problems.push(...parsed.problems, ...extra);
    if (parsed.fatal) {
      problems.push(problem(ctx, -1, 'document', parsed.fatal.code, `${input}: ${parsed.fatal.message}`, 'error'));
    }
    fatalFlags.push(Boolean(parsed.fatal));
    const reported = new Set(parsed.problems.filter((p) => p.level === 'error' && p.index >= 0).map((p) => p.index));
    mergeSources.push({ input, format: parsed.format, drafts: parsed.drafts, reported });
  }

  const merged = mergeDrafts(mergeSources);
  problems.push(...merged.problems);
  const sources = mergeSources.map((source, i): SourceSummary => {
    const count = merged.used[i]!;
    if (count === 0 && !fatalFlags[i]) {
      problems.push(
        problem({ source: source.input }, -1, 'document', 'missing-field', `${source.input}: no usable articles: ${describeDrops(source.drafts.length, merged.dropped[i]!)}`, 'error'),
      );
    }
    return { input: source.input, format: source.format, count };
  });
  return { articles: merged.articles, problems, sources };
}
