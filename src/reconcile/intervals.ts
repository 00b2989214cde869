// Dates as intervals of days. A date at its precision is the whole period it
// names ('2022-06' = 1 to 30 June 2022), so a coarser date that contains a
// finer one overlaps it (agreement) and only disjoint intervals disagree.
// Pure.

/** Days since 1970-01-01 (UTC); -Infinity / Infinity for an open end. */
export interface Interval {
  lo: number;
  hi: number;
}

export const UNBOUNDED: Interval = { lo: -Infinity, hi: Infinity };

const DAY_MS = 86_400_000;

function dayNumber(y: number, m: number, d: number): number {
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** The day number of an ISO day (YYYY-MM-DD). */
export function dayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return dayNumber(y, m, d);
}

export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Intervals of the dates seen (a corpus names few distinct dates, each many times). */
const known = new Map<string, Interval | null>();

/** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' as the interval of days it covers; null if it is not such a date. */
export function dateInterval(value: string): Interval | null {
  let i = known.get(value);
  if (i === undefined) {
    i = parseDateInterval(value);
    if (known.size >= 100_000) known.clear();
    known.set(value, i);
  }
  // A copy: callers may keep and change what they are given.
  return i && { lo: i.lo, hi: i.hi };
}

function parseDateInterval(value: string): Interval | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return null;
  const y = Number(m[1]);
  if (m[3] !== undefined) {
    const d = dayNumber(y, Number(m[2]), Number(m[3]));
    return { lo: d, hi: d };
  }
  if (m[2] !== undefined) {
    const month = Number(m[2]);
    return { lo: dayNumber(y, month, 1), hi: dayNumber(y, month + 1, 1) - 1 };
  }
  return { lo: dayNumber(y, 1, 1), hi: dayNumber(y + 1, 1, 1) - 1 };
}

export interface DatedStatement {
  /** The claimed date at its precision, or null. */
  date: string | null;
  /** 'future' for what was still to come when the text was written ("will enter"). */
  tense: string | null;
  /** The document's reference date (YYYY-MM-DD), or null. */
  publishedAt: string | null;
}

/**
 * When a stage event happened according to one claim:
 * - a date: the interval it names;
 * - no date, future tense ("will enter"): on or after publication (open-ended);
 * - no date, past tense: on or before publication when that is known, else unbounded.
 */
export function statementInterval(s: DatedStatement): Interval {
  if (s.date) {
    const i = dateInterval(s.date);
    if (i) return i;
  }
  const pub = s.publishedAt ? dateInterval(s.publishedAt) : null;
  if (!pub) return UNBOUNDED;
  return s.tense === 'future' ? { lo: pub.lo, hi: Infinity } : { lo: -Infinity, hi: pub.hi };
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.lo <= b.hi && b.lo <= a.hi;
}

/** a contains b: b is a finer (or equal) statement of the same period. */
export function contains(a: Interval, b: Interval): boolean {
  return a.lo <= b.lo && b.hi <= a.hi;
}

export function intersect(a: Interval, b: Interval): Interval | null {
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  return lo <= hi ? { lo, hi } : null;
}

export function isBounded(i: Interval): boolean {
  return Number.isFinite(i.lo) && Number.isFinite(i.hi);
}

/** Width in days (Infinity when open); for preferring the most precise statement. */
export function width(i: Interval): number {
  return i.hi - i.lo + 1;
}

/** Readable form: "2022-06-28", "2019-04-01..2019-04-30", "on or after 2019-08-30", "any time". */
export function describeInterval(i: Interval): string {
  if (!Number.isFinite(i.lo) && !Number.isFinite(i.hi)) return 'any time';
  if (!Number.isFinite(i.lo)) return `on or before ${isoOfDay(i.hi)}`;
  if (!Number.isFinite(i.hi)) return `on or after ${isoOfDay(i.lo)}`;
  return i.lo === i.hi ? isoOfDay(i.lo) : `${isoOfDay(i.lo)}..${isoOfDay(i.hi)}`;
}
