import { describe, expect, it } from 'vitest';
import { contains, dateInterval, isoOfDay, overlaps, statementInterval } from '../../src/reconcile/intervals.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';
import { doc, stageEvent } from './build.ts';

const iv = (v: string) => dateInterval(v)!;

describe('dates as intervals at their precision', () => {
  it('reads a day, a month and a year as the days they cover', () => {
    expect([iv('2022-06-28').lo, iv('2022-06-28').hi].map(isoOfDay)).toEqual(['2022-06-28', '2022-06-28']);
    expect([iv('2022-06').lo, iv('2022-06').hi].map(isoOfDay)).toEqual(['2022-06-01', '2022-06-30']);
    expect([iv('2024-02').lo, iv('2024-02').hi].map(isoOfDay)).toEqual(['2024-02-01', '2024-02-29']);
    expect([iv('2019').lo, iv('2019').hi].map(isoOfDay)).toEqual(['2019-01-01', '2019-12-31']);
    expect(dateInterval('June 2022')).toBeNull();
  });

  it('a coarser date containing a finer one agrees with it', () => {
    expect(contains(iv('2022-06'), iv('2022-06-28'))).toBe(true);
    expect(overlaps(iv('2022-06'), iv('2022-06-28'))).toBe(true);
    expect(overlaps(iv('2019'), iv('2019-04'))).toBe(true);
    expect(overlaps(iv('2024-03'), iv('2024-03-11'))).toBe(true);
  });

  it('disjoint dates disagree', () => {
    expect(overlaps(iv('2022-06-28'), iv('2022-07'))).toBe(false);
    expect(overlaps(iv('2019-04'), iv('2019-08'))).toBe(false);
    expect(overlaps(iv('2018'), iv('2019-01-01'))).toBe(false);
  });

  it('an undated claim is bounded by publication: future is on or after it, past on or before it', () => {
    const future = statementInterval({ date: null, tense: 'future', publishedAt: '2019-08-30' });
    const past = statementInterval({ date: null, tense: 'past', publishedAt: '2019-08-30' });
    expect(isoOfDay(future.lo)).toBe('2019-08-30');
    expect(future.hi).toBe(Infinity);
    expect(past.lo).toBe(-Infinity);
    expect(isoOfDay(past.hi)).toBe('2019-08-30');
    expect(statementInterval({ date: null, tense: 'past', publishedAt: null })).toEqual({ lo: -Infinity, hi: Infinity });
    expect(statementInterval({ date: null, tense: 'future', publishedAt: null })).toEqual({ lo: -Infinity, hi: Infinity });
    // A date wins over publication.
    expect(statementInterval({ date: '2019-04', tense: 'past', publishedAt: '2023-09-20' })).toEqual(iv('2019-04'));
  });

  it('"will enter" (published 30 August 2019) conflicts with "since April 2019", and agrees with "2019"', () => {
    const willEnter = statementInterval({ date: null, tense: 'future', publishedAt: '2019-08-30' });
    expect(overlaps(willEnter, iv('2019-04'))).toBe(false);
    expect(overlaps(willEnter, iv('2019'))).toBe(true);
  });
});

describe('date agreement and conflict between documents', () => {
  const conflictsOf = (claims: ReturnType<typeof stageEvent>[], docs: ReturnType<typeof doc>[]) =>
    reconcile({ documents: docs, claims }).conflicts.filter((c) => c.kind === 'date');

  it('reports no conflict for a month against a day of that month, nor for "today" and "yesterday" resolving to the same day', () => {
    const a = doc('a.txt', 'inspectorate', '2025-01-23');
    const b = doc('b.txt', 'press');
    const c = doc('c.txt', 'press', '2022-06-28');
    const d = doc('d.txt', 'government', '2022-06-29');
    const claims = [
      stageEvent(a, 'Metropolitan Police Service', 'entered', '2022-06-28'),
      stageEvent(b, 'Metropolitan Police Service', 'entered', '2022-06'),
      stageEvent(c, 'Metropolitan Police Service', 'entered', '2022-06-28'), // "today"
      stageEvent(d, 'Metropolitan Police Service', 'entered', '2022-06-28'), // "yesterday"
      stageEvent(d, 'Metropolitan Police Service', 'entered', null),
    ];
    expect(conflictsOf(claims, [a, b, c, d])).toEqual([]);
  });

  it('reports "will enter" against "since April 2019" as a date conflict with both sides and their claims', () => {
    const mail = doc('mail.txt', 'press', '2019-08-30', 'Hartlepool Mail');
    const eye = doc('eye.txt', 'press', null, 'The Eye of Media');
    const page = doc('page.txt', 'inspectorate', null, 'HMICFRS');
    const will = stageEvent(mail, 'Cleveland Police', 'entered', null, { tense: 'future' });
    const since = stageEvent(eye, 'Cleveland Police', 'entered', '2019-04');
    const year = stageEvent(page, 'Cleveland Police', 'entered', '2019');
    const found = conflictsOf([will, since, year], [mail, eye, page]);
    expect(found).toHaveLength(1);
    const [x] = found;
    expect(x!.subject).toBe('Cleveland Police entered Engage');
    expect(x!.force).toBe('Cleveland Police');
    expect([x!.a.fileName, x!.b.fileName].sort()).toEqual(['eye.txt', 'mail.txt']);
    const eyeSide = x!.a.fileName === 'eye.txt' ? x!.a : x!.b;
    const mailSide = x!.a.fileName === 'eye.txt' ? x!.b : x!.a;
    expect(eyeSide).toMatchObject({ value: '2019-04', claimIds: [since.id], publisher: 'The Eye of Media', sourceKind: 'press' });
    expect(mailSide.claimIds).toEqual([will.id]);
    expect(mailSide.value).toMatch(/still to come.*2019-08-30/);
  });
});
