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
import { INSPECTORATE } from '../areas.ts';
import { dateInterval, describeInterval, intersect, isBounded, isoOfDay, overlaps, width, type Interval } from '../intervals.ts';
import type { Statement, StageStatement } from '../normalise.ts';
import { documentOrder, eventConflict, memberOrder, sidesInOrder, type AccountMember } from '../support.ts';
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
 * Documents dating an event alike: the same interval, wording and kind of evidence. Of two
 * disjoint accounts, the larger is set against each document of the other, through its
 * representative, so conflicts grow with the documents that dissent, not with dissenters times
 * copies of the account.
 */
export interface DatingAccount {
  interval: Interval;
  value: string;
  explicit: boolean;
  spell: boolean;
  /** How many documents give it. */
  size: number;
  /** Its first document in document order (accounts are ordered, and ties broken, by it). */
  first: AccountMember;
  /** The document set against others: its first inspectorate document (the account a reader weighs first), else its first. */
  representative: AccountMember;
  /** Every document giving it, in document order; null when not at hand (see accountConflicts). */
  members: AccountMember[] | null;
}

/** The key of an account: documents with the same key date the event alike. */
export const accountKey = (a: Pick<DatingAccount, 'interval' | 'value' | 'explicit' | 'spell'>): string =>
  JSON.stringify([a.interval.lo, a.interval.hi, a.value, a.explicit, a.spell]);

const memberOf = (d: DocumentDating): AccountMember => ({ document: d.document, claimIds: sortedIds(d.carriers.map((s) => s.claim.id)) });

/** Datings as accounts, in the order of their first documents. */
export const datingAccounts = (datings: readonly DocumentDating[]): DatingAccount[] => joinAccounts([], datings);

/** Pairs of accounts that conflict: disjoint datings, one of them bounded; each pair as (larger, other), the earlier first on a tie. */
export function opposedAccounts(accounts: readonly DatingAccount[]): Array<[DatingAccount, DatingAccount]> {
  const out: Array<[DatingAccount, DatingAccount]> = [];
  // Pairs of accounts within one event only: blocks are the documents about one event, never the corpus.
  for (let g = 0; g < accounts.length; g++) {
    for (let h = g + 1; h < accounts.length; h++) {
      const a = accounts[g]!;
      const b = accounts[h]!;
      if (overlaps(a.interval, b.interval) || !(isBounded(a.interval) || isBounded(b.interval))) continue;
      out.push(b.size > a.size ? [b, a] : [a, b]);
    }
  }
  return out;
}

/**
 * The date conflicts of one event from its accounts (in the order of their first documents): the
 * larger of two opposed accounts set against each document of the other. Null when the documents
 * of an account set against another are not at hand.
 */
export function accountConflicts(block: Pick<DatedEventBlock, 'key' | 'force' | 'stage' | 'change'>, accounts: readonly DatingAccount[]): Conflict[] | null {
  const out: Conflict[] = [];
  for (const [larger, other] of opposedAccounts(accounts)) {
    if (!other.members) return null;
    const rep = larger.representative;
    // Both explicit, either from a spell: the same whichever side comes first.
    const explicit = larger.explicit && other.explicit;
    for (const member of other.members) {
      const [a, b] = sidesInOrder(member, other.value, rep, larger.value);
      out.push(
        eventConflict({
          kind: 'date',
          eventKey: block.key,
          event: block,
          subject: `${block.force.name} ${block.change} ${block.stage}`,
          confidence: explicit ? 'high' : 'low',
          rule: larger.spell || other.spell ? 'date.spell' : explicit ? 'date.disjoint' : 'date.publication',
          a,
          b,
        }),
      );
    }
  }
  return out;
}

const before = (x: AccountMember, y: AccountMember): boolean => documentOrder(x.document, y.document) < 0;
const inspectorate = (x: AccountMember): boolean => x.document.sourceKind === INSPECTORATE;

/**
 * Accounts with new documents' datings joined to them, in the order of their first documents:
 * each dating joins the account of its key (which may gain a new first document or
 * representative) or starts one. Members are added where they are kept. Pure.
 */
export function joinAccounts(accounts: readonly DatingAccount[], added: readonly DocumentDating[]): DatingAccount[] {
  const byKey = new Map(accounts.map((a) => [accountKey(a), { ...a, members: a.members ? [...a.members] : null }]));
  for (const d of [...added].sort((x, y) => documentOrder(x.document, y.document))) {
    const spell = fromSpell(d);
    const k = accountKey({ interval: d.interval, value: d.value, explicit: d.explicit, spell });
    const member = memberOf(d);
    const account = byKey.get(k);
    if (!account) {
      byKey.set(k, { interval: d.interval, value: d.value, explicit: d.explicit, spell, size: 1, first: member, representative: member, members: [member] });
      continue;
    }
    account.size++;
    account.members?.push(member);
    if (before(member, account.first)) account.first = member;
    // The representative is the first inspectorate document, else the first.
    if (inspectorate(member) ? !inspectorate(account.representative) || before(member, account.representative) : !inspectorate(account.representative) && before(member, account.representative)) {
      account.representative = member;
    }
  }
  // Sorted once: already in order but for what was joined (a sort per member would be quadratic).
  for (const a of byKey.values()) a.members?.sort(memberOrder);
  return [...byKey.values()].sort((a, b) => documentOrder(a.first.document, b.first.document));
}

/** Accounts as kept between runs: the members only of those set against another (the ones a join may need). */
export function keptAccounts(accounts: readonly DatingAccount[]): DatingAccount[] {
  const opposed = new Set(opposedAccounts(accounts).map(([, other]) => other));
  return accounts.map((a) => ({ ...a, members: opposed.has(a) ? a.members : null }));
}

export function dateConflictsOf(block: DatedEventBlock, implied: readonly ImpliedDating[], passing: (documentId: string, forceKey: string) => boolean): Conflict[] {
  if (block.episode === UNASSIGNED) return [];
  // Every account's documents are at hand here.
  return accountConflicts(block, datingAccounts(documentDatings(block, implied, passing)))!;
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
