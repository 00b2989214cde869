// Reconciled facts and conflicts in the graph: the storage side of a
// reconciliation kept up to date block by block (pipelines/reconcile.ts runs
// it and calls the reconciler; this module reads blocks and writes results).
//
// Reconciliation is a function of blocks: everything about one force (its
// stage events and their episodes, decisions, areas, counts and every
// conflict about it), one entity (its fact), and one surname (entity
// resolution of people, and the side each acts for). An ingest or a removal
// reconciles only the blocks its documents touch: it reads those blocks'
// claims, one block at a time, and replaces only their facts and conflicts,
// in transactions of bounded size. The result is the one a reconciliation of
// the whole graph gives (tests/graph/incremental.test.ts): the same facts and
// conflicts, with the same ids, whatever order or parts documents came in.
// A force block's facts and conflicts are changed by difference
// (src/graph/block-changes.ts): a fact that stays keeps its node and links,
// and gains only the links of the new claims.
// An ingest that only adds documents does not read an entity block again:
// the new mentions are joined to the entity's fact (its documents, kinds and
// forms are unions), which is what most of a large graph's entity facts need.
// Nor, most often, a force block: the new documents are joined to the force's
// ledger (src/graph/ledgers.ts, pipelines/join-forces.ts), and their facts to
// the force's facts in the graph (JOIN_BLOCK_FACTS).
//
// What a block reads:
// - a force: the claims a force's facts rest on (FORCE_BLOCK_KINDS) of every
//   document naming it, from the document's block record (one property a
//   document, src/graph/block-record.ts), and the stage claims
//   of other forces those documents state stage events of (a document's main
//   event can be another force's, so those forces' episodes must be whole);
// - a surname: the people of that surname, the forces of the texts naming
//   them and their roles. The outcome is kept on (:Resolution) nodes (each
//   person's canonical name and side), so that the next change can tell
//   which people it moved and which forces' decisions that touches.
import type { Driver } from 'neo4j-driver';
import { z } from 'zod';
import { Claim, type EntityRef } from '../model/claim.ts';
import type { EntityMention } from '../reconcile/reconcile.ts';
import type { Conflict, Fact, ReconcileDocument, ReconcileInput, Reconciliation } from '../reconcile/types.ts';
import { cmp, pushTo } from '../reconcile/collections.ts';
import { chunks } from '../util/chunks.ts';
import { stableId } from '../util/hash.ts';
import { conflictDigest, factId } from '../reconcile/support.ts';
import { blockChanges, type BlockChanges, type StoredBlock, type StoredConflict, type StoredFact } from './block-changes.ts';
import { blockClaim, blockRecordOf, FORCE_BLOCK_KINDS, parseBlockRecord, QUALIFIERS, type BlockRecord } from './block-record.ts';
import { plain } from './queries.ts';

/** Claim kinds the reconciler reads. */
const KINDS = ['mention', 'role', 'stageEvent', 'decision', 'area', 'quote', 'detail'];

/** One row per claim: the claim, its document, its sentence (the text for area claims) and its entities. */
const CLAIM_ROW = `
OPTIONAL MATCH (c)-[:ABOUT]->(subject:Entity)
OPTIONAL MATCH (c)-[r:ACTOR|FORCE|SPEAKER]->(linked:Entity)
WITH d, c, s, subject, collect(CASE WHEN linked IS NULL THEN null ELSE {role: toLower(type(r)), key: linked.key, name: linked.name, labels: labels(linked)} END) AS links
RETURN c {.*} AS claim, d {.id, .fileName, .publisher, .sourceKind, .publishedAt, .extractorVersion} AS document, s.index AS sentenceIndex,
       CASE WHEN c.kind = 'area' THEN s.text ELSE null END AS areaSentence,
       CASE WHEN subject IS NULL THEN null ELSE {key: subject.key, name: subject.name, labels: labels(subject)} END AS subject,
       links`;

/** Every claim of the whole graph (tests and benchmarks; reconciliation itself reads block by block). */
const READ_ALL_CLAIMS = `
MATCH (d:Document)-[:STATES]->(c:Claim)-[:EVIDENCED_BY]->(s:Sentence)
WHERE c.kind IN $kinds
${CLAIM_ROW}`;

/**
 * The documents that name some forces, each once with the keys of the forces it names and its
 * block record (src/graph/block-record.ts) when it has one.
 */
const READ_FORCE_RECORDS = `
UNWIND $keys AS key
MATCH (:Force {key: key})<-[:ABOUT|ACTOR|FORCE|SPEAKER]-(:Claim)<-[:STATES]-(d:Document)
WITH d, collect(DISTINCT key) AS keys
RETURN keys, d {.id, .fileName, .publisher, .sourceKind, .publishedAt} AS document, CASE WHEN $records THEN d.blockRecord ELSE null END AS record`;

/** The claims a force block reads of some documents, one by one: for documents without a block record. */
const READ_DOCUMENT_CLAIMS = `
UNWIND $ids AS id
MATCH (d:Document {id: id})-[:STATES]->(c:Claim)-[:EVIDENCED_BY]->(s:Sentence)
WHERE c.kind IN $kinds OR (c.kind = 'mention' AND EXISTS { (c)-[:ABOUT]->(:Force) })
${CLAIM_ROW}`;

/** Every stage claim about some forces, from any document. */
const READ_STAGE_CLAIMS = `
UNWIND $keys AS key
MATCH (:Force {key: key})<-[:ABOUT]-(c:Claim {kind: 'stageEvent'})-[:EVIDENCED_BY]->(s:Sentence)
MATCH (d:Document)-[:STATES]->(c)
${CLAIM_ROW}`;

const READ_DOCUMENTS = `
MATCH (d:Document)
RETURN d.id AS id, d.fileName AS fileName, d.publisher AS publisher, d.sourceKind AS sourceKind, d.publishedAt AS publishedAt`;

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

export interface ClaimRecord {
  get(key: string): unknown;
}

const documentOf = (x: unknown): ReconcileDocument => {
  const d = plain(x) as Record<string, unknown>;
  return {
    id: String(d.id),
    fileName: String(d.fileName),
    publisher: String(d.publisher),
    sourceKind: String(d.sourceKind),
    publishedAt: (d.publishedAt as string | null) ?? null,
  };
};

function claimOf(r: ClaimRecord, documentId: string): Claim {
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
    documentId,
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
}

/** Claim rows to the reconciler's input: documents, claims (once each) and the sentences area claims sit in. */
class InputBuilder {
  /** `project`: what of a claim read claim by claim is kept (a force block keeps what its records keep). */
  constructor(private readonly project: (c: Claim) => Claim = (c) => c) {}

  private readonly documents = new Map<string, ReconcileDocument>();
  private readonly claims = new Map<string, Claim>();
  private readonly sentences = new Map<string, { documentId: string; index: number; text: string }>();

  /** A document's block record: its claims and area sentences as they were written with it. */
  addRecord(document: ReconcileDocument, record: BlockRecord): void {
    if (!this.documents.has(document.id)) this.documents.set(document.id, document);
    for (const claim of record.claims) if (!this.claims.has(claim.id)) this.claims.set(claim.id, claim);
    for (const s of record.sentences) this.sentences.set(`${document.id}:${s.index}`, { documentId: document.id, index: s.index, text: s.text });
  }

