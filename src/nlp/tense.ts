import { chunked, Tagging, type View } from './tagging.ts';
import { loadDateVocabulary } from '../knowledge/dates.ts';
import { alternation } from '../util/text.ts';
import { allMatches } from '../util/regex.ts';

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
  const stops = allMatches(before, /[.!?]["'”’)]?\s+(?=["'“‘(]?[A-Z0-9])/g);
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
  const verbs = tagging.memo('verbPhrases', sentence.text, verbPhrasesOf);
  for (let i = verbs.phrases.length - 1; i >= 0; i--) {
    const v = verbs.phrases[i]!;
    if (v.start + v.length > local) continue;
    const tense = tenseOf(v.text, verbs.grammarTense(i), sentence.text.slice(v.start, local));
    if (tense) return tense;
  }
  const after = verbs.phrases.findIndex((v) => v.start >= local);
  return after < 0 ? undefined : tenseOf(verbs.phrases[after]!.text, verbs.grammarTense(after), verbs.phrases[after]!.text);
}

/**
 * compromise's verb phrases of a reading, their tense worked out only when asked: its verb JSON
 * (conjugations, adverbs, the infinitive) costs more than the tagging, and a date asks about one
 * or two verbs of its sentence. Text, offsets and tense are those of `verbs().json({ offset: true })`.
 */
export interface VerbPhrases {
  phrases: Array<{ text: string; start: number; length: number }>;
  grammarTense(i: number): string | undefined;
}

export function verbPhrasesOf(doc: View): VerbPhrases {
  // compromise's Verbs view takes the index of the one verb to describe (json(options, n)); its typings do not say so.
  const verbs = chunked(doc).verbs() as unknown as { toView(): View; json(options: object, n?: number): unknown };
  const phrases = (verbs.toView().json({ offset: true, terms: false } as object) as Array<{ text: string; offset: { start: number; length: number } }>).map((p) => ({
    text: p.text,
    start: p.offset.start,
    length: p.offset.length,
  }));
  const tenses = new Map<number, string | undefined>();
  return {
    phrases,
    grammarTense(i) {
      if (!tenses.has(i)) {
        const [json] = verbs.json({ offset: true }, i) as Array<{ verb?: { grammar?: { tense?: string } } }>;
        tenses.set(i, json?.verb?.grammar?.tense);
      }
      return tenses.get(i);
    },
  };
}

function tenseOf(text: string, tense: string | undefined, upToDate: string): Tense | undefined {
  if (tense === 'FutureTense' || FUTURE_CUE.test(upToDate)) return 'future';
  if (tense === 'PastTense' || PERFECT.test(text)) return 'past';
  return undefined;
}
