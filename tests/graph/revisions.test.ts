/**
 * Revisions against the real Neo4j: a document ingested again with new content becomes a new
 * version; the old one and its claims stay (superseded), out of facts, conflicts and saved queries;
 * `oversight history` shows what each version removed and added.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { history } from '../../pipelines/history.ts';
import { ingest } from '../../pipelines/ingest.ts';
import { remove } from '../../pipelines/remove.ts';
import { describeClaim, type VersionClaim } from '../../src/history/versions.ts';
import { queryParams, runCypher, savedQuery } from '../../src/graph/queries.ts';
import { neo4jReader } from '../../src/export/read-graph.ts';
import { exportGraph } from '../../src/export/export.ts';
import jsonld from 'jsonld';
import { NODE_KINDS } from '../../src/export/model.ts';
import { clearGraph, testDriver } from '../helpers/neo4j.ts';

const BIN = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'bin', 'oversight.mjs');
const URL = 'https://example.org/news/staffordshire-special-measures';

/** A press report; each version names another decider and another month. */
function article(decider: string, month: string): string {
  return `---
title: "Staffordshire Police placed in special measures"
url: "${URL}"
publisher: "Example Gazette"
kind: press
publishedAt: 2024-03-12
---
Staffordshire Police has been placed in special measures by the police inspectorate.

${decider} decided to move the force into the Engage stage of monitoring in ${month} 2024.

Inspectors said the force was failing to record crime accurately.
`;
}
const V1 = article("His Majesty's Inspector of Constabulary Roy Wilsher", 'March');
const V2 = article("His Majesty's Chief Inspector of Constabulary Andy Cooke", 'February');

/** The inspectorate's own account, so the reconciler has two sources of the same event. */
const RELEASE = `---
title: "Staffordshire Police moved to enhanced monitoring"
url: "https://example.org/hmicfrs/staffordshire-engage"
publisher: "HMICFRS"
kind: inspectorate
publishedAt: 2024-03-11
---
Staffordshire Police has been moved into the Engage stage of the inspectorate's monitoring process.

His Majesty's Inspector of Constabulary Roy Wilsher said: "The force must improve how it records crime."
`;

const rows = (driver: Driver, cypher: string, params: Record<string, unknown> = {}) => runCypher(driver, cypher, params);
const count = async (driver: Driver, cypher: string, params: Record<string, unknown> = {}) => Number((await rows(driver, cypher, params))[0]!.n);

