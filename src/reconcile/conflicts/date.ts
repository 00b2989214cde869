// Date rule: two documents whose datings of the same stage event (one block:
// force, stage, change, episode) cannot both be true.
//
// A document's dating is the intersection of its statements of the event, each
// an interval at its own precision ('2022-06' is all of June), or, for an
// undated statement, on or before its publication ("was moved") or on or after
// it ("will enter"). Overlapping intervals agree: a coarser date containing a
// finer one, "today" and "yesterday" resolving to the same day. Disjoint ones
// are a conflict.
// - An undated statement of a document that mentions the force in passing
//   (names it once, or names another force more) takes no part: it says
//   nothing of when, only that the text knew of it.
// - A spell ("four years after being put in special measures", "after just
//   over two years in enhanced monitoring") implies when the force entered:
//   the document's exit (or its publication) less the spell, the spell's
//   hedges kept as a range. Such an implied dating is compared like a stated
//   one, at low confidence.
// Confidence is high when both sides state a date, low when a side is inferred
// (from a publication date or a spell). Pure; a function of one block.
import { cmp, pushTo } from '../collections.ts';
import { UNASSIGNED } from '../episodes.ts';
import { dateInterval, describeInterval, intersect, isBounded, isoOfDay, overlaps, width, type Interval } from '../intervals.ts';
import type { Statement, StageStatement } from '../normalise.ts';
import { documentOrder, eventConflict, sideOf } from '../support.ts';
import type { Conflict, ReconcileDocument } from '../types.ts';

/** The stage event a block is about, and every statement of it. */
export interface DatedEventBlock {
  key: string;
  force: { key: string; name: string };
  stage: string;
  change: string;
  episode: number;
  statements: readonly StageStatement[];
}

/** When a document's spell statement says the force entered. */
export interface ImpliedDating {
  document: ReconcileDocument;
  interval: Interval;
  value: string;
  statements: readonly Statement[];
}

export interface DocumentDating {
  document: ReconcileDocument;
  statements: readonly Statement[];
  /** What the document as a whole says: the intersection of its statements (its most precise one if they clash). */
  interval: Interval;
  /** The statements that carry that dating (the dated ones when there are any). */
  carriers: readonly Statement[];
  value: string;
  /** Stated with a date (not only a publication day or a spell). */
  explicit: boolean;
}

export function datingOf(statements: readonly StageStatement[]): DocumentDating {
  const dated = statements.filter((s) => s.date && dateInterval(s.date));
  const informative = dated.length > 0 ? dated : [...statements];
  let interval: Interval | null = { lo: -Infinity, hi: Infinity };
  for (const s of statements) interval = interval && intersect(interval, s.interval);
  if (!interval) {
    const narrowest = [...informative].sort((a, b) => width(a.interval) - width(b.interval) || a.claim.start - b.claim.start)[0]!;
    interval = narrowest.interval;
  }
  const carriers = informative.filter((s) => overlaps(s.interval, interval!));
  const first = carriers[0] ?? informative[0]!;
  return {
    document: first.document,
    statements,
    interval,
    carriers: carriers.length ? carriers : informative,
    value: describeDating(first, interval),
    explicit: dated.length > 0,
  };
}

function describeDating(s: StageStatement, interval: Interval): string {
  if (s.date) return s.date;
  if (s.qualifiers.tense === 'future') return `still to come when published (${describeInterval(interval)})`;
  return s.document.publishedAt ? `no date (${describeInterval(interval)}, the publication date)` : 'no date';
}

/**
 * Each document's dating of the block's event: its statements, less the
 * undated ones of documents about another force; a spell-implied dating for
 * documents that state no date of their own.
 */
export function documentDatings(
  block: DatedEventBlock,
  implied: readonly ImpliedDating[],
  passing: (documentId: string, forceKey: string) => boolean,
): DocumentDating[] {
  const byDoc = new Map<string, StageStatement[]>();
  for (const s of block.statements) if (s.date || !passing(s.document.id, block.force.key)) pushTo(byDoc, s.document.id, s);
  const out = [...byDoc.values()].map(datingOf);
  for (const i of implied) {
    const own = out.findIndex((d) => d.document.id === i.document.id);
    if (own >= 0 && out[own]!.explicit) continue;
    const dating: DocumentDating = { document: i.document, statements: i.statements, interval: i.interval, carriers: i.statements, value: i.value, explicit: false };
    if (own >= 0) out[own] = dating;
    else out.push(dating);
  }
  return out.sort((a, b) => documentOrder(a.document, b.document));
}

