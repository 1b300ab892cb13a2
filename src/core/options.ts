/**
 * Every ranking option, the MiniSearch way: one type per ranker with prose on
 * each field, and one table of checks per ranker that both resolves options
 * and holds the defaults (the frozen `*_DEFAULTS` are the checks' answers for
 * no options).
 */

/** Articles a list must never show. */
export interface Exclusions {
  /** Article ids to leave out. */
  ids?: readonly string[];
  /** Sections to leave out (compared case-insensitively). */
  sections?: readonly string[];
  /** Tags to leave out (compared case-insensitively). */
  tags?: readonly string[];
}

/** Weight of a shared term by the field it appears in (see {@link RelatedOptions.fieldWeights}). */
export interface FieldWeights {
  /** Terms of the article's title. */
  title: number;
  /** Terms of the summary (or description). */
  summary: number;
  /** Terms of the tags. */
  tags: number;
  /** Build-time body keywords. */
  keywords: number;
}

export interface RelatedOptions {
  /** How many items to return. Defaults to 5. Range 1-50. */
  limit: number;
  /** Articles never to show. Defaults to none. */
  exclude: Exclusions;
  /** Leave out articles published more than this many days before `now`. Defaults to 0 (no limit). */
  maxAgeDays: number;
  /** The clock, in epoch ms, so tests and demos never go stale. Defaults to `Date.now()` at resolve time. */
  now: number;
  /**
   * Minimum relevance relative to the best match, 0-1: an item scoring below
   * `threshold × best score` is dropped, so the number means the same on any
   * catalogue. Defaults to 0.1: below a tenth of the best cosine an item
   * shares only a stray word or two with the article; 0.2 already cut lists
   * short on pages whose best match is a close follow-up story.
   */
  threshold: number;
  /** When fewer than `limit` items pass the threshold, fill the rest from popular items. Defaults to true. */
  fill: boolean;
  /**
   * MMR trade-off between relevance (0) and novelty (1) when choosing each next
   * item: each pick maximises `(1 - diversity) × relevance - diversity ×
   * similarity to the items above`. Defaults to 0.1: near-ties go to the item
   * that adds a new angle, while a clearly more relevant item still wins.
   * Similarities come from the articles' build-time neighbour lists, so a
   * manifest without `near` gets no diversity.
   */
  diversity: number;
  /**
   * How much a shared term counts by where it appears, 0-10 each; a term in
   * several fields takes its largest weight, and 0 ignores a field. Defaults
   * to title 1.5, summary 1.25, tags 1.25, keywords 1: the publisher's own
   * title and summary words state the topic, so they count a little more, but
   * not so much that one shared headline word outweighs a dozen shared body
   * keywords. A partial object changes only the fields it names.
   *
   * At run time they weigh the MiniSearch query of a page without build-time
   * neighbours (outside the manifest, or a manifest not built) and the
   * `matched` terms of explanations. A built page's neighbours were ranked
   * with the build's weights (`readnext build --field-weights`,
   * `BuildOptions.fieldWeights`); these cannot reorder them.
   */
  fieldWeights: FieldWeights;
  /** Recency prior: a related item's score halves every this many days of age. Defaults to 0 (off). */
  recencyHalfLifeDays: number;
  /** Popularity prior weight, 0-1: blends log-scaled views into the score. Defaults to 0 (off). */
  popularityWeight: number;
  /** Multiplier for items in the current article's section. Defaults to 1 (off). */
  sameSectionBoost: number;
  /** At most this many items from one section. Defaults to 0 (no cap). */
  sectionCap: number;
  /** At most this many items sharing one tag. Defaults to 0 (no cap). */
  tagCap: number;
  /** Article ids always shown first, in this order. Defaults to none. */
  pinned: readonly string[];
  /**
   * 1-based position of the sponsored slot: the most relevant sponsored
   * article is placed there, labelled `source: 'sponsored'`. 0 leaves sponsored
   * articles out of the list, so they never pass as organic. Defaults to 0.
   */
  sponsoredPosition: number;
  /** Article ids the reader has already read (reader history); never shown. Defaults to none. */
  read: readonly string[];
  /**
   * Article ids read recently, blended into the related query (together they
   * count half as much as the current article). Defaults to none.
   */
  recent: readonly string[];
}

export type PopularWindow = '24h' | '7d' | '30d' | 'all';
export type PopularMetric = 'views' | 'trending';

export interface PopularOptions {
  /** How many items to return. Defaults to 5. Range 1-50. */
  limit: number;
  /** `24h`, `7d`, `30d` or `all`. Defaults to `7d`. */
  window: PopularWindow;
  /** `views` ranks by the window's view count; `trending` blends views with age. Defaults to `views`. */
  metric: PopularMetric;
  /** Trending gravity, as in Hacker News' `(views) / (hours + 2) ^ gravity`. Defaults to 1.8. */
  gravity: number;
  /** Articles never to show. Defaults to none. */
  exclude: Exclusions;
  /** The clock, in epoch ms. Defaults to `Date.now()` at resolve time. */
  now: number;
  /** Article ids the reader has already read; never shown. Defaults to none. */
  read: readonly string[];
}

