import type { Mention, MentionOf } from '../../model/mention.ts';
import { alternation, escape, fold } from '../../util/text.ts';
import { overlaps } from '../../util/spans.ts';
import { taggingOf, type ExtractionInput, type Extractor, type FoundMentions } from '../context.ts';
import { taggerSentences, type Tagging } from '../../nlp/tagging.ts';
import type { Lexicon } from '../lexicon.ts';
import { findTitles } from '../titles.ts';
import { allMatches } from '../../util/regex.ts';

/**
 * People, from three kinds of evidence: compromise's person tagging, a title
 * right before a capitalised name ("Home Secretary Priti Patel"), and an
 * honorific before one ("Baroness Casey"). Candidates are refined: honorifics
 * and possessives stripped, names of forces and organisations dropped, and a
 * lone surname or first name resolved to the full name used elsewhere in the
 * document.
 */
export const peopleExtractor: Extractor = {
  name: 'people',
  extract(input, found) {
    return extractPeople(input, found);
  },
};

/**
 * `everyParagraph` runs compromise on every paragraph, skipping the cheap first
 * pass: the result is the same (tests compare the two), only slower.
 */
export function extractPeople(input: ExtractionInput, found: FoundMentions, options: { everyParagraph?: boolean } = {}): Mention[] {
  const rules = [...fromTitles(input), ...fromHonorifics(input), ...fromPostNominals(input), ...fromRelativeWho(input), ...fromRecurringSurnames(input)];
  const candidates = [...fromCompromise(input, found, rules, options.everyParagraph ?? false), ...rules];
  return refinePeople(input, found, candidates);
}

interface Candidate {
  start: number;
  end: number;
  /** Evidence strength: a title or honorific before the name makes a lone word a person. */
  anchored: boolean;
  /** Found by compromise's person tagging, not by a rule. */
  fromTagger?: boolean;
}

// A capital, then letters with at least one lower-case among them. Written so that the first
// lower-case letter is where the word splits: with `[\p{L}]*[\p{Ll}]`, every lower-case letter could
// be that one, and a failed match was retried at each, for each word of a name.
const NAME_WORD = "[A-Z][\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}'’\\-]*\\p{Ll}[\\p{L}'’\\-]*";
const NAME = new RegExp(`^(${NAME_WORD}(?:\\s+(?:${NAME_WORD}|[A-Z]\\.))*)`, 'u');

/**
 * compromise's person tagging, on the sentences where it can change the
 * result. It is most of the cost of extraction (about 0.2 MB/s), and most
 * sentences cannot yield a person that refinePeople keeps: a name of two
 * words or more needs, as its first word, a capitalised word followed by
 * another, that is no title, force, honorific, pronoun or common word
 * (see mayHoldFullName); a lone word is kept only as the first or last word of
 * such a full name elsewhere in the document. So compromise runs on (1) the
 * sentences that may hold a full name, then (2) those holding a word of a full
 * name found so far. The candidates are the ones tagging every paragraph
 * gives; only their number differs, by the ones refinePeople would drop.
 */
function fromCompromise(input: ExtractionInput, found: FoundMentions, rules: readonly Candidate[], everyParagraph: boolean): Candidate[] {
  const { document, lexicon } = input;
  const text = document.text;
  const tagging = taggingOf(input);
  if (everyParagraph) return input.paragraphs.flatMap((p) => boundToNames(text, tagSpan(tagging, p)));
  // compromise tags each of its sentences alone (the same tags as inside the paragraph), so the
  // tests below pick sentences, not whole paragraphs: most of a paragraph is then never tagged.
  const units = input.paragraphs.flatMap((p) => taggerSentences(p.text).map((s) => ({ start: p.start + s.start, end: p.start + s.start + s.text.length, text: s.text })));
  const byUnit: Candidate[][] = units.map(() => []);
  const tag = (i: number) => (byUnit[i] = boundToNames(text, tagSpan(tagging, units[i]!)));
  const named = [...found.of('force'), ...found.of('organisation')];
  const titles = lexicon.titles.find(text);
  const later: number[] = [];
  units.forEach((u, i) => (mayHoldFullName(text, u, lexicon, named, titles) ? tag(i) : later.push(i)));
  // Words of every candidate of two words or more: a lone word elsewhere matters only if it is one of them.
  const words = new Set<string>();
  for (const c of [...rules, ...byUnit.flat()]) {
    const parts = text.slice(c.start, c.end).split(/\s+/);
    // A word never in a name, or a title, is never kept alone: it sends no sentence to compromise.
    if (parts.length > 1) for (const w of parts) if (!neverInName(w, lexicon) && lexicon.titles.canonicalOf(w) === undefined) words.add(w);
  }
  for (const i of later) {
    const u = units[i]!;
    for (const w of words) {
      if (u.text.includes(w)) {
        tag(i);
        break;
      }
    }
  }
  return byUnit.flat();
}

