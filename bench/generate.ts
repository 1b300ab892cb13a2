/**
 * A synthetic archive of any size for the scale benchmark, made from the BBC
 * corpus in ../shared/corpora (read at run time; its text never enters the
 * repository). Every generated article is distinct, so the benchmark measures
 * ranking and not dedupe: fresh id, URL and date; a headline spliced from two
 * headlines of one section; a body that mixes sentences from several articles
 * of that section; a summary taken from that body. Headlines never repeat.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Raw records as `readnext build` takes them: bodies included, ISO dates. */
export interface GeneratedRecord {
  id: string;
  url: string;
  title: string;
  summary: string;
  body: string;
  section: string;
  publishedAt: string;
  views: number;
}

interface Source {
  title: string;
  summary: string;
  body: string;
  section: string;
}

/** Source articles blended into each generated one. */
const SOURCES_PER_ARTICLE = 4;
/** Sentences kept in each generated body. */
const SENTENCES = 14;
const START = Date.UTC(2021, 0, 1);
const SPAN = 5 * 365 * 86_400_000;

export const DEFAULT_CORPUS = fileURLToPath(new URL('../../shared/corpora/bbc-news.json', import.meta.url));

/** Small deterministic PRNG (mulberry32), so a size always gives the same archive. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sentences: split after . ! or ? (and a closing quote) before a capital or an opening quote, so "7.5%" stays whole. */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?]["”’']?)\s+(?=["“‘']?[A-Z])/).map((s) => s.trim()).filter((s) => s.length > 20);
}

/** Headline compared as the ranker's duplicate test does: case, punctuation and spacing ignored. */
function titleKey(title: string): string {
  return (title.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

/** Loads the corpus once: its articles grouped by section, bodies split into sentences. */
export function loadCorpus(path = process.env.READNEXT_CORPUS ?? DEFAULT_CORPUS): Map<string, (Source & { sentences: string[] })[]> {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { articles: Source[] };
  const bySection = new Map<string, (Source & { sentences: string[] })[]>();
  for (const a of doc.articles) {
    const list = bySection.get(a.section) ?? [];
    list.push({ ...a, sentences: sentences(a.body) });
    bySection.set(a.section, list);
  }
  return bySection;
}

/** `n` distinct articles, deterministic for a given `n` and `seed`. */
export function generate(n: number, seed = 1, corpus = loadCorpus()): GeneratedRecord[] {
  const rand = random(seed);
  const sections = [...corpus.keys()].sort();
  const out: GeneratedRecord[] = [];
  const titles = new Set<string>();
  for (let i = 0; i < n; i++) {
    const section = sections[Math.floor(rand() * sections.length)]!;
    const pool = corpus.get(section)!;
    const sources = Array.from({ length: SOURCES_PER_ARTICLE }, () => pool[Math.floor(rand() * pool.length)]!);
    const body: string[] = [];
    for (let k = 0; k < SENTENCES; k++) {
      const from = sources[k % sources.length]!.sentences;
      if (from.length > 0) body.push(from[Math.floor(rand() * from.length)]!);
    }
    const a = sources[0]!.title.split(/\s+/);
    const b = sources[1]!.title.split(/\s+/);
    let title = [...a.slice(0, Math.ceil(a.length / 2)), ...b.slice(Math.floor(b.length / 2))].join(' ');
    // Splices repeat at scale (about 1M pairs per section); a repeated
    // headline would be dropped as a copy of the same story, so extend it
    // with words from the other sources' headlines until it is new.
    while (titles.has(titleKey(title))) {
      const words = sources[2 + Math.floor(rand() * (sources.length - 2))]!.title.split(/\s+/);
      title += ' ' + words[Math.floor(rand() * words.length)]!;
    }
    titles.add(titleKey(title));
    const id = `gen-${String(i).padStart(7, '0')}`;
    out.push({
      id,
      url: `https://bench.example/${section}/${i}-${slug(title)}`,
      title,
      summary: body[Math.floor(rand() * body.length)] ?? sources[0]!.summary,
      body: body.join(' '),
      section,
      publishedAt: new Date(START + Math.floor(rand() * SPAN)).toISOString(),
      // Heavy-tailed, like real page views.
      views: Math.floor(10 / Math.pow(1 - rand() * 0.999, 1.2)),
    });
  }
  return out;
}
