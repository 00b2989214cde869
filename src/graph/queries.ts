import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j, { type Driver } from 'neo4j-driver';

export const QUERIES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'graph', 'queries');

export interface SavedQuery {
  name: string;
  description: string;
  params: Array<{ name: string; description: string }>;
  cypher: string;
}

/** Saved queries: graph/queries/NAME.cypher, described by their leading comments. */
export function listSavedQueries(dir: string = QUERIES_DIR): SavedQuery[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort()
    .map((f) => parseSavedQuery(f.replace(/\.cypher$/, ''), readFileSync(join(dir, f), 'utf8')));
}

export function parseSavedQuery(name: string, cypher: string): SavedQuery {
  const comments = cypher.split('\n').filter((l) => l.startsWith('//')).map((l) => l.replace(/^\/\/\s?/, ''));
  const params = comments
    .map((l) => /^@param\s+(\w+)\s*(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[1]!, description: m[2]! }));
  const description = comments.filter((l) => !l.startsWith('@param')).join(' ').trim();
  return { name, description, params, cypher };
}

export function savedQuery(name: string, dir: string = QUERIES_DIR): SavedQuery {
  const q = listSavedQueries(dir).find((x) => x.name === name);
  if (!q) {
    const names = listSavedQueries(dir).map((x) => x.name).join(', ');
    throw new UsageError(`no saved query '${name}'. Saved queries: ${names}`);
  }
  return q;
}

export class UsageError extends Error {}

export type Row = Record<string, unknown>;

/**
 * Runs Cypher with parameters. Read-only unless `write` is set: the server
 * refuses a write inside a read transaction, so a pasted query cannot change the graph by accident.
 */
export async function runCypher(driver: Driver, cypher: string, params: Record<string, unknown>, options: { write?: boolean } = {}): Promise<Row[]> {
  const session = driver.session({ defaultAccessMode: options.write ? neo4j.session.WRITE : neo4j.session.READ });
  try {
    const work = async (tx: { run: (q: string, p: Record<string, unknown>) => PromiseLike<{ records: Array<{ keys: PropertyKey[]; get: (k: PropertyKey) => unknown }> }> }) => {
      const result = await tx.run(cypher, params);
      return result.records.map((r) => Object.fromEntries(r.keys.map((k) => [String(k), plain(r.get(k))])));
    };
    return options.write ? await session.executeWrite(work) : await session.executeRead(work);
  } finally {
    await session.close();
  }
}

/** Saved query parameters: every declared one defaults to null, values given as k=v strings. */
export function queryParams(query: SavedQuery, given: Record<string, string>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const p of query.params) params[p.name] = null;
  for (const [k, v] of Object.entries(given)) {
    if (!query.params.some((p) => p.name === k)) {
      throw new UsageError(`query '${query.name}' has no parameter '${k}'. It takes: ${query.params.map((p) => p.name).join(', ') || 'none'}`);
    }
    params[k] = v;
  }
  return params;
}

/** Neo4j values to plain JSON-able values. */
export function plain(value: unknown): unknown {
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('labels' in v && 'properties' in v) return { labels: v.labels, ...(plain(v.properties) as object) };
    if ('type' in v && 'properties' in v && 'start' in v) return { type: v.type, ...(plain(v.properties) as object) };
    if (typeof (v as { toString?: unknown }).toString === 'function' && 'year' in v && 'month' in v) return String(value);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  }
  return value;
}
