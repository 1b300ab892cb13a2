// Browser tests of the demo: the configurator and the sample site, served
// from demo/dist as `npm start` serves them. The config builds the site
// first (scripts/build-demo.mjs, which copies demo/configurator/) and the
// ESM build of the ranking core the configurator imports, then runs
// test/demo/*.browser.test.js (JavaScript: test:node runs test/demo/*.test.ts) in Debian's Chromium.
//
// Two server commands open real pages in their own tab at a chosen width:
// `demo-axe` runs axe-core there, `demo-screenshot` saves a PNG (under
// docs/screenshots/ with `npm run screenshots`). A real tab, not an iframe, so the widths, the sticky
// rail and the lazy start are what a reader gets.
import { tmpdir } from 'node:os';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { buildDemo } from './scripts/build-demo.mjs';
import { chromiumLaunchOptions } from './chromium.config.mjs';

const ROOT = dirname(fileURLToPath(import.meta.url));
const { outDir } = buildDemo({ quiet: true });
const SITE = 'demo/dist';
// The ES module of the ranking core the configurator imports (minisearch inlined), unless build-demo wrote it.
const CORE = join(outDir, 'configurator', 'readnext-core.js');
if (!existsSync(CORE)) buildSync({
  entryPoints: [join(ROOT, 'src/core/index.ts')],
  bundle: true,
  format: 'esm',
  target: 'es2021',
  minify: true,
  outfile: CORE,
  logLevel: 'warning',
});

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

const launcher = chromeLauncher({
  launchOptions: chromiumLaunchOptions(),
});

/** Opens `path` of the test server in a new tab `width` px wide and waits for both widgets to settle. */
async function openPage(session, { path, width, height = 900 }) {
  const testPage = launcher.getPage(session.id);
  const page = await testPage.browser().newPage();
  await page.setViewport({ width, height, deviceScaleFactor: 1 });
  await page.goto(new URL(path, testPage.url()).href, { waitUntil: 'networkidle0' });
  await page.evaluate(async () => {
    // Bring every block near the viewport so it starts, then back to the top.
    for (const node of document.querySelectorAll('readnext-related, readnext-popular')) node.scrollIntoView();
    const settled = () =>
      [...document.querySelectorAll('readnext-related, readnext-popular')].every((n) => ['ready', 'empty', 'error'].includes(n.getAttribute('state')));
    const end = Date.now() + 5000;
    while (!settled() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    if (document.documentElement.dataset.ready === undefined && document.querySelector('#preview')) {
      while (document.documentElement.dataset.ready !== 'true' && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    }
    window.scrollTo(0, 0);
    await document.fonts.ready;
  });
  return page;
}

const demoCommands = {
  name: 'demo-commands',
  async executeCommand({ command, payload, session }) {
    if (command === 'demo-axe') {
      const page = await openPage(session, payload);
      try {
        await page.addScriptTag({ content: AXE });
        return await page.evaluate(async () => {
          const result = await window.axe.run(document, { resultTypes: ['violations'] });
          return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
        });
      } finally {
        await page.close();
      }
    }
    if (command === 'demo-screenshot') {
      const page = await openPage(session, payload);
      try {
        // Only `npm run screenshots` rewrites the committed images; a test run
        // still takes them, into a scratch folder, so the tree stays clean.
        const folder = process.env.SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : join(tmpdir(), 'readnext-screenshots');
        const file = join(folder, payload.name);
        mkdirSync(dirname(file), { recursive: true });
        await page.screenshot({ path: file, fullPage: payload.fullPage ?? false });
        return file;
      } finally {
        await page.close();
      }
    }
    return undefined;
  },
};

/**
 * Serves the built site at the server's root, as `npm start` does: any path
 * that exists under demo/dist is answered from there; the rest (test files,
 * node_modules, the runner's own) from the project root.
 */
function siteAtRoot(context, next) {
  const url = new URL(context.url, 'http://localhost');
  const path = decodeURIComponent(url.pathname);
  if (path !== '/' && !path.startsWith('/__') && !path.includes('..') && existsSync(join(outDir, path))) {
    context.url = `/${SITE}${url.pathname}${url.search}`;
  }
  return next();
}

export default {
  rootDir: ROOT,
  middleware: [siteAtRoot],
  files: ['test/demo/**/*.browser.test.js'],
  nodeResolve: true,
  concurrency: 1,
  browsers: [launcher],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022' }), demoCommands],
  testFramework: { config: { timeout: 30_000 } },
};
