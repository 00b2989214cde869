import type { PeelAreaName } from '../../knowledge/index.ts';
import type { Mention } from '../../model/mention.ts';
import type { Sentence } from '../../nlp/sentences.ts';
import type { ExtractionInput, Extractor } from '../context.ts';
import type { Lexicon } from '../lexicon.ts';
import { matchStagePatterns, primaryForce } from './stage-events.ts';

/**
 * Areas of concern or improvement, from three shapes of text:
 *
 * 1. Lists. A sentence ending in ":" (or a heading such as "Reasons") followed
 *    by bullet lines or by paragraphs ending in ";". The intro sets the
 *    polarity of every item: its last polarity cue ("made improvements,
 *    including:"), else its stage change ("moved into Engage because:" is a
 *    reason for moving in, so a concern). Items written as clauses ("...;")
 *    may coordinate several areas and are split; items written as full
 *    sentences state one area in their first sentence, the rest elaborates.
 * 2. A polarity cue introducing areas in running text: "concerns around X",
 *    "failure of X", "improvements ... in areas including X, Y and Z",
 *    "progress ..., focusing on X, Y".
 * 3. Clauses whose subject is an area and whose predicate a polarity cue
 *    ("vetting is being strengthened"), and a polarity verb with an area as
 *    its object ("transforming culture", "has improved the way it answers
 *    emergency calls").
 *
 * A cue's polarity turns after a negation ("has not made sufficient
 * progress") or an obligation ("must make improvements"); an improvement
 * that is only an aim ("to support improvements in ...") states nothing.
 *
 * The PEEL area is the longest PEEL cue (peel.yaml) in the area's text; an
 * area without any cue is emitted as Other only inside an explicit list of
 * areas, never from running text alone, so that process descriptions and
 * unrelated remarks yield nothing.
 */
export const areaExtractor: Extractor = {
  name: 'areas',
  extract(input, found) {
    const ctx = contextFor(input);
    const force = primaryForce(found) ?? null;
    const candidates: Candidate[] = [];
    const lists = findLists(ctx);
    for (const list of lists) candidates.push(...areasOfList(ctx, list));
    for (const sentence of input.sentences) {
      // List items were read as lists; their later sentences only elaborate.
      if (lists.some((l) => sentence.start < l.range.end && l.range.start < sentence.end)) continue;
      candidates.push(...verbAreas(ctx, sentence), ...introducedAreas(ctx, sentence), ...predicateAreas(ctx, sentence));
    }
    const kept: Candidate[] = [];
    for (const c of candidates) {
      if (c.end <= c.start || kept.some((k) => c.start < k.end && k.start < c.end)) continue;
      kept.push(c);
    }
    return kept.map(
      (c): Mention => ({
        kind: 'area',
        force,
        text: input.document.text.slice(c.start, c.end),
        peel: c.peel,
        polarity: c.polarity,
        start: c.start,
        end: c.end,
        extractor: 'areas',
      }),
    );
  },
};

type Polarity = 'concern' | 'improved';

interface Span {
  start: number;
  end: number;
}

interface Candidate extends Span {
  peel: PeelAreaName;
  polarity: Polarity;
}

interface Hit extends Span {
  cue: string;
}

interface PeelHit extends Hit {
  area: PeelAreaName;
}

interface PolarityHit extends Hit {
  polarity: Polarity;
}

interface CueEntry {
  cue: string;
  /** Sticky: tried only where a word equal to the cue's first word starts. */
  regex: RegExp;
  first: string;
}

interface Cues {
  peel: Map<string, Array<CueEntry & { area: PeelAreaName }>>;
  polarity: Map<string, Array<CueEntry & { polarity: Polarity }>>;
}

interface Ctx {
  input: ExtractionInput;
  text: string;
  /** Every cue match in the document, by start: spans pick theirs from these. */
  peel: PeelHit[];
  polarity: PolarityHit[];
}

// ------------------------------------------------------------------ cues

const compiled = new WeakMap<Lexicon, Cues>();

