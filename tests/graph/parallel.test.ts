import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../pipelines/ingest.ts';
import { generateDocuments } from '../../src/generate/corpus.ts';
import { DEV, devDocumentNames } from '../helpers/fixtures.ts';
import { clearGraph, graphDump, testDriver } from '../helpers/neo4j.ts';

/** The dev documents and a slice of the generated corpus: many documents naming the same forces and people. */
function corpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oversight-parallel-'));
  for (const name of devDocumentNames()) copyFileSync(join(DEV, name), join(dir, name));
  for (const doc of generateDocuments({ count: 90, seed: 7 })) {
    const path = join(dir, 'generated', doc.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, doc.text);
  }
  return dir;
}

describe('parallel ingest', () => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await testDriver();
  });
  afterAll(async () => {
    await driver?.close();
  });

  it('gives the graph a sequential ingest gives, property for property', async () => {
    const dir = corpus();
    await clearGraph(driver);
    const sequential = await ingest({ inputs: [dir], driver, workers: 0, batchSize: 7 });
    const expected = await graphDump(driver);
    await clearGraph(driver);
    const parallel = await ingest({ inputs: [dir], driver, workers: 2, batchSize: 7 });
    const actual = await graphDump(driver);
    expect(parallel.documents).toEqual(sequential.documents);
    expect(parallel.claimsByKind).toEqual(sequential.claimsByKind);
    expect(actual.nodes.length).toBeGreaterThan(1000);
    expect(actual).toEqual(expected);

    // And a second parallel run over the same files finds every document unchanged.
    const again = await ingest({ inputs: [dir], driver, workers: 2, batchSize: 7 });
    expect(again.documents).toEqual({ new: 0, changed: 0, unchanged: sequential.documents.new, skipped: sequential.documents.skipped });
    expect(await graphDump(driver)).toEqual(expected);
  }, 300_000);
});
