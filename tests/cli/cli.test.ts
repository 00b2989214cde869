import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { DEV } from '../helpers/fixtures.ts';
import { useCleanGraph } from '../helpers/neo4j.ts';

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'oversight.mjs');

/** The real CLI in a child process, pointed at the test run's Neo4j through the documented variables. */
function oversight(...args: string[]) {
  const { uri, user, password } = inject('neo4j');
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, password };
}

describe('oversight CLI', () => {
  useCleanGraph(() => {});

  it('ingests the Met documents and prints who decided what with the evidence', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oversight-cli-'));
    for (const f of ['met-2025-01-hmicfrs.txt', 'met-2025-01-londonstar.txt']) copyFileSync(join(DEV, f), join(dir, f));
    const run = oversight('ingest', dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/2 new, 0 changed, 0 unchanged, 0 skipped/);
    expect(run.stdout).toMatch(/Andy Cooke\s+decided\s+Metropolitan Police Service\s+exited Engage/);
    expect(run.stdout).toMatch(/Lee Freeman\s+recommended\s+Metropolitan Police Service\s+exited Engage/);
    expect(run.stdout).toContain('met-2025-01-hmicfrs.txt');
    expect(run.stdout + run.stderr).not.toContain(run.password);
  });

  it('runs a saved query as JSON rows', () => {
    const run = oversight('query', 'force-timeline', '--param', 'force=Metropolitan Police Service', '--json');
    expect(run.code, run.stderr).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(rows).toContainEqual(expect.objectContaining({ change: 'entered', stage: 'Engage', date: '2022-06-28', document: 'met-2025-01-hmicfrs.txt' }));
  });

  it('keeps raw Cypher read-only unless --write is given', () => {
    const refused = oversight('query', '--cypher', "CREATE (:Scratch {name: 'x'}) RETURN 1 AS n");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/read|write|access/i);
    const allowed = oversight('query', '--cypher', "MERGE (s:Scratch {name: 'x'}) RETURN s.name AS name", '--write', '--json');
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(JSON.parse(allowed.stdout)).toEqual([{ name: 'x' }]);
    oversight('query', '--cypher', 'MATCH (s:Scratch) DETACH DELETE s', '--write');
  });

  it('exits 3 and names the file when an input is skipped, 2 on bad usage', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oversight-cli-bad-'));
    writeFileSync(join(dir, 'empty.txt'), '');
    const skipped = oversight('ingest', dir);
    expect(skipped.code).toBe(3);
    expect(skipped.stderr).toMatch(/empty\.txt: empty file/);
    const usage = oversight('query', 'no-such-query');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/no saved query 'no-such-query'/);
  });
});
