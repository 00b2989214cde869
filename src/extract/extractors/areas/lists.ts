import { matchStagePatterns } from '../stage-events.ts';
import { areaOf, polarityHits, type Candidate, type Ctx, type Polarity, type Span } from './cues.ts';
import { polarityOf } from './polarity.ts';
import { splitAreas, trim } from './spans.ts';

/** Lists of areas: bullet lines, or paragraphs ending in ";" after a colon. */

export interface AreaList {
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

export function areasOfList(ctx: Ctx, list: AreaList): Candidate[] {
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

