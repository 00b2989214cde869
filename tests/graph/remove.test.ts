/**
 * `oversight remove` against the real Neo4j: after removing a document the graph is the one an
 * ingest without it builds (nodes, relationships, facts and conflicts, every property).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ingest } from '../../pipelines/ingest.ts';
import { remove } from '../../pipelines/remove.ts';
import { runCypher } from '../../src/graph/queries.ts';
import { DEV, devDocumentNames } from '../helpers/fixtures.ts';
import { clearGraph, graphDump, testDriver } from '../helpers/neo4j.ts';

const BIN = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'bin', 'oversight.mjs');

function oversight(...args: string[]) {
  const { uri, user, password } = inject('neo4j');
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password }, timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const count = async (driver: Driver, cypher: string) => Number((await runCypher(driver, cypher, {}))[0]!.n);

describe('oversight remove', () => {
  let driver: Driver;
  let dir: string;
  const aside = mkdtempSync(join(tmpdir(), 'oversight-removed-'));

  beforeAll(async () => {
    driver = await testDriver();
    await clearGraph(driver);
    dir = mkdtempSync(join(tmpdir(), 'oversight-remove-'));
    for (const f of devDocumentNames()) copyFileSync(join(DEV, f), join(dir, f));
    await ingest({ inputs: [dir], driver, today: '2025-06-01' });
  }, 300_000);
  afterAll(async () => {
    await driver?.close();
  });

  it('a dry run lists what would go and changes nothing; the removal leaves the graph an ingest without the document builds', async () => {
    // A document on one side of a conflict, so facts and conflicts must change with it.
    const conflicts = await runCypher(driver, 'MATCH (x:Conflict) RETURN x.fileA AS file ORDER BY x.id LIMIT 1', {});
    expect(conflicts).toHaveLength(1);
    const file = String(conflicts[0]!.file);
    const path = join(dir, file);
    const before = await graphDump(driver);

    const dry = oversight('remove', path, '--dry-run', '--json');
    expect(dry.code, dry.stderr).toBe(0);
    const plan = JSON.parse(dry.stdout);
    expect(plan.dryRun).toBe(true);
    expect(plan.documents.map((d: { fileName: string }) => d.fileName)).toEqual([file]);
    expect(plan.documents[0].claims).toBeGreaterThan(0);
    expect(plan.documents[0].sentences).toBeGreaterThan(0);
    expect(plan.reconciled).toBeNull();
    expect(await graphDump(driver)).toEqual(before);

    // Removed in this process, so the reconciliation after it runs the same code as the ingest below.
    const done = await remove({ driver, targets: [path] });
    expect(done.documents).toEqual(plan.documents);
    expect(done.entities).toEqual(plan.entities);
    expect(done.reconciled).not.toBeNull();
    expect(done.problems).toEqual([]);
    const afterRemove = await graphDump(driver);
    expect(afterRemove).not.toEqual(before);

    // The same folder without the document, ingested into an empty graph.
    renameSync(path, join(aside, file));
    await clearGraph(driver);
    await ingest({ inputs: [dir], driver, today: '2025-06-01' });
    const without = await graphDump(driver);
    expect(afterRemove.nodes).toEqual(without.nodes);
    expect(afterRemove.relationships).toEqual(without.relationships);
    expect(without.nodes.some((n) => n.startsWith('Conflict:'))).toBe(true);
    expect(without.nodes.some((n) => n.startsWith('Fact:'))).toBe(true);
  }, 600_000);

  it('takes URLs, ids and folders, removes a document named twice once, and reports names that match nothing', async () => {
    const docs = await runCypher(driver, "MATCH (d:Document) WHERE d.url IS NOT NULL RETURN d.id AS id, d.url AS url, d.key AS key, d.fileName AS file ORDER BY d.fileName LIMIT 2", {});
    expect(docs).toHaveLength(2);
    const [a, b] = docs as { id: string; url: string; file: string }[];
    const documents = await count(driver, 'MATCH (d:Document) RETURN count(d) AS n');

    // The real CLI: one name that matches nothing is reported (exit 3); the rest are removed.
    const missing = join(dir, 'no-such-document.txt');
    const cli = oversight('remove', a!.url, a!.id, b!.id, missing);
    expect(cli.code, cli.stderr).toBe(3);
    expect(cli.stderr).toContain(`error: ${missing}: no document in the graph has this path, URL or id`);
    expect(cli.stdout).toMatch(/Removed 2 document\(s\), \d+ sentences, \d+ claims/);
    expect(cli.stdout).toMatch(/Reconciled: \d+ facts, \d+ conflicts\./);
    expect(await count(driver, 'MATCH (d:Document) RETURN count(d) AS n')).toBe(documents - 2);
    // No claim, sentence or entity is left hanging.
    expect(await count(driver, 'MATCH (c:Claim) WHERE NOT (c)<-[:STATES]-(:Document) RETURN count(c) AS n')).toBe(0);
    expect(await count(driver, 'MATCH (s:Sentence) WHERE NOT (s)<-[:HAS_SENTENCE]-(:Document) RETURN count(s) AS n')).toBe(0);
    expect(await count(driver, 'MATCH (e:Entity) WHERE NOT (e)<--(:Claim) RETURN count(e) AS n')).toBe(0);
    expect(await count(driver, 'MATCH (s:Stage) WHERE NOT (s)<-[:STAGE]-(:Claim) RETURN count(s) AS n')).toBe(0);
    expect(await runCypher(driver, 'MATCH (f:Fact) WHERE any(d IN f.documentIds WHERE d IN $ids) RETURN f.id AS id', { ids: [a!.id, b!.id] })).toEqual([]);

    // A folder names every document below it.
    const all = await remove({ driver, targets: [dir], dryRun: true });
    expect(all.documents).toHaveLength(documents - 2);
    expect(await count(driver, 'MATCH (d:Document) RETURN count(d) AS n')).toBe(documents - 2);
  }, 600_000);
});
