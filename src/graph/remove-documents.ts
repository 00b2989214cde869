/**
 * Removing documents from the graph: which documents a user's PATH, URL or ID names, what
 * removing them takes with it, and the removal itself, made of the same steps ingest uses to
 * replace a changed document (write-graph.ts), so both leave the same graph behind.
 */
import type { Driver } from 'neo4j-driver';
import { plain } from './queries.ts';
import { previousReferences, removeDocumentsByKey, removeOrphans } from './write-graph.ts';

/** How a user names documents: an id, a URL, a path (as ingested, or resolved), or a folder. */
export interface DocumentTarget {
  /** What the user wrote, for messages. */
  given: string;
  /** Exact values matched against a document's id, key, url and path. */
  values: string[];
  /** Folder prefixes (ending in '/'): every document whose path starts with one is named. */
  folders: string[];
}

export interface DocumentToRemove {
  id: string;
  key: string;
  path: string;
  url: string | null;
  fileName: string;
  title: string | null;
  sentences: number;
  claims: number;
  /** Earlier versions kept as history: they go too. */
  earlierVersions: number;
}

export interface RemovalPlan {
  documents: DocumentToRemove[];
  /** Entities only these documents' claims refer to: they go too. */
  entities: { key: string; name: string }[];
  /** Sources only these documents were published by. */
  sources: string[];
}

// Earlier versions are matched only when asked (history): removal names current documents.
const FIND = `
UNWIND $targets AS t
MATCH (d)
WHERE (d:Document OR ($earlierVersions AND d:SupersededDocument))
  AND (d.id IN t.values OR d.key IN t.values OR d.url IN t.values OR d.path IN t.values
       OR any(prefix IN t.folders WHERE d.path STARTS WITH prefix))
RETURN DISTINCT t.given AS given, d.key AS key
ORDER BY key`;

const DESCRIBE = `
UNWIND $keys AS key
MATCH (d:Document {key: key})
RETURN d.id AS id, d.key AS key, d.path AS path, d.url AS url, d.fileName AS fileName, d.title AS title,
       COUNT { (d)-[:HAS_SENTENCE]->(:Sentence) } AS sentences, COUNT { (d)-[:STATES]->(:Claim) } AS claims,
       COUNT { (:SupersededDocument {key: key}) } AS earlierVersions
ORDER BY d.path, d.key`;

// Earlier versions name no entity (their claims keep names as properties): only current claims count.
const ORPHANED_ENTITIES = `
MATCH (d:Document)-[:STATES]->(:Claim)-->(e:Entity)
WHERE d.key IN $keys
WITH DISTINCT e
WHERE NOT EXISTS { MATCH (e)<--(:Claim)<-[:STATES]-(other:Document) WHERE NOT other.key IN $keys }
RETURN e.key AS key, e.name AS name
ORDER BY key`;

const ORPHANED_SOURCES = `
MATCH (d:Document|SupersededDocument)-[:PUBLISHED_BY]->(s:Source)
WHERE d.key IN $keys
WITH DISTINCT s
WHERE NOT EXISTS { MATCH (s)<-[:PUBLISHED_BY]-(other:Document|SupersededDocument) WHERE NOT other.key IN $keys }
RETURN s.name AS name
ORDER BY name`;

/** The keys of the documents each target names (with `earlierVersions`, also by an earlier version's id or path); a target naming none maps to []. */
export async function findDocuments(driver: Driver, targets: readonly DocumentTarget[], options: { earlierVersions?: boolean } = {}): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>(targets.map((t) => [t.given, []]));
  const params = { targets: targets.map((t) => ({ given: t.given, values: t.values, folders: t.folders })), earlierVersions: options.earlierVersions ?? false };
  const result = await driver.executeQuery(FIND, params, { routing: 'READ' });
  for (const r of result.records) {
    const keys = found.get(r.get('given') as string)!;
    const key = r.get('key') as string;
    if (!keys.includes(key)) keys.push(key);
  }
  return found;
}

/** What removing the documents with these keys would take away. Changes nothing. */
export async function planRemoval(driver: Driver, keys: readonly string[]): Promise<RemovalPlan> {
  const session = driver.session({ defaultAccessMode: 'READ' });
  try {
    return await session.executeRead(async (tx) => {
      const documents = (await tx.run(DESCRIBE, { keys })).records.map((r) => plain(r.toObject()) as DocumentToRemove);
      const entities = (await tx.run(ORPHANED_ENTITIES, { keys })).records.map((r) => ({ key: r.get('key') as string, name: r.get('name') as string }));
      const sources = (await tx.run(ORPHANED_SOURCES, { keys })).records.map((r) => r.get('name') as string);
      return { documents, entities, sources };
    });
  } finally {
    await session.close();
  }
}

/**
 * Deletes the documents with these keys, their sentences and claims, and the entities, stages and
 * sources nothing else refers to, in one transaction: a document goes whole or not at all.
 * Facts and conflicts are then out of date: reconcile after (pipelines/remove.ts does).
 */
export async function removeDocuments(driver: Driver, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  const session = driver.session();
  try {
    await session.executeWrite(async (tx) => {
      const refs = await previousReferences(tx, keys, { allVersions: true });
      await removeDocumentsByKey(tx, keys);
      await removeOrphans(tx, refs);
    });
  } finally {
    await session.close();
  }
}
