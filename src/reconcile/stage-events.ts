// Stage events across sources: one fact per (force, stage, change, episode)
// with its corroboration, and a date conflict between two documents whose
// statements of when it happened cannot both be true (disjoint intervals).
// A coarser date containing a finer one, "today" and "yesterday" resolving to
// the same day, an undated "was moved" before publication: all agree. Pure.
import { stableId } from '../util/hash.ts';
import { cmp, pushTo } from './collections.ts';
import { UNASSIGNED } from './episodes.ts';
import { dateInterval, describeInterval, intersect, isBounded, overlaps, width, type Interval } from './intervals.ts';
import type { StageStatement } from './normalise.ts';
import { documentOrder, factOf, sideOf } from './support.ts';
import type { Conflict, Fact } from './types.ts';

export interface EventBlock {
  key: string;
  force: StageStatement['force'];
  stage: string;
  change: string;
  episode: number;
  statements: StageStatement[];
}

export function eventKey(forceKey: string, stage: string, change: string, episode: number): string {
  return `${forceKey}|${stage}|${change}|${episode === UNASSIGNED ? '?' : episode}`;
}

export function eventSubject(forceName: string, stage: string, change: string): string {
  return `${forceName} ${change} ${stage}`;
}

/** Stage statements blocked by (force, stage, change, episode), blocks and statements in a fixed order. */
export function eventBlocks(statements: readonly StageStatement[], episodes: ReadonlyMap<string, number>): EventBlock[] {
  const blocks = new Map<string, EventBlock>();
  for (const s of statements) {
    const episode = episodes.get(s.claim.id) ?? UNASSIGNED;
    const key = eventKey(s.force.key, s.stage, s.change, episode);
    const block = blocks.get(key) ?? { key, force: s.force, stage: s.stage, change: s.change, episode, statements: [] };
    block.statements.push(s);
    blocks.set(key, block);
  }
  const out = [...blocks.values()].sort((a, b) => cmp(a.key, b.key));
  for (const b of out) b.statements.sort((x, y) => documentOrder(x.document, y.document) || x.claim.start - y.claim.start || cmp(x.claim.id, y.claim.id));
  return out;
}

interface DocumentDating {
  statements: StageStatement[];
  /** What the document as a whole says: the intersection of its statements (its most precise one if they clash). */
  interval: Interval;
  /** The statements that carry that dating (the dated ones when there are any). */
  carriers: StageStatement[];
  value: string;
}

function datingOf(statements: StageStatement[]): DocumentDating {
  const dated = statements.filter((s) => s.date && dateInterval(s.date));
  const informative = dated.length > 0 ? dated : statements;
  let interval: Interval | null = { lo: -Infinity, hi: Infinity };
  for (const s of statements) interval = interval && intersect(interval, s.interval);
  if (!interval) {
    const narrowest = [...informative].sort((a, b) => width(a.interval) - width(b.interval) || a.claim.start - b.claim.start)[0]!;
    interval = narrowest.interval;
  }
  const carriers = informative.filter((s) => overlaps(s.interval, interval!));
  const first = carriers[0] ?? informative[0]!;
  return { statements, interval, carriers: carriers.length ? carriers : informative, value: describeDating(first, interval) };
}

function describeDating(s: StageStatement, interval: Interval): string {
  if (s.date) return s.date;
  if (s.qualifiers.tense === 'future') return `still to come when published (${describeInterval(interval)})`;
  return s.document.publishedAt ? `no date (${describeInterval(interval)}, the publication date)` : 'no date';
}

export function stageEventFacts(blocks: readonly EventBlock[]): Fact[] {
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
        dateDisputed: dateConflictPairs(block).length > 0,
      },
      statements: block.statements,
    });
  });
}

/** The date most documents agree with; on a tie the most precise, then the earliest. */
function consensusDate(block: EventBlock): { date: string; precision: string | null } | null {
  const dated = block.statements.filter((s) => s.date && dateInterval(s.date));
  if (dated.length === 0) return null;
  const docs = [...byDocument(block.statements).values()].map(datingOf);
  const candidates = [...new Map(dated.map((s) => [s.date!, s])).values()].map((s) => ({
    date: s.date!,
    precision: typeof s.qualifiers.datePrecision === 'string' ? s.qualifiers.datePrecision : null,
    interval: s.interval,
    support: docs.filter((d) => overlaps(d.interval, s.interval)).length,
  }));
  candidates.sort((a, b) => b.support - a.support || width(a.interval) - width(b.interval) || a.interval.lo - b.interval.lo || cmp(a.date, b.date));
  return candidates[0]!;
}

function byDocument(statements: readonly StageStatement[]): Map<string, StageStatement[]> {
  const m = new Map<string, StageStatement[]>();
  for (const s of statements) pushTo(m, s.document.id, s);
  return m;
}

function dateConflictPairs(block: EventBlock): Array<[DocumentDating, DocumentDating]> {
  if (block.episode === UNASSIGNED) return [];
  const docs = [...byDocument(block.statements).values()].map(datingOf);
  docs.sort((a, b) => documentOrder(a.statements[0]!.document, b.statements[0]!.document));
  const pairs: Array<[DocumentDating, DocumentDating]> = [];
  // Pairs within one event only: blocks are small (the documents about one event), never the corpus.
  for (let i = 0; i < docs.length; i++) {
    for (let j = i + 1; j < docs.length; j++) {
      const a = docs[i]!;
      const b = docs[j]!;
      if (!overlaps(a.interval, b.interval) && (isBounded(a.interval) || isBounded(b.interval))) pairs.push([a, b]);
    }
  }
  return pairs;
}

/** Date conflicts: two documents whose datings of the same event are disjoint. */
export function dateConflicts(blocks: readonly EventBlock[]): Conflict[] {
  const out: Conflict[] = [];
  for (const block of blocks) {
    for (const [a, b] of dateConflictPairs(block)) {
      const subject = eventSubject(block.force.name, block.stage, block.change);
      const sideA = sideOf(a.statements[0]!.document, a.value, a.carriers);
      const sideB = sideOf(b.statements[0]!.document, b.value, b.carriers);
      out.push({
        id: stableId('conflict', 'date', block.key, sideA.documentId, sideB.documentId),
        kind: 'date',
        subject,
        force: block.force.name,
        stage: block.stage,
        change: block.change,
        a: sideA,
        b: sideB,
      });
    }
  }
  return out;
}
