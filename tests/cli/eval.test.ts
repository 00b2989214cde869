import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEV } from '../helpers/fixtures.ts';

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'oversight.mjs');
const CATEGORIES = ['forces', 'organisations', 'people', 'stageEvents', 'decisions', 'areas', 'quotes', 'dates'];

describe('oversight eval', () => {
  const run = spawnSync(process.execPath, [BIN, 'eval', DEV, '--json'], { encoding: 'utf8', timeout: 300_000 });

  it('prints one JSON object with the same keys for every category', () => {
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { categories: Record<string, Record<string, number>>; roleAccuracy: number; dateAccuracy: number; documents: number };
    expect(report.documents).toBe(16);
    for (const c of CATEGORIES) {
      expect(Object.keys(report.categories[c]!).sort()).toEqual(['correct', 'f1', 'gold', 'precision', 'recall', 'reported']);
    }
  });

  it('reaches F1 of at least 0.90 in every category on the dev documents, role and date accuracy of at least 0.90', () => {
    const report = JSON.parse(run.stdout) as { categories: Record<string, { f1: number }>; roleAccuracy: number; dateAccuracy: number };
    for (const c of CATEGORIES) expect(report.categories[c]!.f1, c).toBeGreaterThanOrEqual(0.9);
    expect(report.roleAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(report.dateAccuracy).toBeGreaterThanOrEqual(0.9);
  });
});
