#!/usr/bin/env node
// Where the script-tag bundle's bytes come from (not readnext.search.min.js,
// which it loads on demand): bundles src/bundle.ts with
// esbuild (minified, like the real build but without terser's property
// mangling) and lists each module's minified bytes, biggest first, with the
// totals for our own code and for each dependency. A guide for size work; the
// budget itself is `scripts/size.mjs` on the real rollup build.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { esbuildPartsBesideScript } from './parts-beside.mjs';

const result = await build({
  entryPoints: [new URL('../src/bundle.ts', import.meta.url).pathname],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2021',
  write: false,
  metafile: true,
  logLevel: 'error',
  // As in rollup.config.mjs: the bundle loads text search from a file beside it.
  plugins: [esbuildPartsBesideScript()],
});
const [output] = Object.values(result.metafile.outputs);
const rows = Object.entries(output.inputs)
  .map(([path, { bytesInOutput }]) => [path.replace(/^node_modules\/((@[^/]+\/)?[^/]+).*/, '$1'), bytesInOutput])
  .sort((a, b) => b[1] - a[1]);
const groups = new Map();
for (const [path, bytes] of rows) {
  const group = path.startsWith('src/') ? path.split('/').slice(0, path.split('/').length > 2 ? 2 : 1).join('/') : path;
  groups.set(group, (groups.get(group) ?? 0) + bytes);
}
const code = result.outputFiles[0].contents;
console.log(`esbuild bundle: ${code.length} B min, ${gzipSync(code, { level: 9 }).length} B gzip -9 (the rollup build is smaller)`);
console.log('\nby group:');
for (const [group, bytes] of [...groups].sort((a, b) => b[1] - a[1])) console.log(`  ${String(bytes).padStart(6)}  ${group}`);
console.log('\nby module:');
for (const [path, bytes] of rows) if (bytes > 0) console.log(`  ${String(bytes).padStart(6)}  ${path}`);
