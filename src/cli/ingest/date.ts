/**
 * Dates as feeds write them (RFC 822 in RSS, ISO 8601 in Atom, sitemaps and
 * front matter, and the sloppy variants of both) to ISO 8601 UTC strings.
 *
 * `Date.parse` alone is not enough: it reads an ISO date-time without an
 * offset as *local* time, so the manifest would depend on the build
 * machine's time zone, and it rejects RFC 822's obsolete forms
 * ("03 Apr 02 1500 GMT").
 */

const MONTHS: Readonly<Record<string, number>> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

/** RFC 822 zone names, in minutes east of UTC. */
const ZONES: Readonly<Record<string, number>> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  // Common in the wild although RFC 822 does not define them.
  BST: 60, CET: 60, CEST: 120, EET: 120, EEST: 180, IST: 330, JST: 540, AEST: 600, AEDT: 660,
};

const RFC822 =
  /^(?:[a-z]{3,9},?\s+)?(\d{1,2})[\s-]+([a-z]{3})[a-z]*\.?[\s-]+(\d{2,4})(?:\s+|T)(\d{1,2}):?(\d{2})(?::?(\d{2}))?(?:\.\d+)?\s*(?:([+-])(\d{2}):?(\d{2})|([a-z]{1,5}))?/i;

const ISO =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|[A-Z]{2,5})?)?$/i;

function twoDigitYear(year: number): number {
  // RFC 2822 §4.3: 00–49 are 2000s, 50–99 are 1900s.
  return year < 50 ? 2000 + year : year < 100 ? 1900 + year : year;
}

function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number | undefined {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return undefined;
  const value = Date.UTC(year, month, day, hour, minute, second, ms);
  return Number.isFinite(value) ? value : undefined;
}

function offsetMinutes(zone: string | undefined): number | undefined {
  if (!zone) return 0;
  const upper = zone.toUpperCase();
  if (upper in ZONES) return ZONES[upper];
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * Epoch milliseconds from an RFC 822/2822 or ISO 8601 date, a `Date`, or a
 * number (seconds or milliseconds since the epoch). A date-time without an
 * offset is taken as UTC. Returns `undefined` when the value is not a date.
 */
export function parseDateMs(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.getTime() : undefined;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) return undefined;
    // Ten-digit numbers are Unix seconds; anything larger is milliseconds.
    return value < 1e11 ? value * 1000 : value;
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!text) return undefined;

  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, zone] = iso;
    const offset = offsetMinutes(zone);
    if (offset === undefined) return undefined;
    const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
    const base = utc(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), ms);
    return base === undefined ? undefined : base - offset * 60_000;
  }

  const rfc = RFC822.exec(text);
  if (rfc) {
    const [, d, mon, y, h, mi, s, sign, oh, om, name] = rfc;
    const month = MONTHS[mon!.toLowerCase()];
    if (month === undefined) return undefined;
    let offset = 0;
    if (sign) offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
    else if (name) {
      const zone = offsetMinutes(name);
      // Military single letters and unknown names: RFC 2822 says treat as UTC.
      offset = zone ?? 0;
    }
    const base = utc(twoDigitYear(Number(y)), month, Number(d), Number(h), Number(mi), Number(s ?? 0));
    return base === undefined ? undefined : base - offset * 60_000;
  }

  // Last resort for forms like "June 5, 2024" that carry no zone: V8 reads
  // them as local time, so re-read the fields as UTC.
  const loose = new Date(text);
  if (!Number.isFinite(loose.getTime())) return undefined;
  if (/(?:[+-]\d{2}:?\d{2}|\b(?:GMT|UTC|Z))\s*$/i.test(text)) return loose.getTime();
  return Date.UTC(
    loose.getFullYear(), loose.getMonth(), loose.getDate(),
    loose.getHours(), loose.getMinutes(), loose.getSeconds(), loose.getMilliseconds(),
  );
}

/** {@link parseDateMs} as an ISO 8601 string (`…Z`), or `undefined`. */
export function parseDate(value: unknown): string | undefined {
  const ms = parseDateMs(value);
  if (ms === undefined) return undefined;
  // Years outside 1970–2200 are almost always a parsing accident (e.g. "0001-01-01" placeholders).
  if (ms < 0 || ms > Date.UTC(2200, 0, 1)) return undefined;
  return new Date(ms).toISOString();
}
