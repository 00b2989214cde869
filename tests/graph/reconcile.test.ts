import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../pipelines/ingest.ts';
import { queryParams, runCypher, savedQuery } from '../../src/graph/queries.ts';
import { readReconcileInput } from '../../src/graph/write-reconciled.ts';
import { reconcileInput } from '../../src/reconcile/input.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';
import { analyseFixture, DEV, devDocumentNames } from '../helpers/fixtures.ts';
import { clearGraph, useCleanGraph } from '../helpers/neo4j.ts';

const README = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'graph', 'README.md');

function folderWith(files: string[], extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'oversight-reconcile-'));
  for (const f of files) copyFileSync(join(DEV, f), join(dir, f));
  for (const [name, content] of Object.entries(extra)) writeFileSync(join(dir, name), content);
  return dir;
}

/** What the graph holds of the reconciliation: ids, kinds, sides and relationship counts. */
async function reconciled(driver: Driver) {
  const facts = await runCypher(driver, 'MATCH (f:Fact) OPTIONAL MATCH (f)-[r:SUPPORTED_BY]->() RETURN f.id AS id, f.kind AS kind, f.corroboration AS corroboration, count(r) AS claims ORDER BY id', {});
  const conflicts = await runCypher(
    driver,
    `MATCH (x:Conflict)
     RETURN x.id AS id, x.kind AS kind, x.fileA AS a, x.fileB AS b,
            COUNT { (x)-[:SIDE_A]->() } AS sideA, COUNT { (x)-[:SIDE_B]->() } AS sideB
     ORDER BY id`,
    {},
  );
  return { facts, conflicts };
}

/** The example under the given question in graph/README.md, exactly as written there. */
function readmeExample(question: string): string {
  const text = readFileSync(README, 'utf8');
  const at = text.indexOf(question);
  expect(at, `graph/README.md has "${question}"`).toBeGreaterThan(-1);
  const m = /```cypher\n([\s\S]*?)```/.exec(text.slice(at));
  return m![1]!;
}

const GAZETTE = `---
title: Met placed in special measures
publisher: Example Gazette
kind: press
publishedAt: 2022-07-20
---
The Metropolitan Police Service was placed into special measures by the police inspectorate in July 2022.

The force said it would work with the inspectorate to improve.
`;

describe('reconciled facts and conflicts in the real Neo4j', () => {
  let driver: Driver;
  useCleanGraph((d) => (driver = d));

  it('reaches the same facts and conflicts whether documents come one at a time (in two orders) or all at once', async () => {
    // The documents behind the dev set's date, areas and count conflicts, and their agreements.
    const files = devDocumentNames().filter((f) => /^(cleveland-2019|cleveland-2023-eyeofmedia|cleveland-hmicfrs|met-2025-01-(hmicfrs|londonstar|metpolice)|notts-2024-03-hmicfrs|notts-2025-05-policeprofessional)/.test(f));
    expect(files).toHaveLength(8);
    const runs: Array<Awaited<ReturnType<typeof reconciled>>> = [];
    for (const order of [files, [...files].reverse()]) {
      await clearGraph(driver);
      for (const f of order) await ingest({ inputs: [folderWith([f])], driver });
      runs.push(await reconciled(driver));
    }
    await clearGraph(driver);
    const summary = await ingest({ inputs: [folderWith(files)], driver });
    const all = await reconciled(driver);
    expect(runs[0]).toEqual(all);
    expect(runs[1]).toEqual(all);
    expect(summary.reconciled).toMatchObject({ facts: all.facts.length, conflicts: all.conflicts.length });

    // The graph holds what the pure reconciler gives for the same documents.
    const analysed = files.map((f) => analyseFixture(f));
    const pure = reconcile(reconcileInput(analysed.map((a) => ({ document: a.document, claims: a.claims, sentences: a.analysis.sentences }))));
    expect(all.facts.map((f) => f.id)).toEqual(pure.facts.map((f) => f.id).sort());
    expect(all.conflicts.map((c) => c.id)).toEqual(pure.conflicts.map((c) => c.id).sort());
    expect([...new Set(all.conflicts.map((c) => c.kind))].sort()).toEqual(['areas', 'count', 'date']);
    for (const c of all.conflicts) {
      expect(c.sideA).toBeGreaterThan(0);
      expect(c.sideB).toBeGreaterThan(0);
    }
    // Read back from the graph, the claims reconcile exactly as the analysis's own claims do.
    const back = await readReconcileInput(driver);
    expect(back.claims.map((c) => c.id).sort()).toEqual(analysed.flatMap((a) => a.claims).filter((c) => c.kind !== 'date').map((c) => c.id).sort());
    expect(reconcile(back)).toEqual(pure);

    // Ingesting again changes nothing.
    await ingest({ inputs: [folderWith(files)], driver });
    expect(await reconciled(driver)).toEqual(all);
  }, 600_000);

  it('answers the README example: which sources disagree about when the Met entered Engage, and what each said', async () => {
    await clearGraph(driver);
    const met = ['met-2022-06-itv.txt', 'met-2022-06-hansard.txt', 'met-2025-01-hmicfrs.txt', 'met-2025-01-londonstar.txt'];
    await ingest({ inputs: [folderWith(met, { 'met-2022-07-gazette.txt': GAZETTE })], driver });
    const rows = await runCypher(driver, readmeExample('Which sources disagree about when the Met entered Engage'), {});
    // The gazette's "July 2022" against each source that puts it in June (or on the 28th, "today", "yesterday").
    expect(rows.length).toBe(4);
    for (const r of rows) {
      const gazetteIsA = r.sourceA === 'Example Gazette';
      const gazette = gazetteIsA ? { said: r.saidA, evidence: r.evidenceA } : { said: r.saidB, evidence: r.evidenceB };
      const other = gazetteIsA ? { source: r.sourceB, said: r.saidB, evidence: r.evidenceB } : { source: r.sourceA, said: r.saidA, evidence: r.evidenceA };
      expect(gazette.said).toBe('2022-07');
      expect(gazette.evidence).toEqual(['The Metropolitan Police Service was placed into special measures by the police inspectorate in July 2022.']);
      expect(other.source).not.toBe('Example Gazette');
      expect(String(other.said)).toMatch(/2022-06/);
      expect((other.evidence as string[]).length).toBeGreaterThan(0);
    }
    const hmi = rows.find((r) => r.sourceA === 'HMICFRS' || r.sourceB === 'HMICFRS')!;
    const hmiEvidence = (hmi.sourceA === 'HMICFRS' ? hmi.evidenceA : hmi.evidenceB) as string[];
    expect(hmiEvidence).toContain('The Metropolitan Police Service was moved into Engage on 28 June 2022.');
  });

  it('the saved conflicts query shows each conflict side by side with documents, publishers, dates and evidence', async () => {
    const q = savedQuery('conflicts');
    const rows = await runCypher(driver, q.cypher, queryParams(q, { force: 'Metropolitan Police Service' }));
    const date = rows.filter((r) => r.kind === 'date');
    expect(date.length).toBe(4);
    for (const r of rows) {
      expect(r.documentA).toMatch(/\.txt$/);
      expect(r.documentB).toMatch(/\.txt$/);
      expect(typeof r.publisherA).toBe('string');
      expect((r.evidenceA as string[]).length).toBeGreaterThan(0);
      expect((r.evidenceB as string[]).length).toBeGreaterThan(0);
      expect(r.valueA).not.toBe(r.valueB);
    }
    expect(await runCypher(driver, q.cypher, queryParams(q, { force: 'Cleveland Police' }))).toEqual([]);
  });
});
