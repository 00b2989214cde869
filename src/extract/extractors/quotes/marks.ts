import type { Paragraph } from '../../../nlp/sentences.ts';

/**
 * Quotation spans from the quotation marks of the text, double (“…” "…") and
 * single (‘…’ '…', the usual style of UK papers). A single mark is a
 * quotation mark only at a word boundary: an apostrophe sits inside a word
 * (force's, don't) or opens an elision ('90s). Quotes nest (a single-quoted
 * label inside a double-quoted quotation); only the outermost is returned.
 * A quotation whose paragraph ends open and whose next paragraph opens with
 * the same kind of mark goes on there: that is one quote.
 */
export interface QuoteSpan {
  /** The words inside the marks, trimmed. */
  start: number;
  end: number;
  /** Index of the paragraph where it opens and where it ends. */
  paragraph: number;
  lastParagraph: number;
  /** Whether a closing mark was found (not cut off by the paragraph's end). */
  closed: boolean;
  /** The opening mark's position, and the position after the closing mark (or the paragraph's end). */
  openAt: number;
  closeEnd: number;
}

type Family = 'double' | 'single';
interface Mark {
  family: Family;
  role: 'open' | 'close';
  /** Characters the mark takes ("''" used as a double mark takes two). */
  length: number;
}

const LETTER = /[\p{L}\p{N}]/u;
const isLetter = (ch: string | undefined) => ch !== undefined && LETTER.test(ch);
const isSpace = (ch: string | undefined) => ch === undefined || /\s/.test(ch);
/** Elisions that open with an apostrophe: '90s, 'til, 'em. */
const ELISION = /^['’‘](?:\d\ds?|til|em|cause|n)(?![\p{L}\p{N}])/iu;

/** The quotation mark at `i`, if the character there is one in this position. */
export function markAt(text: string, i: number, from: number, to: number): Mark | undefined {
  const ch = text[i];
  const before = i > from ? text[i - 1] : undefined;
  const after = i + 1 < to ? text[i + 1] : undefined;
  switch (ch) {
    case '“':
    case '„':
      return { family: 'double', role: 'open', length: 1 };
    case '”':
      return { family: 'double', role: 'close', length: 1 };
    case '"':
      if (!isLetter(before) && !/[.,;!?]/.test(before ?? '') && !isSpace(after)) return { family: 'double', role: 'open', length: 1 };
      return isSpace(before) ? undefined : { family: 'double', role: 'close', length: 1 };
    case '‘':
    case '’':
    case "'": {
      // Two single marks standing for one double closing mark: ,'' the report says
      if ((after === "'" || after === '’') && !isSpace(before)) return { family: 'double', role: 'close', length: 2 };
      if (!isLetter(before) && isLetter(after) && ch !== '’') {
        return ELISION.test(text.slice(i, i + 6)) ? undefined : { family: 'single', role: 'open', length: 1 };
      }
      if (!isSpace(before) && !isLetter(after)) return { family: 'single', role: 'close', length: 1 };
      if (ch === '’' && !isLetter(before) && isLetter(after) && !ELISION.test(text.slice(i, i + 6))) {
        // Some texts open with a right mark: ’word…’
        return { family: 'single', role: 'open', length: 1 };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

interface Open {
  family: Family;
  /** Position just after the mark. */
  at: number;
}

export function findQuotations(text: string, paragraphs: readonly Paragraph[]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let pi = 0;
  let i = paragraphs[0]?.start ?? 0;
  while (pi < paragraphs.length) {
    const p = paragraphs[pi]!;
    if (i < p.start) i = p.start;
    if (i >= p.end) {
      pi++;
      continue;
    }
    const mark = markAt(text, i, p.start, p.end);
    if (!mark || mark.role !== 'open') {
      i++;
      continue;
    }
    const found = scanQuotation(text, paragraphs, pi, i + mark.length, mark.family);
    if (!found) {
      i += mark.length;
      continue;
    }
    const span = trimSpan(text, i + mark.length, found.end);
    if (span.end > span.start) out.push({ ...span, paragraph: pi, lastParagraph: found.lastParagraph, closed: found.closed, openAt: i, closeEnd: found.resumeAt });
    pi = found.lastParagraph;
    i = found.resumeAt;
  }
  return out;
}

/**
 * From just after an opening mark, the end of the outermost quotation.
 * A single-marked quotation that never closes in its paragraph is taken as
 * no quotation (an apostrophe or a stray mark), unless the next paragraph
 * carries it on.
 */
function scanQuotation(
  text: string,
  paragraphs: readonly Paragraph[],
  startParagraph: number,
  from: number,
  family: Family,
): { end: number; lastParagraph: number; resumeAt: number; closed: boolean } | undefined {
  let pi = startParagraph;
  const stack: Open[] = [{ family, at: from }];
  let i = from;
  for (;;) {
    const p = paragraphs[pi]!;
    while (i < p.end) {
      let mark = markAt(text, i, p.start, p.end);
      if (!mark) {
        i++;
        continue;
      }
      const doubleOpen = stack.some((o) => o.family === 'double');
      if (mark.length === 2 && !doubleOpen) {
        // Not a double mark after all: the first of the two closes a single quote.
        mark = { family: 'single', role: 'close', length: 1 };
      }
      if (mark.role === 'open') {
        stack.push({ family: mark.family, at: i + mark.length });
      } else if (mark.family === 'double') {
        // A double closing mark closes the innermost double quote; unclosed single marks inside were apostrophes.
        // One with no double quote open is stray: ignored.
        if (doubleOpen) {
          while (stack[stack.length - 1]!.family !== 'double') stack.pop();
          stack.pop();
        }
      } else if (stack.some((o) => o.family === 'single')) {
        // A single closing mark after "s" with a word after it may be a plural possessive (the forces' plans).
        const possessive = /s/i.test(text[i - 1] ?? '') && /^\s+\p{Ll}/u.test(text.slice(i + 1, i + 4)) && hasLaterSingleClose(text, i + 1, p.end);
        if (!possessive) {
          while (stack[stack.length - 1]!.family !== 'single') stack.pop();
          stack.pop();
        }
      }
      if (stack.length === 0) return { end: i, lastParagraph: pi, resumeAt: i + mark.length, closed: true };
      i += mark.length;
    }
    // The paragraph ended with the quotation open: it goes on if the next paragraph opens with the same kind of mark.
    const next = paragraphs[pi + 1];
    const nextMark = next ? markAt(text, next.start, next.start, next.end) : undefined;
    if (next && nextMark?.role === 'open' && nextMark.family === family) {
      pi++;
      stack.length = 0;
      stack.push({ family, at: next.start + nextMark.length });
      i = next.start + nextMark.length;
      continue;
    }
    if (family === 'single' && pi === startParagraph) return undefined;
    return { end: p.end, lastParagraph: pi, resumeAt: p.end, closed: false };
  }
}

function hasLaterSingleClose(text: string, from: number, to: number): boolean {
  for (let j = from; j < to; j++) {
    const m = markAt(text, j, from, to);
    if (m?.family === 'single' && m.role === 'close') return true;
  }
  return false;
}

function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}
