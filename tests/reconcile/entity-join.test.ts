import { describe, expect, it } from 'vitest';
import { entityFactJoined } from '../../pipelines/reconcile.ts';
import { reconciledRows } from '../../src/graph/write-reconciled.ts';
import type { EntityRef } from '../../src/model/claim.ts';
import { entityFactOf, type EntityMention } from '../../src/reconcile/reconcile.ts';
import { Rng } from '../../src/generate/prng.ts';

const entity: EntityRef = { type: 'Force', key: 'cleveland police', name: 'Cleveland Police' };
const FORMS = ['Cleveland Police', 'Cleveland', 'the force', 'Cleveland police'];
const KINDS = ['inspectorate', 'press', 'force', 'commissioner'];

/** Mentions over a few documents, forms and kinds, drawn from a seed. */
function mentions(seed: number, n: number): EntityMention[] {
  const rng = new Rng(seed);
  const random = () => rng.next();
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const doc = Math.floor(random() * 12);
    return { claimId: `c${seed}-${i}`, documentId: `d${doc}`, form: pick(FORMS), sourceKind: KINDS[doc % KINDS.length]! };
  });
}

const rowOf = (all: readonly EntityMention[]) => reconciledRows({ facts: [entityFactOf(entity, all)], conflicts: [] }).facts[0]!;

/** What the graph makes of a joined row (JOIN_ENTITY_FACTS): the documents joined, sorted, and counted. */
function joinedInGraph(beforeDocuments: readonly string[], joined: ReturnType<typeof entityFactJoined>) {
  const documentIds = [...new Set([...beforeDocuments, ...joined.documentIds])].sort();
  return { ...joined.props, documentIds, corroboration: documentIds.length };
}

describe('an entity fact joined with new mentions', () => {
  it('equals the fact of all the mentions, its links being the new mentions only', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const old = mentions(seed, 15);
      const added = mentions(seed + 100, 1 + seed);
      const before = rowOf(old).props;
      const joined = entityFactJoined({ sourceKinds: before.sourceKinds as string[], surfaceForms: before.surfaceForms as string[] }, entity, added);
      const whole = rowOf([...old, ...added]);
      expect(joined.props).not.toHaveProperty('documentIds');
      expect(joined.props).not.toHaveProperty('corroboration');
      expect(joinedInGraph(before.documentIds as string[], joined)).toEqual(whole.props);
      expect(joined.id).toBe(whole.id);
      expect(joined.claimIds).toEqual(added.map((m) => m.claimId).sort());
    }
  });

  it('widens corroboration only by documents not counted before', () => {
    const old: EntityMention[] = [{ claimId: 'a', documentId: 'd1', form: 'Cleveland Police', sourceKind: 'press' }];
    const again: EntityMention[] = [{ claimId: 'b', documentId: 'd1', form: 'Cleveland', sourceKind: 'press' }];
    const before = rowOf(old).props;
    const joined = entityFactJoined({ sourceKinds: ['press'], surfaceForms: before.surfaceForms as string[] }, entity, again);
    expect(joinedInGraph(['d1'], joined).corroboration).toBe(1);
    expect(joined.props.surfaceForms).toEqual(['Cleveland', 'Cleveland Police']);
  });
});
