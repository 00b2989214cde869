/**
 * `oversight export` round trips against the real Neo4j: each format is read back by a reader of
 * its own ecosystem, never by string comparison alone.
 *  - JSON-LD: the `jsonld` processor expands it to RDF (N-Quads); PROV links and both selectors of
 *    every claim are in the quads, and the selectors locate the claim's evidence.
 *  - GraphML: graphology-graphml parses it into a graph with the source graph's node and edge counts.
 *  - CSV: Neo4j's own bulk importer loads it into a new database; a server on that database has
 *    the same nodes per label, relationships per type, and properties as the source graph.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Graph from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import jsonld from 'jsonld';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ingest } from '../../pipelines/ingest.ts';
import { openDriver } from '../../src/graph/connection.ts';
import { startLocalNeo4j } from '../../src/graph/local-neo4j/index.ts';
import { plain, runCypher } from '../../src/graph/queries.ts';
import { runNeo4jAdmin } from '../../src/export/bulk-import.ts';
import { exportGraph } from '../../src/export/export.ts';
import { INTERNAL_PROPERTIES, NODE_KINDS, nodeIri } from '../../src/export/model.ts';
import { neo4jReader } from '../../src/export/read-graph.ts';
import { DEV } from '../helpers/fixtures.ts';
import { clearGraph, testDriver } from '../helpers/neo4j.ts';

const BIN = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'bin', 'oversight.mjs');
const DOCUMENTS = ['met-2022-06-itv.txt', 'met-2025-01-hmicfrs.txt', 'met-2025-01-londonstar.txt', 'met-2025-01-mayor.txt', 'cleveland-2023-09-northernecho.txt', 'cleveland-hmicfrs-engage-page.txt'];
// Small pages, so every reader crosses many page boundaries even on a few documents.
const PAGE = 7;

const PROV = 'http://www.w3.org/ns/prov#';
const OA = 'http://www.w3.org/ns/oa#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

const EXPORTED_LABELS = NODE_KINDS.map((k) => k.label);

/** Nodes per exported label, relationships (between exported nodes) per type. */
async function counts(driver: Driver): Promise<{ nodes: Record<string, number>; relationships: Record<string, number> }> {
  const nodes: Record<string, number> = {};
  for (const label of EXPORTED_LABELS) {
    const n = Number((await runCypher(driver, `MATCH (n:${label}) RETURN count(n) AS n`, {}))[0]!.n);
    if (n > 0) nodes[label] = n;
  }
  const rows = await runCypher(driver, 'MATCH (a)-[r]->(b) WHERE any(l IN labels(a) WHERE l IN $labels) AND any(l IN labels(b) WHERE l IN $labels) RETURN type(r) AS type, count(r) AS n ORDER BY type', { labels: EXPORTED_LABELS });
  return { nodes, relationships: Object.fromEntries(rows.map((r) => [String(r.type), Number(r.n)])) };
}

/** Every exported node's labels, properties and their Cypher types by its IRI, comparable across databases. */
async function nodeDump(driver: Driver): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const k of NODE_KINDS) {
    const rows = await runCypher(driver, `MATCH (n:${k.label}) RETURN n.${k.key} AS key, labels(n) AS labels, properties(n) AS props, [p IN keys(n) | p + ' ' + valueType(n[p])] AS types`, {});
    for (const r of rows) {
      // What the pipeline keeps for itself is not exported (checked below), so not compared.
      const props = plain(r.props) as Record<string, unknown>;
      const sorted = Object.fromEntries(Object.entries(props).filter(([p]) => !INTERNAL_PROPERTIES.has(p)).sort(([a], [b]) => (a < b ? -1 : 1)));
      const types = (r.types as string[]).filter((t) => !INTERNAL_PROPERTIES.has(t.split(' ')[0]!));
      out.set(nodeIri({ labels: r.labels as string[], key: String(r.key) }), JSON.stringify([[...(r.labels as string[])].sort(), sorted, [...types].sort()]));
    }
  }
  return out;
}

