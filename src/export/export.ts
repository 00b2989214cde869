/**
 * `oversight export`: reads the graph page by page (read-graph.ts), turns each page into the
 * format's text (csv.ts, graphml.ts, jsonld.ts, all pure) and streams it to files. Memory stays
 * at one page however large the graph is. A JSON-LD or GraphML file is written beside its target
 * and renamed into place at the end, so a failed export never leaves half a file under its name.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { delimiterClashes, importArguments, nodeLine, nodesFileName, nodesHeader, relationshipLine, relationshipsFileName, relationshipsHeader } from './csv.ts';
import { GRAPHML_FOOTER, GRAPHML_NODE_LABELS, graphmlEdge, graphmlHeader, graphmlNode, graphmlNodeKeys } from './graphml.ts';
import { JSONLD_CLOSING, JSONLD_NODE_LABELS, jsonLdClaim, jsonLdNode, jsonLdOpening, jsonLdRelationship, jsonLdRevision, type JsonLdObject } from './jsonld.ts';
import { ENTITY_LABELS, NODE_KINDS, columnsOf, kindOf, type NodeKind, type PropertyType } from './model.ts';
import type { GraphReader } from './read-graph.ts';

export const EXPORT_FORMATS = ['jsonld', 'graphml', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportSummary {
  format: ExportFormat;
  /** The file written, or for CSV the folder. */
  out: string;
  /** Files written (CSV: names inside `out`). */
  files: string[];
  /** Nodes written per label, relationships (edges, statements) per type. */
  nodes: Record<string, number>;
  relationships: Record<string, number>;
  warnings: string[];
  /** CSV: the arguments of `neo4j-admin` that load the folder into an empty database. */
  importArguments?: string[];
}

const kind = (label: string): NodeKind => NODE_KINDS.find((k) => k.label === label)!;
const bump = (counts: Record<string, number>, key: string, n = 1) => (counts[key] = (counts[key] ?? 0) + n);

export async function exportGraph(reader: GraphReader, format: ExportFormat, out: string): Promise<ExportSummary> {
  const target = resolve(out);
  const summary: ExportSummary = { format, out: target, files: [], nodes: {}, relationships: {}, warnings: [] };
  if (format === 'csv') await exportCsv(reader, target, summary);
  else await writeReplacing(target, (file) => (format === 'jsonld' ? exportJsonLd(reader, file, summary) : exportGraphml(reader, file, summary)));
  if (format !== 'csv') summary.files = [target];
  return summary;
}

async function exportCsv(reader: GraphReader, dir: string, summary: ExportSummary): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const [nodeSchema, relSchema] = [await reader.nodeSchema(), await reader.relationshipSchema()];
  const nodeFiles: string[] = [];
  const relFiles: string[] = [];
  let clashes = 0;
  for (const k of NODE_KINDS) {
    const columns = columnsOf(nodeSchema, k.label, k.key);
    let file: TextFile | null = null;
    for await (const page of reader.nodes(k)) {
      if (!file) {
        file = new TextFile(join(dir, nodesFileName(k.label)));
        nodeFiles.push(nodesFileName(k.label));
        await file.write(`${nodesHeader(columns)}\n`);
      }
      await file.write(page.map((n) => `${nodeLine(n, columns)}\n`).join(''));
      clashes += page.reduce((sum, n) => sum + delimiterClashes(n.props), 0);
      bump(summary.nodes, k.label, page.length);
    }
    await file?.close();
  }
  // One file per relationship type, opened when its first relationship comes.
  const relWriters = new Map<string, { file: TextFile; columns: [string, PropertyType][] }>();
  try {
    for (const k of NODE_KINDS) {
      for await (const page of reader.relationships(k)) {
        for (const rel of page) {
          let w = relWriters.get(rel.type);
          if (!w) {
            w = { file: new TextFile(join(dir, relationshipsFileName(rel.type))), columns: columnsOf(relSchema, rel.type) };
            relWriters.set(rel.type, w);
            relFiles.push(relationshipsFileName(rel.type));
            await w.file.write(`${relationshipsHeader(w.columns)}\n`);
          }
          await w.file.write(`${relationshipLine(rel, w.columns)}\n`);
          clashes += delimiterClashes(rel.props);
          bump(summary.relationships, rel.type);
        }
      }
    }
  } finally {
    for (const w of relWriters.values()) await w.file.close();
  }
  relFiles.sort();
  summary.files = [...nodeFiles, ...relFiles];
  summary.importArguments = importArguments(nodeFiles, relFiles);
  if (clashes) summary.warnings.push(`${clashes} array item(s) contain ';', the importer's array delimiter: each comes back split there`);
}

