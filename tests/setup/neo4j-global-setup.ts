/**
 * vitest globalSetup: one real Neo4j for the whole run, shared by all test files (hence
 * fileParallelism: false in vitest.config.ts). Tests read it with `inject('neo4j')`.
 *
 * With NEO4J_URI set, that server is used instead (NEO4J_USER / NEO4J_PASSWORD).
 * Otherwise a local server is started on `.neo4j/test-data`, wiped first, so tests never
 * touch the user's graph in `.neo4j/data`.
 */
import type { TestProject } from 'vitest/node';
import { startLocalNeo4j, type LocalNeo4j } from '../../src/graph/local-neo4j.ts';

export interface ProvidedNeo4j {
  uri: string;
  user: string;
  password: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: ProvidedNeo4j;
  }
}

export const TEST_DATA_DIR = '.neo4j/test-data';

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
  const server: LocalNeo4j = await startLocalNeo4j({
    dataDir: TEST_DATA_DIR,
    wipe: true,
    log: (line) => console.log(`[neo4j-global-setup] ${line}`),
  });
  console.log(`[neo4j-global-setup] Neo4j up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('neo4j', { uri: server.uri, user: server.user, password: server.password });
  return async () => {
    await server.stop();
  };
}
