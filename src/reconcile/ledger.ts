// A force's ledger: what its blocks' rules need of the documents a graph
// already holds, kept small enough to read on every ingest. Its stage
// skeletons (skeleton.ts), each rule block's state as kept (accounts with
// their members only where a join may need them, rules.ts), and the ids of
// each block's conflicts.
//
// New documents are joined to it: their stage statements placed beside the
// skeletons, their statements prepared with those episodes, and each block
// they touch joined with its kept state. The join gives the touched blocks'
// conflicts as a whole recomputation would, and the ledger of all the
// documents; or null when it cannot (an episode would move, or a kept state
// lacks the documents a conflict names), and the force is recomputed whole.
// Pure.
import type { Claim, EntityRef } from '../model/claim.ts';
import { areaFactKey, type PlacedArea } from './areas.ts';
import { cmp, pushTo } from './collections.ts';
import { deciderAccounts, deciderDatings, keptDeciderAccounts } from './conflicts/actor.ts';
import { areaBlocks, areaLists, joinAreaLists, keptAreaLists } from './conflicts/areas.ts';
import { countBlocks, joinListedCount, keptListedCount, listedCountStates } from './conflicts/count.ts';
import { documentDatings, joinAccounts, keptAccounts } from './conflicts/date.ts';
import { keptRemits, remitAccounts } from './conflicts/other.ts';
import { keptPurpose, purposeState, statedPurposes } from './conflicts/purpose.ts';
import { UNASSIGNED } from './episodes.ts';
import { stageStatement, type StageStatement, type Statement } from './normalise.ts';
import type { PlacedEpisodes, PreparedBlock } from './prepare.ts';
import { reasonsFor, ruleConflicts, ruleStates, type BlockConflicts, type RuleStates } from './rules.ts';
import { joinSkeleton, skeletonOf, type StageSkeleton } from './skeleton.ts';
import { consensusState } from './stage-events.ts';
import { conflictDigest } from './support.ts';
import type { ReconcileDocument, ReconcileInput } from './types.ts';

/** Bumped when what a ledger keeps, or how, changes: a ledger of another version is not joined to. */
export const LEDGER_VERSION = 2;

export interface BlockConflictIds {
  block: string;
  ids: string[];
  digests: string[];
}

export interface ForceLedger {
  version: number;
  force: EntityRef;
  /** The force's stage skeleton, per stage. */
  skeletons: Array<{ stage: string; skeleton: StageSkeleton }>;
  /** The force's rule blocks' states, as kept. */
  states: RuleStates;
  /**
   * Each rule block's conflicts (block as in BlockConflicts), ids sorted, with their digests in the
   * same order (conflictDigest): a join compares the conflicts it finds with these, not with the graph's.
   */
  conflicts: BlockConflictIds[];
  /** The words of each of the force's area facts (by fact key, see areaFacts), sorted: a fact joined to lists them all. */
  areaTexts: Array<{ key: string; texts: string[] }>;
}

/** The ledger of a force no document named before. */
export function emptyLedger(force: EntityRef): ForceLedger {
  return {
    version: LEDGER_VERSION,
    force,
    skeletons: [],
    states: { events: [], deciders: [], areas: [], listed: [], purposes: [], counts: [], remits: [] },
    conflicts: [],
    areaTexts: [],
  };
}

/** A prepared block's rule states of one force only. */
function statesOf(states: RuleStates, forceKey: string): RuleStates {
  return {
    events: states.events.filter((e) => e.event.force.key === forceKey),
    deciders: states.deciders.filter((d) => d.event.force.key === forceKey),
    areas: states.areas.filter((a) => a.forceKey === forceKey),
    listed: states.listed.filter((l) => l.forceKey === forceKey),
    purposes: states.purposes.filter((p) => p.event.force.key === forceKey),
    counts: states.counts.filter((c) => c.forceKey === forceKey),
    remits: states.remits.filter((r) => r.force.key === forceKey),
  };
}

