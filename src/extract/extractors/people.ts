import nlp from 'compromise';
import type { Mention, MentionOf } from '../../model/mention.ts';
import { foldForMatching } from '../../nlp/gazetteer.ts';
import { overlaps, type ExtractionInput, type Extractor, type FoundMentions } from '../context.ts';
import type { Lexicon } from '../lexicon.ts';
import type { Paragraph } from '../../nlp/sentences.ts';

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
  const rules = [...fromTitles(input), ...fromHonorifics(input)];
  const candidates = [...fromCompromise(input, found, rules, options.everyParagraph ?? false), ...rules];
  return refinePeople(input, found, candidates);
}

interface Candidate {
  start: number;
  end: number;
  /** Evidence strength: a title or honorific before the name makes a lone word a person. */
  anchored: boolean;
}

const NAME_WORD = "[A-Z][\\p{L}'’\\-]*[\\p{Ll}][\\p{L}'’\\-]*";
const NAME = new RegExp(`^(${NAME_WORD}(?:\\s+(?:${NAME_WORD}|[A-Z]\\.))*)`, 'u');

/**
 * compromise's person tagging, on the paragraphs where it can change the
 * result. It is most of the cost of extraction (about 0.2 MB/s), and most
 * paragraphs cannot yield a person that refinePeople keeps: a name of two
 * words or more needs, as its first word, a capitalised word followed by
 * another, that is no title, force, honorific, pronoun or common word
 * (see mayHoldFullName); a lone word is kept only as the first or last word of
 * such a full name elsewhere in the document. So compromise runs on (1) the
 * paragraphs that may hold a full name, then (2) those holding a word of a full
 * name found so far. The candidates are the ones tagging every paragraph
 * gives; only their number differs, by the ones refinePeople would drop.
 */
function fromCompromise(input: ExtractionInput, found: FoundMentions, rules: readonly Candidate[], everyParagraph: boolean): Candidate[] {
  const { document, paragraphs, lexicon } = input;
  const text = document.text;
  const byParagraph: Candidate[][] = paragraphs.map(() => []);
  const tag = (i: number) => (byParagraph[i] = boundToNames(text, tagParagraph(paragraphs[i]!)));
  if (everyParagraph) {
    paragraphs.forEach((_, i) => tag(i));
    return byParagraph.flat();
  }
  const named = [...found.of('force'), ...found.of('organisation')];
  const later: number[] = [];
  paragraphs.forEach((p, i) => (mayHoldFullName(text, p, lexicon, named) ? tag(i) : later.push(i)));
  // Words of every candidate of two words or more: a lone word elsewhere matters only if it is one of them.
  const words = new Set<string>();
  for (const c of [...rules, ...byParagraph.flat()]) {
    const parts = text.slice(c.start, c.end).split(/\s+/);
    if (parts.length > 1) for (const w of parts) words.add(w);
  }
  for (const i of later) {
    const p = paragraphs[i]!;
    for (const w of words) {
      if (p.text.includes(w)) {
        tag(i);
        break;
      }
    }
  }
  return byParagraph.flat();
}

