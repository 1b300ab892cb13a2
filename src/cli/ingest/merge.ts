/**
 * Merging drafts from several inputs into one record per canonical URL.
 * Field by field: the earliest input that has a field wins it; later inputs
 * only fill fields still missing. Required fields are checked after the
 * merge, so a sitemap entry without a title survives when a feed supplies
 * the title.
 */
import { canonicalUrl } from '../../core/url.js';
import { problem } from './common.js';
import type { Draft, IngestProblem, RawArticle } from './types.js';

/** One input's drafts, in input order. */
export interface MergeSource {
  input: string;
  format: string;
  drafts: Draft[];
  /** Draft indices a reader already reported an error for (an unusable link, a non-object item). */
  reported?: ReadonlySet<number>;
}

export interface MergeResult {
  articles: RawArticle[];
  problems: IngestProblem[];
  /** Per source (same order as given): how many of its drafts reached an article. */
  used: number[];
  /** Per source: why its unused drafts were dropped, counted by reason. */
  dropped: Map<string, number>[];
}

/** Output field order, so manifests diff cleanly between runs. */
const FIELD_ORDER: readonly (keyof RawArticle)[] = [
  'id', 'url', 'title', 'summary', 'image', 'section', 'tags', 'author', 'publishedAt', 'updatedAt', 'lang',
  'views', 'views24h', 'views7d', 'views30d', 'keywords', 'sponsored', 'noindex', 'body',
];

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

interface Entry {
  key: string;
  merged: Partial<RawArticle>;
  contributors: { source: number; index: number; id?: string }[];
}

export function mergeDrafts(sources: MergeSource[]): MergeResult {
  const problems: IngestProblem[] = [];
  const used = sources.map(() => 0);
  const dropped = sources.map(() => new Map<string, number>());
  const byKey = new Map<string, Entry>();
  const drop = (source: number, reason: string) => dropped[source]!.set(reason, (dropped[source]!.get(reason) ?? 0) + 1);

  sources.forEach((source, sourceIndex) => {
    const seenHere = new Set<string>();
    for (const draft of source.drafts) {
      const key = draft.url ? canonicalUrl(draft.url) : undefined;
      if (!key) {
        // Readers already reported links that were present but unusable.
        if (!source.reported?.has(draft.index)) {
          problems.push(
            problem(
              { source: source.input },
              draft.index,
              'url',
              'missing-field',
              `item ${draft.index + 1}${draft.title ? ` ("${draft.title.slice(0, 60)}")` : ' (no title either)'} has no link to the article; dropped`,
              'error',
              draft.id,
            ),
          );
        }
        drop(sourceIndex, 'without a usable link');
        continue;
      }
      if (seenHere.has(key)) {
        problems.push(
          problem({ source: source.input }, draft.index, 'url', 'duplicate-url', `${key} appears earlier in this input; fields merged into the first`, 'warning', draft.id),
        );
      }
      seenHere.add(key);
      let entry = byKey.get(key);
      if (!entry) {
        entry = { key, merged: {}, contributors: [] };
        byKey.set(key, entry);
      }
      const contributor: Entry['contributors'][number] = { source: sourceIndex, index: draft.index };
      if (draft.id !== undefined) contributor.id = draft.id;
      entry.contributors.push(contributor);
      const target = entry.merged as Record<string, unknown>;
      for (const [field, value] of Object.entries(draft)) {
        if (field === 'index' || isMissing(value)) continue;
        if (isMissing(target[field])) target[field] = value;
      }
    }
  });

  const articles: RawArticle[] = [];
  for (const entry of byKey.values()) {
    const merged = entry.merged;
    if (typeof merged.title !== 'string' || !merged.title.trim()) {
      const first = entry.contributors[0]!;
      const source = sources[first.source]!;
      const hint = source.format.startsWith('sitemap') ? ' (only Google News sitemaps carry titles; add a feed that has this article)' : '';
      problems.push(
        problem({ source: source.input }, first.index, 'title', 'missing-field', `${entry.key} has no title${hint}; dropped`, 'error', first.id),
      );
      for (const contributor of entry.contributors) drop(contributor.source, 'without a title');
      continue;
    }
    const article: Record<string, unknown> = {};
    merged.id ??= entry.key;
    for (const field of FIELD_ORDER) if (merged[field] !== undefined) article[field] = merged[field];
    articles.push(article as unknown as RawArticle);
    for (const contributor of entry.contributors) used[contributor.source]! += 1;
  }
  return { articles, problems, used, dropped };
}
