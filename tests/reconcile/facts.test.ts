import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/reconcile/reconcile.ts';
import { doc, stageEvent } from './build.ts';

describe('grouping agreeing claims into facts', () => {
  it('makes one stage-event fact per event with its corroboration, documents and source kinds', () => {
    const hmi = doc('hmi.txt', 'inspectorate', '2024-03-11');
    const itv = doc('itv.txt', 'press', '2024-03-11');
    const pp = doc('pp.txt', 'press', '2025-05-23');
    const claims = [
      stageEvent(hmi, 'Nottinghamshire Police', 'entered', '2024-03-11'),
      stageEvent(hmi, 'Nottinghamshire Police', 'entered', null),
      stageEvent(itv, 'Nottinghamshire Police', 'entered', '2024-03-11'),
      stageEvent(pp, 'Nottinghamshire Police', 'entered', '2024-03'),
      stageEvent(pp, 'Nottinghamshire Police', 'exited', null),
    ];
    const { facts, conflicts } = reconcile({ documents: [hmi, itv, pp], claims });
    const events = facts.filter((f) => f.kind === 'stageEvent');
    expect(events.map((f) => f.subject)).toEqual(['Nottinghamshire Police entered Engage', 'Nottinghamshire Police exited Engage']);
    const entered = events[0]!;
    expect(entered).toMatchObject({ corroboration: 3, sourceKinds: ['inspectorate', 'press'], predicate: 'ENTERED_STAGE', object: 'Engage' });
    expect(entered.documentIds).toEqual([hmi.id, itv.id, pp.id].sort());
    expect(entered.claimIds).toHaveLength(4);
    expect(entered.qualifiers).toMatchObject({ date: '2024-03-11', datePrecision: 'day', dateDisputed: false, episode: 1 });
    expect(events[1]).toMatchObject({ corroboration: 1, sourceKinds: ['press'] });
    expect(conflicts).toEqual([]);
  });

  it('keeps two episodes of one force apart: entering Engage again years later is not a date conflict', () => {
    const old = doc('old.txt', 'inspectorate', '2015-02-01');
    const out = doc('out.txt', 'inspectorate', '2016-05-01');
    const now = doc('now.txt', 'press', '2023-10-02');
    const later = doc('later.txt', 'inspectorate');
    const claims = [
      stageEvent(old, 'Cleveland Police', 'entered', '2015-01'),
      stageEvent(out, 'Cleveland Police', 'exited', '2016-04'),
      stageEvent(out, 'Cleveland Police', 'entered', null),
      stageEvent(now, 'Cleveland Police', 'entered', '2023-09-28'),
      stageEvent(now, 'Cleveland Police', 'entered', null),
      stageEvent(later, 'Cleveland Police', 'entered', '2023'),
    ];
    const { facts, conflicts } = reconcile({ documents: [old, out, now, later], claims });
    const entries = facts.filter((f) => f.kind === 'stageEvent' && f.qualifiers.change === 'entered');
    expect(entries.map((f) => [f.qualifiers.episode, f.qualifiers.date, f.corroboration])).toEqual([
      [1, '2015-01', 2],
      [2, '2023-09-28', 2],
    ]);
    expect(conflicts).toEqual([]);
  });

  it('reports a disputed date on the fact and one conflict per pair of documents that cannot both be right', () => {
    const a = doc('a.txt', 'inspectorate', '2025-01-23');
    const b = doc('b.txt', 'press', '2025-01-24');
    const c = doc('c.txt', 'press');
    const claims = [
      stageEvent(a, 'Metropolitan Police Service', 'entered', '2022-06-28'),
      stageEvent(b, 'Metropolitan Police Service', 'entered', '2022-07'),
      stageEvent(c, 'Metropolitan Police Service', 'entered', '2022'),
    ];
    const { facts, conflicts } = reconcile({ documents: [a, b, c], claims });
    expect(conflicts.map((x) => [x.kind, x.a.fileName, x.b.fileName, x.a.value, x.b.value])).toEqual([['date', 'a.txt', 'b.txt', '2022-06-28', '2022-07']]);
    expect(facts.find((f) => f.kind === 'stageEvent')!.qualifiers).toMatchObject({ date: '2022', dateDisputed: true });
  });
});

describe('episodes bounded by undated exits', () => {
  it('an exit reported on a known day separates an earlier entry from a later one', () => {
    const a = doc('a.txt', 'inspectorate', '2015-01-20');
    const b = doc('b.txt', 'press', '2016-06-01');
    const c = doc('c.txt', 'inspectorate', '2023-09-28');
    const d = doc('d.txt', 'press', '2025-02-01');
    const claims = [
      stageEvent(a, 'Cleveland Police', 'entered', '2015-01-20'),
      stageEvent(b, 'Cleveland Police', 'exited', null),
      stageEvent(c, 'Cleveland Police', 'entered', '2023-09-28'),
      stageEvent(d, 'Cleveland Police', 'exited', null),
      stageEvent(d, 'Cleveland Police', 'entered', null),
    ];
    const { facts, conflicts } = reconcile({ documents: [a, b, c, d], claims });
    expect(conflicts).toEqual([]);
    const events = facts.filter((f) => f.kind === 'stageEvent').map((f) => [f.subject, f.qualifiers.episode, f.documentIds.length]);
    expect(events).toEqual([
      ['Cleveland Police entered Engage', 1, 1],
      ['Cleveland Police entered Engage', 2, 2],
      ['Cleveland Police exited Engage', 1, 1],
      ['Cleveland Police exited Engage', 2, 1],
    ]);
  });
});
