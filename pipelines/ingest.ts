import type { Driver } from 'neo4j-driver';
import type { InputProblem } from '../src/model/document.ts';
import { findDocumentFiles } from '../src/ingest/read-files.ts';
import { ensureSchema, existingDocuments, writeDocuments } from '../src/graph/write-graph.ts';
import { EXTRACTOR_VERSION } from '../src/claims/build-claims.ts';
import type { DocumentRows } from '../src/graph/rows.ts';
import { documentEntities, markUnreconciled, markWriting } from '../src/graph/write-reconciled.ts';
import { reconcileGraph, ReconcileChanges, type ReconcileGraphOptions, type ReconcileSummary } from './reconcile.ts';
import { analyseInOrder, defaultWorkers } from './analyse-pool.ts';

/** Documents per write transaction, chosen by measurement (see BENCHMARKS.md). */
export const DEFAULT_BATCH_SIZE = 50;

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
  /**
   * Worker threads for the analysis; 0 analyses in this thread. Default: one per core for a
   * large input, none for a handful of files. The graph is the same either way.
   */
  workers?: number;
  /**
   * Bring facts and conflicts up to date at the end (default true): the blocks this run's documents
   * touch; off to load a corpus in parts and reconcile once (`full` then), or to time the load alone.
   */
  reconcile?: boolean;
  /** Recompute every block, not only those this run touched (after a change of the rules). */
  fullReconcile?: boolean;
  /** When this run learned what it writes (ISO time; default now): stored as `ingestedAt`, and `supersededAt` on what it replaces. */
  ingestedAt?: string;
  /** Called with the time each part of the reconciliation took, for benchmarks. */
  onReconcilePart?: ReconcileGraphOptions['onPart'];
  /** Called if another run's reconciliation is under way and this run waits for it. */
  onReconcileWait?: ReconcileGraphOptions['onWait'];
  /** Called after each write transaction, for benchmarks. */
  onBatch?: (batch: { documents: number; written: number; ms: number }) => void;
}

export interface IngestSummary {
  files: number;
  /** `changed`: the text changed (a new version; the old one is kept as history); `unchanged`: text and extractor both unchanged, left alone. */
  documents: { new: number; changed: number; unchanged: number; skipped: number };
  /** Documents whose text is unchanged but were extracted again because the extractor changed. */
  reextracted: number;
  /** The extractor version written with this run's documents (a hash of the extraction code and knowledge). */
  extractorVersion: string;
  claimsByKind: Record<string, number>;
  /** Facts and conflicts across all documents in the graph after this run, and the conflicts it added or resolved. */
  reconciled: ReconcileSummary;
  /** Ids of the documents this run wrote (new, changed or re-extracted), for showing what it changed. */
  writtenIds: string[];
  problems: InputProblem[];
}

/**
 * Files and folders into the graph: read, analyse, write in batches. A
 * document already in the graph with the same content and extractor version
 * is left alone; a changed one, or one extracted by another version of the
 * extractor, replaces its old claims.
 */