/** States in a fixed order: each rule's blocks by key, a block's stated numbers by claim. */
function sortStates(states: RuleStates): RuleStates {
  const by = <T>(keyOf: (x: T) => string) => (a: T, b: T) => cmp(keyOf(a), keyOf(b));
  return {
    events: [...states.events].sort(by((e) => e.event.key)),
    deciders: [...states.deciders].sort(by((d) => d.event.key)),
    areas: [...states.areas].sort(by((a) => a.subject.key)),
    listed: [...states.listed].sort(by((l) => l.event)),
    purposes: [...states.purposes].sort(by((p) => p.event.key)),
    counts: [...states.counts].sort(by((c) => c.key)).map((c) => ({ ...c, statements: [...c.statements].sort(by((x) => x.claim.id)) })),
    remits: [...states.remits].sort(by((r) => r.force.key)),
  };
}

/** States as kept between runs: each rule's accounts with members only where a join may need them. */
function kept(states: RuleStates): RuleStates {
  return {
    events: states.events.map((e) => ({ ...e, accounts: keptAccounts(e.accounts) })),
    deciders: states.deciders.map((d) => ({ ...d, accounts: keptDeciderAccounts(d.accounts) })),
    areas: states.areas.map((a) => ({ ...a, lists: keptAreaLists(a.lists) })),
    listed: states.listed.map(keptListedCount),
    purposes: states.purposes.map((p) => ({ ...p, state: keptPurpose(p.state) })),
    counts: states.counts,
    remits: states.remits.map((r) => ({ ...r, accounts: keptRemits(r.accounts) })),
  };
}

function conflictIds(blocks: readonly BlockConflicts[]): BlockConflictIds[] {
  return blocks
    .map((b) => {
      const conflicts = [...b.conflicts!].sort((x, y) => cmp(x.id, y.id));
      return { block: b.block, ids: conflicts.map((c) => c.id), digests: conflicts.map(conflictDigest) };
    })
    .sort((a, b) => cmp(a.block, b.block));
}

function skeletonsOf(stages: readonly StageStatement[], episodes: ReadonlyMap<string, number>, forceKey: string): ForceLedger['skeletons'] {
  const byStage = new Map<string, StageStatement[]>();
  for (const s of stages) if (s.force.key === forceKey) pushTo(byStage, s.stage, s);
  return [...byStage.keys()].sort(cmp).map((stage) => ({ stage, skeleton: skeletonOf(byStage.get(stage)!, episodes) }));
}

/** The words of a force's area facts, by fact key (as areaFacts groups them), joined to those kept. */
function areaTextsOf(placed: readonly PlacedArea[], forceKey: string, joinedTo: ForceLedger['areaTexts'] = []): ForceLedger['areaTexts'] {
  const texts = new Map(joinedTo.map((a) => [a.key, new Set(a.texts)]));
  for (const p of placed) {
    if (p.force.key !== forceKey) continue;
    const key = areaFactKey(p);
    const set = texts.get(key) ?? new Set<string>();
    set.add(p.statement.text);
    texts.set(key, set);
  }
  return [...texts.keys()].sort(cmp).map((key) => ({ key, texts: [...texts.get(key)!].sort(cmp) }));
}

/** The ledger of one force from a prepared block holding every document that names it (its block, as a whole recomputation reads it), and the block's rule states when worked out already. */
export function ledgerOf(block: PreparedBlock, force: EntityRef, all: RuleStates = ruleStates(block)): ForceLedger {
  const states = statesOf(all, force.key);
  return {
    version: LEDGER_VERSION,
    force,
    skeletons: skeletonsOf(block.stages, block.episodes, force.key),
    states: sortStates(kept(states)),
    conflicts: conflictIds(ruleConflicts(states)),
    areaTexts: areaTextsOf(block.placed, force.key),
  };
}

/** New documents' stage statements, as prepareBlock makes them: one claim per id, in id order. */
export function stageStatementsOf(input: ReconcileInput): StageStatement[] {
  const documents = new Map<string, ReconcileDocument>(input.documents.map((d) => [d.id, d]));
  const unique = new Map<string, Claim>();
  for (const c of input.claims) if (c.kind === 'stageEvent' && documents.has(c.documentId) && !unique.has(c.id)) unique.set(c.id, c);
  return [...unique.keys()]
    .sort()
    .map((id) => stageStatement(unique.get(id)!, documents.get(unique.get(id)!.documentId)!))
    .filter((s): s is StageStatement => s !== null);
}

