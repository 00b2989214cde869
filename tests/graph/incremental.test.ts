import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseFile, isAnalysed } from '../../pipelines/analyse.ts';
import { ingest } from '../../pipelines/ingest.ts';
import { remove } from '../../pipelines/remove.ts';
import { plain } from '../../src/graph/queries.ts';
import { writeDocuments } from '../../src/graph/write-graph.ts';
import { markWriting } from '../../src/graph/write-reconciled.ts';
import { findDocumentFiles, readRawFile } from '../../src/ingest/read-files.ts';
import { ReconcileChanges, reconcileGraph } from '../../pipelines/reconcile.ts';
import { devAndGenerated } from '../helpers/fixtures.ts';
import { clearGraph, reconciled, testDriver } from '../helpers/neo4j.ts';
import { shuffle } from '../helpers/shuffle.ts';

const TODAY = '2025-06-01';

/** The writing marks the graph holds (runs that wrote documents they have not reconciled). */
async function writingMarks(driver: Driver): Promise<unknown[]> {
  const [r] = (await driver.executeQuery("MATCH (r:Reconciliation {id: 'reconciliation'}) RETURN coalesce(r.writers, []) AS writers, r.writing AS writing")).records;
  return [...(r!.get('writers') as unknown[]), ...(r!.get('writing') ? ['an earlier version\'s mark'] : [])];
}

/** The graph rows of the documents of a folder, as an ingest would write them. */
async function rowsOf(folder: string) {
  const rows = [];
  for (const file of (await findDocumentFiles([folder])).files) {
    const raw = await readRawFile(file);
    const analysed = 'bytes' in raw ? analyseFile(raw, { today: TODAY }) : null;
    if (analysed && isAnalysed(analysed)) rows.push(analysed.rows);
  }
  return rows;
}

/** The dev documents and generated ones, and its files in order. */
function corpus(): { dir: string; files: string[] } {
  const dir = devAndGenerated(60, 11, 'oversight-incremental-');
  return { dir, files: readdirSync(dir).sort() };
}

/** The files split into folders of the given sizes (the rest in the last), each a separate ingest. */
function parts(dir: string, files: readonly string[], sizes: readonly number[]): string[] {
  const out: string[] = [];
  let at = 0;
  for (let i = 0; i <= sizes.length; i++) {
    const take = i < sizes.length ? files.slice(at, at + sizes[i]!) : files.slice(at);
    at += take.length;
    if (take.length === 0) continue;
    const part = mkdtempSync(join(tmpdir(), 'oversight-part-'));
    for (const f of take) copyFileSync(join(dir, f), join(part, f));
    out.push(part);
  }
  return out;
}