function contextFor(input: ExtractionInput): Ctx {
  let cues = compiled.get(input.lexicon);
  if (!cues) {
    const peel = input.lexicon.knowledge.peel;
    cues = {
      peel: byFirstWord(peel.areas.flatMap((a) => a.cues.map((cue) => ({ ...cueEntry(cue), area: a.name })))),
      polarity: byFirstWord((['concern', 'improved'] as const).flatMap((polarity) => peel.polarity[polarity].map((cue) => ({ ...cueEntry(cue), polarity })))),
    };
    compiled.set(input.lexicon, cues);
  }
  const text = input.document.text;
  return {
    input,
    text,
    peel: allMatches(text, cues.peel, (t, s) => ({ ...s, cue: t.cue, area: t.area })),
    polarity: allMatches(text, cues.polarity, (t, s) => ({ ...s, cue: t.cue, polarity: t.polarity })),
  };
}

/** All cue matches, by start. Each word of the text is looked up by its first word, so hundreds of cues cost one pass. */
function allMatches<T extends CueEntry, H extends Hit>(text: string, index: Map<string, T[]>, make: (t: T, s: Span) => H): H[] {
  const out: H[] = [];
  for (const w of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    for (const entry of index.get(w[0].toLowerCase()) ?? []) {
      entry.regex.lastIndex = w.index;
      const m = entry.regex.exec(text);
      if (m) out.push(make(entry, { start: w.index, end: w.index + m[0].length }));
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function byFirstWord<T extends CueEntry>(entries: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const e of entries) map.set(e.first, [...(map.get(e.first) ?? []), e]);
  return map;
}


const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Within a line: spaces or hyphens ("anti-social" = "anti social"), never a line break. */
const SEP = '[ \\t\\u00a0\\-\\u2010-\\u2015]+';

/**
 * A cue as a regex: hyphens and spaces fold (as peel.yaml promises), either
 * apostrophe, and one "-ly" adverb may sit between two words ("responding
 * appropriately to the public" is "responding to the public").
 */
function cueEntry(cue: string): CueEntry {
  const raw = cue.trim().split(/[\s\-\u2010-\u2015]+/);
  const words = raw.map((w) => escape(w).replace(/'/g, "['’]"));
  const regex = new RegExp(`${words.join(`(?:${SEP}\\p{L}+ly)?${SEP}`)}(?![\\p{L}\\p{N}])`, 'iuy');
  return { cue, regex, first: (raw[0] ?? '').toLowerCase().match(/^[\p{L}\p{N}]*/u)![0] };
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
  inside.sort((a, b) => b.cue.length - a.cue.length || a.start - b.start);
  const hits: H[] = [];
  for (const h of inside) if (!hits.some((k) => h.start < k.end && k.start < h.end)) hits.push(h);
  return hits.sort((a, b) => a.start - b.start);
}

const peelHits = (ctx: Ctx, span: Span): PeelHit[] => hitsIn(span, ctx.peel);
const polarityHits = (ctx: Ctx, span: Span): PolarityHit[] => hitsIn(span, ctx.polarity);

/** The PEEL area a span names: that of its longest cue, the first on a tie. */
function areaOf(ctx: Ctx, span: Span): PeelAreaName | undefined {
  const hits = peelHits(ctx, span);
  let best: PeelHit | undefined;
  for (const h of hits) if (!best || h.cue.length > best.cue.length) best = h;
  return best?.area;
}

// ------------------------------------------------------------------ spans

const wordCount = (ctx: Ctx, s: Span) => ctx.text.slice(s.start, s.end).split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

const LEADING = /^(?:[\s,;:.“”"‘’'(–—•·-]+|(?:and|or|but|both|also|including|around|about|regarding|in|on|into)\s+)/iu;
const TRAILING = /(?:[\s,;:.!?“”"‘’'–—•·-]+|\s+(?:and|or|a|an|the|its|their))$/iu;

/** Without surrounding white space, punctuation and dangling conjunctions or prepositions. */
function trim(ctx: Ctx, span: Span): Span {
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

/** Matches of `re` in a span that do not start inside a protected range. */
function separators(ctx: Ctx, span: Span, re: RegExp, protect: Span[]): Span[] {
  const out: Span[] = [];
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  for (const m of ctx.text.slice(span.start, span.end).matchAll(g)) {
    const s = { start: span.start + m.index, end: span.start + m.index + m[0].length };
    if (!protect.some((p) => s.start > p.start && s.start < p.end)) out.push(s);
  }
  return out;
}

function cutAt(span: Span, seps: Span[]): Span[] {
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
function parentheses(ctx: Ctx, span: Span): Span[] {
  const out: Span[] = [];
  for (const m of ctx.text.slice(span.start, span.end).matchAll(/\([^()]*\)/g)) out.push({ start: span.start + m.index, end: span.start + m.index + m[0].length });
  return out;
}

// ------------------------------------------------------------------ splitting an area phrase

/** Where an area's own wording ends and its purpose or means begins ("... to make sure resources are aligned"). */
const ELABORATION =
  /\s+(?:with the aim of|in order to|so as to|so that|aimed at|to make sure|to ensure|to make|to help|to reduce|to support|to enable|to allow|through)(?![\p{L}])|,\s+(?:helping|which|meaning|leading to|resulting in|so that|with)(?![\p{L}])/iu;
/** Separators between areas that are never part of one ("X, including Y", "X, as well as Y", "X; Y", "X, by doing Y"). */
const STRONG = /\s*;\s*|,?\s+including(?:\s+around)?\s+|,?\s+as well as\s+|,\s+by\s+(?=\p{L}+ing\b)/iu;
const COMMA = /\s*,\s*(?:and\s+|or\s+)?/u;
const AND = /\s+and\s+/iu;
const WH = /^(?:how|what|whether|why|where)$/i;
const DETERMINER = /^(?:a|an|the|its|their|his|her|our|this|that|these|those|some|any|all|each|every|no)$/i;
const GERUND = /^\p{L}{2,}ing$/u;
const NOT_GERUND = new Set(['during', 'thing', 'nothing', 'something', 'anything', 'everything', 'morning', 'evening', 'king', 'ring', 'spring', 'string', 'sibling']);
/** A piece that is a new clause rather than another item of a list ("..., it's reassuring that ..."). */
const CLAUSE_START = /^(?:it|it['’]s|they|we|he|she|this|these|those|that|which|who|while|whilst|but|although|though|so|because|when|where|as|there)\b/i;
const FINITE = /\b(?:is|are|was|were|has|have|had|will|would|can|could|should|must|does|did)\b/i;

interface SplitOptions {
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
function splitAreas(ctx: Ctx, whole: Span, options: SplitOptions = {}): Span[] {
  let span = trim(ctx, whole);
  const cut = ctx.text.slice(span.start, span.end).match(ELABORATION);
  if (cut?.index !== undefined && cut.index > 0) span = trim(ctx, { start: span.start, end: span.start + cut.index });
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
  // "missing children and crimes involving exploited children": the right side is a noun phrase with its own participle.
  const participle = (rightWords[1] ?? '').toLowerCase();
  if (leftArea && rightArea && wordCount(ctx, left) >= 3 && wordCount(ctx, right) >= 3 && !DETERMINER.test(first) && isGerund(participle) && !/^(?:being|having)$/.test(participle)) return true;
  return lastOfList && leftArea !== undefined && rightArea !== undefined;
}

// ------------------------------------------------------------------ lists

interface AreaList {
  polarity: Polarity;
  /** The polarity came from a cue word (not only from a stage change): the intro speaks of areas. */
  fromCue: boolean;
  items: Span[];
  style: 'clause' | 'sentence';
  range: Span;
}

const BULLET = /^(?:[•·▪◦‣∙*]|[-–—](?=\s))\s*/u;
const CLAUSE_END = /(?:[;,]\s*(?:and|or)?|\s(?:and|or))$/iu;
const QUOTE_START = /^["“‘']/u;
const ANAPHORIC = /^(?:this|these|they|those|it|such|the reasons?)\b/i;

const isHeading = (text: string) => text.split(/\s+/).length <= 5 && !/[.:;!?,"”]$/.test(text) && !BULLET.test(text);

function findLists(ctx: Ctx): AreaList[] {
  const paragraphs = ctx.input.paragraphs;
  const lists: AreaList[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    let items: Span[] = [];
    let intro: Span[] | undefined;
    if (BULLET.test(p.text) && (i === 0 || !BULLET.test(paragraphs[i - 1]!.text))) {
      let j = i;
      while (j < paragraphs.length && BULLET.test(paragraphs[j]!.text)) j++;
      items = paragraphs.slice(i, j).map((b) => ({ start: b.start + b.text.match(BULLET)![0].length, end: b.end }));
      intro = introOf(ctx, i - 1);
    } else if (p.text.endsWith(':') && i + 1 < paragraphs.length && !BULLET.test(paragraphs[i + 1]!.text) && !QUOTE_START.test(paragraphs[i + 1]!.text)) {
      // Items as plain paragraphs: clauses ending in ";" (or "; and"), then the last one.
      let j = i + 1;
      while (j < paragraphs.length && CLAUSE_END.test(paragraphs[j]!.text)) j++;
      if (j === i + 1) continue;
      if (j < paragraphs.length && !isHeading(paragraphs[j]!.text)) j++;
      items = paragraphs.slice(i + 1, j).map((q) => ({ start: q.start, end: q.end }));
      intro = introOf(ctx, i);
    }
    if (!items.length || !intro) continue;
    const polarity = introPolarity(ctx, intro);
    if (!polarity) continue;
    const texts = items.map((s) => ctx.text.slice(s.start, s.end).trim());
    const style = texts.every((t) => /[.!?]["”’']?$/.test(t)) ? 'sentence' : 'clause';
    lists.push({ ...polarity, items, style, range: { start: items[0]!.start, end: items[items.length - 1]!.end } });
  }
  return lists;
}

/** What introduces the list after paragraph `at`: its last sentence (if it ends in ":"), or the headings above the list. */
function introOf(ctx: Ctx, at: number): Span[] | undefined {
  const paragraphs = ctx.input.paragraphs;
  const p = paragraphs[at];
  if (!p) return undefined;
  if (p.text.endsWith(':')) {
    const inP = ctx.input.sentences.filter((s) => s.start < p.end && p.start < s.end);
    const last = inP[inP.length - 1];
    if (!last) return [{ start: p.start, end: p.end }];
    const spans: Span[] = [{ start: last.start, end: last.end }];
    // "These include:" refers back to the sentence before.
    const short = ctx.text.slice(last.start, last.end).trim();
    if (ANAPHORIC.test(short) || short.split(/\s+/).length <= 3) {
      const before = ctx.input.sentences[last.index - 1];
      if (before) spans.unshift({ start: before.start, end: before.end });
    }
    return spans;
  }
  if (!isHeading(p.text)) return undefined;
  // "Entered Engage / 2019 / Reasons": the headings above the list, nearest last.
  const spans: Span[] = [];
  for (let k = at; k >= 0 && k > at - 4 && isHeading(paragraphs[k]!.text); k--) spans.unshift({ start: paragraphs[k]!.start, end: paragraphs[k]!.end });
  return spans;
}

/** The intro's last polarity cue, else its last stage change (moving in is for concerns, moving out for improvements). */
function introPolarity(ctx: Ctx, intro: Span[]): { polarity: Polarity; fromCue: boolean } | undefined {
  const cues = intro.flatMap((s) => polarityHits(ctx, s).map((h) => polarityOf(ctx, s, h)));
  const lastCue = cues.filter((c) => c !== undefined).pop();
  if (lastCue) return { polarity: lastCue, fromCue: true };
  const changes = ctx.input.sentences
    .filter((s) => intro.some((i) => s.start < i.end && i.start < s.end))
    .flatMap((s) => matchStagePatterns(ctx.input, s));
  const lastChange = changes[changes.length - 1];
  if (!lastChange) return undefined;
  return { polarity: lastChange.change === 'entered' ? 'concern' : 'improved', fromCue: false };
}

function areasOfList(ctx: Ctx, list: AreaList): Candidate[] {
  const out: Candidate[] = [];
  for (const item of list.items) {
    const sentences = ctx.input.sentences.filter((s) => s.start < item.end && item.start < s.end).map((s) => ({ start: Math.max(s.start, item.start), end: Math.min(s.end, item.end) }));
    // A full-sentence item states its area first; a clause item may hold several.
    const pieces = list.style === 'sentence' ? sentences.slice(0, 1).map((s) => trim(ctx, s)) : sentences.flatMap((s) => splitAreas(ctx, s));
    for (const piece of pieces) {
      const peel = areaOf(ctx, piece) ?? (list.fromCue ? 'Other' : undefined);
      if (peel) out.push({ ...piece, peel, polarity: list.polarity });
    }
  }
  return out;
}

// ------------------------------------------------------------------ running text

/** A list of areas after the cue: "in areas including", "in the areas of", "including", "focusing on", "regarding", "into". */
const AREAS_INTRO = /\b(?:in|across)\s+(?:the\s+)?(?:[\p{L}\p{N}-]+\s+){0,3}?areas?\b(?:\s*,?\s*(?<incl>including|such as|like)|\s+(?:of|around))/iu;
const INCLUDING = /(?:,\s*)?\b(?<incl>including|such as|focusing on|focussing on|focused on|in particular|particularly|notably|especially)\b/iu;
const TOPIC = /\b(?:regarding|concerning|about|around|into|over)\b/iu;
/** Right after the cue: "concerns around X", "failure of X", "progress against X", "needs to improve how X". */
const ADJACENT = /^,?\s+(?:(?:in|at|of|with|to|against|on|around|about|over|regarding|into|for|concerning)\b|(?=how\b))/iu;
/** "Among the alarming issues were X": a copula after the cue's noun, not a passive ("were raised"). */
const COPULA = /^\s+(?:\p{L}+\s+)?(?:were|are|include|included|includes)\s+(?!\p{L}+ed\b)/iu;
const ENDS_IN_PREPOSITION = /\s(?:of|in|to|with|about|around|on|for|over)$/i;
const NUMBER = /\b(two|three|four|five|six|seven|eight|nine|ten|\d+)\b/i;
const NUMBERS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const WINDOW_WORDS = 8;
const NEW_PHRASE = /(?:\band|\bor|,|;)\s+(?:(?:a|an|the|its|their)\s+)?$/iu;
const SUBORDINATE = /,?\s+(?:and\s+)?(?:that|which|who|whose|while|whilst|because|although|though|whereas|when)\s/iu;

/** Areas a polarity cue introduces in running text. */
function introducedAreas(ctx: Ctx, sentence: Sentence): Candidate[] {
  const out: Candidate[] = [];
  const hits = polarityHits(ctx, sentence);
  for (const [hi, hit] of hits.entries()) {
    const polarity = polarityOf(ctx, sentence, hit);
    if (!polarity) continue;
    // The list runs to the end of the clause, or to a next cue that starts a phrase of its own ("failings in X and a failure to Y").
    const next = hits.slice(hi + 1).find((h) => NEW_PHRASE.test(ctx.text.slice(hit.end, h.start)));
    const clause = ctx.text.slice(hit.end, next?.start ?? sentence.end).match(/^[^;:!?–—]*/)![0];
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
      // A cue-less item counts only among named areas of a list ("..., and matters related to the X report").
      const peel = areaOf(ctx, piece) ?? (intro.named && withCue.length >= 2 ? 'Other' : undefined);
      if (!peel) continue;
      // A single area right after its cue is named with it ("failure of governance", "concerns around X").
      const span = pieces.length === 1 && intro.adjacent ? { start: hit.start, end: piece.end } : piece;
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
  const copula = after.match(COPULA);
  if (copula) return { listStart: hit.end + copula[0].length, adjacent: false, named: true, partial: false };
  // Only the first few words after the cue can introduce its list.
  const window = after.match(new RegExp(`^\\s*(?:\\S+\\s+){0,${WINDOW_WORDS}}\\S*`, 'u'))![0];
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

const AUX = /(?<![\p{L}])(?:is|are|was|were|has|have|had)\s+(?<mods>(?:(?:now|been|being|not|also|already|significantly|severely|greatly|further|still|increasingly|consistently)\s+)*)/giu;
const BOUNDARY = /[,;:“”"(–—]|\b(?:and|but|that|while|whilst|who|which|because|as|when|where|so)\b/giu;
const PRONOUN_SUBJECT = /^(?:it|they|we|he|she|this|these|those|there|i|you)\b/i;

/** "Emergency calls are now being answered faster", "public confidence has been severely undermined". */
function predicateAreas(ctx: Ctx, sentence: Sentence): Candidate[] {
  const out: Candidate[] = [];
  const s = ctx.text.slice(sentence.start, sentence.end);
  const boundaries = [...s.matchAll(BOUNDARY)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  for (const aux of s.matchAll(AUX)) {
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
function verbAreas(ctx: Ctx, sentence: Sentence): Candidate[] {
  const out: Candidate[] = [];
  for (const hit of polarityHits(ctx, sentence)) {
    const word = hit.cue.trim();
    if (/\s/.test(word)) continue;
    const before = ctx.text.slice(sentence.start, hit.start);
    const isVerb = /ing$/i.test(word) || (/(?:ed|ilt)$/i.test(word) && PAST_VERB_BEFORE.test(before));
    if (!isVerb) continue;
    const polarity = polarityOf(ctx, sentence, hit);
    if (!polarity) continue;
    const rest = ctx.text.slice(hit.end, sentence.end);
    if (NOT_AN_OBJECT.test(rest)) continue;
    const object = rest.match(/^[^,;:.!?–—]*/)![0].replace(/\s+as well as\b[\s\S]*$/i, '');
    const pieces = splitAreas(ctx, { start: hit.end, end: hit.end + object.length }, { stopAtClause: true });
    for (const [i, piece] of pieces.entries()) {
      const peel = areaOf(ctx, piece);
      // The verb names the first area with it ("transforming culture").
      const span = i === 0 ? { start: hit.start, end: piece.end } : piece;
      if (peel && wordCount(ctx, span) <= 12) out.push({ ...span, peel, polarity });
    }
  }
  return out;
}

const PAST_VERB_BEFORE = /(?:\b(?:has|have|had|it|force|police|service|constabulary)|n['’]t)(?:\s+\p{L}+ly)?\s+$/iu;
/** After the verb: a preposition or clause word, not an object (those are read as introduced lists). */
const NOT_AN_OBJECT = /^\s*(?:to|by|in|on|at|of|with|for|from|and|or|but|as|so|that|than|over|under|into|since|after|before|when|while|because|its\s+own)\b/i;

const NEGATION = /\b(?:not|no|never|without|insufficient|limited|little)\b|n['’]t\b/i;
const NO_LONGER = /\bno\s+longer\b/i;
/** An improvement someone must make is an area for improvement ("the force must make improvements in ..."). */
const OBLIGATION = /\b(?:must|should|need|needs|needed|requires?|required|(?:asked|told|ordered|has|have|had)\s+to)\b/i;
/** An improvement that is only an aim states no finding ("to support improvements", "will continue making improvements"). */
const AIM = /\b(?:to|will|would|continue|continuing|ensure|deliver|support|track|drive|aim|aims|aimed|plan|plans|commitment|committed|focus|hope|hopes)\b/i;

/**
 * A cue's polarity in its context: turned by a negation just before it ("has
 * not made sufficient progress", "is no longer failing"); undefined for an
 * improvement that is only an aim.
 */
function polarityOf(ctx: Ctx, sentence: Span, hit: PolarityHit): Polarity | undefined {
  const before = ctx.text.slice(sentence.start, hit.start).trim().split(/\s+/).slice(-3).join(' ');
  if (NO_LONGER.test(before)) return hit.polarity === 'concern' ? 'improved' : hit.polarity;
  if (hit.polarity === 'concern') return 'concern';
  if (NEGATION.test(before) || OBLIGATION.test(before)) return 'concern';
  return AIM.test(before) ? undefined : 'improved';
}
