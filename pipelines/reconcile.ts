/**
 * Facts and conflicts brought up to date block by block: the pipeline reads each block's input
 * from the graph, reconciles it, and hands the result to the graph to write
 * (src/graph/write-reconciled.ts says what a block is and what it reads).
 */
import { randomUUID } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import type { EntityRef } from '../src/model/claim.ts';
import { loadKnowledge, type Knowledge } from '../src/knowledge/index.ts';
import { personSide, roleOrganisations, type ActorSide } from '../src/reconcile/actors.ts';
import { cmp, pushTo } from '../src/reconcile/collections.ts';
import { canonicalOf, fullerPeople, surnameOf } from '../src/reconcile/entities.ts';
import { ledgerOf, type ForceLedger } from '../src/reconcile/ledger.ts';
import { prepareBlock } from '../src/reconcile/prepare.ts';
import { entityFactOf, reconcilePrepared, type EntityContext, type EntityMention, type ReconcileOptions } from '../src/reconcile/reconcile.ts';
import { ruleStates } from '../src/reconcile/rules.ts';
import type { ReconcileInput, Reconciliation } from '../src/reconcile/types.ts';
import { chunks } from '../src/util/chunks.ts';
import { writeLedgers } from '../src/graph/ledgers.ts';
import { joinForces, readEntityContext } from './join-forces.ts';
import { withReconcileLease } from '../src/graph/reconcile-lease.ts';
import { factId } from '../src/reconcile/support.ts';
import {
  ensureReconciledSchema,
  EntityJoinRow,
  KEY_CHUNK,
  readAddedMentions,
  readEntityBlocks,
  readEntityFacts,
  reconciledRows,
  readEntityKeys,
  readForceBlocks,
  readForceSizes,
  readForces,
  readForcesBeside,
  readForcesOfActors,
  readPeople,
  readPeopleInDocuments,
  readPersonKeys,
  readResolutions,
  readResolutionsBySurname,
  readStoredBlocks,
  reconciledLayoutIsCurrent,
  ReconciledWriter,
  recordReconciliation,
  removeFacts,
  removeReconciled,
  replaceForceBlocks,
  replaceResolutions,
  serverTime,
  writeBlockRecords,
  type ChangedConflict,
  type EntityFactUnions,
  type PersonSeen,
  type RebuiltRecord,
  type Resolution,
  type TouchedEntity,
} from '../src/graph/write-reconciled.ts';

/** What a reconciliation must bring up to date: the entities named by the documents written or removed since the last one. */
export class ReconcileChanges {
  /** This run, in the graph's writing marks (see markWriting). */
  readonly run = randomUUID();
  readonly entities = new Map<string, TouchedEntity>();
  /** Ids of documents new to the graph (no earlier version). */
  readonly added = new Set<string>();
  private dropped = false;
  private interrupted = false;

  add(entities: Iterable<TouchedEntity>): void {
    for (const e of entities) if (!this.entities.has(e.key)) this.entities.set(e.key, e);
  }

  /** Documents new to the graph: their claims only add to what was there. */
  addDocuments(ids: Iterable<string>): void {
    for (const id of ids) this.added.add(id);
  }

  /** An earlier run wrote documents and stopped before reconciling them: what they touched is unknown, so every block is redone. */
  afterInterruptedRun(): void {
    this.interrupted = true;
  }

  /** True when every block must be recomputed (see afterInterruptedRun). */
  get needsFull(): boolean {
    return this.interrupted;
  }

  /** Claims left the graph (a document replaced, re-extracted or removed). */
  dropClaims(): void {
    this.dropped = true;
  }

  /**
   * True when claims were only added: an entity fact is then the one before with the new
   * mentions joined to it (documents, kinds and forms are unions), so it need not be read whole.
   */
  get onlyAdded(): boolean {
    return !this.dropped;
  }

  get empty(): boolean {
    return this.entities.size === 0;
  }
}

