/**
 * Tests clear the graph they use, so they must only ever write to a database they own. A database
 * is owned once it holds the marker node below, which the test setup creates only in an empty
 * database; a database with anything else in it and no marker is someone's data and is refused
 * before anything is written.
 */
import type { Driver } from 'neo4j-driver';

export const TEST_MARKER_LABEL = 'OversightTestDatabase';

const FIND_MARKER = `MATCH (m:${TEST_MARKER_LABEL}) RETURN count(m) AS n`;
const COUNT_OTHERS = `MATCH (n) WHERE NOT n:${TEST_MARKER_LABEL} RETURN count(n) AS n`;
const CREATE_MARKER = `MERGE (m:${TEST_MARKER_LABEL} {id: 'oversight-test-database'}) ON CREATE SET m.createdAt = datetime()`;

export class NotATestDatabaseError extends Error {
  constructor(uri: string, nodes: number) {
    super(
      `Refusing to run tests against ${uri}: it holds ${nodes} node(s) the tests did not write ` +
        `(no :${TEST_MARKER_LABEL} marker). Tests clear the graph they use. Point ` +
        `OVERSIGHT_TEST_NEO4J_URI at an empty database for tests, or unset it and the tests start their own.`,
    );
    this.name = 'NotATestDatabaseError';
  }
}

/** Marks an empty database as the tests' own; accepts one already marked; refuses any other. */
export async function claimTestDatabase(driver: Driver, uri: string): Promise<void> {
  const session = driver.session();
  try {
    await session.executeWrite(async (tx) => {
      const marked = (await tx.run(FIND_MARKER)).records[0]!.get('n').toNumber();
      if (marked > 0) return;
      const others = (await tx.run(COUNT_OTHERS)).records[0]!.get('n').toNumber();
      if (others > 0) throw new NotATestDatabaseError(uri, others);
      await tx.run(CREATE_MARKER);
    });
  } finally {
    await session.close();
  }
}

/** Throws unless the database carries the tests' marker: checked before every clear. */
export async function assertTestDatabase(driver: Driver, uri = 'this database'): Promise<void> {
  const marked = (await driver.executeQuery(FIND_MARKER)).records[0]!.get('n').toNumber();
  if (marked > 0) return;
  const others = (await driver.executeQuery(COUNT_OTHERS)).records[0]!.get('n').toNumber();
  throw new NotATestDatabaseError(uri, others);
}
