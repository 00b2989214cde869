import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateFolder } from '../../pipelines/evaluate.ts';
import { reconcileInput } from '../../src/reconcile/input.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';
import type { ReconcileInput, Reconciliation } from '../../src/reconcile/types.ts';
import { analyseFixture, DEV, devDocumentNames } from '../helpers/fixtures.ts';
import { shuffle } from '../helpers/shuffle.ts';

describe('reconciling the dev corpus', () => {
  let input: ReconcileInput;
  let result: Reconciliation;
  beforeAll(() => {
    const analysed = devDocumentNames().map((n) => analyseFixture(n));
    input = reconcileInput(analysed.map((a) => ({ document: a.document, claims: a.claims, sentences: a.analysis.sentences })));
    result = reconcile(input);
  });

  it('gives the same facts and conflicts whatever the order of documents, claims and sentences', () => {
    for (const seed of [1, 2, 3, 42]) {
      const shuffled = reconcile({
        documents: shuffle(input.documents, seed),
        claims: shuffle(input.claims, seed + 100),
        sentences: shuffle(input.sentences ?? [], seed + 200),
      });
      expect(shuffled).toEqual(result);
    }
    // Duplicated claims (a document read twice) change nothing either.
    expect(reconcile({ ...input, claims: [...input.claims, ...shuffle(input.claims, 7)] })).toEqual(result);
  });

  it('gives every fact and conflict a unique content id', () => {
    const ids = [...result.facts.map((f) => f.id), ...result.conflicts.map((c) => c.id)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('finds the Cleveland entry date conflict, and none between the sources that only differ in precision', () => {
    const dates = result.conflicts.filter((c) => c.kind === 'date');
    expect(dates.map((c) => [c.subject, c.a.fileName, c.b.fileName])).toEqual([
      ['Cleveland Police entered Engage', 'cleveland-2019-08-hartlepoolmail.txt', 'cleveland-2023-eyeofmedia.txt'],
    ]);
    const met = result.facts.find((f) => f.kind === 'stageEvent' && f.subject === 'Metropolitan Police Service entered Engage')!;
    expect(met.qualifiers).toMatchObject({ date: '2022-06-28', dateDisputed: false });
    expect(met.corroboration).toBeGreaterThanOrEqual(4);
  });

  it('scores at least 0.80 F1 on the dev conflicts with no agreement reported as a conflict', async () => {
    const { conflicts } = await evaluateFolder(DEV);
    expect(conflicts).toBeDefined();
    expect(conflicts!.falseAgreements).toBe(0);
    expect(conflicts!.f1).toBeGreaterThanOrEqual(0.8);
  });
});
