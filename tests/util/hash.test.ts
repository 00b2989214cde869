import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { stableId } from '../../src/util/hash.ts';

// Ids are stored in users' graphs: the way they are computed must never change.
describe('stableId', () => {
  it('is the first 16 hex digits of SHA-256 over each part and a NUL, objects as JSON', () => {
    const expected = (...pieces: string[]) => {
      const h = createHash('sha256');
      for (const p of pieces) h.update(p).update('\u0000');
      return h.digest('hex').slice(0, 16);
    };
    expect(stableId('claim', 'doc-1', 3)).toBe(expected('claim', 'doc-1', '3'));
    expect(stableId('fact', { a: 1, b: ['x'] }, 'Kent Police’s')).toBe(expected('fact', '{"a":1,"b":["x"]}', 'Kent Police’s'));
    expect(stableId()).toBe(expected());
  });
});
