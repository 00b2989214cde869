import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InputProblem } from '../src/model/document.ts';
import { loadGoldFolder } from '../src/eval/gold.ts';
import { scoreFolder, type FolderScore, type ScorePair } from '../src/eval/score.ts';
import type { ConflictsScore } from '../src/eval/score-conflicts.ts';
import { claimsToFacts } from '../src/claims/to-facts.ts';
import { emptyFacts } from '../src/eval/gold.ts';
import { analyseFile, isAnalysed } from './analyse.ts';

export interface Evaluation {
  score: FolderScore;
  conflicts?: ConflictsScore;
  problems: InputProblem[];
}

/**
 * Runs the extraction (no Neo4j needed) on every annotated document of a
 * folder and scores it against the gold, per GOLD-FORMAT's rules. A document
 * the pipeline cannot read scores as empty output: misses, not a crash.
 */
export async function evaluateFolder(dir: string): Promise<Evaluation> {
  const folder = await loadGoldFolder(dir);
  const problems: InputProblem[] = [];
  const pairs: ScorePair[] = [];
  for (const doc of folder.documents) {
    const path = join(dir, doc.textFile);
    const bytes = await readFile(path);
    const result = analyseFile({ path, relativePath: doc.textFile, bytes });
    problems.push(...result.problems.filter((p) => p.severity === 'error'));
    pairs.push({ name: doc.name, system: isAnalysed(result) ? claimsToFacts(result.claims) : emptyFacts(), gold: doc.gold });
  }
  return { score: scoreFolder(pairs), problems };
}
