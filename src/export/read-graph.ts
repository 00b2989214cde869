/**
 * Pulls what an export needs from Neo4j in bounded pages: never the whole graph in one result.
 * Nodes are paged by their unique key (an index-backed range, so each page costs the same however
 * deep into the graph it is); relationships by the key of their start node.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { plain } from '../graph/queries.ts';
import {
  INTERNAL_PROPERTIES,
  NODE_KINDS,
  kindOf,
  propertyTypeOf,
  type ClaimContext,
  type GraphNode,
  type GraphRelationship,
  type NodeKind,
  type PropertySchema,
  type PropertyType,
  type PropertyValue,
} from './model.ts';

export const DEFAULT_PAGE_SIZE = 1000;

/** The reads an export makes; the Neo4j one is below, tests may give another. */
export interface GraphReader {
  nodeSchema(): Promise<PropertySchema>;
  relationshipSchema(): Promise<PropertySchema>;
  nodes(kind: NodeKind): AsyncIterable<GraphNode[]>;
  /** Outgoing relationships of the kind's nodes, to nodes of any exported kind. */
  relationships(kind: NodeKind): AsyncIterable<GraphRelationship[]>;
  claimContexts(): AsyncIterable<ClaimContext[]>;
  /** Conflict -> Fact pairs: the facts whose supporting claims are on a side of the conflict. */
  disputedFacts(): AsyncIterable<{ conflictId: string; factId: string }[]>;
  /** Document -> the version it replaced (REVISION_OF), for documents that have one. */
  revisions(): AsyncIterable<{ documentId: string; previousId: string }[]>;
}

// Labels and keys come from NODE_KINDS (fixed names, never user input); values are parameters.
const esc = (name: string) => `\`${name.replace(/`/g, '``')}\``;

/** The key of any exported node `v`, by its kind. */
const keyOf = (v: string) => `CASE ${NODE_KINDS.map((k) => `WHEN ${v}:${esc(k.label)} THEN ${v}.${esc(k.key)}`).join(' ')} END`;