const NONE: readonly string[] = Object.freeze([]);

type Check = (value: unknown) => unknown;

/** A number clamped into [min, max] (rounded when `int`); anything else (NaN, wrong type) gives the default `d`. */
const num =
  (d: number, min: number, max: number, int?: boolean): Check =>
  (v) =>
    typeof v === 'number' && v === v ? (int ? Math.round : Number)(Math.min(max, Math.max(min, v))) : d;
/** One of `values`; anything else gives the first, the default. */
const oneOf =
  (...values: unknown[]): Check =>
  (v) =>
    values.includes(v) ? v : values[0];

const FIELD_CHECKS: Record<string, Check> = { title: num(1.5, 0, 10), summary: num(1.25, 0, 10), tags: num(1.25, 0, 10), keywords: num(1, 0, 10) };
const FIELD_WEIGHTS: Readonly<FieldWeights> = Object.freeze(resolve<FieldWeights>(FIELD_CHECKS, 0));

const COMMON: Record<string, Check> = {
  limit: num(5, 1, 50, true),
  exclude: exclusions,
  now: (v) => (Number.isFinite(v) ? v : Date.now()),
  read: strings,
};

/** Each option's check, which also holds its default (the value for `undefined`). */
const RELATED_CHECKS: Record<string, Check> = {
  ...COMMON,
  maxAgeDays: num(0, 0, Infinity),
  threshold: num(0.1, 0, 1),
  fill: oneOf(true, false),
  diversity: num(0.1, 0, 1),
  fieldWeights,
  recencyHalfLifeDays: num(0, 0, Infinity),
  popularityWeight: num(0, 0, 1),
  sameSectionBoost: num(1, 0, 100),
  sectionCap: num(0, 0, 50, true),
  tagCap: num(0, 0, 50, true),
  pinned: strings,
  sponsoredPosition: num(0, 0, 50, true),
  recent: strings,
};

const POPULAR_CHECKS: Record<string, Check> = {
  ...COMMON,
  window: oneOf('7d', '24h', '30d', 'all'),
  metric: oneOf('views', 'trending'),
  gravity: num(1.8, 0, 10),
};

/**
 * Every option through its check: defaults filled, numbers clamped into
 * their documented ranges, anything of the wrong type dropped (options
 * arrive from HTML attributes and untyped scripts), so ranking never throws
 * on bad options.
 */
function resolve<T>(checks: Record<string, Check>, options: unknown): T {
  const given = own(options);
  const out: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(checks)) out[key] = check(given.get(key));
  return out as T;
}

/** Own enumerable properties only: a polluted `Object.prototype` never sets an option. */
function own(value: unknown): Map<string, unknown> {
  return new Map(Object.entries(value ?? {}));
}

/** The defaults without `now`, which is read at resolve time. */
const defaults = <T>(checks: Record<string, Check>) => {
  const { now: _, ...d } = resolve<T & { now: number }>(checks, {});
  return Object.freeze(d);
};

/** Defaults for {@link RelatedOptions} except `now`, which is read at resolve time. */
export const RELATED_DEFAULTS: Readonly<Omit<RelatedOptions, 'now'>> = defaults<RelatedOptions>(RELATED_CHECKS);

/** Defaults for {@link PopularOptions} except `now`. */
export const POPULAR_DEFAULTS: Readonly<Omit<PopularOptions, 'now'>> = defaults<PopularOptions>(POPULAR_CHECKS);

/** What callers pass: any subset of the options, and any subset of the field weights. */
export type RelatedOptionsInput = Partial<Omit<RelatedOptions, 'fieldWeights'>> & { fieldWeights?: Partial<FieldWeights> };

/** Fills defaults, clamps every number into its documented range and drops anything of the wrong type. */
export function resolveRelatedOptions(options: RelatedOptionsInput = {}): RelatedOptions {
  return resolve(RELATED_CHECKS, options);
}

/** Fills defaults and clamps every number into its documented range. */
export function resolvePopularOptions(options: Partial<PopularOptions> = {}): PopularOptions {
  return resolve(POPULAR_CHECKS, options);
}

/**
 * Field weights merged over the defaults, each clamped to 0-10; a bad value
 * falls back to its own default. The defaults object itself is returned when
 * nothing differs, so callers can tell the default weights by identity.
 */
function fieldWeights(value: unknown): FieldWeights {
  const w = resolve<FieldWeights>(FIELD_CHECKS, value);
  return JSON.stringify(w) === JSON.stringify(FIELD_WEIGHTS) ? FIELD_WEIGHTS : w;
}

/** Only the strings of an array; anything else becomes empty. */
function strings(value: unknown): readonly string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : NONE;
}

/** Exclusions with every list reduced to its strings (empty when missing or not a list). */
export function exclusions(value: unknown): Required<Exclusions> {
  const e = value as Record<string, unknown> | null | undefined;
  return { ids: strings(e?.ids), sections: strings(e?.sections), tags: strings(e?.tags) };
}