/** A stretch of the document's text: a paragraph or one of its sentences. */
interface Span {
  start: number;
  end: number;
  text: string;
}

function tagSpan(tagging: Tagging, p: Span): Candidate[] {
  const out: Candidate[] = [];
  type Tagged = { text: string; offset: { start: number; length: number }; terms?: Array<{ tags?: string[] }> };
  // As a plain view: People.json also parses each name and guesses a gender, which nothing here reads.
  const people = tagging.doc(p.text).people().toView(null).json({ offset: true }) as Tagged[];
  for (const person of people) {
    const trimmed = person.text.replace(/[\s,.;:!?)"“”’']+$/u, '').replace(/^[\s("“‘']+/u, '');
    if (!trimmed) continue;
    // compromise's offsets can drift where it normalises characters: trust only a span that slices the same text.
    const near = p.text.indexOf(trimmed, Math.max(0, person.offset.start - 3));
    if (near < 0) continue;
    let end = near + trimmed.length;
    // A known first name alone, then a surname compromise does not know ("Matt Vickers"): take the surname too.
    const firstNameOnly = person.terms?.length === 1 && person.terms[0]!.tags?.includes('FirstName');
    const surname = firstNameOnly ? SURNAME_AFTER.exec(p.text.slice(end)) : null;
    if (surname) end += surname[0].length;
    out.push({ start: p.start + near, end: p.start + end, anchored: false, fromTagger: true });
  }
  return out;
}

const SURNAME_AFTER = new RegExp(`^[ \\t]+${NAME_WORD}(?![\\p{L}])`, 'u');

/** A capitalised word (letters, apostrophes, hyphens), white space, and a capital: the only way a kept name of two words can start. */
const WORD_PAIR = /([A-Z][\p{L}'’-]*)\s+[A-Z]/uy;

/**
 * Whether compromise could find, in this stretch of text, a name of two words or
 * more that refinePeople keeps. Only necessary conditions on the kept name's
 * first two words, each one refinePeople or boundToNames enforces: the first is
 * followed by a capitalised word; neither is a pronoun or a word never in names;
 * the first is no acronym; honorifics, titles and force names before a name are
 * stripped, so the first is none of those and does not start inside a title
 * (the title's tail is stripped too); and it lies in no force or organisation name.
 */
function mayHoldFullName(text: string, p: Span, lexicon: Lexicon, named: ReadonlyArray<{ start: number; end: number }>, titles: ReadonlyArray<{ start: number; end: number }>): boolean {
  for (let i = p.start; i < p.end; i++) {
    const c = text.charCodeAt(i);
    if (c < 65 || c > 90) continue; // not A-Z
    WORD_PAIR.lastIndex = i;
    const m = WORD_PAIR.exec(text);
    if (!m || m.index + m[0].length > p.end) continue;
    const word = m[1]!;
    if (/^[A-Z]{2,}$/.test(word) || neverInName(word, lexicon)) continue;
    if (secondWordNeverInName(text, m.index + m[0].length - 1, lexicon)) continue;
    if (lexicon.honorificAtStart.test(text.slice(i, i + 40))) continue;
    if (lexicon.titles.canonicalOf(word) !== undefined || lexicon.forces.canonicalOf(word) !== undefined) continue;
    if (titles.some((t) => t.start <= i && i < t.end && /^[ \t]+\S/u.test(text.slice(t.end, t.end + 2)))) continue;
    const span = { start: i, end: i + word.length };
    if (named.some((n) => overlaps(n, span) && !(n.start === span.start && EPONYMOUS_BODY_NAME.test(text.slice(n.start, n.end))))) continue;
    return true;
  }
  return false;
}

/** A word never part of a person's name: a pronoun, or one of names.yaml's `notNameWords`. */
function neverInName(word: string, lexicon: Lexicon): boolean {
  return PRONOUN.test(word) || lexicon.notNameWords.has(word.toLowerCase());
}

/**
 * Whether the word at `at` cannot be a name's second word, in any of the forms it can take
 * there: whole, or cut where the name ends (a possessive or punctuation dropped, or a hyphen).
 */
function secondWordNeverInName(text: string, at: number, lexicon: Lexicon): boolean {
  const token = /^\S+/u.exec(text.slice(at, at + 60))?.[0] ?? '';
  const cleaned = token.replace(/[,.;:!?)"“”’']+$/u, '').replace(/[’']s$/u, '');
  const letters = /^\p{L}+/u.exec(token)?.[0] ?? '';
  return [token, cleaned, letters].every((w) => w !== '' && neverInName(w, lexicon));
}

function fromTitles({ document, lexicon }: ExtractionInput): Candidate[] {
  const text = document.text;
  const out: Candidate[] = [];
  for (const t of findTitles(text, lexicon)) {
    let at = t.end;
    const rest = text.slice(at);
    // Same line only: a title ending a letter's address line is not followed by a name on the next one.
    // A parliamentary record puts the name in brackets: "The Minister for Policing (Jane Doe)".
    const skip = /^(?:[ \t]+(?:(?:for|of)[ \t]+[^()\n]{1,60}?[ \t]+)?\((?=[^()\n]{1,60}\))|,?[ \t]+)/u.exec(rest);
    // Or the title's complement, then a comma: "The Chief Constable of Anyshire, Jane Doe, said".
    const complement = TITLE_COMPLEMENT.exec(rest);
    if (!skip && !complement) continue;
    at += (complement ?? skip)![0].length;
    at = skipHonorifics(text, at, lexicon);
    const name = NAME.exec(text.slice(at));
    // After a complement only a full name: a lone capitalised word there may be another place of a list.
    if (name && (!complement || /\s/.test(name[1]!))) out.push({ start: at, end: at + name[1]!.length, anchored: true });
  }
  return boundToNames(text, out);
}

const COMPLEMENT_WORD = "(?:the[ \\t]+)?[A-Z][\\p{L}’'-]*";
const TITLE_COMPLEMENT = new RegExp(
  `^[ \\t]+(?:for|of)[ \\t]+${COMPLEMENT_WORD}(?:(?:,[ \\t]+|[ \\t]+(?:(?:and|&|of)[ \\t]+)?)${COMPLEMENT_WORD})*,[ \\t]+(?=[A-Z])`,
  'u',
);

function fromHonorifics({ document, lexicon }: ExtractionInput): Candidate[] {
  const text = document.text;
  const out: Candidate[] = [];
  for (const m of allMatches(text, lexicon.honorificBeforeName)) {
    const at = skipHonorifics(text, m.index, lexicon);
    if (at === m.index) continue;
    const name = NAME.exec(text.slice(at));
    if (name) out.push({ start: at, end: at + name[1]!.length, anchored: true });
  }
  return boundToNames(text, out);
}

/**
 * A name followed by post-nominals ("Jane Smith MP", "John Doe QPM OBE") or by
 * a parliamentary record's constituency and party ("Jane Smith (Anytown) (Lab)").
 * Another capitalised word after the letters means they stand before a name
 * instead ("Anytown MP Jane Smith").
 */
function fromPostNominals({ document, lexicon }: ExtractionInput): Candidate[] {
  const text = document.text;
  const re = postNominalPattern(lexicon);
  const out: Candidate[] = [];
  const postNominals = lexicon.knowledge.honorifics.postNominals;
  for (const m of matchesByLine(text, re, (line) => line.includes('(') || postNominals.some((l) => line.includes(l)))) {
    // After a comma, a capitalised word is the person's title ("Jane Smith QPM, Chief Executive"), else a name the letters stand before.
    const comma = /^,[ \t]+(?=[A-Z])/u.exec(text.slice(m.index + m[0].length));
    if (comma && !lexicon.titles.find(text.slice(m.index + m[0].length + comma[0].length, m.index + m[0].length + comma[0].length + 80)).some((t) => t.start === 0)) continue;
    // The match may begin with words that describe the person ("Home Secretary Jane Smith MP"): keep the name.
    let start = m.index;
    const words = allMatches(m[1]!, /\S+/g);
    for (let i = 0; words.length - i > 2 && isDescriptiveWord(words[i]![0], lexicon); i++) start = m.index + words[i + 1]!.index;
    out.push({ start, end: m.index + m[1]!.length, anchored: true });
  }
  return boundToNames(text, out);
}

/** A name and the post-nominal letters or party after it, made once per lexicon (a regex built anew is compiled anew). */
function postNominalPattern(lexicon: Lexicon): RegExp {
  let re = postNominalPatterns.get(lexicon);
  if (!re) {
    const letters = alternation(lexicon.knowledge.honorifics.postNominals);
    const name = `${NAME_WORD}(?:[ \\t]+(?:${NAME_WORD}|[A-Z]\\.)){1,3}`;
    const after = `(?:(?:,?[ \\t]+(?:${letters}))+|(?:[ \\t]+\\([^()\\n]{1,40}\\))?[ \\t]+\\((?:${PARTIES.join('|')})\\))`;
    re = new RegExp(`(?<![\\p{L}\\p{N}])(${name})${after}(?![\\p{L}\\p{N}])(?![ \\t]+[A-Z])`, 'gu');
    postNominalPatterns.set(lexicon, re);
  }
  return re;
}
const postNominalPatterns = new WeakMap<Lexicon, RegExp>();

/**
 * The matches of `re` (global) in `text`, found line by line and only in the lines `mayHold`
 * admits, with their indices in `text`. For patterns that cannot take a line break (words joined by
 * spaces or tabs): a line's start and end then read as the text's line breaks do, so the matches
 * are those of `allMatches(text, re)` wherever `mayHold` admits every line holding one.
 */
function* matchesByLine(text: string, re: RegExp, mayHold: (line: string) => boolean): Generator<RegExpExecArray> {
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end);
    if (mayHold(line)) {
      for (const m of allMatches(line, re)) {
        m.index += start;
        yield m;
      }
    }
    start = end + 1;
  }
}

/** Words that describe a member before the name ("Labour MP", "Shadow ..."), never part of it. */
const PARTY_OR_STANDING = /^(?:Labour|Conservative|Liberal|Democrat|Green|Reform|Tory|Former|Shadow|Deputy|Senior)$/;

function isDescriptiveWord(word: string, lexicon: Lexicon): boolean {
  return lexicon.notNameWords.has(word.toLowerCase()) || isKnownNonPerson(word, lexicon) || PARTY_OR_STANDING.test(word);
}

/** Up to four capitalised words before "who": a name the clause describes. */
const RELATIVE_WHO = new RegExp(`(?<![\\p{L}\\p{N}'’-])(${NAME_WORD}(?:[ \\t]+${NAME_WORD}){1,3}),?[ \\t]+who(?![\\p{L}])`, 'gu');

/**
 * A name that "who" refers back to ("... replaces Jan Kowalczyk, who was ...").
 * "who" is said of people, so two or three capitalised words before it that
 * name no force, body, title or place are a person's name.
 */
function fromRelativeWho(input: ExtractionInput): Candidate[] {
  const { document, lexicon } = input;
  const text = document.text;
  const out: Candidate[] = [];
  for (const m of matchesByLine(text, RELATIVE_WHO, (line) => line.includes('who'))) {
    let start = m.index;
    const words = allMatches(m[1]!, /\S+/g);
    for (let i = 0; words.length - i > 2 && isDescriptiveWord(words[i]![0], lexicon); i++) start = m.index + words[i + 1]!.index;
    const name = text.slice(start, m.index + m[1]!.length);
    if (name.split(/\s+/).some((w) => isDescriptiveWord(w, lexicon)) || isKnownNonPerson(name, lexicon)) continue;
    if (isPlaceOrOrganisation(taggingOf(input), name)) continue;
    out.push({ start, end: m.index + m[1]!.length, anchored: true });
  }
  return boundToNames(text, out);
}

/**
 * Whether some occurrence of `surname` has what fromRecurringSurnames' pattern needs around it:
 * "'s" or a speech verb after it, or an honorific (and spaces) before it. Looser than the pattern
 * (no word boundaries are checked), so it never says no where the pattern would match.
 */
function mayStandAlone(text: string, surname: string, lexicon: Lexicon): boolean {
  const before = honorificsOf(lexicon);
  for (let at = text.indexOf(surname); at >= 0; at = text.indexOf(surname, at + 1)) {
    const end = at + surname.length;
    if ((text[end] === "'" || text[end] === '’') && text[end + 1] === 's') return true;
    let after = end;
    while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
    if (after > end && SPEECH_VERB.test(text.slice(after, after + 8))) return true;
    let spaces = at;
    while (spaces > 0 && (text[spaces - 1] === ' ' || text[spaces - 1] === '\t')) spaces--;
    if (spaces < at && before.atEnd.test(text.slice(Math.max(0, spaces - before.longest), spaces))) return true;
  }
  return false;
}

const SPEECH_VERB = /^(?:said|says|told|added)(?![\p{L}])/u;

/**
 * The honorifics as written (a literal alternation, for fromRecurringSurnames' pattern); an
 * honorific and an optional full stop at the end of a text; and how long that can be.
 */
function honorificsOf(lexicon: Lexicon): { alternation: string; atEnd: RegExp; longest: number } {
  let found = honorificsByLexicon.get(lexicon);
  if (!found) {
    const honorifics = lexicon.knowledge.honorifics.honorifics;
    const alternation = honorifics.map(escape).join('|');
    found = { alternation, atEnd: new RegExp(`(?:${alternation})\\.?$`, 'u'), longest: Math.max(...honorifics.map((h) => h.length)) + 1 };
    honorificsByLexicon.set(lexicon, found);
  }
  return found;
}
const honorificsByLexicon = new WeakMap<Lexicon, { alternation: string; atEnd: RegExp; longest: number }>();

/** Party labels of parliamentary records ("(Con)", "(Lab)"), after a member's name. */
const PARTIES = ['Con', 'Lab', 'LD', 'Lib Dem', 'SNP', 'PC', 'Green', 'DUP', 'SDLP', 'UUP', 'Alba', 'Reform', 'Ind', 'Lab/Co-op', 'Co-op', 'CB', 'Non-Afl', 'Bishop'].map((p) =>
  p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'),
);

/** Two capitalised words after a lower-case word, a digit or a comma: inside a sentence. */
const INNER_BIGRAM = new RegExp(`(?<=[\\p{Ll}\\p{N},][ \\t]+)(${NAME_WORD})[ \\t]+(${NAME_WORD})(?![ \\t]+[A-Z])(?![\\p{L}\\p{N}'’-])`, 'gu');

/**
 * Two capitalised words inside a sentence ("killed by Jan Kowalczyk in ...")
 * whose second word comes back alone as a person elsewhere: "Kowalczyk's",
 * "Mr Kowalczyk", "Kowalczyk said". Catches names compromise does not know.
 */
function fromRecurringSurnames(input: ExtractionInput): Candidate[] {
  const { document, lexicon } = input;
  const text = document.text;
  const out: Candidate[] = [];
  const honorifics = honorificsOf(lexicon).alternation;
  for (const m of allMatches(text, INNER_BIGRAM)) {
    const [first, last] = [m[1]!, m[2]!];
    if ([first, last].some((w) => neverInName(w, lexicon) || isKnownNonPerson(w, lexicon))) continue;
    if (isKnownNonPerson(`${first} ${last}`, lexicon)) continue;
    // Cheap test first: the surname must occur again somewhere.
    if (text.indexOf(last, m.index + m[0].length) < 0 && text.lastIndexOf(last, m.index - 1) < 0) continue;
    // Each way of standing alone puts a possessive or a speech verb after the surname, or an honorific
    // before it: where no occurrence has one, there is nothing to look for (and no pattern to build).
    if (!mayStandAlone(text, last, lexicon)) continue;
    const surname = escape(last);
    const alone = new RegExp(
      `(?<![A-Z][\\p{L}'’-]*[ \\t]+)${surname}['’]s(?![\\p{L}])|(?<![\\p{L}])(?:${honorifics})\\.?[ \\t]+${surname}(?![\\p{L}])|(?<![A-Z][\\p{L}'’-]*[ \\t]+)${surname}[ \\t]+(?:said|says|told|added)(?![\\p{L}])`,
      'gu',
    );
    const elsewhere = allMatches(text, alone).some((a) => a.index < m.index || a.index >= m.index + m[0].length);
    if (!elsewhere) continue;
    if (isPlaceOrOrganisation(taggingOf(input), `${first} ${last}`)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, anchored: true });
  }
  return out;
}

function isPlaceOrOrganisation(tagging: Tagging, phrase: string): boolean {
  return tagging.memo('placeOrOrganisation', phrase, (doc) => doc.has('(#Place|#Organization)'));
}

function isKnownNonPerson(phrase: string, lexicon: Lexicon): boolean {
  if (lexicon.titles.canonicalOf(phrase) !== undefined || lexicon.forces.canonicalOf(phrase) !== undefined || lexicon.organisations.canonicalOf(phrase) !== undefined) return true;
  return placeNameKeys(lexicon).has(phrase.toLowerCase());
}

const placeKeys = new WeakMap<Lexicon, ReadonlySet<string>>();

/** Every police area's place names and each of their words, in lower case. */
function placeNameKeys(lexicon: Lexicon): ReadonlySet<string> {
  let keys = placeKeys.get(lexicon);
  if (!keys) {
    const places = lexicon.knowledge.forces.flatMap((f) => f.placeNames.map((p) => p.toLowerCase()));
    keys = new Set([...places, ...places.flatMap((p) => p.split(/\s+/))]);
    placeKeys.set(lexicon, keys);
  }
  return keys;
}

/** Past any honorifics at `at` ("Sir ", "The Rt Hon ", "Cllr "). */
export function skipHonorifics(text: string, at: number, lexicon: Lexicon): number {
  for (;;) {
    const m = lexicon.honorificAtStart.exec(text.slice(at, at + 40));
    if (!m) return at;
    at += m[0].length;
  }
}

/** Cut candidates at the first word that cannot be part of a name; strip possessives and post-nominals. */
function boundToNames(text: string, candidates: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const c of candidates) {
    const words = allMatches(text.slice(c.start, c.end), /\S+/g);
    let end = c.start;
    for (const w of words) {
      const word = w[0];
      const clean = word.replace(/[’']s$/u, '').replace(/[,.;:!?)]+$/u, '');
      if (!/^[A-Z][\p{L}'’-]*$/u.test(clean) && !/^[A-Z]\.$/.test(word)) break;
      if (/^[A-Z]{2,}$/.test(clean)) break; // post-nominals (QPM) and acronyms are not name words
      end = c.start + w.index + clean.length;
      if (clean !== word) break; // punctuation or a possessive closes the name
    }
    if (end > c.start) out.push({ ...c, end });
  }
  return out;
}

function refinePeople(input: ExtractionInput, found: FoundMentions, candidates: Candidate[]): Mention[] {
  const { document, lexicon } = input;
  const text = document.text;
  const named = [...found.of('force'), ...found.of('organisation')];
  const titles = lexicon.titles.find(text);
  const kept: Candidate[] = [];
  for (const c of candidates.sort((a, b) => a.start - b.start || b.end - a.end)) {
    // Leading honorifics and title words that compromise folded into the name ("Met Commissioner Sir Mark Rowley").
    let start = c.start;
    for (let moved = true; moved; ) {
      moved = false;
      const past = skipHonorifics(text, start, lexicon);
      if (past !== start) {
        start = past;
        moved = true;
      }
      const word = /^(\S+)\s+(?=\S)/u.exec(text.slice(start, c.end));
      if (word && (lexicon.titles.canonicalOf(word[1]!) !== undefined || lexicon.forces.canonicalOf(word[1]!) !== undefined || LETTER_LABEL.test(word[1]!))) {
        start += word[0].length;
        moved = true;
        continue;
      }
      // The tail of a title of several words ("... for Policing and Crime Simon Foster", "Det Supt Ann Lee").
      const inTitle = titles.find((t) => t.start <= start && t.end > start && t.end < c.end);
      const gap = inTitle && /^[ \t]+(?=\S)/u.exec(text.slice(inTitle.end, c.end));
      if (inTitle && gap) {
        start = inTitle.end + gap[0].length;
        moved = true;
      }
    }
    let end = c.end;
    // Trailing document nouns are not part of a name ("the Baroness Casey Review").
    for (let m = /\s+(\S+)$/u.exec(text.slice(start, end)); m && lexicon.notNameWords.has(m[1]!.toLowerCase()); m = /\s+(\S+)$/u.exec(text.slice(start, end))) {
      end -= m[0].length;
    }
    const words = text.slice(start, end).split(/\s+/).filter(Boolean);
    const span = { start, end };
    if (span.end <= span.start) continue;
    const surface = text.slice(span.start, span.end);
    if (!isPlausibleName(surface, lexicon)) continue;
    // The furniture of a letter ("To:", "Sent on", "Dear") is no name.
    if (LETTER_LABEL.test(surface) && (words.length === 1 || /^Sent\s/u.test(surface))) continue;
    // A force or organisation name is never a person ("Devon and Cornwall Police"); nor is a bare title.
    // A body named after a person names that person too ("the Jane Doe Inquiry").
    if (named.some((b) => overlaps(b, span) && !(c.fromTagger && namedAfter(text, b, span))) || titles.some((t) => containsOrEquals(t, span))) continue;
    // A title word, or its plural, is not a name even after another title ("the Chief Constables of ...").
    if (words.length === 1 && (lexicon.titles.canonicalOf(surface) !== undefined || lexicon.titles.canonicalOf(surface.replace(/s$/u, '')) !== undefined)) continue;
    if (words.length === 1 && !c.anchored) {
      kept.push({ ...span, anchored: false });
      continue;
    }
    kept.push({ ...span, anchored: c.anchored || words.length > 1 });
  }

  kept.push(...listedWith(input, kept, named, titles));
  kept.sort((a, b) => a.start - b.start || b.end - a.end);

  // Full names known in this document, for resolving "Rowley" or "Mr Lewis".
  const fullNames = new Set<string>();
  for (const k of kept) {
    const name = text.slice(k.start, k.end);
    if (name.split(/\s+/).length > 1) fullNames.add(name);
  }
  const out: MentionOf<'person'>[] = [];
  const taken: Array<{ start: number; end: number }> = [];
  for (const k of kept) {
    if (taken.some((t) => overlaps(t, k))) continue;
    const surface = text.slice(k.start, k.end);
    let name = surface;
    if (!surface.includes(' ')) {
      const full = [...fullNames].find((f) => f.endsWith(` ${surface}`)) ?? [...fullNames].find((f) => f.startsWith(`${surface} `));
      if (full) name = full;
      else if (!k.anchored) continue; // a lone capitalised word is too weak on its own
    }
    taken.push(k);
    out.push({ kind: 'person', name: canonicalPersonName(name), surface, start: k.start, end: k.end, extractor: 'people' });
  }
  return out;
}

/** Words that head the blocks of a letter or sign it off; they start lines, never names. */
const LETTER_LABEL = /^(?:To|From|Cc|Bcc|Sent|Dear|Subject|Re|Date|Yours|Regards|Sincerely|Faithfully|Attn|Attention)(?![\p{L}])/u;

/** Nouns that make a body named after a person ("the Jane Doe Independent Panel"). */
const EPONYMOUS_BODY = /^(?:\s+(?:Independent|Public|Panel|Inquiry|Review|Commission|Report|Foundation|Trust|Memorial|Fund|Campaign|Inquest))+$/u;

const EPONYMOUS_BODY_NAME = /\s(?:Panel|Inquiry|Review|Commission|Report|Foundation|Trust|Memorial|Fund|Campaign|Inquest)$/u;

/** Whether the organisation's name is the person's full name followed only by words naming a body. */
function namedAfter(text: string, body: { start: number; end: number }, person: { start: number; end: number }): boolean {
  if (body.start !== person.start || !/\s/.test(text.slice(person.start, person.end))) return false;
  return EPONYMOUS_BODY.test(text.slice(person.end, body.end));
}

const LIST_NAME = new RegExp(`^${NAME_WORD}(?:[ \\t]+${NAME_WORD}){1,2}`, 'u');

/**
 * Other names in a list with a person ("Jan Kowalczyk, Ola Nowak and Piet
 * Jansen"): items after a known full name, separated by commas and closed by
 * "and"/"or", each two or three capitalised words that name nothing else.
 */
function listedWith(input: ExtractionInput, kept: readonly Candidate[], named: ReadonlyArray<{ start: number; end: number }>, titles: ReadonlyArray<{ start: number; end: number }>): Candidate[] {
  const { document, lexicon } = input;
  const text = document.text;
  const out: Candidate[] = [];
  const known = (span: { start: number; end: number }) => [...kept, ...out].some((k) => overlaps(k, span));
  for (const seed of kept) {
    if (!/\s/.test(text.slice(seed.start, seed.end))) continue;
    const items: Candidate[] = [];
    let at = seed.end;
    let closed = false;
    for (;;) {
      const sep = /^(?:,[ \t]*(?:(and|or)[ \t]+)?|[ \t]+(and|or)[ \t]+)/u.exec(text.slice(at));
      if (!sep) break;
      const item = LIST_NAME.exec(text.slice(at + sep[0].length));
      if (!item) break;
      const span = { start: at + sep[0].length, end: at + sep[0].length + item[0].length };
      // The item must end there: not run into another capitalised word or a possessive noun phrase.
      if (/^(?:[ \t]+[A-Z]|['’]s[ \t])/u.test(text.slice(span.end))) break;
      const surface = text.slice(span.start, span.end);
      if (!isPlausibleName(surface, lexicon) || surface.split(/\s+/).some((w) => isKnownNonPerson(w, lexicon))) break;
      if (named.some((b) => overlaps(b, span)) || titles.some((t) => overlaps(t, span))) break;
      items.push({ ...span, anchored: true });
      at = span.end;
      if (sep[1] || sep[2]) {
        closed = true;
        break;
      }
    }
    // Only a list closed by "and"/"or" is a list of names; a comma alone may start an apposition.
    if (closed) for (const item of items) if (!known(item)) out.push(item);
  }
  return out;
}

function containsOrEquals(outer: { start: number; end: number }, inner: { start: number; end: number }): boolean {
  return outer.start <= inner.start && outer.end >= inner.end;
}

const PRONOUN = /^(?:I|We|He|She|It|They|You|This|That|These|Those)(?:['’]\p{L}+)?$/u;

function isPlausibleName(surface: string, lexicon: Lexicon): boolean {
  const words = surface.split(/\s+/);
  if (words.length > 4 || words.some((w) => neverInName(w, lexicon))) return false;
  if (lexicon.forces.canonicalOf(surface) || lexicon.organisations.canonicalOf(surface)) return false;
  return true;
}

/** Canonical form: typographic apostrophes straightened, spacing collapsed. Honorifics are already gone. */
export function canonicalPersonName(name: string): string {
  return fold(name, 'sameLength').replace(/\s+/g, ' ').trim();
}