  add(records: readonly ClaimRecord[]): void {
    for (const r of records) {
      const document = documentOf(r.get('document'));
      if (!this.documents.has(document.id)) this.documents.set(document.id, document);
      const claim = this.project(claimOf(r, document.id));
      if (!this.claims.has(claim.id)) this.claims.set(claim.id, claim);
      const text = r.get('areaSentence');
      if (typeof text === 'string') this.sentences.set(`${document.id}:${claim.sentenceIndex}`, { documentId: document.id, index: claim.sentenceIndex, text });
    }
  }

  /** The claims added so far. */
  claimsNow(): IterableIterator<Claim> {
    return this.claims.values();
  }

  input(): ReconcileInput {
    return { documents: [...this.documents.values()], claims: [...this.claims.values()], sentences: [...this.sentences.values()] };
  }
}

/** Everything the reconciler needs, read back from the whole graph: for tests and benchmarks of small graphs. */
export async function readReconcileInput(driver: Driver): Promise<ReconcileInput> {
  const session = driver.session({ defaultAccessMode: 'READ' });
  try {
    return await session.executeRead(async (tx) => {
      const builder = new InputBuilder();
      builder.add((await tx.run(READ_ALL_CLAIMS, { kinds: KINDS })).records);
      const input = builder.input();
      // Documents without claims count too (the reconciler is given every document).
      const docs = (await tx.run(READ_DOCUMENTS)).records.map((r) => documentOf(r.toObject()));
      return { ...input, documents: docs };
    });
  } finally {
    await session.close();
  }
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
/**
 * An entity fact joined to (see JOIN_ENTITY_FACTS): its properties but its documents and their
 * count, the new mentions' documents, and the new mentions' claims to link.
 */
export const EntityJoinRow = FactRow.extend({ documentIds: z.array(z.string()) });
export type EntityJoinRow = z.infer<typeof EntityJoinRow>;
export type ConflictRow = z.infer<typeof ConflictRow>;
/**
 * A force block's fact joined to (see JOIN_BLOCK_FACTS): its properties but its unions, with the
 * digest of those, and the new documents' unions (documents, kinds of source) and claims.
 */
export const BlockJoinRow = FactRow.extend({ documentIds: z.array(z.string()), sourceKinds: z.array(z.string()) });
export type BlockJoinRow = z.infer<typeof BlockJoinRow>;

/** The join row of a fact new documents state (see joinForce): its unions theirs only, for the graph to widen. Pure. */
export function blockJoinRow(fact: Fact): BlockJoinRow {
  const [row] = reconciledRows({ facts: [fact], conflicts: [] }).facts;
  const { documentIds, sourceKinds, corroboration: _c, linkedClaims: _l, ...props } = row!.props;
  return BlockJoinRow.parse({ ...row, props, documentIds, sourceKinds });
}

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
  ).map((row) => (row.props.kind === 'entity' ? row : withBlockKeeping(row)));
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

/**
 * Properties of a force block's fact that are unions over its statements: the documents, their
 * kinds and count, an area's words. They change only with the claims the fact links, and a join
 * (JOIN_BLOCK_FACTS) widens them in the graph, so the digest leaves them out.
 */
export const UNION_PROPERTIES = ['documentIds', 'sourceKinds', 'corroboration', 'texts'] as const;

/**
 * A force block's fact with what an incremental run compares it by, kept with it (not exported):
 * a digest of its properties but the unions (UNION_PROPERTIES: a fact whose claims change is
 * written again whole), and the ids of the claims it links as one string. Reading these is a
 * fraction of reading the properties themselves (a stage event's fact lists every document about
 * the event) or following every link. An entity fact is joined to, never compared.
 */
function withBlockKeeping(row: FactRow): FactRow {
  return { ...row, props: { ...row.props, digest: factDigest(row.props), linkedClaims: row.claimIds.join(' ') } };
}

/** The digest of a fact's properties but its unions (see withBlockKeeping). */
export function factDigest(props: FactRow['props']): string {
  const kept: Record<string, unknown> = { ...props };
  for (const k of [...UNION_PROPERTIES, 'digest', 'linkedClaims']) delete kept[k];
  return stableId('fact-properties', kept);
}

// Parts of the fact statements below, each a subquery over a fact `f` and its `row`.
/** Links the fact to the row's claims. */
const LINK_CLAIMS = `
CALL (f, row) {
  UNWIND row.claimIds AS claimId
  MATCH (c:Claim {id: claimId})
  MERGE (f)-[:SUPPORTED_BY]->(c)
}`;
/** Links the fact to the entity it is about. */
const LINK_SUBJECT = `
CALL (f, row) {
  MATCH (e:Entity {key: row.subjectKey})
  MERGE (f)-[:ABOUT]->(e)
}`;
/**
 * The fact's documents joined with the row's, as a sorted list without repeats. The fact's list is
 * sorted already (and may hold every document of the graph), and so are the row's (sortedUnique):
 * each new id's place in the old list is found by a binary search (40 halvings, past any list's
 * size), those there already are dropped, and the list is put together from slices of the old one
 * with the new ids between them, instead of being sorted again. Each slice is taken from the old
 * list, never from one built in the same step, so that no list nests in itself. Document ids are
 * hex (stableId), whose order in Cypher is the reconciler's (cmp).
 */
const DOCUMENT_UNION = `
CALL (f, row) {
  WITH coalesce(f.documentIds, []) AS old
  WITH old, [id IN row.documentIds | [id, reduce(b = [0, size(old)], _ IN range(1, 40) |
    CASE WHEN b[0] >= b[1] THEN b WHEN old[(b[0] + b[1]) / 2] < id THEN [(b[0] + b[1]) / 2 + 1, b[1]] ELSE [b[0], (b[0] + b[1]) / 2] END)[0]]] AS places
  WITH old, [p IN places WHERE old[p[1]] IS NULL OR old[p[1]] <> p[0]] AS fresh
  RETURN reduce(ids = [], i IN range(0, size(fresh)) |
    ids + old[CASE WHEN i = 0 THEN 0 ELSE fresh[i - 1][1] END..CASE WHEN i = size(fresh) THEN size(old) ELSE fresh[i][1] END]
        + CASE WHEN i < size(fresh) THEN [fresh[i][0]] ELSE [] END) AS documentIds
}`;

const WRITE_FACTS = `
UNWIND $rows AS row
MERGE (f:Fact {id: row.id})
SET f += row.props
WITH f, row
${LINK_CLAIMS}
${LINK_SUBJECT}`;

/**
 * New mentions joined to entity facts: the documents are a sorted union made in the graph, so the
 * fact's list (every document, for an organisation most documents name) does not travel to Node
 * and back. Document ids are hex (stableId), whose order in Cypher is the reconciler's (cmp).
 */
const JOIN_ENTITY_FACTS = `
UNWIND $rows AS row
MATCH (f:Fact {id: row.id})
${DOCUMENT_UNION}
SET f += row.props, f.documentIds = documentIds, f.corroboration = size(documentIds)
WITH f, row
${LINK_CLAIMS}`;

/**
 * New documents' statements joined to force blocks' facts (see joinForce): the documents, kinds
 * of source and claim ids are sorted unions made in the graph, so a stage event's list of every
 * document about it does not travel to Node and back; every other property is set as given. The
 * claim ids are joined in pieces of 100: a string joined one id at a time is copied once an id.
 * Ids are hex, and kinds plain words: Cypher's order is the reconciler's (cmp).
 */
