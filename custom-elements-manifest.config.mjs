// Custom Elements Manifest for readnext: `npx cem analyze` (this file is
// found by name) writes dist/custom-elements.json, which package.json points
// "customElements" at. The API contract lives in the element classes' JSDoc
// and fields; the plugin below corrects what the analyzer cannot see in our
// code. scripts/reference.mjs runs the same analysis to write docs/reference.md.
import { readdirSync } from 'node:fs';
import { tsImport } from 'tsx/esm/api';

const ELEMENTS = new URL('./src/elements/', import.meta.url);

/** `src/elements/x.ts` (or `/src/elements/x.js`) → `dist/elements/x.js`: the manifest describes the published files. */
const published = (path) => path.replace(/^\/?src\/(.+)\.[jt]s$/, 'dist/$1.js');

/**
 * Lit's own record of every element class's reactive properties: class name →
 * property → its attribute (a name, or false). The static `properties` of our
 * elements are built by a helper (`...props('excludeIds …', { converter: words })`)
 * that no static analysis can read, so the source is
 * imported and asked, exactly as the browser would.
 */
async function litAttributes() {
  const classes = new Map();
  for (const file of readdirSync(ELEMENTS)) {
    if (!file.endsWith('.ts') || /\.(test|d)\.ts$/.test(file)) continue;
    let module;
    try {
      module = await tsImport(new URL(file, ELEMENTS).href, import.meta.url);
    } catch (error) {
      console.warn(`custom-elements-manifest: could not import src/elements/${file}; its attributes come from static analysis only.\n  ${error}`);
      continue;
    }
    for (const [name, value] of Object.entries(module)) {
      if (typeof value !== 'function' || !('observedAttributes' in value)) continue;
      // Reading observedAttributes finalizes the class, so elementProperties holds inherited declarations too.
      void value.observedAttributes;
      const attributes = new Map();
      for (const [property, options] of value.elementProperties) {
        if (typeof property !== 'string') continue;
        // Lit's rule: `attribute: 'x'` names it, `attribute: false` and `state: true` have none, else the lowercased property.
        const attribute = options.state || options.attribute === false ? false : typeof options.attribute === 'string' ? options.attribute : property.toLowerCase();
        attributes.set(property, { attribute, reflect: Boolean(options.reflect) });
      }
      classes.set(name, attributes);
    }
  }
  return classes;
}

/** `@attr {type} name - text` lines of a class's JSDoc, by attribute name. */
function attrTags(ts, node) {
  const tags = new Map();
  for (const tag of ts.getJSDocTags(node)) {
    if (tag.tagName.text !== 'attr' && tag.tagName.text !== 'attribute') continue;
    const text = (typeof tag.comment === 'string' ? tag.comment : ts.getTextOfJSDocComment(tag.comment)) ?? '';
    const match = /^(?:\{[^}]*\}\s*)?\[?([\w-]+)[^\s]*\s*(?:-\s*)?([\s\S]*)$/.exec(text.trim());
    if (match) tags.set(match[1], match[2].replace(/\s*\n\s*/g, ' ').trim());
  }
  return tags;
}

/**
 * Fills in what the stock analyzer misses in readnext's source:
 * - attributes as Lit really declares them (see litAttributes): names from
 *   helper-built declarations, none for `attribute: false` or `state: true`;
 * - an `@attr` line in the class JSDoc (or a superclass's) describes its
 *   attribute, even when the property has a doc comment too (the stock
 *   analyzer lets the field win);
 * - an inherited attribute's default follows the subclass's default for its field;
 * - tag names: our classes register through `static define(tag = 'readnext-x')`,
 *   not `customElements.define(...)`; an explicit `@tag` in the class JSDoc wins;
 * - `custom-element-definition` exports on the module that calls `X.define()`
 *   (src/define.ts), so tools know which import registers which tag;
 *   re-exports that point at the class's own module; no `export type`s
 *   among the JavaScript exports;
 * - paths name the published `dist/*.js` modules rather than the TypeScript sources.
 */
