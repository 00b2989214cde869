// Checkable details a text states about a force, beside its stage events, so
// that the reconciler can compare them across documents:
// - officeHolders: "became the force's fifth chief constable in six years",
//   "seven commissioners in as many years" (the count, its window);
// - areasAssessed: "three of the eight areas", "graded on the following nine
//   areas" (how many PEEL areas were graded in all);
// - areasGraded: "two areas were rated inadequate", "inadequate in three
//   areas" (how many at one grade);
// - spell: "four years after being put in special measures", "after just
//   over two years in enhanced monitoring" (a length of time in Engage);
// - cause: "placed in special measures after a series of scandals";
// - remit: "monitors all police forces in England and Wales".
// Vocabulary (offices, grades, hedges, causes) is data: src/knowledge/details.yaml.
import { loadDetailsVocabulary } from '../../knowledge/details.ts';
import type { Mention, MentionOf } from '../../model/mention.ts';
import { alternation } from '../../util/text.ts';
import type { Extractor } from '../context.ts';
import { allMatches } from '../../util/regex.ts';

const VOCABULARY = loadDetailsVocabulary();

const CARDINAL = `(?:${alternation(VOCABULARY.cardinals)}|\\d{1,2})`;
const ORDINAL = `(?:${alternation(VOCABULARY.ordinals)}|\\d{1,2}(?:st|nd|rd|th))`;
const OFFICE = `(?:${alternation(VOCABULARY.offices)})`;
const GRADE = `(?:${alternation(VOCABULARY.grades)})`;
const HEDGE = `(?:${alternation(Object.keys(VOCABULARY.spellHedges).filter((h) => h !== 'plain'))})`;
const SPELL_STAGE = `(?:${alternation(VOCABULARY.spellStages)})`;
const QUOTE = `['‘’"“”]?`;

/** "six", "6", "sixth", "6th" as a number; null if it is none of these. */
export function numberOf(word: string): number | null {
  const w = word.toLowerCase().replace(/\s+/g, ' ');
  const c = VOCABULARY.cardinals.indexOf(w);
  if (c >= 0) return c;
  const o = VOCABULARY.ordinals.indexOf(w);
  if (o >= 0) return o;
  const d = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(w);
  return d ? Number(d[1]) : null;
}

/** A window of time in years: "six years", "a decade", "ten months", "as many years" (= the count). */
function windowYears(amount: string | undefined, unit: string | undefined, count: number): number | null {
  if (!unit) return null;
  const n = !amount ? null : /^as\s+many$/i.test(amount) ? count : /^an?$/i.test(amount) ? 1 : numberOf(amount);
  if (n === null) return null;
  const u = unit.toLowerCase();
  return u.startsWith('decade') ? n * 10 : u.startsWith('month') ? n / 12 : n;
}

const WINDOW = `(?:\\s+in\\s+(?:(?:just|almost|nearly|under|less\\s+than|over|more\\s+than|little\\s+more\\s+than)\\s+)?(as\\s+many|an?|${CARDINAL})\\s+(years?|decades?|months?))?`;
const ORDINAL_HOLDER = new RegExp(`\\b(${ORDINAL})\\s+(${OFFICE})\\b(?!s)${WINDOW}`, 'gi');
const CARDINAL_HOLDERS = new RegExp(`\\b(${CARDINAL})\\s+(${OFFICE})s\\b${WINDOW}`, 'gi');
const AREAS_ASSESSED = new RegExp(`\\b(?:of|on)\\s+(?:the|all)\\s+(?:following\\s+)?(${CARDINAL})\\s+(?:PEEL\\s+|key\\s+)?areas\\b`, 'gi');
const GRADED_WORDS = /\b(?:grad|rat|assess|judg|found)/i;
const AREAS_AT_GRADE = new RegExp(
  `\\b(${CARDINAL})\\s+(?:of\\s+the\\s+${CARDINAL}\\s+)?(?:PEEL\\s+)?areas?\\b(?:(?!\\bareas?\\b)[^.;:]){0,40}?\\b(?:rated|graded|judged|found\\s+to\\s+be|as|were|was)\\s+(?:as\\s+)?${QUOTE}(${GRADE})\\b`,
  'gi',
);
const GRADE_IN_AREAS = new RegExp(`\\b(?:rated|graded|judged|as)\\s+${QUOTE}(${GRADE})${QUOTE}\\s+in\\s+(?:only\\s+|just\\s+)?(${CARDINAL})\\s+(?:of\\s+the\\s+${CARDINAL}\\s+)?areas?\\b`, 'gi');
const SPELL_AFTER_ENTRY = new RegExp(
  `\\b(?:(${HEDGE})\\s+)?(${CARDINAL}|an?)\\s+(years?|months?)\\s+after\\s+(?:being|it\\s+was|the\\s+force\\s+was|it\\s+had\\s+been)\\s+(?:put|placed|moved|entered)\\s+(?:in|into|under)\\s+(?:the\\s+)?${SPELL_STAGE}`,
  'gi',
);
const SPELL_IN_STAGE = new RegExp(`\\b(?:after|following)\\s+(?:(${HEDGE})\\s+)?(${CARDINAL}|an?)\\s+(years?|months?)\\s+(?:in|under)\\s+(?:the\\s+)?${SPELL_STAGE}`, 'gi');
const SPELL_FOR = new RegExp(
  `\\b(?:in|under)\\s+(?:the\\s+)?${SPELL_STAGE}[^.;]{0,60}?\\bfor\\s+(?:the\\s+(?:past|last)\\s+)?(?:(${HEDGE})\\s+)?(${CARDINAL}|an?)\\s+(years?|months?)\\b`,
  'gi',
);
const CAUSE = new RegExp(
  `\\b(?:after|following|over|amid|follows?|followed)\\s+(?:a|an|the)\\s+(?:[a-z-]+\\s+){0,2}?(?:${alternation(VOCABULARY.causeCollectives)})\\s+of\\s+(?:[a-z-]+\\s+){0,2}?(${alternation(Object.values(VOCABULARY.causes).flat())})\\b`,
  'gi',
);
const CAUSE_CONTEXT = new RegExp(`(?:${SPELL_STAGE}|\\bconcerns\\b|\\bmonitoring\\b|\\bfailings\\b)`, 'i');
const ANAPHORIC_START = /^\W*(?:all\s+of\s+)?(?:those|these|this|that|they|it)\b/i;
const REMIT = /\ball\s+(?:the\s+)?(?:\d{1,2}\s+|forty-three\s+)?(?:police\s+)?forces\s+in\s+(England\s+and\s+Wales|England|Wales)\b/gi;

