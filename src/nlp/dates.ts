import * as chrono from 'chrono-node';
import { z } from 'zod';

export const DatePrecision = z.enum(['day', 'month', 'year']);
export type DatePrecision = z.infer<typeof DatePrecision>;

export const DateFound = z.object({
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  text: z.string(),
  /** YYYY-MM-DD, YYYY-MM or YYYY: the value carries its own precision. */
  value: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
  precision: DatePrecision,
  relative: z.boolean(),
});
export type DateFound = z.infer<typeof DateFound>;

const LEADING_FILLER = /^(?:(?:on|in|at|since|from|by|until|till|during|of|the|before|after)\s+)+/i;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const RELATIVE_WORDS = /\b(?:today|yesterday|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|ago|last|next|this)\b/i;

/** Reference day for relative dates, at noon UTC so no time zone moves it across midnight. */
export function referenceInstant(publishedAt: string | undefined): Date | undefined {
  return publishedAt ? new Date(`${publishedAt}T12:00:00Z`) : undefined;
}

/**
 * Calendar expressions in `text` (a sentence or paragraph) with offsets relative
 * to it. chrono-node finds candidates (British day/month order); refiners here
 * trim prepositions, drop month words that are not dates ("may"), set precision
 * from what chrono is certain of (it fills a missing day with 1), and add what
 * chrono does not find: bare years and "last year"-style relative periods.
 */
export function findDates(text: string, publishedAt?: string): DateFound[] {
  const ref = referenceInstant(publishedAt);
  const found: DateFound[] = [];
  const results = chrono.en.GB.parse(text, ref ? { instant: ref, timezone: 0 } : undefined, { forwardDate: false });
  for (const r of results) {
    if (r.end) {
      // A range ("1 January 2024 to 31 December 2024") is two dates, each at its own offset.
      const sep = /\s+(?:to|until|till|and)\s+|\s*[-–—]\s*/.exec(r.text);
      if (sep) {
        for (const [piece, at] of [[r.text.slice(0, sep.index), r.index], [r.text.slice(sep.index + sep[0].length), r.index + sep.index + sep[0].length]] as const) {
          for (const sub of chrono.en.GB.parse(piece, ref ? { instant: ref, timezone: 0 } : undefined, { forwardDate: false })) {
            const candidate = fromChrono(piece, sub, ref !== undefined);
            if (candidate) found.push({ ...candidate, start: candidate.start + at, end: candidate.end + at });
          }
        }
        continue;
      }
    }
    const candidate = fromChrono(text, r, ref !== undefined, ref);
    if (candidate) found.push(candidate);
  }
  found.push(...relativePeriods(text, ref));
  found.push(...bareYears(text));
  return refineOverlaps(found);
}

