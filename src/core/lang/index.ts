/**
 * Build-time language data: stop words per language and a cheap guess of an
 * article's language when nobody declared it. Only keyword extraction
 * (Node, `readnext build`) imports this; the browser never does, so the
 * lists cost the script-tag bundle nothing. Their effect reaches the
 * browser as the manifest's keywords.
 *
 * English stop words live in `../text.ts` and apply everywhere (the browser
 * drops them too); these lists apply on top for their language.
 */
import { fold, processTerm, tokenize } from '../text.js';
import { ar } from './ar.js';
import { de } from './de.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { ja } from './ja.js';
import { pt } from './pt.js';
import { th } from './th.js';
import { zh } from './zh.js';

const LISTS: Readonly<Record<string, string>> = { ar, de, es, fr, ja, pt, th, zh };

/** Languages with their own stop words (English's are the tokeniser's own). */
export const LANGUAGES: readonly string[] = ['en', ...Object.keys(LISTS)];

const NONE: ReadonlySet<string> = new Set();
const sets = new Map<string, ReadonlySet<string>>();

/** The primary subtag of a BCP 47 tag, lowercased: `pt-BR` → `pt`, `zh-Hant-TW` → `zh`. */
export function baseLanguage(lang: string): string {
  return lang.trim().toLowerCase().split(/[-_]/)[0]!;
}

/**
 * Stop words for a language tag, as the tokeniser normalises them (folded,
 * elision and Arabic article removed), so they compare equal to `terms()`
 * output. Empty for English (the tokeniser drops those itself) and for
 * languages without a list.
 */
export function stopWords(lang: string | undefined): ReadonlySet<string> {
  const base = lang === undefined ? '' : baseLanguage(lang);
  const list = LISTS[base];
  if (list === undefined) return NONE;
  let set = sets.get(base);
  if (!set) {
    // Each entry is one word: folded and processed, never segmented, so a
    // two-character Chinese entry stays one term.
    set = new Set(list.split(/\s+/).flatMap((w) => processTerm(fold(w)) ?? []));
    sets.set(base, set);
  }
  return set;
}

// Words written only in hiragana are Japanese particles, auxiliaries and
// inflections (は が を した ます); content words are written in kanji or
// katakana. A few hiragana-only nouns (すし) are lost, which keywords can
// spare.
const HIRAGANA_ONLY = /^[\u3041-\u309f]+$/;

/** Whether a processed term should never become a keyword of an article in `lang`. */
export function isStopTerm(term: string, lang: string | undefined): boolean {
  return stopTermTest(lang)(term);
}

/** {@link isStopTerm} for one language, its list looked up once: for filtering many terms. */
export function stopTermTest(lang: string | undefined): (term: string) => boolean {
  const stop = stopWords(lang);
  return (term) => stop.has(term) || (term.charCodeAt(0) >= 0x3041 && HIRAGANA_ONLY.test(term));
}

const KANA = /[\u3041-\u30ff]+/gu;
const HAN = /\p{sc=Han}+/gu;
const THAI = /[\u0e00-\u0e7f]+/gu;
const ARABIC = /\p{sc=Arab}+/gu;
const LETTERS = /\p{L}+/gu;
/** Characters matched by `re` (which matches runs, so a long text makes few strings). */
const count = (text: string, re: RegExp) => {
  let n = 0;
  for (const run of text.match(re) ?? []) n += run.length;
  return n;
};

/** How much text language detection reads: enough for a clear vote, cheap for long bodies. */
const SAMPLE = 1000;

/**
 * A guess at the language of a text, for articles whose language nobody
 * declared: by script first (any kana → `ja`; Han → `zh`; Thai → `th`;
 * Arabic → `ar`, each when it makes up at least a fifth of the letters),
 * then, for Latin text, by which language's stop words (English's
 * included) the text uses most, when they make up at least a tenth of its
 * words. Undefined when no language is clear; the caller then uses
 * English stop words only, as before languages were supported.
 */
export function detectLanguage(text: string): string | undefined {
  const sample = text.slice(0, SAMPLE);
  const letters = count(sample, LETTERS);
  if (letters === 0) return undefined;
  const kana = count(sample, KANA);
  const han = count(sample, HAN);
  if (kana > 0 && (kana + han) * 5 >= letters) return 'ja';
  if (han * 5 >= letters) return 'zh';
  if (count(sample, THAI) * 5 >= letters) return 'th';
  if (count(sample, ARABIC) * 5 >= letters) return 'ar';
  const words = tokenize(sample);
  // The tokeniser's null means an English stop word (or a one-letter word,
  // which counts for no language).
  const processed = words.map((word) => processTerm(word));
  let best: string | undefined;
  let bestHits = 0;
  for (const lang of ['en', 'de', 'es', 'fr', 'pt']) {
    const set = lang === 'en' ? undefined : stopWords(lang);
    let hits = 0;
    processed.forEach((t, i) => {
      if (set ? t !== null && set.has(t) : t === null && words[i]!.length > 1) hits++;
    });
    if (hits > bestHits) [best, bestHits] = [lang, hits];
  }
  return bestHits * 10 >= words.length ? best : undefined;
}