export interface ReconcileSummary {
  /** Facts and conflicts in the graph afterwards. */
  facts: number;
  conflicts: number;
  /**
   * What this reconciliation recomputed: every block, or only those the changes touched; of the
   * forces, how many were joined from new documents (the rest recomputed whole).
   */
  scope?: { full: boolean; forces: number; joined: number; entities: number; people: number };
  /** Conflicts that appeared, and those that went, in the recomputed blocks. */
  newConflicts?: ChangedConflict[];
  resolvedConflicts?: ChangedConflict[];
}

export interface ReconcileGraphOptions extends Pick<ReconcileOptions, 'knowledge'> {
  /** Recompute every block (after a rule change); default when no changes are given. */
  full?: boolean;
  /** The entities written or removed documents name; only their blocks are recomputed. */
  changes?: ReconcileChanges;
  /** Called with the time each part took, for benchmarks. */
  onPart?: (part: 'people' | 'forces' | 'entities', ms: number, claims: number) => void;
  /** Called if another run's reconciliation is under way and this one waits for it. */
  onWait?: () => void;
}

/**
 * Brings facts and conflicts up to date: with `changes`, the blocks the
 * changed documents touch; with `full` (or no changes given), every block.
 * Each block is read and written on its own, in bounded transactions.
 */
export async function reconcileGraph(driver: Driver, options: ReconcileGraphOptions = {}): Promise<ReconcileSummary> {
  // One at a time: facts joined by two runs at once would each lose the other's documents.
  return withReconcileLease(driver, () => reconcileHeld(driver, options), { onWait: options.onWait });
}

