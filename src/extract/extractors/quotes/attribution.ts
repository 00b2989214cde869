import { readTerms, type Tagging } from '../../../nlp/tagging.ts';
import type { Reference, Speaker } from './references.ts';
import type { SpeakerResolver } from './speakers.ts';
import { allMatches } from '../../../util/regex.ts';

/**
 * Who speaks a quotation, by the grammar of the sentence around it:
 * - the subject of the nearest reporting verb before it ("X said:", "X
 *   praised the force's 'real grit'"), past a parenthesis ("X, who ..., said");
 * - the agent of a passive one ("branded 'failing' by inspectors", "described
 *   by the chief inspector as '...'");
 * - the name after it ("..., said X", "..., X said", "the report says");
 * - "according to X".
 * A reporting verb whose subject or agent names no one we know blocks the
 * rules after it: the quote is someone else's ("welcomed by relatives").
 */
export interface Attribution {
  speaker: Speaker | null;
}

export interface Clause {
  /** The text of the document. */
  text: string;
  /** Where the sentence holding the quotation starts and ends. */
  sentenceStart: number;
  sentenceEnd: number;
  /** The quotation's marks: the opening mark's position and the position after the closing one. */
  openAt: number;
  closeEnd: number;
}

export interface Grammar {
  refs: readonly Reference[];
  resolver: SpeakerResolver;
  reportingVerb: RegExp;
  tagging: Tagging;
  /** Positions inside quotations: their words are not the narrator's. */
  quoted(at: number): boolean;
}

const PASSIVE_AUX = /(?:^|\s)(?:was|were|is|are|be|been|being|get|got)\s+(?:\p{L}+ly\s+)?$/iu;
/** Words that may stand between a subject and its verb: auxiliaries and adverbs ("has since", "has formally"). */
const AUX_OR_ADVERB = /(?:\s+(?:has|have|had|was|is|will|would|also|then|now|later|today|yesterday|since|once|again|\p{L}+ly))*\s*$/iu;

export function verbsIn(g: Grammar, text: string, from: number, to: number): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const slice = text.slice(from, to);
  let nouns: Set<number> | undefined;
  g.reportingVerb.lastIndex = 0;
  for (const m of allMatches(slice, g.reportingVerb)) {
    const start = from + m.index;
    const end = start + m[0].length;
    // A noun that looks like a verb ("the report", "emergency calls") is not a reporting verb.
    if (g.quoted(start) || g.refs.some((r) => r.start < end && start < r.end)) continue;
    nouns ??= nounOffsets(g.tagging, slice);
    if (!nouns.has(m.index)) out.push({ start, end });
  }
  return out;
}

/** Offsets (in `text`) of the words compromise reads as nouns. */
function nounOffsets(tagging: Tagging, text: string): Set<number> {
  const out = new Set<number>();
  for (const t of tagging.memo('terms', text, readTerms)) {
    // compromise's offsets may drift where it normalises characters: trust one that slices the same word.
    if (t.tags.has('Noun') && !t.tags.has('Verb') && text.startsWith(t.word, t.start)) out.add(t.start);
  }
  return out;
}

function refsIn(g: Grammar, from: number, to: number): Reference[] {
  return g.refs.filter((r) => r.start >= from && r.end <= to);
}

