import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import type { ClaimRow, DocumentRows } from './rows.ts';

/** Uniqueness constraints and indexes; created on start, idempotent. */
export const SCHEMA_STATEMENTS = [
  'CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE',
  'CREATE CONSTRAINT document_key IF NOT EXISTS FOR (d:Document) REQUIRE d.key IS UNIQUE',
  'CREATE CONSTRAINT source_name IF NOT EXISTS FOR (s:Source) REQUIRE s.name IS UNIQUE',
  'CREATE CONSTRAINT sentence_id IF NOT EXISTS FOR (s:Sentence) REQUIRE s.id IS UNIQUE',
  'CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (c:Claim) REQUIRE c.id IS UNIQUE',
  'CREATE CONSTRAINT force_key IF NOT EXISTS FOR (f:Force) REQUIRE f.key IS UNIQUE',
  'CREATE CONSTRAINT person_key IF NOT EXISTS FOR (p:Person) REQUIRE p.key IS UNIQUE',
  'CREATE CONSTRAINT organisation_key IF NOT EXISTS FOR (o:Organisation) REQUIRE o.key IS UNIQUE',
  'CREATE CONSTRAINT entity_key IF NOT EXISTS FOR (e:Entity) REQUIRE e.key IS UNIQUE',
  'CREATE CONSTRAINT stage_name IF NOT EXISTS FOR (s:Stage) REQUIRE s.name IS UNIQUE',
  'CREATE CONSTRAINT fact_id IF NOT EXISTS FOR (f:Fact) REQUIRE f.id IS UNIQUE',
  'CREATE CONSTRAINT conflict_id IF NOT EXISTS FOR (x:Conflict) REQUIRE x.id IS UNIQUE',
  // The lock node of reconciliation: unique, so two ingests finishing together MERGE the same one.
  'CREATE CONSTRAINT reconciliation_id IF NOT EXISTS FOR (r:Reconciliation) REQUIRE r.id IS UNIQUE',
  'CREATE INDEX claim_kind IF NOT EXISTS FOR (c:Claim) ON (c.kind)',
  // Earlier versions of a document, found by its key for `oversight history` and removal.
  'CREATE INDEX superseded_document_key IF NOT EXISTS FOR (d:SupersededDocument) ON (d.key)',
] as const;

export async function ensureSchema(driver: Driver): Promise<void> {
  for (const statement of SCHEMA_STATEMENTS) {
    // Two ingests starting together race to create the same rule: the loser's "already exists" is success.
    await withRetry(async () => {
      try {
        await driver.executeQuery(statement);
      } catch (err) {
        if (!/AlreadyExists|already exists/.test(`${(err as { code?: string }).code} ${(err as Error).message}`)) throw err;
      }
    });
  }
  await driver.executeQuery('CALL db.awaitIndexes(60)');
}

/** Ids and extractor versions of documents already in the graph, by key: to skip what is unchanged. */
export async function existingDocuments(driver: Driver, keys: readonly string[]): Promise<Map<string, { id: string; extractorVersion: string }>> {
  const out = new Map<string, { id: string; extractorVersion: string }>();
  if (keys.length === 0) return out;
  const result = await driver.executeQuery(
    'UNWIND $keys AS key MATCH (d:Document {key: key}) RETURN d.key AS key, d.id AS id, d.extractorVersion AS extractorVersion',
    { keys },
    { routing: 'READ' },
  );
  for (const r of result.records) out.set(r.get('key'), { id: r.get('id'), extractorVersion: r.get('extractorVersion') });
  return out;
}

// Each statement is fixed text; document content only ever travels as parameters.
// Claims and sentences are deleted in their own subqueries: matched together they made a
// claims x sentences product per document, each row deleting again what was already deleted.
// The document node itself stays (same id, so same text and metadata): it keeps when it was first ingested.
// A sentence an earlier version shares (its text came back unchanged, so the same id) stays with it.
const CLEAR_PREVIOUS_EXTRACTION = `
UNWIND $docs AS doc
MATCH (old:Document {key: doc.key})
CALL (old) {
  MATCH (old)-[:STATES]->(c:Claim)
  DETACH DELETE c
}
CALL (old) {
  MATCH (old)-[:HAS_SENTENCE]->(s:Sentence)
  WHERE NOT (s)<-[:HAS_SENTENCE]-(:SupersededDocument)
  DETACH DELETE s
}`;

