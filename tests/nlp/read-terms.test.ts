import { describe, expect, it } from 'vitest';
import { readTerms, Tagging } from '../../src/nlp/tagging.ts';
import { analyseFixture, devDocumentNames } from '../helpers/fixtures.ts';

// readTerms reads compromise's terms in place for what terms().json({ offset: true }) gives.
describe('the words of a reading', () => {
  it('are, for every dev paragraph, the text, tags and offsets of compromise\'s term JSON', () => {
    let words = 0;
    for (const name of devDocumentNames()) {
      for (const p of analyseFixture(name).analysis.paragraphs) {
        const ours = readTerms(new Tagging().doc(p.text)).map((t) => ({ text: t.text, word: t.word, tags: [...t.tags], start: t.start, length: t.length }));
        const json = new Tagging().doc(p.text).terms().json({ offset: true }) as Array<{ text: string; terms: Array<{ text: string; tags: string[] }>; offset: { start: number; length: number } }>;
        expect(ours, p.text.slice(0, 60)).toEqual(
          json.map((t) => ({ text: t.text, word: t.terms[0]!.text, tags: t.terms[0]!.tags, start: t.offset.start, length: t.offset.length })),
        );
        words += ours.length;
      }
    }
    expect(words).toBeGreaterThan(4000);
  });
});
