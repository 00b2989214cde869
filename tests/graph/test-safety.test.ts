/**
 * Running the tests never touches a user's graph. A second local Neo4j started here plays the
 * user's server, holding documents ingested the ordinary way; the global setup is run directly
 * against it, as `npm test` would run it with the user's variables exported.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ingest } from '../../pipelines/ingest.ts';
import { openDriver } from '../../src/graph/connection.ts';
import { plain } from '../../src/graph/queries.ts';
import { startLocalNeo4j, type LocalNeo4j } from '../../src/graph/local-neo4j/index.ts';
import setup, { type ProvidedNeo4j } from '../setup/neo4j-global-setup.ts';
import { TEST_MARKER_LABEL } from '../setup/test-database.ts';
import { DEV } from '../helpers/fixtures.ts';
import { clearGraph, testDriver } from '../helpers/neo4j.ts';

/** Every node and relationship with its properties, sorted: the whole graph, comparable. */
async function graphDump(driver: Driver): Promise<{ nodes: string[]; relationships: string[] }> {
  const nodes = await driver.executeQuery('MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props');
  const rels = await driver.executeQuery('MATCH (n)-[r]->(m) RETURN elementId(n) AS a, type(r) AS t, elementId(m) AS b, properties(r) AS props');
  const json = (v: unknown) => JSON.stringify(plain(v));
  return {
    nodes: nodes.records.map((r) => `${r.get('id')} ${json(r.get('labels'))} ${json(r.get('props'))}`).sort(),
    relationships: rels.records.map((r) => `${r.get('a')} ${r.get('t')} ${r.get('b')} ${json(r.get('props'))}`).sort(),
  };
}

/** Collects what the setup provides, as vitest's project would. */
function fakeProject() {
  const provided: ProvidedNeo4j[] = [];
  const project = { provide: (_key: string, value: ProvidedNeo4j) => void provided.push(value) };
  return { project: project as unknown as Parameters<typeof setup>[0], provided };
}

const quiet = () => {};

describe("the tests never touch a user's graph", () => {
  let userServer: LocalNeo4j;
  let user: Driver;
  let before: Awaited<ReturnType<typeof graphDump>>;
  const userDataDir = `.neo4j/test-user-${process.pid}`;

  beforeAll(async () => {
    userServer = await startLocalNeo4j({ dataDir: userDataDir, wipe: true });
    user = await openDriver(userServer.uri, userServer.user, userServer.password);
    const dir = mkdtempSync(join(tmpdir(), 'oversight-user-'));
    for (const f of ['met-2025-01-hmicfrs.txt', 'met-2025-01-londonstar.txt']) copyFileSync(join(DEV, f), join(dir, f));
    await ingest({ inputs: [dir], driver: user });
    before = await graphDump(user);
    expect(before.nodes.length).toBeGreaterThan(20);
  }, 300_000);

  afterAll(async () => {
    await user?.close();
    await userServer?.stop();
    if (userServer) rmSync(userServer.dataDir, { recursive: true, force: true });
  });

  it('with NEO4J_URI at the user\'s server, the run uses a server of its own and the user\'s graph is untouched', async () => {
    const { project, provided } = fakeProject();
    const env = { NEO4J_URI: userServer.uri, NEO4J_USER: userServer.user, NEO4J_PASSWORD: userServer.password };
    const teardown = await setup(project, env, quiet);
    try {
      expect(provided).toHaveLength(1);
      expect(provided[0]!.uri).not.toBe(userServer.uri);
      expect(provided[0]!.dataDir).toBeDefined();
    } finally {
      await teardown();
    }
    expect(await graphDump(user)).toEqual(before);
  }, 300_000);

  it('a server named for tests that holds documents the tests did not write is refused, untouched', async () => {
    const { project, provided } = fakeProject();
    const env = { OVERSIGHT_TEST_NEO4J_URI: userServer.uri, OVERSIGHT_TEST_NEO4J_USER: userServer.user, OVERSIGHT_TEST_NEO4J_PASSWORD: userServer.password };
    await expect(setup(project, env, quiet)).rejects.toThrow(/Refusing to run tests against bolt:\/\/127\.0\.0\.1:\d+: it holds \d+ node\(s\) the tests did not write/);
    expect(provided).toEqual([]);
    expect(await graphDump(user)).toEqual(before);
  });

  it('clearing the graph refuses a database without the tests\' marker', async () => {
    await expect(clearGraph(user)).rejects.toThrow(/Refusing to run tests/);
    expect(await graphDump(user)).toEqual(before);
  });

  it("the run's own database carries the marker, and clearing keeps it", async () => {
    const driver = await testDriver();
    try {
      await clearGraph(driver);
      const marker = await driver.executeQuery(`MATCH (m:${TEST_MARKER_LABEL}) RETURN count(m) AS n`);
      expect(marker.records[0]!.get('n').toNumber()).toBe(1);
      const { uri } = inject('neo4j');
      expect(uri).not.toBe(userServer.uri);
    } finally {
      await driver.close();
    }
  });
});