async function reconcileHeld(driver: Driver, options: ReconcileGraphOptions): Promise<ReconcileSummary> {
  const knowledge = options.knowledge ?? loadKnowledge();
  await ensureReconciledSchema(driver);
  const current = await reconciledLayoutIsCurrent(driver);
  const full = options.full === true || options.changes === undefined || options.changes.needsFull || !current;
  const changes = options.changes ?? new ReconcileChanges();
  const since = await serverTime(driver);
  if (full) {
    await removeReconciled(driver);
  } else if (changes.empty) {
    return { ...(await recordReconciliation(driver, { run: changes.run, full, since })), scope: { full: false, forces: 0, joined: 0, entities: 0, people: 0 }, newConflicts: [], resolvedConflicts: [] };
  }

  // People first: the force blocks read each person's canonical name and side from what this writes.
  let started = performance.now();
  const people = await reconcilePeople(driver, knowledge, full, changes);
  options.onPart?.('people', performance.now() - started, people.count);

  // Forces: those the documents name, those whose deciders moved, and those beside them.
  started = performance.now();
  const forceNames = new Map<string, string>();
  const gone = new Map<string, ChangedConflict>();
  const written = new Map<string, ChangedConflict>();
  const writer = new ReconciledWriter(driver);
  let claimsRead = 0;
  let joined = 0;
  if (full) {
    for (const f of await readForces(driver)) forceNames.set(f.key, f.name);
  } else {
    for (const e of changes.entities.values()) if (e.type === 'Force') forceNames.set(e.key, e.name);
    // Documents only added: the forces they name are joined from them, but those whose earlier
    // deciders moved (their canonical name or side), which are recomputed whole. A person new to
    // the graph decides only in the new documents, whose forces are joined with their resolution.
    const named = [...forceNames].map(([key, name]) => ({ key, name }));
    const moved = changes.onlyAdded && changes.added.size > 0 ? await readForcesOfActors(driver, people.earlierActors) : null;
    const whole = new Set(moved?.map((f) => f.key));
    const join = moved ? await joinForces(driver, knowledge, { join: named.filter((f) => !whole.has(f.key)), placed: named, added: [...changes.added] }, writer) : null;
    if (join) {
      // No earlier stage statement moved episode: no force beside these changes.
      for (const key of join.joined) forceNames.delete(key);
      for (const f of moved!) forceNames.set(f.key, f.name);
      for (const x of join.gone) gone.set(x.id, x);
      for (const x of join.written) written.set(x.id, x);
      claimsRead += join.claims;
      joined = join.joined.size;
    } else {
      for (const f of await readForcesOfActors(driver, people.actors)) forceNames.set(f.key, f.name);
      for (const f of await readForcesBeside(driver, [...forceNames.keys()])) if (!forceNames.has(f.key)) forceNames.set(f.key, f.name);
    }
  }
  const order = [...forceNames].sort(([a], [b]) => cmp(a, b));
  // Forces go in batches, each read in a few queries (a query's fixed cost outweighs a small
  // block's answer); a full run, whose blocks are the whole graph, takes them one at a time.
  const batches = forceBatches(order, full ? new Map() : await readForceSizes(driver, order.map(([key]) => key)));
  // The next batch is read while this one is reconciled and written: Neo4j reads as Node computes.
  // Reads see claims and resolutions, which nothing here writes, and the next forces' own facts
  // and conflicts, which only their own blocks write, so the overlap changes nothing.
  // A full run removed every block first; an incremental one changes each block by difference.
  const prefetch = (i: number) => {
    if (i >= batches.length) return null;
    const batch = batches[i]!;
    const read = Promise.all([
      readForceInputs(driver, batch.map(([key]) => key)),
      full ? null : readStoredBlocks(driver, batch.map(([, name]) => name), { followLinks: !changes.onlyAdded }),
    ]);
    read.catch(() => {}); // awaited in its turn; a failure of the current batch must not leave it unhandled
    return read;
  };
  let next = prefetch(0);
  for (const [i, batch] of batches.entries()) {
    const [{ inputs, rebuilt }, stored] = await next!;
    next = prefetch(i + 1);
    // Documents read claim by claim (written before records were, or under another record version) get their records again.
    if (rebuilt.length > 0) await writeBlockRecords(driver, rebuilt);
    const blocks = batch.map(([key, name]) => ({ name, ...reconcileForce(knowledge, { type: 'Force', key, name }, inputs.get(key)!) }));
    for (const block of blocks) claimsRead += block.claims;
    if (stored) {
      const changed = await replaceForceBlocks(
        driver,
        blocks.map((b) => ({ stored: stored.get(b.name) ?? { facts: new Map(), conflicts: new Map() }, reconciliation: b.reconciliation })),
        writer,
      );
      for (const x of changed.gone) gone.set(x.id, x);
      for (const x of changed.written) written.set(x.id, x);
    } else for (const block of blocks) for (const x of await writer.add(block.reconciliation)) written.set(x.id, x);
    await writeLedgers(driver, blocks.map((b) => ({ forceKey: b.key, ledger: b.ledger })));
  }
  await writer.flush();
  options.onPart?.('forces', performance.now() - started, claimsRead);

  // Entities: those the documents name, and people whose canonical name or side moved.
  started = performance.now();
  const entityKeys = full ? await readEntityKeys(driver) : [...new Set([...changes.entities.keys(), ...people.entities])];
  const mentions = await reconcileEntities(driver, entityKeys, full ? null : { changes, moved: new Set(people.movedEarlier) }, writer);
  options.onPart?.('entities', performance.now() - started, mentions);

  const counts = await recordReconciliation(driver, { run: changes.run, full, since });
  const changed = (from: Map<string, ChangedConflict>, less: Map<string, ChangedConflict>) =>
    [...from.values()].filter((x) => !less.has(x.id)).sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.id < b.id ? -1 : 1));
  return {
    ...counts,
    scope: { full, forces: forceNames.size + joined, joined, entities: entityKeys.length, people: people.count },
    newConflicts: full ? [] : changed(written, gone),
    resolvedConflicts: full ? [] : changed(gone, written),
  };
}

/**
 * Entity resolution of the surnames the changes name (all, when full): each
 * person's canonical name and side, written to (:Resolution) nodes. Returns
 * the people whose canonical name or side moved, as entity keys to refresh and
 * as deciders whose forces to refresh.
 */
