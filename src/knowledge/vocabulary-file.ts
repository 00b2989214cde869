/**
 * A small vocabulary file beside the main knowledge files (dates.yaml, quotes.yaml): read
 * once, validated with its schema, and a bad file fails loudly with the file, path and problem.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'zod';
import { KnowledgeError } from './errors.ts';

const DEFAULT_DIR = dirname(fileURLToPath(import.meta.url));

export interface VocabularyFile<T> {
  /** Validates already-parsed data. */
  parse(data: unknown): T;
  /** Reads and validates the file from `dir` (default: this folder; that copy is cached). */
  load(dir?: string): T;
}

export function vocabularyFile<S extends z.ZodType>(file: string, schema: S): VocabularyFile<z.output<S>> {
  let cached: z.output<S> | undefined;
  const validate = (data: unknown): z.output<S> => {
    const result = schema.safeParse(data);
    if (result.success) return result.data;
    throw new KnowledgeError(result.error.issues.map((iss) => ({ file, path: iss.path.map(String).join('.'), message: iss.message })));
  };
  return {
    parse: validate,
    load(dir = DEFAULT_DIR) {
      if (dir === DEFAULT_DIR && cached) return cached;
      const vocabulary = validate(parse(readFileSync(join(dir, file), 'utf8')));
      if (dir === DEFAULT_DIR) cached = vocabulary;
      return vocabulary;
    },
  };
}
