import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimsToFacts } from '../../src/claims/to-facts.ts';
import { parseDocumentFacts } from '../../src/eval/gold.ts';
import { CATEGORIES, scoreDocument } from '../../src/eval/score.ts';
import { analyseFixture, DEV, devDocumentNames, FIXTURES } from '../helpers/fixtures.ts';

/**
 * A ratchet per dev document: each category's F1 against the document's gold
 * annotation (a fixture file) may not fall below what it was when the
 * baseline was last raised. Raise it deliberately after an improvement:
 * UPDATE_DEV_BASELINE=1 npx vitest run tests/extract/dev-regression.test.ts
 */
const BASELINE = join(FIXTURES, 'dev-baseline.json');
type Baseline = Record<string, Record<string, number>>;

const baseline: Baseline = existsSync(BASELINE) ? JSON.parse(readFileSync(BASELINE, 'utf8')) : {};
const measured: Baseline = {};

describe('dev documents keep their extraction quality', () => {
  for (const name of devDocumentNames()) {
    it(name, () => {
      const { claims } = analyseFixture(name);
      const gold = parseDocumentFacts(JSON.parse(readFileSync(join(DEV, name.replace(/\.txt$/, '.gold.json')), 'utf8')));
      const score = scoreDocument(claimsToFacts(claims), gold);
      measured[name] = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(score.categories[c].f1 * 1000) / 1000]));
      if (process.env.UPDATE_DEV_BASELINE) return;
      const floor = baseline[name];
      expect(floor, `no baseline for ${name}: run with UPDATE_DEV_BASELINE=1`).toBeDefined();
      for (const c of CATEGORIES) {
        expect(measured[name]![c], `${name} ${c}: F1 fell below its baseline`).toBeGreaterThanOrEqual(floor![c]! - 1e-9);
      }
    });
  }

  afterAll(() => {
    if (process.env.UPDATE_DEV_BASELINE && Object.keys(measured).length === devDocumentNames().length) {
      writeFileSync(BASELINE, `${JSON.stringify(measured, null, 2)}\n`);
    }
  });
});
