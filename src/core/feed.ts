/**
 * JSON Feed 1.1 items read as manifest articles, for the normaliser. Its own
 * module because the script-tag bundle leaves it out: a JSON Feed has no
 * build-time neighbours, so a page ranking from one needs text search, and
 * this loads with it (src/search.ts).
 */
import { isArray, isObject, isString, own, read, type Json } from './json.js';

/** Reads one field of a record (a manifest article or a mapped JSON Feed item). */
export type Getter = (key: string) => unknown;

/** Makes the field reader for one feed item. */
export type FeedReader = (item: object) => Getter;

const PREFIX = 'https://jsonfeed.org/version/';

/** True for a JSON Feed document (its `version` is a jsonfeed.org URL). */
export const isFeed = (input: unknown): boolean => {
  const version = isObject(input) && read(input, 'version');
  return isString(version) && version.startsWith(PREFIX);
};

/** A JSON Feed 1.1 item read as a manifest article; the `_readnext` extension supplies the other fields. */
export const feedGetter: FeedReader = (item) => {
  const get = (key: string) => read(item, key);
  const ext = get('_readnext');
  const authors = get('authors');
  const html = get('content_html');
  const first: unknown = isArray(authors) && own(authors, 0) ? authors[0] : 0;
  const mapped: Json = {
    id: get('id'),
    url: get('url') ?? get('external_url'),
    title: get('title'),
    summary: get('summary') ?? get('content_text') ?? (isString(html) ? stripTags(html) : undefined),
    image: get('image') ?? get('banner_image'),
    tags: get('tags'),
    author: isObject(first) ? read(first, 'name') : undefined,
    publishedAt: get('date_published'),
    updatedAt: get('date_modified'),
    lang: get('language'),
  };
  return (key) => (own(mapped, key) ? mapped[key] : isObject(ext) ? read(ext, key) : undefined);
};

/**
 * Enough to turn `content_html` into a summary; the CLI does full HTML
 * cleaning. A tag may not contain `<`, which keeps the scan linear: with
 * `<[^>]*>`, a string of a million `<` and no `>` takes minutes.
 */
const stripTags = (html: string): string => html.replace(/<[^<>]*>/g, ' ');
