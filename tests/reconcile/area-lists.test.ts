import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/generate/prng.ts';
import type { Claim } from '../../src/model/claim.ts';
import type { PlacedArea } from '../../src/reconcile/areas.ts';
import { areaLists, joinAreaLists, keptAreaLists, listConflicts } from '../../src/reconcile/conflicts/areas.ts';
import { documentOrder } from '../../src/reconcile/support.ts';
import { conflictsById, joinTrials, splitNew } from '../helpers/joins.ts';

const FORCE = { type: 'Force' as const, key: 'force:x', name: 'X Police' };
const BLOCK = { key: 'force:x|Engage|entered|0|concern', force: FORCE, stage: 'Engage', change: 'entered', polarity: 'concern' };
const POOL = [
  { text: 'crime recording', peel: 'Investigating crime' },
  { text: 'call handling', peel: 'Responding to the public' },
  { text: 'managing offenders', peel: 'Managing offenders' },
  { text: 'workforce planning', peel: 'Leadership and force management' },
  { text: 'vetting backlogs', peel: 'Developing a positive workplace' },
  { text: 'protecting vulnerable children', peel: 'Protecting vulnerable people' },
  { text: 'fleet maintenance', peel: 'Other' },
  { text: 'counter-corruption', peel: 'Developing a positive workplace' },
];
// The inspectorate's usual lists for the event, and one it gives now and then.
const LISTS = [[0, 1, 2], [0, 1, 2], [0, 1, 2, 3], [4, 5]];

/** One block's documents, each its areas in order, drawn from a seed, in document order. */
function documents(seed: number, count: number): PlacedArea[][] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, (_, d) => {
    const inspectorate = rng.next() < 0.25;
    const document = { id: `d${seed}-${d}`, fileName: `f${Math.floor(rng.next() * 1000)}.txt`, publisher: 'p', sourceKind: inspectorate ? 'inspectorate' : 'press', publishedAt: `2019-0${1 + Math.floor(rng.next() * 9)}-10` };
    const picks = inspectorate
      ? LISTS[Math.floor(rng.next() * LISTS.length)]!
      : [...new Set(Array.from({ length: 1 + Math.floor(rng.next() * 3) }, () => (rng.next() < 0.85 ? Math.floor(rng.next() * 4) : 4 + Math.floor(rng.next() * 4))))];
    return picks.map((i, n) => {
      const claim = { id: `c${seed}-${d}-${n}`, documentId: document.id, kind: 'area', start: n * 10, end: n * 10 + 5, sentenceIndex: n } as unknown as Claim;
      const statement = { claim, document, subject: FORCE, predicate: 'CONCERN', object: POOL[i]!.text, qualifiers: {}, force: FORCE, text: POOL[i]!.text, peel: POOL[i]!.peel, polarity: 'concern' };
      return { statement, event: 'force:x|Engage|entered|0', force: FORCE, stage: 'Engage', change: 'entered', episode: 0, quoted: false };
    });
  }).sort((a, b) => documentOrder(a[0]!.statement.document, b[0]!.statement.document));
}


describe('area lists', () => {
  it('kept and joined with new documents give the conflicts of all the documents, or say that they cannot', () => {
    let conflicts = 0;
    const { joined, refused } = joinTrials(
      300,
      (seed) => {
        const docs = documents(seed, 3 + (seed % 30));
        const { before, added } = splitNew(docs, seed);
        const whole = listConflicts(BLOCK, areaLists(docs))!;
        conflicts += whole.length;
        const lists = joinAreaLists(keptAreaLists(areaLists(before)), added);
        return { whole, joined: lists && listConflicts(BLOCK, lists) };
      },
      conflictsById,
    );
    expect(joined).toBeGreaterThan(150);
    expect(refused).toBeGreaterThan(0);
    // The documents dissent often enough for the comparison to mean something.
    expect(conflicts).toBeGreaterThan(100);
  });
});
