import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractKeywords, extractKeywordTerms, keywordLanguage, shippedTerms, termCounts, withoutStopWords } from '../../src/core/keywords.js';
import { terms } from '../../src/core/text.js';

const doc = (title: string, body: string, summary?: string) => ({ title, body, tags: [], ...(summary && { summary }) });

describe('extractKeywords', () => {
  it('weights by sublinear tf × IDF, skips terms no other article has, and orders by weight', () => {
    // "goal" appears 3 times in a and once in b (df 2); "match" appears once
    // in a, b and c (df 3); "referee" only in a (df 1, dropped).
    const articles = [
      doc('Aaa', 'goal goal goal match referee'),
      doc('Bbb', 'goal match'),
      doc('Ccc', 'match'),
    ];
    const [a, b, c] = extractKeywords(articles, { skipShipped: false });
    // goal: (1 + ln 3) × ln(1 + 3/2) = 2.0986 × 0.9163 = 1.923 → 1.9
    // match: 1 × ln(1 + 3/3) = 0.693 → 0.69
    assert.deepEqual(a, [['goal', 1.9], ['match', 0.69]]);
    assert.deepEqual(b, [['goal', 0.92], ['match', 0.69]]);
    assert.deepEqual(c, [['match', 0.69]]);
  });

  it('extractKeywordTerms gives the same terms in the same order, without weights', () => {
    const articles = [
      doc('Harbour strike', 'cranes idle cranes ships wait harbour dock pay talks', 'Dock workers walk out'),
      doc('Cranes return', 'cranes ships unload dock pay rise talks'),
      doc('Pay talks', 'pay talks dock union ships harbour'),
      doc('Union vote', 'union vote pay talks cranes'),
    ];
    for (const options of [{}, { maxKeywords: 2 }, { skipShipped: false, titleWeight: 1 }]) {
      const weighted = extractKeywords(articles, options);
      assert.ok(weighted.some((list) => list.length > 1));
      assert.deepEqual(extractKeywordTerms(articles, options), weighted.map((list) => list.map(([term]) => term)));
    }
  });

  it('counts title words three times and summary words twice', () => {
    assert.deepEqual([...termCounts(doc('Budget vote', 'budget tax', 'Tax rise'))], [['budget', 4], ['vote', 3], ['tax', 3], ['rise', 2]]);
  });

  it('keeps at most maxKeywords, breaking ties by term', () => {
    const articles = [doc('x', 'delta alpha charlie bravo'), doc('y', 'delta alpha charlie bravo')];
    assert.deepEqual(extractKeywords(articles, { maxKeywords: 2 })[0], [['alpha', 0.69], ['bravo', 0.69]]);
  });

  it('leaves out terms the title, summary or tags already ship', () => {
    const articles = [
      { title: 'Budget', summary: 'Tax', tags: ['Vote'], body: 'budget tax vote deficit' },
      { title: 'Other', tags: [], body: 'budget tax vote deficit' },
    ];
    assert.deepEqual(extractKeywords(articles)[0]!.map(([t]) => t), ['deficit']);
    assert.deepEqual([...shippedTerms(articles[0]!)].sort(), ['budget', 'tax', 'vote']);
  });

  it('drops stop words and is deterministic', () => {
    const articles = [doc('The cat', 'the cat and the dog'), doc('A dog', 'a dog and a cat')];
    const first = extractKeywords(articles, { skipShipped: false });
    assert.deepEqual(first, extractKeywords(articles, { skipShipped: false }));
    assert.deepEqual(first[0]!.map(([t]) => t).sort(), ['cat', 'dog']);
  });

  it('returns nothing for an empty catalogue', () => {
    assert.deepEqual(extractKeywords([]), []);
  });
});

