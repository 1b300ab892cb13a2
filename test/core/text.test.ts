import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterEach, describe, it } from 'node:test';
import { fold, processTerm, STOP_WORDS, terms, tokenize } from '../../src/core/text.js';

describe('tokenize and terms: English', () => {
  it('lowercases, keeps contractions whole and drops stop words, possessives and one-letter words', () => {
    assert.deepEqual(tokenize("It's the Mayor's plan, a 2026 budget"), ["it's", 'the', "mayor's", 'plan', 'a', '2026', 'budget']);
    assert.deepEqual(terms("It's the Mayor's plan, a 2026 budget"), ['mayor', 'plan', '2026', 'budget']);
    assert.ok(STOP_WORDS.has('the'));
  });

  it('keeps names with an apostrophe that is not an elision', () => {
    assert.deepEqual(terms("O'Brien won't stay"), ["o'brien", 'stay']);
  });

  it('drops terms over 40 characters', () => {
    assert.deepEqual(terms(`${'x'.repeat(41)} ${'y'.repeat(40)}`), ['y'.repeat(40)]);
  });
});

describe('fold: accents, compatibility forms, Arabic', () => {
  it('removes Latin, Greek and Cyrillic accents and keeps ß', () => {
    assert.equal(fold('Économie ÉCONOMIE año São Paulo Ελληνικά ёлка Straße'), 'economie economie ano sao paulo ελληνικα елка straße');
  });

  it('turns full-width letters and digits and ligatures into plain ones', () => {
    assert.deepEqual(terms('ＡＢＣ ２０２６ ﬁnance'), ['abc', '2026', 'finance']);
  });

  it('strips Arabic short vowels, shadda and tatweel and folds hamza forms of alef', () => {
    assert.equal(fold('الْعَرَبِيَّةُ'), 'العربية');
    assert.equal(fold('كـتـاب'), 'كتاب');
    assert.deepEqual(terms('أحمد إسلام آمن'), ['احمد', 'اسلام', 'امن']);
  });

  it('keeps kana voicing marks and Thai and Indic vowels, which change the word', () => {
    assert.equal(fold('ガソリン'), 'ガソリン');
    assert.notEqual(fold('ば'), fold('は'));
    assert.deepEqual(tokenize('हिन्दी समाचार'), ['हिन्दी', 'समाचार']);
    assert.deepEqual(tokenize('นโยบาย'), ['นโยบาย']);
  });
});

describe('processTerm: elision and the Arabic article', () => {
  it("cuts French elided articles and pronouns (l' d' qu' …), straight or curly", () => {
    assert.deepEqual(terms("L'économie d’Europe qu'il s'améliore"), ['economie', 'europe', 'il', 'ameliore']);
    assert.equal(processTerm("qu'"), null);
  });

  it('removes the Arabic article with its attached particles when three letters remain', () => {
    assert.deepEqual(terms('الحكومة والحكومة بالحكومة للحكومة فالحكومة كالحكومة حكومة'), Array(7).fill('حكومة'));
    // Too short a rest: "الله" is not "ال" + "له".
    assert.deepEqual(terms('الله'), ['الله']);
    // A word merely starting with و keeps it (وزير, minister).
    assert.deepEqual(terms('وزير'), ['وزير']);
  });

  it('changes nothing when a processed term is processed again (the browser re-tokenises keywords)', () => {
    // Words whose rest after the article starts with a prefix again.
    assert.deepEqual(terms('الالتزام الكالسيوم'), ['الالتزام', 'الكالسيوم']);
    const texts = ['en', 'es', 'fr', 'de', 'pt', 'ar', 'zh', 'ja', 'th'].flatMap((lang) =>
      (JSON.parse(readFileSync(new URL(`../fixtures/lang/${lang}.json`, import.meta.url), 'utf8')) as { articles: { title: string; body: string }[] }).articles.flatMap((a) => [a.title, a.body]),
    );
    texts.push("L'aujourd'hui والالتزام للالكتروني James's ＡＢＣ");
    for (const text of texts) for (const term of terms(text)) assert.deepEqual(terms(term), [term], term);
  });
});

describe('tokenize: languages written without spaces', () => {
  it('splits Chinese into words', () => {
    const t = tokenize('中央银行宣布维持基准利率不变，经济发展放缓。');
    for (const word of ['银行', '利率', '经济', '发展']) assert.ok(t.includes(word), `${word} in ${t.join('|')}`);
    assert.ok(t.every((w) => w.length <= 4), t.join('|'));
  });

  it('splits Japanese into words, kanji and katakana runs intact', () => {
    const t = tokenize('東京都は新しい地下鉄の路線を発表しました。ガソリン価格が上がった');
    for (const word of ['東京', '地下鉄', '路線', '発表', 'ガソリン', '価格']) assert.ok(t.includes(word), `${word} in ${t.join('|')}`);
  });

  it('splits Thai into words, vowel marks kept inside them', () => {
    const t = tokenize('รัฐบาลประกาศนโยบายเศรษฐกิจใหม่');
    for (const word of ['รัฐบาล', 'ประกาศ', 'นโยบาย', 'เศรษฐกิจ']) assert.ok(t.includes(word), `${word} in ${t.join('|')}`);
    // No token is a lone mark or consonant torn out of a word.
    assert.ok(t.every((w) => w.length >= 2), t.join('|'));
  });

  it('gives no single-character terms, and keeps Latin words next to Chinese ones', () => {
    const t = terms('我的iPhone手机和电脑');
    assert.ok(t.includes('iphone') && t.includes('手机') && t.includes('电脑'), t.join('|'));
    assert.ok(t.every((w) => w.length >= 2), t.join('|'));
  });

  it('gives back one word for a keyword that is one word, so built keywords match in the browser', () => {
    for (const word of ['经济', '地下鉄', 'เศรษฐกิจ']) assert.deepEqual(terms(word), [word]);
  });
});

describe('tokenize without Intl.Segmenter (older browsers)', () => {
  const real = Intl.Segmenter;
  const stub = () => Object.defineProperty(Intl, 'Segmenter', { value: undefined, configurable: true, writable: true });
  afterEach(() => Object.defineProperty(Intl, 'Segmenter', { value: real, configurable: true, writable: true }));

  it('falls back to overlapping character pairs', () => {
    stub();
    assert.deepEqual(tokenize('经济发展'), ['经济', '济发', '发展']);
    assert.deepEqual(tokenize('経済'), ['経済']);
    // One character makes no pair; it would be dropped as a term anyway.
    assert.deepEqual(tokenize('猫'), []);
  });

  it('indexes and queries alike: a keyword built with a segmenter still matches the text', () => {
    stub();
    const text = new Set(terms('中央银行宣布经济发展'));
    for (const keyword of ['银行', '经济', '发展']) for (const t of terms(keyword)) assert.ok(text.has(t), t);
  });

  it('leaves text in other scripts alone', () => {
    stub();
    assert.deepEqual(terms("L'économie du Brésil"), ['economie', 'du', 'bresil']);
  });
});