/**
 * A document whose key comes back with other content becomes an earlier version: it and its claims
 * change label (so every query, the reconciliation and the report see current claims only) and
 * keep everything else, with the time the new version replaced them. The claims' links to entities
 * become properties (`subjectName`, `links`): the entities are then what current documents name,
 * as a fresh ingest of today's files would leave them, and the history still says who was named.
 */
const SUPERSEDE_PREVIOUS = `
UNWIND $docs AS doc
MATCH (old:Document {key: doc.key})
WHERE old.id <> doc.id
SET old:SupersededDocument, old.supersededAt = $now, old.supersededBy = doc.id
REMOVE old:Document, old.blockRecord
WITH old
CALL (old) {
  MATCH (old)-[:STATES]->(c:Claim)
  OPTIONAL MATCH (c)-[:ABOUT]->(subject:Entity)
  SET c:SupersededClaim, c.supersededAt = $now, c.subjectName = subject.name,
      c.links = [(c)-[r:ACTOR|FORCE|SPEAKER]->(e:Entity) | type(r) + ':' + e.name]
  REMOVE c:Claim
  WITH c
  MATCH (c)-[r:ABOUT|ACTOR|FORCE|SPEAKER|STAGE]->()
  DELETE r
}`;

/** The new version points to the one it replaced (the one superseded in this transaction). */
const LINK_REVISIONS = `
UNWIND $docs AS doc
MATCH (new:Document {id: doc.id})
MATCH (old:SupersededDocument {key: doc.key})
WHERE old.supersededAt = $now AND old.supersededBy = doc.id
MERGE (new)-[:REVISION_OF]->(old)`;

/** Every version of the documents with these keys, current and earlier, with their claims and sentences. */
const REMOVE_ALL_VERSIONS = `
UNWIND $keys AS key
CALL (key) {
  MATCH (d:Document {key: key}) RETURN d
  UNION
  MATCH (d:SupersededDocument {key: key}) RETURN d
}
CALL (d) {
  MATCH (d)-[:STATES]->(c)
  DETACH DELETE c
}
CALL (d) {
  MATCH (d)-[:HAS_SENTENCE]->(s:Sentence)
  DETACH DELETE s
}
DETACH DELETE d`;

const MERGE_DOCUMENTS = `
UNWIND $docs AS doc
MERGE (src:Source {name: doc.publisher})
  ON CREATE SET src.kind = doc.sourceKind
MERGE (d:Document {id: doc.id})
SET d += doc, d.ingestedAt = coalesce(d.ingestedAt, $now)
MERGE (d)-[:PUBLISHED_BY]->(src)`;

const MERGE_SENTENCES = `
UNWIND $rows AS row
MATCH (d:Document {id: row.documentId})
MERGE (s:Sentence {id: row.id})
SET s.index = row.index, s.start = row.start, s.end = row.end, s.text = row.text, s.documentId = row.documentId
MERGE (d)-[:HAS_SENTENCE]->(s)`;

const MERGE_ENTITIES: Record<'Force' | 'Person' | 'Organisation', string> = {
  Force: 'UNWIND $rows AS row MERGE (e:Entity:Force {key: row.key}) ON CREATE SET e.name = row.name',
  Person: 'UNWIND $rows AS row MERGE (e:Entity:Person {key: row.key}) ON CREATE SET e.name = row.name',
  Organisation: 'UNWIND $rows AS row MERGE (e:Entity:Organisation {key: row.key}) ON CREATE SET e.name = row.name',
};

// The properties come as one map set last, and ABOUT has its own statement: a dynamic map set
// before further matches made the planner buffer every row (Eager) three times over.
const MERGE_CLAIMS = `
UNWIND $rows AS row
MATCH (d:Document {id: row.documentId})
MATCH (s:Sentence {id: row.sentenceId})
MERGE (c:Claim {id: row.id})
MERGE (d)-[:STATES]->(c)
MERGE (c)-[:EVIDENCED_BY]->(s)
SET c += row.props, c.ingestedAt = $now`;

const MERGE_SUBJECTS = `
UNWIND $rows AS row
MATCH (c:Claim {id: row.id})
MATCH (e:Entity {key: row.subjectKey})
MERGE (c)-[:ABOUT]->(e)`;

const MERGE_STAGES = `
UNWIND $rows AS row
MATCH (c:Claim {id: row.id})
MERGE (st:Stage {name: row.qualifiers.stage})
MERGE (c)-[:STAGE]->(st)`;

