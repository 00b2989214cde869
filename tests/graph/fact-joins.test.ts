import fc from 'fast-check';
import type { Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { ReconciledWriter, replaceJoinedConflicts } from '../../src/graph/write-reconciled.ts';
import { conflictDigest } from '../../src/reconcile/support.ts';
import type { Conflict, ConflictSide } from '../../src/reconcile/types.ts';
import { useCleanGraph } from '../helpers/neo4j.ts';

/** Hex ids as stableId makes them, few enough that lists overlap. */
const hexId = fc.integer({ min: 0, max: 400 }).map((n) => (n * 2654435761 % 2 ** 32).toString(16).padStart(16, '0'));
const sortedUnique = (ids: readonly string[]) => [...new Set(ids)].sort();

describe('facts and conflicts joined in the graph', () => {
  let driver: Driver;
  useCleanGraph((d) => (driver = d));

  it("take the new documents into each fact's sorted list, each once, and count them, whatever the lists", async () => {
    let run = 0;
    let joinedToNone = 0;
    await fc.assert(
      fc.asyncProperty(fc.option(fc.array(hexId, { maxLength: 60 }), { nil: null }), fc.array(hexId, { maxLength: 12 }), fc.boolean(), async (held, added, entity) => {
        const id = `fact-join-${run++}`;
        const before = held === null ? null : sortedUnique(held);
        if (before === null) joinedToNone++;
        // A fact as a reconciliation left it; one with no list yet has none.
        await driver.executeQuery('CREATE (f:Fact {id: $id}) SET f.documentIds = $ids', { id, ids: before });
        const writer = new ReconciledWriter(driver);
        // Unsorted and with repeats: the writer puts them in order.
        const row = { id, subjectKey: 'organisation:none', props: { id, kind: entity ? 'entity' : 'stageEvent' }, claimIds: [], documentIds: [...added].reverse().concat(added.slice(0, 2)) };
        if (entity) await writer.joinEntityRow(row);
        else await writer.joinBlockRow({ ...row, sourceKinds: ['press'] });
        await writer.flush();
        const { records } = await driver.executeQuery('MATCH (f:Fact {id: $id}) RETURN f.documentIds AS ids, f.corroboration AS n', { id });
        const want = sortedUnique([...(before ?? []), ...added]);
        expect(records[0]!.get('ids')).toEqual(want);
        expect(Number(records[0]!.get('n'))).toBe(want.length);
      }),
      { numRuns: 60, seed: 7 },
    );
    expect(joinedToNone).toBeGreaterThan(0);
  });

  it('write the conflicts a join finds new or changed, remove those gone, and leave those whose kept digest still holds', async () => {
    const side = (file: string, value: string): ConflictSide => ({ documentId: `doc-${file}`, fileName: file, publisher: 'HMICFRS', sourceKind: 'inspectorate', publishedAt: '2024-01-02', value, claimIds: [] });
    const conflict = (id: string, valueB: string): Conflict => ({ id, kind: 'date', confidence: 'high', rule: 'date.disjoint', subject: 'A force entered Engage', force: 'A force', stage: 'Engage', change: 'entered', a: side(`${id}-a.txt`, '2024-01-02'), b: side(`${id}-b.txt`, valueB) });
    const kept = conflict('join-kept', '2024-03-04');
    const changedBefore = conflict('join-changed', '2024-05-06');
    const gone = conflict('join-gone', '2024-07-08');
    const writer = new ReconciledWriter(driver);
    await writer.add({ facts: [], conflicts: [kept, changedBefore, gone] });
    await writer.flush();
    // Marks what was written before the join: a conflict written again loses it.
    await driver.executeQuery("MATCH (x:Conflict) WHERE x.id STARTS WITH 'join-' SET x.before = true");

    const before = new Map([kept, changedBefore, gone].map((c) => [c.id, conflictDigest(c)]));
    const changed = conflict('join-changed', '2024-05-07');
    const added = conflict('join-new', '2024-09-10');
    const result = await replaceJoinedConflicts(driver, before, [kept, changed, added], writer);
    await writer.flush();

    const { records } = await driver.executeQuery("MATCH (x:Conflict) WHERE x.id STARTS WITH 'join-' RETURN x.id AS id, x.valueB AS valueB, x.before AS before ORDER BY id");
    expect(records.map((r) => r.toObject())).toEqual([
      { id: 'join-changed', valueB: '2024-05-07', before: null },
      { id: 'join-kept', valueB: '2024-03-04', before: true },
      { id: 'join-new', valueB: '2024-09-10', before: null },
    ]);
    expect(result.gone).toEqual([{ id: 'join-gone', kind: 'date', subject: 'A force entered Engage', fileA: 'join-gone-a.txt', fileB: 'join-gone-b.txt' }]);
    expect(result.written.map((x) => x.id).sort()).toEqual(['join-changed', 'join-kept', 'join-new']);
  });
});