describe('oversight export', () => {
  let driver: Driver;
  let work: string;
  let source: Awaited<ReturnType<typeof counts>>;

  beforeAll(async () => {
    driver = await testDriver();
    await clearGraph(driver);
    work = mkdtempSync(join(tmpdir(), 'oversight-export-'));
    const input = join(work, 'input');
    mkdirSync(input);
    for (const f of DOCUMENTS) copyFileSync(join(DEV, f), join(input, f));
    await ingest({ inputs: [input], driver, today: '2025-06-01' });
    source = await counts(driver);
  }, 300_000);
  afterAll(async () => {
    await driver?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('the graph has every kind an export carries', () => {
    for (const label of ['Source', 'Document', 'Sentence', 'Claim', 'Force', 'Person', 'Organisation', 'Stage', 'Fact']) expect(source.nodes[label], label).toBeGreaterThan(0);
  });

  it('JSON-LD expands to RDF with PROV links and both selectors of every claim', async () => {
    const out = join(work, 'graph.jsonld');
    const summary = await exportGraph(neo4jReader(driver, PAGE), 'jsonld', out);
    expect(summary.nodes.Claim).toBe(source.nodes.Claim);

    const doc = JSON.parse(readFileSync(out, 'utf8'));
    const nquads = (await jsonld.toRDF(doc, { format: 'application/n-quads' })) as unknown as string;
    expect(nquads).toContain(`<${PROV}wasDerivedFrom>`);
    expect(nquads).toContain(`<${PROV}wasAttributedTo>`);
    expect(nquads).toContain(`<${PROV}generatedAtTime>`);

    const quads = (await jsonld.toRDF(doc)) as unknown as { subject: { value: string }; predicate: { value: string }; object: { value: string; datatype?: { value: string } } }[];
    const bySubject = new Map<string, Map<string, { value: string; datatype?: string }[]>>();
    for (const q of quads) {
      const props = bySubject.get(q.subject.value) ?? new Map();
      props.set(q.predicate.value, [...(props.get(q.predicate.value) ?? []), { value: q.object.value, datatype: q.object.datatype?.value }]);
      bySubject.set(q.subject.value, props);
    }
    const one = (subject: string, predicate: string) => {
      const values = bySubject.get(subject)?.get(predicate) ?? [];
      expect(values, `${subject} ${predicate}`).toHaveLength(1);
      return values[0]!;
    };

    const claims = await runCypher(
      driver,
      'MATCH (d:Document)-[:STATES]->(c:Claim)-[:EVIDENCED_BY]->(s:Sentence), (d)-[:PUBLISHED_BY]->(src:Source) RETURN c.id AS id, c.start AS start, c.end AS end, c.evidence AS evidence, d.id AS document, src.name AS publisher, s.text AS sentence, s.start AS sentenceStart, s.end AS sentenceEnd',
      {},
    );
    expect(claims).toHaveLength(source.nodes.Claim!);
    let inside = 0;
    for (const c of claims) {
      const claim = nodeIri({ labels: ['Claim'], key: String(c.id) });
      const document = nodeIri({ labels: ['Document'], key: String(c.document) });
      expect(bySubject.get(claim)?.get(RDF_TYPE)?.map((t) => t.value)).toEqual(expect.arrayContaining([`${PROV}Entity`, `${OA}Annotation`]));
      expect(one(claim, `${PROV}wasDerivedFrom`).value).toBe(document);
      expect(one(claim, `${PROV}wasAttributedTo`).value).toBe(nodeIri({ labels: ['Source'], key: String(c.publisher) }));
      const target = one(claim, `${OA}hasTarget`).value;
      expect(one(target, `${OA}hasSource`).value).toBe(document);
      const selectors = bySubject.get(target)!.get(`${OA}hasSelector`)!.map((s) => s.value);
      expect(selectors).toHaveLength(2);
      const position = selectors.find((s) => one(s, RDF_TYPE).value === `${OA}TextPositionSelector`)!;
      const quote = selectors.find((s) => one(s, RDF_TYPE).value === `${OA}TextQuoteSelector`)!;
      expect(one(position, `${OA}start`)).toEqual({ value: String(c.start), datatype: `${XSD}nonNegativeInteger` });
      expect(one(position, `${OA}end`).value).toBe(String(c.end));
      const exact = one(quote, `${OA}exact`).value;
      expect(exact).toBe(c.evidence);
      // The quote with its context is a stretch of the evidence sentence (for a claim inside it).
      if (Number(c.start) >= Number(c.sentenceStart) && Number(c.end) <= Number(c.sentenceEnd)) {
        expect(String(c.sentence)).toContain(one(quote, `${OA}prefix`).value + exact + one(quote, `${OA}suffix`).value);
        inside++;
      }
    }
    expect(inside).toBeGreaterThan(claims.length / 2);

    const documents = await runCypher(driver, 'MATCH (d:Document)-[:PUBLISHED_BY]->(s:Source) RETURN d.id AS id, d.publishedAt AS publishedAt, s.name AS publisher', {});
    for (const d of documents) {
      const iri = nodeIri({ labels: ['Document'], key: String(d.id) });
      expect(one(iri, `${PROV}wasAttributedTo`).value).toBe(nodeIri({ labels: ['Source'], key: String(d.publisher) }));
      if (d.publishedAt) expect(one(iri, `${PROV}generatedAtTime`).value).toBe(String(d.publishedAt));
    }
    const supported = quads.filter((q) => q.predicate.value === `${PROV}wasDerivedFrom` && q.subject.value.startsWith('urn:oversight:fact:'));
    expect(supported).toHaveLength(source.relationships.SUPPORTED_BY!);
  });

  it('GraphML parses with the graph\'s entities, facts, conflicts and their links', async () => {
    const out = join(work, 'graph.graphml');
    await exportGraph(neo4jReader(driver, PAGE), 'graphml', out);
    // graphology's types describe its CommonJS build; at run time the import is its ES module's class.
    const graph = parseGraphml(Graph as unknown as Parameters<typeof parseGraphml>[0], readFileSync(out, 'utf8'));

    const expected = async (cypher: string) => Number((await runCypher(driver, cypher, {}))[0]!.n);
    const nodes = await expected('MATCH (n) WHERE n:Entity OR n:Fact OR n:Conflict RETURN count(n) AS n');
    const about = await expected('MATCH (:Fact)-[r:ABOUT]->(:Entity) RETURN count(r) AS n');
    const disputes = await expected('MATCH (x:Conflict)-[:SIDE_A|SIDE_B]->(:Claim)<-[:SUPPORTED_BY]-(f:Fact) RETURN count(DISTINCT [x.id, f.id]) AS n');
    expect(nodes).toBeGreaterThan(0);
    expect(about).toBeGreaterThan(0);
    expect(graph.order).toBe(nodes);
    expect(graph.size).toBe(about + disputes);
    expect(graph.filterEdges((_e, a) => a.type === 'ABOUT')).toHaveLength(about);

    // Typed keys come back typed.
    const fact = (await runCypher(driver, 'MATCH (f:Fact) RETURN f.id AS id, f.corroboration AS corroboration, f.documentIds AS documentIds ORDER BY f.id LIMIT 1', {}))[0]!;
    const attrs = graph.getNodeAttributes(nodeIri({ labels: ['Fact'], key: String(fact.id) }));
    expect(attrs.corroboration).toBe(fact.corroboration);
    expect(JSON.parse(attrs.documentIds as string)).toEqual(fact.documentIds);
    expect(attrs.labels).toBe('Fact');
  });

  it('CSV loads into a new database with Neo4j\'s bulk importer: the same nodes, relationships and properties', async () => {
    const dir = join(work, 'csv');
    // Through the command, as a user runs it.
    const { uri, user, password } = inject('neo4j');
    const cli = spawnSync(process.execPath, [BIN, 'export', '--format', 'csv', '--out', dir, '--page-size', String(PAGE), '--json'], {
      encoding: 'utf8',
      env: { ...process.env, NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password },
      timeout: 180_000,
    });
    expect(cli.status, cli.stderr).toBe(0);
    const summary = JSON.parse(cli.stdout);
    expect(summary.warnings).toEqual([]);
    expect(summary.nodes).toEqual(source.nodes);
    expect(summary.relationships).toEqual(source.relationships);
    // Typed columns say how Neo4j holds each property: the reconciler's counts are JavaScript numbers, stored as floats.
    expect(readFileSync(join(dir, 'nodes-Fact.csv'), 'utf8').split('\n')[0]).toMatch(/^:ID,id:string,.*corroboration:(long|double),.*documentIds:string\[\],.*:LABEL$/);
    // Documents keep their block records in the graph, not in an export.
    expect((await runCypher(driver, 'MATCH (d:Document) WHERE d.blockRecord IS NULL RETURN count(d) AS n', {}))[0]!.n).toBe(0);
    expect(readFileSync(join(dir, 'nodes-Document.csv'), 'utf8')).not.toMatch(/blockRecord/);
    // Nor do facts' digests and the ids of the claims they link.
    expect((await runCypher(driver, 'MATCH (f:Fact) WHERE f.digest IS NOT NULL AND f.linkedClaims IS NOT NULL RETURN count(f) AS n', {}))[0]!.n).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'nodes-Fact.csv'), 'utf8').split('\n')[0]).not.toMatch(/digest|linkedClaims/);

    const home = join(work, 'imported');
    const imported = await runNeo4jAdmin(summary.importArguments, home, dir);
    expect(imported.code, imported.output.slice(-3000)).toBe(0);

    const server = await startLocalNeo4j({ dataDir: home });
    const copy = await openDriver(server.uri, server.user, server.password);
    try {
      expect(await counts(copy)).toEqual(source);
      const [before, after] = [await nodeDump(driver), await nodeDump(copy)];
      expect(after.size).toBe(before.size);
      for (const [iri, node] of before) expect(after.get(iri), iri).toBe(node);
    } finally {
      await copy.close();
      await server.stop();
    }
  }, 600_000); // a second Neo4j starts here: slow on a busy machine
});
