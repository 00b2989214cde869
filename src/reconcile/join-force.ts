// New documents joined to one force's ledger, as the graph needs them: the
// ledger of all the documents, the facts the new documents state (their
// unions — documents, kinds of source, claims — the new documents' only, for
// the graph to widen; every other property as a whole recomputation gives
// it), and the conflicts of every block the new documents touch
// with the ids of those blocks' conflicts before. Null when the ledger cannot
// be joined (ledger.ts), or when a fact the new documents state nothing of
// would change; the force is then recomputed whole. Pure.
import { areaFacts } from './areas.ts';
import { decisionFacts } from './decisions.ts';
import { joinLedger, type ForceLedger } from './ledger.ts';
import type { PreparedBlock } from './prepare.ts';
import type { StageSkeleton } from './skeleton.ts';
import { consensusOf, stageEventFacts } from './stage-events.ts';
import { factId } from './support.ts';
import type { Conflict, Fact } from './types.ts';

export interface ForceJoin {
  ledger: ForceLedger;
  /** Facts the new documents state, their unions the new documents' only. */
  facts: Fact[];
  /** The conflicts of every block the new documents touch. */
  conflicts: Conflict[];
  /** Those blocks' conflicts before, as the ledger kept them: their ids and digests (conflictDigest). */
  conflictsBefore: Array<{ id: string; digest: string }>;
}


/** `added`: the new documents prepared with the episodes placeBeside gave; `skeletons`: the ones it joined. */
export function joinForce(ledger: ForceLedger, added: PreparedBlock, skeletons: ReadonlyMap<string, StageSkeleton>): ForceJoin | null {
  const joined = joinLedger(ledger, added, skeletons);
  if (!joined) return null;
  const forceKey = ledger.force.key;
  const conflictIds = new Map(joined.ledger.conflicts.map((c) => [c.block, c.ids]));
  const disputedNow = (eventKey: string) => (conflictIds.get(`date:${eventKey}`) ?? []).length > 0;
  const consensus = new Map(joined.ledger.states.events.map((e) => [factId('stageEvent', e.event.key), consensusOf(e.consensus)]));
  const texts = new Map(joined.ledger.areaTexts.map((a) => [factId('area', a.key), a.texts.join(' | ')]));

  const events = added.events.filter((e) => e.force.key === forceKey);
  const disputed = new Set(events.filter((e) => disputedNow(e.key)).map((e) => e.key));
  const facts: Fact[] = [];
  for (const f of stageEventFacts(events, disputed)) {
    const date = consensus.get(f.id) ?? null;
    facts.push({ ...f, qualifiers: { ...f.qualifiers, date: date?.date ?? null, datePrecision: date?.precision ?? null } });
  }
  for (const f of decisionFacts(added.decisionBlocks.filter((d) => d.force.key === forceKey))) facts.push(f);
  for (const f of areaFacts(added.placed.filter((p) => p.force.key === forceKey))) facts.push({ ...f, qualifiers: { ...f.qualifiers, texts: texts.get(f.id)! } });

  // A date block can be touched by a spell alone (no new statement of its event). Should its fact's
  // dispute change, the fact is not among those the new documents state: the force is recomputed whole.
  const stated = new Set(events.map((e) => e.key));
  const before = new Map(ledger.conflicts.map((c) => [c.block, c]));
  for (const { block } of joined.touched) {
    if (!block.startsWith('date:') || stated.has(block.slice('date:'.length))) continue;
    if ((before.get(block)?.ids ?? []).length > 0 !== disputedNow(block.slice('date:'.length))) return null;
  }

  const conflicts = new Map<string, Conflict>();
  const kept = new Map<string, string>();
  for (const b of joined.touched) {
    for (const c of b.conflicts!) if (!conflicts.has(c.id)) conflicts.set(c.id, c);
    const held = before.get(b.block);
    held?.ids.forEach((id, i) => kept.set(id, held.digests[i]!));
  }
  return {
    ledger: joined.ledger,
    facts,
    conflicts: [...conflicts.values()],
    conflictsBefore: [...kept].map(([id, digest]) => ({ id, digest })),
  };
}
