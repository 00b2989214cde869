/**
 * The details vocabulary (details.yaml): offices whose holders are counted, number words,
 * PEEL grades, the words of a spell in enhanced monitoring and how hedged lengths widen,
 * and causes. Loaded and validated once; a bad file fails loudly with the file, path and problem.
 */
import { z } from 'zod';
import { vocabularyFile } from './vocabulary-file.ts';

const Word = z.string().trim().min(1, 'must not be empty');
const Words = z.array(Word).min(1);
/** Number words are looked up by position: entry n is the word for n, from zero. */
const NumberWords = z
  .array(Word)
  .min(2)
  .refine((words) => words.every((w) => w === w.toLowerCase()), { message: 'written in lower case' });
/** How a hedged length widens: [from, to] years added to the number stated. */
const Widening = z.tuple([z.number(), z.number()]).refine(([from, to]) => from <= to, { message: '[from, to] with from not above to' });

export const DetailsVocabularySchema = z.strictObject({
  offices: Words,
  cardinals: NumberWords,
  ordinals: NumberWords,
  grades: Words,
  spellStages: Words,
  spellHedges: z.record(Word, Widening).refine((h) => 'plain' in h, { message: "needs a 'plain' entry: how an unhedged length widens" }),
  causes: z.record(Word, Words),
  causeCollectives: Words,
});
export type DetailsVocabulary = z.output<typeof DetailsVocabularySchema>;

const FILE = vocabularyFile('details.yaml', DetailsVocabularySchema);

export function parseDetailsVocabulary(data: unknown): DetailsVocabulary {
  return FILE.parse(data);
}

export function loadDetailsVocabulary(dir?: string): DetailsVocabulary {
  return FILE.load(dir);
}