/**
 * New documents' stage statements placed beside the skeletons of the forces they are about (a
 * force without a ledger has no earlier statements): their episodes, every episode each force and
 * stage then has, and each force's joined skeletons. Null when a statement could move an earlier one.
 */
export function placeBeside(
  stages: readonly StageStatement[],
  skeletons: (forceKey: string, stage: string) => StageSkeleton | null,
): { episodes: PlacedEpisodes; skeletons: Map<string, StageSkeleton> } | null {
  const groups = new Map<string, StageStatement[]>();
  for (const s of stages) pushTo(groups, `${s.force.key}|${s.stage}`, s);
  const of = new Map<string, number>();
  const joined = new Map<string, StageSkeleton>();
  for (const [k, group] of groups) {
    const [forceKey, stage] = [group[0]!.force.key, group[0]!.stage];
    const result = joinSkeleton(skeletons(forceKey, stage) ?? skeletonOf([], new Map()), group);
    if (!result) return null;
    for (const [id, ep] of result.episodes) of.set(id, ep);
    joined.set(k, result.skeleton);
  }
  return {
    episodes: {
      of,
      known: (forceKey, stage) => (joined.get(`${forceKey}|${stage}`) ?? skeletons(forceKey, stage))?.episodes ?? [],
    },
    skeletons: joined,
  };
}

/**
 * A force's ledger with new documents joined to it. `added`: the new documents prepared with the
 * episodes placeBeside gave (and the graph's people as entity context); `skeletons`: the skeletons
 * placeBeside joined. Returns the ledger of all the documents and the conflicts of every block the
 * new documents touch, or null when a touched block cannot be joined.
 */
