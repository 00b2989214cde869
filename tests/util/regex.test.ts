import { describe, expect, it } from 'vitest';
import { allMatches } from '../../src/util/regex.ts';
import { defaultLexicon } from '../../src/extract/lexicon.ts';
import { analyseFixture, devDocumentNames } from '../helpers/fixtures.ts';

// allMatches stands in for String.prototype.matchAll on the extractors' paths: same matches, same order.
const plain = (ms: Iterable<RegExpExecArray | RegExpMatchArray>) => Array.from(ms, (m) => ({ index: m.index, all: [...m], groups: m.groups ? { ...m.groups } : undefined }));

describe('allMatches', () => {
  const cases: Array<[RegExp, string]> = [
    [/\S+/g, '  one two\tthree  '],
    [/[\p{L}\p{N}]+/gu, 'Kent’s 2023 “Engage” — état 𝒜𝒷 end'],
    [/x*/g, 'axxbx'], // empty matches step one code unit
    [/(?:)/gu, 'a😀b'], // and a whole surrogate pair under "u"
    [/(?:)/g, 'a😀b'], // but half of one without it
    [/(?<word>\p{Lu}\p{Ll}+)(?:\s+|$)/gu, 'Chief Constable Jane Doe said'],
    [/\b(?:(I|my)|(we|our))\b/g, 'I said our view, we think, is my own'],
    [/no match/g, 'nothing here'],
  ];
  it('gives the matches matchAll gives', () => {
    for (const [re, text] of cases) expect(plain(allMatches(text, re)), `${re}`).toEqual(plain(text.matchAll(re)));
  });

  it('starts from lastIndex as matchAll does, and puts lastIndex back', () => {
    const re = /\d+/g;
    re.lastIndex = 4;
    expect(allMatches('12 34 56', re).map((m) => m[0])).toEqual(['4', '56']);
    expect(re.lastIndex).toBe(4);
    const ref = /\d+/g;
    ref.lastIndex = 4;
    expect(Array.from('12 34 56'.matchAll(ref), (m) => m[0])).toEqual(['4', '56']);
  });

  it('lets the caller use the same regex again while reading the matches', () => {
    const re = /\w+/g;
    const pairs = allMatches('a b', re).map((m) => [m[0], allMatches('x y', re).length]);
    expect(pairs).toEqual([
      ['a', 2],
      ['b', 2],
    ]);
  });

  it('refuses a regex without the "g" flag, as matchAll does', () => {
    expect(() => allMatches('abc', /b/)).toThrow(TypeError);
  });

  it('finds what matchAll finds with the stage patterns in every dev document', () => {
    const lexicon = defaultLexicon();
    const texts = devDocumentNames().map((name) => analyseFixture(name).analysis.document.text);
    expect(texts.length).toBeGreaterThan(0);
    let found = 0;
    for (const text of texts) {
      for (const re of [lexicon.stagePhrase, ...lexicon.stagePatterns.map((p) => p.regex)]) {
        re.lastIndex = 0;
        const ours = plain(allMatches(text, re));
        found += ours.length;
        expect(ours).toEqual(plain(text.matchAll(re)));
      }
    }
    expect(found).toBeGreaterThan(0);
  });
});
