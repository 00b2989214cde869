// Scores over several folders and per force. Pure: no I/O.
import type { ConflictsScore } from './score-conflicts.ts';
import { ratios, scoreFolder, type FolderScore, type ScorePair } from './score.ts';

export interface FolderEvaluation {
  /** The folder's name as given on the command line (its last path part). */
  name: string;
  score: FolderScore;
  conflicts?: ConflictsScore;
  pairs: readonly ScorePair[];
}

/** Conflicts are scored within a folder; over several folders their counts add up. */
export function sumConflicts(scores: readonly ConflictsScore[]): ConflictsScore | undefined {
  if (scores.length === 0) return undefined;
  const counts = {
    correct: scores.reduce((n, s) => n + s.correct, 0),
    reported: scores.reduce((n, s) => n + s.reported, 0),
    gold: scores.reduce((n, s) => n + s.gold, 0),
  };
  return {
    ...ratios(counts),
    ...counts,
    falseAgreements: scores.reduce((n, s) => n + s.falseAgreements, 0),
    misses: scores.flatMap((s) => s.misses),
    falseHits: scores.flatMap((s) => s.falseHits),
    agreementsReported: scores.flatMap((s) => s.agreementsReported),
  };
}

/** Micro-averaged over every document of every folder, each document named "folder/name". */
export function totalOver(folders: readonly FolderEvaluation[]): { score: FolderScore; conflicts?: ConflictsScore } {
  const pairs = folders.flatMap((f) => f.pairs.map((p) => ({ ...p, name: `${f.name}/${p.name}` })));
  return {
    score: scoreFolder(pairs),
    conflicts: sumConflicts(folders.flatMap((f) => (f.conflicts ? [f.conflicts] : []))),
  };
}

/** Documents that name no force in their gold are grouped under this label. */
export const NO_FORCE = '(no force)';

/**
 * One score per force: a document counts under every force its gold names, so a
 * national article about five forces weighs on each of them. Sorted by force name.
 */
export function scoresByForce(pairs: readonly ScorePair[]): Array<{ force: string; score: FolderScore }> {
  const groups = new Map<string, ScorePair[]>();
  for (const pair of pairs) {
    const forces = pair.gold.forces.length > 0 ? [...new Set(pair.gold.forces)] : [NO_FORCE];
    for (const force of forces) groups.set(force, [...(groups.get(force) ?? []), pair]);
  }
  return [...groups.keys()]
    .sort((a, b) => (a === NO_FORCE ? 1 : b === NO_FORCE ? -1 : a.localeCompare(b)))
    .map((force) => ({ force, score: scoreFolder(groups.get(force)!) }));
}
