import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../pipelines/ingest.ts';
import { generateDocuments } from '../../src/generate/corpus.ts';
import { readForceBlock, readForces } from '../../src/graph/write-reconciled.ts';
import type { ReconcileInput } from '../../src/reconcile/types.ts';
import { DEV, devDocumentNames } from '../helpers/fixtures.ts';
import { useCleanGraph } from '../helpers/neo4j.ts';

const TODAY = '2025-06-01';

/** A block's input in a fixed order, to compare two reads of it. */
const ordered = (input: ReconcileInput) => ({
  documents: [...input.documents].sort((a, b) => (a.id < b.id ? -1 : 1)),
  claims: [...input.claims].sort((a, b) => (a.id < b.id ? -1 : 1)),
  sentences: [...(input.sentences ?? [])].sort((a, b) => (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : a.index - b.index)),
});

describe('force blocks read from block records', () => {
  let driver: Driver;
  useCleanGraph((d) => (driver = d));

  it('read the same input as claim by claim, for every force, and fall back for a document without a record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oversight-records-'));
    for (const name of devDocumentNames()) copyFileSync(join(DEV, name), join(dir, name));
    for (const doc of generateDocuments({ count: 30, seed: 5 })) writeFileSync(join(dir, doc.path.replaceAll('/', '-')), doc.text);
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

    // A document written without a record (by an earlier version) is read claim by claim.
    const [force] = forces;
    const before = ordered(await readForceBlock(driver, force!.key));
    await driver.executeQuery('MATCH (d:Document {id: $id}) REMOVE d.blockRecord', { id: before.documents[0]!.id });
    await driver.executeQuery("MATCH (d:Document {id: $id}) SET d.blockRecord = '{\"version\": 0}'", { id: before.documents.at(-1)!.id });
    expect(ordered(await readForceBlock(driver, force!.key))).toEqual(before);
  }, 300_000);
});
