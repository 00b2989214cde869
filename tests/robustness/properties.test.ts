import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseFile, isAnalysed } from '../../pipelines/analyse.ts';
import { DEV, devDocumentNames } from '../helpers/fixtures.ts';

/** Analyse text as a file; the properties below hold for whatever the text is. */
function run(text: string) {
  return analyseFile({ path: 'p.txt', relativePath: 'p.txt', bytes: new TextEncoder().encode(text) });
}

function checkSpans(text: string): void {
  const result = run(text);
  if (!isAnalysed(result)) {
    // Rejected input must say why, and never because an extractor threw.
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.filter((p) => /extraction failed/.test(p.reason))).toEqual([]);
    return;
  }
  for (const c of result.claims) {
    expect(result.document.text.slice(c.start, c.end)).toBe(c.evidence);
  }
  expect(run(text)).toEqual(result);
}

const domainWords = fc.constantFrom(
  'the Met', 'Metropolitan Police Service', 'HMICFRS', 'Engage', 'special measures', 'was moved into', 'removed from',
  'Sir Andy Cooke', 'has decided', 'recommended', 'said:', '“', '”', '"', 'today', 'on 28 June 2022', 'June 2022',
  'Chief Constable', 'Kent Police', 'including:', '\n', '\n\n', '•', 'improvements', 'concerns', '.', ',', ';', 'Mr', 'Det. Ch. Supt.',
);

describe('properties over arbitrary and mutated texts', () => {
  it('never throws, every span slices its evidence, the same input gives the same claims (arbitrary strings)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => checkSpans(s)), { numRuns: 150, seed: 42 });
  });

  it('holds for texts built from the domain vocabulary', () => {
    fc.assert(fc.property(fc.array(domainWords, { maxLength: 60 }).map((w) => w.join(' ')), (s) => checkSpans(s)), { numRuns: 150, seed: 7 });
  });

  it('holds for random mutations of the dev documents', () => {
    const docs = devDocumentNames().map((n) => readFileSync(join(DEV, n), 'utf8'));
    const mutation = fc.record({
      doc: fc.integer({ min: 0, max: docs.length - 1 }),
      at: fc.nat(),
      cut: fc.nat({ max: 200 }),
      insert: fc.oneof(fc.string({ maxLength: 40 }), domainWords),
    });
    fc.assert(
      fc.property(mutation, ({ doc, at, cut, insert }) => {
        const text = docs[doc]!;
        const pos = at % text.length;
        checkSpans(text.slice(0, pos) + insert + text.slice(pos + cut));
      }),
      { numRuns: 40, seed: 1 },
    );
  });
});
