// Where sources disagree: each conflict side by side, with both values, documents, publishers, dates and evidence sentences.
// @param force  a force's canonical name, or null for all
// @param kind  a conflict kind (date, actor, stage, areas, count, purpose, other), or null for all
MATCH (x:Conflict)
WHERE ($force IS NULL OR x.force = $force) AND ($kind IS NULL OR x.kind = $kind)
CALL (x) {
  MATCH (x)-[:SIDE_A]->(c:Claim)-[:EVIDENCED_BY]->(s:Sentence), (d:Document)-[:STATES]->(c)
  WITH d, s ORDER BY s.index
  RETURN d AS da, collect(DISTINCT s.text) AS evidenceA
}
CALL (x) {
  MATCH (x)-[:SIDE_B]->(c:Claim)-[:EVIDENCED_BY]->(s:Sentence), (d:Document)-[:STATES]->(c)
  WITH d, s ORDER BY s.index
  RETURN d AS db, collect(DISTINCT s.text) AS evidenceB
}
RETURN x.subject AS subject, x.kind AS kind, x.confidence AS confidence, x.rule AS rule,
       x.valueA AS valueA, da.fileName AS documentA, da.publisher AS publisherA, da.publishedAt AS dateA, evidenceA,
       x.valueB AS valueB, db.fileName AS documentB, db.publisher AS publisherB, db.publishedAt AS dateB, evidenceB
ORDER BY CASE confidence WHEN 'high' THEN 0 WHEN 'low' THEN 1 ELSE 2 END, subject, kind, documentA, documentB