// Durations and the present moment are not calendar expressions ("over the last three years", "now").
const NOT_A_DATE = /^(?:now|right now|currently|at present|(?:in|within|for)\s+(?:a|an|one|a few|few|several|\d+)\s+(?:years?|months?|weeks?|days?)(?:['’]?\s*time)?|(?:within|in|for|after|under)\s+\S+\s+(?:seconds?|minutes?|hours?)|(?:over\s+)?(?:the\s+)?(?:last|past|next|coming)\s+(?:\w+\s+)?(?:years|months|weeks|days))$/i;
const PERIOD_MODIFIER = /^(?:(?:the\s+)?(?:end|beginning|start|middle|close)\s+of\s+|(?:early|late|mid)[\s-]+)/i;

function fromChrono(text: string, r: chrono.ParsedResult, hasReference: boolean, ref?: Date): DateFound | undefined {
  if (NOT_A_DATE.test(r.text.trim().replace(/[\s,;:)]+$/, ''))) return undefined;
  // "end of September 2019" is a month: re-read the date without the modifier, which chrono turns into a day.
  const modifier = PERIOD_MODIFIER.exec(r.text.replace(LEADING_FILLER, ''));
  if (modifier) {
    const lead = r.text.length - r.text.replace(LEADING_FILLER, '').length + modifier[0].length;
    const rest = r.text.slice(lead);
    const again = chrono.en.GB.parse(rest, ref ? { instant: ref, timezone: 0 } : undefined, { forwardDate: false })[0];
    if (!again || again.index !== 0) return undefined;
    const inner = fromChrono(rest, again, hasReference, ref);
    return inner ? { ...inner, start: inner.start + r.index + lead, end: inner.end + r.index + lead } : undefined;
  }
  const c = r.start;
  const hasDay = c.isCertain('day') || c.isCertain('weekday');
  const hasMonth = c.isCertain('month');
  const hasYear = c.isCertain('year');
  // Relative: no year written out ("today", "on Monday", "in June"); chrono fills those from the reference.
  const relative = !/\b\d{4}\b/.test(r.text) && (RELATIVE_WORDS.test(r.text) || !hasYear || !hasMonth);
  if (!hasDay && !hasMonth && !hasYear) return undefined; // a bare time such as "at 10"
  if (relative && !hasReference) return undefined; // nothing to resolve against
  let start = r.index;
  let matched = r.text.replace(/[\s,;:)]+$/, '');
  const punct = /^[\s(\[,]+/.exec(matched);
  if (punct) {
    start += punct[0].length;
    matched = matched.slice(punct[0].length);
  }
  // "September 20": the British parser reads 20 as the year 2020; in running text it is a day.
  const monthDay = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?$/.exec(matched);
  const monthIndex = monthDay ? monthIndexOf(monthDay[1]!) : -1;
  if (monthDay && monthIndex >= 0 && ref) {
    const day = Number(monthDay[2]);
    let year = ref.getUTCFullYear();
    if (Date.UTC(year, monthIndex, day) > ref.getTime() + 86_400_000) year -= 1;
    const value = `${year}-${String(monthIndex + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    return { start, end: start + matched.length, text: matched, value, precision: 'day', relative: true };
  }
  const lead = LEADING_FILLER.exec(matched);
  if (lead && lead[0].length < matched.length) {
    start += lead[0].length;
    matched = matched.slice(lead[0].length);
  }
  // "may" and "march" are verbs far more often than months when they stand alone.
  if (!hasDay && !hasYear && MONTHS.includes(matched.toLowerCase()) && matched[0] === matched[0]?.toLowerCase()) return undefined;
  if (!hasDay && !hasYear && /^(may|march)$/i.test(matched) && !/\b(?:in|since|until|by|last|next|this|early|late|mid|end of)\s+$/i.test(text.slice(0, start))) return undefined;
  const year = c.get('year');
  const month = c.get('month');
  const day = c.get('day');
  if (year === null || month === null || day === null) return undefined;
  const yyyy = String(year).padStart(4, '0');
  const mm = String(month).padStart(2, '0');
  const dd = String(day).padStart(2, '0');
  const precision: DatePrecision = hasDay ? 'day' : hasMonth ? 'month' : 'year';
  const value = precision === 'day' ? `${yyyy}-${mm}-${dd}` : precision === 'month' ? `${yyyy}-${mm}` : yyyy;
  return { start, end: start + matched.length, text: matched, value, precision, relative };
}

function monthIndexOf(word: string): number {
  const w = word.toLowerCase();
  return w.length >= 3 ? MONTHS.findIndex((m) => m.startsWith(w)) : -1;
}

const PERIOD = /\b(?:(later|earlier)\s+)?(last|next|this|the previous|the following|the next|previous)\s+(calendar\s+|financial\s+)?(year|month)\b/gi;

function relativePeriods(text: string, ref: Date | undefined): DateFound[] {
  if (!ref) return [];
  const out: DateFound[] = [];
  for (const m of text.matchAll(PERIOD)) {
    const which = m[2]!.toLowerCase();
    const unit = m[4]!.toLowerCase();
    const offset = which === 'this' ? 0 : /next|following/.test(which) ? 1 : -1;
    const y = ref.getUTCFullYear();
    const start = m.index;
    const end = start + m[0].length;
    if (unit === 'year') {
      out.push({ start, end, text: m[0], value: String(y + offset), precision: 'year', relative: true });
    } else {
      const d = new Date(Date.UTC(y, ref.getUTCMonth() + offset, 1));
      const value = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
      out.push({ start, end, text: m[0], value, precision: 'month', relative: true });
    }
  }
  return out;
}

// A year on its own ("in 2019", a "2019" heading), but not a number in a sum, a range or a code.
const BARE_YEAR = /(?<![\d£$€.,/-])\b(19[5-9]\d|20[0-4]\d)\b(?![\d%/]|,\d|\.\d)/g;

function bareYears(text: string): DateFound[] {
  const out: DateFound[] = [];
  for (const m of text.matchAll(BARE_YEAR)) {
    out.push({ start: m.index, end: m.index + 4, text: m[1]!, value: m[1]!, precision: 'year', relative: false });
  }
  return out;
}

/** Keep the longest (then earliest) of overlapping candidates: "28 June 2022" beats "2022". */
function refineOverlaps(found: DateFound[]): DateFound[] {
  const sorted = [...found].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: DateFound[] = [];
  for (const d of sorted) {
    if (kept.some((k) => d.start < k.end && k.start < d.end)) continue;
    kept.push(d);
  }
  return kept.sort((a, b) => a.start - b.start);
}
