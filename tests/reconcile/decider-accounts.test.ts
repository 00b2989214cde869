import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/generate/prng.ts';
import type { Claim, EntityRef } from '../../src/model/claim.ts';
import type { ActorSide } from '../../src/reconcile/actors.ts';
import { deciderAccounts, deciderConflicts, deciderDatings, keptDeciderAccounts, type DeciderAccount } from '../../src/reconcile/conflicts/actor.ts';
import type { DecisionBlock } from '../../src/reconcile/decisions.ts';
import type { DecisionStatement } from '../../src/reconcile/normalise.ts';
import { conflictsById, joinTrials, splitNew } from '../helpers/joins.ts';

const FORCE: EntityRef = { type: 'Force', key: 'force:x', name: 'X Police' };
const ACTORS: EntityRef[] = [
  { type: 'Organisation', key: 'org:hmicfrs', name: 'HMICFRS' },
  { type: 'Organisation', key: 'org:home-office', name: 'Home Office' },
  { type: 'Person', key: 'p:a', name: 'Ann A' },
  { type: 'Person', key: 'p:b', name: 'Bob B' },
  { type: 'Person', key: 'p:c', name: 'Cy C' },
  { type: 'Person', key: 'p:u', name: 'Una U' },
];
const SIDES: Record<string, ActorSide | null> = {
  'org:hmicfrs': { key: 'hmicfrs', name: 'HMICFRS' } as ActorSide,
  'p:a': { key: 'hmicfrs', name: 'HMICFRS' } as ActorSide,
  'p:b': { key: 'hmicfrs', name: 'HMICFRS' } as ActorSide,
  'org:home-office': { key: 'home-office', name: 'Home Office' } as ActorSide,
  'p:c': { key: 'home-office', name: 'Home Office' } as ActorSide,
  'p:u': null,
};
const sideOf = (actor: EntityRef) => SIDES[actor.key] ?? null;

/** One block's documents, each naming a decider or two, most of them the same; drawn from a seed. */
function documents(seed: number, count: number): DecisionStatement[][] {
  const rng = new Rng(seed);
  const usual = ACTORS[seed % 3]!;
  return Array.from({ length: count }, (_, d) => {
    const document = { id: `d${seed}-${d}`, fileName: `f${Math.floor(rng.next() * 1000)}.txt`, publisher: 'p', sourceKind: 'press', publishedAt: rng.next() < 0.9 ? `2019-0${1 + Math.floor(rng.next() * 9)}-10` : null };
    return Array.from({ length: 1 + Math.floor(rng.next() * 2) }, (_, i) => {
      const actor = rng.next() < 0.75 ? usual : ACTORS[Math.floor(rng.next() * ACTORS.length)]!;
      const act = rng.next() < 0.85 ? 'decided' : 'recommended';
      const claim = { id: `c${seed}-${d}-${i}`, documentId: document.id, kind: 'decision', start: i, end: i + 1 } as unknown as Claim;
      return { claim, document, subject: actor, predicate: act.toUpperCase(), object: 'X Police entered Engage', qualifiers: {}, actor, force: FORCE, act, stage: 'Engage', change: 'entered' };
    });
  });
}

const blockOf = (docs: DecisionStatement[][]): DecisionBlock => ({ key: 'force:x|Engage|entered|0', force: FORCE, stage: 'Engage', change: 'entered', episode: 0, statements: docs.flat() });
const summary = (a: DeciderAccount) => ({ ...a, members: undefined });

describe('decider accounts', () => {
  it('joined with new documents give the conflicts of all the documents, or say that they cannot', () => {
    const { joined, refused } = joinTrials(
      300,
      (seed) => {
        const docs = documents(seed, 2 + (seed % 25));
        const { before, added } = splitNew(docs, seed);
        const whole = deciderAccounts(deciderDatings(blockOf(docs), sideOf));
        const accounts = deciderAccounts(deciderDatings(blockOf(added), sideOf), keptDeciderAccounts(deciderAccounts(deciderDatings(blockOf(before), sideOf))));
        expect(accounts.map(summary), `seed ${seed}`).toEqual(whole.map(summary));
        return { whole: deciderConflicts(blockOf(docs), whole)!, joined: deciderConflicts(blockOf(docs), accounts) };
      },
      conflictsById,
    );
    expect(joined).toBeGreaterThan(150);
    expect(refused).toBeGreaterThan(0);
  });
});