function readnextPlugin(lit) {
  /** class name → tag from `static define(tag = '...')` */
  const defaultTags = new Map();
  /** [module path, class name] of every bare `X.define()` call */
  const defineCalls = [];
  /** class name → attribute name → `@attr` text */
  const attrDocs = new Map();
  /** `module path\0name` of every `export type`, which the analyzer lists as JavaScript exports */
  const typeExports = new Set();

  return {
    name: 'readnext',
    // One analysis per run: watch mode and scripts/reference.mjs reuse this plugin.
    initialize() {
      defaultTags.clear();
      defineCalls.length = 0;
      attrDocs.clear();
      typeExports.clear();
    },
    analyzePhase({ ts, node, moduleDoc }) {
      if (ts.isExportDeclaration(node)) {
        const names = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : [];
        if (node.isTypeOnly && !node.exportClause) typeExports.add(`${moduleDoc.path}\0*`);
        for (const element of names) if (node.isTypeOnly || element.isTypeOnly) typeExports.add(`${moduleDoc.path}\0${element.name.text}`);
      }
      if (ts.isClassDeclaration(node) && node.name) {
        attrDocs.set(node.name.text, attrTags(ts, node));
        const define = node.members.find(
          (member) =>
            ts.isMethodDeclaration(member) &&
            member.name.getText() === 'define' &&
            member.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword),
        );
        const tag = define?.parameters[0]?.initializer;
        if (tag && ts.isStringLiteral(tag)) defaultTags.set(node.name.text, tag.text);
      }
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 'define' &&
        ts.isIdentifier(node.expression.expression) &&
        ts.isExpressionStatement(node.parent) &&
        node.arguments.length === 0
      ) {
        defineCalls.push([moduleDoc.path, node.expression.expression.text]);
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const classes = new Map();
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind === 'class') classes.set(declaration.name, { declaration, module });
        }
      }

      // A superclass's `@attr` lines describe its attributes in every subclass, unless the subclass says otherwise.
      const docsOf = (name, seen = new Set()) => {
        const superclass = classes.get(name)?.declaration.superclass?.name;
        const inherited = superclass && !seen.has(superclass) ? docsOf(superclass, seen.add(name)) : new Map();
        return new Map([...inherited, ...(attrDocs.get(name) ?? new Map())]);
      };
      for (const { declaration } of classes.values()) fixAttributes(declaration, lit.get(declaration.name), docsOf(declaration.name));

      // One `_emit(type, …)` helper builds every event, so the analyzer also
      // records its `new CustomEvent(type)` as an event with no name; the
      // `@event` lines name them all.
      for (const { declaration } of classes.values()) {
        if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
      }

      for (const [name, tag] of defaultTags) {
        const found = classes.get(name);
        if (!found || found.declaration.tagName) continue;
        found.declaration.tagName = tag;
        found.declaration.customElement = true;
      }

      // A re-export (`export { X }` of an imported X) names the class's own module.
      for (const module of customElementsManifest.modules) {
        module.exports = module.exports?.filter((entry) => !typeExports.has(`${module.path}\0${entry.name}`));
        for (const entry of module.exports ?? []) {
          const found = entry.declaration && classes.get(entry.declaration.name);
          const local = module.declarations?.some((declaration) => declaration.name === entry.declaration?.name);
          if (found && !local) entry.declaration.module = found.module.path;
        }
      }

      for (const [path, name] of defineCalls) {
        const module = customElementsManifest.modules.find((candidate) => candidate.path === path);
        const found = classes.get(name);
        if (!module || !found?.declaration.tagName) continue;
        module.exports ??= [];
        if (module.exports.some((entry) => entry.kind === 'custom-element-definition' && entry.name === found.declaration.tagName)) continue;
        module.exports.push({
          kind: 'custom-element-definition',
          name: found.declaration.tagName,
          declaration: { name, module: found.module.path },
        });
      }

      const rewrite = (value) => {
        if (Array.isArray(value)) return value.forEach(rewrite);
        if (!value || typeof value !== 'object') return;
        for (const [key, child] of Object.entries(value)) {
          if ((key === 'path' || key === 'module') && typeof child === 'string') value[key] = published(child);
          else rewrite(child);
        }
      };
      rewrite(customElementsManifest.modules);
    },
  };
}

/**
 * Makes `declaration.attributes` what Lit declares (`lit`, when the class
 * could be imported), described by the class's `@attr` lines, else by the field's doc.
 */
function fixAttributes(declaration, lit, docs = new Map()) {
  const fields = new Map((declaration.members ?? []).filter((member) => member.kind === 'field' && !member.static).map((member) => [member.name, member]));
  let attributes = declaration.attributes ?? [];

  if (lit) {
    const fromJsDoc = new Map(attributes.filter((attribute) => !attribute.fieldName).map((attribute) => [attribute.name, attribute]));
    const next = [];
    for (const [property, { attribute: name, reflect }] of lit) {
      const field = fields.get(property);
      if (name === false) {
        if (field) delete field.attribute;
        continue;
      }
      const existing = attributes.find((attribute) => attribute.fieldName === property) ?? fromJsDoc.get(name) ?? {};
      fromJsDoc.delete(name);
      const attribute = { ...existing, name, fieldName: property };
      if (!attribute.type && field?.type) attribute.type = field.type;
      if (!attribute.description && field?.description) attribute.description = field.description;
      if (!attribute.inheritedFrom && field?.inheritedFrom) attribute.inheritedFrom = field.inheritedFrom;
      if (field) {
        field.attribute = name;
        if (reflect) field.reflects = true;
      }
      next.push(attribute);
    }
    // `@attr` lines for attributes Lit does not declare (one read in connectedCallback, say) stay.
    attributes = [...next, ...fromJsDoc.values()];
  } else {
    attributes = attributes.filter((attribute) => {
      const field = attribute.fieldName && fields.get(attribute.fieldName);
      if (field && field.privacy && field.privacy !== 'public') {
        delete field.attribute;
        return false;
      }
      return true;
    });
  }

  for (const attribute of attributes) {
    const field = attribute.fieldName && fields.get(attribute.fieldName);
    if (field && field.default !== undefined) attribute.default = field.default;
    if (docs.has(attribute.name) && docs.get(attribute.name)) attribute.description = docs.get(attribute.name);
  }
  if (attributes.length) declaration.attributes = attributes;
  else delete declaration.attributes;
}

export default {
  globs: ['src/elements/*.ts', 'src/define.ts', 'src/index.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.d.ts'],
  outdir: 'dist',
  litelement: true,
  // Never rewrite package.json from a build step; "customElements" is set there by hand.
  packagejson: false,
  plugins: [readnextPlugin(await litAttributes())],
};
