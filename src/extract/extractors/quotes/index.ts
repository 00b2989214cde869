import type { MentionOf } from '../../../model/mention.ts';
import type { Paragraph } from '../../../nlp/sentences.ts';
import { sentenceAt } from '../../../nlp/sentences.ts';
import { taggingOf, type ExtractionInput, type Extractor } from '../../context.ts';
import { speakerAccordingTo, speakerAfter, speakerBefore, speakerBeforeColon, type Attribution, type Clause, type Grammar } from './attribution.ts';
import { isLabel } from './labels.ts';
import { findQuotations, type QuoteSpan } from './marks.ts';
import { referencesOf } from './references.ts';
import { SpeakerResolver } from './speakers.ts';
import { wordsOf } from '../../../util/text.ts';

/**
 * Direct quotations and their speakers: whole statements ("X said: '...'"),
 * quotations over several paragraphs (one quote), and short quoted phrases
 * inside a sentence ("inspectors found 'systemic concerns'"), which count only
 * when the sentence's grammar names who said them. Quoted labels (stage names,
 * grades, names) are not quotations.
 */
export const quoteExtractor: Extractor = {
  name: 'quotes',
  extract(input, found) {
    const { text } = input.document;
    const spans = findQuotations(text, input.paragraphs);
    const quoted = (at: number) => spans.some((q) => at >= q.openAt && at < q.closeEnd);
    const refs = referencesOf(input, found).filter((r) => !quoted(r.start));
    const grammar: Grammar = { refs, resolver: new SpeakerResolver(input, refs), reportingVerb: input.lexicon.quotes.reportingVerb, tagging: taggingOf(input), quoted };
    const out: Array<MentionOf<'quote'>> = [];
    let previous: { mention: MentionOf<'quote'>; lastParagraph: number } | undefined;
    for (const q of spans) {
      const words = text.slice(q.start, q.end);
      if (isLabel(words, input.lexicon)) continue;
      const short = wordCount(words) < STATEMENT_WORDS;
      const opensParagraph = isParagraphStart(text, input.paragraphs[q.paragraph]!, q.openAt);
      let speaker = inSentence(input, grammar, q)?.speaker;
      const follows = previous && (previous.lastParagraph === q.paragraph - 1 ? opensParagraph : previous.lastParagraph === q.paragraph);
      if (speaker === undefined && !short && previous && follows) {
        // The same quotation goes on after its attribution ('"...," says X.' then '"..."'): one quote.
        const mention = previous.mention;
        mention.end = q.end;
        mention.text = text.slice(mention.start, q.end);
        previous.lastParagraph = q.lastParagraph;
        continue;
      }
      if (speaker === undefined && (opensParagraph || isListItem(input.paragraphs[q.paragraph]!))) speaker = introducedBy(input, grammar, q.paragraph, short)?.speaker;
      if (speaker || !short) {
        const mention: MentionOf<'quote'> = { kind: 'quote', speaker: speaker?.name ?? null, speakerKind: speaker?.kind ?? null, text: words, start: q.start, end: q.end, extractor: 'quotes' };
        out.push(mention);
        previous = { mention, lastParagraph: q.lastParagraph };
      }
    }
    return out;
  },
};

/** Fewer words than this make a phrase, which needs its sentence to name a speaker. */
const STATEMENT_WORDS = 5;
const LIST_ITEM = /^[■•●▪◦·*–-]\s/u;

function wordCount(s: string): number {
  return wordsOf(s).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function isParagraphStart(text: string, p: Paragraph, at: number): boolean {
  return /^[\s■•●▪◦·*–-]*$/u.test(text.slice(p.start, at));
}

function isListItem(p: Paragraph): boolean {
  return LIST_ITEM.test(p.text.trimStart());
}

/** Attribution by the sentence the quotation stands in. */
function inSentence(input: ExtractionInput, g: Grammar, q: QuoteSpan): Attribution | undefined {
  const first = sentenceAt(input.sentences, q.openAt);
  const last = sentenceAt(input.sentences, Math.max(q.openAt, q.closeEnd - 1));
  const para = input.paragraphs[q.lastParagraph]!;
  const clause: Clause = {
    text: input.document.text,
    sentenceStart: Math.max(first?.start ?? input.paragraphs[q.paragraph]!.start, input.paragraphs[q.paragraph]!.start),
    sentenceEnd: Math.min(Math.max(last?.end ?? para.end, q.closeEnd), para.end),
    openAt: q.openAt,
    closeEnd: q.closeEnd,
  };
  // The words after the quotation may close its sentence: "...," said X.
  const afterEnd = sentenceAt(input.sentences, Math.min(q.closeEnd, para.end - 1));
  if (afterEnd && afterEnd.end > clause.sentenceEnd) clause.sentenceEnd = Math.min(afterEnd.end, para.end);
  return speakerBefore(g, clause) ?? speakerAfter(g, clause) ?? speakerAccordingTo(g, clause) ?? speakerBeforeColon(g, clause);
}

/**
 * A quotation that opens its paragraph, spoken by the one the paragraph before
 * introduces ("X said:", or a sentence whose reporting verb names X). A list
 * item's quotation goes back to the sentence that opens the list ("The
 * inspection found:").
 */
function introducedBy(input: ExtractionInput, g: Grammar, paragraph: number, short: boolean): Attribution | undefined {
  let i = paragraph - 1;
  while (i >= 0 && isListItem(input.paragraphs[i]!)) i--;
  const intro = input.paragraphs[i];
  if (!intro) return undefined;
  const text = input.document.text;
  const colon = /:\s*$/.test(text.slice(intro.start, intro.end));
  const listed = isListItem(input.paragraphs[paragraph]!);
  if (short && !(listed && colon)) return undefined;
  if (g.quoted(intro.end - 1)) return undefined;
  const sentence = sentenceAt(input.sentences, intro.end - 1);
  const clause: Clause = { text, sentenceStart: Math.max(sentence?.start ?? intro.start, intro.start), sentenceEnd: intro.end, openAt: intro.end, closeEnd: intro.end };
  const found = speakerBefore(g, clause);
  if (found?.speaker) return found;
  return colon ? speakerBeforeColon(g, clause) : undefined;
}
