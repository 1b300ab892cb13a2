// Two builds from one source tree:
// 1. ES modules for npm (one file per module, so bundlers tree-shake and
//    `readnext/core` stays free of Lit), with type declarations.
// 2. The script-tag bundle: one self-registering IIFE with Lit inlined, and
//    beside it MiniSearch as an ES module the bundle imports only when a
//    page needs a search index (most pages rank from build-time neighbours).
import { fileURLToPath } from 'node:url';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { PARTS, partFile, partsBesideScript } from './scripts/parts-beside.mjs';

const bare = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

/**
 * Removes class methods the script-tag bundle never calls from a dependency
 * (rollup cannot tree-shake methods). `methods` are `Class.method` names; the
 * build fails when one is not found (the dependency changed) or when the code
 * left behind still mentions a removed name that no remaining method defines,
 * so a removed method can never be called from inside the dependency. Our own
 * code reaches MiniSearch through `ArticleIndex` (src/core/search-index.ts),
 * a type without these methods, so the compiler guards our side.
 */
function dropMethods(file, methods) {
  const wanted = new Set(methods);
  return {
    name: 'drop-methods',
    transform(code, id) {
      if (!file.test(id)) return null;
      const cuts = [];
      const kept = new Set();
      for (const node of this.parse(code).body) {
        const cls = node.type === 'ClassDeclaration' ? node : null;
        if (!cls) continue;
        for (const member of cls.body.body) {
          if (member.type !== 'MethodDefinition' || member.key.type !== 'Identifier') continue;
          const name = `${cls.id.name}.${member.key.name}`;
          if (wanted.has(name)) cuts.push([member.start, member.end, name]);
          else kept.add(member.key.name);
        }
      }
      const missing = methods.filter((name) => !cuts.some((cut) => cut[2] === name));
      if (missing.length) this.error(`drop-methods: ${missing.join(', ')} not found in ${id}`);
      let out = code;
      for (const [start, end] of cuts.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + out.slice(end);
      for (const [, , name] of cuts) {
        const method = name.split('.')[1];
        if (!kept.has(method) && new RegExp(`\\.${method}\\b|\\[['"]${method}['"]\\]`).test(out.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''))) {
          this.error(`drop-methods: ${name} was removed but ${id} still uses .${method}`);
        }
      }
      return { code: out, map: null };
    },
  };
}

/**
 * MiniSearch methods for updating, vacuuming, suggesting and serialising an
 * index: the widget only builds, loads and searches. (`removeTerm` stays:
 * search cleans up after discarded documents, which the widget never has.)
 */
const UNUSED_MINISEARCH = [
  'addAllAsync', 'remove', 'removeAll', 'discard', 'maybeAutoVacuum', 'discardAll', 'replace', 'vacuum',
  'conditionalVacuum', 'performVacuuming', 'vacuumConditionsMet', 'isVacuuming', 'dirtCount', 'dirtFactor',
  'has', 'getStoredFields', 'autoSuggest', 'termCount', 'getDefault', 'toJSON', 'removeFieldLength',
  'loadJSONAsync',
].map((name) => `MiniSearch.${name}`);

const dropMiniSearchMethods = () => dropMethods(/[\\/]minisearch[\\/]dist[\\/]es[\\/]index\.js$/, UNUSED_MINISEARCH);

/**
 * ReactiveElement methods the script-tag bundle never calls: the static
 * `addInitializer` (for decorators; the bundle's elements have none and
 * its classes are not exported) and `removeController` (the elements'
 * controllers live as long as they do). Lit's published code is minified,
 * so the class is named as it is there (`y`); the build fails when that
 * drifts. The npm build keeps all of Lit.
 */
const dropLitMethods = () => dropMethods(/[\\/]@lit[\\/]reactive-element[\\/]reactive-element\.js$/, ['y.addInitializer', 'y.removeController']);

/**
 * Replaces each `[text, by]` in the module `file`; the build fails unless
 * each text occurs exactly once (the module changed: look again).
 */
function patchText(file, patches) {
  return {
    name: 'patch-text',
    transform(code, id) {
      if (!file.test(id)) return null;
      for (const [text, by] of patches) {
        if (code.split(text).length != 2) this.error(`patch-text: ${text} is not in ${id} exactly once`);
        code = code.replace(text, () => by);
      }
      return { code, map: null };
    },
  };
}

/** Removes each of `texts` from the module `file`, as {@link patchText} checks. */
const dropText = (file, texts) => patchText(file, texts.map((text) => [text, 'void 0']));

/**
 * MiniSearch's `loadJSAsync` gives the page a turn every 1,000 terms with
 * `setTimeout(0)`, which browsers clamp to 4 ms once timers nest: a 10k
 * index (26k terms) waited 54 times, about 200 ms of a 330 ms load spent
 * idle. The search part's MiniSearch yields with the data layer's own
 * `yieldToMain` (`scheduler.yield`, else a message), with no clamp.
 */