describe('document revisions', () => {
  let driver: Driver;
  let dir: string;
  const file = () => join(dir, 'staffordshire-gazette.txt');

  beforeAll(async () => {
    driver = await testDriver();
    await clearGraph(driver);
    dir = mkdtempSync(join(tmpdir(), 'oversight-revisions-'));
    writeFileSync(join(dir, 'staffordshire-hmicfrs.txt'), RELEASE);
    writeFileSync(file(), V1);
    await ingest({ inputs: [dir], driver, today: '2025-06-01', ingestedAt: '2025-01-01T09:00:00.000Z' });
    writeFileSync(file(), V2);
    const second = await ingest({ inputs: [dir], driver, today: '2025-06-01', ingestedAt: '2025-02-01T09:00:00.000Z' });
    expect(second.documents).toMatchObject({ new: 0, changed: 1, unchanged: 1 });
  }, 300_000);
  afterAll(async () => {
    await driver?.close();
  });

  it('keeps the old version linked to the new one, its claims superseded at the new ingest time', async () => {
    const versions = await rows(
      driver,
      `MATCH (n:Document {key: $key})-[:REVISION_OF]->(o:SupersededDocument {key: $key})
       RETURN n.ingestedAt AS newAt, o.ingestedAt AS oldAt, o.supersededAt AS supersededAt, o:Document AS oldIsCurrent,
              COUNT { (o)-[:STATES]->(:SupersededClaim) } AS oldClaims, COUNT { (o)-[:STATES]->(:Claim) } AS oldCurrentClaims`,
      { key: URL },
    );
    expect(versions).toEqual([{ newAt: '2025-02-01T09:00:00.000Z', oldAt: '2025-01-01T09:00:00.000Z', supersededAt: '2025-02-01T09:00:00.000Z', oldIsCurrent: false, oldClaims: expect.any(Number), oldCurrentClaims: 0 }]);
    expect(versions[0]!.oldClaims).toBeGreaterThan(0);
    // Every superseded claim says when, and keeps its evidence sentence.
    expect(await count(driver, 'MATCH (c:SupersededClaim) WHERE c.supersededAt IS NULL OR NOT (c)-[:EVIDENCED_BY]->(:Sentence) RETURN count(c) AS n')).toBe(0);
    // Every current document and claim says when it was ingested.
    expect(await count(driver, 'MATCH (x) WHERE (x:Document OR x:Claim) AND x.ingestedAt IS NULL RETURN count(x) AS n')).toBe(0);
    // The unchanged document was left alone: its time is the first run's.
    expect(await count(driver, "MATCH (d:Document {key: 'https://example.org/hmicfrs/staffordshire-engage'}) WHERE d.ingestedAt = '2025-01-01T09:00:00.000Z' RETURN count(d) AS n")).toBe(1);
  });

  it('leaves superseded claims out of facts, conflicts and the saved queries', async () => {
    expect(await count(driver, 'MATCH (:Fact)-[:SUPPORTED_BY]->(c:SupersededClaim) RETURN count(c) AS n')).toBe(0);
    expect(await count(driver, 'MATCH (:Conflict)-->(c:SupersededClaim) RETURN count(c) AS n')).toBe(0);
    const decided = (await rows(driver, savedQuery('who-decided-what').cypher, queryParams(savedQuery('who-decided-what'), {}))).filter((r) => r.force === 'Staffordshire Police');
    expect(decided.map((r) => r.actor)).toContain('Andy Cooke');
    expect(decided.map((r) => r.actor)).not.toContain('Roy Wilsher');
    const timeline = await rows(driver, savedQuery('force-timeline').cypher, queryParams(savedQuery('force-timeline'), { force: 'Staffordshire Police' }));
    expect(timeline.map((r) => r.date)).toContain('2024-02');
    expect(timeline.map((r) => r.date)).not.toContain('2024-03');
    // The stage facts rest on current documents only.
    const facts = await rows(driver, "MATCH (f:Fact)-[:SUPPORTED_BY]->(c)<-[:STATES]-(d) WHERE f.kind = 'stageEvent' AND f.force = 'Staffordshire Police' RETURN DISTINCT labels(d) AS labels");
    expect(facts.flatMap((r) => r.labels as string[])).not.toContain('SupersededDocument');
  });

  it('exports carry the current versions only', async () => {
    const reader = neo4jReader(driver, 7);
    const exported: string[] = [];
    for await (const page of reader.nodes(NODE_KINDS.find((k) => k.label === 'Sentence')!)) exported.push(...page.map((n) => n.key));
    const current = await rows(driver, 'MATCH (:Document)-[:HAS_SENTENCE]->(s:Sentence) RETURN s.id AS id ORDER BY id');
    expect(exported).toEqual(current.map((r) => r.id));
    expect(await count(driver, 'MATCH (s:Sentence) WHERE NOT (s)<-[:HAS_SENTENCE]-(:Document) RETURN count(s) AS n')).toBeGreaterThan(0);
  });

  it('the JSON-LD export says which version each revised document replaced (prov:wasRevisionOf)', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'oversight-revisions-export-')), 'graph.jsonld');
    const summary = await exportGraph(neo4jReader(driver, 7), 'jsonld', out);
    expect(summary.relationships.REVISION_OF).toBe(1);
    const [ids] = await rows(driver, 'MATCH (n:Document {key: $key})-[:REVISION_OF]->(o:SupersededDocument) RETURN n.id AS current, o.id AS previous', { key: URL });
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    const quads = (await jsonld.toRDF(doc)) as unknown as { subject: { value: string }; predicate: { value: string }; object: { value: string } }[];
    const revisions = quads.filter((q) => q.predicate.value === 'http://www.w3.org/ns/prov#wasRevisionOf');
    expect(revisions).toHaveLength(1);
    expect(revisions[0]!.subject.value).toContain(String(ids!.current));
    expect(revisions[0]!.object.value).toContain(String(ids!.previous));
    // The earlier version is named, not exported: the export holds the current graph.
    expect(quads.some((q) => q.subject.value === revisions[0]!.object.value)).toBe(false);
  });

  it('history shows, per version, the claims removed and added with their sentences', async () => {
    const result = await history({ targets: [URL], driver });
    expect(result.problems).toEqual([]);
    expect(result.documents).toHaveLength(1);
    const [first, second] = result.documents[0]!.versions;
    expect(first!.previous).toBeNull();
    expect(first!.version.supersededAt).toBe('2025-02-01T09:00:00.000Z');
    expect(second!.version.supersededAt).toBeNull();
    const said = (claims: VersionClaim[]) => claims.map((c) => `${c.kind} ${describeClaim(c)}`);
    expect(said(second!.removed)).toEqual(expect.arrayContaining([expect.stringMatching(/^decision Roy Wilsher: decided Staffordshire Police entered Engage/), expect.stringMatching(/^date date 2024-03/)]));
    expect(said(second!.added)).toEqual(expect.arrayContaining([expect.stringMatching(/^decision Andy Cooke: decided Staffordshire Police entered Engage/), expect.stringMatching(/^date date 2024-02/)]));
    // The sentence each came from, so a reader can see the wording change.
    expect(second!.removed.find((c) => c.kind === 'decision')!.sentence).toContain('Roy Wilsher decided');
    expect(second!.added.find((c) => c.kind === 'decision')!.sentence).toContain('Andy Cooke decided');
    // The area and the undated entry are said in both versions: unchanged, neither removed nor added.
    expect([...second!.removed, ...second!.added].some((c) => c.kind === 'area')).toBe(false);
    expect(second!.kept).toBeGreaterThan(0);
  });

  it('oversight history prints the versions by path, as a user names the file', () => {
    const { uri, user, password } = inject('neo4j');
    const r = spawnSync(process.execPath, [BIN, 'history', file()], { encoding: 'utf8', env: { ...process.env, NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password }, timeout: 180_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('2 versions');
    expect(r.stdout).toMatch(/Version 1 \(superseded 2025-02-01T09:00:00.000Z\)/);
    expect(r.stdout).toMatch(/- decision: Roy Wilsher: decided Staffordshire Police entered Engage/);
    expect(r.stdout).toMatch(/\+ decision: Andy Cooke: decided Staffordshire Police entered Engage/);
    expect(r.stdout).toContain('Andy Cooke decided to move the force');
  });

  it('content that comes back to an earlier version is a third version, not a clash with the first', async () => {
    writeFileSync(file(), V1);
    const third = await ingest({ inputs: [dir], driver, today: '2025-06-01', ingestedAt: '2025-03-01T09:00:00.000Z' });
    expect(third.documents.changed).toBe(1);
    const result = await history({ targets: [URL], driver });
    const versions = result.documents[0]!.versions;
    expect(versions.map((v) => v.version.supersededAt)).toEqual(['2025-02-01T09:00:00.000Z', '2025-03-01T09:00:00.000Z', null]);
    expect(versions[0]!.version.id).toBe(versions[2]!.version.id);
    expect(versions[2]!.added.map((c) => describeClaim(c))).toContain('Roy Wilsher: decided Staffordshire Police entered Engage');
    expect(await count(driver, 'MATCH (d:Document {key: $key}) RETURN count(d) AS n', { key: URL })).toBe(1);
    // Andy Cooke is named only by the second version now: no current entity, but the history still names him.
    expect(await count(driver, "MATCH (p:Person {name: 'Andy Cooke'}) RETURN count(p) AS n")).toBe(0);
    expect(versions[2]!.removed.map((c) => describeClaim(c))).toContain('Andy Cooke: decided Staffordshire Police entered Engage');
    expect(versions[1]!.added.find((c) => c.kind === 'decision')!.links).toEqual(expect.arrayContaining(['ACTOR:Andy Cooke', 'FORCE:Staffordshire Police']));
    // The revision chain runs newest to oldest without a loop.
    expect(await count(driver, 'MATCH p = (:Document {key: $key})-[:REVISION_OF*]->(o) WHERE NOT (o)-[:REVISION_OF]->() RETURN max(length(p)) AS n', { key: URL })).toBe(2);
    // Its sentences are whole again: every current claim's span slices its evidence sentence's document text.
    expect(await count(driver, 'MATCH (d:Document {key: $key})-[:STATES]->(c:Claim) WHERE NOT (c)-[:EVIDENCED_BY]->(:Sentence)<-[:HAS_SENTENCE]-(d) RETURN count(c) AS n', { key: URL })).toBe(0);
  }, 300_000);

  it('re-ingesting the same content adds no version', async () => {
    const again = await ingest({ inputs: [dir], driver, today: '2025-06-01', ingestedAt: '2025-04-01T09:00:00.000Z' });
    expect(again.documents).toMatchObject({ new: 0, changed: 0, unchanged: 2 });
    expect(await count(driver, 'MATCH (d:SupersededDocument {key: $key}) RETURN count(d) AS n', { key: URL })).toBe(2);
  }, 300_000);

  it('removing a document removes every version of it, and what only they named', async () => {
    await remove({ targets: [URL], driver });
    expect(await count(driver, 'MATCH (d:Document|SupersededDocument {key: $key}) RETURN count(d) AS n', { key: URL })).toBe(0);
    expect(await count(driver, 'MATCH (c:SupersededClaim) RETURN count(c) AS n')).toBe(0);
    // Earlier versions link no entity, so none is left half-referenced.
    expect(await count(driver, 'MATCH (e:Entity) WHERE NOT (e)<--(:Claim) RETURN count(e) AS n')).toBe(0);
    // Roy Wilsher is still named by the inspectorate's release.
    expect(await count(driver, "MATCH (p:Person {name: 'Roy Wilsher'}) RETURN count(p) AS n")).toBe(1);
    expect(await count(driver, 'MATCH (s:Sentence) WHERE NOT (s)<-[:HAS_SENTENCE]-() RETURN count(s) AS n')).toBe(0);
  }, 300_000);
});
