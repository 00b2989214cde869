import * as chrono from 'chrono-node';
import { z } from 'zod';
import { loadDateVocabulary } from '../knowledge/dates.ts';
import { keepNonOverlapping, longestFirst } from '../util/spans.ts';
import { alternation } from '../util/text.ts';
import { tenseAt } from './tense.ts';
import { Tagging } from './tagging.ts';
import { allMatches } from '../util/regex.ts';

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

const VOCABULARY = loadDateVocabulary();

type Result = chrono.ParsingResult;
type Context = chrono.ParsingContext;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const RELATIVE_WORDS = /\b(?:today|yesterday|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|ago|last|next|this|previous|following|summer|winter|spring|autumn)\b/i;
const LEADING_FILLER = /^(?:(?:on|in|at|since|from|by|until|till|during|of|the|before|after)\s+)+/i;

/** Tags set by the parsers and refiners below and read by later ones. */
const TAG = {
  financialYear: 'oversight/financialYear',
  anaphoric: 'oversight/anaphoric',
  rangePart: 'oversight/rangePart',
  yearSettled: 'oversight/yearSettled',
  bareYear: 'oversight/bareYear',
  week: 'oversight/week',
} as const;

/** Reference day for relative dates, at noon UTC so no time zone moves it across midnight. */
export function referenceInstant(publishedAt: string | undefined): Date | undefined {
  return publishedAt ? new Date(`${publishedAt}T12:00:00Z`) : undefined;
}

const refYear = (context: Context) => context.refDate.getUTCFullYear();
const refMonth = (context: Context) => context.refDate.getUTCMonth() + 1;

function extendLeft(result: Result, context: Context, by: number): void {
  result.index -= by;
  result.text = context.text.slice(result.index, result.index + by + result.text.length);
}

function extendRight(result: Result, context: Context, by: number): void {
  result.text = context.text.slice(result.index, result.index + result.text.length + by);
}

// ---------------------------------------------------------------- parsers

/** A year on its own ("in 2019", "its 2019 inspection"), but not a number in a sum, a range or a code. */
const bareYearParser: chrono.Parser = {
  pattern: () => /(?<![\d£$€.,/]|\d[-–])\b(19[5-9]\d|20[0-4]\d)\b(?![\d%/–]|-\d|,\d|\.\d)/,
  extract: (context, match) => context.createParsingComponents({ year: Number(match[1]) }).addTag(TAG.bareYear),
};

/** "2022/23", "2023–25": a financial year or a programme's span, claimed here so no bare year is read inside it. */
const financialYearParser: chrono.Parser = {
  pattern: () => /(?<![\d/])\b((?:19|20)\d{2})\s?[/–-]\s?(\d{2}|(?:19|20)\d{2})\b(?![/\d])/,
  extract: (context, match) => context.createParsingComponents({ year: Number(match[1]) }).addTag(TAG.financialYear),
};

const SEASON = new RegExp(String.raw`\b(?:(last|this|next)\s+)?(${alternation(Object.keys(VOCABULARY.seasons))})\b(?:\s+(?:of\s+)?((?:19|20)\d{2})\b)?`, 'i');

/**
 * "last summer", "this spring", "the summer of 2023": a season, at year precision.
 * "last" names the season of the previous year; "next" the first one not yet begun.
 */
const seasonParser: chrono.Parser = {
  pattern: () => SEASON,
  extract: (context, match) => {
    const which = match[1]?.toLowerCase();
    const written = match[3];
    if (written) return context.createParsingComponents({ year: Number(written) });
    const starts = VOCABULARY.seasons[match[2]!.toLowerCase()]!;
    const y = refYear(context);
    if (!which) {
      // "in the spring", "by the summer": the season nearest publication in the direction of the clause's tense.
      const at = match.index ?? 0;
      const the = /\bthe\s+$/i.test(context.text.slice(Math.max(0, at - 4), at));
      const tense = the ? tenseAt(context.text, at, readingsOf(context)) : undefined;
      if (!tense) return null; // "summer" alone, or no tense to point it: no year is said
      const pub = refMonth(context);
      const year = tense === 'past' ? (starts > pub ? y - 1 : y) : starts + 2 < pub ? y + 1 : y;
      return context.createParsingComponents({ year }).addTag(TAG.yearSettled);
    }
    const year = which === 'last' ? y - 1 : which === 'this' ? y : refMonth(context) < starts ? y : y + 1;
    return context.createParsingComponents({ year }).addTag(TAG.yearSettled);
  },
};

