import { describe, expect, it } from 'vitest';
import { chunked, Tagging, taggerSentences } from '../../src/nlp/tagging.ts';
import { sentenceAround, tenseAt, verbPhrasesOf } from '../../src/nlp/tense.ts';
import { analyseFixture, devDocumentNames } from '../helpers/fixtures.ts';

const at = (text: string, word: string) => tenseAt(text, text.indexOf(word));

describe('tenseAt: the tense of the clause around an offset', () => {
  it('reads past, perfect and future verbs before the offset', () => {
    expect(at('The panel reported its findings in April.', 'April')).toBe('past');
    expect(at('The panel has already met twice since April.', 'April')).toBe('past');
    expect(at('The panel will meet again in April.', 'April')).toBe('future');
    expect(at('The panel expects to meet again in April.', 'April')).toBe('future');
    expect(at('Its next report is due in April.', 'April')).toBe('future');
  });

  it('takes the verb nearest before the offset, and gives none for the present', () => {
    expect(at('The panel, which was formed last year, will report in April.', 'April')).toBe('future');
    expect(at('The panel meets in April.', 'April')).toBeUndefined();
  });

  it('stays inside the sentence of the offset', () => {
    const text = 'The panel met in May. It sits again in April.';
    expect(sentenceAround(text, text.indexOf('April')).text).toBe('It sits again in April.');
    expect(at(text, 'April')).toBeUndefined();
  });
});

describe('verbPhrasesOf', () => {
  // The tense of a verb is worked out only for the verbs a date asks about; each must be what
  // compromise's JSON of all the verbs says. A compromise whose Verbs view reads otherwise fails here.
  it("gives each verb's text, offsets and tense as compromise's verb JSON does, in the dev documents", () => {
    let verbs = 0;
    for (const name of devDocumentNames()) {
      for (const p of analyseFixture(name).analysis.paragraphs) {
        for (const s of taggerSentences(p.text)) {
          const full = (chunked(new Tagging().doc(s.text)).verbs().json({ offset: true }) as Array<{ text: string; offset: { start: number; length: number }; verb?: { grammar?: { tense?: string } } }>).map(
            (v) => [v.text, v.offset.start, v.offset.length, v.verb?.grammar?.tense],
          );
          const lazy = verbPhrasesOf(new Tagging().doc(s.text));
          expect(lazy.phrases.map((v, i) => [v.text, v.start, v.length, lazy.grammarTense(i)]), s.text).toEqual(full);
          verbs += full.length;
        }
      }
    }
    expect(verbs).toBeGreaterThan(500);
  });
});
