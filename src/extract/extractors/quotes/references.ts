import type { ActorKind } from '../../../model/mention.ts';
import { keepNonOverlapping } from '../../../util/spans.ts';
import type { ExtractionInput, FoundMentions } from '../../context.ts';
import { isSpaceCode } from '../../../util/text.ts';
import { allMatches } from '../../../util/regex.ts';

export interface Speaker {
  name: string;
  kind: ActorKind;
}

/**
 * A phrase that can be the subject or agent of a reporting verb: a person or
 * body already found, a reference to the inspectorate ("inspectors"), a title
 * standing for its office, a spokesperson, a document speaking for its author
 * ("the report"), or a pronoun. Those that need the text around them to name
 * someone are resolved later (see speakers.ts).
 */
export type Reference =
  | { kind: 'named'; start: number; end: number; speaker: Speaker }
  | { kind: 'spokesperson'; start: number; end: number }
  | { kind: 'source'; start: number; end: number; author: 'inspectorate' | 'writer' }
  | { kind: 'pronoun'; start: number; end: number; pronoun: 'he' | 'she' | 'it' | 'they' };

const PRONOUN = /(?<![\p{L}\p{N}])(he|she|it|they)(?![\p{L}\p{N}'’])/giu;

/** Every reference of the document, in text order; where two overlap the longer (or named) one stays. */
export function referencesOf(input: ExtractionInput, found: FoundMentions): Reference[] {
  const { text } = input.document;
  const { lexicon } = input;
  const refs: Reference[] = [];
  for (const m of found.of('person')) refs.push({ kind: 'named', start: m.start, end: m.end, speaker: { name: m.name, kind: 'person' } });
  refs.push(...surnameReferences(text, found));
  // A force speaks as a body ("Cleveland Police said", "a Kent Police spokesperson said").
  for (const m of found.of('force')) refs.push({ kind: 'named', start: m.start, end: m.end, speaker: { name: m.name, kind: 'force' } });
  for (const m of found.of('organisation')) refs.push({ kind: 'named', start: m.start, end: m.end, speaker: { name: m.name, kind: 'organisation' } });
  const inspectorate: Speaker = { name: lexicon.inspectorate, kind: 'organisation' };
  for (const m of allMatches(text, lexicon.inspectorateReference)) refs.push({ kind: 'named', start: m.index, end: m.index + m[0].length, speaker: inspectorate });
  // A title standing for its office ("described by the chief inspector of constabulary") speaks for the body it belongs to.
  for (const t of lexicon.titles.find(text)) {
    const org = lexicon.titleOrganisation.get(t.canonical);
    if (org) refs.push({ kind: 'named', start: t.start, end: t.end, speaker: { name: org, kind: 'organisation' } });
  }
  for (const m of allMatches(text, lexicon.quotes.spokesperson)) refs.push({ kind: 'spokesperson', start: m.index, end: m.index + m[0].length });
  for (const m of allMatches(text, lexicon.quotes.sourceNoun)) {
    const author = lexicon.quotes.authorOfSource(m[0]);
    if (author) refs.push({ kind: 'source', start: m.index, end: m.index + m[0].length, author });
  }
  for (const m of allMatches(text, PRONOUN)) {
    refs.push({ kind: 'pronoun', start: m.index, end: m.index + m[0].length, pronoun: m[1]!.toLowerCase() as 'he' | 'she' | 'it' | 'they' });
  }
  return dropOverlapped(refs);
}

function dropOverlapped(refs: Reference[]): Reference[] {
  const rank = (r: Reference) => (r.kind === 'named' ? (r.speaker.kind === 'person' ? 3 : 2) : 1);
  // Longer first, then the stronger kind: a person named inside a title phrase wins over the title's body.
  return keepNonOverlapping(refs, (a, b) => rank(b) - rank(a) || b.end - b.start - (a.end - a.start));
}

/**
 * A surname standing alone ("Rowley admitted ...") names the one person found
 * with that surname; one shared by two people names no one.
 */
function surnameReferences(text: string, found: FoundMentions): Reference[] {
  const bySurname = new Map<string, Set<string>>();
  for (const p of found.of('person')) {
    const words = p.name.split(/\s+/);
    if (words.length < 2) continue;
    const surname = words[words.length - 1]!;
    bySurname.set(surname, (bySurname.get(surname) ?? new Set()).add(p.name));
  }
  const refs: Reference[] = [];
  for (const [surname, names] of bySurname) {
    if (names.size !== 1 || !/^\p{Lu}\p{Ll}/u.test(surname)) continue;
    const name = [...names][0]!;
    for (const at of surnameAlone(text, surname)) refs.push({ kind: 'named', start: at, end: at + surname.length, speaker: { name, kind: 'person' } });
  }
  return refs;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const CAPITAL = /^\p{Lu}$/u;

/** The code point that ends right before `at` (a surrogate pair whole). */
function codePointBefore(text: string, at: number): string {
  if (at <= 0) return '';
  const low = text.charCodeAt(at - 1);
  return at >= 2 && low >= 0xdc00 && low <= 0xdfff ? text.slice(at - 2, at) : text.slice(at - 1, at);
}

/** The code point that starts at `at`. */
const codePointAt = (text: string, at: number): string => (at < text.length ? String.fromCodePoint(text.codePointAt(at)!) : '');

/**
 * Where `surname` stands as a word of its own and is not followed by a capitalised word ("Rowley
 * admitted", not "Rowley Review"): the matches of
 * /(?<![\p{L}\p{N}])surname(?![\p{L}\p{N}])(?!\s+\p{Lu})/gu, found without building that regex for
 * each surname.
 */
export function surnameAlone(text: string, surname: string): number[] {
  const out: number[] = [];
  if (!surname) return out;
  for (let at = text.indexOf(surname); at >= 0; ) {
    const end = at + surname.length;
    let after = end;
    while (after < text.length && isSpaceCode(text.charCodeAt(after))) after++;
    const alone =
      !LETTER_OR_DIGIT.test(codePointBefore(text, at)) && !LETTER_OR_DIGIT.test(codePointAt(text, end)) && !(after > end && CAPITAL.test(codePointAt(text, after)));
    if (alone) out.push(at);
    // As a global regex goes on: after a match, from its end; after a miss, from the next position.
    at = text.indexOf(surname, alone ? end : at + 1);
  }
  return out;
}