export function joinLedger(
  ledger: ForceLedger,
  added: PreparedBlock,
  skeletons: ReadonlyMap<string, StageSkeleton>,
): { ledger: ForceLedger; touched: BlockConflicts[] } | null {
  const forceKey = ledger.force.key;
  const was = ledger.states;
  const states: RuleStates = {
    events: [...was.events],
    deciders: [...was.deciders],
    areas: [...was.areas],
    listed: [...was.listed],
    purposes: [...was.purposes],
    counts: [...was.counts],
    remits: [...was.remits],
  };
  /** Replaces (or adds) the state of one block. */
  const put = <T>(list: T[], keyOf: (x: T) => string, item: T) => {
    const i = list.findIndex((x) => keyOf(x) === keyOf(item));
    if (i >= 0) list[i] = item;
    else list.push(item);
  };
  const touched: RuleStates = { events: [], deciders: [], areas: [], listed: [], purposes: [], counts: [], remits: [] };

  for (const event of added.events) {
    if (event.force.key !== forceKey) continue;
    const held = was.events.find((e) => e.event.key === event.key);
    const datings = event.episode === UNASSIGNED ? [] : documentDatings(event, added.implied.get(event.key) ?? [], added.passing);
    const state = { event: held?.event ?? { key: event.key, force: event.force, stage: event.stage, change: event.change, episode: event.episode }, consensus: consensusState(event.statements, held?.consensus), accounts: joinAccounts(held?.accounts ?? [], datings) };
    touched.events.push(state);
  }
  // An event new documents only imply a dating for (a spell) is touched too.
  for (const [key, implied] of added.implied) {
    const held = was.events.find((e) => e.event.key === key);
    if (!held || touched.events.some((e) => e.event.key === key) || held.event.force.key !== forceKey) continue;
    touched.events.push({ ...held, accounts: joinAccounts(held.accounts, documentDatings({ ...held.event, statements: [] }, implied, added.passing)) });
  }

  for (const decisions of added.decisionBlocks) {
    if (decisions.force.key !== forceKey) continue;
    const held = was.deciders.find((d) => d.event.key === decisions.key);
    const accounts = decisions.episode === UNASSIGNED ? [] : deciderAccounts(deciderDatings(decisions, added.sideOfActor), held?.accounts ?? []);
    touched.deciders.push({ event: held?.event ?? { key: decisions.key, force: decisions.force, stage: decisions.stage, change: decisions.change, episode: decisions.episode }, accounts });
  }

  for (const [key, docs] of areaBlocks(added.findings)) {
    const first = docs[0]![0]!;
    if (first.force.key !== forceKey) continue;
    const held = was.areas.find((a) => a.subject.key === key);
    const lists = held ? joinAreaLists(held.lists, docs) : areaLists(docs);
    if (!lists) return null;
    touched.areas.push({ subject: held?.subject ?? { key, force: first.force, stage: first.stage, change: first.change, polarity: first.statement.polarity }, forceKey, lists });
  }

  for (const state of listedCountStates(added.placed, added.sentenceText, added.index.mainEvent)) {
    if (state.forceKey !== forceKey) continue;
    const held = was.listed.find((l) => l.event === state.event);
    touched.listed.push(held ? joinListedCount(held, state) : state);
  }

  const causesOf: Statement[] = added.details.filter((d) => d.claim.qualifiers.topic === 'cause' && d.force.key === forceKey);
  const entries = new Map<string, PreparedBlock['events'][number]>();
  for (const e of added.events) if (e.force.key === forceKey && e.change === 'entered' && e.episode !== UNASSIGNED) entries.set(e.key, e);
  for (const e of was.purposes) if (!entries.has(e.event.key)) entries.set(e.event.key, { ...e.event, statements: [] });
  for (const event of entries.values()) {
    const findings = added.findings.filter((p) => p.event === event.key);
    const reasons = statedPurposes(reasonsFor(added, event, causesOf, findings));
    const held = was.purposes.find((p) => p.event.key === event.key);
    if (reasons.length === 0 && held) continue;
    touched.purposes.push({ event: held?.event ?? { key: event.key, force: event.force, stage: event.stage, change: event.change, episode: event.episode }, state: purposeState(reasons, held?.state) });
  }

  for (const [key, statements] of countBlocks(added.counts)) {
    if (statements[0]!.force.key !== forceKey) continue;
    const held = was.counts.find((c) => c.key === key);
    touched.counts.push({ key, forceKey, statements: [...(held?.statements ?? []), ...statements] });
  }

  const remits = added.details.filter((d) => d.claim.qualifiers.topic === 'remit' && d.force.key === forceKey);
  if (remits.length > 0) {
    const held = was.remits.find((r) => r.force.key === forceKey);
    touched.remits.push({ force: held?.force ?? remits[0]!.force, accounts: remitAccounts(remits, held?.accounts ?? []) });
  }

  const found = ruleConflicts(touched);
  if (found.some((b) => b.conflicts === null)) return null;

  for (const x of touched.events) put(states.events, (e) => e.event.key, x);
  for (const x of touched.deciders) put(states.deciders, (d) => d.event.key, x);
  for (const x of touched.areas) put(states.areas, (a) => a.subject.key, x);
  for (const x of touched.listed) put(states.listed, (l) => l.event, x);
  for (const x of touched.purposes) put(states.purposes, (p) => p.event.key, x);
  for (const x of touched.counts) put(states.counts, (c) => c.key, x);
  for (const x of touched.remits) put(states.remits, (r) => r.force.key, x);
  const ids = new Map(ledger.conflicts.map((c) => [c.block, c]));
  for (const c of conflictIds(found)) ids.set(c.block, c);

  const stages = new Map(ledger.skeletons.map((s) => [s.stage, s.skeleton]));
  for (const [k, skeleton] of skeletons) {
    const [key, stage] = k.split('|') as [string, string];
    if (key === forceKey) stages.set(stage, skeleton);
  }
  return {
    ledger: {
      version: LEDGER_VERSION,
      force: ledger.force,
      skeletons: [...stages.keys()].sort(cmp).map((stage) => ({ stage, skeleton: stages.get(stage)! })),
      states: sortStates(kept(states)),
      conflicts: [...ids.values()].sort((a, b) => cmp(a.block, b.block)),
      areaTexts: areaTextsOf(added.placed, forceKey, ledger.areaTexts),
    },
    touched: found,
  };
}
