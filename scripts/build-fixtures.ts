#!/usr/bin/env node
// Builds the element tests' manifest (test/fixtures/elements/news.json) from
// its hand-written source (news.source.json) with the core's build step, as a
// publisher's `readnext build` would: keywords and `near` neighbour lists
// added. The fixture keeps root-relative URLs (the test server serves them),
// so the build runs against a placeholder origin that is stripped again.
// `npm run fixtures` rewrites it; test/core/fixtures.test.ts fails when stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildManifest } from '../src/core/build.js';

const ORIGIN = 'https://fixture.invalid';
const dir = new URL('../test/fixtures/elements/', import.meta.url);

export function builtFixture(): string {
  const source: unknown = JSON.parse(readFileSync(new URL('news.source.json', dir), 'utf8'));
  const { manifest, problems } = buildManifest(source, { manifestUrl: `${ORIGIN}/test/fixtures/elements/news.json` });
  if (problems.length) throw new Error(`news.source.json: ${problems.map((p) => p.message).join('; ')}`);
  return JSON.stringify(manifest, null, 1).replaceAll(`"${ORIGIN}/`, '"/') + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('news.json', dir), builtFixture());
  console.log('wrote test/fixtures/elements/news.json');
}
