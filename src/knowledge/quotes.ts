/**
 * The quotation vocabulary (quotes.yaml): reporting verbs, documents that
 * speak for their author, spokesperson nouns, quoted labels. Loaded and
 * validated once (vocabulary-file.ts).
 */
import { z } from 'zod';
import { vocabularyFile } from './vocabulary-file.ts';

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

const FILE = vocabularyFile('quotes.yaml', QuoteVocabularySchema);

export function parseQuoteVocabulary(data: unknown): QuoteVocabulary {
  return FILE.parse(data);
}

export function loadQuoteVocabulary(dir?: string): QuoteVocabulary {
  return FILE.load(dir);
}
