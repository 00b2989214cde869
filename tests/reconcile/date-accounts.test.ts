import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/generate/prng.ts';
import type { Claim } from '../../src/model/claim.ts';
import { accountConflicts, datingAccounts, datingOf, joinAccounts, keptAccounts, type DatingAccount, type DocumentDating } from '../../src/reconcile/conflicts/date.ts';
import { dateInterval, statementInterval } from '../../src/reconcile/intervals.ts';
import type { StageStatement } from '../../src/reconcile/normalise.ts';
import { consensusOf, consensusState } from '../../src/reconcile/stage-events.ts';
import { documentOrder } from '../../src/reconcile/support.ts';
import { conflictsById, joinTrials, splitNew } from '../helpers/joins.ts';

const FORCE = { type: 'Force' as const, key: 'force:x', name: 'X Police' };
const EVENT = { key: 'force:x|Engage|entered|0', force: FORCE, stage: 'Engage', change: 'entered' };
// Mostly the same few dates, as the documents about one event give them; a few dissent.
const DATES = ['2019-06', '2019-06', '2019-06-20', '2019-06-20', '2019', '2018-11', '2020-02-01'];
const PUBLISHED = ['2019-06-21', '2019-07-01', '2019-09-10', '2018-12-01', '2020-01-05', null];
const KINDS = ['inspectorate', 'press', 'press', 'police', 'press', 'government'];

function statement(id: string, document: StageStatement['document'], date: string | null): StageStatement {
  const claim = { id, documentId: document.id, kind: 'stageEvent', start: Number(id.slice(-2)), end: 0 } as unknown as Claim;
  return {
    claim,
    document,
    subject: FORCE,
    predicate: 'ENTERED_STAGE',
    object: 'Engage',
    qualifiers: { date, tense: 'past' },
    force: FORCE,
    stage: 'Engage',
    change: 'entered',
    date,
    interval: statementInterval({ date, tense: 'past', publishedAt: document.publishedAt }),
  };
}

/** One event's documents' statements, drawn from a seed. */
function documents(seed: number, count: number): StageStatement[][] {
  const rng = new Rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;
  return Array.from({ length: count }, (_, d) => {
    const publishedAt = pick(PUBLISHED);
    const document = { id: `d${seed}-${d}`, fileName: `f${Math.floor(rng.next() * 1000)}.txt`, publisher: 'p', sourceKind: pick(KINDS), publishedAt };
    const statements = Array.from({ length: 1 + Math.floor(rng.next() * 2) }, (_, i) => {
      const date = rng.next() < 0.7 ? pick(DATES) : null;
      const fits = !date || !publishedAt || dateInterval(date)!.lo <= dateInterval(publishedAt)!.hi;
      return statement(`c${seed}-${d}-${10 + i}`, document, fits ? date : null);
    });
    return statements;
  });
}

/** One event's documents' datings, in document order. */
const datings = (seed: number, count: number): DocumentDating[] => documents(seed, count).map(datingOf).sort((a, b) => documentOrder(a.document, b.document));

const summary = (a: DatingAccount) => ({ ...a, members: undefined });

describe('dating accounts', () => {
  it('joined with new documents give the conflicts of all the documents, or say that they cannot', () => {
    const { joined, refused } = joinTrials(
      300,
      (seed) => {
        const all = datings(seed, 3 + (seed % 40));
        const { before, added } = splitNew(all, seed, 0.15);
        const whole = datingAccounts(all);
        const accounts = joinAccounts(keptAccounts(datingAccounts(before)), added);
        // The accounts themselves always join: sizes, first documents and representatives.
        expect(accounts.map(summary), `seed ${seed}`).toEqual(whole.map(summary));
        return { whole: accountConflicts(EVENT, whole)!, joined: accountConflicts(EVENT, accounts) };
      },
      conflictsById,
    );
    expect(joined).toBeGreaterThan(150);
    expect(refused).toBeGreaterThan(0);
  });

  it('kept between runs hold members only where an account is set against another', () => {
    const accounts = keptAccounts(datingAccounts(datings(3, 40)));
    expect(accounts.some((a) => a.members === null)).toBe(true);
    expect(accountConflicts(EVENT, accounts)).toEqual(accountConflicts(EVENT, datingAccounts(datings(3, 40))));
  });
});

describe('an event\'s consensus state', () => {
  it('joined with new documents\' statements is the state of all of them, and gives the same date', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const docs = documents(seed, 2 + (seed % 30));
      const { before, added } = splitNew(docs, seed);
      const whole = consensusState(docs.flat());
      const joined = consensusState(added.flat(), consensusState(before.flat()));
      expect(joined, `seed ${seed}`).toEqual(whole);
      expect(consensusOf(joined)).toEqual(consensusOf(whole));
    }
  });
});