const JOIN_BLOCK_FACTS = `
UNWIND $rows AS row
MERGE (f:Fact {id: row.id})
WITH f, row
${DOCUMENT_UNION}
CALL (f, row) {
  UNWIND coalesce(f.sourceKinds, []) + row.sourceKinds AS kind
  WITH DISTINCT kind ORDER BY kind
  RETURN collect(kind) AS sourceKinds
}
CALL (f, row) {
  UNWIND CASE WHEN coalesce(f.linkedClaims, '') = '' THEN [] ELSE split(f.linkedClaims, ' ') END + row.claimIds AS id
  WITH DISTINCT id ORDER BY id
  WITH collect(id) AS ids
  WITH [i IN range(0, size(ids) - 1, 100) | reduce(s = '', id IN ids[i..i + 100] | s + CASE WHEN s = '' THEN '' ELSE ' ' END + id)] AS pieces
  RETURN reduce(s = '', p IN pieces | s + CASE WHEN s = '' THEN '' ELSE ' ' END + p) AS linkedClaims
}
SET f += row.props, f.documentIds = documentIds, f.sourceKinds = sourceKinds, f.corroboration = size(documentIds), f.linkedClaims = linkedClaims
WITH f, row
${LINK_CLAIMS}
${LINK_SUBJECT}`;

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

/** Rows per write transaction at most, and claim links (SUPPORTED_BY, SIDE_A, SIDE_B) at most: well under Neo4j's transaction memory at its default heap. */
const MAX_ROWS = 500;
const MAX_LINKS = 20_000;
/** Keys per read of entity blocks or people. */
export const KEY_CHUNK = 500;

/**
 * The lock node of reconciliation: every write transaction of a reconciliation
 * takes it first, so two ingests finishing together write one after the other.
 */
const LOCK = "MERGE (r:Reconciliation {id: 'reconciliation'}) SET r._lock = true REMOVE r._lock";
/** The layout of what reconciliation keeps (blocks, :Resolution nodes); a graph written under another is recomputed in full. */
// 4: a force block's facts keep the ids of the claims they link (`claimIds`), read to change them by difference.
// 5: those ids as one string (`linkedClaims`), and a digest of the fact's properties (`digest`), read instead of them.
// 6: the digest leaves out the unions a join widens (UNION_PROPERTIES); a force's ledger on a (:Ledger) node.
const LAYOUT = 6;
// Writing marks are "run@time" (the server's epoch milliseconds of the run's last write): a run's own
// mark goes with its reconciliation; a full one also clears the marks of writes made before it began.
const RECORD = `
MATCH (r:Reconciliation {id: 'reconciliation'})
SET r.facts = COUNT { (:Fact) }, r.conflicts = COUNT { (:Conflict) }, r.layout = $layout,
    r.writers = [w IN coalesce(r.writers, []) WHERE NOT w STARTS WITH $run + '@' AND NOT ($full AND toInteger(split(w, '@')[1]) < $since)],
    r.writing = CASE WHEN $full THEN null ELSE r.writing END
RETURN r.facts AS facts, r.conflicts AS conflicts`;

const MARK_WRITING = `
MERGE (r:Reconciliation {id: 'reconciliation'})
WITH r, [w IN coalesce(r.writers, []) WHERE NOT w STARTS WITH $run + '@'] AS others, coalesce(r.writing, false) AS earlier
SET r.writers = others + ($run + '@' + toString(datetime().epochMillis)), r.writing = CASE WHEN earlier THEN true ELSE null END
RETURN size(others) > 0 OR earlier AS before`;

const SCHEMA = [
  'CREATE CONSTRAINT resolution_key IF NOT EXISTS FOR (r:Resolution) REQUIRE r.key IS UNIQUE',
  'CREATE INDEX resolution_surname IF NOT EXISTS FOR (r:Resolution) ON (r.surname)',
  'CREATE INDEX resolution_canonical IF NOT EXISTS FOR (r:Resolution) ON (r.canonical)',
  'CREATE INDEX fact_force IF NOT EXISTS FOR (f:Fact) ON (f.force)',
  'CREATE INDEX conflict_force IF NOT EXISTS FOR (x:Conflict) ON (x.force)',
  'CREATE CONSTRAINT ledger_force IF NOT EXISTS FOR (l:Ledger) REQUIRE l.force IS UNIQUE',
];

export async function ensureReconciledSchema(driver: Driver): Promise<void> {
  for (const statement of SCHEMA) {
    try {
      await driver.executeQuery(statement);
    } catch (err) {
      if (!/AlreadyExists|already exists/.test(`${(err as { code?: string }).code} ${(err as Error).message}`)) throw err;
    }
  }
  await driver.executeQuery('CALL db.awaitIndexes(60)');
}

/** A read query's rows. */
export async function read(driver: Driver, query: string, params: Record<string, unknown>): Promise<ClaimRecord[]> {
  return (await driver.executeQuery(query, params, { routing: 'READ' })).records;
}

/** A write query's rows, in a transaction that holds reconciliation's lock node first (LOCK). */
export async function write(driver: Driver, query: string, params: Record<string, unknown>): Promise<ClaimRecord[]> {
  const session = driver.session();
  try {
    return await session.executeWrite(async (tx) => {
      await tx.run(LOCK);
      return (await tx.run(query, params)).records;
    });
  } finally {
    await session.close();
  }
}

/** Runs a bounded delete (it returns the count `n` it removed, at most its LIMIT) in transactions until nothing is left. */
async function writeUntilNone(driver: Driver, statement: string, params: Record<string, unknown>): Promise<void> {
  for (;;) {
    const [r] = await write(driver, statement, params);
    if (Number(plain(r?.get('n') ?? 0)) === 0) return;
  }
}

/** Writes rows in transactions of bounded size: at most MAX_ROWS rows and about MAX_LINKS claim links each. */
class BatchWriter<R> {
  private rows: R[] = [];
  private links = 0;
  constructor(
    private readonly driver: Driver,
    private readonly statement: string,
    private readonly linksOf: (row: R) => number,
  ) {}

  async add(row: R): Promise<void> {
    const n = this.linksOf(row);
    if (this.rows.length > 0 && (this.rows.length >= MAX_ROWS || this.links + n > MAX_LINKS)) await this.flush();
    this.rows.push(row);
    this.links += n;
  }

  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    const rows = this.rows;
    this.rows = [];
    this.links = 0;
    // A row of more links than MAX_LINKS (an organisation named in most documents) goes alone, its links in parts.
    if (rows.length === 1 && this.linksOf(rows[0]!) > MAX_LINKS) {
      await writeLarge(this.driver, this.statement, rows[0]!);
      return;
    }
    await write(this.driver, this.statement, { rows });
  }
}

/** One fact or conflict with more claim links than a transaction should carry: its node first, then its links in parts. */
async function writeLarge(driver: Driver, statement: string, row: unknown): Promise<void> {
  const r = row as { claimIds?: string[]; claimsA?: string[]; claimsB?: string[] };
  const parts = (ids: string[] | undefined) => chunks(ids ?? [], MAX_LINKS);
  if (r.claimIds) {
    const all = parts(r.claimIds);
    for (let i = 0; i < Math.max(all.length, 1); i++) await write(driver, statement, { rows: [{ ...r, claimIds: all[i] ?? [] }] });
  } else {
    const a = parts(r.claimsA);
    const b = parts(r.claimsB);
    for (let i = 0; i < Math.max(a.length, b.length, 1); i++) await write(driver, statement, { rows: [{ ...r, claimsA: a[i] ?? [], claimsB: b[i] ?? [] }] });
  }
}

