import { describe, expect, it } from 'vitest';
import { forceBatches } from '../../pipelines/reconcile.ts';

const forces = (...keys: string[]) => keys.map((k) => [k, k.toUpperCase()] as const);

describe('force batches', () => {
  it('keeps forces in order and packs them while their documents fit', () => {
    const sizes = new Map([['a', 600], ['b', 600], ['c', 600], ['d', 10], ['e', 10]]);
    expect(forceBatches(forces('a', 'b', 'c', 'd', 'e'), sizes).map((b) => b.map(([k]) => k))).toEqual([['a', 'b'], ['c', 'd', 'e']]);
  });

  it('puts a force of unknown size, or one larger than a batch, alone', () => {
    const sizes = new Map([['a', 5], ['c', 5], ['d', 5000], ['e', 5]]);
    expect(forceBatches(forces('a', 'b', 'c', 'd', 'e'), sizes).map((b) => b.map(([k]) => k))).toEqual([['a'], ['b'], ['c'], ['d'], ['e']]);
  });

  it('takes each force alone when no sizes are known (a full run), and every force once', () => {
    const order = forces(...'abcdefghijklmnopqrstuvwxyz'.split(''));
    expect(forceBatches(order, new Map())).toEqual(order.map((f) => [f]));
    const many = new Map(order.map(([k]) => [k, 1]));
    const batches = forceBatches(order, many);
    expect(batches.map((b) => b.length)).toEqual([16, 10]);
    expect(batches.flat()).toEqual(order);
  });
});
