/**
 * `readnext build <inputs...> -o FILE`: manifest JSON in, built manifest out.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { buildManifest, type BuildResult } from '../core/build.js';
import { gzipBytes } from './eval.js';
import type { Problem } from '../core/types.js';

export interface BuildCommandOptions {
  output?: string;
  /** Where messages go; the CLI passes stderr. */
  log: (line: string) => void;
  /** Where the manifest goes without `-o`; the CLI passes stdout. */
  write: (text: string) => void;
}

/**
 * Reads every input and concatenates their article records.
 *
 * Seam for the feeds work: today each input must be a manifest JSON document
 * (object with `articles`, bare array, or JSON Feed). `src/cli/ingest`'s
 * `loadInputs()` (RSS, Atom, sitemaps, Markdown) replaces this function, and
 * nothing else here needs to change: buildManifest() accepts any document
 * normalizeManifest() does.
 */
export async function readInputs(paths: readonly string[]): Promise<unknown> {
  const records: unknown[] = [];
  let homePageUrl: string | undefined;
  for (const path of paths) {
    const doc: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (Array.isArray(doc)) records.push(...doc);
    else if (doc && typeof doc === 'object') {
      const d = doc as Record<string, unknown>;
      homePageUrl ??= typeof d.home_page_url === 'string' ? d.home_page_url : undefined;
      if (Array.isArray(d.articles)) records.push(...d.articles);
      else if (Array.isArray(d.items)) return paths.length === 1 ? doc : Promise.reject(new Error(`${path}: JSON Feed inputs can only be built one at a time for now`));
      else throw new Error(`${path}: expected a manifest with "articles", an array of articles, or a JSON Feed`);
    } else throw new Error(`${path}: expected a JSON object or array`);
  }
  return { version: 1, ...(homePageUrl && { home_page_url: homePageUrl }), articles: records };
}

export async function runBuild(inputs: readonly string[], options: BuildCommandOptions): Promise<number> {
  let result: BuildResult;
  try {
    result = buildManifest(await readInputs(inputs), { compressedSize: gzipBytes });
  } catch (error) {
    options.log(`readnext build: ${(error as Error).message}`);
    return 1;
  }
  for (const problem of result.problems) options.log(formatProblem(problem));
  const json = JSON.stringify(result.manifest) + '\n';
  if (options.output) await writeFile(options.output, json);
  else options.write(json);
  const errors = result.problems.filter((p) => p.level === 'error' && p.index === -1).length;
  options.log(`readnext build: ${result.manifest.articles.length} articles${options.output ? ` written to ${options.output}` : ''}`);
  return errors > 0 || result.manifest.articles.length === 0 ? 1 : 0;
}

function formatProblem(p: Problem): string {
  const where = p.index < 0 ? 'manifest' : `record ${p.index}${p.id ? ` (${p.id})` : ''}`;
  return `${p.level}: ${where}: ${p.message}`;
}
