import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimsToFacts } from '../../src/eval/to-facts.ts';
import { parseDocumentFacts } from '../../src/eval/gold.ts';
import { CATEGORIES, scoreDocument } from '../../src/eval/score.ts';
import { analyseFixture, FIXTURES } from '../helpers/fixtures.ts';

/**
 * A ratchet per annotated document: each category's F1 against the document's gold
 * annotation (fixture copies of the dev and dev2 folders) may not fall below what it
 * was when the baseline was last raised. Raise it deliberately after an improvement:
 * UPDATE_DEV_BASELINE=1 npx vitest run tests/extract/dev-regression.test.ts
 */
const BASELINE = join(FIXTURES, 'dev-baseline.json');
const FOLDERS = ['dev', 'dev2'] as const;
type Scores = Record<string, number>;
type Baseline = Record<string, Record<string, Scores>>;

const baseline: Baseline = existsSync(BASELINE) ? JSON.parse(readFileSync(BASELINE, 'utf8')) : {};
const measured: Baseline = {};

function documentNames(folder: string): string[] {
  return readdirSync(join(FIXTURES, folder)).filter((f) => f.endsWith('.txt')).sort();
}

for (const folder of FOLDERS) {
  const dir = join(FIXTURES, folder);
  describe(`${folder} documents keep their extraction quality`, () => {
    for (const name of documentNames(folder)) {
      it(name, () => {
        const { claims } = analyseFixture(name, dir);
        const gold = parseDocumentFacts(JSON.parse(readFileSync(join(dir, name.replace(/\.txt$/, '.gold.json')), 'utf8')));
        const score = scoreDocument(claimsToFacts(claims), gold);
        const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(score.categories[c].f1 * 1000) / 1000]));
        (measured[folder] ??= {})[name] = scores;
        if (process.env.UPDATE_DEV_BASELINE) return;
        const floor = baseline[folder]?.[name];
        expect(floor, `no baseline for ${folder}/${name}: run with UPDATE_DEV_BASELINE=1`).toBeDefined();
        for (const c of CATEGORIES) {
          expect(scores[c], `${folder}/${name} ${c}: F1 fell below its baseline`).toBeGreaterThanOrEqual(floor![c]! - 1e-9);
        }
      });
    }
  });
}

afterAll(() => {
  const complete = FOLDERS.every((f) => Object.keys(measured[f] ?? {}).length === documentNames(f).length);
  if (process.env.UPDATE_DEV_BASELINE && complete) {
    writeFileSync(BASELINE, `${JSON.stringify(measured, null, 2)}\n`);
  }
});
