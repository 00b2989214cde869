import nlp from 'compromise';
import type { Mention, MentionOf } from '../../model/mention.ts';
import type { GazetteerMatch } from '../../nlp/gazetteer.ts';
import { sentenceAt } from '../../nlp/sentences.ts';
import type { Extractor } from '../context.ts';
import type { Lexicon } from '../lexicon.ts';
import { findTitles } from '../titles.ts';

/**
 * The titles the text gives each person, in its own wording:
 * - right before the name ("Met Commissioner Sir Mark Rowley", "Anytown's
 *   third chief constable Jane Doe");
 * - in an apposition after it ("Jane Doe, the force's chief constable,");
 * - as what the person is or became ("Jane Doe, who in May became ...",
 *   "Jane Doe has been named the next Commissioner of ...");
 * - "in his role as the capital's police and crime commissioner";
 * - on the lines under a name in a letter's address or signature block.
 * A title is widened over the words that qualify it: capitalised words,
 * possessives, standing words ("former", "next", ordinals: titles.yaml
 * rankPrefixes), a "for/of <place or remit>" complement. An abbreviation
 * ("HMI") gives way to the full title where the text also writes it.
 */
export const roleExtractor: Extractor = {
  name: 'roles',
  extract({ document, sentences, lexicon }, found) {
    const text = document.text;
    const titles = findTitles(text, lexicon);
    const words = roleWords(lexicon);
    const out: FoundRole[] = [];
    const add = (person: string, span: { start: number; end: number } | undefined, canonical: string) => {
      if (!span || span.end <= span.start) return;
      out.push({ kind: 'role', person, title: text.slice(span.start, span.end), start: span.start, end: span.end, extractor: 'roles', canonical });
    };
    const people = found.of('person');
    for (const p of people) {
      const sentence = sentenceAt(sentences, p.start);
      const floor = sentence?.start ?? 0;
      const ceiling = sentence?.end ?? text.length;
      const titleAt = (from: number, to: number) => titles.find((t) => t.start >= from && t.start <= to && t.end <= ceiling);

      // Before the name, on its line: "<title>[,] [honorifics] <name>", or a parliamentary record's "<title> (<name>)".
      const bracket = /^[ \t]*\)/.test(text.slice(p.end, p.end + 3)) ? bracketBefore(text, p.start, lexicon.honorificWords) : undefined;
      const before = bracket ?? backOverHonorifics(text, p.start, lexicon.honorificWords);
      const gap = /,?[ \t]*$/.exec(text.slice(Math.max(floor, before - 3), before));
      const titleEnd = before - (gap?.[0].length ?? 0);
      // The title may end in its own complement: "Police and Crime Commissioner for Anyshire Jane Doe".
      const pre =
        titles.find((t) => t.end === titleEnd && t.start >= floor) ??
        titles.find((t) => t.end < titleEnd && t.end > titleEnd - 60 && t.start >= floor && widen(text, t, floor, titleEnd, words, lexicon, people).end === titleEnd);
      if (pre) add(p.name, widen(text, pre, floor, titleEnd, words, lexicon, people), pre.canonical);

      const afterName = p.end + postNominalsAt(text, p.end, lexicon);

      // After the name: ", [the|a|its] <qualified title>".
      const apposition = /^[ \t]*,[ \t]*(?:(?:the|a|an|its|their|his|her)[ \t]+)?/u.exec(text.slice(afterName, ceiling));
      if (apposition) {
        const at = afterName + apposition[0].length;
        const post = titleAt(at, at + 50);
        const span = post && widen(text, post, at, ceiling, words, lexicon, people);
        if (post && span && span.start === at) add(p.name, span, post.canonical);
      }

      // What the person is or became: "Jane Doe, who in May became ...", "Jane Doe has been named the ...".
      const predicate = PREDICATE.exec(text.slice(afterName, ceiling));
      if (predicate) {
        const at = afterName + predicate[0].length;
        const post = titleAt(at, at + 50);
        const span = post && widen(text, post, at, ceiling, words, lexicon, people);
        if (post && span && span.start === at) add(p.name, span, post.canonical);
      }

      // "in his role as (the) <title>".
      const roleAs = /^[^.]{0,40}?\bin\s+(?:his|her|their)\s+role\s+as\s+(?:the\s+)?/iu.exec(text.slice(p.end, ceiling));
      if (roleAs) {
        const at = p.end + roleAs[0].length;
        const t = titles.find((x) => x.start >= at && x.start <= at + 40);
        // The title itself, without a possessive before it ("the capital's"): the shortest complete form.
        if (t) add(p.name, { start: t.start, end: t.end }, t.canonical);
      }

      // A letter's block: the name alone on its line, each title on a line of its own below it.
      for (const line of titleLinesBelow(text, p.end, afterName, titles, lexicon)) add(p.name, line, line.canonical);
    }
    return preferFullTitles(out, titles);
  },
};