/**
 * "last year", "later this year", "next month": the period the publication date lies in, or one
 * either side. "the previous year", "the following year" count from a date the text gave before.
 */
const relativePeriodParser: chrono.Parser = {
  pattern: () => /\b(?:(?:later|earlier)\s+)?(last|next|this|the previous|the following|the next|previous|following)\s+(?:calendar\s+|financial\s+)?(year|month)\b/i,
  extract: (context, match) => {
    const which = match[1]!.toLowerCase();
    const unit = match[2]!.toLowerCase();
    const offset = which === 'this' ? 0 : /next|following/.test(which) ? 1 : -1;
    const anaphoric = /previous|following|the next/.test(which);
    const components =
      unit === 'year'
        ? context.createParsingComponents({ year: refYear(context) + offset })
        : (() => {
            const d = new Date(Date.UTC(refYear(context), refMonth(context) - 1 + offset, 1));
            return context.createParsingComponents({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 });
          })();
    components.addTag(TAG.yearSettled);
    if (anaphoric) components.addTag(TAG.anaphoric).addTag(`oversight/offset/${offset}`);
    return components;
  },
};

/**
 * "by the end of the year", "later in the month": a part of the period that publication lies in.
 */
const currentPeriodParser: chrono.Parser = {
  pattern: () => /\b(?:(?:end|start|beginning|close|middle|rest|remainder)\s+of|(?:later|earlier)\s+in)\s+the\s+(year|month)\b/i,
  extract: (context, match) =>
    context
      .createParsingComponents(match[1]!.toLowerCase() === 'year' ? { year: refYear(context) } : { year: refYear(context), month: refMonth(context) })
      .addTag(TAG.yearSettled),
};

/**
 * "earlier this week", "next week": no calendar unit is a week, so a week is dated by the month
 * it lies in, or the year where it straddles two months.
 */
const weekParser: chrono.Parser = {
  pattern: () => /\b(?:(earlier|later)\s+)?(this|last|next)\s+week\b/i,
  extract: (context, match) => {
    const part = match[1]?.toLowerCase();
    const which = match[2]!.toLowerCase();
    const day = 86_400_000;
    const ref = context.refDate.getTime();
    const monday = ref - ((context.refDate.getUTCDay() + 6) % 7) * day + (which === 'next' ? 7 : which === 'last' ? -7 : 0) * day;
    const [from, to] = part === 'earlier' ? [monday, Math.max(monday, ref - day)] : part === 'later' ? [Math.min(ref + day, monday + 6 * day), monday + 6 * day] : [monday, monday + 6 * day];
    const [a, b] = [new Date(from), new Date(to)];
    if (a.getUTCFullYear() !== b.getUTCFullYear()) return null;
    const components = a.getUTCMonth() === b.getUTCMonth() ? { year: a.getUTCFullYear(), month: a.getUTCMonth() + 1 } : { year: a.getUTCFullYear() };
    return context.createParsingComponents(components).addTag(TAG.yearSettled).addTag(TAG.week);
  },
};

// ---------------------------------------------------------------- refiners

const NUMBER_WORD = String.raw`(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|few|several|many|couple|half|a\s+half)`;
/** Durations and amounts of time ("for two years", "within 28 days", "a year later", "the last three years"). */
const DURATION = new RegExp(String.raw`\b${NUMBER_WORD}\s+(?:\w+\s+){0,2}(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?)\b(?!\s+ago)`, 'i');
// The present moment and spans with no calendar position.
const NOT_A_DATE = /^(?:now|right now|currently|at present|(?:in|within|over|for|during)\s+the\s+(?:year|month|week)|(?:(?:over|during|within|for|throughout)\s+)?(?:the\s+)?(?:last|past|next|coming)\s+(?:\w+\s+)?(?:years|months|weeks|days))$/i;

