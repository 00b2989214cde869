import { describe, expect, it } from 'vitest';
import { KnowledgeError } from '../../src/knowledge/index.ts';
import { loadDetailsVocabulary, parseDetailsVocabulary } from '../../src/knowledge/details.ts';
import { numberOf } from '../../src/extract/extractors/details.ts';

describe('details vocabulary (details.yaml)', () => {
  it('loads the shipped file, number words in order', () => {
    const v = loadDetailsVocabulary();
    expect(v.offices).toContain('chief constable');
    expect(v.cardinals[5]).toBe('five');
    expect(v.ordinals[5]).toBe('fifth');
    expect(v.spellHedges.plain).toEqual([-0.5, 1]);
    expect(numberOf('seventh')).toBe(7);
  });

  it('fails loudly on a bad entry, naming the file and the path', () => {
    const good = loadDetailsVocabulary();
    const bad = { ...good, spellHedges: { ...good.spellHedges, 'just over': [0.5, 0] } };
    expect(() => parseDetailsVocabulary(bad)).toThrow(KnowledgeError);
    expect(() => parseDetailsVocabulary(bad)).toThrow(/details\.yaml at spellHedges\.just over/);
    const { plain: _plain, ...noPlain } = good.spellHedges;
    expect(() => parseDetailsVocabulary({ ...good, spellHedges: noPlain })).toThrow(/plain/);
    expect(() => parseDetailsVocabulary({ ...good, grades: 'good' })).toThrow(/details\.yaml at grades/);
    expect(() => parseDetailsVocabulary({ ...good, ranks: [] })).toThrow(/details\.yaml/);
  });
});
