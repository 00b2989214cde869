import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION } from '../../src/claims/build-claims.ts';
import { EXTRACTOR_SOURCE_DIRS, extractorFiles, extractorVersionOf } from '../../src/claims/extractor-version.ts';

/** A small source tree written for the test. */
function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'oversight-xv-'));
  mkdirSync(join(root, 'extract', 'extractors'), { recursive: true });
  mkdirSync(join(root, 'knowledge'));
  mkdirSync(join(root, 'cli'));
  writeFileSync(join(root, 'extract', 'extractors', 'a.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'knowledge', 'stages.yaml'), 'stages: []\n');
  writeFileSync(join(root, 'cli', 'main.ts'), 'console.log(1);\n');
  return root;
}
const dirs = ['extract', 'knowledge'];

describe('extractor version', () => {
  it('is derived from the files that shape the claims, in a stable order', () => {
    const root = tree();
    expect(extractorFiles(root, dirs)).toEqual(['extract/extractors/a.ts', 'knowledge/stages.yaml']);
    expect(extractorVersionOf(root, dirs)).toMatch(/^[0-9a-f]{16}$/);
    expect(EXTRACTOR_VERSION).toBe(extractorVersionOf());
    expect(EXTRACTOR_SOURCE_DIRS).toEqual(['extract', 'nlp', 'knowledge', 'claims', 'model']);
  });

  it('changes with a knowledge file, a code file or a new file; not with the location, other code or hidden files', () => {
    const root = tree();
    const v0 = extractorVersionOf(root, dirs);
    const moved = mkdtempSync(join(tmpdir(), 'oversight-xv-moved-'));
    cpSync(root, moved, { recursive: true });
    expect(extractorVersionOf(moved, dirs)).toBe(v0);

    writeFileSync(join(root, 'cli', 'main.ts'), 'console.log(2);\n');
    writeFileSync(join(root, 'knowledge', '.stages.yaml.swp'), 'x');
    expect(extractorVersionOf(root, dirs)).toBe(v0);

    writeFileSync(join(root, 'knowledge', 'stages.yaml'), 'stages: [engage]\n');
    const v1 = extractorVersionOf(root, dirs);
    expect(v1).not.toBe(v0);
    writeFileSync(join(root, 'extract', 'extractors', 'a.ts'), 'export const a = 2;\n');
    const v2 = extractorVersionOf(root, dirs);
    expect(v2).not.toBe(v1);
    writeFileSync(join(root, 'extract', 'extractors', 'b.ts'), '');
    expect(extractorVersionOf(root, dirs)).not.toBe(v2);
  });
});
