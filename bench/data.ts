/**
 * Bench manifests: n distinct BBC-derived articles, made by the scale
 * bench's `generate(n)` (bench/generate.ts) so both benches measure the same
 * data, then put through the core's `buildManifest`, the build step a
 * publisher runs, so the widget gets what `readnext build` would write.
 *
 * The corpus (`../shared/corpora/bbc-news.json`) is read at run time: its
 * text is the BBC's, licensed for benchmarking only, and never enters the repo.
 */
import { existsSync } from 'node:fs';
import { buildManifest, type Manifest } from '../src/core/build.js';
import { DEFAULT_CORPUS, generate, loadCorpus } from './generate.js';

/** The corpus the BBC-derived rows need (`READNEXT_CORPUS` overrides it, as in the scale bench). */
export const CORPUS_PATH = process.env.READNEXT_CORPUS ?? DEFAULT_CORPUS;

export interface BenchManifest {
  manifest: Manifest;
  /** Milliseconds `buildManifest` took (normalisation and keyword extraction). */
  buildMs: number;
}

/** How the bench data is made, for the results page. */
export const DATA_SOURCE = 'bench/generate.ts `generate(n)` → src/core/build.ts `buildManifest`';

/** True when the corpus is present; without it the BBC-derived rows are skipped. */
export function corpusAvailable(): boolean {
  return existsSync(CORPUS_PATH);
}

let corpus: ReturnType<typeof loadCorpus> | undefined;

/** The built manifest of n distinct articles; the same n always gives the same bytes, so runs compare. */
export function benchManifest(n: number): BenchManifest {
  corpus ??= loadCorpus(CORPUS_PATH);
  const records = generate(n, 1, corpus);
  const t0 = performance.now();
  const { manifest } = buildManifest({ version: 1, articles: records });
  return { manifest, buildMs: performance.now() - t0 };
}
