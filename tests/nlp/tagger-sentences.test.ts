import nlp from 'compromise';
import { describe, expect, it } from 'vitest';
import { Tagging, taggerSentences } from '../../src/nlp/tagging.ts';
import { analyseFixture, devDocumentNames } from '../helpers/fixtures.ts';

/** Every word of a reading with its offset and tags. */
const tagsOf = (doc: ReturnType<typeof nlp>, shift = 0): string[] =>
  (doc.json({ offset: true }) as Array<{ terms: Array<{ text: string; tags: string[]; offset: { start: number } }> }>).flatMap((s) =>
    s.terms.map((t) => `${t.offset.start + shift}:${t.text}:${[...t.tags].sort().join(',')}`),
  );

describe('taggerSentences', () => {
  it('gives the pieces of a text with their offsets', () => {
    const text = 'Mr Smith said so. The force was moved into Engage!  Then it left.';
    const pieces = taggerSentences(text);
    expect(pieces.map((p) => p.text)).toEqual(['Mr Smith said so.', 'The force was moved into Engage!', 'Then it left.']);
    for (const p of pieces) expect(text.slice(p.start, p.start + p.text.length)).toBe(p.text);
  });

  // People are found by reading only some sentences of a paragraph: that relies on compromise
  // tagging each sentence as it does inside the paragraph. A new compromise that looks across
  // sentences would fail here first.
  it('reads each sentence alone as compromise reads it inside its paragraph, in the dev documents', () => {
    let compared = 0;
    for (const name of devDocumentNames()) {
      for (const p of analyseFixture(name).analysis.paragraphs) {
        const pieces = taggerSentences(p.text);
        if (pieces.length < 2) continue;
        const alone = pieces.flatMap((s) => tagsOf(new Tagging().doc(s.text), s.start));
        expect(alone, `${name}: ${p.text.slice(0, 60)}`).toEqual(tagsOf(new Tagging().doc(p.text)));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10);
  });
});