/** Whether a dating came from a spell (the rule and confidence a conflict with it takes). */
const fromSpell = (d: DocumentDating): boolean => !d.explicit && d.statements.some((s) => s.claim.kind === 'detail');

/**
 * Pairs of documents whose datings are disjoint (one of them bounded). Documents dating the event
 * alike (the same interval, wording and kind of evidence) are one account: of two disjoint
 * accounts, each document of the smaller is set against the first document of the larger, so
 * conflicts grow with the documents that dissent, not with dissenters times copies of the account.
 */
export function disjointPairs(datings: readonly DocumentDating[]): Array<[DocumentDating, DocumentDating]> {
  const accounts = new Map<string, number[]>();
  datings.forEach((d, i) => pushTo(accounts, JSON.stringify([d.interval.lo, d.interval.hi, d.value, d.explicit, fromSpell(d)]), i));
  const list = [...accounts.values()];
  const pairs: Array<[number, number]> = [];
  // Pairs of accounts within one event only: blocks are the documents about one event, never the corpus.
  for (let g = 0; g < list.length; g++) {
    for (let h = g + 1; h < list.length; h++) {
      const a = datings[list[g]![0]!]!;
      const b = datings[list[h]![0]!]!;
      if (overlaps(a.interval, b.interval) || !(isBounded(a.interval) || isBounded(b.interval))) continue;
      // The larger account (the earlier on a tie) is set against each document of the other.
      const [account, others] = list[h]!.length > list[g]!.length ? [list[h]!, list[g]!] : [list[g]!, list[h]!];
      const first = account[0]!;
      for (const i of others) pairs.push(i < first ? [i, first] : [first, i]);
    }
  }
  return pairs.sort(([a1, b1], [a2, b2]) => a1 - a2 || b1 - b2).map(([i, j]) => [datings[i]!, datings[j]!]);
}

export function dateConflictsOf(block: DatedEventBlock, implied: readonly ImpliedDating[], passing: (documentId: string, forceKey: string) => boolean): Conflict[] {
  if (block.episode === UNASSIGNED) return [];
  const out: Conflict[] = [];
  for (const [a, b] of disjointPairs(documentDatings(block, implied, passing))) {
    const sideA = sideOf(a.document, a.value, a.carriers);
    const sideB = sideOf(b.document, b.value, b.carriers);
    const spell = fromSpell(a);
    const spellB = fromSpell(b);
    out.push(
      eventConflict({
        kind: 'date',
        eventKey: block.key,
        event: block,
        subject: `${block.force.name} ${block.change} ${block.stage}`,
        confidence: a.explicit && b.explicit ? 'high' : 'low',
        rule: spell || spellB ? 'date.spell' : a.explicit && b.explicit ? 'date.disjoint' : 'date.publication',
        a: sideA,
        b: sideB,
      }),
    );
  }
  return out;
}

const YEAR_DAYS = 365.25;

/** When a spell of `years` ({lo, hi}) ending within `end` began. */
export function spellStart(end: Interval, years: { lo: number; hi: number }): Interval {
  return { lo: Math.floor(end.lo - years.hi * YEAR_DAYS), hi: Math.ceil(end.hi - years.lo * YEAR_DAYS) };
}

export function describeSpell(text: string, start: Interval): string {
  const lo = Number.isFinite(start.lo) ? isoOfDay(start.lo).slice(0, 7) : '?';
  const hi = Number.isFinite(start.hi) ? isoOfDay(start.hi).slice(0, 7) : '?';
  return `"${text}": entered between ${lo} and ${hi}`;
}

export const sortedIds = (xs: Iterable<string>): string[] => [...new Set(xs)].sort(cmp);
