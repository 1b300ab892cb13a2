// The script-tag bundle's way to its optional parts (text search, precomputed
// lists, storage on the reader's device), for every tool that builds it:
// src/data/parts.ts (dynamic imports that bundlers split off) becomes
// src/data/parts-script.ts (imports of readnext.<part>.min.js from beside the bundle).
// rollup.config.mjs builds the real bundle; the size and bench scripts build
// it with esbuild.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The parts, by name: `src/<name>.ts` built to `dist/readnext.<name>.min.js`. */
export const PARTS = ['search', 'shards', 'storage'];
/** A part's file name, beside `readnext.min.js`. */
export const partFile = (name) => `readnext.${name}.min.js`;

const SCRIPT = fileURLToPath(new URL('../src/data/parts-script.ts', import.meta.url));
const PARTS_MODULE = fileURLToPath(new URL('../src/data/parts.js', import.meta.url));
/** Whether `source`, imported by `importer`, is src/data/parts.ts (imported as `…/parts.js`). */
const isParts = (source, importer) => !!importer && /(^|\/)parts\.js$/.test(source) && resolve(dirname(importer), source) === PARTS_MODULE;

/** Rollup plugin. */
export const partsBesideScript = () => ({
  name: 'parts-beside-script',
  resolveId: (source, importer) => (isParts(source, importer) ? SCRIPT : null),
});

/** esbuild plugin. */
export const esbuildPartsBesideScript = () => ({
  name: 'parts-beside-script',
  setup(build) {
    build.onResolve({ filter: /(^|\/)parts\.js$/ }, (args) => (isParts(args.path, args.importer) ? { path: SCRIPT } : undefined));
  },
});
