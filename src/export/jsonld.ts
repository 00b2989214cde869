/**
 * JSON-LD of the graph's provenance: publishers, documents, claims, entities, stages, facts and
 * conflicts, in W3C PROV-O terms (a claim `wasDerivedFrom` its document and `wasAttributedTo` its
 * publisher; a fact `wasDerivedFrom` every claim that states it) and, for every claim, a W3C Web
 * Annotation target: its document with a TextPositionSelector (start, end) and a
 * TextQuoteSelector (exact, prefix, suffix). Sentences are left out: each claim's selectors carry
 * its words and their context. Pure: rows in, JSON objects out.
 */
import { BASE_IRI, nodeIri, type ClaimContext, type GraphNode, type GraphRelationship, type PropertyValue } from './model.ts';

/** The node kinds a JSON-LD export holds, in the order they are written. */
export const JSONLD_NODE_LABELS = ['Source', 'Document', 'Force', 'Person', 'Organisation', 'Stage', 'Fact', 'Conflict'] as const;

/** Characters of context a TextQuoteSelector gives on each side (the Web Annotation suggestion). */
export const QUOTE_CONTEXT = 32;

export const VOCAB = `${BASE_IRI}vocab:`;

/** Relationship types as terms of the context; types not listed here are not in the JSON-LD. */
const RELATIONSHIP_TERMS: Record<string, string> = {
  PUBLISHED_BY: 'wasAttributedTo',
  SUPPORTED_BY: 'wasDerivedFrom',
  ABOUT: 'about',
  ACTOR: 'actorEntity',
  FORCE: 'forceEntity',
  SPEAKER: 'speakerEntity',
  STAGE: 'atStage',
  SIDE_A: 'sideA',
  SIDE_B: 'sideB',
};

const link = (iri: string) => ({ '@id': iri, '@type': '@id' });

/**
 * The context: standard vocabularies by their usual prefixes, PROV and Web Annotation terms by
 * their short names, and the project's own properties (`kind`, `corroboration`, ...) under
 * `urn:oversight:vocab:`. Inline, so no processor needs the network to read the file.
 */
export const JSONLD_CONTEXT = {
  '@vocab': VOCAB,
  ov: VOCAB,
  prov: 'http://www.w3.org/ns/prov#',
  oa: 'http://www.w3.org/ns/oa#',
  dcterms: 'http://purl.org/dc/terms/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  wasDerivedFrom: link('prov:wasDerivedFrom'),
  wasAttributedTo: link('prov:wasAttributedTo'),
  wasRevisionOf: link('prov:wasRevisionOf'),
  generatedAtTime: { '@id': 'prov:generatedAtTime' },
  title: 'dcterms:title',
  Annotation: 'oa:Annotation',
  SpecificResource: 'oa:SpecificResource',
  TextPositionSelector: 'oa:TextPositionSelector',
  TextQuoteSelector: 'oa:TextQuoteSelector',
  target: link('oa:hasTarget'),
  source: link('oa:hasSource'),
  selector: link('oa:hasSelector'),
  start: { '@id': 'oa:start', '@type': 'xsd:nonNegativeInteger' },
  end: { '@id': 'oa:end', '@type': 'xsd:nonNegativeInteger' },
  exact: 'oa:exact',
  prefix: 'oa:prefix',
  suffix: 'oa:suffix',
  ...Object.fromEntries(
    Object.values(RELATIONSHIP_TERMS)
      .filter((t) => t !== 'wasAttributedTo' && t !== 'wasDerivedFrom')
      .map((t) => [t, link(`ov:${t}`)]),
  ),
} as const;

/** Terms the context gives a meaning of their own: a graph property of the same name goes under `ov:`. */
const RESERVED = new Set(Object.keys(JSONLD_CONTEXT));

const TYPES: Record<string, string[]> = {
  Source: ['prov:Agent', 'prov:Organization', 'Source'],
  Document: ['prov:Entity', 'Document'],
  Claim: ['prov:Entity', 'Annotation', 'Claim'],
  Force: ['prov:Organization', 'Entity', 'Force'],
  Organisation: ['prov:Organization', 'Entity', 'Organisation'],
  Person: ['prov:Person', 'Entity', 'Person'],
  Stage: ['Stage'],
  Fact: ['prov:Entity', 'Fact'],
  Conflict: ['Conflict'],
};

