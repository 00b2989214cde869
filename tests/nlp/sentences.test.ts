import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/nlp/sentences.ts';
import { defaultLexicon } from '../../src/extract/lexicon.ts';

describe('splitSentences (retext, mended after abbreviations)', () => {
  const abbreviations = defaultLexicon().abbreviations;

  it('gives absolute offsets that slice each sentence out of the text', () => {
    const text = 'First line here.\n\nThe Met was moved into Engage. It improved.\nLast.';
    const sentences = splitSentences(text, abbreviations);
    expect(sentences.map((s) => s.text)).toEqual(['First line here.', 'The Met was moved into Engage.', 'It improved.', 'Last.']);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(sentences.map((s) => s.paragraph)).toEqual([0, 1, 1, 2]);
  });

  it('does not end a sentence after a rank abbreviation or "No."', () => {
    const text = 'Det. Ch. Supt. John Smith visited No. 10 today. He left.';
    expect(splitSentences(text, abbreviations).map((s) => s.text)).toEqual(['Det. Ch. Supt. John Smith visited No. 10 today.', 'He left.']);
  });
});
