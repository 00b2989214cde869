import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEV, FIXTURES } from '../helpers/fixtures.ts';

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

  it('scores several folders: each folder, and the total over all their documents', () => {
    const several = spawnSync(process.execPath, [BIN, 'eval', DEV, join(FIXTURES, 'dev2'), '--json'], { encoding: 'utf8', timeout: 300_000 });
    expect(several.status, several.stderr).toBe(0);
    const report = JSON.parse(several.stdout) as {
      documents: number;
      categories: Record<string, { correct: number; gold: number }>;
      folders: Record<string, { documents: number; categories: Record<string, { correct: number; gold: number }> }>;
    };
    expect(Object.keys(report.folders)).toEqual(['dev', 'dev2']);
    expect(report.folders.dev!.documents).toBe(16);
    expect(report.documents).toBe(report.folders.dev!.documents + report.folders.dev2!.documents);
    for (const c of CATEGORIES) {
      expect(report.categories[c]!.gold, c).toBe(report.folders.dev!.categories[c]!.gold + report.folders.dev2!.categories[c]!.gold);
      expect(report.categories[c]!.correct, c).toBe(report.folders.dev!.categories[c]!.correct + report.folders.dev2!.categories[c]!.correct);
    }
    // One folder keeps the shape it always had.
    expect(JSON.parse(run.stdout)).not.toHaveProperty('folders');
  });

  it('prints a table per force with --by-force', () => {
    const byForce = spawnSync(process.execPath, [BIN, 'eval', DEV, '--by-force'], { encoding: 'utf8', timeout: 300_000 });
    expect(byForce.status, byForce.stderr).toBe(0);
    for (const force of ['Cleveland Police', 'Metropolitan Police Service', 'Nottinghamshire Police']) {
      expect(byForce.stdout).toContain(`== force: ${force} ==`);
    }
  });
});

