import { describe, expect, it } from 'vitest';
import { sentenceAround, tenseAt } from '../../src/nlp/tense.ts';

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
