/**
 * The date vocabulary (dates.yaml): names that hold a year or a day word, the
 * words that make a clause look forward, and the seasons. Loaded and validated
 * once; a bad file fails loudly with the file, path and problem.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { KnowledgeError } from './index.ts';

const Word = z.string().trim().min(1, 'must not be empty').regex(/^[\p{L}' ]+$/u, 'letters, spaces and apostrophes only');

export const DateVocabularySchema = z.strictObject({
  legislationWords: z.array(Word).min(1),
  dayWordTitles: z.array(Word).default([]),
  futureCues: z.array(Word).default([]),
  seasons: z.record(Word, z.number().int().min(1).max(12)),
});
export type DateVocabulary = z.output<typeof DateVocabularySchema>;

const FILE = 'dates.yaml';
const DEFAULT_DIR = dirname(fileURLToPath(import.meta.url));

export function parseDateVocabulary(data: unknown): DateVocabulary {
  const result = DateVocabularySchema.safeParse(data);
  if (result.success) return result.data;
  throw new KnowledgeError(
    result.error.issues.map((iss) => ({ file: FILE, path: iss.path.map(String).join('.'), message: iss.message })),
  );
}

let cached: DateVocabulary | undefined;

export function loadDateVocabulary(dir: string = DEFAULT_DIR): DateVocabulary {
  if (dir === DEFAULT_DIR && cached) return cached;
  const vocabulary = parseDateVocabulary(parse(readFileSync(join(dir, FILE), 'utf8')));
  if (dir === DEFAULT_DIR) cached = vocabulary;
  return vocabulary;
}

/** One alternation of the words, longest first, for use inside a regular expression. */
export function alternation(words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/\s+/g, '\\s+')).join('|');
}
