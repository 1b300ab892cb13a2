#!/usr/bin/env node
// Writes docs/reference.md, the element reference, from the Custom Elements
// Manifest, so the reference says exactly what the elements' JSDoc says and
// cannot drift from it. The manifest is analysed afresh from the source with
// custom-elements-manifest.config.mjs (what `npx cem analyze` writes to
// dist/custom-elements.json), so neither a build nor a stale file is involved.
//
//   node scripts/reference.mjs                 write docs/reference.md
//   node scripts/reference.mjs --check         exit 1 when docs/reference.md is out of date
//   node scripts/reference.mjs --stdout        print the reference instead of writing it
//   node scripts/reference.mjs --json          print the analysed manifest
//   node scripts/reference.mjs --manifest F    use manifest F instead of analysing the source
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cli } from '@custom-elements-manifest/analyzer/cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUTPUT = 'docs/reference.md';
const REGENERATE = 'node scripts/reference.mjs';

/** The manifest of the current source, as `cem analyze` would write it. */
export async function analyze() {
  return cli({ argv: ['analyze', '--quiet'], cwd: ROOT, noWrite: true });
}

/** `dist/define.js` → `readnext/define`, by package.json `exports`; undefined when not exported. */
function subpaths() {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const map = new Map();
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    const file = typeof target === 'string' ? target : (target.default ?? target.import);
    if (typeof file === 'string') map.set(file.replace(/^\.\//, ''), subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`);
  }
  return map;
}

/** Text for a Markdown table cell: one line, pipes escaped (also inside code spans, as GitHub requires). */
const cell = (text) => (text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
const code = (text) => (text === undefined || text === '' ? '' : `\`${cell(text)}\``);

function table(head, rows) {
  if (rows.length === 0) return [];
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`), ''];
}

function section(title, lines) {
  return lines.length === 0 ? [] : [`### ${title}`, '', ...lines];
}

/** The custom elements, in the order `readnext/define` registers them, then by tag. */
function elements(manifest) {
  const order = manifest.modules
    .flatMap((module) => module.exports ?? [])
    .filter((entry) => entry.kind === 'custom-element-definition')
    .map((entry) => entry.name);
  const rank = (tag) => (order.includes(tag) ? order.indexOf(tag) : order.length);
  return manifest.modules
    .flatMap((module) => (module.declarations ?? []).map((declaration) => ({ declaration, module })))
    .filter(({ declaration }) => declaration.customElement && declaration.tagName)
    .sort((a, b) => rank(a.declaration.tagName) - rank(b.declaration.tagName) || a.declaration.tagName.localeCompare(b.declaration.tagName));
}

function signature(method) {
  const parameters = (method.parameters ?? []).map((parameter) => `${parameter.name}${parameter.optional || parameter.default !== undefined ? '?' : ''}`);
  return `${method.static ? 'static ' : ''}${method.name}(${parameters.join(', ')})`;
}

function renderElement({ declaration: element }, manifest, exportedAs) {
  const tag = element.tagName;
  const members = (element.members ?? []).filter((member) => !member.privacy || member.privacy === 'public');
  const fields = members.filter((member) => member.kind === 'field' && !member.static);
  const methods = members.filter((member) => member.kind === 'method');
  const attributes = element.attributes ?? [];

  const registeredBy = manifest.modules
    .filter((module) => module.exports?.some((entry) => entry.kind === 'custom-element-definition' && entry.name === tag))
    .map((module) => exportedAs.get(module.path) ?? module.path);
  const classFrom = manifest.modules
    .filter((module) => module.exports?.some((entry) => entry.kind === 'js' && entry.declaration?.name === element.name))
    .map((module) => exportedAs.get(module.path))
    .filter(Boolean);

  const lines = [`## \`<${tag}>\``, ''];
  if (element.summary) lines.push(`**${element.summary.trim()}**`, '');
  if (element.description) lines.push(element.description.trim(), '');
  const list = (items) => items.map((item) => `\`${item}\``).join(' and ');
  const facts = [`Class \`${element.name}\`${classFrom.length ? `, exported by ${list(classFrom.sort())}` : ''}`];
  if (registeredBy.length) facts.push(`importing ${list(registeredBy.sort())} registers the tag`);
  if (element.deprecated) facts.push(`**deprecated**: ${element.deprecated}`);
  lines.push(`${facts.join('; ')}.`, '');

  const byField = new Map(attributes.filter((attribute) => attribute.fieldName).map((attribute) => [attribute.fieldName, attribute]));
  const described = (item, ...notes) => cell([item.description, ...notes].filter(Boolean).join(' '));
  const propertyRows = [
    ...fields.map((field) => {
      const attribute = byField.get(field.name);
      const notes = [field.readonly ? 'Read-only.' : '', field.reflects ? 'Reflected to the attribute.' : ''];
      return [code(attribute?.name) || '—', code(field.name), code(field.type?.text ?? attribute?.type?.text), code(field.default ?? attribute?.default), described(attribute?.description ? attribute : field, ...notes)];
    }),
    ...attributes
      .filter((attribute) => !attribute.fieldName || !fields.some((field) => field.name === attribute.fieldName))
      .map((attribute) => [code(attribute.name), '—', code(attribute.type?.text), code(attribute.default), described(attribute)]),
  ];
  lines.push(...section('Attributes and properties', table(['Attribute', 'Property', 'Type', 'Default', 'Description'], propertyRows)));

  lines.push(
    ...section(
      'Methods',
      table(
        ['Method', 'Returns', 'Description'],
        methods.map((method) => [code(signature(method)), code(method.return?.type?.text), described(method)]),
      ),
    ),
  );
  lines.push(
    ...section(
      'Events',
      table(
        ['Event', 'Type', 'Description'],
        (element.events ?? []).filter((event) => event.name).map((event) => [code(event.name), code(event.type?.text), described(event)]),
      ),
    ),
  );
  lines.push(
    ...section(
      'Slots',
      table(['Slot', 'Description'], (element.slots ?? []).map((slot) => [slot.name ? code(slot.name) : '(default)', described(slot)])),
    ),
  );
  lines.push(...section('CSS parts', table(['Part', 'Description'], (element.cssParts ?? []).map((part) => [code(part.name), described(part)]))));
  lines.push(
    ...section(
      'CSS custom properties',
      table(
        ['Property', 'Default', 'Description'],
        (element.cssProperties ?? []).map((property) => [code(property.name), code(property.default), described(property, property.syntax ? `Syntax: \`${property.syntax}\`.` : '')]),
      ),
    ),
  );
  lines.push(...section('CSS states', table(['State', 'Description'], (element.cssStates ?? []).map((state) => [code(`:state(${state.name})`), described(state)]))));
  return lines;
}

/** The reference as Markdown; a pure function of the manifest (and package.json's `exports`). */
export function renderReference(manifest) {
  const exportedAs = subpaths();
  const found = elements(manifest);
  const lines = [
    '# Element reference',
    '',
    `<!-- Generated by \`${REGENERATE}\` from the Custom Elements Manifest of src/elements; do not edit. Change the JSDoc in the element source and regenerate. -->`,
    '',
    "Every attribute, property, method, event, slot, CSS part and CSS custom property of readnext's elements, as the elements' own documentation comments declare them. The script-tag bundle registers both tags too. Tools read the same data from `custom-elements.json` (package.json `customElements`). Framework usage: [recipes/frameworks.md](recipes/frameworks.md).",
    '',
    ...found.map(({ declaration }) => `- [\`<${declaration.tagName}>\`](#${declaration.tagName})`),
    '',
  ];
  for (const entry of found) lines.push(...renderElement(entry, manifest, exportedAs));
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

async function main(args) {
  const from = args.indexOf('--manifest');
  const manifest = from >= 0 ? JSON.parse(readFileSync(args[from + 1], 'utf8')) : await analyze();
  if (args.includes('--json')) return void process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
  const reference = renderReference(manifest);
  if (args.includes('--stdout')) return void process.stdout.write(reference);
  const path = new URL(`../${OUTPUT}`, import.meta.url);
  if (args.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // A missing file is out of date too.
    }
    if (current !== reference) {
      console.error(`reference: ${OUTPUT} is out of date with the elements' JSDoc; run \`${REGENERATE}\`.`);
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(path, reference);
  console.log(`reference: wrote ${OUTPUT}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main(process.argv.slice(2));
