/**
 * The label sets the build embeds in manifests (src/core/labels.ts): which
 * languages get a set, that given sets win, and that what the build writes
 * is a `labels` field the normaliser and the JSON Schema both accept as is.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LABELS, labelsFor, manifestLabels, primaryLanguage } from '../../src/core/labels.js';
import { normalizeManifest } from '../../src/core/normalize.js';
import { validateManifest } from '../../src/cli/validate.js';

const article = (id: string, lang?: string) => ({ id, url: `https://news.example/${id}`, title: `Title ${id}`, ...(lang && { lang }) });

test('built-in sets for the issue\'s six languages, three non-empty labels each', () => {
  assert.deepEqual(Object.keys(LABELS), ['en', 'es', 'fr', 'de', 'pt', 'ar']);
  for (const [code, set] of Object.entries(LABELS)) {
    assert.equal(set.length, 3, code);
    for (const label of set) assert.ok(label.trim().length > 0 && label.length <= 100, `${code}: ${label}`);
  }
  assert.equal(new Set(Object.values(LABELS).map((set) => set[0])).size, 6, 'every related heading differs');
  assert.ok(Object.isFrozen(LABELS));
});

test('primaryLanguage: the first subtag, lowercased', () => {
  assert.equal(primaryLanguage('pt-BR'), 'pt');
  assert.equal(primaryLanguage(' FR '), 'fr');
  assert.equal(primaryLanguage('zh-Hant-TW'), 'zh');
});

test('labelsFor: the sets of the languages named, by primary subtag; English and unknown languages add nothing', () => {
  assert.deepEqual(labelsFor(['fr-CA', 'FR', 'pt-BR', undefined, '', 'ja', 'en-GB']), { fr: LABELS.fr, pt: LABELS.pt });
  assert.deepEqual(Object.keys(labelsFor(['ar', 'de', 'es'])), ['es', 'de', 'ar'], 'in the order of LABELS');
  assert.deepEqual(labelsFor(['en', 'en-US', 'ja', 'zh']), {});
  assert.deepEqual(labelsFor([]), {});
});

test('manifestLabels: the manifest\'s lang and its articles\' langs; nothing for an English manifest', () => {
  assert.deepEqual(manifestLabels('fr', [article('a'), article('b', 'fr-FR')]), { labels: { fr: LABELS.fr } });
  assert.deepEqual(manifestLabels(undefined, [article('a', 'de'), article('b', 'es'), article('c', 'en')]), { labels: { es: LABELS.es, de: LABELS.de } });
  assert.deepEqual(manifestLabels('pt-BR', []), { labels: { pt: LABELS.pt } });
  assert.deepEqual(manifestLabels('en', [article('a'), article('b', 'en-GB'), article('c', 'ja')]), {});
  assert.deepEqual(manifestLabels(undefined, []), {});
});

test('manifestLabels: sets the input gave win language by language and are kept for languages no article uses', () => {
  const given = { fr: ['À lire aussi', 'Les plus lus', 'Partenaire'], en: ['Read next', 'Trending', 'Partner'] } as const;
  const { labels } = manifestLabels('fr', [article('a', 'es')], given);
  assert.deepEqual(labels, { fr: given.fr, es: LABELS.es, en: given.en });
  // A normalised `labels` (prototype-free) is accepted as `given`.
  const normalised = normalizeManifest({ version: 1, labels: { de: ['Mehr', 'Top', 'Anzeige'] }, articles: [] }).labels;
  assert.deepEqual(manifestLabels(undefined, [article('a', 'de')], normalised), { labels: { de: ['Mehr', 'Top', 'Anzeige'] } });
});

test('what manifestLabels writes passes the JSON Schema and the normaliser unchanged', () => {
  const articles = ['es', 'fr', 'de', 'pt-BR', 'ar', 'en'].map((lang) => article(lang, lang));
  const manifest = { version: 1, ...manifestLabels(undefined, articles), articles };
  assert.deepEqual(Object.keys(manifest.labels!), ['es', 'fr', 'de', 'pt', 'ar']);
  assert.deepEqual(validateManifest(JSON.parse(JSON.stringify(manifest))).problems, []);
  const { labels, problems } = normalizeManifest(JSON.parse(JSON.stringify(manifest)));
  assert.deepEqual(problems, []);
  assert.deepEqual({ ...labels }, manifest.labels);
});

test('the JSON Schema rejects what the normaliser drops', () => {
  const bad = [
    { fr: ['Vous aimerez aussi', 'Les plus lus'] },
    { fr: ['Vous aimerez aussi', 'Les plus lus', ' '] },
    { fr: ['a', 'b', 'c', 'd'] },
    { fr_FR: ['a', 'b', 'c'] },
    ['fr'],
    { fr: 'Vous aimerez aussi' },
  ];
  for (const labels of bad) {
    const doc = { version: 1, labels, articles: [article('a')] };
    const report = validateManifest(doc);
    assert.ok(report.problems.some((p) => p.code === 'schema' && p.message.includes('/labels')), JSON.stringify(labels).slice(0, 60));
    assert.ok(report.problems.some((p) => p.field === 'labels' && p.level === 'warning' && p.index === -1), 'and the normaliser warns');
    assert.equal(report.articles, 1, 'the articles still load');
  }
});

test('the script-tag bundle carries the English labels and no other language\'s', async () => {
  const { build } = await import('esbuild');
  const result = await build({ entryPoints: [new URL('../../src/bundle.ts', import.meta.url).pathname], bundle: true, minify: true, format: 'iife', charset: 'utf8', write: false, logLevel: 'error' });
  const code = result.outputFiles.map((file) => file.text).join('\n');
  for (const label of LABELS.en) assert.ok(code.includes(label), `has ${label}`);
  for (const [lang, set] of Object.entries(LABELS)) {
    if (lang !== 'en') for (const label of set) assert.ok(!code.includes(label), `no ${lang} label ${label}`);
  }
});
