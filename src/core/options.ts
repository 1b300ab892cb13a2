/**
 * Every ranking option, the MiniSearch way: one type per ranker with prose on
 * each field, defaults in one frozen object, one resolve function.
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
   */
  diversity: number;
  /**
   * How much a shared term counts by where it appears, 0-10 each; a term in
   * several fields takes its largest weight, and 0 ignores a field. Defaults
   * to title 1.5, summary 1.25, tags 1.25, keywords 1: the publisher's own
   * title and summary words state the topic, so they count a little more, but
   * not so much that one shared headline word outweighs a dozen shared body
   * keywords. A partial object changes only the fields it names.
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

/** Defaults for {@link RelatedOptions} except `now`, which is read at resolve time. */
export const RELATED_DEFAULTS: Readonly<Omit<RelatedOptions, 'now'>> = Object.freeze({
  limit: 5,
  exclude: Object.freeze({}),
  maxAgeDays: 0,
  threshold: 0.1,
  fill: true,
  diversity: 0.1,
  fieldWeights: Object.freeze({ title: 1.5, summary: 1.25, tags: 1.25, keywords: 1 }),
  recencyHalfLifeDays: 0,
  popularityWeight: 0,
  sameSectionBoost: 1,
  sectionCap: 0,
  tagCap: 0,
  pinned: NONE,
  sponsoredPosition: 0,
  read: NONE,
  recent: NONE,
});

/** Defaults for {@link PopularOptions} except `now`. */
export const POPULAR_DEFAULTS: Readonly<Omit<PopularOptions, 'now'>> = Object.freeze({
  limit: 5,
  window: '7d',
  metric: 'views',
  gravity: 1.8,
  exclude: Object.freeze({}),
  read: NONE,
});

const clamp = (value: unknown, min: number, max: number, fallback: number): number =>
  typeof value === 'number' && !Number.isNaN(value) ? Math.min(max, Math.max(min, value)) : fallback;

/**
 * Fills defaults, clamps every number into its documented range and drops
 * anything of the wrong type (options arrive from HTML attributes and
 * untyped scripts), so ranking never throws on bad options.
 */
/** What callers pass: any subset of the options, and any subset of the field weights. */
export type RelatedOptionsInput = Partial<Omit<RelatedOptions, 'fieldWeights'>> & { fieldWeights?: Partial<FieldWeights> };

export function resolveRelatedOptions(options: RelatedOptionsInput = {}): RelatedOptions {
  const o = { ...RELATED_DEFAULTS, ...stripUndefined(options ?? {}) };
  return {
    limit: Math.round(clamp(o.limit, 1, 50, RELATED_DEFAULTS.limit)),
    exclude: exclusions(o.exclude),
    maxAgeDays: clamp(o.maxAgeDays, 0, Infinity, 0),
    now: typeof o.now === 'number' && Number.isFinite(o.now) ? o.now : Date.now(),
    threshold: clamp(o.threshold, 0, 1, RELATED_DEFAULTS.threshold),
    fill: typeof o.fill === 'boolean' ? o.fill : RELATED_DEFAULTS.fill,
    diversity: clamp(o.diversity, 0, 1, RELATED_DEFAULTS.diversity),
    fieldWeights: fieldWeights(o.fieldWeights),
    recencyHalfLifeDays: clamp(o.recencyHalfLifeDays, 0, Infinity, 0),
    popularityWeight: clamp(o.popularityWeight, 0, 1, 0),
    sameSectionBoost: clamp(o.sameSectionBoost, 0, 100, 1),
    sectionCap: Math.round(clamp(o.sectionCap, 0, 50, 0)),
    tagCap: Math.round(clamp(o.tagCap, 0, 50, 0)),
    pinned: strings(o.pinned),
    sponsoredPosition: Math.round(clamp(o.sponsoredPosition, 0, 50, 0)),
    read: strings(o.read),
    recent: strings(o.recent),
  };
}

/**
 * Field weights merged over the defaults, each clamped to 0-10; a bad value
 * falls back to its own default. The defaults object itself is returned when
 * nothing differs, so the default path shares one cached vector index.
 */
function fieldWeights(value: unknown): FieldWeights {
  const d = RELATED_DEFAULTS.fieldWeights;
  if (typeof value !== 'object' || value === null) return d;
  const w = value as Partial<Record<keyof FieldWeights, unknown>>;
  const out = {
    title: clamp(w.title, 0, 10, d.title),
    summary: clamp(w.summary, 0, 10, d.summary),
    tags: clamp(w.tags, 0, 10, d.tags),
    keywords: clamp(w.keywords, 0, 10, d.keywords),
  };
  return out.title === d.title && out.summary === d.summary && out.tags === d.tags && out.keywords === d.keywords ? d : out;
}

/** Only the strings of an array; anything else becomes empty. */
function strings(value: unknown): readonly string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : NONE;
}

/** Exclusions with every list reduced to its strings. */
export function exclusions(value: unknown): Exclusions {
  if (typeof value !== 'object' || value === null) return {};
  const e = value as Record<string, unknown>;
  return { ids: strings(e.ids), sections: strings(e.sections), tags: strings(e.tags) };
}

/** Fills defaults and clamps every number into its documented range. */
export function resolvePopularOptions(options: Partial<PopularOptions> = {}): PopularOptions {
  const o = { ...POPULAR_DEFAULTS, now: Date.now(), ...stripUndefined(options ?? {}) };
  return {
    ...o,
    now: typeof o.now === 'number' && Number.isFinite(o.now) ? o.now : Date.now(),
    exclude: exclusions(o.exclude),
    read: strings(o.read),
    limit: Math.round(clamp(o.limit, 1, 50, POPULAR_DEFAULTS.limit)),
    window: (['24h', '7d', '30d', 'all'] as const).includes(o.window) ? o.window : POPULAR_DEFAULTS.window,
    metric: o.metric === 'trending' ? 'trending' : 'views',
    gravity: clamp(o.gravity, 0, 10, POPULAR_DEFAULTS.gravity),
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] !== undefined) out[key] = value[key];
  }
  return out;
}
