import { areaOf, peelHits, type Ctx, type Hit, type Span } from './cues.ts';
import { isModifier, termsOf } from './grammar.ts';
import { wordsOf } from '../../../util/text.ts';
import { allMatches } from '../../../util/regex.ts';

/** Span trimming and the splitting of one phrase into the areas it names. */

export const wordCount = (ctx: Ctx, s: Span) => wordsOf(ctx.text.slice(s.start, s.end)).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

const LEADING = /^(?:[\s,;:.“”"‘’'(–—•·-]+|(?:and|or|but|both|also|including|around|about|regarding|in|on|into|for)\s+)/iu;
const TRAILING = /(?:[\s,;:.!?“”"‘’'–—•·-]+|\s+(?:and|or|a|an|the|its|their))$/iu;

/** Without surrounding white space, punctuation and dangling conjunctions or prepositions. */
export function trim(ctx: Ctx, span: Span): Span {
  let { start, end } = span;
  for (let changed = true; changed && start < end; ) {
    changed = false;
    const lead = ctx.text.slice(start, end).match(LEADING);
    if (lead && lead[0].length < end - start) {
      start += lead[0].length;
      changed = true;
    }
    const trail = ctx.text.slice(start, end).match(TRAILING);
    if (trail && trail[0].length < end - start) {
      end -= trail[0].length;
      changed = true;
    }
  }
  return { start, end };
}

/** The "g" form of a separator pattern, made once per pattern (allMatches puts its lastIndex back, so it may be shared). */
function globalOf(re: RegExp): RegExp {
  let g = globalForms.get(re);
  if (!g) globalForms.set(re, (g = re.flags.includes('g') ? re : new RegExp(re.source, `${re.flags}g`)));
  return g;
}
const globalForms = new WeakMap<RegExp, RegExp>();

/** Matches of `re` in a span that do not start inside a protected range. */
export function separators(ctx: Ctx, span: Span, re: RegExp, protect: Span[]): Span[] {
  const out: Span[] = [];
  for (const m of allMatches(ctx.text.slice(span.start, span.end), globalOf(re))) {
    const s = { start: span.start + m.index, end: span.start + m.index + m[0].length };
    if (!protect.some((p) => s.start > p.start && s.start < p.end)) out.push(s);
  }
  return out;
}

export function cutAt(span: Span, seps: Span[]): Span[] {
  const out: Span[] = [];
  let from = span.start;
  for (const s of seps) {
    out.push({ start: from, end: s.start });
    from = s.end;
  }
  out.push({ start: from, end: span.end });
  return out;
}

/** Parenthesised asides: never split inside them. */
export function parentheses(ctx: Ctx, span: Span): Span[] {
  const out: Span[] = [];
  for (const m of allMatches(ctx.text.slice(span.start, span.end), /\([^()]*\)/g)) out.push({ start: span.start + m.index, end: span.start + m.index + m[0].length });
  return out;
}

// ------------------------------------------------------------------ splitting an area phrase

/** Where an area's own wording ends and its purpose or means begins ("... to make sure resources are aligned"). */
const ELABORATION =
  /\s+(?:with the aim of|in order to|so as to|so that|aimed at|to make sure|to ensure|to make|to help|to reduce|to support|to enable|to allow|through)(?![\p{L}])|,\s+(?:helping|which|meaning|leading to|resulting in|so that|with)(?![\p{L}])/iu;
const ELABORATIONS = new RegExp(ELABORATION.source, 'giu');
/** Nouns whose "to" opens their own content, not a purpose ("its ability to reduce crime"). */
const TO_COMPLEMENT = /(?:^|\s)(?:ability|abilities|capacity|capability|failure|failures|inability|need|efforts?|attempts?|willingness|duty|duties|commitment|approach|plans?|work)$/iu;

/** Where the first elaboration starts, skipping a "to" that completes a noun. */
function elaborationAt(text: string): number | undefined {
  for (const m of allMatches(text, ELABORATIONS)) if (!(/^\s+to\b/i.test(m[0]) && TO_COMPLEMENT.test(text.slice(0, m.index)))) return m.index;
  return undefined;
}

/** Separators between areas that are never part of one ("X, including Y", "X, as well as Y", "X; Y", "X, by doing Y"). */
const STRONG = /\s*;\s*|,?\s+including(?:\s+around)?\s+|,?\s+as well as\s+|,\s+by\s+(?=\p{L}+ing\b)/iu;
const COMMA = /\s*,\s*(?:and\s+|or\s+)?/u;
const AND = /\s+and\s+/iu;
const WH = /^(?:how|what|whether|why|where)$/i;
const PARALLEL_PREPOSITION = /^(?:for|in|about|around|over|with|at|on|into|regarding)$/i;
export const DETERMINER = /^(?:a|an|the|its|their|his|her|our|this|that|these|those|some|any|all|each|every|no)$/i;
export const GERUND = /^\p{L}{2,}ing$/u;
export const NOT_GERUND = new Set(['during', 'thing', 'nothing', 'something', 'anything', 'everything', 'morning', 'evening', 'king', 'ring', 'spring', 'string', 'sibling']);
/** A piece that is a new clause rather than another item of a list ("..., it's reassuring that ..."). */
const CLAUSE_START = /^(?:it|it['’]s|they|we|he|she|this|these|those|that|which|who|while|whilst|but|although|though|so|because|when|where|as|there)\b/i;
export const FINITE = /\b(?:is|are|was|were|has|have|had|will|would|can|could|should|must|does|did)\b/i;

export interface SplitOptions {
  /** Running text: stop the list at the first piece that is a clause of its own. */
  stopAtClause?: boolean;
  /** A stated number of areas ("two causes of concern"): keep that many pieces when the strong separators give exactly it. */
  count?: number;
}

/**
 * One phrase to its areas. Strong separators always split; commas split a
 * list, a piece with no PEEL cue joining the next one ("how it manages,
 * supervises and carries out effective investigations"); "and" splits only
 * where each side is an area of its own (see splitAnd).
 */
export function splitAreas(ctx: Ctx, whole: Span, options: SplitOptions = {}): Span[] {
  let span = trim(ctx, whole);
  const cut = elaborationAt(ctx.text.slice(span.start, span.end));
  if (cut !== undefined && cut > 0) span = trim(ctx, { start: span.start, end: span.start + cut });
  if (span.end <= span.start) return [];
  const protect = [...parentheses(ctx, span), ...peelHits(ctx, span)];
  const strong = cutAt(span, separators(ctx, span, STRONG, protect)).map((s) => trim(ctx, s)).filter((s) => s.end > s.start);

  let groups = strong.map((s) => cutAt(s, separators(ctx, s, COMMA, protect)).map((p) => trim(ctx, p)).filter((p) => p.end > p.start));
  if (options.count !== undefined && strong.length === options.count) groups = strong.map((s) => [s]);

  if (options.stopAtClause) {
    const kept: Span[][] = [];
    let stop = false;
    groups.forEach((pieces, gi) => {
      if (stop) return;
      const g: Span[] = [];
      for (const [pi, p] of pieces.entries()) {
        const words = ctx.text.slice(p.start, p.end);
        if ((gi > 0 || pi > 0) && (CLAUSE_START.test(words) || FINITE.test(words))) {
          stop = true;
          break;
        }
        g.push(p);
      }
      if (g.length) kept.push(g);
    });
    groups = kept;
  }

  const out: Span[] = [];
  for (const pieces of groups) {
    // A cue-less piece before a comma shares the next piece's head.
    const merged: Span[] = [];
    let pending: number | undefined;
    for (const [i, p] of pieces.entries()) {
      const start = pending ?? p.start;
      if (i < pieces.length - 1 && !areaOf(ctx, p)) {
        pending = start;
        continue;
      }
      pending = undefined;
      merged.push({ start, end: p.end });
    }
    // "A, B and C": the last piece's "and" closes the list, unless the list already closed with ", and C".
    const closed = (p: Span, i: number) => i > 0 && /\band\s*$/i.test(ctx.text.slice(merged[i - 1]!.end, p.start));
    for (const [i, p] of merged.entries()) out.push(...splitAnd(ctx, p, protect, merged.length > 1 && i === merged.length - 1 && !closed(p, i)));
  }
  return out.map((s) => trim(ctx, s)).filter((s) => s.end > s.start);
}

/**
 * "X and Y" is two areas when Y starts a new verb phrase or question ("...
 * more quickly and how it identifies vulnerability") after an X that has its
 * own object, when X ends and Y begins with a PEEL term ("professional
 * standards and property management"), when both sides are phrases of three
 * words or more pointing to different PEEL areas, or, closing a comma list
 * ("..., culture and counter-corruption"), when both sides hold a cue.
 */
function splitAnd(ctx: Ctx, piece: Span, protect: Span[], lastOfList: boolean): Span[] {
  const out: Span[] = [];
  let start = piece.start;
  for (const and of separators(ctx, piece, AND, protect)) {
    const left = { start, end: and.start };
    const right = { start: and.end, end: piece.end };
    if (splitsHere(ctx, left, right, lastOfList)) {
      out.push(left);
      start = and.end;
    }
  }
  out.push({ start, end: piece.end });
  return out;
}

function splitsHere(ctx: Ctx, left: Span, right: Span, lastOfList: boolean): boolean {
  const leftWords = ctx.text.slice(left.start, left.end).trim().split(/\s+/);
  const rightWords = ctx.text.slice(right.start, right.end).trim().split(/\s+/);
  const first = (rightWords[0] ?? '').toLowerCase();
  const last = (leftWords[leftWords.length - 1] ?? '').toLowerCase();
  const isGerund = (w: string) => GERUND.test(w) && !NOT_GERUND.has(w);
  if ((WH.test(first) || isGerund(first)) && leftWords.length >= 2 && !isGerund(last)) return true;
  // Numbers or adjectives coordinated under one head noun stay together ("101 and 999 calls").
  // That takes tagging, so it is asked last, of a split the words alone would make; and only
  // when no determiner opens the right side: with one, they never do.
  const sharedHead = () => {
    if (DETERMINER.test(first)) return false;
    const terms = termsOf(ctx, { start: left.start, end: right.end });
    const lastLeft = terms.filter((t) => t.end <= left.end).pop();
    const firstRight = terms.find((t) => t.start >= right.start);
    return isModifier(lastLeft) && (isModifier(firstRight) || firstRight?.tags.has('Noun') === true);
  };
  return splitsByWords(ctx, left, right, lastOfList, { rightWords, first, isGerund }) && !sharedHead();
}

/** The tests of splitsHere that read words and cues only. */
function splitsByWords(
  ctx: Ctx,
  left: Span,
  right: Span,
  lastOfList: boolean,
  { rightWords, first, isGerund }: { rightWords: string[]; first: string; isGerund: (w: string) => boolean },
): boolean {
  const leftHits = peelHits(ctx, left);
  const rightHits = peelHits(ctx, right);
    const lastHit = leftHits[leftHits.length - 1];
  const firstHit = rightHits[0];
  // Compound terms only: in "responding to the public and vulnerable people" the "and" joins objects of "to".
  const term = (h: Hit) => h.cue.trim().split(/\s+/).length >= 2 && !/\b(?:to|of|for|with|in|on|the|a|an)\b/i.test(h.cue);
  if (
    lastHit &&
    firstHit &&
    term(lastHit) &&
    term(firstHit) &&
    lastHit.area !== firstHit.area &&
    !/\S/.test(ctx.text.slice(lastHit.end, left.end)) &&
    !/\S/.test(ctx.text.slice(right.start, firstHit.start))
  )
    return true;

  const leftArea = areaOf(ctx, left);
  const rightArea = areaOf(ctx, right);
  if (leftArea && rightArea && leftArea !== rightArea && wordCount(ctx, left) >= 3 && wordCount(ctx, right) >= 3) return true;
  // A preposition after "and" opens a parallel phrase ("inadequate for investigating crime and for protecting vulnerable people",
  // "concerns about X and about Y"): the head before it is shared, not joined.
  if (leftArea && rightArea && PARALLEL_PREPOSITION.test(first) && rightWords.length >= 2) return true;
  // A possessive starts a noun phrase of its own ("the way it treats the public and its workforce").
  if (leftArea && rightArea && leftArea !== rightArea && /^(?:its|their)$/.test(first)) return true;
  // "missing children and crimes involving exploited children": the right side is a noun phrase with its own participle.
  const participle = (rightWords[1] ?? '').toLowerCase();
  if (leftArea && rightArea && wordCount(ctx, left) >= 3 && wordCount(ctx, right) >= 3 && !DETERMINER.test(first) && isGerund(participle) && !/^(?:being|having)$/.test(participle)) return true;
  return lastOfList && leftArea !== undefined && rightArea !== undefined;
}

