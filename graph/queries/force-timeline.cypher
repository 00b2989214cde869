// The monitoring stage timeline of a force: every claimed entry and exit, with date, source and evidence.
// @param force  a force's canonical name, or null for all forces
MATCH (d:Document)-[:STATES]->(c:Claim {kind: 'stageEvent'})-[:ABOUT]->(f:Force)
WHERE $force IS NULL OR f.name = $force
MATCH (c)-[:EVIDENCED_BY]->(s:Sentence)
RETURN f.name AS force, c.stage AS stage, c.change AS change, c.date AS date, c.datePrecision AS precision,
       d.fileName AS document, d.publisher AS publisher, d.publishedAt AS published, s.text AS evidence
ORDER BY force, coalesce(c.date, d.publishedAt, '9999'), change, document
