import type { Sentence } from '../../../nlp/sentences.ts';
import { areaOf, peelHits, polarityHits, type Candidate, type Ctx, type Polarity, type PolarityHit, type Span } from './cues.ts';
import { polarityOf } from './polarity.ts';
import { termsOf } from './grammar.ts';
import { FINITE, splitAreas, trim, wordCount } from './spans.ts';
import { alternation } from '../../../util/text.ts';
import { allMatches } from '../../../util/regex.ts';

/** Areas in running text: introduced by a polarity cue, as a clause's subject, or as a polarity verb's object. */


/** A list of areas after the cue: "in areas including", "in the areas of", "including", "focusing on", "regarding", "into". */
const AREAS_INTRO = /\b(?:in|across)\s+(?:the\s+)?(?:[\p{L}\p{N}-]+\s+){0,3}?areas?\b(?:\s*,?\s*(?<incl>including|such as|like)|\s+(?:of|around))/iu;
const INCLUDING = /(?:,\s*)?\b(?<incl>including|such as|focusing on|focussing on|focused on|in particular|particularly|notably|especially)\b/iu;
const TOPIC = /\b(?:regarding|concerning|about|around|into|over)\b/iu;
/** Right after the cue: "concerns around X", "failure of X", "progress against X", "needs to improve how X". */
const ADJACENT = /^,?\s+(?:(?:in|at|of|with|to|against|on|around|about|over|regarding|into|for|concerning)\b|(?=how\b))/iu;
/** A failing named by a gerund right after it: "failures investigating X". */
const FAILING_GERUND = /^\s+(?=(?!being\b|having\b)\p{L}{3,}ing\s)/iu;
const FAILING_NOUN = /(?:failures?|failings|shortcomings|weaknesses|delays)$/i;
/** "Among the alarming issues were X": a copula after the cue's noun, not a passive ("were raised"). */
const INTRODUCING_COLON = /^\s+(?:\p{L}+\s+){0,3}?(?:were|are|was|is|include|included|includes|including)\s*:\s/iu;
const COPULA = /^\s+(?:\p{L}+\s+){0,3}?(?:were|are|was|is|include|included|includes)\s*:?\s+(?!\p{L}+ed\b)/iu;
/** "Progress the force has made against X", "strides have been made in X": what an improvement was made in. */
const MADE_IN = /^\s+(?:that\s+)?(?:[\p{L}\p{N}’'.-]+\s+){0,3}?(?:(?:has|have|had)\s+)?(?:been\s+)?made\s+(?:against|in|on|to|with|towards)\s+/iu;
/** A cue that is itself a verb taking the area as its object ("does not treat X", "needs to improve X"). */
/** What may stand before such a verb: the force or its people, a coordinated predicate, or nothing (a list item). */
const OWN_SUBJECT = /(?:^|[\n•:;]|\b(?:it|force|police|service|constabulary|officers|and|also|still|often|that))\s*$/iu;
const TAKES_OBJECT = /(?:\b(?:does|do|did)\s+not|n['’]t|\bunable\s+to|\bimprove)$/iu;
const ENDS_IN_PREPOSITION = /\s(?:of|in|to|with|about|around|on|for|over)$/i;
const NUMBER = /\b(two|three|four|five|six|seven|eight|nine|ten|\d+)\b/i;
const NUMBERS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const WINDOW_WORDS = 8;
/** What opens a phrase of its own before a next cue: "and a failure to", "and its poor", "and had a large backlog" (a coordinated predicate, one word before the cue). */
const NEW_PHRASE = /(?:\band|\bor|,|;)\s+(?:(?:has|have|had|was|were|is|are)\s+)?(?:(?:a|an|the|its|their)\s+(?:\p{L}+\s+)?)?$/iu;
const SUBORDINATE = /,?\s+(?:and\s+)?(?:that|which|who|whose|while|whilst|because|although|though|whereas|when)\s/iu;

/** Areas a polarity cue introduces in running text. */
export function introducedAreas(ctx: Ctx, sentence: Sentence): Candidate[] {
  const out: Candidate[] = [];
  const hits = polarityHits(ctx, sentence);
  for (const [hi, hit] of hits.entries()) {
    const polarity = polarityOf(ctx, sentence, hit);
    if (!polarity) continue;
    // The list runs to the end of the clause, or to a next cue that starts a phrase of its own ("failings in X and a failure to Y").
    const next = hits.slice(hi + 1).find((h) => NEW_PHRASE.test(ctx.text.slice(hit.end, h.start)));
    const rest = ctx.text.slice(hit.end, next?.start ?? sentence.end);
    // "The improvements include: X; Y": after an introducing colon, the items run to the sentence's end.
    const colon = rest.match(INTRODUCING_COLON);
    const clause = colon ? rest.replace(/[.!?]\s*$/, '') : rest.match(/^[^;:!?–—]*/)![0];
    const stop = hit.end + clause.length;
    const intro = introducerAfter(ctx, hit, stop);
    if (!intro) continue;
    // Nor does it run into a subordinate clause ("... and that public confidence has been undermined").
    const listText = ctx.text.slice(intro.listStart, stop);
    const sub = listText.match(SUBORDINATE);
    let end = sub?.index !== undefined ? intro.listStart + sub.index : stop;
    // A noun list ends where its own verb starts ("concerns about the force's finances had been addressed"); a "how" clause keeps its verb.
    const verb = /^\s*(?:how|what|why|whether|where)\b/i.test(listText) ? undefined : listText.match(FINITE);
    if (verb?.index !== undefined) {
      // The verb's subject goes with it: cut at the comma before it, if any ("X, a plan was established").
      const comma = listText.slice(0, verb.index).lastIndexOf(',');
      end = Math.min(end, intro.listStart + (comma > 0 ? comma : verb.index));
    }
    const before = ctx.text.slice(Math.max(sentence.start, hit.start - 30), intro.listStart);
    const n = intro.partial ? undefined : before.match(NUMBER)?.[1]?.toLowerCase();
    const count = n ? (NUMBERS[n] ?? Number(n)) : undefined;
    const pieces = splitAreas(ctx, { start: intro.listStart, end }, { stopAtClause: true, ...(count ? { count } : {}) });
    const withCue = pieces.filter((p) => areaOf(ctx, p));
    for (const piece of pieces) {
      // A single area right after its cue is named with it ("failure of governance", "failed to record X").
      const span = pieces.length === 1 && intro.adjacent ? { start: hit.start, end: piece.end } : piece;
      // A cue-less item counts only among named areas of a list ("..., and matters related to the X report").
      const peel = areaOf(ctx, span) ?? (intro.named && withCue.length >= 2 ? 'Other' : undefined);
      if (!peel) continue;
      out.push({ ...span, peel, polarity });
    }
  }
  return out;
}

interface Introducer {
  listStart: number;
  /** Right after the cue ("concerns around"). */
  adjacent: boolean;
  /** The words name a list of areas ("in areas including", "the areas of", "focusing on"). */
  named: boolean;
  /** "including", "such as": only some of the areas, so a stated number does not bound the list. */
  partial: boolean;
}

function introducerAfter(ctx: Ctx, hit: PolarityHit, stop: number): Introducer | undefined {
  const after = ctx.text.slice(hit.end, stop);
  if (ENDS_IN_PREPOSITION.test(` ${hit.cue}`)) return { listStart: hit.end, adjacent: true, named: false, partial: false };
  if (TAKES_OBJECT.test(hit.cue) && /^\s+\p{L}/u.test(after) && !ADJACENT.test(after) && OWN_SUBJECT.test(ctx.text.slice(Math.max(0, hit.start - 40), hit.start))) return { listStart: hit.end, adjacent: true, named: false, partial: false };
  // A passive failing names its cause: "let down by its leadership".
  if (hit.polarity === 'concern' && /^\s+by\s+/i.test(after)) return { listStart: hit.end + after.match(/^\s+by\s+/i)![0].length, adjacent: true, named: false, partial: false };
  if (FAILING_NOUN.test(hit.cue) && FAILING_GERUND.test(after)) return { listStart: hit.end + after.match(FAILING_GERUND)![0].length, adjacent: true, named: false, partial: false };
  const scrutinised = scrutinyAfter(ctx, after);
  if (scrutinised !== undefined) return { listStart: hit.end + scrutinised, adjacent: false, named: true, partial: false };
  const made = after.match(MADE_IN);
  if (made) return { listStart: hit.end + made[0].length, adjacent: false, named: true, partial: false };
  const copula = after.match(COPULA);
  if (copula) return { listStart: hit.end + copula[0].length, adjacent: false, named: true, partial: false };
  // Only the first few words after the cue can introduce its list.
  const window = after.match(INTRO_WINDOW)![0];
  let best: { index: number; end: number; named: boolean; partial: boolean } | undefined;
  for (const re of [AREAS_INTRO, INCLUDING, TOPIC]) {
    const m = window.match(re);
    if (m?.index === undefined) continue;
    if (!best || m.index < best.index) best = { index: m.index, end: m.index + m[0].length, named: re !== TOPIC, partial: m.groups?.incl !== undefined };
  }
  if (best) return { listStart: hit.end + best.end, adjacent: best.index === 0 || /^,?\s*$/.test(after.slice(0, best.index)), named: best.named, partial: best.partial };
  const adjacent = after.match(ADJACENT);
  if (adjacent) return { listStart: hit.end + adjacent[0].length, adjacent: true, named: false, partial: false };
  return undefined;
}

/** The first few words after a cue: only they can introduce its list. */
const INTRO_WINDOW = new RegExp(`^\\s*(?:\\S+\\s+){0,${WINDOW_WORDS}}\\S*`, 'u');
/** "... areas": a cue's grade given in a number of areas, near the cue. */
const GRADED_AREAS = new RegExp(`^\\s*(?:\\S+\\s+){0,${WINDOW_WORDS}}?(?:\\S+\\s+)?areas?\\b`, 'iu');
const scrutinyRegexes = new WeakMap<object, RegExp>();

/**
 * "rated inadequate in three areas, which assessed its ability to X, Y and Z":
 * where the clause names areas right after the cue and a relative clause then
 * says what they examined, the list starts after that verb. Returns the offset
 * in `after` where the list starts.
 */
function scrutinyAfter(ctx: Ctx, after: string): number | undefined {
  const verbs = ctx.input.lexicon.knowledge.peel.scrutiny;
  if (!verbs.length) return undefined;
  const areas = after.match(GRADED_AREAS);
  if (!areas) return undefined;
  let re = scrutinyRegexes.get(verbs);
  if (!re) {
    re = new RegExp(`,?\\s+(?:which|that)\\s+(?:\\p{L}+ly\\s+)?(?:${alternation(verbs)})\\s+`, 'iu');
    scrutinyRegexes.set(verbs, re);
  }
  const rest = after.slice(areas[0].length);
  const m = rest.match(re);
  return m?.index === undefined ? undefined : areas[0].length + m.index + m[0].length;
}

const AUX = /(?<![\p{L}])(?:is|are|was|were|has|have|had)\s+(?<mods>(?:(?:now|been|being|not|also|already|significantly|severely|greatly|further|still|increasingly|consistently)\s+)*)/giu;
const BOUNDARY = /[,;:“”"(–—]|\b(?:and|but|that|while|whilst|who|which|because|as|when|where|so)\b/giu;
const PRONOUN_SUBJECT = /^(?:it|they|we|he|she|this|these|those|there|i|you)\b/i;

/** "Emergency calls are now being answered faster", "public confidence has been severely undermined". */
export function predicateAreas(ctx: Ctx, sentence: Sentence): Candidate[] {
  const out: Candidate[] = [];
  const s = ctx.text.slice(sentence.start, sentence.end);
  const boundaries = allMatches(s, BOUNDARY).map((m) => ({ start: m.index, end: m.index + m[0].length }));
  for (const aux of allMatches(s, AUX)) {
    const prev = boundaries.filter((b) => b.end <= aux.index).pop();
    const subject = trim(ctx, { start: sentence.start + (prev?.end ?? 0), end: sentence.start + aux.index });
    const auxEnd = aux.index + aux[0].length;
    const next = boundaries.find((b) => b.start >= auxEnd);
    const predicate = { start: sentence.start + auxEnd, end: sentence.start + (next?.start ?? s.length) };
    const subjectText = ctx.text.slice(subject.start, subject.end);
    if (subject.end <= subject.start || PRONOUN_SUBJECT.test(subjectText) || wordCount(ctx, subject) > 6 || wordCount(ctx, predicate) > 6) continue;
    const peel = areaOf(ctx, subject);
    const cue = polarityHits(ctx, predicate)[0];
    if (!peel || !cue) continue;
    const negated = /\bnot\b/i.test(aux.groups?.mods ?? '');
    if (negated && cue.polarity === 'concern') continue;
    const polarity: Polarity = negated ? 'concern' : cue.polarity;
    out.push({ ...trim(ctx, { start: subject.start, end: predicate.end }), peel, polarity });
  }
  return out;
}

/**
 * A polarity verb with an area as its direct object: "transforming culture",
 * "rebuilding public confidence", "has improved the way it answers emergency
 * calls". A past form counts as a verb only after "has/have/had" or a subject
 * such as "it" or "the force" (elsewhere it is an adjective or a passive).
 */
export function verbAreas(ctx: Ctx, sentence: Sentence): Candidate[] {
  const out: Candidate[] = [];
  const hits = polarityHits(ctx, sentence);
  /** The object of the verb of hit `hi`: up to the next coordinated polarity verb, in its clause. */
  const objectOf = (hi: number): Span => {
    const hit = hits[hi]!;
    const next = hits.slice(hi + 1).find((h) => COORDINATED.test(ctx.text.slice(hit.end, h.start)) && ctx.text.slice(hit.end, h.start).trim().length > 0);
    const object = ctx.text
      .slice(hit.end, next?.start ?? sentence.end)
      .match(/^[^,;:.!?–—]*/)![0]
      .replace(/\s+as well as\b[\s\S]*$/i, '')
      .replace(/\s+and\s*$/i, '');
    return { start: hit.end, end: hit.end + object.length };
  };
  let lastVerbEnd: number | undefined;
  for (const [hi, hit] of hits.entries()) {
    const word = hit.cue.trim();
    if (/\s/.test(word) && !PHRASAL.test(word)) continue;
    // Telling a verb may tag the sentence: only worth it if the hit can yield an area (its object
    // names one: the areas are pieces of it), or a later past form may be coordinated with it.
    let objectSpan: Span | undefined;
    const object = () => (objectSpan ??= objectOf(hi));
    const yields = polarityOf(ctx, sentence, hit) !== undefined && !NOT_AN_OBJECT.test(ctx.text.slice(hit.end, sentence.end)) && peelHits(ctx, object()).length > 0;
    if (!yields && !hits.slice(hi + 1).some((h) => PAST_FORM.test(h.cue.trim()))) continue;
    const before = ctx.text.slice(sentence.start, hit.start);
    // A past form coordinated with an earlier verb shares its subject ("failed to record X, ignored Y and neglected Z").
    const coordinated = lastVerbEnd !== undefined && COORDINATED.test(ctx.text.slice(lastVerbEnd, hit.start));
    const isVerb = /ing(?:\s+\p{L}+)?$/iu.test(word) || (PAST_FORM.test(word) && (PAST_VERB_BEFORE.test(before) || coordinated || hasNounSubject(ctx, sentence, hit))) || (/(?:s|single)(?:\s+out)?$/iu.test(word) && (hasNounSubject(ctx, sentence, hit) || /\bto\s+$/i.test(before)));
    if (!isVerb) continue;
    lastVerbEnd = hit.end;
    const polarity = polarityOf(ctx, sentence, hit);
    if (!polarity) continue;
    const rest = ctx.text.slice(hit.end, sentence.end);
    if (NOT_AN_OBJECT.test(rest)) continue;
    const pieces = splitAreas(ctx, object(), { stopAtClause: true });
    // "singled out X for criticism": the reason given turns the verb.
    const judged = SINGLED_FOR_CRITICISM.test(ctx.text.slice(object().start, object().end)) ? 'concern' : polarity;
    for (const [i, piece] of pieces.entries()) {
      const peel = areaOf(ctx, piece);
      // The verb names the first area with it ("transforming culture").
      const span = i === 0 ? { start: hit.start, end: piece.end } : piece;
      if (peel && wordCount(ctx, span) <= 12) out.push({ ...span, peel, polarity: judged });
    }
  }
  return out;
}

/**
 * A past form whose subject is the noun just before it ("the inspectorate
 * commended X", "inspectors criticised X", "he commends X"): compromise reads it
 * as a finite verb, not a participle or a noun, and no auxiliary makes it passive.
 */
function hasNounSubject(ctx: Ctx, sentence: Sentence, hit: PolarityHit): boolean {
  const terms = termsOf(ctx, sentence);
  const i = terms.findIndex((t) => t.start === hit.start);
  const verb = terms[i];
  const subject = terms[i - 1];
  if (!verb || !subject || !(verb.tags.has('PastTense') || verb.tags.has('PresentTense')) || verb.tags.has('Adjective') || verb.tags.has('Noun')) return false;
  return subject.tags.has('Noun') && !subject.tags.has('Possessive') && !/^(?:was|were|been|be|being|is|are)$/i.test(subject.text);
}

/** A past form ("commended", "built", "let down"): the only kind of verb whose test reads a coordinated verb before it. */
const PAST_FORM = /(?:ed|ilt|let)(?:\s+\p{L}+)?$/iu;

const SINGLED_FOR_CRITICISM = /\bfor\s+(?:particular\s+|special\s+)?(?:criticism|concern)\b/i;

/** A verb with its particle ("let down", "letting down"). */
const PHRASAL = /^\p{L}+\s+(?:down|up|out|off|back)$/iu;
const COORDINATED = /(?:,|\band)\s+$/iu;

const PAST_VERB_BEFORE = /(?:\b(?:has|have|had|it|force|police|service|constabulary|who|which)|n['’]t)(?:\s+\p{L}+ly)?\s+$/iu;
/** After the verb: a preposition or clause word, not an object (those are read as introduced lists). */
const NOT_AN_OBJECT = /^\s*(?:to|by|in|on|at|of|with|for|from|and|or|but|as|so|that|than|over|under|into|since|after|before|when|while|because|its\s+own)\b/i;


/** A cue that names its area by itself ("institutionally corrupt"): a polarity cue that is also a PEEL cue. */
export function selfNamedAreas(ctx: Ctx, sentence: Sentence): Candidate[] {
  const out: Candidate[] = [];
  for (const hit of polarityHits(ctx, sentence)) {
    const peel = peelHits(ctx, hit).find((p) => p.start === hit.start && p.end === hit.end);
    if (peel && hit.polarity === 'concern') out.push({ start: hit.start, end: hit.end, peel: peel.area, polarity: 'concern' });
  }
  return out;
}

/** Where a concern follows its area: "with the quality of investigations needing to be improved". */
const NEEDS_BEFORE = /^(?:need|needs|needing|needed|require|requires|requiring)\s+to\s+be\b/i;
const BEFORE_BOUNDARY = /[,;:(“”"]|\b(?:with|that|which|while|whilst|because|as|when|where|but)\b/giu;

export function needsAreas(ctx: Ctx, sentence: Sentence): Candidate[] {
  const out: Candidate[] = [];
  for (const hit of polarityHits(ctx, sentence)) {
    if (!NEEDS_BEFORE.test(hit.cue)) continue;
    const before = ctx.text.slice(sentence.start, hit.start);
    const bounds = allMatches(before, BEFORE_BOUNDARY);
    const last = bounds[bounds.length - 1];
    const subject = trim(ctx, { start: sentence.start + (last ? last.index + last[0].length : 0), end: hit.start });
    if (subject.end <= subject.start || wordCount(ctx, subject) > 8) continue;
    const peel = areaOf(ctx, subject);
    if (peel) out.push({ ...subject, peel, polarity: 'concern' });
  }
  return out;
}
