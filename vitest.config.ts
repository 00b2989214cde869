import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    reporters: ['default', './tests/setup/summary-reporter.ts'],
    // Starts (or points at) one real Neo4j for the whole run.
    globalSetup: ['tests/setup/neo4j-global-setup.ts'],
    // All test files share that one database, so they must not run at the same time.
    fileParallelism: false,
    testTimeout: 60_000,
    // Starting a Neo4j takes ~15 s, more on a busy machine or on the first run (jar download).
    hookTimeout: 180_000,
  },
});