type FoundRole = MentionOf<'role'> & { canonical: string };

interface RoleWords {
  /** Words that qualify a title and stay part of the role ("former", "next", "serving", "fifth"). */
  modifiers: ReadonlySet<string>;
  /** Titles that take a remit in lower case after "of"/"for" ("head of counter-terrorism"). */
  takesRemit: ReadonlySet<string>;
}

const cachedWords = new WeakMap<Lexicon, RoleWords>();

function roleWords(lexicon: Lexicon): RoleWords {
  let words = cachedWords.get(lexicon);
  if (!words) {
    const remit = lexicon.knowledge.titlePatterns
      .map((p) => /^([A-Z][\p{L}\s]*?)\s+(?:of|for)\s+\{portfolio\}$/u.exec(p.form)?.[1])
      .filter((t): t is string => t !== undefined)
      .map((t) => lexicon.titles.canonicalOf(t) ?? t);
    words = {
      modifiers: new Set(lexicon.knowledge.rankPrefixes.map((t) => t.text.toLowerCase())),
      takesRemit: new Set(remit),
    };
    cachedWords.set(lexicon, words);
  }
  return words;
}

/**
 * After the name: an optional "who", a few words ("has today been", "in May"),
 * then a verb of being or appointment, then "as" or a determiner.
 */
