import fc from 'fast-check';
import type { Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { ReconciledWriter } from '../../src/graph/write-reconciled.ts';
import { useCleanGraph } from '../helpers/neo4j.ts';

/** Hex ids as stableId makes them, few enough that lists overlap. */
const hexId = fc.integer({ min: 0, max: 400 }).map((n) => (n * 2654435761 % 2 ** 32).toString(16).padStart(16, '0'));
const sortedUnique = (ids: readonly string[]) => [...new Set(ids)].sort();

describe('facts joined in the graph', () => {
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
});
