/**
 * What an export reads from the graph: nodes of the model's kinds (graph/README.md), their
 * relationships, and the property types Neo4j reports for each kind. Shared by the reader and
 * the pure formatters; nothing here does I/O.
 */

/** A node kind of the graph model: its label and the unique key property that names a node. */
export interface NodeKind {
  label: string;
  key: string;
  /** A fixed Cypher condition on `n` the exported nodes of this kind meet (none: all of them). */
  where?: string;
}

/**
 * Properties the pipeline keeps for itself, never exported: a document's block record (a copy of
 * its claims), and a fact's digest of its properties and the ids of the claims it links (its
 * SUPPORTED_BY relationships say the same).
 */
export const INTERNAL_PROPERTIES: ReadonlySet<string> = new Set(['blockRecord', 'digest', 'linkedClaims']);

/**
 * Every kind of node an export carries, in the order files and sections are written. Entities
 * are exported under their own label (each also carries `Entity`). The reconciliation lock node
 * is bookkeeping, not data, and is left out.
 */
export const NODE_KINDS: readonly NodeKind[] = [
  { label: 'Source', key: 'name' },
  { label: 'Document', key: 'id' },
  // Exports carry the current graph: a sentence only earlier versions of a document held stays out with them.
  { label: 'Sentence', key: 'id', where: 'EXISTS { (n)<-[:HAS_SENTENCE]-(:Document) }' },
  { label: 'Claim', key: 'id' },
  { label: 'Force', key: 'key' },
  { label: 'Person', key: 'key' },
  { label: 'Organisation', key: 'key' },
  { label: 'Stage', key: 'name' },
  { label: 'Fact', key: 'id' },
  { label: 'Conflict', key: 'id' },
];

/** Entity kinds: their keys already say what they are (`force:cleveland-police`). */
export const ENTITY_LABELS: ReadonlySet<string> = new Set(['Force', 'Person', 'Organisation']);

/** Base of every exported identifier: the same node has the same IRI in every format and export. */
export const BASE_IRI = 'urn:oversight:';

/** A property value as exported: Neo4j integers are already plain numbers, temporals strings. */
export type PropertyValue = string | number | boolean | string[] | number[] | boolean[];

export interface NodeRef {
  labels: string[];
  key: string;
}

export interface GraphNode extends NodeRef {
  props: Record<string, PropertyValue>;
}

export interface GraphRelationship {
  type: string;
  start: NodeRef;
  end: NodeRef;
  props: Record<string, PropertyValue>;
}

/** The scalar types an export distinguishes; arrays are `string[]` and so on. */
export type ScalarType = 'string' | 'long' | 'double' | 'boolean';
export interface PropertyType {
  type: ScalarType;
  array: boolean;
}

/** Property name -> type, per node label or relationship type. */
export type PropertySchema = Map<string, Map<string, PropertyType>>;

/** A claim with what its annotation needs: the document, its publisher and the evidence sentence. */
export interface ClaimContext extends GraphNode {
  documentId: string | null;
  publisher: string | null;
  sentenceStart: number | null;
  sentenceText: string | null;
}

/** The kind a node belongs to: the first kind of the model whose label it carries. */
export function kindOf(labels: readonly string[]): NodeKind | undefined {
  return NODE_KINDS.find((k) => labels.includes(k.label));
}

/**
 * A node's stable IRI under BASE_IRI: entities by their key (`urn:oversight:force:cleveland-police`),
 * every other node by its kind and key (`urn:oversight:claim:4f2a...`). Characters an IRI cannot
 * hold are percent-encoded; colons are kept, they separate the parts.
 */
export function nodeIri(ref: NodeRef): string {
  const kind = kindOf(ref.labels);
  if (!kind) throw new Error(`no export kind for labels ${ref.labels.join(':')}`);
  const local = ENTITY_LABELS.has(kind.label) ? ref.key : `${kind.label.toLowerCase()}:${ref.key}`;
  return BASE_IRI + encodeURIComponent(local).replace(/%3A/gi, ':');
}

/**
 * Neo4j's names for property types (db.schema.nodeTypeProperties) as export types. A property
 * stored with different types on different nodes is exported as a string.
 */
export function propertyTypeOf(neo4jTypes: readonly string[]): PropertyType {
  const parsed = neo4jTypes.map((t) => {
    const array = t.endsWith('Array');
    const base = array ? t.slice(0, -'Array'.length) : t;
    const type: ScalarType = base === 'Long' || base === 'Integer' ? 'long' : base === 'Double' || base === 'Float' ? 'double' : base === 'Boolean' ? 'boolean' : 'string';
    return { type, array };
  });
  const first = parsed[0];
  if (!first || parsed.some((p) => p.type !== first.type || p.array !== first.array)) return { type: 'string', array: parsed.some((p) => p.array) };
  return first;
}

/** Property names of a label or type in a stable order: the key first, then alphabetical. */
export function columnsOf(schema: PropertySchema, name: string, key?: string): [string, PropertyType][] {
  const props = [...(schema.get(name) ?? new Map<string, PropertyType>()).entries()];
  return props.sort(([a], [b]) => (a === key ? -1 : b === key ? 1 : a < b ? -1 : a > b ? 1 : 0));
}