/** An entity a changed document names (in its old or new version). */
export interface TouchedEntity {
  key: string;
  type: EntityRef['type'];
  name: string;
}



const READ_DOCUMENT_ENTITIES = `
UNWIND $keys AS key
MATCH (:Document {key: key})-[:STATES]->(:Claim)-[:ABOUT|ACTOR|FORCE|SPEAKER]->(e:Entity)
RETURN DISTINCT e.key AS key, e.name AS name, labels(e) AS labels`;

/** The entities the graph's current versions of these documents name: read before they are replaced or removed. */
export async function documentEntities(driver: Driver, documentKeys: readonly string[]): Promise<TouchedEntity[]> {
  if (documentKeys.length === 0) return [];
  const out: TouchedEntity[] = [];
  for (const r of await read(driver, READ_DOCUMENT_ENTITIES, { keys: documentKeys })) {
    const type = entityType(r.get('labels'));
    if (type) out.push({ key: String(r.get('key')), name: String(r.get('name')), type });
  }
  return out;
}

export interface ChangedConflict {
  id: string;
  kind: string;
  subject: string;
  fileA: string;
  fileB: string;
}


/**
 * One person's entity resolution as kept on a (:Resolution) node: canonical name and side, and
 * what they were resolved from (their name, the forces of the documents naming them, their
 * roles), so that documents only added widen these instead of having them read again.
 */
export interface Resolution {
  key: string;
  surname: string;
  canonical: string;
  canonicalName: string;
  side: string | null;
  name: string;
  forces: string[];
  roles: string[];
}

const READ_RESOLUTIONS_BY_SURNAME = `
UNWIND $surnames AS surname
MATCH (r:Resolution {surname: surname})
RETURN r {.key, .surname, .canonical, .canonicalName, .side, .name, .forces, .roles} AS r`;

const READ_RESOLUTIONS = `
UNWIND $keys AS key
MATCH (r:Resolution {key: key})
RETURN r {.key, .surname, .canonical, .canonicalName, .side, .name, .forces, .roles} AS r`;

const READ_ALIASES = `
UNWIND $keys AS key
MATCH (r:Resolution {canonical: key})
RETURN key, collect(r.key) AS aliases`;

/** People with what resolution needs: their name, the forces the documents naming them name, and their roles. */
const READ_PEOPLE = `
UNWIND $keys AS key
MATCH (p:Person {key: key})
CALL (p) {
  MATCH (p)<-[:ABOUT|ACTOR|FORCE|SPEAKER]-(c:Claim)<-[:STATES]-(d:Document)
  WHERE c.kind IN $kinds
  RETURN collect(DISTINCT d) AS docs
}
WITH p, docs WHERE size(docs) > 0
CALL (docs) {
  UNWIND docs AS d
  OPTIONAL MATCH (d)-[:STATES]->(c:Claim)-[:ABOUT|ACTOR|FORCE|SPEAKER]->(f:Force)
  WHERE c.kind IN $kinds
  RETURN collect(DISTINCT f.key) AS forces
}
CALL (p) {
  OPTIONAL MATCH (p)<-[:ABOUT]-(r:Claim {kind: 'role'})
  RETURN collect(DISTINCT r.value) AS roles
}
RETURN p.key AS key, p.name AS name, forces, roles`;

/** The people these documents name, with the forces each document names and the roles it gives them. */
const READ_PEOPLE_IN_DOCUMENTS = `
UNWIND $ids AS id
MATCH (d:Document {id: id})-[:STATES]->(c:Claim)-[:ABOUT|ACTOR|FORCE|SPEAKER]->(p:Person)
WHERE c.kind IN $kinds
WITH DISTINCT p, d
CALL (d) {
  OPTIONAL MATCH (d)-[:STATES]->(c:Claim)-[:ABOUT|ACTOR|FORCE|SPEAKER]->(f:Force)
  WHERE c.kind IN $kinds
  RETURN collect(DISTINCT f.key) AS forces
}
CALL (p, d) {
  OPTIONAL MATCH (d)-[:STATES]->(r:Claim {kind: 'role'})-[:ABOUT]->(p)
  RETURN collect(DISTINCT r.value) AS roles
}
RETURN p.key AS key, p.name AS name, forces, roles`;

const WRITE_RESOLUTIONS = `
UNWIND $rows AS row
MERGE (r:Resolution {key: row.key})
SET r += row`;

const REMOVE_RESOLUTIONS = 'UNWIND $keys AS key MATCH (r:Resolution {key: key}) DELETE r';

const FORCES_OF_ACTORS = `
UNWIND $keys AS key
MATCH (:Person {key: key})<-[:ACTOR]-(:Claim {kind: 'decision'})-[:FORCE]->(f:Force)
RETURN DISTINCT f.key AS key, f.name AS name`;

/** Forces stated in stage events by documents that state stage events of the given ones. */
const FORCES_BESIDE = `
UNWIND $keys AS key
MATCH (g:Force {key: key})<-[:ABOUT]-(:Claim {kind: 'stageEvent'})<-[:STATES]-(d:Document)
WITH DISTINCT g, d
MATCH (d)-[:STATES]->(:Claim {kind: 'stageEvent'})-[:ABOUT]->(f:Force)
WHERE f <> g
RETURN DISTINCT f.key AS key, f.name AS name`;

/**
 * Force blocks' facts (not entity facts) as the graph holds them, with how many claims they
 * link, and their conflicts, a side's claim of an earlier version as null: one read for several forces.
 */
const READ_STORED_BLOCKS = `
UNWIND $names AS name
CALL (name) {
  MATCH (f:Fact {force: name})
  WHERE f.kind <> 'entity'
  RETURN collect({id: f.id, digest: f.digest, linked: f.linkedClaims, links: COUNT { (f)-[:SUPPORTED_BY]->() }}) AS facts
}
CALL (name) {
  MATCH (x:Conflict {force: name})
  RETURN collect({
    props: properties(x),
    claimsA: [(x)-[:SIDE_A]->(c) | CASE WHEN c:Claim THEN c.id ELSE null END],
    claimsB: [(x)-[:SIDE_B]->(c) | CASE WHEN c:Claim THEN c.id ELSE null END]
  }) AS conflicts
}
RETURN name, facts, conflicts`;

/** The same, with the claims they link, followed one by one (after claims left the graph). */
const READ_STORED_FACT_LINKS = `
MATCH (f:Fact {force: $name})
WHERE f.kind <> 'entity'
OPTIONAL MATCH (f)-[:SUPPORTED_BY]->(c)
WITH f, collect(CASE WHEN c:Claim THEN c.id END) AS claims, sum(CASE WHEN c IS NULL OR c:Claim THEN 0 ELSE 1 END) AS stale
RETURN f.id AS id, f.digest AS digest, f.linkedClaims AS linked, claims, stale > 0 AS stale`;

/** Links of facts that stay to the claims they no longer rest on, and to claims of earlier versions. */
const UNLINK_FACTS = `
UNWIND $rows AS row
MATCH (:Fact {id: row.id})-[r:SUPPORTED_BY]->(c)
WHERE c.id IN row.claims OR (row.stale AND NOT c:Claim)
DELETE r`;

const REMOVE_CONFLICTS_BY_ID = 'UNWIND $ids AS id MATCH (x:Conflict {id: id}) DETACH DELETE x';

