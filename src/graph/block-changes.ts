// What it takes to bring a force block's facts and conflicts in the graph to a
// new reconciliation of the block, by difference: facts that stay keep their
// node and their links, and only the links that came or went are written. A
// large graph's stage-event fact links a claim of every document about the
// event; deleting and writing it again for each new document cost as much as
// the rest of an ingest together. Pure.
import type { ConflictRow, FactRow } from './write-reconciled.ts';

/** A force block's facts and conflicts as the graph holds them. */
export interface StoredBlock {
  facts: ReadonlyMap<string, StoredFact>;
  conflicts: ReadonlyMap<string, StoredConflict>;
}

export interface StoredFact {
  /** The digest of its properties (null: none kept, so it is written again). */
  digest: string | null;
  /** The current claims it links (SUPPORTED_BY). */
  claims: ReadonlySet<string>;
  /** It also links claims of an earlier version of a document: those links go. */
  stale: boolean;
  /**
   * The ids of the claims it was written with, as kept (`linkedClaims`; null: none kept). Its
   * unions changed if these did, even when the links that went went with their claims.
   */
  linked: string | null;
}

export interface StoredConflict {
  props: Readonly<Record<string, unknown>>;
  /** Ids of the claims of each side; an earlier version's claim (not current) as null. */
  claimsA: ReadonlyArray<string | null>;
  claimsB: ReadonlyArray<string | null>;
}

export interface BlockChanges {
  /** Facts no longer there. */
  removeFacts: string[];
  /** Links of facts that stay to claims they no longer rest on (`claims`), and to earlier versions' claims (`stale`). */
  unlink: Array<{ id: string; claims: string[]; stale: boolean }>;
  /** Fact rows to write: a new fact whole, a changed one with its properties and only the links it gains. */
  facts: FactRow[];
  /** Conflicts no longer there, or changed (written again whole: a conflict links a few claims). */
  removeConflicts: string[];
  conflicts: ConflictRow[];
}

/** The changes that turn `stored` into the rows of a new reconciliation of the same block. */
export function blockChanges(stored: StoredBlock, rows: { facts: readonly FactRow[]; conflicts: readonly ConflictRow[] }): BlockChanges {
  const out: BlockChanges = { removeFacts: [], unlink: [], facts: [], removeConflicts: [], conflicts: [] };
  const factIds = new Set(rows.facts.map((r) => r.id));
  for (const id of stored.facts.keys()) if (!factIds.has(id)) out.removeFacts.push(id);
  for (const row of rows.facts) {
    const before = stored.facts.get(row.id);
    if (!before) {
      out.facts.push(row);
      continue;
    }
    const wanted = new Set(row.claimIds);
    const gone = [...before.claims].filter((id) => !wanted.has(id));
    const added = row.claimIds.filter((id) => !before.claims.has(id));
    if (gone.length > 0 || before.stale) out.unlink.push({ id: row.id, claims: gone, stale: before.stale });
    // The digest leaves out the unions (documents, kinds, words), which change only with the claims.
    if (added.length > 0 || before.linked !== row.props.linkedClaims || before.digest === null || before.digest !== row.props.digest) out.facts.push({ ...row, claimIds: added });
  }
  const conflictIds = new Set(rows.conflicts.map((r) => r.id));
  for (const id of stored.conflicts.keys()) if (!conflictIds.has(id)) out.removeConflicts.push(id);
  for (const row of rows.conflicts) {
    const before = stored.conflicts.get(row.id);
    if (before && sameProps(before.props, row.props) && sameIds(before.claimsA, row.claimsA) && sameIds(before.claimsB, row.claimsB)) continue;
    if (before) out.removeConflicts.push(row.id);
    out.conflicts.push(row);
  }
  return out;
}

/** Same properties, a null one being an absent one (Neo4j keeps no nulls). */
function sameProps(stored: Readonly<Record<string, unknown>>, row: Readonly<Record<string, unknown>>): boolean {
  for (const key of new Set([...Object.keys(stored), ...Object.keys(row)])) {
    if (JSON.stringify(stored[key] ?? null) !== JSON.stringify(row[key] ?? null)) return false;
  }
  return true;
}

function sameIds(stored: ReadonlyArray<string | null>, row: readonly string[]): boolean {
  const wanted = new Set(row);
  return stored.length === wanted.size && stored.every((id) => id !== null && wanted.has(id));
}
