import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseInOrder, analyseItem, type AnalysedItem } from '../../pipelines/analyse-pool.ts';
import { DEV, devDocumentNames } from '../helpers/fixtures.ts';

const files = devDocumentNames().map((name) => ({ path: join(DEV, name), relativePath: name }));
const options = { today: '2025-07-01' };

async function all(items: AsyncIterable<AnalysedItem>): Promise<AnalysedItem[]> {
  const out: AnalysedItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('analysis in worker threads', () => {
  it('gives the analyses of this thread, in file order', async () => {
    const expected = await Promise.all(files.map((f) => analyseItem(f, options)));
    const actual = await all(analyseInOrder(files, { ...options, workers: 2, window: 4 }));
    expect(actual.map((i) => i.path)).toEqual(files.map((f) => f.path));
    expect(actual).toEqual(expected);
  }, 120_000);

  it('analyses in this thread the files of workers that run out of memory', async () => {
    const expected = await Promise.all(files.map((f) => analyseItem(f, options)));
    // Far too little for the libraries alone: every worker runs out of memory, with files given to it.
    const actual = await all(analyseInOrder(files, { ...options, workers: 2, window: 4, workerHeapMb: 8 }));
    expect(actual.map((i) => i.path)).toEqual(files.map((f) => f.path));
    // The files the workers had in hand are said to have been analysed here; the rest were never given to one.
    const warned = actual.filter((i) => i.problems.some((p) => p.severity === 'warning' && /ran out of its 8 MB heap/.test(p.reason)));
    expect(warned.length).toBeGreaterThan(0);
    expect(warned.length).toBeLessThanOrEqual(4);
    const withoutWarning = actual.map((i) => ({ ...i, problems: i.problems.filter((p) => !/ran out of its 8 MB heap/.test(p.reason)) }));
    expect(withoutWarning).toEqual(expected);
  }, 120_000);
});
