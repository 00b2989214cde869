import { defineConfig } from 'vitest/config';

/** Test files that talk to the real Neo4j; every other test is pure and needs no JVM. */
const NEEDS_NEO4J = [
  'tests/cli/cli.test.ts',
  'tests/graph/**/*.test.ts',
  'tests/report/report-browser.test.ts',
  'tests/robustness/bad-input.test.ts',
  'tests/robustness/faults.test.ts',
];

export default defineConfig({
  test: {
    reporters: ['default', './tests/setup/summary-reporter.ts'],
    testTimeout: 60_000,
    // Starting a Neo4j takes ~15 s, more on a busy machine or on the first run (jar download).
    hookTimeout: 180_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: NEEDS_NEO4J },
      },
      {
        extends: true,
        test: {
          name: 'graph',
          include: NEEDS_NEO4J,
          // Starts (or points at) one real Neo4j for the whole run.
          globalSetup: ['tests/setup/neo4j-global-setup.ts'],
          // All graph test files share that one database, so they must not run at the same time.
          fileParallelism: false,
        },
      },
    ],
  },
});
