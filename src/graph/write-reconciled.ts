// Reconciled facts and conflicts in the graph. After every ingest, the claims
// the reconciler needs are read back from Neo4j (all documents, not just this
// run's), reconciled, and every :Fact and :Conflict is replaced in one
// transaction: whatever order or batches documents came in, the same claims
// give the same facts and conflicts, with the same ids.
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import { Claim, type EntityRef } from '../model/claim.ts';
import { reconcile, type ReconcileOptions } from '../reconcile/reconcile.ts';
import type { ReconcileInput, Reconciliation } from '../reconcile/types.ts';
import { plain } from './queries.ts';

/** Claim kinds the reconciler reads. */
const KINDS = ['mention', 'role', 'stageEvent', 'decision', 'area', 'quote', 'detail'];

/** Qualifier properties per claim kind, as write-graph stores them on the Claim node (absent = null). */
const QUALIFIERS: Record<string, string[]> = {
  stageEvent: ['stage', 'change', 'date', 'datePrecision', 'tense'],
  decision: ['act', 'stage', 'change'],
  area: ['peel', 'polarity'],
  date: ['text', 'precision'],
  detail: ['topic', 'qualifier', 'lo', 'hi', 'ordinal', 'window'],
};

const READ_DOCUMENTS = `
MATCH (d:Document)
RETURN d.id AS id, d.fileName AS fileName, d.publisher AS publisher, d.sourceKind AS sourceKind, d.publishedAt AS publishedAt
ORDER BY id`;

const READ_CLAIMS = `
MATCH (d:Document)-[:STATES]->(c:Claim)-[:EVIDENCED_BY]->(s:Sentence)
WHERE c.kind IN $kinds
OPTIONAL MATCH (c)-[:ABOUT]->(subject:Entity)
OPTIONAL MATCH (c)-[r:ACTOR|FORCE|SPEAKER]->(linked:Entity)
WITH d, c, s, subject, collect(CASE WHEN linked IS NULL THEN null ELSE {role: toLower(type(r)), key: linked.key, name: linked.name, labels: labels(linked)} END) AS links
RETURN c {.*} AS claim, d.id AS documentId, s.index AS sentenceIndex,
       CASE WHEN subject IS NULL THEN null ELSE {key: subject.key, name: subject.name, labels: labels(subject)} END AS subject,
       links
ORDER BY c.id`;

const READ_AREA_SENTENCES = `
MATCH (c:Claim {kind: 'area'})-[:EVIDENCED_BY]->(s:Sentence)
RETURN DISTINCT s.documentId AS documentId, s.index AS index, s.text AS text
ORDER BY documentId, index`;

const entityType = (labels: unknown): EntityRef['type'] | null => {
  const l = Array.isArray(labels) ? labels.map(String) : [];
  return l.includes('Force') ? 'Force' : l.includes('Person') ? 'Person' : l.includes('Organisation') ? 'Organisation' : null;
};

const entityRef = (x: unknown): EntityRef | null => {
  if (!x || typeof x !== 'object') return null;
  const e = x as { key?: unknown; name?: unknown; labels?: unknown };
  const type = entityType(e.labels);
  return type && typeof e.key === 'string' && typeof e.name === 'string' ? { type, key: e.key, name: e.name } : null;
};

type Runner = Pick<ManagedTransaction, 'run'>;

/** Everything the reconciler needs, read back from the graph. */
export async function readReconcileInput(driver: Driver): Promise<ReconcileInput> {
  const session = driver.session({ defaultAccessMode: 'READ' });
  try {
    return await session.executeRead((tx) => readInput(tx));
  } finally {
    await session.close();
  }
}

async function readInput(tx: Runner): Promise<ReconcileInput> {
  const docs = (await tx.run(READ_DOCUMENTS)).records.map((r) => ({
    id: String(r.get('id')),
    fileName: String(r.get('fileName')),
    publisher: String(r.get('publisher')),
    sourceKind: String(r.get('sourceKind')),
    publishedAt: (r.get('publishedAt') as string | null) ?? null,
  }));
  const claims = (await tx.run(READ_CLAIMS, { kinds: KINDS })).records.map((r) => {
    const node = plain(r.get('claim')) as Record<string, unknown>;
    const kind = String(node.kind);
    const qualifiers = Object.fromEntries((QUALIFIERS[kind] ?? []).map((k) => [k, (node[k] as string | number | boolean | undefined) ?? null]));
    const links = (r.get('links') as unknown[])
      .filter((l): l is { role: string } => l !== null && typeof l === 'object')
      .map((l) => ({ role: l.role as 'actor' | 'force' | 'speaker', entity: entityRef(l)! }))
      .filter((l) => l.entity !== null)
      .sort((a, b) => (a.role < b.role ? -1 : a.role > b.role ? 1 : 0));
    return Claim.parse({
      id: node.id,
      documentId: String(r.get('documentId')),
      kind,
      subject: entityRef(r.get('subject')),
      predicate: node.predicate,
      value: node.value,
      links,
      qualifiers,
      sentenceIndex: plain(r.get('sentenceIndex')),
      start: node.start,
      end: node.end,
      evidence: node.evidence,
      extractor: node.extractor,
      extractorVersion: node.extractorVersion,
    });
  });
  const sentences = (await tx.run(READ_AREA_SENTENCES)).records.map((r) => ({
    documentId: String(r.get('documentId')),
    index: Number(plain(r.get('index'))),
    text: String(r.get('text')),
  }));
  return { documents: docs, claims, sentences };
}

