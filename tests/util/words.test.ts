import { describe, expect, it } from 'vitest';
import { lastWords, wordsOf } from '../../src/util/text.ts';

// The split-free word helpers stand in for `trim().split(/\s+/)` on hot paths: they must cut where it does.
describe('words of a text without a regex', () => {
  const samples = ['', '   ', 'a', ' a b  c ', 'x\u00a0y\u2003z\tw\nv', 'one two three four five', '\ufeffhello  world\u3000', 'a\u200bb c', 'a\u0085b\u180ec', '  trailing\n'];
  it('wordsOf gives the words split(/\\s+/) gives, blank text none', () => {
    for (const s of samples) expect(wordsOf(s), JSON.stringify(s)).toEqual(s.trim() === '' ? [] : s.trim().split(/\s+/));
  });
  it('lastWords gives the last n of them, joined by single spaces', () => {
    for (const s of samples) for (const n of [1, 3]) expect(lastWords(s, n), JSON.stringify(s)).toBe(s.trim().split(/\s+/).slice(-n).join(' '));
  });
});
