import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildManifest } from '../../src/core/build.js';
import { Catalog } from '../../src/core/catalog.js';
import { baseLanguage, detectLanguage, isStopTerm, LANGUAGES, stopWords } from '../../src/core/lang/index.js';
import { normalizeManifest } from '../../src/core/normalize.js';
import { related } from '../../src/core/related.js';
import { terms } from '../../src/core/text.js';

interface Fixture {
  lang: string;
  articles: { id: string; url: string; title: string; body: string }[];
}

const FIXTURES = ['en', 'es', 'fr', 'de', 'pt', 'ar', 'zh', 'ja', 'th'];
const load = (lang: string): Fixture => JSON.parse(readFileSync(new URL(`../fixtures/lang/${lang}.json`, import.meta.url), 'utf8'));
const topic = (id: string) => id.split('-')[0];
type Lists = { id: string; related: { id: string; score: number }[] }[];

describe('stop words per language', () => {
  it('covers the languages the issue names, plus Chinese, Japanese and Thai', () => {
    for (const lang of ['en', 'es', 'fr', 'de', 'pt', 'ar', 'zh', 'ja', 'th']) assert.ok(LANGUAGES.includes(lang), lang);
  });

  it('reads the primary subtag of a language tag', () => {
    assert.equal(baseLanguage('pt-BR'), 'pt');
    assert.equal(baseLanguage(' zh_Hant_TW '), 'zh');
    assert.ok(stopWords('ES-mx').has('para'));
  });

  it('stores each list as the tokeniser normalises it, so it compares with terms()', () => {
    // Written "más", "für", "même", "الذين": folded, and the Arabic article cut.
    assert.ok(stopWords('es').has('mas'));
    assert.ok(stopWords('de').has('fur'));
    assert.ok(stopWords('fr').has('meme'));
    assert.ok(stopWords('ar').has(terms('الذين')[0]!));
    for (const lang of LANGUAGES) for (const word of stopWords(lang)) assert.ok(terms(word).length <= 1, `${lang} ${word}`);
  });

  it('has none for English (the tokeniser drops those) or for languages without a list', () => {
    assert.equal(stopWords('en').size, 0);
    assert.equal(stopWords('it').size, 0);
    assert.equal(stopWords(undefined).size, 0);
  });

  it('treats hiragana-only words as stop words in any language', () => {
    assert.ok(isStopTerm('ました', 'ja') && isStopTerm('した', undefined));
    assert.ok(!isStopTerm('金利', 'ja') && !isStopTerm('ガソリン', 'ja'));
  });
});

describe('detectLanguage', () => {
  for (const lang of FIXTURES) {
    it(`recognises every ${lang} fixture article`, () => {
      for (const a of load(lang).articles) assert.equal(detectLanguage(`${a.title}\n${a.body}`), lang, a.id);
    });
  }

  it('gives up on text with no clear language', () => {
    assert.equal(detectLanguage(''), undefined);
    assert.equal(detectLanguage('2026 — 42 %'), undefined);
    assert.equal(detectLanguage('Zentralbank Inflation Hypotheken Kredite'), undefined);
  });
});

describe('related articles in each language (buildManifest + related)', () => {
  const rank = (fixture: Fixture, lang?: string) => {
    const input = lang ? { ...fixture, articles: fixture.articles.map((a) => ({ ...a, lang })) } : fixture;
    const { manifest, problems } = buildManifest(input);
    assert.deepEqual(problems, []);
    const catalog = new Catalog(normalizeManifest(manifest).articles);
    const lists: Lists = catalog.articles.map((a) => ({
      id: a.id,
      related: related(catalog, a, { limit: 8, diversity: 0, fill: false, threshold: 0 }).items.map((i) => ({ id: i.article.id, score: i.score })),
    }));
    return { manifest, lists };
  };

  for (const lang of FIXTURES) {
    it(`${lang}: every article's first related article is on its topic`, () => {
      for (const { id, related: list } of rank(load(lang)).lists) assert.equal(topic(list[0]?.id ?? ''), topic(id), `${id}: ${list.map((r) => r.id).join(' ')}`);
    });

    it(`${lang}: keywords are words of the text, never stop words of the language`, () => {
      const { manifest } = rank(load(lang));
      const keywords = manifest.articles.flatMap((a) => a.keywords ?? []);
      assert.ok(keywords.length >= manifest.articles.length, `${keywords.length} keywords`);
      for (const k of keywords) {
        assert.ok(!isStopTerm(k, lang), `${lang} stop word ${k}`);
        assert.ok(k.length >= 2 && k.length <= 20, `${lang} keyword ${k}`);
      }
    });
  }

  it('relates stories of different topics less than English stop words alone would', () => {
    // Spanish function words as keywords ("para", "como", "desde") tie
    // stories of different topics together.
    const crossTopic = (lists: Lists) => lists.reduce((sum, l) => sum + l.related.filter((r) => topic(r.id) !== topic(l.id)).reduce((s, r) => s + r.score, 0), 0);
    for (const lang of ['es', 'fr', 'de', 'pt', 'ar']) {
      const own = crossTopic(rank(load(lang)).lists);
      const english = crossTopic(rank(load(lang), 'en').lists);
      assert.ok(own < english * 0.75, `${lang}: ${own.toFixed(2)} vs ${english.toFixed(2)} with English stop words only`);
    }
  });
});

describe('the script-tag bundle', () => {
  it('contains no language data beyond English', async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [new URL('../../src/bundle.ts', import.meta.url).pathname],
      bundle: true,
      write: false,
      metafile: true,
      format: 'iife',
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(inputs.some((p) => p.endsWith('src/core/text.ts')), 'the tokeniser is bundled');
    assert.deepEqual(inputs.filter((p) => /src\/core\/(lang\/|keywords\.ts)/.test(p)), []);
  });
});
