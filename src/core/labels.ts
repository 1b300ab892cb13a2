/**
 * The elements' labels in other languages than English, which travel with
 * the manifest: the script-tag bundle has English built in and nothing
 * else, so `readnext build` writes into each manifest the sets for the
 * languages it uses (the manifest field `labels`, docs/manifest.md), and
 * an element shows the set of its own language when the manifest has one.
 * Pure (no DOM); build-side only, the browser never imports it.
 */
import type { Labels, LabelSet } from './types.js';

/**
 * Built-in label sets by primary language subtag: related heading, popular
 * heading, "Sponsored". English is the elements' own (and their fallback);
 * it is here so tools can list every language, never to be embedded.
 */
export const LABELS: Readonly<Record<string, LabelSet>> = Object.freeze({
  en: ['You May Also Like', 'Most Popular', 'Sponsored'],
  es: ['También te puede interesar', 'Lo más leído', 'Patrocinado'],
  fr: ['Vous aimerez aussi', 'Les plus lus', 'Sponsorisé'],
  de: ['Das könnte Sie auch interessieren', 'Meistgelesen', 'Gesponsert'],
  pt: ['Você também pode gostar', 'Mais lidos', 'Patrocinado'],
  ar: ['قد يعجبك أيضًا', 'الأكثر قراءة', 'محتوى مموَّل'],
});

/** The primary language subtag of a BCP 47 tag, lowercased: `pt-BR` → `pt`. */
export const primaryLanguage = (tag: string): string => tag.trim().split('-')[0]!.toLowerCase();

/**
 * The built-in sets for the languages `langs` name (BCP 47 tags, matched on
 * their primary subtag, so `pt-BR` gets `pt`), keyed by that subtag in the
 * order of {@link LABELS}. English, languages without a built-in set and
 * `undefined` entries add nothing.
 */
export function labelsFor(langs: Iterable<string | undefined>): Labels {
  const wanted = new Set<string>();
  for (const lang of langs) if (lang) wanted.add(primaryLanguage(lang));
  return Object.fromEntries(Object.entries(LABELS).filter(([code]) => code !== 'en' && wanted.has(code)));
}

/**
 * What `readnext build` adds to a manifest, to spread into it: `{ labels }`
 * with the built-in sets for the manifest's own `lang` and its articles'
 * `lang`s ({@link labelsFor}), and the sets the input manifest gave
 * (`given`, normalised), which win language by language and are kept even
 * for languages no article uses (a French site with English articles); `{}`
 * when there is nothing to embed, so an English manifest stays as it was.
 */
export function manifestLabels(lang: string | undefined, articles: readonly { lang?: string | undefined }[], given?: Labels): { labels?: Labels } {
  const labels = { ...labelsFor([lang, ...articles.map((a) => a.lang)]), ...given };
  return Object.keys(labels).length ? { labels } : {};
}