async function reconcilePeople(
  driver: Driver,
  knowledge: Knowledge,
  full: boolean,
  changes: ReconcileChanges,
): Promise<{ entities: string[]; actors: string[]; earlierActors: string[]; movedEarlier: string[]; count: number }> {
  const before = new Map<string, Resolution>();
  const named = [...changes.entities.values()].filter((e) => e.type === 'Person');
  let keys: string[];
  if (full) {
    keys = await readPersonKeys(driver);
  } else {
    const surnames = [...new Set(named.map((e) => surnameOf(e.name)))];
    for (const x of await readResolutionsBySurname(driver, surnames)) before.set(x.key, x);
    keys = [...new Set([...before.keys(), ...named.map((e) => e.key)])];
  }

  // Documents only added: what each person was resolved from widens by what the new documents show.
  const join = !full && changes.onlyAdded && [...before.values()].every((x) => Array.isArray(x.forces) && Array.isArray(x.roles) && typeof x.name === 'string');
  const seen = join ? joinPeople(keys, before, await readPeopleInDocuments(driver, [...changes.added])) : await readPeople(driver, keys);
  const fuller = fullerPeople(seen);
  const canonical = new Map(seen.map((p) => [p.ref.key, canonicalOf(p.ref, fuller)]));
  const rolesOf = new Map<string, string[]>();
  for (const p of seen) {
    const list = rolesOf.get(canonical.get(p.ref.key)!.key) ?? [];
    list.push(...p.roles);
    rolesOf.set(canonical.get(p.ref.key)!.key, list);
  }
  const roleOrg = roleOrganisations(knowledge);
  const sides = new Map<string, ActorSide | null>();
  for (const [key, roles] of rolesOf) sides.set(key, personSide(roles, knowledge, roleOrg));
  const after = new Map<string, Resolution>(
    seen.map((p) => {
      const c = canonical.get(p.ref.key)!;
      return [
        p.ref.key,
        {
          key: p.ref.key,
          surname: surnameOf(p.ref.name),
          canonical: c.key,
          canonicalName: c.name,
          side: sides.get(c.key)?.name ?? null,
          name: p.ref.name,
          forces: [...p.forces].sort(cmp),
          roles: [...new Set(p.roles)].sort(cmp),
        },
      ];
    }),
  );

  // Moved: a person's canonical name or side differs from before (or the person came or went).
  // `earlier`: moved by the people named before. A person new to the graph is named only in the
  // new documents: resolved to someone named before, they add to that person's mentions and
  // decisions without moving any earlier one (unless that person's side moved, which is theirs).
  const moved = new Set<string>();
  const earlier = new Set<string>();
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(key);
    const b = after.get(key);
    if (!a || !b || a.canonical !== b.canonical || a.canonicalName !== b.canonicalName || a.side !== b.side) {
      if (a) moved.add(a.canonical);
      if (b) moved.add(b.canonical);
      moved.add(key);
      if (a) for (const k of [a.canonical, b?.canonical, key]) if (k) earlier.add(k);
    }
  }
  // Every name of a moved canonical person decides as them.
  const namesOf = (canonicals: ReadonlySet<string>) => {
    const names = new Set<string>(canonicals);
    for (const x of [...before.values(), ...after.values()]) if (canonicals.has(x.canonical)) names.add(x.key);
    return names;
  };
  const actors = namesOf(moved);

  // Only the resolutions that changed are written: an ingest names hundreds of people, most as before.
  const same = (a: Resolution | undefined, b: Resolution) => a !== undefined && RESOLUTION_FIELDS.every((k) => JSON.stringify(a[k] ?? null) === JSON.stringify(b[k] ?? null));
  await replaceResolutions(
    driver,
    [...before.keys()].filter((k) => !after.has(k)),
    [...after.values()].filter((b) => !same(before.get(b.key), b)),
  );

  // Entity facts to refresh: the moved, and the canonical names (before and after) of the people the changes name.
  const entities = new Set(moved);
  for (const { key } of named) {
    if (before.has(key)) entities.add(before.get(key)!.canonical);
    if (after.has(key)) entities.add(after.get(key)!.canonical);
  }
  return {
    entities: full ? [] : [...entities],
    actors: full ? [] : [...actors],
    // The people named before whose canonical name or side moved: their earlier decisions' deciders moved.
    earlierActors: full ? [] : [...namesOf(earlier)].filter((k) => before.has(k)),
    // Entities whose earlier mentions moved to another name, or away from theirs.
    movedEarlier: full ? [] : [...earlier],
    count: seen.length,
  };
}

