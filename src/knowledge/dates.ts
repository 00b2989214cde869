/**
 * The date vocabulary (dates.yaml): names that hold a year or a day word, the
 * words that make a clause look forward, and the seasons. Loaded and validated
 * once; a bad file fails loudly with the file, path and problem.
 */
import { z } from 'zod';
import { vocabularyFile } from './vocabulary-file.ts';

const Word = z.string().trim().min(1, 'must not be empty').regex(/^[\p{L}' ]+$/u, 'letters, spaces and apostrophes only');

export const DateVocabularySchema = z.strictObject({
  legislationWords: z.array(Word).min(1),
  dayWordTitles: z.array(Word).default([]),
  futureCues: z.array(Word).default([]),
  seasons: z.record(Word, z.number().int().min(1).max(12)),
});
export type DateVocabulary = z.output<typeof DateVocabularySchema>;

const FILE = vocabularyFile('dates.yaml', DateVocabularySchema);

export function parseDateVocabulary(data: unknown): DateVocabulary {
  return FILE.parse(data);
}

export function loadDateVocabulary(dir?: string): DateVocabulary {
  return FILE.load(dir);
}
