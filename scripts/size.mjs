#!/usr/bin/env node
// Prints the script-tag bundle's minified and gzip -9 sizes; with --check,
// fails when gzip -9 exceeds the budget. Size is deterministic, so a test
// can gate on it: every byte here is paid by every reader of every page.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 20_480;
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
console.log(`${FILE}: ${code.length} B min (${kib(code.length)}), ${gzip} B gzip -9 (${kib(gzip)}); budget ${BUDGET} B gzip -9, ${BUDGET - gzip} B left`);

if (check && gzip > BUDGET) {
  console.error(`size: ${FILE} is ${gzip} B gzip -9, ${gzip - BUDGET} B over the ${BUDGET} B budget.`);
  process.exit(1);
}
