// The conflict rules over a prepared block, block by block: each rule's
// state (its accounts: documents saying the same, see conflicts/*.ts) per
// block, and the conflicts read from it. A whole recomputation reads every
// state's conflicts; a state kept between runs can be joined with new
// documents' statements instead (ledger.ts). Pure.
import type { EntityRef } from '../model/claim.ts';
import { pushTo } from './collections.ts';
import { deciderAccounts, deciderConflicts, deciderDatings, type DeciderAccount } from './conflicts/actor.ts';
import { areaBlocks, areaLists, listConflicts, type AreaBlockSubject, type AreaList } from './conflicts/areas.ts';
import { countBlocks, listedConflicts, listedCountStates, statedCountConflictsOf, type CountStatement, type ListedCountState } from './conflicts/count.ts';
import { accountConflicts, datingAccounts, documentDatings, type DatingAccount } from './conflicts/date.ts';
import { remitAccountConflicts, remitAccounts, type RemitAccount } from './conflicts/other.ts';
import { purposeState, purposeStateConflicts, statedPurposes, type PurposeState, type StatedReasons } from './conflicts/purpose.ts';
import type { DecisionBlock } from './decisions.ts';
import { UNASSIGNED } from './episodes.ts';
import type { Statement } from './normalise.ts';
import type { PreparedBlock } from './prepare.ts';
import { consensusState, type ConsensusState, type EventBlock } from './stage-events.ts';
import type { Conflict, ReconcileDocument } from './types.ts';

/** What a rule block is about: its force, and the event (stage, change, episode) when it has one. */
export interface RuleEvent {
  key: string;
  force: EntityRef;
  stage: string;
  change: string;
  episode: number;
}

/** Every rule's state, per block, of a prepared block. */
export interface RuleStates {
  /** Per stage event: its consensus state and its dating accounts (none for an event of no known episode). */
  events: Array<{ event: RuleEvent; consensus: ConsensusState; accounts: DatingAccount[] }>;
  /** Per decision block (an event's decisions): the deciders' accounts (none for no known episode). */
  deciders: Array<{ event: RuleEvent; accounts: DeciderAccount[] }>;
  /** Per event and polarity: the documents' lists of areas. */
  areas: Array<{ subject: AreaBlockSubject; forceKey: string; lists: AreaList[] }>;
  /** Per event: stating sentences and the inspectorate's reason lists. */
  listed: ListedCountState[];
  /** Per entry event of a known episode: causes and findings. */
  purposes: Array<{ event: RuleEvent; state: PurposeState }>;
  /** Per force and what is counted: every stated number. */
  counts: Array<{ key: string; forceKey: string; statements: CountStatement[] }>;
  /** Per force: the inspectorate's remits. */
  remits: Array<{ force: EntityRef; accounts: RemitAccount[] }>;
}

const eventOf = (b: EventBlock | DecisionBlock): RuleEvent => ({ key: b.key, force: b.force, stage: b.stage, change: b.change, episode: b.episode });

/** Words that attribute a finding to an inspection. */
const INSPECTION = /\b(?:inspect\w*|watchdog|HMICFRS|HMIC)\b/i;

/** What each document says caused an entry event: its causes (spells of that episode) and the concerns it names, those from an inspection apart. */
export function reasonsFor(block: Pick<PreparedBlock, 'index' | 'sentenceText'>, event: Pick<EventBlock, 'force' | 'stage' | 'episode'>, causes: readonly Statement[], findings: PreparedBlock['findings']): StatedReasons[] {
  const reasons = new Map<string, StatedReasons & { causes: Statement[]; findings: Statement[] }>();
  const of = (d: ReconcileDocument) => reasons.get(d.id) ?? reasons.set(d.id, { document: d, causes: [], findings: [], concerns: 0 }).get(d.id)!;
  for (const c of causes) {
    if (block.index.episodeOf(c.document.id, event.force.key, event.stage, 'entered') === event.episode) of(c.document).causes.push(c);
  }
  for (const p of findings) {
    if (p.quoted || p.statement.polarity !== 'concern') continue;
    const r = of(p.statement.document);
    r.concerns++;
    const text = block.sentenceText.get(`${p.statement.document.id}:${p.statement.claim.sentenceIndex}`) ?? '';
    if (p.statement.document.sourceKind === 'inspectorate' || INSPECTION.test(text)) r.findings.push(p.statement);
  }
  return [...reasons.values()];
}

