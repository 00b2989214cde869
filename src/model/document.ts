import { z } from 'zod';

/** Who published a copy: weighs an inspectorate's word against a paper's. */
export const SourceKind = z.enum(['inspectorate', 'press', 'police', 'government', 'other']);
export type SourceKind = z.infer<typeof SourceKind>;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'not a calendar date');

/**
 * Front matter as documented in the corpus format. Every field is optional:
 * a scraped page may have none. Unknown fields are kept and reported as warnings.
 */
export const FrontMatter = z.looseObject({
  title: z.string().min(1).optional(),
  url: z.url().optional(),
  publisher: z.string().min(1).optional(),
  kind: SourceKind.optional(),
  publishedAt: isoDay.optional(),
  licence: z.string().optional(),
});
export type FrontMatter = z.infer<typeof FrontMatter>;
export const KNOWN_FRONT_MATTER_KEYS = ['title', 'url', 'publisher', 'kind', 'publishedAt', 'licence'] as const;

export const DocumentFormat = z.enum(['txt', 'md', 'html']);
export type DocumentFormat = z.infer<typeof DocumentFormat>;

export const Document = z.object({
  /** Content hash of the body and metadata: a changed file is a new id. */
  id: z.string().regex(/^[0-9a-f]{16}$/),
  /** Stable identity across edits: the url when given, else the file name. */
  key: z.string().min(1),
  /** Path as the user gave it, relative where possible; for messages and display. */
  path: z.string(),
  fileName: z.string(),
  format: DocumentFormat,
  meta: FrontMatter,
  /** The body text all spans refer to (front matter removed, HTML reduced to text). */
  text: z.string(),
  /** Line of the original file where the body starts (1-based), for messages. */
  bodyLine: z.number().int().min(1),
});
export type Document = z.infer<typeof Document>;

/** A problem with an input file: reported, the file skipped or kept, the batch goes on. */
export const InputProblem = z.object({
  path: z.string(),
  line: z.number().int().min(1).optional(),
  severity: z.enum(['error', 'warning']),
  reason: z.string(),
});
export type InputProblem = z.infer<typeof InputProblem>;
