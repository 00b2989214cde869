import { mkdirSync, mkdtempSync, symlinkSync, unlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../pipelines/ingest.ts';
import { analyseFile, isAnalysed } from '../../pipelines/analyse.ts';
import { findDocumentFiles } from '../../src/ingest/read-files.ts';
import { runCypher } from '../../src/graph/queries.ts';
import { DEV } from '../helpers/fixtures.ts';
import { clearGraph, useCleanGraph } from '../helpers/neo4j.ts';

const analyse = (name: string, content: string | Uint8Array) =>
  analyseFile({ path: name, relativePath: name, bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content });

describe('bad input: each is ingested correctly or reported with file and reason', () => {
  it('deeply nested HTML is reduced to its text without overflowing the stack', () => {
    const depth = 20_000;
    const html = `<html><body>${'<div>'.repeat(depth)}<p>Kent Police was moved into Engage.</p>${'</div>'.repeat(depth)}</body></html>`;
    const result = analyse('nested.html', html);
    expect(isAnalysed(result)).toBe(true);
    if (isAnalysed(result)) expect(result.claims.some((c) => c.kind === 'stageEvent')).toBe(true);
  });

  it('a non-English text is ingested without inventing facts', () => {
    const result = analyse('welsh.txt', "Mae Heddlu Gogledd Cymru wedi gwella. Dywedodd y prif gwnstabl fod y gwaith yn parhau.");
    expect(isAnalysed(result)).toBe(true);
    if (isAnalysed(result)) expect(result.claims.filter((c) => c.kind === 'stageEvent' || c.kind === 'decision')).toEqual([]);
  });

  it('a missing publication date leaves relative dates unresolved instead of guessing', () => {
    const result = analyse('nodate.txt', 'Kent Police was moved into Engage today.');
    expect(isAnalysed(result) && result.claims.find((c) => c.kind === 'stageEvent')?.qualifiers.date).toBe(null);
  });

  it('a symlink loop is walked once, a file removed during the run is reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oversight-loop-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'a.txt'), 'Kent Police was moved into Engage.');
    symlinkSync(dir, join(dir, 'sub', 'loop'));
    const found = await findDocumentFiles([dir]);
    expect(found.files.map((f) => f.relativePath)).toEqual(['sub/a.txt']);
  });

  it('a file over the size limit is reported, not read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oversight-big-'));
    writeFileSync(join(dir, 'big.txt'), 'The Met was moved into Engage. '.repeat(700_000)); // about 21 MB
    const { readRawFile } = await import('../../src/ingest/read-files.ts');
    const problem = await readRawFile({ path: join(dir, 'big.txt'), relativePath: 'big.txt' });
    expect(problem).toMatchObject({ severity: 'error', reason: expect.stringMatching(/^file is 2\d\.\d MB, over the 5\.0 MB limit/) });
  });
});

describe('bad input against the real Neo4j', () => {
  let driver: Driver;
  useCleanGraph((d) => (driver = d));

  it('names with quotes, backticks, $, braces and newlines are stored as data, never run as Cypher', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oversight-inject-'));
    const evil = "x'}) MATCH (n) DETACH DELETE n //";
    const body = [
      `---\ntitle: "${evil.replace(/"/g, '\\"')} \`$param {a:1}"\npublisher: "Evil \`Publisher\` $x {y} '); DROP"\nkind: press\n---`,
      `Chief Constable Tom O'Brien-\`Smith\` said: "Kent Police was moved into Engage after ${evil} and \${injection} {braces}."`,
      'Kent Police was moved into Engage on 3 May 2023.',
    ].join('\n');
    writeFileSync(join(dir, `na'me \`with\` $ {braces}.txt`), body);
    copyFileSync(join(DEV, 'met-2025-01-hmicfrs.txt'), join(dir, 'met.txt'));
    const summary = await ingest({ inputs: [dir], driver });
    expect(summary.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const docs = await runCypher(driver, 'MATCH (d:Document) RETURN d.title AS title, d.publisher AS publisher ORDER BY d.fileName', {});
    expect(docs).toHaveLength(2);
    expect(docs.some((d) => String(d.title).includes(evil))).toBe(true);
    expect(docs.some((d) => d.publisher === "Evil `Publisher` $x {y} '); DROP")).toBe(true);
    const quote = await runCypher(driver, "MATCH (c:Claim {kind: 'quote'}) WHERE c.value CONTAINS 'DETACH DELETE' RETURN c.value AS v", {});
    expect(quote).toHaveLength(1);
  });

  it('a file that disappears between listing and reading is reported; the rest is ingested', async () => {
    await clearGraph(driver);
    const dir = mkdtempSync(join(tmpdir(), 'oversight-vanish-'));
    copyFileSync(join(DEV, 'met-2025-01-hmicfrs.txt'), join(dir, 'a-met.txt'));
    writeFileSync(join(dir, 'b-gone.txt'), 'Kent Police was moved into Engage.');
    copyFileSync(join(DEV, 'notts-2024-03-hmicfrs.txt'), join(dir, 'c-notts.txt'));
    const summary = await ingest({
      inputs: [dir],
      driver,
      // Remove the second file once the first has been read: the run must go on.
      onProgress: (done) => {
        if (done === 1) unlinkSync(join(dir, 'b-gone.txt'));
      },
    });
    expect(summary.problems).toEqual([expect.objectContaining({ path: join(dir, 'b-gone.txt'), severity: 'error', reason: expect.stringMatching(/not found/) })]);
    expect(summary.documents.new).toBe(2);
  });
});