const RESOLUTION_FIELDS = ['key', 'surname', 'canonical', 'canonicalName', 'side', 'name', 'forces', 'roles'] as const satisfies ReadonlyArray<keyof Resolution>;

/**
 * People as entity resolution sees them, from what their resolutions were made of and what the
 * added documents show: the forces and roles of a person named before are the old ones and the
 * new ones together, since documents were only added. A key neither shows is named nowhere.
 */
function joinPeople(keys: readonly string[], before: ReadonlyMap<string, Resolution>, added: readonly PersonSeen[]): PersonSeen[] {
  const addedOf = new Map(added.map((p) => [p.ref.key, p]));
  const out: PersonSeen[] = [];
  for (const key of keys) {
    const b = before.get(key);
    const n = addedOf.get(key);
    if (!b) {
      if (n) out.push(n);
      continue;
    }
    out.push({ ref: { type: 'Person', key, name: b.name }, forces: new Set([...b.forces, ...(n?.forces ?? [])]), roles: [...b.roles, ...(n?.roles ?? [])] });
  }
  return out;
}

/** Documents a batch of force blocks may hold (as their forces' entity facts count them), and forces it may hold. */
const BATCH_DOCUMENTS = 1500;
const BATCH_FORCES = 16;

/**
 * Forces in batches, in order: a batch holds forces while their documents (`sizes`) stay within
 * BATCH_DOCUMENTS, which bounds what one read brings into memory; a force of unknown size goes alone.
 */