async function exportGraphml(reader: GraphReader, file: TextFile, summary: ExportSummary): Promise<void> {
  const schema = await reader.nodeSchema();
  const properties = new Map<string, PropertyType>();
  for (const label of GRAPHML_NODE_LABELS) {
    for (const [name, t] of columnsOf(schema, label)) {
      const seen = properties.get(name);
      // One key per property name: the same name with two types is a string.
      properties.set(name, seen && (seen.type !== t.type || seen.array !== t.array) ? { type: 'string', array: false } : t);
    }
  }
  const keys = graphmlNodeKeys([...properties.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  await file.write(graphmlHeader(keys));
  for (const label of GRAPHML_NODE_LABELS) {
    for await (const page of reader.nodes(kind(label))) {
      await file.write(page.map((n) => graphmlNode(n, keys)).join(''));
      bump(summary.nodes, label, page.length);
    }
  }
  for await (const page of reader.relationships(kind('Fact'))) {
    const about = page.filter((r) => r.type === 'ABOUT' && ENTITY_LABELS.has(kindOf(r.end.labels)?.label ?? ''));
    await file.write(about.map((r) => graphmlEdge(r.start, r.type, r.end)).join(''));
    bump(summary.relationships, 'ABOUT', about.length);
  }
  for await (const page of reader.disputedFacts()) {
    await file.write(page.map((p) => graphmlEdge({ labels: ['Conflict'], key: p.conflictId }, 'DISPUTES', { labels: ['Fact'], key: p.factId })).join(''));
    bump(summary.relationships, 'DISPUTES', page.length);
  }
  await file.write(GRAPHML_FOOTER);
}

async function exportJsonLd(reader: GraphReader, file: TextFile, summary: ExportSummary): Promise<void> {
  await file.write(jsonLdOpening());
  let first = true;
  const write = async (objects: JsonLdObject[]) => {
    if (objects.length === 0) return;
    const text = objects.map((o) => `    ${JSON.stringify(o)}`).join(',\n');
    await file.write(first ? text : `,\n${text}`);
    first = false;
  };
  for (const label of JSONLD_NODE_LABELS) {
    for await (const page of reader.nodes(kind(label))) {
      await write(page.map(jsonLdNode));
      bump(summary.nodes, label, page.length);
    }
    // Claims after their documents, with what their annotations need.
    if (label === 'Document') {
      for await (const page of reader.claimContexts()) {
        await write(page.map(jsonLdClaim));
        bump(summary.nodes, 'Claim', page.length);
      }
    }
  }
  for (const label of ['Document', 'Claim', 'Fact', 'Conflict']) {
    for await (const page of reader.relationships(kind(label))) {
      const statements = page.flatMap((r) => {
        const o = jsonLdRelationship(r);
        if (o) bump(summary.relationships, r.type);
        return o ? [o] : [];
      });
      await write(statements);
    }
  }
  for await (const page of reader.revisions()) {
    await write(page.map((r) => jsonLdRevision(r.documentId, r.previousId)));
    bump(summary.relationships, 'REVISION_OF', page.length);
  }
  await file.write(JSONLD_CLOSING);
}

/** Writes through `work` to a file beside `target`, renamed onto it only when all went well. */
async function writeReplacing(target: string, work: (file: TextFile) => Promise<void>): Promise<void> {
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  const file = new TextFile(partial);
  try {
    await work(file);
    await file.close();
    renameSync(partial, target);
  } catch (err) {
    await file.close().catch(() => {});
    rmSync(partial, { force: true });
    throw err;
  }
}

/** A UTF-8 file written in order, waiting when the disk falls behind (so memory stays bounded). */
class TextFile {
  private readonly stream: WriteStream;
  private closed = false;
  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
  }
  async write(text: string): Promise<void> {
    if (text && !this.stream.write(text)) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
