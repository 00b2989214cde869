import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/generate/prng.ts';
import type { Claim } from '../../src/model/claim.ts';
import type { DocumentEvent, PlacedArea } from '../../src/reconcile/areas.ts';
import { joinListedCount, keptListedCount, listedConflicts, listedCountStates, type ListedCountState } from '../../src/reconcile/conflicts/count.ts';
import { conflictsById, joinTrials, splitNew } from '../helpers/joins.ts';

const FORCE = { type: 'Force' as const, key: 'force:x', name: 'X Police' };
const EVENT = 'force:x|Engage|exited|0';
const MAIN: DocumentEvent = { force: FORCE, stage: 'Engage', change: 'exited', episode: 0 };
const WORDS = ['three', 'four', 'five', 'six', '4', '5'];

interface Doc {
  placed: PlacedArea[];
  sentences: Map<string, string>;
}

/** Inspectorate documents listing reasons a sentence each; others stating how many areas there were. */
function documents(seed: number, count: number): Doc[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, (_, d) => {
    const inspectorate = rng.next() < 0.4;
    const document = { id: `d${seed}-${d}`, fileName: `f${Math.floor(rng.next() * 1000)}.txt`, publisher: 'p', sourceKind: inspectorate ? 'inspectorate' : 'press', publishedAt: `2020-0${1 + Math.floor(rng.next() * 9)}-10` };
    const sentences = new Map<string, string>();
    const area = (n: number, sentenceIndex: number): PlacedArea => {
      const claim = { id: `c${seed}-${d}-${n}`, documentId: document.id, kind: 'area', start: n * 10, end: n * 10 + 5, sentenceIndex } as unknown as Claim;
      const statement = { claim, document, subject: FORCE, predicate: 'IMPROVEMENT', object: `area ${n}`, qualifiers: {}, force: FORCE, text: `area ${n % 5}`, peel: 'Other', polarity: 'improved' };
      return { statement, event: EVENT, force: FORCE, stage: 'Engage', change: 'exited', episode: 0, quoted: false };
    };
    if (inspectorate) {
      const items = 2 + Math.floor(rng.next() * (rng.next() < 0.7 ? 2 : 4));
      const placed = Array.from({ length: items }, (_, n) => area(n, 3 + n));
      for (const p of placed) sentences.set(`${document.id}:${p.statement.claim.sentenceIndex}`, 'an item');
      return { placed, sentences };
    }
    const stating = rng.next() < 0.3;
    const k = 1 + Math.floor(rng.next() * 2);
    const placed = Array.from({ length: k }, (_, n) => area(n, stating ? 2 : 2 + n));
    if (stating) sentences.set(`${document.id}:2`, `It improved in ${WORDS[Math.floor(rng.next() * WORDS.length)]} key areas, including these.`);
    return { placed, sentences };
  });
}

function stateOf(docs: readonly Doc[]): ListedCountState {
  const text = new Map(docs.flatMap((d) => [...d.sentences]));
  return listedCountStates(docs.flatMap((d) => d.placed), text, () => MAIN)[0] ?? { event: EVENT, forceKey: FORCE.key, stage: 'Engage', change: 'exited', statings: [], lists: [] };
}


describe('listed counts', () => {
  it('kept and joined with new documents give the conflicts of all the documents, or say that they cannot', () => {
    let conflicts = 0;
    const { joined, refused } = joinTrials(
      300,
      (seed) => {
        const docs = documents(seed, 3 + (seed % 25));
        const { before, added } = splitNew(docs, seed);
        const whole = listedConflicts(stateOf(docs))!;
        conflicts += whole.length;
        return { whole, joined: listedConflicts(joinListedCount(keptListedCount(stateOf(before)), stateOf(added))) };
      },
      conflictsById,
    );
    expect(joined).toBeGreaterThan(150);
    expect(refused).toBeGreaterThan(0);
    expect(conflicts).toBeGreaterThan(100);
  });
});
