// Stage events across sources: one fact per (force, stage, change, episode)
// with its corroboration and the date most sources agree with. Date conflicts
// are the date rule's (conflicts/date.ts). Pure.
import type { EntityRef } from '../model/claim.ts';
import { cmp, pushTo } from './collections.ts';
import { UNASSIGNED } from './episodes.ts';
import { datingOf } from './conflicts/date.ts';
import { dateInterval, overlaps, width, type Interval } from './intervals.ts';
import type { StageStatement } from './normalise.ts';
import { documentOrder, factOf } from './support.ts';
import type { Fact } from './types.ts';

/** Statements about one event: a force's change of stage in one episode. */
export interface Block<S> {
  /** The event key (force, stage, change, episode). */
  key: string;
  force: EntityRef;
  stage: string;
  change: string;
  episode: number;
  statements: S[];
}

export type EventBlock = Block<StageStatement>;

/** What blocking needs of a statement: the event it is about, and where it stands in its document. */
interface EventStatement {
  force: EntityRef;
  stage: string;
  change: string;
  document: Parameters<typeof documentOrder>[0];
  claim: { id: string; start: number };
}

/** Statements grouped by event (the episode each belongs to given), blocks and statements in a fixed order. */
export function blocksByEvent<S extends EventStatement>(statements: readonly S[], episodeOf: (s: S) => number): Block<S>[] {
  const blocks = new Map<string, Block<S>>();
  for (const s of statements) {
    const episode = episodeOf(s);
    const key = eventKey(s.force.key, s.stage, s.change, episode);
    const block = blocks.get(key) ?? { key, force: s.force, stage: s.stage, change: s.change, episode, statements: [] };
    block.statements.push(s);
    blocks.set(key, block);
  }
  const out = [...blocks.values()].sort((a, b) => cmp(a.key, b.key));
  for (const b of out) b.statements.sort((x, y) => documentOrder(x.document, y.document) || x.claim.start - y.claim.start || cmp(x.claim.id, y.claim.id));
  return out;
}

export function eventKey(forceKey: string, stage: string, change: string, episode: number): string {
  return `${forceKey}|${stage}|${change}|${episode === UNASSIGNED ? '?' : episode}`;
}

export function eventSubject(forceName: string, stage: string, change: string): string {
  return `${forceName} ${change} ${stage}`;
}

/** Stage statements blocked by (force, stage, change, episode), blocks and statements in a fixed order. */
export function eventBlocks(statements: readonly StageStatement[], episodes: ReadonlyMap<string, number>): EventBlock[] {
  return blocksByEvent(statements, (s) => episodes.get(s.claim.id) ?? UNASSIGNED);
}

/** One fact per event block; `disputed` holds the keys of blocks with a date conflict. */
export function stageEventFacts(blocks: readonly EventBlock[], disputed: ReadonlySet<string>): Fact[] {
  return blocks.map((block) => {
    const consensus = consensusDate(block);
    return factOf({
      kind: 'stageEvent',
      key: block.key,
      subject: eventSubject(block.force.name, block.stage, block.change),
      subjectKey: block.force.key,
      predicate: block.change === 'exited' ? 'EXITED_STAGE' : 'ENTERED_STAGE',
      object: block.stage,
      qualifiers: {
        force: block.force.name,
        stage: block.stage,
        change: block.change,
        episode: block.episode === UNASSIGNED ? null : block.episode + 1,
        date: consensus?.date ?? null,
        datePrecision: consensus?.precision ?? null,
        dateDisputed: disputed.has(block.key),
      },
      statements: block.statements,
    });
  });
}

/** The date most documents agree with; on a tie the most precise, then the earliest. */
function consensusDate(block: EventBlock): { date: string; precision: string | null } | null {
  return consensusOf(consensusState(block.statements));
}

/** Where a statement stands in its event's block: its document, then its place in it. */
export interface StatementPlace {
  document: Parameters<typeof documentOrder>[0];
  start: number;
  claimId: string;
}

const placeOrder = (a: StatementPlace, b: StatementPlace): number => documentOrder(a.document, b.document) || a.start - b.start || cmp(a.claimId, b.claimId);

/**
 * What an event's consensus date is worked out from, kept small: each document's dating (its
 * statements' intersection) counted by interval, and each date a statement gives, with the last
 * such statement (whose precision the date takes).
 */
export interface ConsensusState {
  datings: Array<{ interval: Interval; documents: number }>;
  candidates: Array<{ date: string; precision: string | null; interval: Interval; last: StatementPlace }>;
}

const intervalKey = (i: Interval): string => `${i.lo}|${i.hi}`;

/** The consensus state of an event's statements, or that state with new documents' statements joined to it. */
export function consensusState(statements: readonly StageStatement[], joinedTo: ConsensusState = { datings: [], candidates: [] }): ConsensusState {
  const datings = new Map(joinedTo.datings.map((d) => [intervalKey(d.interval), { ...d }]));
  for (const dating of [...byDocument(statements).values()].map(datingOf)) {
    const k = intervalKey(dating.interval);
    const held = datings.get(k) ?? { interval: dating.interval, documents: 0 };
    held.documents++;
    datings.set(k, held);
  }
  const candidates = new Map(joinedTo.candidates.map((c) => [c.date, { ...c }]));
  for (const s of statements) {
    if (!s.date || !dateInterval(s.date)) continue;
    const place = { document: s.document, start: s.claim.start, claimId: s.claim.id };
    const held = candidates.get(s.date);
    if (held && placeOrder(place, held.last) < 0) continue;
    candidates.set(s.date, { date: s.date, precision: typeof s.qualifiers.datePrecision === 'string' ? s.qualifiers.datePrecision : null, interval: s.interval, last: place });
  }
  return {
    datings: [...datings.values()].sort((a, b) => a.interval.lo - b.interval.lo || a.interval.hi - b.interval.hi),
    candidates: [...candidates.values()].sort((a, b) => cmp(a.date, b.date)),
  };
}

/** The consensus date of a state: the date most documents' datings overlap; on a tie the most precise, then the earliest. */
export function consensusOf(state: ConsensusState): { date: string; precision: string | null } | null {
  if (state.candidates.length === 0) return null;
  const ranked = state.candidates.map((c) => ({
    date: c.date,
    precision: c.precision,
    interval: c.interval,
    support: state.datings.reduce((n, d) => (overlaps(d.interval, c.interval) ? n + d.documents : n), 0),
  }));
  ranked.sort((a, b) => b.support - a.support || width(a.interval) - width(b.interval) || a.interval.lo - b.interval.lo || cmp(a.date, b.date));
  return { date: ranked[0]!.date, precision: ranked[0]!.precision };
}

function byDocument(statements: readonly StageStatement[]): Map<string, StageStatement[]> {
  const m = new Map<string, StageStatement[]>();
  for (const s of statements) pushTo(m, s.document.id, s);
  return m;
}
