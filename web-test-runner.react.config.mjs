// The React wrapper's tests (`readnext/react`), in the same Chromium as
// web-test-runner.config.mjs. React and react-dom ship only CommonJS, which
// the dev server cannot serve to a browser as modules; the plugin below
// bundles them once with esbuild into ES modules that share one copy of React
// (two copies would break hooks). The test page's own modules stay unbundled.
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumLaunchOptions } from './chromium.config.mjs';

const ROOT = new URL('.', import.meta.url).pathname;
const PREFIX = '/__react__/';

/** Bare specifiers the tests and src/react.ts import → the served module's file name. */
const ENTRIES = { react: 'react', 'react-dom/client': 'react-dom-client' };

/**
 * `export const { a, b } = module`: ES named exports for a CommonJS module's
 * keys, read in a child process because React's development build patches
 * `console`, which the test runner has replaced in this one.
 */
function reexport(specifier) {
  const keys = execFileSync(process.execPath, ['-e', 'console.log(JSON.stringify(Object.keys(require(process.argv[1]))))', specifier], { cwd: ROOT });
  const names = JSON.parse(String(keys)).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
  return `import module from '${specifier}';\nexport default module;\nexport const { ${names.join(', ')} } = module;\n`;
}

async function bundleReact() {
  const result = await build({
    entryPoints: Object.entries(ENTRIES).map(([specifier, out]) => ({ in: `entry:${specifier}`, out })),
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2021',
    write: false,
    outdir: PREFIX,
    logLevel: 'silent',
    // The development build: its warnings (unknown props, bad refs) are worth seeing in tests.
    define: { 'process.env.NODE_ENV': '"development"' },
    plugins: [
      {
        name: 'entries',
        setup(esbuild) {
          esbuild.onResolve({ filter: /^entry:/ }, ({ path }) => ({ path: path.slice('entry:'.length), namespace: 'entry' }));
          esbuild.onLoad({ filter: /.*/, namespace: 'entry' }, ({ path }) => ({ contents: reexport(path), resolveDir: ROOT, loader: 'js' }));
        },
      },
    ],
  });
  return new Map(result.outputFiles.map((file) => [file.path, file.text]));
}

function reactAsModules() {
  let files;
  return {
    name: 'react-as-modules',
    resolveImport({ source }) {
      if (source in ENTRIES) return `${PREFIX}${ENTRIES[source]}.js`;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return;
      files ??= bundleReact();
      const body = (await files).get(context.path);
      return body === undefined ? undefined : { body, type: 'js' };
    },
  };
}

export default {
  files: ['test/react/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  browsers: [
    chromeLauncher({
      launchOptions: chromiumLaunchOptions(),
    }),
  ],
  plugins: [reactAsModules(), esbuildPlugin({ ts: true, target: 'es2021' })],
  testFramework: { config: { timeout: 10_000 } },
};
