import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseFile, isAnalysed, type AnalysedFile } from '../../pipelines/analyse.ts';

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
