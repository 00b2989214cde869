import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InputProblem } from '../src/model/document.ts';
import { loadGoldFolder } from '../src/eval/gold.ts';
import { scoreFolder, type FolderScore, type ScorePair } from '../src/eval/score.ts';
import { scoreConflicts, type ConflictsScore, type SystemConflictInput } from '../src/eval/score-conflicts.ts';
import { reconcile } from '../src/reconcile/reconcile.ts';
import { reconcileInput } from '../src/reconcile/input.ts';
import type { Conflict } from '../src/reconcile/types.ts';
import { claimsToFacts } from '../src/eval/to-facts.ts';
import { emptyFacts } from '../src/eval/gold.ts';
import { analyseFile, isAnalysed, type AnalysedFile } from './analyse.ts';

export interface Evaluation {
  score: FolderScore;
  conflicts?: ConflictsScore;
  problems: InputProblem[];
  /** Each document's system and gold facts, for totals over folders and tables per force. */
  pairs: ScorePair[];
}

/**
 * Runs the extraction (no Neo4j needed) on every annotated document of a
 * folder and scores it against the gold, per GOLD-FORMAT's rules. A document
 * the pipeline cannot read scores as empty output: misses, not a crash. When
 * the folder has a conflicts.gold.json, the analysed documents are also
 * reconciled (pure, no Neo4j) and the conflicts scored; documents compare by
 * file name.
 */
export async function evaluateFolder(dir: string): Promise<Evaluation> {
  const folder = await loadGoldFolder(dir);
  const problems: InputProblem[] = [];
  const pairs: ScorePair[] = [];
  const analysed: AnalysedFile[] = [];
  for (const doc of folder.documents) {
    const path = join(dir, doc.textFile);
    const bytes = await readFile(path);
    const result = analyseFile({ path, relativePath: doc.textFile, bytes });
    problems.push(...result.problems.filter((p) => p.severity === 'error'));
    pairs.push({ name: doc.name, system: isAnalysed(result) ? claimsToFacts(result.claims) : emptyFacts(), gold: doc.gold });
    if (isAnalysed(result)) analysed.push(result);
  }
  const score = scoreFolder(pairs);
  if (!folder.conflicts) return { score, problems, pairs };
  const rec = reconcile(reconcileInput(analysed.map((a) => ({ document: a.document, claims: a.claims, sentences: a.analysis.sentences }))));
  return { score, conflicts: scoreConflicts(rec.conflicts.map(systemConflict), folder.conflicts), problems, pairs };
}

/** A reconciled conflict as the conflicts scorer reads it: the two documents by file name. */
export function systemConflict(c: Conflict): SystemConflictInput {
  return { docs: [c.a.fileName, c.b.fileName], kind: c.kind, subject: c.subject, a: c.a.value, b: c.b.value };
}
