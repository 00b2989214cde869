/**
 * vitest globalSetup: one real Neo4j for the whole run, shared by all test files (hence
 * fileParallelism: false in vitest.config.ts). Tests read it with `inject('neo4j')`.
 *
 * With NEO4J_URI set, that server is used instead (NEO4J_USER / NEO4J_PASSWORD).
 * Otherwise a local server is started on `.neo4j/test-data`, wiped first, so tests never
 * touch the user's graph in `.neo4j/data`. If another test run is using that dir right now,
 * this run gets its own `.neo4j/test-data-<pid>`, removed afterwards.
 */
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { DataDirInUseError, startLocalNeo4j, type LocalNeo4j } from '../../src/graph/local-neo4j.ts';

export interface ProvidedNeo4j {
  uri: string;
  user: string;
  password: string;
  /** Absolute Neo4j home of the local test server; absent when NEO4J_URI is used. */
  dataDir?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: ProvidedNeo4j;
  }
}

const log = (line: string): void => console.log(`[neo4j-global-setup] ${line}`);

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.NEO4J_URI) {
    project.provide('neo4j', {
      uri: process.env.NEO4J_URI,
      user: process.env.NEO4J_USER || 'neo4j',
      password: process.env.NEO4J_PASSWORD ?? '',
    });
    return async () => {};
  }

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
  log(`Neo4j up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('neo4j', {
    uri: server.uri,
    user: server.user,
    password: server.password,
    dataDir: server.dataDir,
  });
  return async () => {
    await server.stop();
    if (ownDir) rmSync(server.dataDir, { recursive: true, force: true });
  };
}
