import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/generate/prng.ts';
import type { Claim } from '../../src/model/claim.ts';
import { assignEpisodes as assignInOrder } from '../../src/reconcile/episodes.ts';
import { dateInterval, statementInterval } from '../../src/reconcile/intervals.ts';
import type { StageStatement } from '../../src/reconcile/normalise.ts';
import { joinSkeleton, skeletonOf } from '../../src/reconcile/skeleton.ts';

const FORCE = { type: 'Force' as const, key: 'force:x', name: 'X Police' };
const DATES = ['2016-03', '2016-03-14', '2017', '2018-11-02', '2019-06', '2019-06-20', '2021-01', '2022-09-30', '2022-10', '2024-05-01'];
const PUBLISHED = ['2016-04-01', '2017-02-10', '2018-12-01', '2019-07-01', '2021-03-03', '2022-11-11', '2024-06-01', null];

/** Episodes as the reconciler assigns them: its statements come in claim id order. */
const assignEpisodes = (statements: readonly StageStatement[]) => assignInOrder([...statements].sort((a, b) => (a.claim.id < b.claim.id ? -1 : 1)));

/** A stage statement as the reconciler makes it, with only what episodes read. */
function statement(id: string, documentId: string, publishedAt: string | null, change: string, date: string | null, tense: string | null): StageStatement {
  const document = { id: documentId, fileName: `${documentId}.txt`, publisher: 'p', sourceKind: 'press', publishedAt };
  const claim = { id, documentId, kind: 'stageEvent', start: 0, end: 1 } as unknown as Claim;
  return {
    claim,
    document,
    subject: FORCE,
    predicate: change === 'exited' ? 'EXITED_STAGE' : 'ENTERED_STAGE',
    object: 'Engage',
    qualifiers: { date, tense },
    force: FORCE,
    stage: 'Engage',
    change,
    date,
    interval: statementInterval({ date, tense, publishedAt }),
  };
}

/** Documents of a few statements each, dated, undated, past and future, drawn from a seed. */
function documents(seed: number, count: number): StageStatement[][] {
  const rng = new Rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;
  return Array.from({ length: count }, (_, d) => {
    const id = `d${seed}-${d}`;
    const published = pick(PUBLISHED);
    return Array.from({ length: 1 + Math.floor(rng.next() * 3) }, (_, i) => {
      const dated = rng.next() < 0.5;
      const date = dated ? pick(DATES) : null;
      const ok = !date || !published || dateInterval(date)!.lo <= dateInterval(published)!.hi;
      // Claim ids in no relation to documents: the join must follow id order, not document order.
      return statement(`c${Math.floor(rng.next() * 1e9).toString(36)}${i}`, id, published, rng.next() < 0.55 ? 'entered' : 'exited', ok ? date : null, rng.next() < 0.15 ? 'future' : 'past');
    });
  });
}

describe('a stage skeleton', () => {
  it('places new statements as a whole recomputation does, moves no earlier one, and joins to the skeleton of all', () => {
    let joined = 0;
    let refused = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const docs = documents(seed, 2 + (seed % 14));
      const cut = 1 + (seed % (docs.length - 1));
      const before = docs.slice(0, cut).flat();
      const added = docs.slice(cut).flat();
      const all = [...before, ...added];
      const whole = assignEpisodes(all);
      const result = joinSkeleton(skeletonOf(before, assignEpisodes(before)), added);
      if (!result) {
        refused++;
        continue;
      }
      joined++;
      const earlier = assignEpisodes(before);
      for (const s of before) expect(whole.get(s.claim.id), `seed ${seed}: an earlier statement moved`).toBe(earlier.get(s.claim.id));
      for (const s of added) expect(result.episodes.get(s.claim.id), `seed ${seed}`).toBe(whole.get(s.claim.id));
      expect(result.skeleton, `seed ${seed}`).toEqual(skeletonOf(all, whole));
    }
    // Both paths are taken: the join where nothing moves, a whole recomputation where something may.
    expect(joined).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(20);
  });

  it('joins documents that repeat what earlier ones said', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const docs = documents(seed, 8);
      const before = docs.flat();
      const repeat = docs[seed % docs.length]!.map((s, i) => statement(`zz${seed}-${i}`, `again-${seed}`, s.document.publishedAt, s.change, s.date, String(s.qualifiers.tense)));
      const result = joinSkeleton(skeletonOf(before, assignEpisodes(before)), repeat);
      const whole = assignEpisodes([...before, ...repeat]);
      // Ids after every earlier one: the repeat sees all it saw, and holds nothing new.
      expect(result, `seed ${seed}`).not.toBeNull();
      for (const s of repeat) expect(result!.episodes.get(s.claim.id)).toBe(whole.get(s.claim.id));
    }
  });

  it('places a group with no earlier statements as assignEpisodes does', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const added = documents(seed, 6).flat();
      const result = joinSkeleton(skeletonOf([], new Map()), added);
      expect(result).not.toBeNull();
      const whole = assignEpisodes(added);
      for (const s of added) expect(result!.episodes.get(s.claim.id)).toBe(whole.get(s.claim.id));
      expect(result!.skeleton).toEqual(skeletonOf(added, whole));
    }
  });
});
