import { mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { analyseFile, isAnalysed } from '../../pipelines/analyse.ts';
import { ingest } from '../../pipelines/ingest.ts';
import { reconcileGraph } from '../../pipelines/reconcile.ts';
import { readForceBlock, readForceBlocks, readForces, writeBlockRecords } from '../../src/graph/write-reconciled.ts';
import type { ReconcileInput } from '../../src/reconcile/types.ts';
import { devAndGenerated, devDocumentNames } from '../helpers/fixtures.ts';
import { reconciled, useCleanGraph } from '../helpers/neo4j.ts';

const TODAY = '2025-06-01';

/** A block's input in a fixed order, to compare two reads of it. */
const ordered = (input: ReconcileInput) => ({
  documents: [...input.documents].sort((a, b) => (a.id < b.id ? -1 : 1)),
  claims: [...input.claims].sort((a, b) => (a.id < b.id ? -1 : 1)),
  sentences: [...(input.sentences ?? [])].sort((a, b) => (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : a.index - b.index)),
});

describe('force blocks', () => {
  let driver: Driver;
  useCleanGraph((d) => (driver = d));

  it('read the same input from block records as claim by claim, for every force, and fall back for a document without a record', async () => {
    const dir = devAndGenerated(30, 5, 'oversight-force-blocks-');
    // A press text about two forces: in both blocks.
    writeFileSync(
      join(dir, 'two-forces.txt'),
      'Cleveland Police and Durham Constabulary were moved into the Engage stage of monitoring on 3 March 2023, the inspectorate said. ' +
        'Cleveland Police said it would work with the inspectorate. Durham Constabulary said the same.\n',
    );
    await ingest({ inputs: [dir], driver, today: TODAY, workers: 0, reconcile: false });

    const forces = await readForces(driver);
    expect(forces.length).toBeGreaterThan(5);
    let claims = 0;
    for (const f of forces) {
      const fromRecords = ordered(await readForceBlock(driver, f.key));
      claims += fromRecords.claims.length;
      expect(fromRecords, f.key).toEqual(ordered(await readForceBlock(driver, f.key, { records: false })));
    }
    expect(claims).toBeGreaterThan(500);

    // Read together, in one batch, every force's block is the same as read alone.
    const { inputs: together, rebuilt: none } = await readForceBlocks(driver, forces.map((f) => f.key));
    expect(none).toEqual([]);
    expect(together.size).toBe(forces.length);
    for (const f of forces) expect(ordered(together.get(f.key)!), f.key).toEqual(ordered(await readForceBlock(driver, f.key)));
    const inBlocks = forces.filter((f) => together.get(f.key)!.documents.some((d) => d.fileName === 'two-forces.txt'));
    expect(inBlocks.length).toBeGreaterThanOrEqual(2);

    // A document written without a record (by an earlier version) is read claim by claim.
    const [force] = forces;
    const before = ordered(await readForceBlock(driver, force!.key));
    await driver.executeQuery('MATCH (d:Document {id: $id}) REMOVE d.blockRecord', { id: before.documents[0]!.id });
    await driver.executeQuery("MATCH (d:Document {id: $id}) SET d.blockRecord = '{\"version\": 0}'", { id: before.documents.at(-1)!.id });
    expect(ordered(await readForceBlock(driver, force!.key))).toEqual(before);
    const { inputs, rebuilt } = await readForceBlocks(driver, forces.map((f) => f.key));
    expect(ordered(inputs.get(force!.key)!)).toEqual(before);

    // Their records are made again from their claims, and written back: the next read takes them, and reads the same.
    expect(rebuilt.map((r) => r.id).sort()).toEqual([before.documents[0]!.id, before.documents.at(-1)!.id].sort());
    await writeBlockRecords(driver, rebuilt);
    const again = await readForceBlocks(driver, [force!.key]);
    expect(again.rebuilt).toEqual([]);
    expect(ordered(again.inputs.get(force!.key)!)).toEqual(before);

    // Not over the record of claims extracted again since (another extractor version).
    await driver.executeQuery('MATCH (d:Document {id: $id}) REMOVE d.blockRecord', { id: before.documents[0]!.id });
    const stale = (await readForceBlocks(driver, [force!.key])).rebuilt;
    await driver.executeQuery("MATCH (d:Document {id: $id}) SET d.extractorVersion = 'later', d.blockRecord = 'kept'", { id: before.documents[0]!.id });
    await writeBlockRecords(driver, stale);
    const [kept] = (await driver.executeQuery('MATCH (d:Document {id: $id}) RETURN d.blockRecord AS r', { id: before.documents[0]!.id })).records;
    expect(kept!.get('r')).toBe('kept');
  }, 300_000);

  it('changed by difference, follow a fact\'s links when their count differs from the ids it keeps', async () => {
    const dir = devAndGenerated(40, 9, 'oversight-force-blocks-');
    const generated = readdirSync(dir).filter((f) => !devDocumentNames().includes(f)).sort();
    const later = mkdtempSync(join(tmpdir(), 'oversight-force-blocks-later-'));
    for (const name of generated.slice(-8)) renameSync(join(dir, name), join(later, name));
    await ingest({ inputs: [dir], driver, today: TODAY, workers: 0 });

    // A stage event's fact of a force the later documents name loses a link behind the pipeline's back:
    // their run must notice and mend it.
    const forces = new Set<string>();
    for (const name of readdirSync(later)) {
      const analysed = analyseFile({ path: join(later, name), relativePath: name, bytes: readFileSync(join(later, name)) }, { today: TODAY });
      if (isAnalysed(analysed)) for (const c of analysed.claims) if (c.kind === 'stageEvent' && c.subject) forces.add(c.subject.key);
    }
    const { records } = await driver.executeQuery(
      `MATCH (f:Fact {kind: 'stageEvent'})-[r:SUPPORTED_BY]->() WHERE f.subjectKey IN $forces
       WITH f, collect(r) AS links WHERE size(links) > 3
       WITH f, links ORDER BY f.id LIMIT 1 DELETE links[0] RETURN f.id AS id`,
      { forces: [...forces] },
    );
    expect(records).toHaveLength(1);
    const run = await ingest({ inputs: [later], driver, today: TODAY, workers: 0 });
    expect(run.reconciled?.scope?.full).toBe(false);
    const incremental = await reconciled(driver);

    await reconcileGraph(driver, { full: true });
    expect(incremental).toEqual(await reconciled(driver));
  }, 300_000);
});
