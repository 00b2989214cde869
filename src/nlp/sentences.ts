import { unified } from 'unified';
import retextEnglish from 'retext-english';
import type { Root } from 'nlcst';
import { z } from 'zod';
import { lastWords } from '../util/text.ts';
import { allMatches } from '../util/regex.ts';

export const Sentence = z.object({
  index: z.number().int().min(0),
  /** Paragraph (line block) the sentence belongs to: quotes and lists span sentences, not paragraphs. */
  paragraph: z.number().int().min(0),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  text: z.string(),
});
export type Sentence = z.infer<typeof Sentence>;

export interface Paragraph {
  index: number;
  start: number;
  end: number;
  text: string;
}

const parser = unified().use(retextEnglish);

/** Lines of text are the paragraphs of press copy and releases; blank lines are not paragraphs. */
export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  for (const m of allMatches(text, /[^\n]+/g)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const start = m.index + lead;
    paragraphs.push({ index: paragraphs.length, start, end: start + trimmed.length, text: trimmed });
  }
  return paragraphs;
}

/**
 * Sentences with absolute offsets into `text`. retext parses one paragraph at a
 * time (it slows sharply on very large inputs); its splits after abbreviations
 * such as "Det. Ch. Supt." or "No. 10" are mended afterwards.
 */
export function splitSentences(text: string, abbreviations: ReadonlySet<string>): Sentence[] {
  const out: Sentence[] = [];
  for (const paragraph of splitParagraphs(text)) {
    const pieces: Array<{ start: number; end: number }> = [];
    const tree = parser.parse(paragraph.text) as Root;
    for (const p of tree.children) {
      if (p.type !== 'ParagraphNode') continue;
      for (const s of p.children) {
        const pos = s.position;
        if (s.type !== 'SentenceNode' || pos?.start.offset === undefined || pos.end.offset === undefined) continue;
        pieces.push({ start: paragraph.start + pos.start.offset, end: paragraph.start + pos.end.offset });
      }
    }
    for (const piece of mergeAbbreviationSplits(text, pieces, abbreviations)) {
      out.push({ index: out.length, paragraph: paragraph.index, start: piece.start, end: piece.end, text: text.slice(piece.start, piece.end) });
    }
  }
  return out;
}

function mergeAbbreviationSplits(
  text: string,
  pieces: Array<{ start: number; end: number }>,
  abbreviations: ReadonlySet<string>,
): Array<{ start: number; end: number }> {
  const merged: Array<{ start: number; end: number }> = [];
  for (const piece of pieces) {
    const prev = merged[merged.length - 1];
    if (prev && shouldJoin(text.slice(prev.start, prev.end), text.slice(piece.start, piece.end), abbreviations)) {
      prev.end = piece.end;
    } else {
      merged.push({ ...piece });
    }
  }
  return merged;
}

function shouldJoin(previous: string, next: string, abbreviations: ReadonlySet<string>): boolean {
  const lastWord = lastWords(previous, 1);
  if (abbreviations.has(lastWord.toLowerCase())) return true;
  // A sentence does not start with a lower-case word or a bare digit run after a full stop.
  return /^[a-z0-9]/.test(next) && /\.$/.test(previous.trimEnd()) && !/^[a-z]+:\/\//.test(next);
}

/** The sentence containing an offset (binary search), for provenance. */
export function sentenceAt(sentences: readonly Sentence[], offset: number): Sentence | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  // Offsets in the gap between two sentences belong to the next one.
  return sentences[lo] ?? sentences[sentences.length - 1];
}
