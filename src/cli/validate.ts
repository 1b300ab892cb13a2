/**
 * `readnext validate`: the widget's own normalisation problems plus a check
 * against the JSON Schema shipped in the package, in one report.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { normalizeManifest } from '../core/normalize.js';
import type { Problem } from '../core/types.js';

const schemaUrl = new URL('../../schema/manifest.schema.json', import.meta.url);

let compiled: ((data: unknown) => boolean) & { errors?: { instancePath: string; keyword: string; message?: string }[] | null } | undefined;

function schemaValidator() {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    compiled = ajv.compile(JSON.parse(readFileSync(schemaUrl, 'utf8')));
  }
  return compiled;
}

export interface ValidationReport {
  articles: number;
  problems: Problem[];
  errors: number;
  warnings: number;
}

/**
 * Validates a parsed manifest. JSON Feed documents are checked by the
 * normaliser only (they follow their own spec, not readnext's schema).
 */
export function validateManifest(json: unknown, options: { manifestUrl?: string } = {}): ValidationReport {
  const normalized = normalizeManifest(json, options);
  const problems = [...normalized.problems];
  const isFeed = typeof (json as { version?: unknown })?.version === 'string';
  const validate = schemaValidator();
  if (!isFeed && !validate(json)) {
    // `if` reports only that a branch failed; the branch's own errors say why.
    for (const error of (validate.errors ?? []).filter((e) => e.keyword !== 'if')) {
      const match = /^(?:\/articles)?\/(\d+)(?:\/(\w+))?/.exec(error.instancePath);
      problems.push({
        index: match ? Number(match[1]) : -1,
        field: match?.[2] ?? error.instancePath,
        code: 'schema',
        message: `schema: ${error.instancePath || '/'} ${error.message ?? 'is invalid'}`,
        level: 'error',
      });
    }
  }
  // A field failing both the normaliser and the schema is reported by each; identical messages only once.
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.index}|${p.field}|${p.code}|${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const errors = unique.filter((p) => p.level === 'error').length;
  return { articles: normalized.articles.length, problems: unique, errors, warnings: unique.length - errors };
}

/** `readnext validate <manifest>`: prints every problem; exit 1 when any is an error. */
export async function runValidate(
  path: string,
  options: { json?: boolean; write: (text: string) => void; log: (line: string) => void },
): Promise<number> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    options.log(`readnext validate: ${path}: ${(error as Error).message}`);
    return 1;
  }
  const report = validateManifest(json);
  if (options.json) options.write(JSON.stringify(report, null, 2) + '\n');
  else {
    for (const p of report.problems) {
      const where = p.index < 0 ? 'manifest' : `record ${p.index}${p.id ? ` (${p.id})` : ''}`;
      options.write(`${p.level}: ${where}: ${p.field ? `${p.field}: ` : ''}${p.code}: ${p.message}\n`);
    }
    options.write(`${path}: ${report.articles} usable articles, ${report.errors} errors, ${report.warnings} warnings\n`);
  }
  return report.errors > 0 ? 1 : 0;
}
