/**
 * The name vocabulary (names.yaml): words that are never part of a person's
 * name. Loaded and validated once (vocabulary-file.ts).
 */
import { z } from 'zod';
import { vocabularyFile } from './vocabulary-file.ts';

const Word = z.string().trim().min(1, 'must not be empty').refine((s) => s === s.toLowerCase(), { message: 'written in lower case' });

export const NameVocabularySchema = z.strictObject({
  notNameWords: z.array(Word).min(1),
});
export type NameVocabulary = z.output<typeof NameVocabularySchema>;

const FILE = vocabularyFile('names.yaml', NameVocabularySchema);

export function loadNameVocabulary(dir?: string): NameVocabulary {
  return FILE.load(dir);
}
