import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../pipelines/ingest.ts';
import { openDriver } from '../../src/graph/connection.ts';
import { startLocalNeo4j, type LocalNeo4j } from '../../src/graph/local-neo4j/index.ts';
import { DEV, devDocumentNames } from '../helpers/fixtures.ts';
import { clearGraph, graphCounts, graphDump, testDriver } from '../helpers/neo4j.ts';

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'oversight.mjs');

/** `copies` variants of each dev document, each with its own url: a corpus big enough to interrupt. */
function corpus(copies: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'oversight-faults-'));
  for (const name of devDocumentNames()) {
    const text = readFileSync(join(DEV, name), 'utf8');
    for (let i = 0; i < copies; i++) {
      const variant = text.replace(/^url: .*$/m, `url: "https://example.org/${name}?copy=${i}"`);
      writeFileSync(join(dir, `${name.replace(/\.txt$/, '')}-${i}.txt`), variant);
    }
  }
  return dir;
}

/** The reconciliation's nodes (facts, conflicts, resolved people) and their links, from a graphDump. */
function reconciledPart(dump: { nodes: string[]; relationships: string[] }): string[] {
  const ours = (line: string) => /^(?:Fact|Conflict|Resolution):/.test(line);
  return [...dump.nodes.filter(ours), ...dump.relationships.filter(ours)];
}

describe('faults', () => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await testDriver();
  });
  afterAll(async () => {
    await driver?.close();
  });

  it('an unreachable Neo4j at start: a clear message naming the URI, exit 1, no secret printed', () => {
    const run = spawnSync(process.execPath, [BIN, 'ingest', DEV], {
      encoding: 'utf8',
      env: { ...process.env, NEO4J_URI: 'bolt://127.0.0.1:9', NEO4J_USER: 'someone', NEO4J_PASSWORD: 'not-to-be-printed-4711' },
      timeout: 120_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Cannot connect to Neo4j at bolt:\/\/127\.0\.0\.1:9/);
    expect(run.stdout + run.stderr).not.toContain('not-to-be-printed-4711');
  });

  it('two ingests of overlapping folders at once give the graph one ingest gives', async () => {
    const dir = corpus(2);
    const files = readdirSync(dir).sort();
    const a = mkdtempSync(join(tmpdir(), 'oversight-a-'));
    const b = mkdtempSync(join(tmpdir(), 'oversight-b-'));
    // a: first two thirds, b: last two thirds; the middle third is in both.
    files.forEach((f, i) => {
      const content = readFileSync(join(dir, f));
      if (i < (files.length * 2) / 3) writeFileSync(join(a, f), content);
      if (i >= files.length / 3) writeFileSync(join(b, f), content);
    });
    await clearGraph(driver);
    const other = await testDriver();
    try {
      await Promise.all([ingest({ inputs: [a], driver, batchSize: 4 }), ingest({ inputs: [b], driver: other, batchSize: 4 })]);
    } finally {
      await other.close();
    }
    const concurrent = await graphCounts(driver);
    const concurrentFacts = reconciledPart(await graphDump(driver));
    await clearGraph(driver);
    await ingest({ inputs: [dir], driver });
    expect(concurrent).toEqual(await graphCounts(driver));
    // Facts and conflicts property for property: two runs joining documents to the same facts at
    // once must not lose each other's (they reconcile one at a time).
    const sequentialFacts = reconciledPart(await graphDump(driver));
    expect(sequentialFacts.length).toBeGreaterThan(50);
    expect(concurrentFacts).toEqual(sequentialFacts);
    // Three ingests of 32 documents on a shared machine: generous, since slowness is not what is tested.
  }, 300_000);

  describe('Neo4j killed in the middle of a load', () => {
    let server: LocalNeo4j | undefined;
    afterAll(async () => {
      await server?.stop();
    });

    it('the run fails with a clear message; the next run completes with nothing lost or duplicated', async () => {
      const dir = corpus(5);
      server = await startLocalNeo4j({ dataDir: '.neo4j/test-data-kill', wipe: true });
      const { uri, user, password } = server;
      const child = spawn(process.execPath, [BIN, 'ingest', dir, '--batch-size', '2'], {
        env: { ...process.env, NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password },
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));

      // Kill the server once some documents are in, while the load goes on.
      const watcher = await openDriver(uri, user, password);
      for (let n = 0; n < 10; ) {
        await new Promise((r) => setTimeout(r, 300));
        const res = await watcher.executeQuery('MATCH (d:Document) RETURN count(d) AS n');
        n = res.records[0]!.get('n').toNumber();
      }
      await watcher.close().catch(() => {});
      process.kill(server.pid, 'SIGKILL');
      const code = await exited;
      expect(code).toBe(1);
      expect(stderr).toMatch(/error: .*(Neo4j|connect|ServiceUnavailable|connection)/i);
      expect(stderr).not.toContain(password);

      server = await startLocalNeo4j({ dataDir: '.neo4j/test-data-kill' });
      const resumed = await openDriver(server.uri, server.user, server.password);
      try {
        const summary = await ingest({ inputs: [dir], driver: resumed });
        expect(summary.documents.new + summary.documents.unchanged).toBe(readdirSync(dir).length);
        const afterResume = await graphCounts(resumed);
        await clearGraph(driver);
        await ingest({ inputs: [dir], driver });
        expect(afterResume).toEqual(await graphCounts(driver));
      } finally {
        await resumed.close();
      }
    }, 300_000);
  });
});
