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
   * catalogue. Defaults to 0.2.
   */
  threshold: number;
  /** When fewer than `limit` items pass the threshold, fill the rest from popular items. Defaults to true. */
  fill: boolean;
  /**
   * MMR trade-off between relevance (0) and novelty (1) when choosing each next
   * item. Defaults to 0.2: mostly relevance, but never five versions of one angle.
   */
  diversity: number;
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
  /** 1-based position of the first sponsored article, 0 to leave sponsored items unranked. Defaults to 0. */
  sponsoredPosition: number;
  /** Article ids the reader has already read (reader history); never shown. Defaults to none. */
  read: readonly string[];
  /** Article ids read recently, blended into the related query. Defaults to none. */
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
  threshold: 0.2,
  fill: true,
  diversity: 0.2,
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

const clamp = (value: number, min: number, max: number, fallback: number): number =>
  Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;

/** Fills defaults and clamps every number into its documented range. */
export function resolveRelatedOptions(options: Partial<RelatedOptions> = {}): RelatedOptions {
  const o = { ...RELATED_DEFAULTS, now: Date.now(), ...stripUndefined(options) };
  return {
    ...o,
    limit: Math.round(clamp(o.limit, 1, 50, RELATED_DEFAULTS.limit)),
    maxAgeDays: clamp(o.maxAgeDays, 0, Infinity, 0),
    threshold: clamp(o.threshold, 0, 1, RELATED_DEFAULTS.threshold),
    diversity: clamp(o.diversity, 0, 1, RELATED_DEFAULTS.diversity),
    recencyHalfLifeDays: clamp(o.recencyHalfLifeDays, 0, Infinity, 0),
    popularityWeight: clamp(o.popularityWeight, 0, 1, 0),
    sameSectionBoost: clamp(o.sameSectionBoost, 0, 100, 1),
    sectionCap: Math.round(clamp(o.sectionCap, 0, 50, 0)),
    tagCap: Math.round(clamp(o.tagCap, 0, 50, 0)),
    sponsoredPosition: Math.round(clamp(o.sponsoredPosition, 0, 50, 0)),
  };
}

/** Fills defaults and clamps every number into its documented range. */
export function resolvePopularOptions(options: Partial<PopularOptions> = {}): PopularOptions {
  const o = { ...POPULAR_DEFAULTS, now: Date.now(), ...stripUndefined(options) };
  return {
    ...o,
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
