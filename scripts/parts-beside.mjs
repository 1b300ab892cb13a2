// The script-tag bundle's way to its optional parts (text search, precomputed
// lists), for every tool that builds it: src/data/parts.ts (dynamic imports
// that bundlers split off) becomes src/data/parts-script.ts (imports of
// readnext.search.min.js and readnext.shards.min.js from beside the bundle).
// rollup.config.mjs builds the real bundle; the size and bench scripts build
// it with esbuild.
import { fileURLToPath } from 'node:url';

/** The parts, by name: `src/<name>.ts` built to `dist/readnext.<name>.min.js`. */
export const PARTS = ['search', 'shards'];
/** A part's file name, beside `readnext.min.js`. */
export const partFile = (name) => `readnext.${name}.min.js`;

const SCRIPT = fileURLToPath(new URL('../src/data/parts-script.ts', import.meta.url));
const fromStore = (source, importer) => source === './parts.js' && /[\\/]src[\\/]data[\\/]store\.ts$/.test(importer ?? '');

/** Rollup plugin. */
export const partsBesideScript = () => ({
  name: 'parts-beside-script',
  resolveId: (source, importer) => (fromStore(source, importer) ? SCRIPT : null),
});

/** esbuild plugin. */
export const esbuildPartsBesideScript = () => ({
  name: 'parts-beside-script',
  setup(build) {
    build.onResolve({ filter: /^\.\/parts\.js$/ }, (args) => (fromStore(args.path, args.importer) ? { path: SCRIPT } : undefined));
  },
});
