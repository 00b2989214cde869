// Who decided, recommended or announced which stage change, with the sentence that says so.
// @param force  a force's canonical name, or null for all forces
MATCH (d:Document)-[:STATES]->(c:Claim {kind: 'decision'})-[:ACTOR]->(actor:Entity)
MATCH (c)-[:FORCE]->(f:Force)
MATCH (c)-[:EVIDENCED_BY]->(s:Sentence)
WHERE $force IS NULL OR f.name = $force
OPTIONAL MATCH (d)-[:STATES]->(e:Claim {kind: 'stageEvent', stage: c.stage, change: c.change})-[:ABOUT]->(f)
WITH actor, c, f, s, d, [x IN collect(e.date) WHERE x IS NOT NULL] AS dates
RETURN actor.name AS actor, c.act AS act, f.name AS force, c.change + ' ' + c.stage AS stageChange,
       coalesce(dates[0], d.publishedAt) AS date, s.text AS evidence, d.fileName AS document, d.publisher AS publisher, d.url AS url
ORDER BY force, stageChange, actor, act, document
