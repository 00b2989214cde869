/**
 * Force blocks brought up to date by joining new documents to their forces'
 * ledgers (src/reconcile/ledger.ts, join-force.ts), instead of reading and
 * reconciling every document about each force again: for an ingest that only
 * adds documents. A force that cannot be joined (no ledger, or a join that
 * says it cannot) is left to be recomputed whole; and when the new documents'
 * stage statements cannot be placed beside the graph's episodes without
 * moving an earlier one, none is joined.
 */
import type { Driver } from 'neo4j-driver';
import type { Knowledge } from '../src/knowledge/index.ts';
import type { EntityRef } from '../src/model/claim.ts';
import { sideNamed, type ActorSide } from '../src/reconcile/actors.ts';
import { joinForce, type ForceJoin } from '../src/reconcile/join-force.ts';
import { emptyLedger, placeBeside, stageStatementsOf, type ForceLedger } from '../src/reconcile/ledger.ts';
import { prepareBlock, type EntityContext } from '../src/reconcile/prepare.ts';
import type { ReconcileInput } from '../src/reconcile/types.ts';
import { readLedgers, writeLedgers } from '../src/graph/ledgers.ts';
import {
  blockJoinRow,
  readDocumentBlocks,
  readForcesNamedBeyond,
  readResolutions,
  replaceJoinedConflicts,
  type ChangedConflict,
  type ForceRef,
  type ReconciledWriter,
} from '../src/graph/write-reconciled.ts';

export interface JoinedForces {
  /** Keys of the forces joined (their facts, conflicts and ledgers written). */
  joined: Set<string>;
  /** Their touched blocks' conflicts before and after. */
  gone: ChangedConflict[];
  written: ChangedConflict[];
  /** Claims of the new documents read. */
  claims: number;
}

/**
 * Joins the documents `added` to the ledgers of the forces `join`. `placed`: every force the new
 * documents name, whose episodes the new stage statements are placed beside (a superset of
 * `join`). Null when a new stage statement cannot be placed: no force is joined.
 */
export async function joinForces(
  driver: Driver,
  knowledge: Knowledge,
  { join, placed, added }: { join: readonly ForceRef[]; placed: readonly ForceRef[]; added: readonly string[] },
  writer: ReconciledWriter,
): Promise<JoinedForces | null> {
  const ledgers = await readLedgers(driver, placed.map((f) => f.key));
  // A force without a ledger is new to the graph, unless a document other than the new ones names it.
  const unknown = await readForcesNamedBeyond(driver, placed.filter((f) => !ledgers.has(f.key)).map((f) => f.key), added);
  const ledgerOf = (force: EntityRef): ForceLedger | null => ledgers.get(force.key) ?? (unknown.has(force.key) ? null : emptyLedger(force));

  const input = await readDocumentBlocks(driver, added);
  const stages = stageStatementsOf(input);
  const named = new Set(placed.map((f) => f.key));
  if (stages.some((s) => !named.has(s.force.key) || !ledgerOf(s.force))) return null;
  const beside = placeBeside(stages, (forceKey, stage) => ledgers.get(forceKey)?.skeletons.find((s) => s.stage === stage)?.skeleton ?? null);
  if (!beside) return null;
  const block = prepareBlock(input, { knowledge, entities: await readEntityContext(driver, [input]), episodes: beside.episodes });

  const joins: Array<{ force: ForceRef; result: ForceJoin }> = [];
  for (const force of join) {
    const ledger = ledgerOf({ type: 'Force', key: force.key, name: force.name });
    const result = ledger ? joinForce(ledger, block, beside.skeletons) : null;
    if (result) joins.push({ force, result });
  }

  for (const { result } of joins) for (const fact of result.facts) await writer.joinBlockRow(blockJoinRow(fact));
  const before = new Map(joins.flatMap((j) => j.result.conflictsBefore.map((c) => [c.id, c.digest] as const)));
  const after = new Map(joins.flatMap((j) => j.result.conflicts.map((c) => [c.id, c] as const)));
  const changed = await replaceJoinedConflicts(driver, before, [...after.values()], writer);
  await writer.flush();
  await writeLedgers(driver, joins.map(({ force, result }) => ({ forceKey: force.key, ledger: result.ledger })));
  return { joined: new Set(joins.map((j) => j.force.key)), gone: changed.gone, written: changed.written, claims: input.claims.length };
}

/** The canonical names and sides, as the graph's resolutions hold them, of the people some blocks name. */
export async function readEntityContext(driver: Driver, inputs: Iterable<ReconcileInput>): Promise<EntityContext> {
  const persons = new Set<string>();
  for (const input of inputs) for (const c of input.claims) for (const e of [c.subject, ...c.links.map((l) => l.entity)]) if (e?.type === 'Person') persons.add(e.key);
  const canonical = new Map<string, EntityRef>();
  const personSides = new Map<string, ActorSide | null>();
  for (const x of await readResolutions(driver, [...persons])) {
    canonical.set(x.key, { type: 'Person', key: x.canonical, name: x.canonicalName });
    personSides.set(x.canonical, x.side === null ? null : sideNamed(x.side));
  }
  return { canonical, personSides };
}
