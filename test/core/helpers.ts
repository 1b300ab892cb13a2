/**
 * Small hand-made catalogues for ranking tests: articles are described by
 * their keywords only, with one-word titles no other article shares (a term
 * in one article alone is ignored by the ranker), so each expected order can
 * be worked out from shared keywords by hand. Each article gets its
 * build-time neighbours (`near`) as `build` computes them, unless
 * `{ near: false }` asks for a catalogue as an unbuilt manifest gives it;
 * `fieldWeights` are the build's (`readnext build --field-weights`).
 */
import { Catalog } from '../../src/core/catalog.js';
import { computeNear } from '../../src/core/neighbours.js';
import { normalizeManifest } from '../../src/core/normalize.js';
import type { FieldWeights } from '../../src/core/options.js';

export const NOW = Date.UTC(2026, 0, 31);
export const DAY = 86_400_000;

export interface Spec {
  id: string;
  keywords: string;
  title?: string;
  section?: string;
  tags?: string[];
  views?: number;
  ageDays?: number;
  sponsored?: boolean;
  noindex?: boolean;
}

export function catalog(specs: Spec[], { near = true, fieldWeights }: { near?: boolean; fieldWeights?: Partial<FieldWeights> } = {}): Catalog {
  const { articles, problems } = normalizeManifest(
    specs.map((s) => ({
      id: s.id,
      url: `https://news.example/${s.id}`,
      title: s.title ?? `Title${s.id}`,
      keywords: s.keywords.split(' ').filter(Boolean),
      ...(s.section && { section: s.section }),
      ...(s.tags && { tags: s.tags }),
      ...(s.views !== undefined && { views: s.views }),
      ...(s.ageDays !== undefined && { publishedAt: new Date(NOW - s.ageDays * DAY).toISOString() }),
      ...(s.sponsored && { sponsored: true }),
      ...(s.noindex && { noindex: true }),
    })),
  );
  if (problems.length > 0) throw new Error(JSON.stringify(problems));
  if (near) computeNear(articles, { ...(fieldWeights && { fieldWeights }) }).forEach((list, i) => (articles[i]!.near = list));
  return new Catalog(articles);
}
