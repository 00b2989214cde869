import type { PeelAreaName, Polarity } from '../../../knowledge/index.ts';
import type { ExtractionInput } from '../../context.ts';
import type { AreaCues, CueEntry } from '../../area-cues.ts';
import { keepNonOverlapping, type Span } from '../../../util/spans.ts';
import { isAscii } from '../../../util/text.ts';
import { termsOf, type Term } from './grammar.ts';
import { allMatches } from '../../../util/regex.ts';

/** Cue matching: every PEEL and polarity cue found once per document, then looked up by span. */

export type { Polarity, Span };

export interface Candidate extends Span {
  peel: PeelAreaName;
  polarity: Polarity;
}

export interface Hit extends Span {
  cue: string;
}

export interface PeelHit extends Hit {
  area: PeelAreaName;
  /** The cue's words also end a cue of another area, as its head ("vulnerable people" in "identifying vulnerable people"): it says less about which area. */
  shared: boolean;
}

export interface PolarityHit extends Hit {
  polarity: Polarity;
}

export interface Ctx {
  input: ExtractionInput;
  text: string;
  /** Every cue match in the document, by start: spans pick theirs from these. */
  peel: PeelHit[];
  polarity: PolarityHit[];
  /** Words about the assessment or the monitoring process (peel.yaml `process`). */
  process: Hit[];
}

export function contextFor(input: ExtractionInput): Ctx {
  const text = input.document.text;
  const words = wordRuns(text);
  const index = combinedIndex(input.lexicon.areaCues);
  const peel: PeelHit[] = [];
  const polarity: PolarityHit[] = [];
  const process: Hit[] = [];
  // One lookup per word for the three kinds of cue; hits come out in the order of the words.
  for (let k = 0; k < words.length; k++) {
    const kinds = index.get(words[k]!.lower);
    if (!kinds) continue;
    if (kinds.peel) for (const [t, s] of matchesAt(text, words, k, kinds.peel)) peel.push({ ...s, cue: t.cue, area: t.area, shared: t.shared });
    if (kinds.polarity) for (const [t, s] of matchesAt(text, words, k, kinds.polarity)) polarity.push({ ...s, cue: t.cue, polarity: t.polarity });
    if (kinds.process) for (const [t, s] of matchesAt(text, words, k, kinds.process)) process.push({ ...s, cue: t.cue });
  }
  return { input, text, peel, polarity, process };
}

interface Word {
  start: number;
  lower: string;
}

/** The words of the text (letters and digits), lower case: read once for all three kinds of cue. */
function wordRuns(text: string): Word[] {
  return allMatches(text, /[\p{L}\p{N}]+/gu).map((w) => ({ start: w.index, lower: w[0].toLowerCase() }));
}

type Kinds = { [K in keyof AreaCues]?: AreaCues[K] extends Map<string, infer E> ? E : never };

/** The three cue indexes as one, by first word. */
function combinedIndex(cues: AreaCues): Map<string, Kinds> {
  let index = combined.get(cues);
  if (!index) {
    index = new Map();
    for (const kind of ['peel', 'polarity', 'process'] as const) {
      for (const [word, entries] of cues[kind]) {
        const kinds = index.get(word) ?? {};
        (kinds as Record<string, unknown>)[kind] = entries;
        index.set(word, kinds);
      }
    }
    combined.set(cues, index);
  }
  return index;
}
const combined = new WeakMap<AreaCues, Map<string, Kinds>>();

/** The cues of `entries` (all starting with word k) that match at word k, with their spans. */
function matchesAt<T extends CueEntry>(text: string, words: readonly Word[], k: number, entries: readonly T[]): Array<[T, Span]> {
  const out: Array<[T, Span]> = [];
  const word = words[k]!;
  const start = word.start;
  for (const entry of entries) {
    // A one-word cue found by the word itself: the word runs to the next non-letter, so the regex would match it whole.
    if (entry.oneWord && isAscii(word.lower)) {
      out.push([entry, { start, end: start + word.lower.length }]);
      continue;
    }
    // Most tries fail at the second word: a cue's second word starts the next word, or the one after an adverb.
    if (entry.second !== undefined && !startsNext(words, k, entry.second)) continue;
    entry.regex.lastIndex = start;
    const m = entry.regex.exec(text);
    if (m) out.push([entry, { start, end: start + m[0].length }]);
  }
  return out;
}