const patchMiniSearchWait = () =>
  patchText(/[\\/]minisearch[\\/]dist[\\/]es[\\/]index\.js$/, [
    [
      'const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));',
      `import { yieldToMain as wait } from ${JSON.stringify(fileURLToPath(new URL('./src/data/fetch-manifest.ts', import.meta.url)))};`,
    ],
  ]);

/**
 * Lit's version lists (`window.litHtmlVersions` and the like): an embed on
 * someone else's page adds no globals it does not need, and nothing in a
 * production build reads them (Lit's development build warns about two
 * copies from them). Written as Lit's published, minified modules spell
 * them; the build fails when that drifts.
 */
const dropLitVersions = () => [
  dropText(/[\\/]@lit[\\/]reactive-element[\\/]reactive-element\.js$/, ['(a.reactiveElementVersions??=[]).push("2.1.2")']),
  dropText(/[\\/]lit-html[\\/]lit-html\.js$/, ['(t.litHtmlVersions??=[]).push("3.3.3")']),
  dropText(/[\\/]lit-element[\\/]lit-element\.js$/, ['(s.litElementVersions??=[]).push("4.2.2")']),
];

/** terser for the browser files: `_name` properties are private by convention and mangled. */
const minify = (module) =>
  terser({
    ecma: 2021,
    module,
    compress: { passes: 3, unsafe_arrows: true, unsafe_methods: true, pure_getters: true },
    // `_name` properties are private by convention (MiniSearch's fields,
    // the core's); Lit's cross-package `_$` names and the manifest's
    // `_readnext` extension are data and keep their names.
    mangle: { properties: { regex: /^_(?!\$|readnext$)[A-Za-z]/ } },
    format: { comments: false },
  });

/**
 * Squeezes the static text of `css` and `html` tagged templates in our own
 * modules: terser leaves template text alone, and indentation is bytes every
 * reader downloads. Only whitespace and CSS comments go; expressions are untouched.
 */
function minifyTemplates() {
  const css = (text) =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}');
  const html = (text) =>
    text
      .replace(/\s*\n\s*/g, ' ')
      .replace(/>\s+</g, '><')
      .replace(/>\s+$/, '>')
      .replace(/^\s+</, '<');
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!/[/\\]src[/\\]elements[/\\]/.test(id)) return null;
      const edits = [];
      const walk = (node) => {
        if (!node || typeof node.type !== 'string') return;
        if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && (node.tag.name === 'css' || node.tag.name === 'html')) {
          const squeeze = node.tag.name === 'css' ? css : html;
          for (const quasi of node.quasi.quasis) edits.push([quasi.start, quasi.end, squeeze(quasi.value.raw)]);
        }
        for (const value of Object.values(node)) {
          if (Array.isArray(value)) value.forEach(walk);
          else if (value && typeof value === 'object') walk(value);
        }
      };
      walk(this.parse(code));
      if (edits.length === 0) return null;
      let out = code;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
      return { code: out, map: null };
    },
  };
}

export default [
  {
    input: {
      index: 'src/index.ts',
      define: 'src/define.ts',
      react: 'src/react.ts',
      'core/index': 'src/core/index.ts',
      'cli/main': 'src/cli/main.ts',
      // Started by path as a worker thread, so it must be its own entry.
      'cli/precompute-worker': 'src/cli/precompute-worker.ts',
    },
    external: bare,
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src' },
    plugins: [typescript({ tsconfig: './tsconfig.build.json' }), minifyTemplates()],
  },
  {
    input: 'src/bundle.ts',
    output: {
      file: 'dist/readnext.min.js',
      format: 'iife',
      // A second copy stops before any module code runs: Lit would otherwise
      // ask again for its `lit-html` Trusted Types policy, which a strict CSP
      // without 'allow-duplicates' refuses (a violation report).
      banner: "if(typeof customElements=='undefined'||!customElements.get('readnext-related')){",
      footer: '}',
    },
    plugins: [
      partsBesideScript(),
      dropLitMethods(),
      ...dropLitVersions(),
      nodeResolve(),
      typescript({ tsconfig: './tsconfig.build.json', declaration: false, declarationDir: undefined, outDir: 'dist' }),
      minifyTemplates(),
      minify(false),
    ],
  },
  // The bundle's parts (src/data/parts.ts), each an ES module it imports from beside itself.
  ...PARTS.map((part) => ({
    input: `src/${part}.ts`,
    output: { file: `dist/${partFile(part)}`, format: 'es' },
    plugins: [
      ...(part === 'search' ? [dropMiniSearchMethods(), patchMiniSearchWait()] : []),
      nodeResolve(),
      typescript({ tsconfig: './tsconfig.build.json', declaration: false, declarationDir: undefined, outDir: 'dist' }),
      minify(true),
    ],
  })),
];
