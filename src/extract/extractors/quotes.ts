import type { Mention, MentionOf } from '../../model/mention.ts';
import type { Paragraph } from '../../nlp/sentences.ts';
import type { ExtractionInput, Extractor, FoundMentions } from '../context.ts';

/**
 * Direct quotations and their speakers. A quotation may run over several
 * paragraphs, each opening with a quotation mark and only the last closing:
 * that is one quote. The speaker is named before it ("X said:"), on the line
 * before it, after it ("..., said X"), or by the quote it continues.
 */
export const quoteExtractor: Extractor = {
  name: 'quotes',
  extract(input, found) {
    const spans = findQuotations(input.document.text, input.paragraphs);
    const out: Mention[] = [];
    let previous: { speaker: Speaker | null; paragraph: number } | undefined;
    for (const q of spans) {
      const speaker = attribute(input, found, q) ?? (previous && previous.paragraph >= q.paragraph - 1 ? previous.speaker : null);
      const text = input.document.text.slice(q.start, q.end);
      if (wordCount(text) >= MIN_WORDS) {
        out.push({
          kind: 'quote',
          speaker: speaker?.name ?? null,
          speakerKind: speaker?.kind ?? null,
          text,
          start: q.start,
          end: q.end,
          extractor: 'quotes',
        });
      }
      previous = { speaker, paragraph: q.lastParagraph };
    }
    return out;
  },
};

/** Shorter quoted phrases are names or scare quotes ("enhanced monitoring"), not quotations. */
const MIN_WORDS = 5;
const OPEN = new Set(['“', '"']);
const CLOSE = new Set(['”', '"']);

interface QuoteSpan {
  start: number;
  end: number;
  paragraph: number;
  lastParagraph: number;
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Scan for quotation marks; straight quotes open or close by state. */
export function findQuotations(text: string, paragraphs: readonly Paragraph[]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  for (let pi = 0; pi < paragraphs.length; pi++) {
    const p = paragraphs[pi]!;
    let i = p.start;
    while (i < p.end) {
      const ch = text[i]!;
      if (!OPEN.has(ch) || (ch === '"' && i > p.start && /[\p{L}\p{N}]/u.test(text[i - 1]!))) {
        i++;
        continue;
      }
      const start = i + 1;
      let pj = pi;
      let j = start;
      let end = -1;
      for (;;) {
        const para = paragraphs[pj]!;
        while (j < para.end && !(CLOSE.has(text[j]!) && text[j] !== '“' && !(text[j] === '"' && j === para.start))) {
          // A new opening mark inside an open quotation starts its next paragraph-like segment.
          j++;
        }
        if (j < para.end) {
          end = j;
          break;
        }
        const next = paragraphs[pj + 1];
        if (next && OPEN.has(text[next.start]!)) {
          pj++;
          j = next.start + 1;
          continue;
        }
        end = para.end;
        break;
      }
      const content = trimSpan(text, start, end);
      if (content.end > content.start) out.push({ ...content, paragraph: pi, lastParagraph: pj });
      if (pj > pi) {
        pi = pj;
        i = end + 1;
        // Continue scanning the rest of the last paragraph of the quotation.
        const last = paragraphs[pi]!;
        while (i < last.end) {
          if (OPEN.has(text[i]!)) break;
          i++;
        }
        if (i >= last.end) break;
        continue;
      }
      i = end + 1;
    }
  }
  return out;
}

function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

interface Speaker {
  name: string;
  kind: 'person' | 'organisation';
}

const SPEECH = '(?:said|says|added|adds|stated|states|commented|comments|explained|told|wrote|writes|announced|confirmed|warned|noted)';
const INTRO = new RegExp(`\\b${SPEECH}\\b[^.“"]{0,40}[:,]?\\s*$`, 'i');
const AFTER = new RegExp(`^[\\s,]*(?:${SPEECH}\\b|by\\b)`, 'i');

function attribute(input: ExtractionInput, found: FoundMentions, q: QuoteSpan): Speaker | null {
  const { document, paragraphs } = input;
  const text = document.text;
  const para = paragraphs[q.paragraph]!;
  const openAt = q.start - 1;
  // 1. "X said:" before the quote, in its paragraph.
  const before = text.slice(para.start, openAt);
  if (INTRO.test(before)) {
    const s = lastSpeakerIn(input, found, para.start, openAt);
    if (s) return s;
    // "He said:": the person named last before this paragraph.
    if (/\b(?:he|she)\s+\S*\s*$/i.test(before.replace(INTRO, ''))) {
      const earlier = found.of('person').filter((p) => p.end <= para.start);
      const last = earlier[earlier.length - 1];
      if (last) return { name: last.name, kind: 'person' };
    }
  }
  // 2. The line before ends with "said:".
  if (openAt <= para.start + 1 && q.paragraph > 0) {
    const prev = paragraphs[q.paragraph - 1]!;
    if (/:\s*$/.test(text.slice(prev.start, prev.end))) {
      const s = lastSpeakerIn(input, found, prev.start, prev.end);
      if (s) return s;
    }
  }
  // 3. "..., said X." or "... by a watchdog" after the closing mark.
  const lastPara = paragraphs[q.lastParagraph]!;
  const afterStart = Math.min(q.end + 1, lastPara.end);
  const after = text.slice(afterStart, Math.min(lastPara.end, afterStart + 80));
  if (AFTER.test(after)) {
    const s = firstSpeakerIn(input, found, afterStart, afterStart + after.length);
    if (s) return s;
  }
  // '"...," she said.': the person named last before the quotation.
  if (new RegExp(`^[\\s,]*(?:he|she)\\s+${SPEECH}\\b`, 'i').test(after)) {
    const earlier = found.of('person').filter((p) => p.end <= openAt);
    const last = earlier[earlier.length - 1];
    if (last) return { name: last.name, kind: 'person' };
  }
  return null;
}

function speakersIn(input: ExtractionInput, found: FoundMentions, from: number, to: number): Array<{ at: number; speaker: Speaker }> {
  const within = (m: { start: number; end: number }) => m.start >= from && m.end <= to;
  const people: Array<{ at: number; speaker: Speaker }> = found
    .of('person')
    .filter(within)
    .map((m: MentionOf<'person'>) => ({ at: m.start, speaker: { name: m.name, kind: 'person' as const } }));
  const orgs = found
    .of('organisation')
    .filter(within)
    .map((m) => ({ at: m.start, speaker: { name: m.name, kind: 'organisation' as const } }));
  const generic = [...input.document.text.slice(from, to).matchAll(input.lexicon.inspectorateReference)].map((m) => ({
    at: from + m.index,
    speaker: { name: input.lexicon.inspectorate, kind: 'organisation' as const },
  }));
  return [...people, ...orgs, ...generic].sort((a, b) => a.at - b.at);
}

function lastSpeakerIn(input: ExtractionInput, found: FoundMentions, from: number, to: number): Speaker | null {
  const all = speakersIn(input, found, from, to);
  // A person named in the attribution outranks the body they speak for ("HMICFRS's Roy Wilsher said").
  const people = all.filter((s) => s.speaker.kind === 'person');
  const pick = people[people.length - 1] ?? all[all.length - 1];
  return pick?.speaker ?? null;
}

function firstSpeakerIn(input: ExtractionInput, found: FoundMentions, from: number, to: number): Speaker | null {
  return speakersIn(input, found, from, to)[0]?.speaker ?? null;
}
