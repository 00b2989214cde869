// Every claim one document makes, in text order, with its evidence and character span.
// @param document  the document's file name, key (url) or id
MATCH (d:Document)
WHERE d.fileName = $document OR d.key = $document OR d.id = $document
MATCH (d)-[:STATES]->(c:Claim)-[:EVIDENCED_BY]->(s:Sentence)
OPTIONAL MATCH (c)-[:ABOUT]->(subject:Entity)
RETURN c.kind AS kind, subject.name AS subject, c.predicate AS predicate, c.value AS value,
       c.start AS start, c.end AS end, c.evidence AS evidence, s.index AS sentence, c.extractor AS extractor
ORDER BY c.start, c.end, kind
