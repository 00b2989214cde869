// The monitoring stage timeline as it could be known on a day: every entry and exit claimed by the
// documents published on or before it (documents with no publication date are left out), with the
// date each claims, its source and evidence. Compare with force-timeline to see what came out later.
// @param date  a day, YYYY-MM-DD (default: today)
// @param force  a force's canonical name, or null for all forces
WITH coalesce($date, toString(date())) AS day
MATCH (d:Document)-[:STATES]->(c:Claim {kind: 'stageEvent'})-[:ABOUT]->(f:Force)
WHERE d.publishedAt IS NOT NULL AND substring(d.publishedAt, 0, 10) <= day AND ($force IS NULL OR f.name = $force)
MATCH (c)-[:EVIDENCED_BY]->(s:Sentence)
RETURN f.name AS force, c.stage AS stage, c.change AS change, c.date AS date, c.datePrecision AS precision,
       d.publishedAt AS published, d.fileName AS document, d.publisher AS publisher, s.text AS evidence
ORDER BY force, coalesce(c.date, d.publishedAt), change, document