export function forceBatches<T extends readonly [string, string]>(order: readonly T[], sizes: ReadonlyMap<string, number>): T[][] {
  const out: T[][] = [];
  let batch: T[] = [];
  let documents = 0;
  for (const force of order) {
    const n = sizes.get(force[0]);
    const fits = n !== undefined && batch.length < BATCH_FORCES && documents + n <= BATCH_DOCUMENTS && batch.every(([k]) => sizes.has(k));
    if (batch.length > 0 && !fits) {
      out.push(batch);
      batch = [];
      documents = 0;
    }
    batch.push(force);
    documents += n ?? 0;
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

/** Force blocks as the graph holds them, by key, with the canonical names and sides of the people they name. */
async function readForceInputs(driver: Driver, keys: readonly string[]): Promise<{ inputs: Map<string, { claims: ReconcileInput; entities: EntityContext }>; rebuilt: RebuiltRecord[] }> {
  const { inputs, rebuilt } = await readForceBlocks(driver, keys);
  // One context for the batch: a block looks up only the people it names, so the others' entries change nothing.
  const entities = await readEntityContext(driver, inputs.values());
  return { inputs: new Map([...inputs].map(([key, claims]) => [key, { claims, entities }])), rebuilt };
}

/**
 * One force's block reconciled with the people's canonical names and sides of
 * the whole graph. Returns the facts and conflicts about this force only, and
 * the force's ledger (none when its block holds no document).
 */
function reconcileForce(
  knowledge: Knowledge,
  force: EntityRef,
  input: { claims: ReconcileInput; entities: EntityContext },
): { key: string; reconciliation: Reconciliation; claims: number; ledger: ForceLedger | null } {
  const prepared = prepareBlock(input.claims, { knowledge, entities: input.entities });
  const states = ruleStates(prepared);
  const all = reconcilePrepared(prepared, { entityFacts: false }, states);
  return {
    key: force.key,
    reconciliation: { facts: all.facts.filter((f) => f.qualifiers.force === force.name), conflicts: all.conflicts.filter((c) => c.force === force.name) },
    claims: input.claims.claims.length,
    ledger: input.claims.documents.length === 0 ? null : ledgerOf(prepared, force, states),
  };
}

/**
 * Entity blocks: each key's fact recomputed from the mentions of it and of the
 * names resolved to it; a person resolved to another has none of its own.
 * When the changes only added documents, an entity whose names did not move
 * (no earlier name newly resolved to it or away from it) gets the new
 * documents' mentions joined to its fact instead, or, with no fact yet, a fact
 * of those mentions: the same fact, without reading every mention of an
 * entity most documents name.
 */
async function reconcileEntities(
  driver: Driver,
  keys: readonly string[],
  delta: { changes: ReconcileChanges; moved: ReadonlySet<string> } | null,
  writer: ReconciledWriter,
): Promise<number> {
  let mentionsRead = 0;
  const added = delta?.changes.onlyAdded ? await canonicalMentions(driver, await readAddedMentions(driver, [...delta.changes.added])) : null;
  for (const part of chunks(keys, KEY_CHUNK)) {
    // People resolved to another name are in that name's block; every other key is its own canonical.
    const resolution = new Map<string, string>();
    for (const x of await readResolutions(driver, part)) resolution.set(x.key, x.canonical);
    const own = part.filter((k) => (resolution.get(k) ?? k) === k);
    const joined = new Set<string>();
    if (added) {
      const unmoved = own.filter((k) => !delta!.moved.has(k));
      for (const { entity, facts } of await readEntityFacts(driver, unmoved)) {
        const mentions = added.get(entity.key) ?? [];
        mentionsRead += mentions.length;
        joined.add(entity.key);
        if (mentions.length === 0) continue;
        // An entity with no fact, none of whose names moved, had no mention before: its fact is the new mentions'.
        if (facts) await writer.joinEntityRow(entityFactJoined(facts, entity, mentions));
        else await writer.add({ facts: [entityFactOf(entity, mentions)], conflicts: [] });
      }
    }
    const whole = own.filter((k) => !joined.has(k));
    const gone = part.filter((k) => !joined.has(k)).map((k) => factId('entity', k));
    if (delta && gone.length > 0) await removeFacts(driver, gone);
    for (const { entity, mentions } of await readEntityBlocks(driver, whole)) {
      mentionsRead += mentions.length;
      if (!entity || mentions.length === 0) continue;
      await writer.add({ facts: [entityFactOf(entity, mentions)], conflicts: [] });
    }
  }
  await writer.flush();
  return mentionsRead;
}

/** The added documents' mentions, by the canonical entity they name (a person's canonical name as resolved). */
async function canonicalMentions(driver: Driver, added: ReadonlyArray<{ key: string; mention: EntityMention }>): Promise<Map<string, EntityMention[]>> {
  const canonical = new Map<string, string>();
  for (const x of await readResolutions(driver, [...new Set(added.map((a) => a.key))])) canonical.set(x.key, x.canonical);
  const out = new Map<string, EntityMention[]>();
  for (const { key, mention } of added) pushTo(out, canonical.get(key) ?? key, mention);
  return out;
}

const union = (a: readonly string[], b: unknown): string[] => [...new Set([...a, ...(Array.isArray(b) ? b.map(String) : [])])].sort(cmp);

/**
 * An entity fact with new mentions joined to it: the row of the fact of the new mentions alone,
 * its kinds and forms widened by what the fact held before, and its documents (and their count)
 * left to the graph to join: the new mentions' documents go as `documentIds`. Links
 * (SUPPORTED_BY) are the new mentions' only: those already written stay. Pure; joined to the
 * fact's documents, equals the row of the fact of all mentions.
 */
export function entityFactJoined(before: EntityFactUnions, entity: EntityRef, mentions: readonly EntityMention[]): EntityJoinRow {
  const [row] = reconciledRows({ facts: [entityFactOf(entity, mentions)], conflicts: [] }).facts;
  const { documentIds, corroboration: _, ...props } = row!.props;
  return EntityJoinRow.parse({
    ...row,
    props: { ...props, sourceKinds: union(before.sourceKinds, props.sourceKinds), surfaceForms: union(before.surfaceForms, props.surfaceForms) },
    documentIds,
  });
}