export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const { driver } = options;
  // Measured (BENCHMARKS.md): 50 loads new documents near the best rate; larger batches slow replacing changed ones.
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  // One time for the whole run: every version it supersedes and everything it writes carry it.
  const ingestedAt = options.ingestedAt ?? new Date().toISOString();
  const found = await findDocumentFiles(options.inputs);
  const problems: InputProblem[] = [...found.problems];
  const summary: IngestSummary = { files: found.files.length, documents: { new: 0, changed: 0, unchanged: 0, skipped: 0 }, reextracted: 0, extractorVersion: EXTRACTOR_VERSION, claimsByKind: {}, reconciled: { facts: 0, conflicts: 0 }, writtenIds: [], problems };
  // The entities of every document written (old and new versions): the blocks the reconciliation must redo.
  const changes = new ReconcileChanges();
  await ensureSchema(driver);

  let pending: DocumentRows[] = [];
  let marked = false;
  const seenKeys = new Set<string>();
  const flush = async () => {
    if (pending.length === 0) return;
    const existing = await existingDocuments(driver, pending.map((p) => p.document.key));
    const toWrite: DocumentRows[] = [];
    for (const rows of pending) {
      const before = existing.get(rows.document.key);
      if (before && before.id === rows.document.id && before.extractorVersion === rows.document.extractorVersion) {
        summary.documents.unchanged++;
        continue;
      }
      if (!before) summary.documents.new++;
      else if (before.id === rows.document.id) summary.reextracted++;
      else summary.documents.changed++;
      if (before) changes.dropClaims();
      else changes.addDocuments([rows.document.id]);
      toWrite.push(rows);
      summary.writtenIds.push(rows.document.id);
      changes.add(rows.entities);
      for (const c of rows.claims) summary.claimsByKind[c.kind] = (summary.claimsByKind[c.kind] ?? 0) + 1;
    }
    const replaced = toWrite.filter((r) => existing.has(r.document.key)).map((r) => r.document.key);
    if (options.reconcile !== false) changes.add(await documentEntities(driver, replaced));
    // Marked before each write: a run stopped between its writes and its reconciliation leaves
    // its mark, and the next run then redoes every block instead of only its own. Another run's
    // mark found at the first write means the same. Renewed with each write, so that a full
    // reconciliation by another run, which clears the marks of what it covered, keeps this one.
    if (toWrite.length > 0) {
      const another = await markWriting(driver, changes.run);
      if (another && !marked) changes.afterInterruptedRun();
      marked = true;
    }
    const started = performance.now();
    await writeDocuments(driver, toWrite, { ingestedAt });
    options.onBatch?.({ documents: pending.length, written: toWrite.length, ms: performance.now() - started });
    pending = [];
  };

  let done = 0;
  // Streamed: files are analysed (in workers) a bounded window ahead of the writes and arrive in
  // file order, so memory stays flat however many files there are, and batches are a sequential run's.
  const workers = options.workers ?? defaultWorkers(found.files.length);
  for await (const item of analyseInOrder(found.files, { workers, today, maxFileBytes: options.maxFileBytes, window: Math.max(2 * batchSize, 64) })) {
    problems.push(...item.problems);
    if (item.rows) {
      const key = item.rows.document.key;
      if (seenKeys.has(key)) {
        problems.push({ path: item.path, severity: 'error', reason: `same url or name as another file in this run (${key}): skipped` });
        summary.documents.skipped++;
      } else {
        seenKeys.add(key);
        pending.push(item.rows);
      }
    } else {
      summary.documents.skipped++;
    }
    done++;
    options.onProgress?.(done, found.files.length);
    if (pending.length >= batchSize) await flush();
  }
  await flush();
  // Only the blocks this run's documents touch are recomputed; the result is the one a full recomputation gives.
  if (options.reconcile !== false) {
    const reporting = { onPart: options.onReconcilePart, onWait: options.onReconcileWait };
    summary.reconciled = await reconcileGraph(driver, options.fullReconcile ? { full: true, ...reporting } : { changes, ...reporting });
  }
  else if (summary.writtenIds.length > 0) await markUnreconciled(driver);
  return summary;
}

/** Who decided what, as `oversight query who-decided-what` shows it, for the given documents only (what a run wrote). */
const DECISIONS_OF_DOCUMENTS = `
UNWIND $ids AS id
MATCH (d:Document {id: id})-[:STATES]->(c:Claim {kind: 'decision'})-[:ACTOR]->(actor:Entity)
MATCH (c)-[:FORCE]->(f:Force)
MATCH (c)-[:EVIDENCED_BY]->(s:Sentence)
OPTIONAL MATCH (d)-[:STATES]->(e:Claim {kind: 'stageEvent', stage: c.stage, change: c.change})-[:ABOUT]->(f)
WITH actor, c, f, s, d, [x IN collect(e.date) WHERE x IS NOT NULL] AS dates
RETURN actor.name AS actor, c.act AS act, f.name AS force, c.change + ' ' + c.stage AS stageChange,
       coalesce(dates[0], d.publishedAt) AS date, s.text AS evidence, d.fileName AS document
ORDER BY force, stageChange, actor, act, document`;

export async function decisionsOfDocuments(driver: Driver, documentIds: readonly string[]): Promise<Array<Record<string, unknown>>> {
  if (documentIds.length === 0) return [];
  const result = await driver.executeQuery(DECISIONS_OF_DOCUMENTS, { ids: documentIds }, { routing: 'READ' });
  return result.records.map((r) => r.toObject());
}
