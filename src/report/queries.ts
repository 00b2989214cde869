/**
 * The report's Cypher. Fixed text: values only ever travel as parameters. Every query counts in
 * Neo4j and returns at most a few documents per point, decision, conflict or publisher, so what
 * Node reads (and the page shows) grows with forces and events, not with documents.
 */

/** Publisher kinds as a rank, inspectorate first (the order of timeline.ts KIND_ORDER). */
const KIND_RANK = (kind: string) =>
  `CASE ${kind} WHEN 'inspectorate' THEN 0 WHEN 'government' THEN 1 WHEN 'police' THEN 2 WHEN 'press' THEN 3 ELSE 4 END`;
const KINDS = "['inspectorate', 'government', 'police', 'press', 'other']";
const PUBLISHER = "coalesce(s.name, d.publisher, 'Unknown publisher')";
const KIND = "coalesce(s.kind, d.sourceKind, 'other')";
const DOCUMENT = (d: string, publisher: string, kind: string) =>
  `{id: ${d}.id, fileName: coalesce(${d}.fileName, ${d}.id), title: ${d}.title, url: ${d}.url, publisher: ${publisher}, sourceKind: ${kind}, publishedAt: ${d}.publishedAt}`;

export const COUNTS = `
CALL { MATCH (d:Document) RETURN count(d) AS documents }
CALL { MATCH (s:Source) RETURN count(s) AS sources }
CALL { MATCH (c:Claim) RETURN count(c) AS claims }
CALL { MATCH (f:Force) RETURN count(f) AS forces }
RETURN documents, sources, claims, forces`;

export const PUBLISHERS = `
MATCH (d:Document)
OPTIONAL MATCH (d)-[:PUBLISHED_BY]->(s:Source)
WITH ${PUBLISHER} AS publisher, ${KIND} AS kind, count(d) AS documents, min(d.publishedAt) AS first, max(d.publishedAt) AS last
RETURN publisher, kind, documents, first, last
ORDER BY ${KIND_RANK('kind')}, documents DESC, publisher`;

export const RECENT_DOCUMENTS = `
MATCH (d:Document)
WITH d ORDER BY coalesce(d.publishedAt, '') DESC, d.fileName LIMIT $limit
OPTIONAL MATCH (d)-[:PUBLISHED_BY]->(s:Source)
RETURN ${DOCUMENT('d', PUBLISHER, KIND)} AS document
ORDER BY coalesce(document.publishedAt, '') DESC, document.fileName`;

/** Stage-event claims counted by force, stage, change and date; undated ones by publication date. */
export const STAGE_EVENT_GROUPS = `
MATCH (d:Document)-[:STATES]->(c:Claim {kind: 'stageEvent'})-[:ABOUT]->(f:Force)
WITH f.name AS force, c.stage AS stage, c.change AS change, c.date AS date, c.datePrecision AS datePrecision,
     CASE WHEN c.date IS NULL THEN d.publishedAt END AS published, count(DISTINCT d) AS documents
RETURN force, stage, change, date, datePrecision, published, documents
ORDER BY force, stage, change, date, published`;

/**
 * The documents behind each timeline point ($points: key, force, stage, change, dates,
 * published, none): all counted by kind and publisher, the first $perKind of each kind listed
 * with their claims' dates and evidence.
 */
export const POINT_SOURCES = `
UNWIND $points AS p
CALL (p) {
  MATCH (d:Document)-[:STATES]->(c:Claim {kind: 'stageEvent', stage: p.stage, change: p.change})-[:ABOUT]->(:Force {name: p.force})
  WHERE c.date IN p.dates OR (c.date IS NULL AND (d.publishedAt IN p.published OR (p.none AND d.publishedAt IS NULL)))
  OPTIONAL MATCH (d)-[:PUBLISHED_BY]->(s:Source)
  WITH d, ${PUBLISHER} AS publisher, ${KIND} AS kind, collect(c) AS claims
  RETURN d, publisher, kind, claims
  ORDER BY ${KIND_RANK('kind')}, publisher, coalesce(d.fileName, d.id)
}
WITH p, collect({d: d, publisher: publisher, kind: kind, claims: claims}) AS docs
CALL (docs) {
  UNWIND docs AS x
  WITH x.publisher AS publisher, x.kind AS kind, count(*) AS documents
  RETURN collect({publisher: publisher, kind: kind, documents: documents}) AS publishers
}
RETURN p.key AS key, size(docs) AS documents, publishers,
       [k IN ${KINDS} | {kind: k, documents: size([x IN docs WHERE x.kind = k])}] AS byKind,
       [x IN reduce(acc = [], k IN ${KINDS} | acc + [x IN docs WHERE x.kind = k][0..$perKind]) |
        {document: ${DOCUMENT('x.d', 'x.publisher', 'x.kind')},
         claims: [c IN x.claims | {date: c.date, datePrecision: c.datePrecision, tense: c.tense,
                                   evidence: [(c)-[:EVIDENCED_BY]->(sentence:Sentence) | sentence.text][0]}]}] AS sample
`;

/**
 * Who decided, recommended or announced which stage change: the matching of the saved query
 * graph/queries/who-decided-what.cypher, counted per force, change, actor and act, with the
 * first $quotes quotations (inspectorate first) and the first $dates distinct dates.
 */
