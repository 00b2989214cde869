// Which forces were in Engage on a day, from the reconciled stage events: each spell that had begun
// by then and had not ended, with its entry and exit dates, whether sources dispute them, and the
// documents behind each. Dates keep their precision: an entry in "2019" counts from 1 January 2019,
// an exit in "2023-09" is not yet over until that month is.
// @param date  a day, YYYY-MM-DD (default: today)
WITH coalesce($date, toString(date())) AS day
MATCH (entered:Fact {kind: 'stageEvent', stage: 'Engage', change: 'entered'})
WHERE entered.date IS NOT NULL AND entered.date <= day
OPTIONAL MATCH (exited:Fact {kind: 'stageEvent', stage: 'Engage', change: 'exited', force: entered.force, episode: entered.episode})
WITH day, entered, exited
// An exit dated only to the month or year of the day has not certainly happened by then.
WHERE exited IS NULL OR exited.date IS NULL OR exited.date > day OR day STARTS WITH exited.date
CALL (entered, exited) {
  MATCH (d:Document)
  WHERE d.id IN entered.documentIds OR (exited IS NOT NULL AND d.id IN exited.documentIds)
  RETURN collect(DISTINCT d.fileName) AS documents
}
RETURN entered.force AS force, entered.episode AS episode, entered.date AS enteredOn,
       coalesce(entered.dateDisputed, false) AS entryDisputed,
       exited.date AS exitedOn, coalesce(exited.dateDisputed, false) AS exitDisputed,
       CASE WHEN exited IS NULL THEN 'no exit reported'
            WHEN exited.date IS NULL THEN 'exit reported, undated'
            WHEN day STARTS WITH exited.date THEN 'exit in the same period as the day'
            ELSE 'exit after the day' END AS status,
       documents
ORDER BY force, episode