function tagParagraph(p: Paragraph): Candidate[] {
  const out: Candidate[] = [];
  const people = nlp(p.text).people().json({ offset: true }) as Array<{ text: string; offset: { start: number; length: number } }>;
  for (const person of people) {
    const trimmed = person.text.replace(/[\s,.;:!?)"“”’']+$/u, '').replace(/^[\s("“‘']+/u, '');
    if (!trimmed) continue;
    // compromise's offsets can drift where it normalises characters: trust only a span that slices the same text.
    const near = p.text.indexOf(trimmed, Math.max(0, person.offset.start - 3));
    if (near < 0) continue;
    out.push({ start: p.start + near, end: p.start + near + trimmed.length, anchored: false });
  }
  return out;
}

/** A capitalised word (letters, apostrophes, hyphens), white space, and a capital: the only way a kept name of two words can start. */
const WORD_PAIR = /([A-Z][\p{L}'’-]*)\s+[A-Z]/uy;

/**
 * Whether compromise could find, in this paragraph, a name of two words or
 * more that refinePeople keeps. Only necessary conditions on the kept name's
 * first word, each one refinePeople or boundToNames enforces: it is followed by
 * a capitalised word; it is not an acronym, a pronoun or a word never in names;
 * honorifics, titles and force names before a name are stripped, so it is none
 * of those; and it lies in no force or organisation name.
 */
function mayHoldFullName(text: string, p: Paragraph, lexicon: Lexicon, named: ReadonlyArray<{ start: number; end: number }>): boolean {
  for (let i = p.start; i < p.end; i++) {
    const c = text.charCodeAt(i);
    if (c < 65 || c > 90) continue; // not A-Z
    WORD_PAIR.lastIndex = i;
    const m = WORD_PAIR.exec(text);
    if (!m || m.index + m[0].length > p.end) continue;
    const word = m[1]!;
    if (/^[A-Z]{2,}$/.test(word) || PRONOUN.test(word) || lexicon.notNameWords.has(word.toLowerCase())) continue;
    if (lexicon.honorificAtStart.test(text.slice(i, i + 40))) continue;
    if (lexicon.titles.canonicalOf(word) !== undefined || lexicon.forces.canonicalOf(word) !== undefined) continue;
    const span = { start: i, end: i + word.length };
    if (named.some((n) => overlaps(n, span))) continue;
    return true;
  }
  return false;
}

function fromTitles({ document, lexicon }: ExtractionInput): Candidate[] {
  const text = document.text;
  const out: Candidate[] = [];
  for (const t of lexicon.titles.find(text)) {
    let at = t.end;
    const rest = text.slice(at);
    const skip = /^,?\s+/.exec(rest);
    if (!skip) continue;
    at += skip[0].length;
    at = skipHonorifics(text, at, lexicon);
    const name = NAME.exec(text.slice(at));
    if (name) out.push({ start: at, end: at + name[1]!.length, anchored: true });
  }
  return boundToNames(text, out);
}

function fromHonorifics({ document, lexicon }: ExtractionInput): Candidate[] {
  const text = document.text;
  const out: Candidate[] = [];
  for (const m of text.matchAll(lexicon.honorificBeforeName)) {
    const at = skipHonorifics(text, m.index, lexicon);
    if (at === m.index) continue;
    const name = NAME.exec(text.slice(at));
    if (name) out.push({ start: at, end: at + name[1]!.length, anchored: true });
  }
  return boundToNames(text, out);
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
    const words = [...text.slice(c.start, c.end).matchAll(/\S+/g)];
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
      if (word && (lexicon.titles.canonicalOf(word[1]!) !== undefined || lexicon.forces.canonicalOf(word[1]!) !== undefined)) {
        start += word[0].length;
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
    // A force or organisation name is never a person ("Devon and Cornwall Police"); nor is a bare title.
    if (named.some((b) => overlaps(b, span)) || titles.some((t) => containsOrEquals(t, span))) continue;
    if (words.length === 1 && !c.anchored) {
      kept.push({ ...span, anchored: false });
      continue;
    }
    kept.push({ ...span, anchored: c.anchored || words.length > 1 });
  }

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

function containsOrEquals(outer: { start: number; end: number }, inner: { start: number; end: number }): boolean {
  return outer.start <= inner.start && outer.end >= inner.end;
}

const PRONOUN = /^(?:I|We|He|She|It|They|You|This|That|These|Those)(?:['’]\p{L}+)?$/u;

function isPlausibleName(surface: string, lexicon: Lexicon): boolean {
  const words = surface.split(/\s+/);
  if (words.some((w) => PRONOUN.test(w))) return false;
  if (words.length > 4) return false;
  for (const w of words) {
    if (lexicon.notNameWords.has(w.toLowerCase())) return false;
  }
  if (lexicon.forces.canonicalOf(surface) || lexicon.organisations.canonicalOf(surface)) return false;
  return true;
}

/** Canonical form: typographic apostrophes straightened, spacing collapsed. Honorifics are already gone. */
export function canonicalPersonName(name: string): string {
  return foldForMatching(name).replace(/\s+/g, ' ').trim();
}
