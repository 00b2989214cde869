// Scoring of cross-document conflicts against conflicts.gold.json. Pure: no I/O.
//
// A system conflict is correct when it links the same two documents (in either
// order) with the same kind as a gold conflict; each gold conflict is matched at
// most once. A system conflict left unmatched that links the same documents with
// the same kind as a gold *agreement* is a false positive (as every unmatched one
// is) and is also counted in falseAgreements: the number of gold agreements the
// system reported as conflicts, each agreement counted at most once.
import type { ConflictsGold, GoldAgreement, GoldConflict } from './gold.ts';
import { matchOneToOne, ratios, type Ratios } from './score.ts';

export interface SystemConflictInput {
  docs: readonly [string, string];
  kind: string;
  subject?: string;
  a?: string;
  b?: string;
}

export interface ConflictsScore extends Ratios {
  correct: number;
  reported: number;
  gold: number;
  falseAgreements: number;
  /** Gold conflicts no system conflict matched. */
  misses: GoldConflict[];
  /** System conflicts that matched no gold conflict (including those that are gold agreements). */
  falseHits: SystemConflictInput[];
  /** The gold agreements that false hits reported as conflicts. */
  agreementsReported: Array<{ system: SystemConflictInput; agreement: GoldAgreement }>;
}

/**
 * The document's file name as conflicts name it: folders dropped, ".txt" and
 * case ignored, so "dev/Met-2025-01-HMICFRS" = "met-2025-01-hmicfrs.txt".
 */
export function docKey(doc: string): string {
  const base = doc.trim().split(/[\\/]/).pop() ?? '';
  return base.toLowerCase().replace(/\.txt$/, '');
}

/** Same two documents in either order, and the same kind. */
export function sameLink(
  a: { docs: readonly [string, string]; kind: string },
  b: { docs: readonly [string, string]; kind: string },
): boolean {
  if (a.kind.trim().toLowerCase() !== b.kind.trim().toLowerCase()) return false;
  const [a0, a1] = a.docs.map(docKey) as [string, string];
  const [b0, b1] = b.docs.map(docKey) as [string, string];
  return (a0 === b0 && a1 === b1) || (a0 === b1 && a1 === b0);
}

export function scoreConflicts(system: readonly SystemConflictInput[], gold: ConflictsGold): ConflictsScore {
  const m = matchOneToOne(system, gold.conflicts, (s, g) => (sameLink(s, g) ? 1 : 0));
  const falseHits = m.unmatchedSystem.map((i) => system[i]!);
  const a = matchOneToOne(falseHits, gold.agreements, (s, g) => (sameLink(s, g) ? 1 : 0));
  const counts = { correct: m.pairs.length, reported: system.length, gold: gold.conflicts.length };
  return {
    ...ratios(counts),
    ...counts,
    falseAgreements: a.pairs.length,
    misses: m.unmatchedGold.map((i) => gold.conflicts[i]!),
    falseHits,
    agreementsReported: a.pairs.map(([s, g]) => ({ system: falseHits[s]!, agreement: gold.agreements[g]! })),
  };
}