const MERGE_LINKS: Record<'actor' | 'force' | 'speaker', string> = {
  actor: 'UNWIND $rows AS row MATCH (c:Claim {id: row.claimId}) MATCH (e:Entity {key: row.entityKey}) MERGE (c)-[:ACTOR]->(e)',
  force: 'UNWIND $rows AS row MATCH (c:Claim {id: row.claimId}) MATCH (e:Entity {key: row.entityKey}) MERGE (c)-[:FORCE]->(e)',
  speaker: 'UNWIND $rows AS row MATCH (c:Claim {id: row.claimId}) MATCH (e:Entity {key: row.entityKey}) MERGE (c)-[:SPEAKER]->(e)',
};

/**
 * The entities and sources the previous versions of the batch's documents point to: only these
 * can be orphaned by replacing them, so only these are checked afterwards (a scan of every
 * entity on every batch grew with the graph).
 */
const PREVIOUS_REFERENCES = `
UNWIND $keys AS key
CALL (key) {
  MATCH (old:Document {key: key}) RETURN old
  UNION
  MATCH (old:SupersededDocument {key: key}) WHERE $allVersions RETURN old
}
CALL (old) {
  MATCH (old)-[:STATES]->(:Claim)-->(e:Entity)
  RETURN collect(DISTINCT e.key) AS entities
}
CALL (old) {
  MATCH (old)-[:STATES]->(:Claim)-[:STAGE]->(st:Stage)
  RETURN collect(DISTINCT st.name) AS stages
}
OPTIONAL MATCH (old)-[:PUBLISHED_BY]->(src:Source)
RETURN entities, stages, src.name AS source`;

/** Entities no claim refers to any more (after a document changed or went) are removed; so are such stages and sources. */
const REMOVE_ORPHAN_ENTITIES = 'UNWIND $keys AS key MATCH (e:Entity {key: key}) WHERE NOT (e)<--(:Claim) DETACH DELETE e';
const REMOVE_ORPHAN_STAGES = 'UNWIND $names AS name MATCH (st:Stage {name: name}) WHERE NOT (st)<-[:STAGE]-(:Claim) DETACH DELETE st';
const REMOVE_ORPHAN_SOURCES = 'UNWIND $names AS name MATCH (s:Source {name: name}) WHERE NOT (s)<-[:PUBLISHED_BY]-() DELETE s';

/** What documents about to be replaced or removed point to: the only nodes they can orphan. */
export interface PreviousReferences {
  entities: Set<string>;
  stages: Set<string>;
  sources: Set<string>;
}

/** The entities, stages and sources the documents with these keys point to now (with `allVersions`, their earlier versions too). */
export async function previousReferences(tx: Pick<ManagedTransaction, 'run'>, keys: readonly string[], options: { allVersions?: boolean } = {}): Promise<PreviousReferences> {
  const refs: PreviousReferences = { entities: new Set(), stages: new Set(), sources: new Set() };
  const previous = await tx.run(PREVIOUS_REFERENCES, { keys, allVersions: options.allVersions ?? false });
  for (const r of previous.records) {
    for (const key of r.get('entities') as string[]) refs.entities.add(key);
    for (const name of r.get('stages') as string[]) refs.stages.add(name);
    const source = r.get('source') as string | null;
    if (source !== null) refs.sources.add(source);
  }
  return refs;
}

/** Deletes every version of the documents with these keys with their sentences and claims (not what they orphan: see removeOrphans). */
export async function removeDocumentsByKey(tx: Pick<ManagedTransaction, 'run'>, keys: readonly string[]): Promise<void> {
  await tx.run(REMOVE_ALL_VERSIONS, { keys });
}

/** Removes those of `refs` that nothing refers to any more. */
export async function removeOrphans(tx: Pick<ManagedTransaction, 'run'>, refs: PreviousReferences): Promise<void> {
  if (refs.entities.size) await tx.run(REMOVE_ORPHAN_ENTITIES, { keys: [...refs.entities].sort() });
  if (refs.stages.size) await tx.run(REMOVE_ORPHAN_STAGES, { names: [...refs.stages].sort() });
  if (refs.sources.size) await tx.run(REMOVE_ORPHAN_SOURCES, { names: [...refs.sources].sort() });
}

/**
 * Writes a batch of documents in one transaction: a document is there whole or
 * not at all. A document already present under the same key with other content
 * becomes an earlier version (REVISION_OF, its claims superseded, nothing
 * deleted); with the same content, its claims are replaced, so no stale claim
 * survives an upgrade of the extractor.
 */