// Rows validated at the boundary: plain values only, written by fixed statements.
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const FactRow = z.object({
  id: z.string(),
  subjectKey: z.string(),
  props: z.record(z.string(), z.union([scalar, z.array(z.string())])),
  claimIds: z.array(z.string()),
});
export const ConflictRow = z.object({
  id: z.string(),
  props: z.record(z.string(), scalar),
  claimsA: z.array(z.string()),
  claimsB: z.array(z.string()),
});
export type FactRow = z.infer<typeof FactRow>;
export type ConflictRow = z.infer<typeof ConflictRow>;

/** Facts and conflicts as graph rows. Pure. */
export function reconciledRows(rec: Reconciliation): { facts: FactRow[]; conflicts: ConflictRow[] } {
  const facts = rec.facts.map((f) =>
    FactRow.parse({
      id: f.id,
      subjectKey: f.subjectKey,
      props: {
        ...f.qualifiers,
        id: f.id,
        kind: f.kind,
        subject: f.subject,
        subjectKey: f.subjectKey,
        predicate: f.predicate,
        object: f.object,
        corroboration: f.corroboration,
        sourceKinds: f.sourceKinds,
        documentIds: f.documentIds,
        ...(f.surfaceForms ? { surfaceForms: [...new Set(f.surfaceForms.map((s) => s.form))].sort() } : {}),
      },
      claimIds: f.claimIds,
    }),
  );
  const conflicts = rec.conflicts.map((c) =>
    ConflictRow.parse({
      id: c.id,
      props: {
        id: c.id,
        kind: c.kind,
        confidence: c.confidence,
        rule: c.rule,
        subject: c.subject,
        force: c.force,
        stage: c.stage,
        change: c.change,
        valueA: c.a.value,
        valueB: c.b.value,
        documentA: c.a.documentId,
        documentB: c.b.documentId,
        fileA: c.a.fileName,
        fileB: c.b.fileName,
        publisherA: c.a.publisher,
        publisherB: c.b.publisher,
        sourceKindA: c.a.sourceKind,
        sourceKindB: c.b.sourceKind,
        publishedAtA: c.a.publishedAt,
        publishedAtB: c.b.publishedAt,
      },
      claimsA: c.a.claimIds,
      claimsB: c.b.claimIds,
    }),
  );
  return { facts, conflicts };
}

const REMOVE_RECONCILED = 'MATCH (n) WHERE n:Fact OR n:Conflict DETACH DELETE n';

const WRITE_FACTS = `
UNWIND $rows AS row
MERGE (f:Fact {id: row.id})
SET f += row.props
WITH f, row
CALL (f, row) {
  UNWIND row.claimIds AS claimId
  MATCH (c:Claim {id: claimId})
  MERGE (f)-[:SUPPORTED_BY]->(c)
}
CALL (f, row) {
  MATCH (e:Entity {key: row.subjectKey})
  MERGE (f)-[:ABOUT]->(e)
}`;

const WRITE_CONFLICTS = `
UNWIND $rows AS row
MERGE (x:Conflict {id: row.id})
SET x += row.props
WITH x, row
CALL (x, row) {
  UNWIND row.claimsA AS claimId
  MATCH (c:Claim {id: claimId})
  MERGE (x)-[:SIDE_A]->(c)
}
CALL (x, row) {
  UNWIND row.claimsB AS claimId
  MATCH (c:Claim {id: claimId})
  MERGE (x)-[:SIDE_B]->(c)
}`;

const BATCH = 500;

/**
 * One node, (:Reconciliation {id: 'reconciliation'}), that every reconciliation
 * locks first: two ingests finishing together reconcile one after the other, and
 * the later one, which reads every claim both wrote, has the last word.
 */
const LOCK = "MERGE (r:Reconciliation {id: 'reconciliation'}) SET r._lock = true REMOVE r._lock";
const RECORD = "MATCH (r:Reconciliation {id: 'reconciliation'}) SET r.facts = $facts, r.conflicts = $conflicts";

async function replaceReconciled(tx: Runner, rec: Reconciliation): Promise<void> {
  const rows = reconciledRows(rec);
  await tx.run(REMOVE_RECONCILED);
  for (let i = 0; i < rows.facts.length; i += BATCH) await tx.run(WRITE_FACTS, { rows: rows.facts.slice(i, i + BATCH) });
  for (let i = 0; i < rows.conflicts.length; i += BATCH) await tx.run(WRITE_CONFLICTS, { rows: rows.conflicts.slice(i, i + BATCH) });
  await tx.run(RECORD, { facts: rows.facts.length, conflicts: rows.conflicts.length });
}

/** Replaces every :Fact and :Conflict with `rec`, in one transaction. */
export async function writeReconciled(driver: Driver, rec: Reconciliation): Promise<void> {
  const session = driver.session();
  try {
    await session.executeWrite(async (tx) => {
      await tx.run(LOCK);
      await replaceReconciled(tx, rec);
    });
  } finally {
    await session.close();
  }
}

export interface ReconcileSummary {
  facts: number;
  conflicts: number;
}

/**
 * Reads the graph's claims back, reconciles them, and replaces the facts and
 * conflicts: all in one write transaction that holds the reconciliation lock,
 * so what is written is always computed from what is committed.
 */
export async function reconcileGraph(driver: Driver, options: ReconcileOptions = {}): Promise<ReconcileSummary> {
  const session = driver.session();
  try {
    return await session.executeWrite(async (tx) => {
      await tx.run(LOCK);
      const rec = reconcile(await readInput(tx), options);
      await replaceReconciled(tx, rec);
      return { facts: rec.facts.length, conflicts: rec.conflicts.length };
    });
  } finally {
    await session.close();
  }
}