/** An entity fact can hold a link to every mention of what most documents name: links go first, in parts. */
const REMOVE_FACT_LINKS_BY_ID = `UNWIND $ids AS id MATCH (:Fact {id: id})-[r]->() WITH r LIMIT ${MAX_LINKS} DELETE r RETURN count(*) AS n`;
const REMOVE_FACTS_BY_ID = 'UNWIND $ids AS id MATCH (f:Fact {id: id}) DETACH DELETE f';

/** Mentions of each entity block: the canonical entity and every name resolved to it. */
const READ_MENTIONS = `
UNWIND $blocks AS b
MATCH (e:Entity {key: b.key})
CALL (b) {
  UNWIND b.aliases AS alias
  MATCH (:Entity {key: alias})<-[:ABOUT]-(c:Claim {kind: 'mention'})<-[:STATES]-(d:Document)
  WHERE (c)-[:EVIDENCED_BY]->(:Sentence)
  RETURN collect({claimId: c.id, documentId: d.id, form: c.value, sourceKind: d.sourceKind}) AS mentions
}
RETURN e.key AS key, e.name AS name, labels(e) AS labels, mentions`;

const REMOVE_ALL = [
  `MATCH (:Conflict)-[r]->() WITH r LIMIT ${MAX_LINKS} DELETE r RETURN count(*) AS n`,
  `MATCH (:Fact)-[r]->() WITH r LIMIT ${MAX_LINKS} DELETE r RETURN count(*) AS n`,
  'MATCH (n:Conflict) WITH n LIMIT 2000 DETACH DELETE n RETURN count(*) AS n',
  'MATCH (n:Fact) WITH n LIMIT 2000 DETACH DELETE n RETURN count(*) AS n',
  'MATCH (n:Resolution) WITH n LIMIT 5000 DELETE n RETURN count(*) AS n',
  'MATCH (n:Ledger) WITH n LIMIT 500 DELETE n RETURN count(*) AS n',
];
/** True when the facts in the graph were written under this layout; otherwise there is nothing to update from. */
export async function reconciledLayoutIsCurrent(driver: Driver): Promise<boolean> {
  const [kept] = await read(driver, "OPTIONAL MATCH (r:Reconciliation {id: 'reconciliation'}) RETURN r.layout AS layout", {});
  return Number(plain(kept?.get('layout') ?? 0)) === LAYOUT;
}

/** Removes every fact, conflict, resolution and ledger, a bounded number per transaction (before a full reconciliation). */
export async function removeReconciled(driver: Driver): Promise<void> {
  for (const statement of REMOVE_ALL) {
    await writeUntilNone(driver, statement, {});
  }
}

/**
 * Marks facts and conflicts as behind the documents (written without reconciling): the next
 * reconciliation then recomputes every block, having no record of what these documents touched.
 */
export async function markUnreconciled(driver: Driver): Promise<void> {
  await write(driver, "MATCH (r:Reconciliation {id: 'reconciliation'}) SET r.layout = 0", {});
}

/**
 * Marks that run `run` is writing documents ahead of their reconciliation (called before each of
 * its writes), and says whether another run's mark is there: a run that wrote documents and has
 * not reconciled them. It may be running still, or it stopped (killed, Neo4j gone); either way
 * what it touched is not known here, so this run's reconciliation must be full.
 */
export async function markWriting(driver: Driver, run: string): Promise<boolean> {
  const [r] = await write(driver, MARK_WRITING, { run });
  return r?.get('before') === true;
}

/** The server's clock, in epoch milliseconds: writing marks are compared with it. */
export async function serverTime(driver: Driver): Promise<number> {
  const [r] = await read(driver, 'RETURN datetime().epochMillis AS now', {});
  return Number(plain(r!.get('now')));
}

/**
 * Records a finished reconciliation under this layout; returns the facts and conflicts the graph
 * holds. The run's own writing mark goes; a full reconciliation, which began at `since` (server
 * time), also clears the marks of runs whose last write came before that: it covered them. A run
 * still writing after it keeps its mark (it renews it with each write).
 */
export async function recordReconciliation(driver: Driver, done: { run: string; full: boolean; since: number }): Promise<{ facts: number; conflicts: number }> {
  const [r] = await write(driver, RECORD, { layout: LAYOUT, ...done });
  return { facts: Number(plain(r!.get('facts'))), conflicts: Number(plain(r!.get('conflicts'))) };
}

// ---------------------------------------------------------------------------------------------
// people

export async function readPersonKeys(driver: Driver): Promise<string[]> {
  return (await read(driver, 'MATCH (p:Person) RETURN p.key AS key', {})).map((r) => String(r.get('key')));
}

export async function readResolutionsBySurname(driver: Driver, surnames: readonly string[]): Promise<Resolution[]> {
  const out: Resolution[] = [];
  for (const part of chunks(surnames, KEY_CHUNK)) {
    for (const r of await read(driver, READ_RESOLUTIONS_BY_SURNAME, { surnames: part })) out.push(plain(r.get('r')) as Resolution);
  }
  return out;
}

export async function readResolutions(driver: Driver, keys: readonly string[]): Promise<Resolution[]> {
  const out: Resolution[] = [];
  for (const part of chunks(keys, KEY_CHUNK)) {
    for (const r of await read(driver, READ_RESOLUTIONS, { keys: part })) out.push(plain(r.get('r')) as Resolution);
  }
  return out;
}

/** A person as entity resolution sees them: the forces of the documents naming them, and their roles. */
export interface PersonSeen {
  ref: EntityRef;
  forces: Set<string>;
  roles: string[];
}

export async function readPeople(driver: Driver, keys: readonly string[]): Promise<PersonSeen[]> {
  const seen: PersonSeen[] = [];
  for (const part of chunks(keys, KEY_CHUNK)) {
    for (const r of await read(driver, READ_PEOPLE, { keys: part, kinds: KINDS })) {
      seen.push({
        ref: { type: 'Person', key: String(r.get('key')), name: String(r.get('name')) },
        forces: new Set((r.get('forces') as string[]).map(String)),
        roles: (r.get('roles') as string[]).map(String),
      });
    }
  }
  return seen;
}

/** The people these documents name as these documents alone show them (forces and roles joined over the documents). */
export async function readPeopleInDocuments(driver: Driver, documentIds: readonly string[]): Promise<PersonSeen[]> {
  const byKey = new Map<string, PersonSeen>();
  for (const ids of chunks(documentIds, KEY_CHUNK)) {
    for (const r of await read(driver, READ_PEOPLE_IN_DOCUMENTS, { ids, kinds: KINDS })) {
      const key = String(r.get('key'));
      const p = byKey.get(key) ?? { ref: { type: 'Person' as const, key, name: String(r.get('name')) }, forces: new Set<string>(), roles: [] };
      for (const f of r.get('forces') as string[]) p.forces.add(String(f));
      p.roles.push(...(r.get('roles') as string[]).map(String));
      byKey.set(key, p);
    }
  }
  return [...byKey.values()];
}

/** Removes the resolutions of people gone, then writes the current ones. */
export async function replaceResolutions(driver: Driver, gone: readonly string[], current: readonly Resolution[]): Promise<void> {
  for (const part of chunks(gone, KEY_CHUNK)) await write(driver, REMOVE_RESOLUTIONS, { keys: part });
  for (const part of chunks(current, KEY_CHUNK)) await write(driver, WRITE_RESOLUTIONS, { rows: part });
}

// ---------------------------------------------------------------------------------------------
// forces

export interface ForceRef {
  key: string;
  name: string;
}

