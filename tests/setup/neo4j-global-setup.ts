/**
 * vitest globalSetup: one real Neo4j for the whole run, shared by all test files (hence
 * fileParallelism: false in vitest.config.ts). Tests read it with `inject('neo4j')`.
 *
 * Tests clear the graph they use, so they never use the user's server: NEO4J_URI (the user's
 * own Neo4j) is ignored here. A local server is started on `.neo4j/test-data`, wiped first, or,
 * when another test run is using that dir, on a private `.neo4j/test-data-<pid>` removed
 * afterwards. Only OVERSIGHT_TEST_NEO4J_URI (with _USER / _PASSWORD), a variable for tests
 * alone, names another server; even then a database holding data the tests did not write is
 * refused before anything is changed (see test-database.ts).
 */
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { openDriver } from '../../src/graph/connection.ts';
import { DataDirInUseError, startLocalNeo4j, type LocalNeo4j } from '../../src/graph/local-neo4j/index.ts';
import { claimTestDatabase } from './test-database.ts';

export interface ProvidedNeo4j {
  uri: string;
  user: string;
  password: string;
  /** Absolute Neo4j home of the local test server; absent when OVERSIGHT_TEST_NEO4J_URI is used. */
  dataDir?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: ProvidedNeo4j;
  }
}

/** The variables that name a server for tests alone. */
export const TEST_NEO4J_ENV = {
  uri: 'OVERSIGHT_TEST_NEO4J_URI',
  user: 'OVERSIGHT_TEST_NEO4J_USER',
  password: 'OVERSIGHT_TEST_NEO4J_PASSWORD',
} as const;

const defaultLog = (line: string): void => console.log(`[neo4j-global-setup] ${line}`);

type Provider = Pick<TestProject, 'provide'>;

export default async function setup(
  project: Provider,
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = defaultLog,
): Promise<() => Promise<void>> {
  const external = env[TEST_NEO4J_ENV.uri];
  if (external) {
    const neo4j: ProvidedNeo4j = {
      uri: external,
      user: env[TEST_NEO4J_ENV.user] || 'neo4j',
      password: env[TEST_NEO4J_ENV.password] ?? '',
    };
    await claim(neo4j);
    log(`using ${external} (from ${TEST_NEO4J_ENV.uri})`);
    project.provide('neo4j', neo4j);
    return async () => {};
  }
  if (env.NEO4J_URI) log(`NEO4J_URI is set: ignored, tests never use your server (set ${TEST_NEO4J_ENV.uri} to name one for tests)`);

  const started = Date.now();
  let server: LocalNeo4j;
  let ownDir = false;
  try {
    server = await startLocalNeo4j({ dataDir: '.neo4j/test-data', wipe: true, log });
  } catch (err) {
    if (!(err instanceof DataDirInUseError)) throw err;
    log(`.neo4j/test-data is in use by process ${err.holderPid}; using a private data dir`);
    server = await startLocalNeo4j({ dataDir: `.neo4j/test-data-${process.pid}`, wipe: true, log });
    ownDir = true;
  }
  const teardown = async () => {
    await server.stop();
    if (ownDir) rmSync(server.dataDir, { recursive: true, force: true });
  };
  log(`Neo4j up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const neo4j: ProvidedNeo4j = { uri: server.uri, user: server.user, password: server.password, dataDir: server.dataDir };
  try {
    await claim(neo4j);
  } catch (err) {
    await teardown();
    throw err;
  }
  project.provide('neo4j', neo4j);
  return teardown;
}

async function claim({ uri, user, password }: ProvidedNeo4j): Promise<void> {
  const driver = await openDriver(uri, user, password);
  try {
    await claimTestDatabase(driver, uri);
  } finally {
    await driver.close();
  }
}
