import type { Driver } from 'neo4j-driver';
import type { InputProblem } from '../src/model/document.ts';
import { findDocumentFiles, readRawFile } from '../src/ingest/read-files.ts';
import { ensureSchema, existingDocuments, writeDocuments } from '../src/graph/write-graph.ts';
import { EXTRACTOR_VERSION } from '../src/claims/build-claims.ts';
import type { DocumentRows } from '../src/graph/rows.ts';
import { analyseFile, isAnalysed } from './analyse.ts';

export interface IngestOptions {
  inputs: string[];
  driver: Driver;
  /** Documents per write transaction. */
  batchSize?: number;
  /** Files larger than this are reported and skipped. */
  maxFileBytes?: number;
  /** Called after each file, for progress display. */
  onProgress?: (done: number, total: number) => void;
  today?: string;
}

export interface IngestSummary {
  files: number;
  documents: { new: number; changed: number; unchanged: number; skipped: number };
  claimsByKind: Record<string, number>;
  problems: InputProblem[];
}

/**
 * Files and folders into the graph: read, analyse, write in batches. A
 * document already in the graph with the same content and extractor version
 * is left alone; a changed one replaces its old claims.
 */
export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const { driver } = options;
  const batchSize = options.batchSize ?? 25;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const found = await findDocumentFiles(options.inputs);
  const problems: InputProblem[] = [...found.problems];
  const summary: IngestSummary = { files: found.files.length, documents: { new: 0, changed: 0, unchanged: 0, skipped: 0 }, claimsByKind: {}, problems };
  await ensureSchema(driver);

  let pending: DocumentRows[] = [];
  const seenKeys = new Set<string>();
  const flush = async () => {
    if (pending.length === 0) return;
    const existing = await existingDocuments(driver, pending.map((p) => p.document.key));
    const toWrite: DocumentRows[] = [];
    for (const rows of pending) {
      const before = existing.get(rows.document.key);
      if (before && before.id === rows.document.id && before.extractorVersion === EXTRACTOR_VERSION) {
        summary.documents.unchanged++;
        continue;
      }
      if (before) summary.documents.changed++;
      else summary.documents.new++;
      toWrite.push(rows);
      for (const c of rows.claims) summary.claimsByKind[c.kind] = (summary.claimsByKind[c.kind] ?? 0) + 1;
    }
    await writeDocuments(driver, toWrite);
    pending = [];
  };

  let done = 0;
  for (const file of found.files) {
    const raw = await readRawFile(file, options.maxFileBytes);
    if ('bytes' in raw) {
      const result = analyseFile(raw, { today });
      problems.push(...result.problems);
      if (isAnalysed(result)) {
        if (seenKeys.has(result.document.key)) {
          problems.push({ path: file.path, severity: 'error', reason: `same url or name as another file in this run (${result.document.key}): skipped` });
          summary.documents.skipped++;
        } else {
          seenKeys.add(result.document.key);
          pending.push(result.rows);
        }
      } else {
        summary.documents.skipped++;
      }
    } else {
      problems.push(raw);
      summary.documents.skipped++;
    }
    done++;
    options.onProgress?.(done, found.files.length);
    if (pending.length >= batchSize) await flush();
  }
  await flush();
  return summary;
}
