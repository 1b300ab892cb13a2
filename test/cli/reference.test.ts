// docs/reference.md is generated from the Custom Elements Manifest by
// scripts/reference.mjs, and the manifest from the elements' source; these
// tests fail when the committed reference is stale, when the manifest misses
// what Lit really declares, when readnext/react lacks a prop for an event,
// and when the class headers document parts, custom properties, slots or
// events the source does not have (or the reverse). The script runs as a
// child process, as a developer runs it.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ReadnextPopularElement } from '../../src/elements/readnext-popular.js';
import { ReadnextRelatedElement } from '../../src/elements/readnext-related.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'reference.mjs');
const ELEMENTS = join(ROOT, 'src', 'elements');
const REGENERATE = 'node scripts/reference.mjs';

interface Named {
  name: string;
  description?: string;
}
interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: (Named & { fieldName?: string })[];
  events?: (Named & { type?: { text: string } })[];
  cssParts?: Named[];
  cssProperties?: Named[];
  slots?: Named[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[]; exports?: { kind: string; name: string; declaration: { name: string; module?: string } }[] }[];
}

const run = promisify(execFile);
const reference = async (...args: string[]): Promise<string> => (await run(process.execPath, [SCRIPT, ...args], { cwd: ROOT, maxBuffer: 16 << 20 })).stdout;

let manifest: Manifest;
let generated: string;

function element(tag: string): Declaration {
  const found = manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName === tag);
  assert.ok(found, `custom-elements.json has no <${tag}>`);
  return found;
}

const elements = (): Declaration[] => ['readnext-related', 'readnext-popular'].map(element);

/** All matches of `pattern`'s first group in the element sources (tests and declaration files aside). */
function inSource(pattern: RegExp): Set<string> {
  const found = new Set<string>();
  for (const file of readdirSync(ELEMENTS)) {
    if (!file.endsWith('.ts') || /\.(test|d)\.ts$/.test(file)) continue;
    for (const match of readFileSync(join(ELEMENTS, file), 'utf8').matchAll(pattern)) found.add(match[1] ?? '');
  }
  return found;
}

/** Names documented on either element, each with a description. */
function documented(kind: 'cssParts' | 'cssProperties' | 'slots' | 'events'): Set<string> {
  const names = new Set<string>();
  for (const { tagName, [kind]: items = [] } of elements()) {
    for (const item of items) {
      assert.ok(item.description?.trim(), `<${tagName}>'s ${kind} entry ${JSON.stringify(item.name)} has no description`);
      names.add(item.name);
    }
  }
  return names;
}

function assertSameSet(actual: Set<string>, expected: Set<string>, what: string): void {
  const missing = [...expected].filter((name) => !actual.has(name));
  const extra = [...actual].filter((name) => !expected.has(name));
  assert.deepEqual(
    { undocumented: missing, 'documented but not in the source': extra },
    { undocumented: [], 'documented but not in the source': [] },
    `${what}: update the class JSDoc (@attr, @csspart, @cssproperty, @slot, @event) in src/elements, then run \`${REGENERATE}\``,
  );
}

describe('element reference', () => {
  before(async () => {
    [manifest, generated] = await Promise.all([reference('--json').then((json) => JSON.parse(json) as Manifest), reference('--stdout')]);
  });

  it('docs/reference.md is what scripts/reference.mjs generates from the current source', () => {
    const committed = readFileSync(join(ROOT, 'docs', 'reference.md'), 'utf8');
    if (committed === generated) return;
    const lines = committed.split('\n');
    const at = generated.split('\n').findIndex((line, index) => line !== lines[index]);
    assert.fail(
      `docs/reference.md is out of date with the elements' JSDoc (first difference at line ${at + 1}); regenerate it with \`${REGENERATE}\` and commit the result.`,
    );
  });

  it('lists exactly the attributes Lit observes, for both elements', () => {
    for (const [tag, ctor] of [['readnext-related', ReadnextRelatedElement], ['readnext-popular', ReadnextPopularElement]] as const) {
      const names = (element(tag).attributes ?? []).map((attribute) => attribute.name);
      assert.deepEqual([...names].sort(), [...ctor.observedAttributes].sort(), `<${tag}> attributes`);
    }
    assert.ok(element('readnext-related').attributes?.some((attribute) => attribute.name === 'article-id' && attribute.fieldName === 'articleId'));
    assert.ok(element('readnext-popular').attributes?.some((attribute) => attribute.name === 'window'));
  });

  it('names the tags, the module that registers them and the error event', () => {
    const definitions = manifest.modules.flatMap((module) =>
      (module.exports ?? []).filter((entry) => entry.kind === 'custom-element-definition').map((entry) => [entry.name, module.path, entry.declaration.module]),
    );
    assert.deepEqual(definitions.sort(), [
      ['readnext-popular', 'dist/define.js', 'dist/elements/readnext-popular.js'],
      ['readnext-related', 'dist/define.js', 'dist/elements/readnext-related.js'],
    ]);
    for (const { tagName, events = [] } of elements()) assert.ok(events.some((event) => event.name === 'readnext-error'), `<${tagName}> readnext-error`);
    assert.ok(manifest.modules.every((module) => module.path.startsWith('dist/') && module.path.endsWith('.js')), 'paths name the published modules');
  });

  it('gives readnext/react an on* prop for every event the elements fire', () => {
    const wrapper = readFileSync(join(ROOT, 'src', 'react.ts'), 'utf8');
    for (const { events = [] } of elements()) {
      for (const { name } of events) {
        const prop = `on${name.replace(/(?:^|-)([a-z])/g, (_, letter: string) => letter.toUpperCase())}`;
        assert.match(wrapper, new RegExp(`\\b${prop}: '${name}'`), `src/react.ts maps ${prop} to '${name}'`);
      }
    }
  });

  it('documents every CSS part the templates render, and no other', () => {
    const parts = [...inSource(/\bpart="([^"]+)"/g)].flatMap((value) => value.split(/\s+/)).filter((name) => name && !name.includes('${'));
    assertSameSet(documented('cssParts'), new Set(parts), 'CSS parts');
  });

  it('documents every --readnext-* custom property the styles read, and no other', () => {
    assertSameSet(documented('cssProperties'), inSource(/var\(\s*(--readnext-[\w-]+)/g), 'CSS custom properties');
  });

  it('documents every slot and every dispatched event, and no other', () => {
    assertSameSet(documented('slots'), inSource(/<slot\b(?:[^>]*?\bname="([^"]*)")?[^>]*>/g), 'slots');
    // Every event goes through `_emit('ready' | 'click' | …)`, which fires `readnext-<type>`.
    const emitted = [...inSource(/\b_emit\(\s*'([a-z][\w-]*)'/g)].map((type) => `readnext-${type}`);
    const constructed = [...inSource(/(?:new\s+(?:Custom)?Event(?:<[^>]*>)?|super)\(\s*'([a-z][\w-]*)'/g)].filter((name) => !name.endsWith('-'));
    assertSameSet(documented('events'), new Set([...emitted, ...constructed]), 'events');
  });
});
