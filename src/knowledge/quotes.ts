/**
 * The quotation vocabulary (quotes.yaml): reporting verbs, documents that
 * speak for their author, spokesperson nouns, quoted labels. Loaded and
 * validated once; a bad file fails loudly with the file, path and problem.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { KnowledgeError } from './index.ts';

const Word = z.string().trim().min(1, 'must not be empty');

const ReportingVerb = z.preprocess(
  (v) => (typeof v === 'string' ? { lemma: v } : v),
  z.strictObject({ lemma: Word, forms: z.array(Word).default([]) }),
);

export const QuoteVocabularySchema = z.strictObject({
  reportingVerbs: z.array(ReportingVerb).min(1),
  sourceNouns: z.array(z.strictObject({ noun: Word, author: z.enum(['inspectorate', 'writer']) })).default([]),
  spokespersonNouns: z.array(Word).default([]),
  notQuotations: z.array(Word).default([]),
});
export type QuoteVocabulary = z.output<typeof QuoteVocabularySchema>;

const FILE = 'quotes.yaml';
const DEFAULT_DIR = dirname(fileURLToPath(import.meta.url));

export function parseQuoteVocabulary(data: unknown): QuoteVocabulary {
  const result = QuoteVocabularySchema.safeParse(data);
  if (result.success) return result.data;
  throw new KnowledgeError(
    result.error.issues.map((iss) => ({ file: FILE, path: iss.path.map(String).join('.'), message: iss.message })),
  );
}

let cached: QuoteVocabulary | undefined;

export function loadQuoteVocabulary(dir: string = DEFAULT_DIR): QuoteVocabulary {
  if (dir === DEFAULT_DIR && cached) return cached;
  const vocabulary = parseQuoteVocabulary(parse(readFileSync(join(dir, FILE), 'utf8')));
  if (dir === DEFAULT_DIR) cached = vocabulary;
  return vocabulary;
}