/** The first reference right at `from` (only determiners, titles or names between), up to `to`. */
function refRightAfter(g: Grammar, text: string, from: number, to: number): Reference | undefined {
  const r = refsIn(g, from, to)[0];
  if (!r) return undefined;
  const gap = text.slice(from, r.start);
  return /^[\s,]*(?:(?:the|a|an|its|their|his|her|[\p{Lu}][\p{L}'’.-]*)\s+){0,6}$/u.test(gap) && !/[.;:!?]/.test(gap) ? r : undefined;
}

function resolve(g: Grammar, r: Reference | undefined): Attribution | undefined {
  if (!r) return undefined;
  return { speaker: g.resolver.resolve(r) };
}

/** "by X" where the agent of a passive reporting verb is named. */
function agentAfter(g: Grammar, text: string, from: number, to: number): Reference | undefined {
  const by = /(?<![\p{L}])by\s+/iu.exec(text.slice(from, to));
  if (!by) return undefined;
  return refRightAfter(g, text, from + by.index + by[0].length, to);
}

/** The speaker named before the quotation in its sentence, by the nearest reporting verb. */
export function speakerBefore(g: Grammar, c: Clause): Attribution | undefined {
  const { text } = c;
  const verbs = verbsIn(g, text, c.sentenceStart, c.openAt);
  const verb = verbs[verbs.length - 1];
  if (!verb) return undefined;
  const between = text.slice(verb.end, c.openAt);
  // "described by the chief inspector as '...'"
  if (/^\s+by\s/i.test(between)) return resolve(g, agentAfter(g, text, verb.end, c.openAt)) ?? { speaker: null };
  // "was branded '...' by inspectors": the agent follows the quotation, or no one is named.
  if (PASSIVE_AUX.test(text.slice(c.sentenceStart, verb.start))) {
    return resolve(g, agentAfter(g, text, c.closeEnd, c.sentenceEnd)) ?? resolve(g, agentAfter(g, text, verb.end, c.openAt)) ?? { speaker: null };
  }
  // The subject: the last reference before the verb, skipping a parenthesis ("X, who proposed the motion, said").
  let head = text.slice(c.sentenceStart, verb.start).replace(AUX_OR_ADVERB, '');
  if (/,\s*$/.test(head)) {
    const open = head.replace(/,\s*$/, '').lastIndexOf(',');
    // An apposition naming a person is the subject ("The Mayor, Sadiq Khan, said"); a clause about it is not ("X, who ..., said").
    const inner = open > 0 ? refsIn(g, c.sentenceStart + open, c.sentenceStart + head.length) : [];
    const person = inner.filter((r) => r.kind === 'named' && r.speaker.kind === 'person').pop();
    const relative = open > 0 && /^,\s*(?:who|whom|whose|which|where|when|as|in|at|after|before|speaking|writing)\b/i.test(head.slice(open));
    if (person && !relative) return resolve(g, person);
    if (open > 0) head = head.slice(0, open);
  }
  // "X, who said ...": the relative pronoun stands for the name before it.
  const relative = /[\s,]+(?:who|which|that)\s*$/iu.exec(head);
  if (relative) head = head.slice(0, relative.index);
  // The subject stands right before its verb; a name further back belongs to another clause ("X said ... residents who said").
  const subject = refsIn(g, c.sentenceStart, c.sentenceStart + head.length).pop();
  if (subject && /^[\s)’'”]*$/u.test(text.slice(subject.end, c.sentenceStart + head.length))) return resolve(g, subject);
  if (relative) return { speaker: null };
  // Inverted: "added the chief constable: '...'" (a pronoun there is an object: "called it '...'").
  const inverted = refRightAfter(g, text, verb.end, c.openAt);
  return inverted?.kind === 'pronoun' ? undefined : resolve(g, inverted);
}

/** The speaker named after the quotation: "..., said X", "..., X said", "the report says", "... by X". */
export function speakerAfter(g: Grammar, c: Clause): Attribution | undefined {
  const { text } = c;
  const end = Math.min(c.sentenceEnd, c.closeEnd + 120);
  const lead = /^[\s,.!?–—-]*/.exec(text.slice(c.closeEnd, end))![0].length;
  const from = c.closeEnd + lead;
  const verbs = verbsIn(g, text, from, end);
  const first = verbs[0];
  if (first && first.start === from) return resolve(g, refRightAfter(g, text, first.end, end));
  const ref = refRightAfter(g, text, from, end);
  const verb = ref && verbs.find((v) => v.start >= ref.end);
  if (ref && verb && /^(?:\s+(?:has|had|have|also|then|later))*\s+$/i.test(text.slice(ref.end, verb.start))) return resolve(g, ref);
  if (/^by\s/i.test(text.slice(from, end))) return resolve(g, agentAfter(g, text, from, end));
  return undefined;
}

/** "according to X", anywhere in the sentence outside the quotation. */
export function speakerAccordingTo(g: Grammar, c: Clause): Attribution | undefined {
  const { text } = c;
  for (const m of allMatches(text.slice(c.sentenceStart, c.sentenceEnd), /(?<![\p{L}])according\s+to\s+/giu)) {
    const at = c.sentenceStart + m.index + m[0].length;
    if (g.quoted(at) || (at > c.openAt && at < c.closeEnd)) continue;
    const ref = refRightAfter(g, text, at, c.sentenceEnd);
    if (ref) return resolve(g, ref);
  }
  return undefined;
}

/** "X: '...'": a sentence that ends in a colon before the quotation introduces its speaker, the last one it names. */
export function speakerBeforeColon(g: Grammar, c: Clause): Attribution | undefined {
  const head = c.text.slice(c.sentenceStart, c.openAt);
  if (!/:\s*$/.test(head)) return undefined;
  const refs = refsIn(g, c.sentenceStart, c.openAt);
  const person = refs.filter((r) => r.kind === 'named' && r.speaker.kind === 'person').pop();
  return resolve(g, person ?? refs.pop());
}