export function neo4jReader(driver: Driver, pageSize = DEFAULT_PAGE_SIZE): GraphReader {
  const read = async (cypher: string, params: Record<string, unknown>) =>
    (await driver.executeQuery(cypher, params, { routing: 'READ' })).records.map((r) => plain(r.toObject()) as Record<string, unknown>);

  /** Pages of `cypher` (it filters on $after and returns `cursor` per row, ascending), until a short page. LIMIT takes an integer: a JavaScript number would travel as a float. */
  async function* pages(cypher: string, limit = pageSize): AsyncIterable<Record<string, unknown>[]> {
    let after: string | null = null;
    for (;;) {
      const rows = await read(cypher, { after, limit: neo4j.int(Math.trunc(limit)) });
      if (rows.length === 0) return;
      yield rows;
      after = String(rows[rows.length - 1]!.cursor);
      if (rows.length < limit) return;
    }
  }

  async function schema(procedure: string, nameColumn: string): Promise<PropertySchema> {
    const rows = await read(`CALL ${procedure}() YIELD ${nameColumn}, propertyName, propertyTypes RETURN ${nameColumn} AS owner, propertyName, propertyTypes`, {});
    const out: PropertySchema = new Map();
    for (const row of rows) {
      if (row.propertyName === null || INTERNAL_PROPERTIES.has(String(row.propertyName))) continue;
      const owners = Array.isArray(row.owner) ? kindLabels(row.owner as string[]) : [String(row.owner).replace(/^:`?|`$/g, '')];
      for (const owner of owners) {
        const props = out.get(owner) ?? new Map<string, PropertyType>();
        const seen = props.get(String(row.propertyName));
        const types = [...(row.propertyTypes as string[])];
        // The same property on several label combinations: one type for all, or string.
        props.set(String(row.propertyName), seen ? propertyTypeOf([...types, ...typesBack(seen)]) : propertyTypeOf(types));
        out.set(owner, props);
      }
    }
    return out;
  }

  return {
    nodeSchema: () => schema('db.schema.nodeTypeProperties', 'nodeLabels'),
    relationshipSchema: () => schema('db.schema.relTypeProperties', 'relType'),

    async *nodes(kind) {
      const cypher = `MATCH (n:${esc(kind.label)}) WHERE ($after IS NULL OR n.${esc(kind.key)} > $after)${kind.where ? ` AND ${kind.where}` : ''}
        RETURN n.${esc(kind.key)} AS cursor, labels(n) AS labels, properties(n) AS props ORDER BY cursor LIMIT $limit`;
      for await (const rows of pages(cypher)) {
        yield rows.map((r) => ({ labels: r.labels as string[], key: String(r.cursor), props: props(r.props) }));
      }
    },

    async *relationships(kind) {
      // One row per start node at least (OPTIONAL), so the cursor moves past nodes without relationships.
      const cypher = `MATCH (a:${esc(kind.label)}) WHERE $after IS NULL OR a.${esc(kind.key)} > $after
        WITH a ORDER BY a.${esc(kind.key)} LIMIT $limit
        OPTIONAL MATCH (a)-[r]->(b)
        RETURN a.${esc(kind.key)} AS cursor, labels(a) AS startLabels, type(r) AS type, labels(b) AS endLabels, ${keyOf('b')} AS endKey, properties(r) AS props
        ORDER BY cursor, type, endKey`;
      // A page holds `limit` start nodes with all their relationships: its rows are bounded by the page
      // size times the largest degree (a document's sentences and claims), never by the graph's size.
      for await (const rows of startNodePages(cypher)) {
        yield rows
          .filter((r) => r.type !== null && r.endKey !== null && kindOf(r.endLabels as string[]) !== undefined)
          .map((r) => ({
            type: String(r.type),
            start: { labels: r.startLabels as string[], key: String(r.cursor) },
            end: { labels: r.endLabels as string[], key: String(r.endKey) },
            props: props(r.props),
          }));
      }
    },

    async *claimContexts() {
      const cypher = `MATCH (c:Claim) WHERE $after IS NULL OR c.id > $after
        WITH c ORDER BY c.id LIMIT $limit
        OPTIONAL MATCH (d:Document)-[:STATES]->(c)
        OPTIONAL MATCH (d)-[:PUBLISHED_BY]->(src:Source)
        OPTIONAL MATCH (c)-[:EVIDENCED_BY]->(s:Sentence)
        WITH c, head(collect(d.id)) AS documentId, head(collect(src.name)) AS publisher, head(collect(s)) AS s
        RETURN c.id AS cursor, labels(c) AS labels, properties(c) AS props, documentId, publisher, s.start AS sentenceStart, s.text AS sentenceText
        ORDER BY cursor`;
      for await (const rows of pages(cypher)) {
        yield rows.map((r) => ({
          labels: r.labels as string[],
          key: String(r.cursor),
          props: props(r.props),
          documentId: (r.documentId as string | null) ?? null,
          publisher: (r.publisher as string | null) ?? null,
          sentenceStart: (r.sentenceStart as number | null) ?? null,
          sentenceText: (r.sentenceText as string | null) ?? null,
        }));
      }
    },

    async *disputedFacts() {
      const cypher = `MATCH (x:Conflict) WHERE $after IS NULL OR x.id > $after
        WITH x ORDER BY x.id LIMIT $limit
        OPTIONAL MATCH (x)-[:SIDE_A|SIDE_B]->(:Claim)<-[:SUPPORTED_BY]-(f:Fact)
        WITH x, collect(DISTINCT f.id) AS facts
        RETURN x.id AS cursor, facts ORDER BY cursor`;
      for await (const rows of pages(cypher)) {
        yield rows.flatMap((r) => (r.facts as string[]).sort().map((factId) => ({ conflictId: String(r.cursor), factId })));
      }
    },

    async *revisions() {
      const cypher = `MATCH (d:Document) WHERE $after IS NULL OR d.id > $after
        WITH d ORDER BY d.id LIMIT $limit
        OPTIONAL MATCH (d)-[:REVISION_OF]->(p:SupersededDocument)
        WITH d, collect(p.id) AS previous
        RETURN d.id AS cursor, previous ORDER BY cursor`;
      for await (const rows of pages(cypher)) {
        yield rows.flatMap((r) => (r.previous as string[]).sort().map((previousId) => ({ documentId: String(r.cursor), previousId })));
      }
    },
  };

  /** Like `pages`, for queries that return several rows per start node: the page is full when it has `limit` distinct start nodes. */
  async function* startNodePages(cypher: string): AsyncIterable<Record<string, unknown>[]> {
    let after: string | null = null;
    for (;;) {
      const rows = await read(cypher, { after, limit: neo4j.int(Math.trunc(pageSize)) });
      if (rows.length === 0) return;
      yield rows;
      const starts = new Set(rows.map((r) => r.cursor));
      after = String(rows[rows.length - 1]!.cursor);
      if (starts.size < pageSize) return;
    }
  }
}

/** The labels of a label combination that name an exported kind (`[Entity, Force]` -> `[Force]`). */
function kindLabels(labels: string[]): string[] {
  return NODE_KINDS.filter((k) => labels.includes(k.label)).map((k) => k.label);
}

/** Neo4j type names of an export type, to merge with another label combination's. */
function typesBack(t: PropertyType): string[] {
  const base = { string: 'String', long: 'Long', double: 'Double', boolean: 'Boolean' }[t.type];
  return [t.array ? `${base}Array` : base];
}

function props(value: unknown): Record<string, PropertyValue> {
  const out: Record<string, PropertyValue> = {};
  for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>)) {
    if (v !== null && v !== undefined && !INTERNAL_PROPERTIES.has(k)) out[k] = v as PropertyValue;
  }
  return out;
}