export async function writeDocuments(driver: Driver, batch: readonly DocumentRows[], options: WriteOptions = {}): Promise<void> {
  if (batch.length === 0) return;
  const ingestedAt = options.ingestedAt ?? new Date().toISOString();
  await withRetry(async () => {
    const session = driver.session();
    try {
      await session.executeWrite((tx) => writeBatch(tx, batch, ingestedAt));
    } finally {
      await session.close();
    }
  }, options.retry ?? DEFAULT_RETRY);
}

export interface WriteOptions {
  retry?: RetryPolicy;
  /** When this run learned what it writes (ISO time): on new documents and claims, and on the versions they supersede. */
  ingestedAt?: string;
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Bounded: at most `attempts` tries, the wait doubling from baseDelayMs up to maxDelayMs. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 4000 };

/**
 * Retries work that failed for a transient reason (a deadlock, a lost
 * connection, a leader switch): the whole transaction runs again, so a
 * document is never half written. Other errors pass straight through.
 */
export async function withRetry<T>(work: () => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY, isRetryable: (err: unknown) => boolean = isTransient): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= policy.attempts || !isRetryable(err)) throw err;
      const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

export function isTransient(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return neo4j.isRetryableError(err as Error) || code.startsWith('Neo.TransientError') || code === 'ServiceUnavailable' || code === 'SessionExpired';
}

/** One batch's statements in `tx`; exported for the benchmark's PROFILE of each statement. */
export async function writeBatch(tx: ManagedTransaction, batch: readonly DocumentRows[], now: string = new Date().toISOString()): Promise<void> {
  const docs = batch.map((b) => b.document);
  const previous = await previousReferences(tx, docs.map((d) => d.key));
  // New content under a known key: the old version stays as history. Same content read again
  // (a new extractor): its old claims go, so no stale claim survives an upgrade.
  await tx.run(SUPERSEDE_PREVIOUS, { docs: docs.map(({ id, key }) => ({ id, key })), now });
  await tx.run(CLEAR_PREVIOUS_EXTRACTION, { docs: docs.map(({ key }) => ({ key })) });
  await tx.run(MERGE_DOCUMENTS, { docs, now });
  await tx.run(LINK_REVISIONS, { docs: docs.map(({ id, key }) => ({ id, key })), now });
  await tx.run(MERGE_SENTENCES, { rows: batch.flatMap((b) => b.sentences) });
  for (const type of ['Force', 'Person', 'Organisation'] as const) {
    const rows = dedupeBy(batch.flatMap((b) => b.entities.filter((e) => e.type === type)), (e) => e.key);
    if (rows.length) await tx.run(MERGE_ENTITIES[type], { rows });
  }
  const claims = batch.flatMap((b) => b.claims);
  await tx.run(MERGE_CLAIMS, { rows: claims.map(claimRow), now });
  await tx.run(MERGE_SUBJECTS, { rows: claims.filter((c) => c.subjectKey !== null).map((c) => ({ id: c.id, subjectKey: c.subjectKey })) });
  // Only what the statement reads: the whole claim (evidence and all) would travel over Bolt again.
  await tx.run(MERGE_STAGES, { rows: claims.filter((c) => typeof c.qualifiers.stage === 'string').map((c) => ({ id: c.id, qualifiers: { stage: c.qualifiers.stage } })) });
  for (const role of ['actor', 'force', 'speaker'] as const) {
    const rows = batch.flatMap((b) => b.links.filter((l) => l.role === role));
    if (rows.length) await tx.run(MERGE_LINKS[role], { rows });
  }
  // New documents orphan nothing: only a replaced document's old references are checked.
  await removeOrphans(tx, previous);
}

/** A claim's node properties: its fields, then its qualifiers (null ones are not set, as before). */
function claimRow(c: ClaimRow): { id: string; documentId: string; sentenceId: string; props: Record<string, unknown> } {
  const { kind, predicate, value, start, end, evidence, extractor, extractorVersion, documentId } = c;
  return { id: c.id, documentId, sentenceId: c.sentenceId, props: { kind, predicate, value, start, end, evidence, extractor, extractorVersion, documentId, ...c.qualifiers } };
}

function dedupeBy<T>(items: T[], key: (t: T) => string): T[] {
  const m = new Map<string, T>();
  for (const i of items) if (!m.has(key(i))) m.set(key(i), i);
  return [...m.values()];
}
