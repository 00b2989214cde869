import { describe, expect, it } from 'vitest';
import { emptyFacts } from '../../src/eval/gold.ts';
import { NO_FORCE, scoresByForce, sumConflicts, totalOver } from '../../src/eval/combine.ts';
import { scoreFolder, type ScorePair } from '../../src/eval/score.ts';
import type { ConflictsScore } from '../../src/eval/score-conflicts.ts';

/** A pair whose system found `found` of the gold forces (and nothing else). */
function pair(name: string, goldForces: string[], found: string[]): ScorePair {
  return {
    name,
    gold: { ...emptyFacts(), forces: goldForces } as ScorePair['gold'],
    system: { ...emptyFacts(), forces: found },
  };
}

describe('scores over several folders', () => {
  it('micro-averages every document of every folder, not the folders\' ratios', () => {
    const a = [pair('x', ['Kent Police', 'Essex Police'], ['Kent Police'])];
    const b = [pair('y', ['Surrey Police'], ['Surrey Police']), pair('z', ['Sussex Police'], ['Sussex Police'])];
    const total = totalOver([
      { name: 'a', score: scoreFolder(a), pairs: a },
      { name: 'b', score: scoreFolder(b), pairs: b },
    ]);
    expect(total.score.documents).toBe(3);
    expect(total.score.categories.forces).toMatchObject({ correct: 3, reported: 3, gold: 4 });
    expect(total.score.categories.forces.recall).toBeCloseTo(0.75);
    expect(total.score.perDocument.map((d) => d.name)).toEqual(['a/x', 'b/y', 'b/z']);
    expect(total.conflicts).toBeUndefined();
  });

  it('adds conflict counts and keeps every miss and false hit', () => {
    const base = { misses: [], falseHits: [], agreementsReported: [], precision: 0, recall: 0, f1: 0 };
    const one: ConflictsScore = { ...base, correct: 1, reported: 2, gold: 4, falseAgreements: 1 };
    const two: ConflictsScore = { ...base, correct: 3, reported: 3, gold: 4, falseAgreements: 0 };
    const sum = sumConflicts([one, two])!;
    expect(sum).toMatchObject({ correct: 4, reported: 5, gold: 8, falseAgreements: 1 });
    expect(sum.precision).toBeCloseTo(0.8);
    expect(sum.recall).toBeCloseTo(0.5);
  });
});

describe('scores per force', () => {
  it('counts a document under each force its gold names, and the rest under no force', () => {
    const pairs = [
      pair('national', ['Kent Police', 'Essex Police'], ['Kent Police']),
      pair('local', ['Kent Police'], ['Kent Police']),
      pair('guidance', [], []),
    ];
    const groups = scoresByForce(pairs);
    expect(groups.map((g) => g.force)).toEqual(['Essex Police', 'Kent Police', NO_FORCE]);
    const kent = groups.find((g) => g.force === 'Kent Police')!.score;
    expect(kent.documents).toBe(2);
    expect(kent.categories.forces).toMatchObject({ correct: 2, gold: 3 });
  });
});