describe('extractKeywords: languages', () => {
  // Two short Spanish stories: the function words they share ("para",
  // "como", "desde") are in every Spanish text and must never be keywords.
  const es = [
    { title: 'Uno', tags: [], body: 'El gobierno aprobó el presupuesto para la sanidad, como desde hace años, con más dinero para hospitales.' },
    { title: 'Dos', tags: [], body: 'Los hospitales piden más dinero para la sanidad, como desde hace meses, y el gobierno estudia el presupuesto.' },
  ];
  const words = (list: readonly (readonly [string, number])[]) => list.map(([t]) => t).sort();

  it("leaves out the stop words of the article's language", () => {
    const withLang = extractKeywords(es.map((a) => ({ ...a, lang: 'es-ES' })), { skipShipped: false });
    assert.deepEqual(words(withLang[0]!), ['aprobo', 'dinero', 'gobierno', 'hospitales', 'presupuesto', 'sanidad']);
    // With English stop words only, the Spanish function words come through.
    const asEnglish = extractKeywords(es.map((a) => ({ ...a, lang: 'en' })), { skipShipped: false });
    for (const w of ['como', 'desde', 'para', 'mas']) assert.ok(words(asEnglish[0]!).includes(w), w);
  });

  it("uses the catalogue's language for articles without one, and the article's own first", () => {
    assert.deepEqual(words(extractKeywords(es, { skipShipped: false, lang: 'es' })[0]!), ['aprobo', 'dinero', 'gobierno', 'hospitales', 'presupuesto', 'sanidad']);
    assert.ok(words(extractKeywords(es.map((a) => ({ ...a, lang: 'en' })), { skipShipped: false, lang: 'es' })[0]!).includes('para'));
    assert.equal(keywordLanguage({ title: 'x', tags: [], lang: 'pt' }, 'es'), 'pt');
    assert.equal(keywordLanguage({ title: 'x', tags: [] }, 'es'), 'es');
  });

  it('guesses the language when nobody declared it', () => {
    assert.equal(keywordLanguage(es[0]!), 'es');
    assert.deepEqual(words(extractKeywords(es, { skipShipped: false })[0]!), ['aprobo', 'dinero', 'gobierno', 'hospitales', 'presupuesto', 'sanidad']);
  });

  it('makes Chinese words, not whole sentences, into keywords', () => {
    const zh = [
      { title: '甲', tags: [], body: '中央银行宣布维持利率不变，经济学家认为通货膨胀正在回落。' },
      { title: '乙', tags: [], body: '经济学家预计中央银行明年下调利率，通货膨胀压力减轻。' },
    ];
    const [first] = extractKeywords(zh, { skipShipped: false });
    for (const w of ['银行', '利率', '膨胀']) assert.ok(words(first!).includes(w), `${w} in ${words(first!).join('|')}`);
    assert.ok(words(first!).every((w) => w.length >= 2 && w.length <= 4), words(first!).join('|'));
  });

  it('never keeps Japanese words written only in hiragana (particles, inflections)', () => {
    const ja = [
      { title: '一', tags: [], body: '中央銀行は金利を据え置きました。物価が安定しました。' },
      { title: '二', tags: [], body: '物価が上がりました。中央銀行は金利を注視しました。' },
    ];
    const [first] = extractKeywords(ja, { skipShipped: false });
    assert.ok(words(first!).includes('金利') && words(first!).includes('物価'), words(first!).join('|'));
    assert.ok(!words(first!).some((w) => /^[\u3041-\u309f]+$/.test(w)), words(first!).join('|'));
  });
});

describe('withoutStopWords', () => {
  it("takes the language's stop words out of title, summary and tags, leaving text the tokeniser reads back", () => {
    const a = { id: 'x', title: 'La economía de España crece', summary: 'Según el banco, la inflación baja.', tags: ['Economía', 'de'], body: 'x', lang: 'es' };
    const out = withoutStopWords(a);
    assert.deepEqual([out.title, out.summary, out.tags], ['economia espana crece', 'banco inflacion baja', ['economia']]);
    assert.deepEqual(terms(out.title), ['economia', 'espana', 'crece']);
    // Everything else stays.
    assert.equal(out.id, 'x');
    assert.equal(out.body, 'x');
  });

  it('changes no English term, and uses the catalogue language for articles without one', () => {
    assert.equal(withoutStopWords({ title: "The Mayor's budget plan", tags: [] }).title, 'mayor budget plan');
    assert.equal(withoutStopWords({ title: 'Die Wirtschaft wächst', tags: [] }, 'de').title, 'wirtschaft wachst');
  });
});
