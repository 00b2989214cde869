import { describe, expect, it } from 'vitest';
import { KnowledgeError } from '../../src/knowledge/index.ts';
import { loadDateVocabulary, parseDateVocabulary } from '../../src/knowledge/dates.ts';
import { alternation } from '../../src/util/text.ts';

describe('date vocabulary (dates.yaml)', () => {
  it('loads the shipped file', () => {
    const v = loadDateVocabulary();
    expect(v.legislationWords).toContain('Act');
    expect(v.seasons.summer).toBe(6);
  });

  it('fails loudly on a bad entry, naming the file and the path', () => {
    expect(() => parseDateVocabulary({ legislationWords: ['Act'], seasons: { summer: 13 } })).toThrow(KnowledgeError);
    expect(() => parseDateVocabulary({ legislationWords: ['Act'], seasons: { summer: 13 } })).toThrow(/dates\.yaml at seasons\.summer/);
  });

  it('joins words longest first so a longer word wins', () => {
    expect(new RegExp(`^(?:${alternation(['plan', 'planned'])})$`).test('planned')).toBe(true);
    expect(alternation(['plan', 'planned'])).toBe('planned|plan');
  });
});