const forceOf = (r: ClaimRecord): ForceRef => ({ key: String(r.get('key')), name: String(r.get('name')) });

export async function readForces(driver: Driver): Promise<ForceRef[]> {
  return (await read(driver, 'MATCH (f:Force) RETURN f.key AS key, f.name AS name', {})).map(forceOf);
}

/** The forces of the decisions these people are the actors of. */
export async function readForcesOfActors(driver: Driver, personKeys: readonly string[]): Promise<ForceRef[]> {
  const out: ForceRef[] = [];
  for (const keys of chunks(personKeys, KEY_CHUNK)) out.push(...(await read(driver, FORCES_OF_ACTORS, { keys })).map(forceOf));
  return out;
}

const READ_FORCE_SIZES = `
UNWIND $rows AS row
MATCH (f:Fact {id: row.id})
RETURN row.key AS key, f.corroboration AS documents`;

/** How many documents mention each force, as its entity fact last counted them (a force without one is left out). */
export async function readForceSizes(driver: Driver, keys: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const part of chunks(keys, KEY_CHUNK)) {
    const rows = part.map((key) => ({ key, id: factId('entity', key) }));
    for (const r of await read(driver, READ_FORCE_SIZES, { rows })) out.set(String(r.get('key')), Number(plain(r.get('documents'))));
  }
  return out;
}

/** Forces stated in stage events by documents that state stage events of the given ones. */
export async function readForcesBeside(driver: Driver, forceKeys: readonly string[]): Promise<ForceRef[]> {
  const out: ForceRef[] = [];
  for (const keys of chunks(forceKeys, KEY_CHUNK)) out.push(...(await read(driver, FORCES_BESIDE, { keys })).map(forceOf));
  return out;
}

/**
 * Force blocks' facts and conflicts as the graph holds them, by force name, in one read. A fact's
 * claims are the ids it keeps (`linkedClaims`, the links it was written with), read with the count of
 * its links: when claims may have left the graph (`followLinks`), or a count differs from the ids
 * kept, the force's links are followed.
 */
export async function readStoredBlocks(driver: Driver, names: readonly string[], options: { followLinks?: boolean } = {}): Promise<Map<string, StoredBlock>> {
  const out = new Map<string, StoredBlock>();
  for (const r of await read(driver, READ_STORED_BLOCKS, { names })) {
    const name = String(r.get('name'));
    const stored = plain(r.get('facts')) as Array<{ id: string; digest: unknown; linked: unknown; links: number }>;
    const facts = new Map<string, StoredFact>();
    let follow = options.followLinks === true;
    for (const { id, digest, linked, links } of stored) {
      const kept = typeof linked === 'string' ? (linked === '' ? [] : linked.split(' ')) : null;
      if (!kept || kept.length !== links) follow = true;
      else facts.set(String(id), { digest: typeof digest === 'string' ? digest : null, claims: new Set(kept), stale: false, linked: linked as string });
    }
    if (follow) {
      facts.clear();
      for (const x of await read(driver, READ_STORED_FACT_LINKS, { name })) {
        const digest = x.get('digest');
        const linked = x.get('linked');
        facts.set(String(x.get('id')), { digest: typeof digest === 'string' ? digest : null, claims: new Set(x.get('claims') as string[]), stale: x.get('stale') === true, linked: typeof linked === 'string' ? linked : null });
      }
    }
    const conflicts = new Map<string, StoredConflict>();
    for (const x of plain(r.get('conflicts')) as Array<{ props: Record<string, unknown>; claimsA: Array<string | null>; claimsB: Array<string | null> }>) {
      conflicts.set(String(x.props.id), { props: x.props, claimsA: x.claimsA, claimsB: x.claimsB });
    }
    out.set(name, { facts, conflicts });
  }
  return out;
}

/**
 * Brings force blocks' facts and conflicts in the graph to a new reconciliation of each, by
 * difference (src/graph/block-changes.ts): what went is deleted now, for all the blocks at once,
 * and what came or changed is queued on `writer`. Blocks are disjoint (a force's own facts and
 * conflicts). Returns the blocks' conflicts before and after, as changes are reported.
 */
export async function replaceForceBlocks(
  driver: Driver,
  blocks: ReadonlyArray<{ stored: StoredBlock; reconciliation: Reconciliation }>,
  writer: ReconciledWriter,
): Promise<{ gone: ChangedConflict[]; written: ChangedConflict[] }> {
  const all: BlockChanges = { removeFacts: [], unlink: [], facts: [], removeConflicts: [], conflicts: [] };
  const gone: ChangedConflict[] = [];
  const written: ChangedConflict[] = [];
  for (const { stored, reconciliation } of blocks) {
    const rows = reconciledRows(reconciliation);
    const changes = blockChanges(stored, rows);
    for (const key of Object.keys(all) as Array<keyof BlockChanges>) for (const x of changes[key]) (all[key] as unknown[]).push(x);
    for (const x of stored.conflicts.values()) gone.push(changedConflict(x.props));
    for (const r of rows.conflicts) written.push(changedConflict(r.props));
  }
  if (all.removeFacts.length > 0) await removeFacts(driver, all.removeFacts);
  for (const part of unlinkParts(all.unlink)) await write(driver, UNLINK_FACTS, { rows: part });
  for (const ids of chunks(all.removeConflicts, MAX_ROWS)) await write(driver, REMOVE_CONFLICTS_BY_ID, { ids });
  for (const row of all.facts) await writer.addRow(row);
  for (const row of all.conflicts) await writer.addConflictRow(row);
  return { gone, written };
}

/**
 * Joined blocks' conflicts brought to those found again, by their digests (conflictDigest) as the
 * ledger kept them, without reading the graph's: those no longer found, or found changed, go; those
 * new or changed are written. Only the conflicts that went are read, for what they said.
 */
export async function replaceJoinedConflicts(
  driver: Driver,
  before: ReadonlyMap<string, string>,
  after: readonly Conflict[],
  writer: ReconciledWriter,
): Promise<{ gone: ChangedConflict[]; written: ChangedConflict[] }> {
  const rows = reconciledRows({ facts: [], conflicts: [...after] }).conflicts;
  const changed = new Set(after.filter((c) => before.get(c.id) !== conflictDigest(c)).map((c) => c.id));
  const found = new Set(after.map((c) => c.id));
  const vanished = [...before.keys()].filter((id) => !found.has(id));
  const gone = [...(await readConflictSummaries(driver, vanished)).values()];
  for (const ids of chunks([...vanished, ...[...changed].filter((id) => before.has(id))], MAX_ROWS)) await write(driver, REMOVE_CONFLICTS_BY_ID, { ids });
  for (const row of rows) if (changed.has(row.id)) await writer.addConflictRow(row);
  return { gone, written: rows.map((r) => changedConflict(r.props)) };
}

const READ_CONFLICT_SUMMARIES = `
UNWIND $ids AS id
MATCH (x:Conflict {id: id})
RETURN x {.id, .kind, .subject, .fileA, .fileB} AS props`;

async function readConflictSummaries(driver: Driver, ids: readonly string[]): Promise<Map<string, ChangedConflict>> {
  const out = new Map<string, ChangedConflict>();
  for (const part of chunks(ids, KEY_CHUNK)) for (const r of await read(driver, READ_CONFLICT_SUMMARIES, { ids: part })) {
    const x = changedConflict(r.get('props') as Record<string, unknown>);
    out.set(x.id, x);
  }
  return out;
}