/** Durations, "now" and the programme spans parsed above are not calendar expressions. */
const durationFilter: chrono.Refiner = {
  refine: (context, results) =>
    results.filter((r) => {
      const text = r.text.trim().replace(/[\s,;:)]+$/, '');
      if (r.tags().has(TAG.financialYear)) return false;
      // chrono's own reading of a week is a day; the week parser above gives its month.
      if (/\bweek$/i.test(text) && !r.tags().has(TAG.week)) return false;
      if (NOT_A_DATE.test(text)) return false;
      if (DURATION.test(text)) return false;
      // "over the next year", "for the past month": a span, not the period itself.
      if (/\b(?:over|during|within|for|throughout)\s+(?:the\s+)?$/i.test(context.text.slice(Math.max(0, r.index - 20), r.index)) && /^(?:the\s+)?(?:last|past|next|coming)\b/i.test(text)) return false;
      return true;
    }),
};

/** A range ("1 January 2024 to 31 December 2024", "from 2023 to January") is two dates, each at its own offset. */
const rangeSplitter: chrono.Refiner = {
  refine: (context, results) =>
    results.flatMap((r) => {
      if (!r.end) return [r];
      const sep = /\s+(?:to|until|till|through|and)\s+|\s*[-–—]\s*/.exec(r.text);
      if (!sep) return [r];
      const first = new chrono.ParsingResult(r.reference, r.index, r.text.slice(0, sep.index), r.start);
      const secondAt = r.index + sep.index + sep[0].length;
      const second = new chrono.ParsingResult(r.reference, secondAt, context.text.slice(secondAt, r.index + r.text.length), r.end);
      // The end's year follows from the start's, not from the tense: a month after a year alone is in the year
      // after it ("from the end of 2023 to January"); chrono settles the rest.
      const [from, to] = [r.start, r.end];
      if (from.isCertain('year') && !from.isCertain('month') && to.isCertain('month') && !to.isCertain('year')) to.imply('year', from.get('year')! + 1);
      first.addTags(r.tags()).addTag(TAG.rangePart);
      second.addTags(r.tags()).addTag(TAG.rangePart).addTag(TAG.yearSettled);
      return [first, second];
    }),
};

const PERIOD_MODIFIER = /^(?:(?:the\s+)?(?:end|beginning|start|middle|close)\s+of\s+(?:the\s+)?|(?:early|late|mid)[\s-]+)/i;

