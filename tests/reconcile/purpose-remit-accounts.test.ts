import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/generate/prng.ts';
import type { Claim } from '../../src/model/claim.ts';
import { keptRemits, remitAccountConflicts, remitAccounts } from '../../src/reconcile/conflicts/other.ts';
import { keptPurpose, purposeState, purposeStateConflicts, statedPurposes, type StatedReasons } from '../../src/reconcile/conflicts/purpose.ts';
import type { Statement } from '../../src/reconcile/normalise.ts';
import type { ReconcileDocument } from '../../src/reconcile/types.ts';
import { conflictsById, joinTrials, splitNew } from '../helpers/joins.ts';

const FORCE = { type: 'Force' as const, key: 'force:x', name: 'X Police' };
const EVENT = { key: 'force:x|Engage|entered|0', force: FORCE, stage: 'Engage', change: 'entered' };

function documentOf(rng: Rng, id: string, sourceKind: string): ReconcileDocument {
  return { id, fileName: `f${Math.floor(rng.next() * 1000)}.txt`, publisher: 'p', sourceKind, publishedAt: `2019-0${1 + Math.floor(rng.next() * 9)}-10` };
}

function statementOf(document: ReconcileDocument, id: string, value: string): Statement {
  const claim = { id, documentId: document.id, kind: 'detail', value, evidence: `${value} said`, start: 0, end: 1 } as unknown as Claim;
  return { claim, document, subject: FORCE, predicate: 'P', object: value, qualifiers: {} };
}

/** Documents giving causes, findings, both or neither for one entry event. */
function reasons(seed: number, count: number): StatedReasons[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, (_, d) => {
    const document = documentOf(rng, `d${seed}-${d}`, rng.next() < 0.3 ? 'inspectorate' : 'press');
    const causes = rng.next() < 0.12 ? [statementOf(document, `c${seed}-${d}-c`, rng.next() < 0.5 ? 'a series of scandals' : 'failings')] : [];
    const findings = rng.next() < 0.6 ? [statementOf(document, `c${seed}-${d}-f`, 'crime recording')] : [];
    return { document, causes, findings, concerns: findings.length + (rng.next() < 0.2 ? 1 : 0) };
  });
}

/** Inspectorate (and other) documents stating the inspectorate's remit, mostly in the same words. */
function remits(seed: number, count: number): Statement[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, (_, d) => {
    const document = documentOf(rng, `d${seed}-${d}`, rng.next() < 0.8 ? 'inspectorate' : 'press');
    const value = rng.next() < 0.93 ? 'England and Wales' : rng.next() < 0.5 ? 'England' : 'Wales';
    return Array.from({ length: rng.next() < 0.9 ? 1 : 2 }, (_, i) => statementOf(document, `c${seed}-${d}-${i}`, i === 0 ? value : 'England'));
  }).flat();
}

describe('purpose and remit accounts', () => {
  it('joined with new documents give the purpose conflicts of all, or say that they cannot', () => {
    const { joined, refused } = joinTrials(
      300,
      (seed) => {
        const all = reasons(seed, 2 + (seed % 30));
        const { before, added } = splitNew(all, seed);
        const whole = purposeStateConflicts(EVENT, purposeState(statedPurposes(all)))!;
        return { whole, joined: purposeStateConflicts(EVENT, purposeState(statedPurposes(added), keptPurpose(purposeState(statedPurposes(before))))) };
      },
      conflictsById,
    );
    expect(joined).toBeGreaterThan(150);
    expect(refused).toBeGreaterThan(0);
  });

  it('joined with new documents give the remit conflicts of all, or say that they cannot', () => {
    const { joined, refused } = joinTrials(
      300,
      (seed) => {
        const all = remits(seed, 2 + (seed % 30));
        const { added: addedDocs } = splitNew([...new Set(all.map((s) => s.document.id))], seed);
        const added = all.filter((s) => addedDocs.includes(s.document.id));
        const before = all.filter((s) => !addedDocs.includes(s.document.id));
        const whole = remitAccountConflicts(FORCE, remitAccounts(all))!;
        return { whole, joined: remitAccountConflicts(FORCE, remitAccounts(added, keptRemits(remitAccounts(before)))) };
      },
      conflictsById,
    );
    expect(joined).toBeGreaterThan(150);
    expect(refused).toBeGreaterThan(0);
  });
});
