/**
 * Opt-in reader history (the `history` attribute): ids of articles this
 * reader opened on this site, in first-party `localStorage`. Nothing here
 * runs unless an element asks, so a page without `history` never touches
 * storage. Storage that throws (Safari private mode, sandboxed iframes,
 * blocked cookies) or holds garbage counts as an empty history.
 */

/** Storage key, one per origin. */
export const HISTORY_KEY = 'readnext:read';
/** Most ids kept: enough to hide what was read this month, small enough to parse on every page. */
export const HISTORY_CAP = 50;
/** Days after which a read is forgotten. */
export const HISTORY_DAYS = 30;

/** `[id, epoch ms]`, newest first. */
type Entry = [string, number];

/**
 * Records `id` (when given) as read now and returns the other ids read in the
 * last {@link HISTORY_DAYS} days, newest first.
 */
export function visit(id: string | undefined, now = Date.now()): string[] {
  let entries: Entry[] = [];
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]');
    if (Array.isArray(stored)) {
      entries = stored.filter(
        (e): e is Entry => Array.isArray(e) && typeof e[0] == 'string' && e[0] !== id && now - e[1] < HISTORY_DAYS * 864e5,
      );
    }
  } catch {
    // Unreadable or corrupt: start afresh.
  }
  const others = entries.map((e) => e[0]);
  if (id) {
    try {
      localStorage.setItem(HISTORY_KEY, JSON.stringify([[id, now], ...entries].slice(0, HISTORY_CAP)));
    } catch {
      // Full or forbidden: the reader simply has no history.
    }
  }
  return others.slice(0, HISTORY_CAP);
}