/** Years of a spoken length ("just over two years") as an interval [lo, hi]. */
export function spellYears(hedge: string | undefined, amount: string, unit: string): { lo: number; hi: number } | null {
  const n = /^an?$/i.test(amount) ? 1 : numberOf(amount);
  if (n === null || n === 0) return null;
  const years = unit.toLowerCase().startsWith('month') ? n / 12 : n;
  const scale = unit.toLowerCase().startsWith('month') ? 1 / 12 : 1;
  const [from, to] = VOCABULARY.spellHedges[hedge ? hedge.toLowerCase().replace(/\s+/g, ' ') : 'plain'] ?? VOCABULARY.spellHedges.plain!;
  return { lo: Math.max(0, years + from * scale), hi: years + to * scale };
}

export const detailExtractor: Extractor = {
  name: 'details',
  extract({ document, sentences }, found) {
    const forces = found.of('force');
    const out: Mention[] = [];
    for (const s of sentences) {
      const text = s.text;
      const sentenceForces = [...new Set(forces.filter((f) => f.start >= s.start && f.end <= s.end).map((f) => f.name))];
      const force = sentenceForces.length === 1 ? sentenceForces[0]! : null;
      const push = (m: RegExpExecArray, d: Omit<MentionOf<'detail'>, 'kind' | 'start' | 'end' | 'extractor' | 'force'>) =>
        out.push({ kind: 'detail', force, start: s.start + m.index, end: s.start + m.index + m[0].length, extractor: 'details', ...d });
      const none = { qualifier: null, lo: null, hi: null, ordinal: false, window: null };

      for (const [re, ordinal] of [
        [ORDINAL_HOLDER, true],
        [CARDINAL_HOLDERS, false],
      ] as const) {
        for (const m of allMatches(text, re)) {
          const n = numberOf(m[1]!);
          if (!n) continue;
          const office = m[2]!.toLowerCase().replace(/\s+/g, ' ');
          push(m as RegExpExecArray, { topic: 'officeHolders', value: String(n), qualifier: office, lo: n, hi: n, ordinal, window: windowYears(m[3], m[4], n) });
        }
      }
      if (GRADED_WORDS.test(text)) {
        for (const m of allMatches(text, AREAS_ASSESSED)) {
          const n = numberOf(m[1]!);
          if (n && n > 1) push(m as RegExpExecArray, { ...none, topic: 'areasAssessed', value: String(n), lo: n, hi: n });
        }
      }
      for (const m of allMatches(text, AREAS_AT_GRADE)) {
        const n = numberOf(m[1]!);
        if (n) push(m as RegExpExecArray, { ...none, topic: 'areasGraded', value: String(n), qualifier: gradeOf(m[2]!), lo: n, hi: n });
      }
      for (const m of allMatches(text, GRADE_IN_AREAS)) {
        const n = numberOf(m[2]!);
        if (n) push(m as RegExpExecArray, { ...none, topic: 'areasGraded', value: String(n), qualifier: gradeOf(m[1]!), lo: n, hi: n });
      }
      for (const re of [SPELL_AFTER_ENTRY, SPELL_IN_STAGE, SPELL_FOR]) {
        for (const m of allMatches(text, re)) {
          const years = spellYears(m[1], m[2]!, m[3]!);
          if (years) push(m as RegExpExecArray, { ...none, topic: 'spell', value: m[0].replace(/\s+/g, ' '), lo: years.lo, hi: years.hi });
        }
      }
      // A sentence that opens on "those" or "this" continues the one before it ("... concerns. All of those follow ...").
      const previous = sentences[sentences.indexOf(s) - 1];
      const context = ANAPHORIC_START.test(text) && previous ? `${previous.text} ${text}` : text;
      if (CAUSE_CONTEXT.test(context)) {
        for (const m of allMatches(text, CAUSE)) {
          const noun = m[1]!.toLowerCase();
          const cause = Object.entries(VOCABULARY.causes).find(([, nouns]) => nouns.includes(noun))?.[0] ?? noun;
          push(m as RegExpExecArray, { ...none, topic: 'cause', value: cause });
        }
      }
      for (const m of allMatches(text, REMIT)) {
        push(m as RegExpExecArray, { ...none, topic: 'remit', value: /wales/i.test(m[1]!) && /england/i.test(m[1]!) ? 'England and Wales' : /wales/i.test(m[1]!) ? 'Wales' : 'England' });
      }
    }
    return out;
  },
};

/** One name per grade: "requiring improvement" is "requires improvement". */
function gradeOf(text: string): string {
  const g = text.toLowerCase().replace(/\s+/g, ' ');
  return g === 'requiring improvement' ? 'requires improvement' : g;
}