const PREDICATE =
  /^(?:[ \t]*,)?(?:[ \t]+who)?(?:[ \t]+[^\s,.;:!?"“”]+){0,4}?[ \t]+(?:is|was|became|becomes|become|remains|remained|serves|served|named|appointed|confirmed|elected|installed|promoted|chosen|made)(?:[ \t]+as)?(?:[ \t]+(?:the|a|an))?[ \t]+/u;

function backOverHonorifics(text: string, at: number, honorifics: ReadonlySet<string>): number {
  for (;;) {
    const m = /(\S+)[ \t]+$/.exec(text.slice(Math.max(0, at - 30), at));
    if (!m || !honorifics.has(m[1]!.replace(/\.$/, '').toLowerCase())) return at;
    at -= m[0].length;
  }
}

/** Where "(" opens before a name and its honorifics, the white space before it included: "<title> (Dame <name>)". */
function bracketBefore(text: string, at: number, honorifics: ReadonlySet<string>): number | undefined {
  const m = /[ \t]*\(((?:[^\s()]+[ \t]+){0,3})$/u.exec(text.slice(Math.max(0, at - 50), at));
  if (!m || !m[1]!.split(/\s+/).filter(Boolean).every((w) => honorifics.has(w.replace(/\.$/, '').toLowerCase()))) return undefined;
  return at - m[0].length;
}

/** Length of the post-nominals right after a name ("KPM", ", OBE QFSM"). */
function postNominalsAt(text: string, at: number, lexicon: Lexicon): number {
  const letters = new Set(lexicon.knowledge.honorifics.postNominals);
  let length = 0;
  for (let m = /^,?[ \t]+([A-Z]{2,5})(?![\p{L}])/u.exec(text.slice(at)); m && letters.has(m[1]!); m = /^,?[ \t]+([A-Z]{2,5})(?![\p{L}])/u.exec(text.slice(at + length))) {
    length += m[0].length;
  }
  return length;
}

function startsSentence(text: string, at: number, floor: number): boolean {
  return at === floor || /(?:^|[\n.!?:;"“‘(])\s*$/u.test(text.slice(Math.max(0, at - 3), at));
}

/** A word capitalised only because it opens the sentence ("Yesterday", "Later"), not a name that qualifies a title. */
function isCommonWord(word: string, lexicon: Lexicon): boolean {
  if (lexicon.forces.canonicalOf(word) !== undefined || lexicon.organisations.canonicalOf(word) !== undefined) return false;
  return nlp(word).has('(#Adverb|#Comparative|#Date|#Conjunction|#Preposition|#Determiner|#Pronoun|#Verb|#QuestionWord)');
}

const SENTENCE_OPENERS = /^(?:The|A|An|In|As|On|At|By|For|To|From|With|And|But|Today|Now|Then|Our|Its|Their|His|Her|This|That)$/;
const ORDINAL = /^(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d+(?:st|nd|rd|th))$/iu;
const JOINERS = new Set(['of', 'for', 'and', '&', 'the']);
const REMIT_STOP = /^(?:and|or|but|in|at|to|on|who|which|that|has|had|have|is|was|will|with|since|from|until|for|of|after|before|said|says)$/iu;

/**
 * Extend a title over the words that qualify it, no further left than
 * `floor` and no further right than `ceiling`. Left: capitalised words ("Met",
 * "London Councils"), possessives ("Anytown's", "the force's" without "the"),
 * modifiers and ordinals ("former", "fifth"), "ex-<Place>". Right:
 * "for/of <Capitalised words>" ("for Anytown", "of the Metropolitan Police"),
 * or a lower-case remit for titles that take one ("head of counter-terrorism").
 */
function widen(
  text: string,
  title: Pick<GazetteerMatch, 'start' | 'end' | 'canonical'>,
  floor: number,
  ceiling: number,
  words: RoleWords,
  lexicon: Lexicon,
  people: ReadonlyArray<{ start: number; end: number }> = [],
): { start: number; end: number } {
  let start = title.start;
  for (;;) {
    const m = /(\S+)[ \t]+$/u.exec(text.slice(Math.max(floor, start - 40), start));
    if (!m) break;
    const word = m[1]!;
    const candidateStart = start - m[0].length;
    if (candidateStart < floor) break;
    const possessive = /^[\p{L}][\p{L}.&-]*['’]s?$/u.test(word) && /['’]s?$/u.test(word) && word.length > 2;
    // A place name's first word is no common word, even opening the sentence ("Greater Manchester's").
    const startsPlace = lexicon.forcePlaces.find(text.slice(candidateStart, start + 40)).some((f) => f.start === 0);
    const capitalised =
      /^[A-Z][\p{L}’'&.-]*$/u.test(word) && !SENTENCE_OPENERS.test(word) && (startsPlace || !(startsSentence(text, candidateStart, floor) && isCommonWord(word, lexicon)));
    const modifier = words.modifiers.has(word.toLowerCase()) || ORDINAL.test(word) || /^(?:ex|former)-[\p{L}]/iu.test(word);
    // Two places joined before a possessive: "Kent and Medway's", "Wiltshire and Swindon's".
    const joined =
      /^(?:and|&)$/.test(word) &&
      /^[A-Z][\p{L}-]*['’]s?[ \t]/u.test(text.slice(start)) &&
      /[A-Z][\p{L}’'-]*[ \t]+$/u.test(text.slice(Math.max(floor, candidateStart - 30), candidateStart)) &&
      !people.some((p) => p.end <= candidateStart && p.end >= candidateStart - 2);
    if (!possessive && !capitalised && !modifier && !joined) break;
    start = candidateStart;
    // A lower-case possessive ("the force's") is as far as a role reaches.
    if (possessive && !/^[A-Z]/.test(word)) break;
  }
  let end = title.end;
  // A complement that lists places or names a body with a comma in it ("for Devon, Cornwall and the Isles of
  // Scilly", "of the Anyshire Police, Fire and Crime Panel"), so long as no listed item is a person.
  const list = COMPLEMENT_LIST.exec(text.slice(end, ceiling));
  if (list && !people.some((p) => p.start < end + list[0].length && p.end > end)) return { start, end: end + list[0].length };
  const right = /^[ \t]+(?:for|of)[ \t]+(?:the[ \t]+)?[A-Z][\p{L}’'-]*(?:[ \t]+(?:and|&|of|the)?[ \t]*[A-Z][\p{L}’'-]*)*/u.exec(text.slice(end, ceiling));
  if (right && right[0].split(/[ \t]+/).every((w) => w === '' || JOINERS.has(w) || /^[A-Z]/.test(w))) {
    end += right[0].length;
  } else if (words.takesRemit.has(title.canonical)) {
    const remit = /^[ \t]+(?:of|for)((?:[ \t]+[\p{L}][\p{L}-]*){1,4})/u.exec(text.slice(end, ceiling));
    if (remit) {
      const kept: string[] = [];
      for (const w of remit[1]!.trim().split(/[ \t]+/)) {
        if (REMIT_STOP.test(w)) break;
        kept.push(w);
      }
      if (kept.length) end += remit[0].indexOf(kept[0]!) + kept.join(' ').length;
    }
  }
  return { start, end };
}

/**
 * In a letter's address or signature block the name stands alone on its line
 * (with post-nominals), and each title it holds is a line below it:
 * "Jane Doe OBE / His Majesty's Inspector of Constabulary / ...". The block
 * ends at the first line that is not a whole title (the force's name, a blank).
 */
function titleLinesBelow(text: string, nameEnd: number, afterName: number, titles: readonly GazetteerMatch[], lexicon: Lexicon): Array<{ start: number; end: number; canonical: string }> {
  const out: Array<{ start: number; end: number; canonical: string }> = [];
  const rest = /^[ \t,]*\r?\n/u.exec(text.slice(afterName));
  if (!rest || afterName < nameEnd) return out;
  let at = afterName + rest[0].length;
  for (;;) {
    const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
    const line = text.slice(at, lineEnd);
    const lead = line.length - line.trimStart().length;
    const start = at + lead;
    const end = at + line.trimEnd().replace(/[,.;]$/, '').length;
    if (end <= start) break;
    const whole = titles.find((t) => t.start === start && t.end === end) ?? titles.find((t) => t.start >= start && t.end <= end && wholeLineTitle(text, t, start, end, lexicon));
    if (!whole) break;
    out.push({ start, end, canonical: whole.canonical });
    if (lineEnd >= text.length) break;
    at = lineEnd + 1;
  }
  return out;
}

/** A title line qualified only by capitalised words and joiners ("Deputy Chief Constable of Anyshire Police"). */
function wholeLineTitle(text: string, title: GazetteerMatch, start: number, end: number, lexicon: Lexicon): boolean {
  const around = `${text.slice(start, title.start)} ${text.slice(title.end, end)}`.trim().split(/\s+/).filter(Boolean);
  if (around.length === 0) return true;
  if (lexicon.forces.canonicalOf(text.slice(start, end)) || lexicon.organisations.canonicalOf(text.slice(start, end))) return false;
  return around.every((w) => JOINERS.has(w) || /^[A-Z][\p{L}’'&-]*$/u.test(w));
}

/** Capitalised words, possibly joined by "of" or "the" ("Isles of Scilly"). */
const CAPITALISED_PHRASE = "(?:the[ \\t]+)?[A-Z][\\p{L}’'-]*(?:[ \\t]+(?:(?:of|the)[ \\t]+)*[A-Z][\\p{L}’'-]*)*";
/** "for|of" then a comma list closed by "and": "for Devon, Cornwall and the Isles of Scilly". */
const COMPLEMENT_LIST = new RegExp(
  `^[ \\t]+(?:for|of)[ \\t]+${CAPITALISED_PHRASE}(?:,[ \\t]+${CAPITALISED_PHRASE})+,?[ \\t]+(?:and|&)[ \\t]+${CAPITALISED_PHRASE}`,
  'u',
);

const ABBREVIATION = /^[A-Z][A-Z/]{1,6}$/;

/**
 * "HMI Jane Doe" in a text that also writes "His Majesty's Inspector of
 * Constabulary": the role is the full title, in the text's own wording. The
 * person's own full title of the same office makes the abbreviation redundant;
 * else the first full form the text writes stands for it.
 */
function preferFullTitles(roles: FoundRole[], titles: readonly GazetteerMatch[]): Mention[] {
  const out: Mention[] = [];
  for (const r of roles) {
    const { canonical, ...role } = r;
    if (!ABBREVIATION.test(r.title)) {
      out.push(role);
      continue;
    }
    if (roles.some((o) => o !== r && o.person === r.person && o.canonical === canonical && !ABBREVIATION.test(o.title))) continue;
    const full = titles.find((t) => t.canonical === canonical && !ABBREVIATION.test(t.surface));
    out.push(full ? { ...role, title: full.surface, start: full.start, end: full.end } : role);
  }
  return out;
}
