/**
 * GraphML of the reconciled graph for graph tools (Gephi, yEd, networkx, graphology): entities,
 * facts and conflicts as nodes; a fact's ABOUT its entity and a conflict's DISPUTES of the facts
 * its two sides support as edges. Every property has a typed <key>; arrays, which GraphML has no
 * type for, are JSON strings. Pure: rows in, XML text out.
 */
import { nodeIri, type GraphNode, type NodeRef, type PropertyType, type PropertyValue } from './model.ts';

/** The node kinds a GraphML export holds. */
export const GRAPHML_NODE_LABELS = ['Force', 'Person', 'Organisation', 'Fact', 'Conflict'] as const;

/** What a graph tool shows as a node's name, by the first property a node has. */
const DISPLAY_PROPERTIES = ['name', 'subject', 'id', 'key'];

export interface GraphmlKey {
  id: string;
  name: string;
  type: 'string' | 'long' | 'double' | 'boolean';
}

/** Keys for nodes: the Neo4j labels, a display label, then every property of the exported kinds. */
export function graphmlNodeKeys(properties: readonly [string, PropertyType][]): GraphmlKey[] {
  return [
    { id: 'labels', name: 'labels', type: 'string' },
    { id: 'label', name: 'label', type: 'string' },
    ...properties.map(([name, t]) => ({ id: `p_${name}`, name, type: t.array ? ('string' as const) : t.type })),
  ];
}

export function graphmlHeader(nodeKeys: readonly GraphmlKey[]): string {
  const keys = [
    ...nodeKeys.map((k) => `  <key id="${xml(k.id)}" for="node" attr.name="${xml(k.name)}" attr.type="${k.type}"/>`),
    '  <key id="type" for="edge" attr.name="type" attr.type="string"/>',
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...keys,
    '  <graph id="oversight" edgedefault="directed">',
    '',
  ].join('\n');
}

export const GRAPHML_FOOTER = '  </graph>\n</graphml>\n';

export function graphmlNode(node: GraphNode, nodeKeys: readonly GraphmlKey[]): string {
  const display = DISPLAY_PROPERTIES.map((p) => node.props[p]).find((v) => v !== undefined) ?? node.key;
  const data = [
    `<data key="labels">${xml([...node.labels].sort().join(';'))}</data>`,
    `<data key="label">${xml(String(display))}</data>`,
    ...nodeKeys
      .filter((k) => k.id.startsWith('p_') && node.props[k.name] !== undefined)
      .map((k) => `<data key="${xml(k.id)}">${xml(value(node.props[k.name]!))}</data>`),
  ];
  return `    <node id="${xml(nodeIri(node))}">${data.join('')}</node>\n`;
}

export function graphmlEdge(start: NodeRef, type: string, end: NodeRef): string {
  const source = nodeIri(start);
  const target = nodeIri(end);
  return `    <edge id="${xml(`${source} ${type} ${target}`)}" source="${xml(source)}" target="${xml(target)}"><data key="type">${xml(type)}</data></edge>\n`;
}

function value(v: PropertyValue): string {
  return Array.isArray(v) ? JSON.stringify(v) : String(v);
}

/** Escapes for text and attributes; drops the control characters XML 1.0 cannot hold. */
function xml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
