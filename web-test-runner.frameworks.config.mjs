// The Vue and Svelte recipes of docs/recipes/frameworks.md, run in the same
// Chromium as web-test-runner.config.mjs. The recipes' components are the
// files in test/fixtures/frameworks/ (test/frameworks/recipe-blocks.test.ts
// checks the doc's code blocks equal them), compiled here the way the
// recipes' build tools would: `.vue` files with vue/compiler-sfc and the
// recipe's `isCustomElement`, `.svelte` files with svelte/compiler. Bare
// `readnext` imports resolve to the source, `vue` to its browser build, and
// /readnext.json (the recipes' manifest URL) is a small fixture manifest.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { compileScript, parse } from 'vue/compiler-sfc';
import { compile } from 'svelte/compiler';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumLaunchOptions } from './chromium.config.mjs';

const ROOT = fileURLToPath(new URL('.', import.meta.url));

/** The recipe's compiler option (docs/recipes/frameworks.md, vite.config.js), word for word. */
const isCustomElement = (tag) => tag.startsWith('readnext-');

/** Bare specifiers → served paths: the package's entries are its source, Vue is its browser ES build (development, for its warnings). */
const ALIASES = {
  readnext: '/src/index.ts',
  'readnext/define': '/src/define.ts',
  vue: '/node_modules/vue/dist/vue.runtime.esm-browser.js',
};

/** A `.vue` single-file component as a module, as @vitejs/plugin-vue compiles it: script setup with the template inlined. */
async function compileVue(source, filename) {
  // The template is parsed here, so the parser too must know the custom elements (as @vitejs/plugin-vue passes them).
  const { descriptor, errors } = parse(source, { filename, templateParseOptions: { isCustomElement } });
  if (errors.length) throw errors[0];
  const script = compileScript(descriptor, {
    id: filename,
    inlineTemplate: true,
    templateOptions: { compilerOptions: { isCustomElement } },
  });
  return (await transform(script.content, { loader: 'ts', target: 'es2021' })).code;
}

function frameworks() {
  return {
    name: 'frameworks',
    resolveMimeType(context) {
      if (/\.(vue|svelte)$/.test(context.path)) return 'js';
    },
    async serve(context) {
      if (context.path === '/readnext.json') return { body: await readFile(join(ROOT, 'test/fixtures/frameworks/readnext.json'), 'utf8'), type: 'json' };
    },
    async transform(context) {
      const filename = join(ROOT, decodeURIComponent(context.path));
      if (context.path.endsWith('.vue')) return { body: await compileVue(context.body, filename) };
      if (context.path.endsWith('.svelte')) return { body: compile(context.body, { filename, generate: 'client' }).js.code };
    },
    resolveImport({ source, context }) {
      if (source in ALIASES) return ALIASES[source];
      // The recipes import `./analytics` without an extension, as bundlers allow.
      if (/^\.\.?\//.test(source) && !/\.\w+$/.test(source)) {
        const dir = dirname(join(ROOT, decodeURIComponent(context.path)));
        const ext = ['.ts', '.js'].find((e) => existsSync(join(dir, source + e)));
        if (ext) return source + ext;
      }
    },
  };
}

export default {
  files: ['test/frameworks/**/*.browser.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 1,
  browsers: [chromeLauncher({ launchOptions: chromiumLaunchOptions() })],
  plugins: [frameworks(), esbuildPlugin({ ts: true, target: 'es2021' })],
  testFramework: { config: { timeout: 10_000 } },
};
