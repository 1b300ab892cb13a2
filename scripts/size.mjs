#!/usr/bin/env node
// Prints the script-tag bundle's minified and gzip -9 sizes against its
// budgets; with --check, fails when gzip -9 exceeds the enforced ceiling.
// Size is deterministic, so a test can gate on it: every byte here is paid by
// every reader of every page.
//
// TARGETS are the budgets the issues set (20,480 B for the first complete
// widget, 18,432 B with every feature); CEILING, what `npm test` enforces, is
// the stricter one (issue 5: "npm test enforces it from this issue on").
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { PARTS, partFile } from './parts-beside.mjs';

const TARGETS = [
  ['first complete widget (issue 2)', 20_480],
  ['all features (issue 5)', 18_432],
];
const CEILING = 18_432;
const FILE = 'dist/readnext.min.js';
const check = process.argv.includes('--check');

let code;
try {
  code = readFileSync(new URL(`../${FILE}`, import.meta.url));
} catch {
  console.error(`size: ${FILE} is missing; run \`npm run build\` first.`);
  process.exit(1);
}

const gzip = gzipSync(code, { level: 9 }).length;
const kib = (bytes) => `${(bytes / 1024).toFixed(2)} KiB`;
console.log(`${FILE}: ${code.length} B min (${kib(code.length)}), ${gzip} B gzip -9 (${kib(gzip)})`);
for (const [name, budget] of TARGETS) {
  console.log(`  target ${budget} B, ${name}: ${gzip <= budget ? 'met' : `NOT MET, ${gzip - budget} B over`}`);
}
console.log(`  enforced ceiling ${CEILING} B: ${gzip <= CEILING ? `${CEILING - gzip} B left` : `${gzip - CEILING} B over`}`);

// Not budgeted: the bundle's parts, each imported only by pages that need it
// (src/data/parts.ts, docs/architecture.md).
for (const part of PARTS) {
  const file = `dist/${partFile(part)}`;
  try {
    const code = readFileSync(new URL(`../${file}`, import.meta.url));
    console.log(`${file} (on demand): ${code.length} B min, ${gzipSync(code, { level: 9 }).length} B gzip -9`);
  } catch {
    console.error(`size: ${file} is missing; run \`npm run build\` first.`);
    process.exit(1);
  }
}

if (check && gzip > CEILING) {
  console.error(`size: ${FILE} is ${gzip} B gzip -9, ${gzip - CEILING} B over the enforced ${CEILING} B ceiling.`);
  process.exit(1);
}
