/**
 * The extractor's version, derived from the content of everything that shapes the claims: the
 * extractor code, the NLP helpers, the knowledge files and lexicons, the claim builder and the
 * model. Any edit there gives a new version, so ingest re-extracts documents it had skipped as
 * unchanged; no hand-kept number can be forgotten.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folders under src/ whose files shape the claims. */
export const EXTRACTOR_SOURCE_DIRS = ['extract', 'nlp', 'knowledge', 'claims', 'model'] as const;

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Every file below `dirs` (relative to `srcRoot`), as sorted '/'-separated relative paths. */
export function extractorFiles(srcRoot: string = SRC, dirs: readonly string[] = EXTRACTOR_SOURCE_DIRS): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      // Hidden files (editor swap files, OS metadata) are not the extractor.
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out.push(relative(srcRoot, path).split('\\').join('/'));
    }
  };
  for (const d of dirs) walk(join(srcRoot, d));
  // Sorted by code unit, not locale: the same files give the same order on every machine.
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A short hash of the files' relative paths and bytes: where the tree lives does not matter. */
export function extractorVersionOf(srcRoot: string = SRC, dirs: readonly string[] = EXTRACTOR_SOURCE_DIRS): string {
  const h = createHash('sha256');
  for (const file of extractorFiles(srcRoot, dirs)) {
    h.update(file);
    h.update('\u0000');
    h.update(readFileSync(join(srcRoot, file)));
    h.update('\u0000');
  }
  return h.digest('hex').slice(0, 16);
}