describe('incremental reconciliation equals a full one', () => {
  let driver: Driver;
  let dir: string;
  let files: string[];
  let full: string[];

  beforeAll(async () => {
    driver = await testDriver();
    ({ dir, files } = corpus());
    // The reference: everything loaded, then one full recomputation.
    await clearGraph(driver);
    await ingest({ inputs: [dir], driver, today: TODAY, workers: 0, reconcile: false });
    await reconcileGraph(driver, { full: true });
    full = await reconciled(driver);
  }, 600_000);
  afterAll(async () => {
    await driver?.close();
  });

  it('has facts, conflicts and resolved people to compare', () => {
    expect(full.filter((x) => x.startsWith('Fact ')).length).toBeGreaterThan(100);
    expect(full.filter((x) => x.startsWith('Conflict ')).length).toBeGreaterThan(5);
    expect(full.filter((x) => x.startsWith('Resolution ')).length).toBeGreaterThan(10);
  });

  it('gives the same facts and conflicts when the corpus comes in parts, in several orders', async () => {
    let joined = 0;
    let whole = 0;
    for (const [seed, sizes] of [
      [1, [30, 30]],
      [2, [1, 5, 40]],
      [3, [60, 1, 1, 1]],
    ] as const) {
      await clearGraph(driver);
      for (const [i, part] of parts(dir, shuffle(files, seed), sizes).entries()) {
        let mentionsRead = 0;
        const run = await ingest({ inputs: [part], driver, today: TODAY, workers: 0, onReconcilePart: (p, _ms, n) => p === 'entities' && (mentionsRead = n) });
        // The first part goes into an empty graph (no reconciliation yet: a full one); every later one only redoes what it touched.
        expect(run.reconciled.scope?.full).toBe(i === 0);
        if (i > 0) {
          joined += run.reconciled.scope!.joined;
          whole += run.reconciled.scope!.forces - run.reconciled.scope!.joined;
        }
        // One new document: its mentions are joined to the entity facts, not every mention of what it names read again.
        if (i > 0 && run.documents.new === 1) {
          const [all] = (await driver.executeQuery("MATCH (c:Claim {kind: 'mention'}) RETURN count(c) AS n")).records;
          expect(mentionsRead).toBeLessThan(Number(plain(all!.get('n'))) / 4);
        }
      }
      expect(await reconciled(driver), `order ${seed}`).toEqual(full);
    }
    // Documents only added: forces they touch are joined from them to their ledgers, not read whole,
    // unless their stage statements would move an earlier one's episode (as large parts of this
    // small corpus often do: every force they touch is then read whole).
    expect(joined).toBeGreaterThan(10);
    expect(whole).toBeGreaterThan(0);
  }, 1_200_000);

  it('redoes every block after a run that wrote documents and stopped before reconciling them', async () => {
    const [first, second, third] = parts(dir, shuffle(files, 5), [40, 20]);
    await clearGraph(driver);
    await ingest({ inputs: [first!], driver, today: TODAY, workers: 0 });
    // A run stopped between its writes and its reconciliation: marked, written, never reconciled.
    expect(await markWriting(driver, 'a run that stops')).toBe(false);
    await writeDocuments(driver, await rowsOf(second!));

    const run = await ingest({ inputs: [third!], driver, today: TODAY, workers: 0 });
    expect(run.reconciled.scope?.full).toBe(true);
    expect(await reconciled(driver)).toEqual(full);
    // The marks are gone with that reconciliation: the next run redoes only what it touches.
    expect(await writingMarks(driver)).toEqual([]);
  }, 600_000);

  it("keeps the mark of a run that stopped while another run's reconciliation covered only its own documents", async () => {
    const [first, second, third, fourth] = parts(dir, shuffle(files, 6), [30, 15, 15]);
    await clearGraph(driver);
    await ingest({ inputs: [first!], driver, today: TODAY, workers: 0 });
    // Run B marks first, so it will reconcile only its own documents ...
    const b = new ReconcileChanges();
    expect(await markWriting(driver, b.run)).toBe(false);
    // ... run A marks too, writes, and stops before reconciling ...
    expect(await markWriting(driver, 'run A')).toBe(true);
    await writeDocuments(driver, await rowsOf(third!));
    // ... B writes and reconciles its own documents: A's mark must outlive that.
    const bRows = await rowsOf(second!);
    await writeDocuments(driver, bRows);
    b.add(bRows.flatMap((r) => r.entities));
    b.addDocuments(bRows.map((r) => r.document.id));
    expect((await reconcileGraph(driver, { changes: b })).scope?.full).toBe(false);
    expect(await writingMarks(driver)).toHaveLength(1);
    // The next run finds A's mark and redoes everything, A's documents included.
    const c = await ingest({ inputs: [fourth!], driver, today: TODAY, workers: 0 });
    expect(c.reconciled.scope?.full).toBe(true);
    expect(await reconciled(driver)).toEqual(full);
    expect(await writingMarks(driver)).toEqual([]);
  }, 600_000);

  it('gives the same after documents are removed and ingested again, and after a document changes and changes back', async () => {
    const order = shuffle(files, 4);
    const [first, second] = parts(dir, order, [Math.floor(order.length / 2)]);
    await clearGraph(driver);
    await ingest({ inputs: [dir], driver, today: TODAY, workers: 0 });
    expect(await reconciled(driver)).toEqual(full);

    const removed = await remove({ driver, targets: readdirSync(second!).map((f) => join(dir, f)) });
    expect(removed.reconciled?.scope?.full).toBe(false);
    // Removed documents take their statements out of accounts a ledger keeps only in brief: every touched force is read whole.
    expect(removed.reconciled?.scope?.joined).toBe(0);
    // What is left equals a full recomputation of what is left.
    const afterRemoval = await reconciled(driver);
    await reconcileGraph(driver, { full: true });
    expect(afterRemoval).toEqual(await reconciled(driver));

    await ingest({ inputs: [dir], driver, today: TODAY, workers: 0 });
    expect(await reconciled(driver)).toEqual(full);
    void first;

    // A changed document: its old claims' blocks and its new ones are both redone.
    const changed = join(dir, files.find((f) => f.startsWith('met-'))!);
    const original = (await import('node:fs')).readFileSync(changed, 'utf8');
    writeFileSync(changed, original.replace(/Metropolitan Police Service/g, 'Cleveland Police'));
    await ingest({ inputs: [dir], driver, today: TODAY, workers: 0 });
    const afterChange = await reconciled(driver);
    await reconcileGraph(driver, { full: true });
    expect(afterChange).toEqual(await reconciled(driver));
    writeFileSync(changed, original);
    await ingest({ inputs: [dir], driver, today: TODAY, workers: 0 });
    expect(await reconciled(driver)).toEqual(full);
  }, 1_200_000);
});