export type JsonLdObject = Record<string, unknown>;

/** A node as a JSON-LD object: its IRI, types and properties; a document's publication time as prov:generatedAtTime. */
export function jsonLdNode(node: GraphNode): JsonLdObject {
  const label = JSONLD_NODE_LABELS.find((l) => node.labels.includes(l)) ?? node.labels[0]!;
  const out: JsonLdObject = { '@id': nodeIri(node), '@type': TYPES[label] ?? [label], ...properties(node.props) };
  if (label === 'Document' && typeof node.props.publishedAt === 'string') out.generatedAtTime = timeLiteral(node.props.publishedAt);
  return out;
}

/** A claim: PROV links to its document and publisher, and the annotation target with both selectors. */
export function jsonLdClaim(claim: ClaimContext): JsonLdObject {
  const { start, end, evidence, documentId: _documentId, ...rest } = claim.props;
  const iri = nodeIri(claim);
  const out: JsonLdObject = { '@id': iri, '@type': TYPES.Claim, ...properties(rest) };
  if (claim.documentId !== null) {
    const document = nodeIri({ labels: ['Document'], key: claim.documentId });
    out.wasDerivedFrom = document;
    if (claim.publisher !== null) out.wasAttributedTo = nodeIri({ labels: ['Source'], key: claim.publisher });
    if (typeof start === 'number' && typeof end === 'number') {
      const exact = typeof evidence === 'string' ? evidence : '';
      out.target = {
        '@id': `${iri}#target`,
        '@type': 'SpecificResource',
        source: document,
        selector: [
          { '@id': `${iri}#position`, '@type': 'TextPositionSelector', start, end },
          { '@id': `${iri}#quote`, '@type': 'TextQuoteSelector', exact, ...quoteContext(start, end, claim.sentenceStart, claim.sentenceText) },
        ],
      };
    }
  }
  return out;
}

/**
 * A document's earlier version: prov:wasRevisionOf the version it replaced. That version is not
 * in the export (it holds the current graph), but its IRI names it, as `oversight history` does.
 */
export function jsonLdRevision(documentId: string, previousId: string): JsonLdObject {
  return { '@id': nodeIri({ labels: ['Document'], key: documentId }), wasRevisionOf: nodeIri({ labels: ['Document'], key: previousId }) };
}

/** A relationship as a statement about its start node, or null for types the JSON-LD leaves out. */
export function jsonLdRelationship(rel: GraphRelationship): JsonLdObject | null {
  const term = RELATIONSHIP_TERMS[rel.type];
  return term ? { '@id': nodeIri(rel.start), [term]: nodeIri(rel.end) } : null;
}

/**
 * Prefix and suffix from the evidence sentence: up to QUOTE_CONTEXT characters on each side, cut
 * at the sentence's edges. A side is left out (both are optional in the model) when the sentence
 * is unknown or the claim reaches past it on that side.
 */
export function quoteContext(start: number, end: number, sentenceStart: number | null, sentenceText: string | null): { prefix?: string; suffix?: string } {
  if (sentenceStart === null || sentenceText === null) return {};
  const from = start - sentenceStart;
  const to = end - sentenceStart;
  const inside = (i: number) => i >= 0 && i <= sentenceText.length;
  return {
    ...(inside(from) ? { prefix: sentenceText.slice(Math.max(0, from - QUOTE_CONTEXT), from) } : {}),
    ...(inside(to) ? { suffix: sentenceText.slice(to, to + QUOTE_CONTEXT) } : {}),
  };
}

function properties(props: Record<string, PropertyValue>): JsonLdObject {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [RESERVED.has(k) || k.startsWith('@') ? `ov:${k}` : k, v]));
}

/** A date as xsd:date, a date and time as xsd:dateTime: the precision the source gave. */
function timeLiteral(value: string): { '@value': string; '@type': string } {
  return { '@value': value, '@type': /T\d/.test(value) ? 'xsd:dateTime' : 'xsd:date' };
}

/** The opening of the JSON-LD file: the context, then the @graph array the objects go in. */
export function jsonLdOpening(): string {
  return `{\n  "@context": ${JSON.stringify(JSONLD_CONTEXT, null, 2).replace(/\n/g, '\n  ')},\n  "@graph": [\n`;
}

export const JSONLD_CLOSING = '\n  ]\n}\n';
