import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseFile, isAnalysed, type AnalysedFile } from '../../pipelines/analyse.ts';
import { generateDocuments } from '../../src/generate/corpus.ts';

export const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
export const DEV = join(FIXTURES, 'dev');

/** The dev documents copied into the fixtures (real texts with front matter). */
export function devDocumentNames(): string[] {
  return readdirSync(DEV).filter((f) => f.endsWith('.txt')).sort();
}

export function analyseFixture(name: string, dir: string = DEV): AnalysedFile {
  const path = join(dir, name);
  const result = analyseFile({ path, relativePath: name, bytes: readFileSync(path) });
  if (!isAnalysed(result)) throw new Error(`fixture ${name} did not parse: ${JSON.stringify(result.problems)}`);
  return result;
}

/**
 * The dev documents and `count` generated ones (seed `seed`), flat in a new temporary folder:
 * several forces, episodes, people named in full and by surname, conflicts.
 */
export function devAndGenerated(count: number, seed: number, prefix = 'oversight-corpus-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const name of devDocumentNames()) copyFileSync(join(DEV, name), join(dir, name));
  for (const doc of generateDocuments({ count, seed })) writeFileSync(join(dir, doc.path.replaceAll('/', '-')), doc.text);
  return dir;
}
