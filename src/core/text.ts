/**
 * Tokenisation and stop words shared by indexing, query building and keyword
 * extraction, so every stage sees the same terms. This module runs in the
 * browser, so it holds only what every language needs and costs no data:
 * folding, script-based word splitting and the English stop words. Other
 * languages' stop words are build-time data (`./lang/`), applied when
 * keywords are chosen; the manifest carries the result.
 */

// Common English function words: they carry no topic and would make every
// article "related" to every other.
const EN_STOP = `a about above after again against all also am an and any are aren't as at be because been before
being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each
few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself
his how how's i i'd i'll i'm i've if in into is isn't it it's its itself just let's me more most mustn't my myself no nor
not now of off on once only or other ought our ours ourselves out over own said same say says shan't she she'd she'll
she's should shouldn't so some such than that that's the their theirs them themselves then there there's these they
they'd they'll they're they've this those through to too under until up upon us very was wasn't we we'd we'll we're
we've were weren't what what's when when's where where's which while who who's whom why why's will with won't would
wouldn't you you'd you'll you're you've your yours yourself yourselves mr mrs ms one two three new year years told
may might must shall get got make made many much well even still back like last first next since via per s t`;

export const STOP_WORDS: ReadonlySet<string> = new Set(EN_STOP.split(/\s+/));

const MAX_TERM = 40;

// Letters, digits and combining marks: Thai, Devanagari or vowelled Arabic
// words hold marks inside them, and a word split at each one is garbage.
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’]\p{L}+)*/gu;

// Scripts written without spaces between words: Han (Chinese, Japanese
// kanji), kana, Thai and Lao. (Khmer and Myanmar would cost bytes every
// reader pays for; they can join when someone needs them.)
const UNSPACED = /[\p{sc=Han}\u3040-\u30ff\u0e00-\u0eff]/u;

let segmenter: Intl.Segmenter | undefined;

/**
 * Case and accent folding, the same for every language so that the browser
 * needs no language data: lowercase; compatibility forms to their plain
 * letters (full-width Latin and digits, ligatures, half-width kana, Arabic
 * presentation forms); Latin, Greek and Cyrillic accents removed (é→e, ñ→n,
 * ü→u, ç→c, ё→е, and also й→и: publishers drop accents on capitals and in URLs, and the
 * few words this merges, such as Spanish año/ano, carry no topic); Arabic
 * short vowels, shadda, sukun, dagger alef and tatweel removed, which also
 * folds the hamza carriers (أ إ آ → ا, ؤ → و, ئ → ي) as Arabic search
 * engines do. Kana voicing marks, Thai and Indic vowels are kept (they
 * change the word), and text is recomposed afterwards: the word segmenter
 * needs composed kana. ß, ى and ة are left as they are.
 */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    // eslint-disable-next-line no-misleading-character-class -- lone combining marks are the point: they are what gets removed
    .replace(/[\u0300-\u036f\u0640\u064b-\u065f\u0670]/g, '')
    .normalize('NFC');
}

/**
 * Splits text into folded word tokens (letters and digits, any script).
 * Chinese, Japanese, Thai and Lao text is split into words with
 * `Intl.Segmenter` (dictionary-based, built into browsers and Node, no data
 * to ship). Where that is missing (Firefox before 125), such a word becomes
 * overlapping character pairs (经济发展 → 经济 济发 发展), the usual fallback
 * for Chinese search: it indexes and queries alike, and a keyword built with
 * the segmenter splits into pairs the text also has.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const Segmenter = Intl.Segmenter;
  for (const word of fold(text).match(WORD) ?? []) {
    if (!UNSPACED.test(word)) out.push(word);
    else if (Segmenter) {
      for (const s of (segmenter ??= new Segmenter(undefined, { granularity: 'word' })).segment(word)) if (s.isWordLike) out.push(s.segment);
    } else for (const pair of word.matchAll(/(?=(..))/gu)) out.push(pair[1]!);
  }
  return out;
}

/**
 * Normalises one token for indexing and querying: lowercase, English
 * possessive `'s` and French elision (l', d', qu'…) removed, the Arabic
 * article with its attached particles (ال وال بال كال فال لل) removed when
 * three letters remain; stop words, one-character and over-40-character
 * tokens dropped (returns null). Processing a processed term changes
 * nothing, so keywords survive the browser's second pass.
 */
export function processTerm(term: string): string | null {
  const t = term
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/’/g, "'")
    // Arabic letters written as themselves, not \u escapes: the bundle is
    // UTF-8, so each costs 2 bytes instead of 6. Never when the rest starts
    // with a prefix again (الالتزام): the browser processes keywords a
    // second time, so processing must not change a processed term.
    .replace(/^(?:[cdjlmnst]|qu)'|^(?:[وفبكل]?ال|لل)(?=...)(?![وفبكل]?ال|لل)/, '');
  // Nothing over 40 characters is a topic word (those are hashes, URLs or
  // junk), and fuzzy matching over such a term is what would cost time.
  if (t.length < 2 || t.length > MAX_TERM || STOP_WORDS.has(t)) return null;
  return t;
}

/** Tokenises and processes in one step, keeping order and repeats. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    const t = processTerm(token);
    if (t) out.push(t);
  }
  return out;
}
