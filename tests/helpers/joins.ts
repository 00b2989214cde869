import { expect } from 'vitest';
import { Rng } from '../../src/generate/prng.ts';
import type { Conflict } from '../../src/reconcile/types.ts';

/** Some of `items` drawn as new (each with chance `share`, from the seed's own stream), the rest as there before. */
export function splitNew<T>(items: readonly T[], seed: number, share = 0.2): { before: T[]; added: T[] } {
  const rng = new Rng(seed, 101);
  const added = items.filter(() => rng.next() < share);
  return { before: items.filter((x) => !added.includes(x)), added };
}

/** Conflicts in id order, for comparing two sets of them. */
export const conflictsById = (xs: readonly Conflict[]): Conflict[] => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * Joins against whole recomputations, one trial a seed: whenever the join answers (not null), its
 * answer must equal the whole one. Returns how often it answered and how often it said it cannot.
 */
export function joinTrials<T>(seeds: number, trial: (seed: number) => { whole: T; joined: T | null }, normalise: (x: T) => unknown = (x) => x): { joined: number; refused: number } {
  let joined = 0;
  let refused = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const { whole, joined: answer } = trial(seed);
    if (answer === null) {
      refused++;
      continue;
    }
    joined++;
    expect(normalise(answer), `seed ${seed}`).toEqual(normalise(whole));
  }
  return { joined, refused };
}
