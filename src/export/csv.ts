/**
 * CSV in the header format of Neo4j's bulk importer (`neo4j-admin database import full`): one
 * nodes file per label and one relationships file per type. Every node's `:ID` is its export IRI,
 * one ID space for the whole graph, so a relationship file may join any two kinds (ABOUT goes from
 * claims and from facts). Pure: rows in, lines out.
 */
import { nodeIri, type GraphNode, type GraphRelationship, type PropertyType, type PropertyValue } from './model.ts';

/** The importer's default array delimiter; the import command below states it anyway. */
export const ARRAY_DELIMITER = ';';

export const nodesFileName = (label: string) => `nodes-${label}.csv`;
export const relationshipsFileName = (type: string) => `relationships-${type}.csv`;

const header = (name: string, t: PropertyType) => `${name}:${t.type}${t.array ? '[]' : ''}`;

export function nodesHeader(columns: readonly [string, PropertyType][]): string {
  return [':ID', ...columns.map(([name, t]) => quoteIfNeeded(header(name, t))), ':LABEL'].join(',');
}

export function relationshipsHeader(columns: readonly [string, PropertyType][]): string {
  return [':START_ID', ':END_ID', ':TYPE', ...columns.map(([name, t]) => quoteIfNeeded(header(name, t)))].join(',');
}

export function nodeLine(node: GraphNode, columns: readonly [string, PropertyType][]): string {
  return [quote(nodeIri(node)), ...columns.map(([name, t]) => field(node.props[name], t)), quote([...node.labels].sort().join(ARRAY_DELIMITER))].join(',');
}

export function relationshipLine(rel: GraphRelationship, columns: readonly [string, PropertyType][]): string {
  return [quote(nodeIri(rel.start)), quote(nodeIri(rel.end)), quote(rel.type), ...columns.map(([name, t]) => field(rel.props[name], t))].join(',');
}

/**
 * Array items that contain the delimiter: the importer has no escape for it, so such an item
 * would come back split in two. Counted so the export can say so.
 */
export function delimiterClashes(props: Record<string, PropertyValue>): number {
  let n = 0;
  for (const v of Object.values(props)) if (Array.isArray(v)) n += v.filter((x) => String(x).includes(ARRAY_DELIMITER)).length;
  return n;
}

/**
 * A value in its column's type. Absent is an empty unquoted field (no property); strings are
 * always quoted, so an empty string stays an empty string.
 */
function field(value: PropertyValue | undefined, t: PropertyType): string {
  if (value === undefined) return '';
  if (t.array) {
    const items = Array.isArray(value) ? value : [value];
    return quote(items.map(String).join(ARRAY_DELIMITER));
  }
  if (Array.isArray(value)) return quote(value.join(ARRAY_DELIMITER));
  return t.type === 'string' ? quote(String(value)) : String(value);
}

/** RFC 4180 quoting, which the importer reads: quotes doubled; line breaks allowed with --multiline-fields. */
function quote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

function quoteIfNeeded(s: string): string {
  return /[",\n\r]/.test(s) ? quote(s) : s;
}

/**
 * The arguments of `neo4j-admin database import full` for the files written (relative to the
 * CSV folder): multiline fields, since evidence and sentence text can span lines.
 */
export function importArguments(nodeFiles: readonly string[], relationshipFiles: readonly string[], database = 'neo4j'): string[] {
  return [
    'database',
    'import',
    'full',
    ...nodeFiles.map((f) => `--nodes=${f}`),
    ...relationshipFiles.map((f) => `--relationships=${f}`),
    // After the file lists: a file option takes every word up to the next option as another file.
    `--array-delimiter=${ARRAY_DELIMITER}`,
    '--multiline-fields=true',
    database,
  ];
}
