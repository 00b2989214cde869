import { matchStagePatterns } from '../stage-events.ts';
import { areaOf, polarityHits, type Candidate, type Ctx, type Polarity, type Span } from './cues.ts';
import { polarityOf } from './polarity.ts';
import { FINITE, splitAreas, trim } from './spans.ts';
import { termsOf } from './grammar.ts';
import { allMatches } from '../../../util/regex.ts';

/** Lists of areas: bullet lines, or paragraphs ending in ";" after a colon. */

export interface AreaList {
  /** Undefined where the intro only states findings ("The inspection found:"): each item then carries its own, from its grade or its cue words. */
  polarity: Polarity | undefined;
  /** The polarity came from a cue word (not only from a stage change): the intro speaks of areas. */
  fromCue: boolean;
  /** The intro says what the force must do ("The force should:"): each item is one action, naming one area of concern. */
  actions?: boolean;
  items: Span[];
  style: 'clause' | 'sentence';
  range: Span;
}

const BULLET = /^(?:[•·▪◦‣∙*■□●○►▸➤✓✔]|[-–—](?=\s))\s*/u;
const CLAUSE_END = /(?:[;,]\s*(?:and|or)?|\s(?:and|or))$/iu;
const QUOTE_START = /^["“‘']/u;
const ANAPHORIC = /^(?:this|these|they|those|it|such|the reasons?)\b/i;

const isHeading = (text: string) => text.split(/\s+/).length <= 5 && !/[.:;!?,"”]$/.test(text) && !BULLET.test(text);

export function findLists(ctx: Ctx): AreaList[] {
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
    const polarity =
      introPolarity(ctx, intro) ??
      (items.some((item) => gradeOf(ctx, item)) || statesFindings(ctx, intro) ? { polarity: undefined, fromCue: false } : undefined) ??
      (statesObligation(ctx, intro) ? { polarity: 'concern' as const, fromCue: false, actions: true } : undefined) ??
      itemsPolarity(ctx, items);
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

export function areasOfList(ctx: Ctx, list: AreaList): Candidate[] {
  const out: Candidate[] = [];
  for (const item of list.items) {
    const graded = gradeOf(ctx, item);
    if (graded) {
      // "Investigating crime - Inadequate": the grade gives the polarity; an adequate grade is neither.
      const peel = areaOf(ctx, graded.area);
      if (peel && graded.polarity) out.push({ ...graded.area, peel, polarity: graded.polarity });
      continue;
    }
    const sentences = ctx.input.sentences.filter((s) => s.start < item.end && item.start < s.end).map((s) => ({ start: Math.max(s.start, item.start), end: Math.min(s.end, item.end) }));
    // A full-sentence item states its area first (one per clause with its own verb); a clause item may hold several.
    const pieces = list.actions
      ? sentences.slice(0, 1).map((s) => firstClause(ctx, s))
      : list.style === 'sentence'
        ? sentences.slice(0, 1).flatMap((s) => clauses(ctx, trim(ctx, s)))
        : sentences.flatMap((s) => splitAreas(ctx, s));
    for (const piece of pieces) {
      const polarity = list.polarity ?? ownPolarity(ctx, piece) ?? ownPolarity(ctx, item);
      if (!polarity) continue;
      const peel = areaOf(ctx, piece) ?? (list.fromCue ? 'Other' : undefined);
      if (peel) out.push({ ...piece, peel, polarity });
    }
  }
  return out;
}

/**
 * An intro that states no polarity ("Since then, the force has:") before items
 * that each state what was done ("improved ...", "reduced ..."): a list of
 * areas when at least half its items open on a past verb and carry a cue (a
 * list of aims, "better neighbourhood policing", states nothing). Where the
 * cues all agree, the rest share it ("introduced a new approach to ..."); else
 * each keeps its own.
 */
function itemsPolarity(ctx: Ctx, items: Span[]): { polarity: Polarity | undefined; fromCue: boolean } | undefined {
  if (items.length < 2) return undefined;
  const done = items.filter((item) => {
    const first = termsOf(ctx, item)[0];
    return first !== undefined && (first.tags.has('PastTense') || first.tags.has('Participle'));
  });
  if (done.length * 2 < items.length) return undefined;
  const own = items.map((item) => ownPolarity(ctx, item)).filter((p) => p !== undefined);
  if (own.length * 2 < items.length) return undefined;
  return { polarity: own.every((p) => p === own[0]) ? own[0] : undefined, fromCue: false };
}

/** An item's own polarity: its first cue read in context. */
function ownPolarity(ctx: Ctx, span: Span): Polarity | undefined {
  for (const hit of polarityHits(ctx, span)) {
    const p = polarityOf(ctx, span, hit);
    if (p) return p;
  }
  return undefined;
}

const gradeRegexes = new WeakMap<object, RegExp>();

/** "Area - Grade", "Area: grade" or "Area (grade)": the area's span and the grade's polarity (null for adequate). */
function gradeOf(ctx: Ctx, item: Span): { area: Span; polarity: Polarity | null } | undefined {
  const grades = ctx.input.lexicon.knowledge.peel.grades;
  let re = gradeRegexes.get(grades);
  if (!re) {
    const names = [...grades].sort((a, b) => b.grade.length - a.grade.length).map((g) => g.grade.replace(/\s+/g, '\\s+'));
    re = new RegExp(`(?:\\s+[-–—:|]\\s*|\\s*\\(\\s*)["“‘']?(${names.join('|')})["”’']?\\s*\\)?[.;]?\\s*$`, 'iu');
    gradeRegexes.set(grades, re);
  }
  const text = ctx.text.slice(item.start, item.end);
  const m = text.match(re);
  if (m?.index === undefined || m.index === 0) return undefined;
  const grade = grades.find((g) => g.grade === m[1]!.toLowerCase().replace(/\s+/g, ' '));
  if (!grade) return undefined;
  return { area: trim(ctx, { start: item.start, end: item.start + m.index }), polarity: grade.polarity };
}

const obligationRegexes = new WeakMap<object, RegExp>();

/** The intro's last sentence says what the force must do and ends in ":" ("The force should immediately:"). */
function statesObligation(ctx: Ctx, intro: Span[]): boolean {
  const words = ctx.input.lexicon.knowledge.peel.obligations;
  const last = intro[intro.length - 1];
  if (!words.length || !last) return false;
  let re = obligationRegexes.get(words);
  if (!re) {
    re = new RegExp(`(?<![\\p{L}])(?:${words.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')).join('|')})(?![\\p{L}])`, 'iu');
    obligationRegexes.set(words, re);
  }
  const text = ctx.text.slice(last.start, last.end);
  return /:\s*$/.test(text) && re.test(text);
}

/** An action item's own wording: up to its first comma, where its purpose or a second action begins. */
function firstClause(ctx: Ctx, span: Span): Span {
  const text = ctx.text.slice(span.start, span.end);
  const cut = text.search(/[,;]|\s+(?:so that|in order to|to make sure|and make sure|and ensure)\b/i);
  return trim(ctx, { start: span.start, end: cut > 0 ? span.start + cut : span.end });
}

const findingRegexes = new WeakMap<object, RegExp>();

/** The intro reports what an inspection found ("The inspection found:"): its items may be areas, each with its own polarity. */
function statesFindings(ctx: Ctx, intro: Span[]): boolean {
  const findings = ctx.input.lexicon.knowledge.peel.findings;
  if (!findings.length) return false;
  let re = findingRegexes.get(findings);
  if (!re) {
    re = new RegExp(`(?<![\\p{L}])(?:${findings.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')).join('|')})(?![\\p{L}])`, 'iu');
    findingRegexes.set(findings, re);
  }
  const last = intro[intro.length - 1];
  return last !== undefined && /:\s*$/.test(ctx.text.slice(last.start, last.end)) && re!.test(ctx.text.slice(last.start, last.end));
}

/** A sentence's clauses joined by "and", each with its own verb ("X are going unrecorded and almost no Y are recorded"). */
const CLAUSE_AND = /,?\s+and\s+(?=(?:[\p{L}\p{N},'’-]+\s+){1,5}?(?:is|are|was|were|has|have|had)\s)/giu;

function clauses(ctx: Ctx, span: Span): Span[] {
  const text = ctx.text.slice(span.start, span.end);
  const out: Span[] = [];
  let from = 0;
  for (const m of allMatches(text, CLAUSE_AND)) {
    if (!FINITE.test(text.slice(from, m.index))) continue;
    out.push(trim(ctx, { start: span.start + from, end: span.start + m.index }));
    from = m.index + m[0].length;
  }
  out.push(trim(ctx, { start: span.start + from, end: span.end }));
  return out.filter((s) => s.end > s.start);
}
