import { describe, expect, it } from 'vitest';
import { surnameAlone } from '../../src/extract/extractors/quotes/references.ts';

// surnameAlone stands in for a regex built per surname: it must find what that regex finds.
describe('a surname standing alone', () => {
  const regexFor = (s: string) => new RegExp(`(?<![\\p{L}\\p{N}])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])(?!\\s+\\p{Lu})`, 'gu');
  const texts = [
    'Rowley said. Rowley Review. Rowleys and Rowley\u00a0Smith and Rowley  admitted; xRowley, Rowley',
    'Annanna Anna Ann Ann\tBob Ann 𝐀nn Ann𝐀 Ann',
    "O'Neill O'Neill's O'Neills, said O'Neill\nO'Neill\n\nÉtienne",
    'Lee Lee Lee\nLee\n\nA Lee 2Lee Lee2 Lee-Potter',
  ];
  it('finds where the per-surname regex finds, on words, capitals, other scripts and repeats', () => {
    let found = 0;
    for (const text of texts) {
      for (const surname of ['Rowley', 'Ann', 'Anna', "O'Neill", 'Lee']) {
        const expected = [...text.matchAll(regexFor(surname))].map((m) => m.index);
        expect(surnameAlone(text, surname), `${surname} in ${text}`).toEqual(expected);
        found += expected.length;
      }
    }
    expect(found).toBeGreaterThan(5);
  });
});
