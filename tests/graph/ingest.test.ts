import { mkdtempSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../pipelines/ingest.ts';
import { listSavedQueries, queryParams, runCypher, savedQuery } from '../../src/graph/queries.ts';
import { DEV } from '../helpers/fixtures.ts';
import { graphCounts, useCleanGraph } from '../helpers/neo4j.ts';

const MET = ['met-2025-01-hmicfrs.txt', 'met-2025-01-londonstar.txt'];

function folderWith(files: string[], extra: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'oversight-ingest-'));
  for (const f of files) copyFileSync(join(DEV, f), join(dir, f));
  for (const [name, content] of Object.entries(extra)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('ingest into the real Neo4j', () => {
  let driver: Driver;
  useCleanGraph((d) => (driver = d));

  it('writes the two Met documents with sources, sentences, entities and claims', async () => {
    const summary = await ingest({ inputs: [folderWith(MET)], driver });
    expect(summary.documents).toEqual({ new: 2, changed: 0, unchanged: 0, skipped: 0 });
    const docs = await runCypher(driver, 'MATCH (d:Document)-[:PUBLISHED_BY]->(s:Source) RETURN d.fileName AS file, s.name AS source, s.kind AS kind ORDER BY file', {});
    expect(docs).toEqual([
      { file: 'met-2025-01-hmicfrs.txt', source: 'HMICFRS', kind: 'inspectorate' },
      { file: 'met-2025-01-londonstar.txt', source: 'London Star', kind: 'press' },
    ]);
    const forces = await runCypher(driver, 'MATCH (f:Force) RETURN f.name AS name', {});
    // One node for the force however the texts spell it ("the Met", "Metropolitan Police Service").
    expect(forces).toEqual([{ name: 'Metropolitan Police Service' }]);
  });

  it('answers who decided what: Andy Cooke decided and Lee Freeman recommended the Met leaving Engage', async () => {
    const q = savedQuery('who-decided-what');
    const rows = await runCypher(driver, q.cypher, queryParams(q, { force: 'Metropolitan Police Service' }));
    const cooke = rows.find((r) => r.actor === 'Andy Cooke' && r.act === 'decided' && r.stageChange === 'exited Engage');
    const freeman = rows.find((r) => r.actor === 'Lee Freeman' && r.act === 'recommended' && r.stageChange === 'exited Engage');
    expect(cooke).toMatchObject({ force: 'Metropolitan Police Service', document: 'met-2025-01-hmicfrs.txt' });
    expect(String(cooke!.evidence)).toContain('Sir Andy Cooke has decided to remove the Metropolitan Police Service from Engage');
    expect(freeman).toMatchObject({ document: 'met-2025-01-hmicfrs.txt' });
    expect(String(freeman!.evidence)).toContain('I have recommended removing the service');
  });

  it('stores every claim with a span that starts its evidence inside its sentence', async () => {
    const rows = await runCypher(
      driver,
      'MATCH (d:Document)-[:STATES]->(c:Claim)-[:EVIDENCED_BY]->(s:Sentence)<-[:HAS_SENTENCE]-(d) RETURN c.start AS start, c.end AS end, c.evidence AS evidence, s.start AS sStart, s.text AS sentence',
      {},
    );
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) {
      // A quotation may run on past its first sentence: the part inside the sentence must match exactly.
      const offset = Number(r.start) - Number(r.sStart);
      const inSentence = String(r.sentence).slice(offset);
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(String(r.evidence).startsWith(inSentence.slice(0, String(r.evidence).length))).toBe(true);
      expect(Number(r.end) - Number(r.start)).toBe(String(r.evidence).length);
    }
  });

  it('leaves the graph identical when the same corpus is ingested again', async () => {
    const before = await graphCounts(driver);
    const summary = await ingest({ inputs: [folderWith(MET)], driver });
    expect(summary.documents).toEqual({ new: 0, changed: 0, unchanged: 2, skipped: 0 });
    expect(await graphCounts(driver)).toEqual(before);
  });

  it('replaces the claims of a changed document and leaves none stale', async () => {
    const dir = folderWith(MET);
    const path = join(dir, 'met-2025-01-londonstar.txt');
    const { readFileSync } = await import('node:fs');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/Executive member Muhammed Butt of London Councils also acknowledged[^.]*\./, ''));
    const summary = await ingest({ inputs: [dir], driver });
    expect(summary.documents).toEqual({ new: 0, changed: 1, unchanged: 1, skipped: 0 });
    const docs = await runCypher(driver, 'MATCH (d:Document) RETURN count(d) AS n', {});
    expect(docs).toEqual([{ n: 2 }]);
    const butt = await runCypher(driver, "MATCH (p:Person {name: 'Muhammed Butt'}) RETURN p", {});
    expect(butt).toEqual([]);
    const orphans = await runCypher(driver, 'MATCH (c:Claim) WHERE NOT (:Document)-[:STATES]->(c) RETURN count(c) AS n', {});
    expect(orphans).toEqual([{ n: 0 }]);
  });

  it('reports bad files with their reasons, skips them, and ingests the rest', async () => {
    const dir = folderWith(['met-2025-01-hmicfrs.txt'], {
      'empty.txt': '',
      'binary.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]),
      'latin1.txt': new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x0a]),
      'bad-front-matter.txt': '---\ntitle: x\npublishedAt: yesterday\n---\nThe Met was moved into Engage.',
    });
    mkdirSync(join(dir, 'nested'));
    copyFileSync(join(DEV, 'notts-2024-03-hmicfrs.txt'), join(dir, 'nested', 'notts-2024-03-hmicfrs.txt'));
    const summary = await ingest({ inputs: [dir], driver });
    const errors = summary.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.path.split('/').pop(), p.reason.split(':')[0]]).sort()).toEqual([
      ['bad-front-matter.txt', "front matter field 'publishedAt'"],
      ['binary.txt', 'binary content (NUL or control bytes)'],
      ['empty.txt', 'empty file'],
      ['latin1.txt', 'invalid UTF-8 at byte 3'],
    ]);
    expect(errors.find((p) => p.path.endsWith('bad-front-matter.txt'))?.line).toBe(3);
    expect(summary.documents.skipped).toBe(4);
    const notts = await runCypher(driver, "MATCH (d:Document {fileName: 'notts-2024-03-hmicfrs.txt'}) RETURN count(d) AS n", {});
    expect(notts).toEqual([{ n: 1 }]);
  });

  it('runs every saved query', async () => {
    for (const q of listSavedQueries()) {
      // The Met was in Engage at the start of 2023; what was published about it is known by mid-2025.
      const given: Record<string, string> = { document: 'met-2025-01-hmicfrs.txt', date: q.name === 'known-by' ? '2025-06-01' : '2023-01-01' };
      const params = Object.fromEntries(q.params.map((p) => [p.name, given[p.name] ?? null]));
      const rows = await runCypher(driver, q.cypher, params);
      if (q.name === 'conflicts') expect(Array.isArray(rows)).toBe(true);
      else expect(rows.length, q.name).toBeGreaterThan(0);
    }
  });

  it('refuses a write in a read-only query, and allows it with write', async () => {
    await expect(runCypher(driver, "CREATE (:Scratch {name: 'x'})", {})).rejects.toThrow(/read|write|access/i);
    await runCypher(driver, "CREATE (:Scratch {name: 'x'})", {}, { write: true });
    expect(await runCypher(driver, 'MATCH (s:Scratch) DETACH DELETE s RETURN count(*) AS n', {}, { write: true })).toEqual([{ n: 1 }]);
  });
});
