import type { Document, InputProblem } from '../src/model/document.ts';
import type { Claim } from '../src/model/claim.ts';
import { parseRawFile, type ParseOptions, type RawFile } from '../src/ingest/parse-document.ts';
import { analyseDocument, type AnalysedDocument } from '../src/extract/extract-document.ts';
import { buildClaims } from '../src/claims/build-claims.ts';
import { toRows, type DocumentRows } from '../src/graph/rows.ts';
import type { Lexicon } from '../src/extract/lexicon.ts';

export interface AnalysedFile {
  document: Document;
  analysis: AnalysedDocument;
  claims: Claim[];
  rows: DocumentRows;
  problems: InputProblem[];
}

/**
 * One file through the pure stages: bytes -> document -> sentences and
 * mentions -> claims -> graph rows. An extractor failure is reported against
 * the file, never thrown past it: the rest of the batch goes on.
 */
export function analyseFile(raw: RawFile, options: ParseOptions & { lexicon?: Lexicon } = {}): AnalysedFile | { problems: InputProblem[] } {
  const parsed = parseRawFile(raw, options);
  if (!parsed.document) return { problems: parsed.problems };
  const document = parsed.document;
  try {
    const analysis = analyseDocument(document, options.lexicon);
    const claims = buildClaims(document, analysis.sentences, analysis.mentions);
    const rows = toRows(document, analysis.sentences, claims);
    return { document, analysis, claims, rows, problems: parsed.problems };
  } catch (err) {
    const reason = `extraction failed: ${(err as Error).message}; please report this file`;
    return { problems: [...parsed.problems, { path: raw.path, severity: 'error', reason }] };
  }
}

export function isAnalysed(x: AnalysedFile | { problems: InputProblem[] }): x is AnalysedFile {
  return 'document' in x;
}
