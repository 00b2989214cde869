// Where sources disagree: each conflict with both sides' values, documents and evidence sentences.
// @param force  a force's canonical name, or null for all
MATCH (x:Conflict)-[:SIDE_A]->(a:Claim)-[:EVIDENCED_BY]->(sa:Sentence),
      (x)-[:SIDE_B]->(b:Claim)-[:EVIDENCED_BY]->(sb:Sentence),
      (da:Document)-[:STATES]->(a), (db:Document)-[:STATES]->(b)
WHERE $force IS NULL OR x.force = $force
RETURN x.subject AS subject, x.kind AS kind, x.valueA AS valueA, x.valueB AS valueB,
       da.fileName AS documentA, da.publisher AS publisherA, sa.text AS evidenceA,
       db.fileName AS documentB, db.publisher AS publisherB, sb.text AS evidenceB
ORDER BY subject, kind, documentA, documentB
