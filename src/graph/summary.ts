import type { Driver } from 'neo4j-driver';
import { runCypher } from './queries.ts';

export interface GraphSummary {
  documents: number;
  /** Earlier versions of documents kept as history (not counted in `documents`). */
  earlierVersions: number;
  sentences: number;
  claims: number;
  entities: Record<string, number>;
  claimsByKind: Record<string, number>;
}

/** Counts of what the graph holds, for the end-of-run summary. */
export async function graphSummary(driver: Driver): Promise<GraphSummary> {
  const [counts] = await runCypher(
    driver,
    `CALL { MATCH (d:Document) RETURN count(d) AS documents }
     CALL { MATCH (d:SupersededDocument) RETURN count(d) AS earlierVersions }
     CALL { MATCH (s:Sentence) RETURN count(s) AS sentences }
     CALL { MATCH (c:Claim) RETURN count(c) AS claims }
     RETURN documents, earlierVersions, sentences, claims`,
    {},
  );
  const entities: Record<string, number> = {};
  for (const label of ['Force', 'Person', 'Organisation'] as const) {
    const [row] = await runCypher(driver, `MATCH (e:${label}) RETURN count(e) AS n`, {});
    entities[label] = Number(row?.n ?? 0);
  }
  const byKind = await runCypher(driver, 'MATCH (c:Claim) RETURN c.kind AS kind, count(*) AS n ORDER BY kind', {});
  return {
    documents: Number(counts?.documents ?? 0),
    earlierVersions: Number(counts?.earlierVersions ?? 0),
    sentences: Number(counts?.sentences ?? 0),
    claims: Number(counts?.claims ?? 0),
    entities,
    claimsByKind: Object.fromEntries(byKind.map((r) => [String(r.kind), Number(r.n)])),
  };
}
