import { describe, expect, it } from 'vitest';
import { analyseFixture, devDocumentNames } from '../helpers/fixtures.ts';
import { Claim } from '../../src/model/claim.ts';

describe('claims carry exact provenance', () => {
  for (const name of devDocumentNames()) {
    it(`${name}: every claim's span slices its evidence out of the document, inside its sentence`, () => {
      const { document, analysis, claims } = analyseFixture(name);
      expect(claims.length).toBeGreaterThan(0);
      for (const claim of claims) {
        Claim.parse(claim);
        expect(document.text.slice(claim.start, claim.end)).toBe(claim.evidence);
        expect(claim.evidence.length).toBeGreaterThan(0);
        expect(claim.documentId).toBe(document.id);
        const sentence = analysis.sentences[claim.sentenceIndex]!;
        expect(claim.start).toBeGreaterThanOrEqual(sentence.start);
        expect(claim.start).toBeLessThan(sentence.end);
      }
    });
  }

  it('is repeatable: the same document gives the same claims and ids', () => {
    const a = analyseFixture('met-2025-01-hmicfrs.txt').claims;
    const b = analyseFixture('met-2025-01-hmicfrs.txt').claims;
    expect(b).toEqual(a);
    expect(new Set(a.map((c) => c.id)).size).toBe(a.length);
  });
});
