/**
 * Upgrades never leave stale claims: the extractor version is a hash of the code and knowledge
 * that shape the claims, so a changed knowledge file re-extracts every document, and an
 * unchanged tree re-extracts nothing. The change is made in a temporary copy of the project,
 * run through its own CLI; the real knowledge files are never touched.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ingest } from '../../pipelines/ingest.ts';
import { EXTRACTOR_VERSION } from '../../src/claims/build-claims.ts';
import { runCypher } from '../../src/graph/queries.ts';
import { DEV } from '../helpers/fixtures.ts';
import { clearGraph, testDriver } from '../helpers/neo4j.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// A made-up, lower-case nickname that no rule could take for a body until the knowledge lists it.
const NICKNAME = 'zephyrwatch';
const NICKNAME_TEXT = `---
title: Force progress reviewed
publisher: Example Gazette
kind: press
publishedAt: 2024-03-01
---
Cleveland Police said ${NICKNAME} had reviewed its call handling again.
`;

/** A copy of the project's code (node_modules linked) whose knowledge can be edited freely. */
function projectCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oversight-copy-'));
  for (const part of ['src', 'pipelines', 'bin', 'graph/queries']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  for (const file of ['package.json', 'tsconfig.json']) copyFileSync(join(ROOT, file), join(dir, file));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

interface CliSummary {
  documents: { new: number; changed: number; unchanged: number; skipped: number };
  reextracted: number;
  extractorVersion: string;
}

/** The copy's CLI, pointed at the test Neo4j through the documented variables. */
function ingestWithCopy(copy: string, input: string): CliSummary {
  const { uri, user, password } = inject('neo4j');
  const r = spawnSync(process.execPath, [join(copy, 'bin', 'oversight.mjs'), 'ingest', input, '--json', '--no-progress'], {
    encoding: 'utf8',
    env: { ...process.env, NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password },
    timeout: 180_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as CliSummary;
}

describe('the extractor version follows the code and knowledge', () => {
  let driver: Driver;
  let copy: string;
  let input: string;

  beforeAll(async () => {
    driver = await testDriver();
    await clearGraph(driver);
    copy = projectCopy();
    input = mkdtempSync(join(tmpdir(), 'oversight-version-'));
    for (const f of ['met-2025-01-hmicfrs.txt', 'met-2025-01-londonstar.txt']) copyFileSync(join(DEV, f), join(input, f));
    writeFileSync(join(input, 'nickname.txt'), NICKNAME_TEXT);
  });
  afterAll(async () => {
    await driver?.close();
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  const versions = async () =>
    runCypher(driver, 'MATCH (d:Document) OPTIONAL MATCH (d)-[:STATES]->(c:Claim) RETURN collect(DISTINCT d.extractorVersion) + collect(DISTINCT c.extractorVersion) AS v', {}).then((r) => [...new Set(r[0]!.v as string[])]);
  const nicknameClaims = async () => runCypher(driver, "MATCH (c:Claim {kind: 'mention'})-[:ABOUT]->(:Organisation {key: 'organisation:hmicfrs'}) WHERE toLower(c.value) = $nickname RETURN count(c) AS n", { nickname: NICKNAME }).then((r) => Number(r[0]!.n));

  it('an unchanged extractor re-ingests nothing, wherever the code lives', async () => {
    const first = await ingest({ inputs: [input], driver });
    expect(first.documents).toEqual({ new: 3, changed: 0, unchanged: 0, skipped: 0 });
    expect(first.extractorVersion).toBe(EXTRACTOR_VERSION);
    expect(await versions()).toEqual([EXTRACTOR_VERSION]);
    expect(await nicknameClaims()).toBe(0);

    const again = await ingest({ inputs: [input], driver });
    expect(again.documents).toEqual({ new: 0, changed: 0, unchanged: 3, skipped: 0 });
    expect(again.reextracted).toBe(0);

    // The copy's files are the same bytes under another path: the same version.
    const fromCopy = ingestWithCopy(copy, input);
    expect(fromCopy.extractorVersion).toBe(EXTRACTOR_VERSION);
    expect(fromCopy.documents).toEqual({ new: 0, changed: 0, unchanged: 3, skipped: 0 });
    expect(fromCopy.reextracted).toBe(0);
  }, 300_000);

  it('a changed knowledge file re-extracts every document and updates its claims', async () => {
    // The nickname becomes an alias of the inspectorate, in the copy only.
    const file = join(copy, 'src', 'knowledge', 'organisations.yaml');
    const yaml = readFileSync(file, 'utf8');
    const alias = '      - { text: HMICFRS, caseSensitive: true }';
    expect(yaml).toContain(alias);
    writeFileSync(file, yaml.replace(alias, `${alias}\n      - ${NICKNAME}`));

    const changed = ingestWithCopy(copy, input);
    expect(changed.extractorVersion).not.toBe(EXTRACTOR_VERSION);
    expect(changed.documents).toEqual({ new: 0, changed: 0, unchanged: 0, skipped: 0 });
    expect(changed.reextracted).toBe(3);
    // Every document and claim now carries the new version; the new knowledge shows in the claims.
    expect(await versions()).toEqual([changed.extractorVersion]);
    expect(await nicknameClaims()).toBeGreaterThan(0);

    const again = ingestWithCopy(copy, input);
    expect(again.documents).toEqual({ new: 0, changed: 0, unchanged: 3, skipped: 0 });
    expect(again.reextracted).toBe(0);

    // Back on the project's own knowledge: extracted again, and the board's claims are gone.
    const back = await ingest({ inputs: [input], driver });
    expect(back.reextracted).toBe(3);
    expect(await versions()).toEqual([EXTRACTOR_VERSION]);
    expect(await nicknameClaims()).toBe(0);
  }, 300_000);
});
