import { chunked, Tagging } from './tagging.ts';
import { loadDateVocabulary } from '../knowledge/dates.ts';
import { alternation } from '../util/text.ts';

export type Tense = 'past' | 'future';

// Words that put what follows in the future although their verb is in the present ("is due to", "plans to").
const FUTURE_CUE = new RegExp(
  String.raw`\b(?:will|shall|won['’]t|(?:is|are)\s+due|(?:${alternation(loadDateVocabulary().futureCues)})\s+to)\b|['’]ll\b`,
  'i',
);
const PERFECT = /^(?:has|have|had|'ve|’ve)\b/i;

/** The sentence of `text` around `at`: from after the last full stop before it to the next one. */
export function sentenceAround(text: string, at: number): { start: number; text: string } {
  const before = text.slice(0, at);
  const stops = [...before.matchAll(/[.!?]["'”’)]?\s+(?=["'“‘(]?[A-Z0-9])/g)];
  const last = stops[stops.length - 1];
  const start = last ? last.index + last[0].length : 0;
  const next = /[.!?]["'”’)]?(?:\s+(?=["'“‘(]?[A-Z0-9])|\s*$)/.exec(text.slice(at));
  const end = next ? at + next.index + 1 : text.length;
  return { start, text: text.slice(start, end) };
}

/**
 * The tense of the clause that governs offset `at` of `text`: the verb nearest before it that
 * shows a tense ("the inspection concluded in January" is past, "will be reinspected in
 * January" future), else the first verb after it. Undefined for the present or no verb.
 * `tagging` shares compromise's readings of the document's sentences between calls.
 */
export function tenseAt(text: string, at: number, tagging: Tagging = new Tagging()): Tense | undefined {
  const sentence = sentenceAround(text, at);
  const local = at - sentence.start;
  const verbs = tagging.memo('verbs', sentence.text, (doc) => chunked(doc).verbs().json({ offset: true })) as Array<{ text: string; offset: { start: number; length: number }; verb?: { grammar?: { tense?: string } } }>;
  const before = verbs.filter((v) => v.offset.start + v.offset.length <= local).reverse();
  for (const v of before) {
    const tense = tenseOf(v, sentence.text.slice(v.offset.start, local));
    if (tense) return tense;
  }
  const after = verbs.find((v) => v.offset.start >= local);
  return after ? tenseOf(after, after.text) : undefined;
}

function tenseOf(verb: { text: string; verb?: { grammar?: { tense?: string } } }, upToDate: string): Tense | undefined {
  const tense = verb.verb?.grammar?.tense;
  if (tense === 'FutureTense' || FUTURE_CUE.test(upToDate)) return 'future';
  if (tense === 'PastTense' || PERFECT.test(verb.text)) return 'past';
  return undefined;
}
