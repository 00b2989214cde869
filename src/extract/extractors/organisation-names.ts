import type { Knowledge } from '../../knowledge/index.ts';
import type { GazetteerMatch } from '../../nlp/gazetteer.ts';
import { escape, fold } from '../../util/text.ts';
import { overlaps } from '../../util/spans.ts';
import { sentenceAt, type Sentence } from '../../nlp/sentences.ts';
import { readTerms, type Tagging } from '../../nlp/tagging.ts';
import { allMatches } from '../../util/regex.ts';

/**
 * Bodies named by the shape of their name rather than listed one by one:
 * - the knowledge's patterns ("{place} Police and Crime Panel", "Office of the
 *   Police and Crime Commissioner for {place}"), named canonically;
 * - a capitalised noun phrase ending in a head noun of the knowledge
 *   (`nameHeads`: Group, Panel, Board, Committee, ...), optionally followed
 *   by "of" or "for" and more capitalised words: "the Regional Scrutiny
 *   Group", "the Office of the Police and Crime Commissioner". The phrase as
 *   written is the name.
 */

const CAP = "\\p{Lu}[\\p{L}'’-]*";
const WORD_START = '(?<![\\p{L}\\p{N}])';
const WORD_END = '(?![\\p{L}\\p{N}])';

/** A phrase of the knowledge as a pattern: flexible spaces, either apostrophe, "and" or "&", a comma optional. */
function phrasePattern(phrase: string): string {
  return fold(phrase, 'sameLength')
    .trim()
    .split(/\s+/)
    .map((w) => (w.toLowerCase() === 'and' || w === '&' ? '(?:and|&)' : escape(w).replace(/'/g, "['’]?").replace(/,/g, ',?')))
    .join('\\s+');
}

/** A pattern form as a regex source, {place} standing for `place`; white space around it kept as written. */
function formSource(form: string, place: string): string {
  return form
    .split('{place}')
    .map((part, i, parts) => {
      const before = i > 0 && /^\s/.test(part) ? '\\s+' : '';
      const after = i < parts.length - 1 && /\s$/.test(part) ? '\\s+' : '';
      return `${before}${part.trim() ? phrasePattern(part) : ''}${after}`;
    })
    .join(place);
}

/** The words of a pattern form that its regex matches letter for letter (case-sensitive): not "and" (or "&"), nor words with punctuation. */
function literalWords(form: string): string[] {
  return fold(form, 'sameLength')
    .replace(/\{place\}/g, ' ')
    .split(/\s+/)
    .filter((w) => /^[A-Za-z]+$/.test(w) && w.toLowerCase() !== 'and');
}

interface Compiled {
  /** `words`: the form's words matched as written, all of which a text must hold for the pattern to match. */
  patterns: { regex: RegExp; canonical: string; generic: boolean; words: string[] }[];
  headed: RegExp;
  notStart: ReadonlySet<string>;
  documentNoun: RegExp;
  notOrganisation: ReadonlySet<string>;
  places: ReadonlyMap<string, string>;
}

const compiledFor = new WeakMap<Knowledge, Compiled>();

function compile(knowledge: Knowledge): Compiled {
  const cached = compiledFor.get(knowledge);
  if (cached) return cached;
  const notStart = new Set(knowledge.organisationNameModifiersNot);
  const placeNames = knowledge.forces.flatMap((f) => f.placeNames).sort((a, b) => b.length - a.length);
  // A place: a police area's name, or up to three capitalised words ("North Somerset"), not a determiner.
  const notStartSource = [...notStart].map(escape).join('|') || '(?!)';
  const genericPlace = `(?!(?:${notStartSource})${WORD_END})${CAP}(?:\\s+(?:(?:and|&)\\s+)?${CAP}){0,2}`;
  const knownPlace = `(?<place>${placeNames.map(phrasePattern).join('|')})`;
  // A police area's name first: "Under Dorset OPCC" is Dorset's office.
  const patterns = [knownPlace, `(?<place>${genericPlace})`].flatMap((place, generic) =>
    knowledge.organisationPatterns.flatMap((p) =>
      p.forms.map((form) => ({
        regex: new RegExp(`${WORD_START}${formSource(form, place)}${WORD_END}`, 'gu'),
        canonical: p.canonical,
        generic: generic === 1,
        words: literalWords(form),
      })),
    ),
  );
  const heads = knowledge.organisationNameHeads.map(escape).join('|');
  // A comma only inside a list closed by "and": "the Police, Fire and Crime Panel".
  const joint = `(?:\\s+(?:and|&)\\s+|,\\s+(?=${CAP}(?:\\s+${CAP})*\\s+(?:and|&)\\s)|\\s+)`;
  const post = `\\s+(?:of|for)\\s+(?:the\\s+)?${CAP}(?:${joint}${CAP})*`;
  // Words before the head, or the head alone with what follows it ("Office of the ...").
  const headed = new RegExp(`${WORD_START}(?:(?<pre>(?:${CAP}${joint}){1,6})(?<head>${heads})(?:${post}){0,2}|(?<lone>${heads})(?:${post}){1,2})${WORD_END}`, 'gu');
  const documentNoun = new RegExp(`^[’']?s?\\s+(?:${knowledge.organisationDocumentNouns.map(phrasePattern).join('|') || '(?!)'})${WORD_END}`, 'iu');
  const out: Compiled = {
    patterns,
    headed,
    notStart,
    documentNoun,
    notOrganisation: new Set(knowledge.notOrganisations.map((n) => n.toLowerCase())),
    places: new Map(placeNames.map((p) => [fold(p, 'sameLength').toLowerCase().replace(/\s+/g, ' '), p])),
  };
  compiledFor.set(knowledge, out);
  return out;
}

/** Whether the words after a name make it a document's title ("... Panel report"). */
export function namesDocument(text: string, end: number, knowledge: Knowledge): boolean {
  return compile(knowledge).documentNoun.test(text.slice(end, end + 40));
}

/** Bodies named by one of the knowledge's patterns, with the canonical name filled in. */
export function patternedBodies(text: string, knowledge: Knowledge): GazetteerMatch[] {
  const { patterns, places } = compile(knowledge);
  const folded = fold(text, 'sameLength');
  const out: GazetteerMatch[] = [];
  for (const { regex, canonical, generic, words } of patterns) {
    if (!words.every((w) => folded.includes(w))) continue;
    for (const m of allMatches(folded, regex)) {
      if (generic && out.some((o) => o.start < m.index + m[0].length && m.index < o.end)) continue;
      const written = (m.groups?.place ?? '').replace(/\s+/g, ' ');
      const placeName = places.get(written.toLowerCase()) ?? written;
      out.push({ canonical: canonical.replace('{place}', placeName), start: m.index, end: m.index + m[0].length, surface: text.slice(m.index, m.index + m[0].length) });
    }
  }
  return out;
}

/** Whether a word, in its sentence, is not a name's first word: a verb or adverb opening the sentence, a date. */
function notNameStart(tagging: Tagging, sentence: Sentence | undefined, offset: number): boolean {
  if (!sentence) return false;
  const term = tagging.memo('terms', sentence.text, readTerms).find((t) => sentence.start + t.start === offset);
  if (!term) return false;
  if (term.tags.has('Date')) return true;
  const opensSentence = sentence.text.slice(0, offset - sentence.start).trim() === '';
  return opensSentence && (term.tags.has('Verb') || term.tags.has('Adverb') || term.tags.has('Preposition')) && !term.tags.has('Organization');
}

/** Capitalised phrases ending in a head noun ("the Regional Scrutiny Group"), named as written. */
export function headedBodies(
  text: string,
  sentences: readonly Sentence[],
  knowledge: Knowledge,
  tagging: Tagging,
  /** Names found otherwise, that win over a name's shape: a phrase ending inside one is no body of its own, whatever its opening words. */
  taken: ReadonlyArray<{ start: number; end: number }> = [],
): GazetteerMatch[] {
  const { headed, notStart, notOrganisation } = compile(knowledge);
  const folded = fold(text, 'sameLength');
  const out: GazetteerMatch[] = [];
  for (const m of allMatches(folded, headed)) {
    let start = m.index;
    const end = m.index + m[0].length;
    // Its last word is always kept: if that is inside a taken name, so is the phrase (and its opening words need no tagging).
    if (taken.some((k) => overlaps(k, { start: end - 1, end }))) continue;
    // Drop opening words that are not part of a name: "This Committee", "Yesterday the ...".
    for (;;) {
      const word = /^[\p{L}'’-]+/u.exec(folded.slice(start))?.[0] ?? '';
      const rest = folded.slice(start + word.length);
      const next = /^\s+/u.exec(rest)?.[0].length ?? 0;
      if (!word || start + word.length >= end) break;
      if (notStart.has(word) || notNameStart(tagging, sentenceAt(sentences, start), start)) start += word.length + next;
      else break;
    }
    const surface = text.slice(start, end);
    const words = surface.split(/\s+/);
    if (words.length < 2 || /^(?:and|&|of|for)$/i.test(words[0]!)) continue;
    if (notOrganisation.has(surface.toLowerCase())) continue;
    out.push({ canonical: surface.replace(/\s+/g, ' ').replace(/’/g, "'"), start, end, surface });
  }
  return out;
}