/** Trims prepositions, punctuation and period modifiers from a date's text. */
const spanTrimmer: chrono.Refiner = {
  refine: (context, results) => {
    for (const r of results) {
      const trailing = /[\s,;:)]+$/.exec(r.text);
      if (trailing) r.text = r.text.slice(0, r.text.length - trailing[0].length);
      const punct = /^[\s(\[,]+/.exec(r.text);
      if (punct) {
        r.index += punct[0].length;
        r.text = r.text.slice(punct[0].length);
      }
      const lead = LEADING_FILLER.exec(r.text);
      if (lead && lead[0].length < r.text.length) {
        r.index += lead[0].length;
        r.text = r.text.slice(lead[0].length);
      }
      // "early 2020", "the end of September 2019": the period keeps its own precision.
      const modifier = PERIOD_MODIFIER.exec(r.text);
      if (modifier && modifier[0].length < r.text.length) {
        r.index += modifier[0].length;
        r.text = r.text.slice(modifier[0].length);
        // chrono dates "the end of the month" to its last day, which the text does not give.
        if (r.start.isCertain('day') && !/\b\d{1,2}(?:st|nd|rd|th)?\b/.test(r.text)) {
          r.start.delete('day');
          r.start.imply('day', 1);
        }
      }
    }
    return results;
  },
};

const WEEKDAY_NAME = /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day$/i;

// Where a capitalised day word is part of a name: a programme ("the Today programme"), a paper ("The Sunday Times").
const TITLE_AFTER = new RegExp(String.raw`^\s+(?:${alternation(VOCABULARY.dayWordTitles)})\b`);

/**
 * A weekday abbreviation on its own is a word ("sat", "wed", "The Sun"), not a day; "Today" or
 * "Sunday" inside a title is no date either.
 */
const weekdayWordFilter: chrono.Refiner = {
  refine: (context, results) =>
    results.filter((r) => {
      const after = context.text.slice(r.index + r.text.length, r.index + r.text.length + 20);
      if (/^(?:Today|Sunday|Saturday)$/.test(r.text) && TITLE_AFTER.test(after)) return false;
      return !r.start.isOnlyWeekdayComponent() || WEEKDAY_NAME.test(r.text.trim());
    }),
};

// The year in a law's or a statutory instrument's name ("the Police Reform Act 2002") names it; it dates nothing.
const LEGISLATION_BEFORE = new RegExp(String.raw`\b(?:${alternation(VOCABULARY.legislationWords)})\s+(?:of\s+)?$`);

// A number of things ("recruited 2000 officers", "more than 1980 calls"): a plural noun follows and no
// determiner or preposition that would make it a year ("the 2023 figures", "in 2019 officers ...") precedes.
const COUNTED_AFTER = /^\s+(?!(?:was|has|is|as|us|does|goes|sees|saw|this|its|his|plus)\b)[a-z]+[^s's]s\b/;
const YEAR_GOVERNOR_BEFORE = /(?:\b(?:the|its|their|his|her|our|your|this|that|these|those|in|of|for|from|since|by|to|until|during|and|or|between|before|after|with|against|on|at|as|early|late|mid|end|summer|spring|autumn|winter)\s+|[,(]\s*)$/i;

/** A year that is part of a name of legislation, or a count of things, is no date mention. */
const namedYearFilter: chrono.Refiner = {
  refine: (context, results) =>
    results.filter((r) => {
      if (!r.tags().has(TAG.bareYear)) return true;
      const before = context.text.slice(Math.max(0, r.index - 20), r.index);
      if (LEGISLATION_BEFORE.test(before)) return false;
      const after = context.text.slice(r.index + r.text.length, r.index + r.text.length + 30);
      const opensSentence = /^\s*$|[.!?:]\s*$/.test(before);
      return !(COUNTED_AFTER.test(after) && !opensSentence && !YEAR_GOVERNOR_BEFORE.test(before));
    }),
};

/** "this morning", "this evening": the day of publication, for which chrono gives only a time. */
const partOfTodayRefiner: chrono.Refiner = {
  refine: (context, results) => {
    for (const r of results) {
      if (!/^this\s+(?:morning|afternoon|evening)$/i.test(r.text.trim())) continue;
      r.start.assign('day', context.refDate.getUTCDate());
      r.start.assign('month', refMonth(context));
      r.start.assign('year', refYear(context));
    }
    return results;
  },
};

/** "may" and "march" are verbs far more often than months when they stand alone; a lower-case month word is no date. */
const monthWordFilter: chrono.Refiner = {
  refine: (context, results) =>
    results.filter((r) => {
      const c = r.start;
      if (c.isCertain('day') || c.isCertain('year')) return true;
      if (!MONTHS.includes(r.text.toLowerCase())) return true;
      if (r.text[0] === r.text[0]?.toLowerCase()) return false;
      if (/^(may|march)$/i.test(r.text)) {
        const before = /\b(?:in|since|until|by|last|next|this|early|late|mid|end of|from|to|between)\s+$/i.test(context.text.slice(0, r.index));
        const coordinated = new RegExp(String.raw`^\s*(?:and|or|to|-|–)\s*(?:${MONTHS.join('|')})\b`, 'i').test(context.text.slice(r.index + r.text.length));
        // "Theresa May and June": after a capitalised word it is a name.
        return before || (coordinated && !/\b[A-Z][a-z]+\s+$/.test(context.text.slice(0, r.index)));
      }
      return true;
    }),
};

/**
 * Dates joined by "and", "or" or "to" share what only the last one writes out: "5 and 6 June 2023"
 * is two days of June 2023 (chrono reads only the last), "May or June 2022" two months of 2022.
 */
const coordinationRefiner: chrono.Refiner = {
  refine: (context, results) => {
    const out: Result[] = [];
    for (const [i, r] of results.entries()) {
      const c = r.start;
      if (c.isCertain('day') && c.isCertain('month')) {
        const days = /((?:\b\d{1,2}(?:st|nd|rd|th)?\s*,\s*)*\b\d{1,2}(?:st|nd|rd|th)?)\s*,?\s*(?:and|or|&)\s*$/.exec(context.text.slice(Math.max(0, r.index - 30), r.index));
        if (days) {
          const from = r.index - days[0].length;
          for (const m of allMatches(days[1]!, /\d{1,2}/g)) {
            const day = Number(m[0]);
            if (day < 1 || day > 31 || results.some((o) => o.index <= from + m.index && from + m.index < o.index + o.text.length)) continue;
            const components = c.clone();
            components.assign('day', day);
            const text = /^\d{1,2}(?:st|nd|rd|th)?/.exec(days[0].slice(m.index))![0];
            out.push(new chrono.ParsingResult(r.reference, from + m.index, text, components).addTag(TAG.yearSettled));
          }
        }
      }
      const next = results[i + 1];
      if (!c.isCertain('year') && c.isCertain('month') && next?.start.isCertain('year') && next.start.isCertain('month')) {
        const between = context.text.slice(r.index + r.text.length, next.index);
        if (/^\s*(?:,|and|or|to|until|-|–)\s*$/i.test(between)) {
          const year = next.start.get('year')!;
          c.assign('year', c.get('month')! <= next.start.get('month')! ? year : year - 1);
        }
      }
      out.push(r);
    }
    return out.sort((a, b) => a.index - b.index);
  },
};

/** "September 20": the British parser reads 20 as the year 2020; in running text it is a day. */
const monthDayRefiner: chrono.Refiner = {
  refine: (context, results) => {
    for (const r of results) {
      const m = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?$/.exec(r.text);
      if (!m || monthIndexOf(m[1]!) < 0) continue;
      r.start.assign('month', monthIndexOf(m[1]!) + 1);
      r.start.assign('day', Number(m[2]));
      r.start.delete('year');
      // Never read as after the publication day unless the tense of its clause says so (below).
      const y = refYear(context);
      r.start.imply('year', Date.UTC(y, monthIndexOf(m[1]!), Number(m[2])) > context.refDate.getTime() + 86_400_000 ? y - 1 : y);
    }
    return results;
  },
};

/**
 * "last March", "next January", "this June", "March last year": the month word with its
 * modifier, at the year the modifier gives. "last March" is the March of the previous year
 * unless that month is half a year or more behind the publication month.
 */
const modifiedMonthRefiner: chrono.Refiner = {
  refine: (context, results) => {
    const kept: Result[] = [];
    for (let i = 0; i < results.length; i++) {
      const r = results[i]!;
      const c = r.start;
      if (c.isCertain('year') || !c.isCertain('month')) {
        kept.push(r);
        continue;
      }
      const month = c.get('month')!;
      const y = refYear(context);
      const before = /\b(last|next|this)\s+$/i.exec(context.text.slice(Math.max(0, r.index - 6), r.index));
      const after = /^\s+(?:of\s+)?(last|next|this)\s+year\b/i.exec(context.text.slice(r.index + r.text.length));
      if (after) {
        const which = after[1]!.toLowerCase();
        c.assign('year', which === 'last' ? y - 1 : which === 'next' ? y + 1 : y);
        extendRight(r, context, after[0].length);
        r.addTag(TAG.yearSettled);
        // The relative year chrono found inside the extended text is part of this date.
        const end = r.index + r.text.length;
        while (results[i + 1] && results[i + 1]!.index < end) i++;
      } else if (before) {
        const which = before[1]!.toLowerCase();
        const pub = refMonth(context);
        const year =
          which === 'this' ? y : which === 'next' ? (month > pub ? y : y + 1) : month <= pub - 6 ? y : y - 1;
        c.assign('year', year);
        extendLeft(r, context, before[0].length);
        r.addTag(TAG.yearSettled);
      }
      kept.push(r);
    }
    return kept;
  },
};

/**
 * A month or day written without its year takes it from the tense of its clause: the last such
 * month up to publication in a past-tense clause ("the inspection concluded in January"), the
 * next one in a future-tense clause ("will be inspected in January"); chrono's nearest otherwise.
 */
const tenseDirectionRefiner: chrono.Refiner = {
  refine: (context, results) => {
    for (const r of results) {
      const c = r.start;
      if (c.isOnlyWeekdayComponent() && !/\b(?:last|next|this)\b/i.test(r.text)) {
        const tense = tenseAt(context.text, r.index, readingsOf(context));
        if (tense) weekdayInDirection(context, c, tense);
        continue;
      }
      if (c.isCertain('year') || !c.isCertain('month') || r.tags().has(TAG.yearSettled)) continue;
      const tense = tenseAt(context.text, r.index, readingsOf(context));
      if (!tense) continue;
      const y = refYear(context);
      const pubMonth = refMonth(context);
      const pubDay = context.refDate.getUTCDate();
      const month = c.get('month')!;
      const day = c.isCertain('day') ? c.get('day')! : undefined;
      const afterPublication = month > pubMonth || (month === pubMonth && day !== undefined && day > pubDay + 1);
      const beforePublication = month < pubMonth || (month === pubMonth && day !== undefined && day < pubDay);
      c.imply('year', tense === 'past' ? (afterPublication ? y - 1 : y) : beforePublication ? y + 1 : y);
    }
    return results;
  },
};

/** "announced on Friday": the Friday on or before publication; "will meet on Friday": on or after it. */
function weekdayInDirection(context: Context, c: chrono.ParsingComponents, tense: 'past' | 'future'): void {
  const refDay = context.refDate.getUTCDay();
  const weekday = c.get('weekday')!;
  const shift = tense === 'past' ? -((refDay - weekday + 7) % 7) : (weekday - refDay + 7) % 7;
  const d = new Date(context.refDate.getTime() + shift * 86_400_000);
  c.imply('day', d.getUTCDate());
  c.imply('month', d.getUTCMonth() + 1);
  c.imply('year', d.getUTCFullYear());
}

/** "the previous calendar year", "the following year": one either side of the last year the text gave. */
const anaphoraRefiner: chrono.Refiner = {
  refine: (_context, results) => {
    for (const [i, r] of results.entries()) {
      const tags = r.tags();
      if (!tags.has(TAG.anaphoric)) continue;
      const anchor = results
        .slice(0, i)
        .reverse()
        .find((a) => (a.end ?? a.start).isCertain('year') && !a.tags().has(TAG.anaphoric));
      if (!anchor) continue;
      const offset = tags.has('oversight/offset/1') ? 1 : -1;
      const at = anchor.end ?? anchor.start;
      if (r.start.isCertain('month')) {
        if (!at.isCertain('month')) continue;
        const d = new Date(Date.UTC(at.get('year')!, at.get('month')! - 1 + offset, 1));
        r.start.assign('year', d.getUTCFullYear());
        r.start.assign('month', d.getUTCMonth() + 1);
      } else {
        r.start.assign('year', at.get('year')! + offset);
      }
    }
    return results;
  },
};

/** `refiner` applied to the results `exempt` does not pick out; those pass through unchanged. */
function exempting(refiner: chrono.Refiner, exempt: (r: Result) => boolean): chrono.Refiner {
  return {
    refine: (context, results) =>
      [...results.filter(exempt), ...refiner.refine(context, results.filter((r) => !exempt(r)))].sort((a, b) => a.index - b.index),
  };
}

/**
 * chrono's filters drop all-digit results (our bare years) and "may" unless after "in"
 * ("last May" is a date): the month-word filter above decides about month words instead.
 */
function withOwnExemptions(refiner: chrono.Refiner): chrono.Refiner {
  const name = refiner.constructor.name;
  if (name === 'UnlikelyFormatFilter') return exempting(refiner, (r) => r.tags().has(TAG.bareYear));
  if (name === 'ENUnlikelyFormatFilter') return exempting(refiner, (r) => /^may$/i.test(r.text.trim()));
  return refiner;
}

/** One configured chrono: British day/month order, the project's parsers and refiners after chrono's own. */
const dateParser = (() => {
  const parser = chrono.en.GB.clone();
  // chrono's end-of-period refiner makes "the end of this year" a day; here a period keeps its precision.
  parser.refiners = parser.refiners.filter((r) => r.constructor.name !== 'ENEndOfPeriodRefiner').map(withOwnExemptions);
  parser.parsers.push(financialYearParser, bareYearParser, seasonParser, relativePeriodParser, currentPeriodParser, weekParser);
  // Durations go first, before chrono's merging refiners can pair them with a date as a range.
  parser.refiners.unshift(durationFilter);
  parser.refiners.push(
    rangeSplitter,
    spanTrimmer,
    namedYearFilter,
    partOfTodayRefiner,
    weekdayWordFilter,
    monthWordFilter,
    monthDayRefiner,
    coordinationRefiner,
    modifiedMonthRefiner,
    tenseDirectionRefiner,
    anaphoraRefiner,
  );
  return parser;
})();

/** The parsing option of one findDates call: chrono keeps it on the context its parsers and refiners get. */
interface DateParsingOption extends chrono.ParsingOption {
  /** compromise's readings, shared with the caller, for the tense of clauses. */
  readings: Tagging;
}

const readingsOf = (context: { option: chrono.ParsingOption }): Tagging => (context.option as DateParsingOption).readings;

/**
 * Calendar expressions in `text` (a sentence or paragraph) with offsets relative
 * to it, each at the precision the text gives and resolved against the
 * publication date where relative. `readings` shares compromise's readings with the caller.
 */
export function findDates(text: string, publishedAt?: string, readings: Tagging = new Tagging()): DateFound[] {
  const ref = referenceInstant(publishedAt);
  const option: DateParsingOption = { forwardDate: false, readings };
  const results = dateParser.parse(text, ref ? { instant: ref, timezone: 0 } : undefined, option);
  const found: DateFound[] = [];
  for (const r of results) {
    const d = toDateFound(r, ref !== undefined);
    if (d) found.push(d);
  }
  return refineOverlaps(found);
}

function toDateFound(r: chrono.ParsedResult, hasReference: boolean): DateFound | undefined {
  const c = r.start;
  const hasDay = c.isCertain('day') || c.isCertain('weekday');
  const hasMonth = c.isCertain('month');
  const hasYear = c.isCertain('year');
  if (!hasDay && !hasMonth && !hasYear) return undefined; // a bare time such as "at 10", or "this week"
  // Relative: no year written out ("today", "on Monday", "in June"); chrono fills those from the reference.
  const relative = !/\b\d{4}\b/.test(r.text) && (RELATIVE_WORDS.test(r.text) || !hasYear || !hasMonth);
  if (relative && !hasReference) return undefined; // nothing to resolve against
  const year = c.get('year');
  const month = c.get('month');
  const day = c.get('day');
  if (year === null || month === null || day === null) return undefined;
  const yyyy = String(year).padStart(4, '0');
  const mm = String(month).padStart(2, '0');
  const dd = String(day).padStart(2, '0');
  const precision: DatePrecision = hasDay ? 'day' : hasMonth ? 'month' : 'year';
  const value = precision === 'day' ? `${yyyy}-${mm}-${dd}` : precision === 'month' ? `${yyyy}-${mm}` : yyyy;
  return { start: r.index, end: r.index + r.text.length, text: r.text, value, precision, relative };
}

function monthIndexOf(word: string): number {
  const w = word.toLowerCase();
  return w.length >= 3 ? MONTHS.findIndex((m) => m.startsWith(w)) : -1;
}

/** Keep the longest (then earliest) of overlapping candidates: "28 June 2022" beats "2022". */
function refineOverlaps(found: DateFound[]): DateFound[] {
  return keepNonOverlapping(found, longestFirst);
}
