/**
 * The report's Cypher. Fixed text: values only ever travel as parameters. Who decided what comes
 * from the saved query graph/queries/who-decided-what.cypher, so the report and
 * `oversight query who-decided-what` always agree.
 */

export const COUNTS = `
CALL { MATCH (d:Document) RETURN count(d) AS documents }
CALL { MATCH (s:Source) RETURN count(s) AS sources }
CALL { MATCH (c:Claim) RETURN count(c) AS claims }
CALL { MATCH (f:Force) RETURN count(f) AS forces }
RETURN documents, sources, claims, forces`;

export const DOCUMENTS = `
MATCH (d:Document)
OPTIONAL MATCH (d)-[:PUBLISHED_BY]->(s:Source)
RETURN d.id AS id, coalesce(d.fileName, d.id) AS fileName, d.title AS title, d.url AS url,
       coalesce(s.name, d.publisher, 'Unknown publisher') AS publisher,
       coalesce(s.kind, d.sourceKind, 'other') AS sourceKind, d.publishedAt AS publishedAt
ORDER BY publisher, fileName`;

export const STAGE_EVENTS = `
MATCH (d:Document)-[:STATES]->(c:Claim {kind: 'stageEvent'})-[:ABOUT]->(f:Force)
MATCH (c)-[:EVIDENCED_BY]->(s:Sentence)
RETURN c.id AS claimId, f.name AS force, c.stage AS stage, c.change AS change, c.date AS date,
       c.datePrecision AS datePrecision, c.tense AS tense, d.id AS documentId, s.text AS evidence
ORDER BY force, coalesce(c.date, d.publishedAt, '9999'), change, claimId`;

// Each side: what it says (the reconciliation's words), its document, and every claim behind it
// with its span and the sentence it lies in, for highlighting.
export const CONFLICTS = `
MATCH (x:Conflict)
RETURN coalesce(x.id, elementId(x)) AS id, x.kind AS kind, x.subject AS subject, x.force AS force,
       {documentId: x.documentA, value: x.valueA, publisher: x.publisherA, fileName: x.fileA, publishedAt: x.publishedAtA,
        claims: [(x)-[:SIDE_A]->(c:Claim)-[:EVIDENCED_BY]->(s:Sentence) |
                 {claimId: c.id, documentId: c.documentId, evidence: c.evidence, start: c.start, end: c.end,
                  sentenceId: s.id, sentence: s.text, sentenceStart: s.start}]} AS a,
       {documentId: x.documentB, value: x.valueB, publisher: x.publisherB, fileName: x.fileB, publishedAt: x.publishedAtB,
        claims: [(x)-[:SIDE_B]->(c:Claim)-[:EVIDENCED_BY]->(s:Sentence) |
                 {claimId: c.id, documentId: c.documentId, evidence: c.evidence, start: c.start, end: c.end,
                  sentenceId: s.id, sentence: s.text, sentenceStart: s.start}]} AS b
ORDER BY force, subject, kind, id`;

export const HAS_FACTS = 'MATCH (f:Fact) RETURN count(f) > 0 AS any';

// Reconciled facts: the properties are the reconciliation's own, so the label is made in TypeScript.
export const FACT_SOURCES = `
MATCH (f:Fact)-[:SUPPORTED_BY]->(:Claim)<-[:STATES]-(d:Document)
OPTIONAL MATCH (d)-[:PUBLISHED_BY]->(s:Source)
WITH f, coalesce(s.name, d.publisher, 'Unknown publisher') AS publisher,
     coalesce(s.kind, d.sourceKind, 'other') AS kind, count(DISTINCT d) AS documents
ORDER BY publisher
WITH f, collect({publisher: publisher, kind: kind, documents: documents}) AS sources
RETURN properties(f) AS props, sources`;

// Without reconciliation: the stage-event and decision claims about each force's stage change.
export const CLAIM_SOURCES = `
MATCH (d:Document)-[:STATES]->(c:Claim)-[r:ABOUT|FORCE]->(f:Force)
WHERE (c.kind = 'stageEvent' AND type(r) = 'ABOUT') OR (c.kind = 'decision' AND type(r) = 'FORCE')
OPTIONAL MATCH (d)-[:PUBLISHED_BY]->(s:Source)
WITH f.name AS force, c.stage AS stage, c.change AS change,
     coalesce(s.name, d.publisher, 'Unknown publisher') AS publisher,
     coalesce(s.kind, d.sourceKind, 'other') AS kind, count(DISTINCT d) AS documents
ORDER BY publisher
WITH force, stage, change, collect({publisher: publisher, kind: kind, documents: documents}) AS sources
RETURN force, stage, change, sources
ORDER BY force, stage, change`;
