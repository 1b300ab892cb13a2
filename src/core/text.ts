/**
 * Tokenisation and stop words shared by indexing, query building and keyword
 * extraction, so every stage sees the same terms.
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
wouldn't you you'd you'll you're you've your yours yourself yourselves mr mrs ms one two three new year years told also
could would may might must shall get got make made many much well even still back like last first next since via per
s t`;

export const STOP_WORDS: ReadonlySet<string> = new Set(EN_STOP.split(/\s+/));

const MAX_TERM = 40;

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Splits text into lowercase word tokens (letters and digits, any script). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/**
 * Normalises one token for indexing and querying: lowercase, possessive
 * `'s` removed, stop words, one-character and over-40-character tokens
 * dropped (returns null).
 */
export function processTerm(term: string): string | null {
  const t = term.toLowerCase().replace(/['’]s$/, '').replace(/’/g, "'");
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