/** Whether word k+1 or k+2 starts with `second` (ASCII words only: elsewhere the regex decides). */
function startsNext(words: readonly Word[], k: number, second: string): boolean {
  for (const w of [words[k + 1], words[k + 2]]) {
    if (w === undefined) continue;
    if (!isAscii(w.lower) || w.lower.startsWith(second)) return true;
  }
  return false;
}

/** Cue matches inside a span, longest cue first, never overlapping. */
function hitsIn<H extends Hit>(span: Span, all: H[]): H[] {
  let lo = 0;
  for (let hi = all.length; lo < hi; ) {
    const mid = (lo + hi) >> 1;
    if (all[mid]!.start < span.start) lo = mid + 1;
    else hi = mid;
  }
  const inside: H[] = [];
  for (let i = lo; i < all.length && all[i]!.start < span.end; i++) if (all[i]!.end <= span.end) inside.push(all[i]!);
  return keepNonOverlapping(inside, (a, b) => b.cue.length - a.cue.length || a.start - b.start);
}

export const peelHits = (ctx: Ctx, span: Span): PeelHit[] => hitsIn(span, ctx.peel);
export const polarityHits = (ctx: Ctx, span: Span): PolarityHit[] => hitsIn(span, ctx.polarity);

/** The span speaks of the assessment or the monitoring process, or of the PEEL pillars in general, not of an area. */
export const isProcess = (ctx: Ctx, span: Span): boolean => hitsIn(span, ctx.process).length > 0;

/** A prepositional phrase right after a cue modifies it ("crimes are recorded [of antisocial behaviour]"); "to" mostly opens the content itself ("ability to reduce crime"). */
const MODIFIER_AFTER_CUE = /^\s+(?:of|at|in|for|with|from|on|about|around|across|within|among|against|involving)\s+(?:(?:the|a|an|its|their|all)\s+)?(?:[\p{L}\p{N}'’-]+\s+){0,2}$/iu;

/**
 * How strongly a cue points to its area within a span: longer cues are more
 * specific, a cue that also heads another area's cue counts half, and a cue
 * in a prepositional phrase right after another cue counts less than that
 * head.
 */
function weight(ctx: Ctx, hits: PeelHit[], hit: PeelHit): number {
  const modifier = hits.some((h) => h.end <= hit.start && MODIFIER_AFTER_CUE.test(ctx.text.slice(h.end, hit.start)));
  return hit.cue.length * (hit.shared ? 0.5 : 1) * (modifier ? 0.8 : 1);
}

/** The span's only PEEL cues are words too broad to name a topic alone (peel.yaml `broad`), or one-word noun cues used as a bare verb ("to trust the information"). */
export function namesNoTopic(ctx: Ctx, span: Span): boolean {
  const broad = new Set(ctx.input.lexicon.knowledge.peel.broad.map((b) => b.toLowerCase()));
  const nounOnly = new Set(ctx.input.lexicon.knowledge.peel.nounOnly.map((b) => b.toLowerCase()));
  const hits = peelHits(ctx, span);
  if (!hits.length) return false;
  const sentence = ctx.input.sentences.find((s) => s.start <= span.start && span.start < s.end) ?? span;
  // The sentence is tagged only for a cue that may be a bare verb.
  let terms: Term[] | undefined;
  const bareVerb = (h: PeelHit) => {
    if (/\s/.test(h.cue.trim()) || !nounOnly.has(h.cue.toLowerCase())) return false;
    terms ??= termsOf(ctx, sentence);
    const t = terms.find((x) => x.start === h.start);
    return t !== undefined && t.tags.has('Verb') && !t.tags.has('Noun');
  };
  return hits.every((h) => broad.has(h.cue.toLowerCase()) || bareVerb(h));
}

/** The PEEL area a span names: that of its weightiest cue, the first on a tie. */
export function areaOf(ctx: Ctx, span: Span): PeelAreaName | undefined {
  const hits = peelHits(ctx, span);
  let best: { hit: PeelHit; weight: number } | undefined;
  for (const h of hits) {
    const w = weight(ctx, hits, h);
    if (!best || w > best.weight) best = { hit: h, weight: w };
  }
  return best?.hit.area;
}