export function ruleStates(block: PreparedBlock): RuleStates {
  const { events, passing, findings } = block;
  const causesOf = new Map<string, Statement[]>();
  for (const d of block.details) if (d.claim.qualifiers.topic === 'cause') pushTo(causesOf, d.force.key, d);
  const findingsOf = new Map<string, typeof findings[number][]>();
  for (const p of findings) pushTo(findingsOf, p.event, p);
  const remits = new Map<string, Array<(typeof block.details)[number]>>();
  for (const d of block.details) if (d.claim.qualifiers.topic === 'remit') pushTo(remits, d.force.key, d);

  return {
    events: events.map((event) => ({
      event: eventOf(event),
      consensus: consensusState(event.statements),
      accounts: event.episode === UNASSIGNED ? [] : datingAccounts(documentDatings(event, block.implied.get(event.key) ?? [], passing)),
    })),
    deciders: block.decisionBlocks.map((decisions) => ({
      event: eventOf(decisions),
      accounts: decisions.episode === UNASSIGNED ? [] : deciderAccounts(deciderDatings(decisions, block.sideOfActor)),
    })),
    areas: [...areaBlocks(findings)].map(([key, docs]) => {
      const first = docs[0]![0]!;
      return { subject: { key, force: first.force, stage: first.stage, change: first.change, polarity: first.statement.polarity }, forceKey: first.force.key, lists: areaLists(docs) };
    }),
    listed: listedCountStates(block.placed, block.sentenceText, block.index.mainEvent),
    purposes: events
      .filter((event) => event.change === 'entered' && event.episode !== UNASSIGNED)
      .map((event) => ({ event: eventOf(event), state: purposeState(statedPurposes(reasonsFor(block, event, causesOf.get(event.force.key) ?? [], findingsOf.get(event.key) ?? []))) })),
    counts: countBlocks(block.counts).map(([key, statements]) => ({ key, forceKey: statements[0]!.force.key, statements })),
    remits: [...remits.keys()].sort().map((key) => ({ force: remits.get(key)![0]!.force, accounts: remitAccounts(remits.get(key)!) })),
  };
}

/** One rule block's conflicts: `conflicts` is null when a kept state lacks the documents they name. */
export interface BlockConflicts {
  /** The rule and block: `date:` and an event key, `actor:`, `areas:`, `listed:`, `purpose:`, `count:`, `remit:`. */
  block: string;
  forceKey: string;
  conflicts: Conflict[] | null;
}

/** The conflicts of every rule block of some states, block by block. */
export function ruleConflicts(states: RuleStates): BlockConflicts[] {
  const out: BlockConflicts[] = [];
  for (const e of states.events) out.push({ block: `date:${e.event.key}`, forceKey: e.event.force.key, conflicts: e.event.episode === UNASSIGNED ? [] : accountConflicts(e.event, e.accounts) });
  for (const d of states.deciders) out.push({ block: `actor:${d.event.key}`, forceKey: d.event.force.key, conflicts: d.event.episode === UNASSIGNED ? [] : deciderConflicts(d.event, d.accounts) });
  for (const a of states.areas) out.push({ block: `areas:${a.subject.key}`, forceKey: a.forceKey, conflicts: listConflicts(a.subject, a.lists) });
  for (const l of states.listed) out.push({ block: `listed:${l.event}`, forceKey: l.forceKey, conflicts: listedConflicts(l) });
  for (const c of states.counts) out.push({ block: `count:${c.key}`, forceKey: c.forceKey, conflicts: statedCountConflictsOf(c.key, c.statements) });
  for (const p of states.purposes) out.push({ block: `purpose:${p.event.key}`, forceKey: p.event.force.key, conflicts: purposeStateConflicts(p.event, p.state) });
  for (const r of states.remits) out.push({ block: `remit:${r.force.key}`, forceKey: r.force.key, conflicts: remitAccountConflicts(r.force, r.accounts) });
  return out;
}