/** Unlink rows in transactions of at most MAX_ROWS rows and about MAX_LINKS links; a fact losing more goes in pieces. */
function unlinkParts(rows: BlockChanges['unlink']): Array<BlockChanges['unlink']> {
  const pieces = rows.flatMap((r) => (r.claims.length <= MAX_LINKS ? [r] : chunks(r.claims, MAX_LINKS).map((claims) => ({ ...r, claims }))));
  const parts: Array<BlockChanges['unlink']> = [];
  let part: BlockChanges['unlink'] = [];
  let links = 0;
  for (const piece of pieces) {
    const n = piece.claims.length + 1;
    if (part.length > 0 && (part.length >= MAX_ROWS || links + n > MAX_LINKS)) {
      parts.push(part);
      part = [];
      links = 0;
    }
    part.push(piece);
    links += n;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

const changedConflict = (props: Readonly<Record<string, unknown>>): ChangedConflict => ({
  id: String(props.id),
  kind: String(props.kind),
  subject: String(props.subject),
  fileA: String(props.fileA),
  fileB: String(props.fileB),
});

/**
 * The reconciler's input for one force's block: the claims it reads of the documents naming it
 * (from their block records; claim by claim for a document without one, or with `records: false`),
 * and the stage claims of the other forces those documents state events of.
 */
export async function readForceBlock(driver: Driver, key: string, options: { records?: boolean } = {}): Promise<ReconcileInput> {
  return (await readForceBlocks(driver, [key], options)).inputs.get(key)!;
}

/** A document's block record made again from its claims (it had none, or one of another version), to be written back. */
export interface RebuiltRecord {
  id: string;
  /** The extractor version of the claims it was made from: written only if the document still has them. */
  extractorVersion: string;
  record: string;
}

/**
 * The inputs of several force blocks (see readForceBlock), by force key, in a few reads for them
 * all: each query costs a round trip and its setting up, whatever the size of its answer. A
 * document naming several of the forces is read and parsed once. A document read claim by claim
 * comes with its record made again (`rebuilt`, see writeBlockRecords), unless `records` is false.
 */
export async function readForceBlocks(
  driver: Driver,
  keys: readonly string[],
  options: { records?: boolean } = {},
): Promise<{ inputs: Map<string, ReconcileInput>; rebuilt: RebuiltRecord[] }> {
  const records = options.records !== false;
  const builders = new Map(keys.map((k) => [k, new InputBuilder(blockClaim)]));
  /** The forces (of `keys`) each document read claim by claim belongs to. */
  const unrecorded = new Map<string, string[]>();
  for (const r of await read(driver, READ_FORCE_RECORDS, { keys, records })) {
    const document = documentOf(r.get('document'));
    const of = (r.get('keys') as unknown[]).map(String).filter((k) => builders.has(k));
    const record = parseBlockRecord(r.get('record'), document.id);
    if (record) for (const k of of) builders.get(k)!.addRecord(document, record);
    else unrecorded.set(document.id, of);
  }
  const rebuilt: RebuiltRecord[] = [];
  for (const ids of chunks([...unrecorded.keys()].sort(), KEY_CHUNK)) {
    const rows = await read(driver, READ_DOCUMENT_CLAIMS, { ids, kinds: FORCE_BLOCK_KINDS });
    const byDocument = new Map<string, ClaimRecord[]>();
    for (const r of rows) pushTo(byDocument, documentOf(r.get('document')).id, r);
    for (const [documentId, claimRows] of byDocument) {
      for (const k of unrecorded.get(documentId) ?? []) builders.get(k)!.add(claimRows);
      if (records) rebuilt.push(rebuiltRecord(documentId, claimRows));
    }
  }
  // Stage claims of the other forces a block's documents state events of, read once for every block.
  const besideOf = new Map<string, Set<string>>();
  for (const [key, builder] of builders) {
    const beside = new Set([...builder.claimsNow()].filter((c) => c.kind === 'stageEvent' && c.subject?.type === 'Force' && c.subject.key !== key).map((c) => c.subject!.key));
    if (beside.size > 0) besideOf.set(key, beside);
  }
  const besideKeys = [...new Set([...besideOf.values()].flatMap((b) => [...b]))].sort();
  for (const part of chunks(besideKeys, KEY_CHUNK)) {
    const rows = await read(driver, READ_STAGE_CLAIMS, { keys: part });
    const bySubject = new Map<string, ClaimRecord[]>();
    for (const r of rows) pushTo(bySubject, entityRef(r.get('subject'))?.key ?? '', r);
    for (const [key, beside] of besideOf) for (const b of beside) if (bySubject.has(b)) builders.get(key)!.add(bySubject.get(b)!);
  }
  return { inputs: new Map([...builders].map(([k, b]) => [k, b.input()])), rebuilt };
}

const READ_DOCUMENT_RECORDS = `
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d {.id, .fileName, .publisher, .sourceKind, .publishedAt} AS document, d.blockRecord AS record`;

/** What force blocks read of some documents alone (new ones, to be joined to their forces' ledgers): from their block records, claim by claim for one without. */
export async function readDocumentBlocks(driver: Driver, ids: readonly string[]): Promise<ReconcileInput> {
  const builder = new InputBuilder(blockClaim);
  const unrecorded: string[] = [];
  for (const part of chunks(ids, KEY_CHUNK)) {
    for (const r of await read(driver, READ_DOCUMENT_RECORDS, { ids: part })) {
      const document = documentOf(r.get('document'));
      const record = parseBlockRecord(r.get('record'), document.id);
      if (record) builder.addRecord(document, record);
      else unrecorded.push(document.id);
    }
  }
  for (const part of chunks(unrecorded.sort(), KEY_CHUNK)) builder.add(await read(driver, READ_DOCUMENT_CLAIMS, { ids: part, kinds: FORCE_BLOCK_KINDS }));
  return builder.input();
}

/** Of these forces, those named by a document other than the given ones. */
const FORCES_NAMED_BEYOND = `
UNWIND $keys AS key
MATCH (f:Force {key: key})
WHERE EXISTS { (f)<-[:ABOUT|ACTOR|FORCE|SPEAKER]-(:Claim)<-[:STATES]-(d:Document) WHERE NOT d.id IN $ids }
RETURN f.key AS key`;

export async function readForcesNamedBeyond(driver: Driver, keys: readonly string[], documentIds: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks(keys, KEY_CHUNK)) for (const r of await read(driver, FORCES_NAMED_BEYOND, { keys: part, ids: documentIds })) out.add(String(r.get('key')));
  return out;
}

/** A document's record made from its claims as read one by one (every claim a force block reads, each with its sentence). */
function rebuiltRecord(documentId: string, rows: readonly ClaimRecord[]): RebuiltRecord {
  const claims = rows.map((r) => claimOf(r, documentId));
  const sentences = new Map<number, string>();
  for (const [i, r] of rows.entries()) {
    const text = r.get('areaSentence');
    if (typeof text === 'string') sentences.set(claims[i]!.sentenceIndex, text);
  }
  const document = plain(rows[0]!.get('document')) as Record<string, unknown>;
  return {
    id: documentId,
    extractorVersion: String(document.extractorVersion ?? ''),
    record: blockRecordOf(documentId, claims, [...sentences].map(([index, text]) => ({ index, text }))),
  };
}

const WRITE_BLOCK_RECORDS = `
UNWIND $rows AS row
MATCH (d:Document {id: row.id})
WHERE d.extractorVersion = row.extractorVersion
SET d.blockRecord = row.record`;

/**
 * Writes records made again (after an upgrade, or for documents written before records were):
 * the next read of their blocks takes one row a document again. A document whose claims were
 * extracted again since (another extractor version) already has its own record, and keeps it.
 */
export async function writeBlockRecords(driver: Driver, rebuilt: readonly RebuiltRecord[]): Promise<void> {
  for (const rows of chunks(rebuilt, MAX_ROWS)) await write(driver, WRITE_BLOCK_RECORDS, { rows });
}

// ---------------------------------------------------------------------------------------------
// entities

export async function readEntityKeys(driver: Driver): Promise<string[]> {
  return (await read(driver, 'MATCH (e:Entity) RETURN e.key AS key', {})).map((r) => String(r.get('key')));
}

export async function removeFacts(driver: Driver, ids: readonly string[]): Promise<void> {
  await writeUntilNone(driver, REMOVE_FACT_LINKS_BY_ID, { ids });
  await write(driver, REMOVE_FACTS_BY_ID, { ids });
}

/** An entity block: the entity and the mentions of it and of every name resolved to it. */
export interface EntityBlock {
  entity: EntityRef | null;
  mentions: EntityMention[];
}

/** The blocks of these canonical entities (KEY_CHUNK at most): the names resolved to each, then their mentions. */
export async function readEntityBlocks(driver: Driver, keys: readonly string[]): Promise<EntityBlock[]> {
  const aliases = new Map<string, string[]>(keys.map((k) => [k, [k]]));
  for (const r of await read(driver, READ_ALIASES, { keys })) {
    for (const a of r.get('aliases') as string[]) if (!aliases.get(String(r.get('key')))!.includes(a)) aliases.get(String(r.get('key')))!.push(a);
  }
  const blocks = keys.map((k) => ({ key: k, aliases: aliases.get(k)! }));
  return (await read(driver, READ_MENTIONS, { blocks })).map((r) => ({
    entity: entityRef({ key: r.get('key'), name: r.get('name'), labels: r.get('labels') }),
    mentions: (plain(r.get('mentions')) as EntityMention[]) ?? [],
  }));
}

/** The mentions (with a sentence) that these documents make, with the key of the entity each names. */
const READ_ADDED_MENTIONS = `
UNWIND $ids AS id
MATCH (d:Document {id: id})-[:STATES]->(c:Claim {kind: 'mention'})-[:ABOUT]->(e:Entity)
WHERE (c)-[:EVIDENCED_BY]->(:Sentence)
RETURN e.key AS key, {claimId: c.id, documentId: d.id, form: c.value, sourceKind: d.sourceKind} AS mention`;

export async function readAddedMentions(driver: Driver, documentIds: readonly string[]): Promise<Array<{ key: string; mention: EntityMention }>> {
  const out: Array<{ key: string; mention: EntityMention }> = [];
  for (const ids of chunks(documentIds, KEY_CHUNK)) {
    for (const r of await read(driver, READ_ADDED_MENTIONS, { ids })) out.push({ key: String(r.get('key')), mention: plain(r.get('mention')) as EntityMention });
  }
  return out;
}

/**
 * What an entity fact holds of its mentions that a new mention can add to, as read: its kinds of
 * source and its forms (a few each). Its documents, tens of thousands for an organisation most
 * documents name, are joined in the graph (JOIN_ENTITY_FACTS) and never read.
 */
export interface EntityFactUnions {
  sourceKinds: string[];
  surfaceForms: string[];
}

const READ_ENTITY_FACTS = `
UNWIND $rows AS row
MATCH (e:Entity {key: row.key})
OPTIONAL MATCH (f:Fact {id: row.id})
RETURN e.key AS key, e.name AS name, labels(e) AS labels, CASE WHEN f IS NULL THEN null ELSE f {.sourceKinds, .surfaceForms} END AS facts`;

/** The entities of these keys, each with its fact as the graph holds it (null: none), keys of no entity left out. */
export async function readEntityFacts(driver: Driver, keys: readonly string[]): Promise<Array<{ entity: EntityRef; facts: EntityFactUnions | null }>> {
  const out: Array<{ entity: EntityRef; facts: EntityFactUnions | null }> = [];
  for (const part of chunks(keys, KEY_CHUNK)) {
    const rows = part.map((key) => ({ key, id: factId('entity', key) }));
    for (const r of await read(driver, READ_ENTITY_FACTS, { rows })) {
      const entity = entityRef({ key: r.get('key'), name: r.get('name'), labels: r.get('labels') });
      const f = plain(r.get('facts')) as Partial<EntityFactUnions> | null;
      if (entity) out.push({ entity, facts: f ? { sourceKinds: f.sourceKinds ?? [], surfaceForms: f.surfaceForms ?? [] } : null });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// writing facts and conflicts

/** A row's documents as DOCUMENT_UNION takes them: sorted, each once. */
const sortedUnique = (ids: readonly string[]): string[] => [...new Set(ids)].sort(cmp);

/** Writes reconciled facts and conflicts in transactions of bounded size (see BatchWriter). */
export class ReconciledWriter {
  private readonly facts: BatchWriter<FactRow>;
  private readonly conflicts: BatchWriter<ConflictRow>;
  private readonly joins: BatchWriter<EntityJoinRow>;
  private readonly blockJoins: BatchWriter<BlockJoinRow>;

  constructor(driver: Driver) {
    this.facts = new BatchWriter<FactRow>(driver, WRITE_FACTS, (r) => r.claimIds.length + 1);
    this.joins = new BatchWriter<EntityJoinRow>(driver, JOIN_ENTITY_FACTS, (r) => r.claimIds.length + r.documentIds.length + 1);
    this.blockJoins = new BatchWriter<BlockJoinRow>(driver, JOIN_BLOCK_FACTS, (r) => r.claimIds.length + r.documentIds.length + 1);
    this.conflicts = new BatchWriter<ConflictRow>(driver, WRITE_CONFLICTS, (r) => r.claimsA.length + r.claimsB.length + 1);
  }

  /** Queues a block's facts and conflicts (writing full batches); returns its conflicts as written. */
  async add(rec: Reconciliation): Promise<ChangedConflict[]> {
    const rows = reconciledRows(rec);
    const written: ChangedConflict[] = [];
    for (const row of rows.facts) await this.facts.add(row);
    for (const row of rows.conflicts) {
      await this.conflicts.add(row);
      written.push(changedConflict(row.props));
    }
    return written;
  }

  /** Queues one fact row as it is (a fact joined to, not recomputed). */
  async addRow(row: FactRow): Promise<void> {
    await this.facts.add(row);
  }

  /** Queues one conflict row as it is. */
  async addConflictRow(row: ConflictRow): Promise<void> {
    await this.conflicts.add(row);
  }

  /** Queues new documents' statements joined to a force block's fact (see blockJoinRow). */
  async joinBlockRow(row: BlockJoinRow): Promise<void> {
    await this.blockJoins.add({ ...row, documentIds: sortedUnique(row.documentIds) });
  }

  /** Queues new mentions joined to an entity fact that exists (see entityFactJoined). */
  async joinEntityRow(row: EntityJoinRow): Promise<void> {
    await this.joins.add({ ...row, documentIds: sortedUnique(row.documentIds) });
  }

  async flush(): Promise<void> {
    await this.facts.flush();
    await this.joins.flush();
    await this.blockJoins.flush();
    await this.conflicts.flush();
  }
}
