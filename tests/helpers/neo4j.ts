import { afterAll, beforeAll, inject } from 'vitest';
import { openDriver } from '../../src/graph/connection.ts';
import type { Driver } from 'neo4j-driver';
import { plain } from '../../src/graph/queries.ts';
import { assertTestDatabase, TEST_MARKER_LABEL } from '../setup/test-database.ts';

/** A driver to the test run's real Neo4j (see tests/setup/neo4j-global-setup.ts). */
export async function testDriver(): Promise<Driver> {
  const { uri, user, password } = inject('neo4j');
  return openDriver(uri, user, password);
}

/**
 * Test files share one database: each starts from an empty graph. Only a database the tests own
 * (it carries their marker, which survives the clear) is ever cleared.
 */
export async function clearGraph(driver: Driver): Promise<void> {
  await assertTestDatabase(driver);
  // In batches, each its own transaction: a large graph deleted at once passes Neo4j's transaction memory limit.
  const session = driver.session();
  try {
    await session.run(`MATCH (n) WHERE NOT n:${TEST_MARKER_LABEL} CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS`);
  } finally {
    await session.close();
  }
}

/**
 * For a describe block: a driver to the test Neo4j on a graph cleared before its tests, handed to
 * `set`, and closed after them.
 */
export function useCleanGraph(set: (driver: Driver) => void): void {
  let driver: Driver | undefined;
  beforeAll(async () => {
    driver = await testDriver();
    await clearGraph(driver);
    set(driver);
  });
  afterAll(async () => {
    await driver?.close();
  });
}

/** Nodes, relationships and node identities of the graph, the tests' marker left out. */
export async function graphCounts(driver: Driver): Promise<{ nodes: number; relationships: number; ids: string[] }> {
  const nodes = await driver.executeQuery(`MATCH (n) WHERE NOT n:${TEST_MARKER_LABEL} RETURN count(n) AS n`);
  const rels = await driver.executeQuery('MATCH ()-[r]->() RETURN count(r) AS n');
  const ids = await driver.executeQuery(
    `MATCH (n) WHERE NOT n:${TEST_MARKER_LABEL} RETURN labels(n)[0] + ":" + coalesce(n.id, n.key, n.name) AS id ORDER BY id`,
  );
  return {
    nodes: nodes.records[0]!.get('n').toNumber(),
    relationships: rels.records[0]!.get('n').toNumber(),
    ids: ids.records.map((r) => r.get('id') as string),
  };
}

/** Properties that record when a run wrote something: two runs of the same input differ only in these. */
export const RUN_TIME_PROPERTIES = ['ingestedAt', 'supersededAt'] as const;

/**
 * Every node with its labels and properties, and every relationship by its ends' identities: the
 * whole graph, comparable (the times of the runs left out).
 */
export async function graphDump(driver: Driver): Promise<{ nodes: string[]; relationships: string[] }> {
  const ident = (v: string) => `labels(${v})[0] + ":" + coalesce(${v}.id, ${v}.key, ${v}.name)`;
  const nodes = await driver.executeQuery(`MATCH (n) RETURN ${ident('n')} AS id, labels(n) AS labels, n {.*, ${RUN_TIME_PROPERTIES.map((p) => `${p}: null`).join(', ')}} AS props`);
  const rels = await driver.executeQuery(`MATCH (n)-[r]->(m) RETURN ${ident('n')} AS a, type(r) AS t, ${ident('m')} AS b, properties(r) AS props`);
  const sortedJson = (v: unknown) => JSON.stringify(plain(v), (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => (p < q ? -1 : 1))) : x));
  return {
    nodes: nodes.records.map((r) => `${r.get('id')} ${sortedJson([...(r.get('labels') as string[])].sort())} ${sortedJson(r.get('props'))}`).sort(),
    relationships: rels.records.map((r) => `${r.get('a')} ${r.get('t')} ${r.get('b')} ${sortedJson(r.get('props'))}`).sort(),
  };
}

/** Every Fact, Conflict, Resolution and Ledger with all its properties and the ids of what it links to: comparable as a whole. */
export async function reconciled(driver: Driver): Promise<string[]> {
  const sortedJson = (v: unknown) => JSON.stringify(plain(v), (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => (p < q ? -1 : 1))) : x));
  const result = await driver.executeQuery(`
    MATCH (n) WHERE n:Fact OR n:Conflict OR n:Resolution OR n:Ledger
    OPTIONAL MATCH (n)-[r]->(m)
    WITH n, r, m ORDER BY type(r), coalesce(m.id, m.key)
    RETURN labels(n)[0] AS label, properties(n) AS props, collect(type(r) + ' ' + coalesce(m.id, m.key)) AS links`);
  return result.records.map((r) => `${r.get('label')} ${sortedJson(r.get('props'))} ${sortedJson(r.get('links'))}`).sort();
}