export const DECISION_GROUPS = `
MATCH (d:Document)-[:STATES]->(c:Claim {kind: 'decision'})-[:ACTOR]->(actor:Entity)
MATCH (c)-[:FORCE]->(f:Force)
MATCH (c)-[:EVIDENCED_BY]->(sentence:Sentence)
OPTIONAL MATCH (d)-[:STATES]->(e:Claim {kind: 'stageEvent', stage: c.stage, change: c.change})-[:ABOUT]->(f)
WITH actor, c, f, sentence, d, [x IN collect(e.date) WHERE x IS NOT NULL] AS dates
OPTIONAL MATCH (d)-[:PUBLISHED_BY]->(s:Source)
WITH f.name AS force, c.change + ' ' + c.stage AS stageChange, actor.name AS actor, c.act AS act,
     coalesce(dates[0], d.publishedAt) AS date, sentence.text AS evidence, d, ${PUBLISHER} AS publisher, ${KIND} AS kind
ORDER BY ${KIND_RANK('kind')}, publisher, d.fileName
WITH force, stageChange, actor, act,
     count(DISTINCT d) AS documents,
     collect(DISTINCT [kind, d.id]) AS kindDocs,
     collect(DISTINCT date) AS allDates,
     collect({evidence: evidence, document: coalesce(d.fileName, d.id), publisher: publisher, kind: kind, url: d.url}) AS quotes
WITH force, stageChange, actor, act, documents, kindDocs, quotes,
     [x IN allDates WHERE x IS NOT NULL] AS allDates
CALL (allDates) {
  UNWIND allDates AS x
  WITH x ORDER BY x
  RETURN collect(x) AS sortedDates
}
RETURN force, stageChange, actor, act, documents,
       [k IN ${KINDS} | {kind: k, documents: size([x IN kindDocs WHERE x[0] = k])}] AS byKind,
       sortedDates[0..$dates] AS dates, CASE WHEN size(sortedDates) > $dates THEN size(sortedDates) - $dates ELSE 0 END AS moreDates,
       quotes[0..$quotes] AS quotes
ORDER BY force, stageChange, actor, act`;

// A side's document, from the graph when it is still there.
const SIDE = (side: 'A' | 'B', rel: string) => `{documentId: x.document${side}, value: x.value${side}, publisher: x.publisher${side}, fileName: x.file${side}, publishedAt: x.publishedAt${side},
        document: COLLECT { MATCH (dx:Document {id: x.document${side}}) OPTIONAL MATCH (dx)-[:PUBLISHED_BY]->(sx:Source)
                            RETURN {id: dx.id, fileName: coalesce(dx.fileName, dx.id), title: dx.title, url: dx.url,
                                    publisher: coalesce(sx.name, dx.publisher, 'Unknown publisher'),
                                    sourceKind: coalesce(sx.kind, dx.sourceKind, 'other'), publishedAt: dx.publishedAt} LIMIT 1 }[0],
        claims: [(x)-[:${rel}]->(c:Claim)-[:EVIDENCED_BY]->(s:Sentence) |
                 {claimId: c.id, documentId: c.documentId, evidence: c.evidence, start: c.start, end: c.end,
                  sentenceId: s.id, sentence: s.text, sentenceStart: s.start}]}`;

/** Conflicts counted per force, subject and kind; the first $perGroup of each shown side by side. */
export const CONFLICT_GROUPS = `
MATCH (x:Conflict)
WITH x ORDER BY coalesce(x.id, elementId(x))
WITH x.force AS force, x.subject AS subject, x.kind AS kind, count(x) AS total, collect(x)[0..$perGroup] AS shown
UNWIND shown AS x
WITH force, subject, kind, total, x
RETURN force, subject, kind, total,
       collect({id: coalesce(x.id, elementId(x)), kind: x.kind, subject: x.subject, force: x.force,
                a: ${SIDE('A', 'SIDE_A')},
                b: ${SIDE('B', 'SIDE_B')}}) AS shown
ORDER BY force, subject, kind`;

export const HAS_FACTS = 'MATCH (f:Fact) RETURN count(f) > 0 AS any';

// Reconciled facts: the properties are the reconciliation's own, so the label is made in TypeScript.
export const FACT_SOURCES = `
MATCH (f:Fact)-[:SUPPORTED_BY]->(:Claim)<-[:STATES]-(d:Document)
OPTIONAL MATCH (d)-[:PUBLISHED_BY]->(s:Source)
WITH f, ${PUBLISHER} AS publisher, ${KIND} AS kind, count(DISTINCT d) AS documents
ORDER BY publisher
WITH f, collect({publisher: publisher, kind: kind, documents: documents}) AS sources
RETURN properties(f) AS props, sources`;

// Without reconciliation: the stage-event and decision claims about each force's stage change.
export const CLAIM_SOURCES = `
MATCH (d:Document)-[:STATES]->(c:Claim)-[r:ABOUT|FORCE]->(f:Force)
WHERE (c.kind = 'stageEvent' AND type(r) = 'ABOUT') OR (c.kind = 'decision' AND type(r) = 'FORCE')
OPTIONAL MATCH (d)-[:PUBLISHED_BY]->(s:Source)
WITH f.name AS force, c.stage AS stage, c.change AS change,
     ${PUBLISHER} AS publisher, ${KIND} AS kind, count(DISTINCT d) AS documents
ORDER BY publisher
WITH force, stage, change, collect({publisher: publisher, kind: kind, documents: documents}) AS sources
RETURN force, stage, change, sources
ORDER BY force, stage, change`;
