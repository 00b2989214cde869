import { describe, expect, it } from 'vitest';
import { analyseFile, isAnalysed } from '../../pipelines/analyse.ts';
import { generateDocuments } from '../../src/generate/corpus.ts';
import { Rng } from '../../src/generate/prng.ts';
import { loadKnowledge } from '../../src/knowledge/index.ts';

const docs = (count: number, seed: number) => [...generateDocuments({ count, seed })];

describe('corpus generator', () => {
  it('gives the same documents for the same seed, and other ones for another seed', () => {
    expect(docs(30, 5)).toEqual(docs(30, 5));
    expect(docs(30, 6).map((d) => d.text)).not.toEqual(docs(30, 5).map((d) => d.text));
  });

  it('makes a small corpus the first documents of a larger one', () => {
    expect(docs(200, 3).slice(0, 50)).toEqual(docs(50, 3));
  });

  it('draws the PRNG the same way everywhere (fixed values for a fixed seed)', () => {
    const rng = new Rng(42, 7);
    const first = [rng.next(), rng.next(), rng.int(1, 6)];
    const again = new Rng(42, 7);
    expect([again.next(), again.next(), again.int(1, 6)]).toEqual(first);
    expect(first[0]).toBeGreaterThanOrEqual(0);
    expect(first[0]).toBeLessThan(1);
  });

  it('covers many forces and every template, with unique urls and paths', () => {
    const all = docs(400, 1);
    const forces = new Set(loadKnowledge().forces.map((f) => f.name));
    const named = new Set([...forces].filter((f) => all.some((d) => d.text.includes(f))));
    expect(named.size).toBeGreaterThan(30);
    const templates = new Set(all.map((d) => /^url: "https:\/\/[^/]+\/([a-z-]+)\//m.exec(d.text)![1]));
    expect([...templates].sort()).toEqual(['force', 'hansard', 'hmicfrs-engage', 'hmicfrs-exit', 'letter', 'pcc', 'peel', 'press', 'remains']);
    expect(new Set(all.map((d) => d.path)).size).toBe(all.length);
    expect(new Set(all.map((d) => /^url: (.*)$/m.exec(d.text)![1])).size).toBe(all.length);
  });

  it('writes documents the pipeline reads without problems, finding people, stage events and areas', () => {
    const kinds = new Map<string, number>();
    for (const d of docs(25, 2)) {
      const result = analyseFile({ path: d.path, relativePath: d.path, bytes: new TextEncoder().encode(d.text) }, { today: '2025-07-01' });
      expect(isAnalysed(result), d.path).toBe(true);
      if (!isAnalysed(result)) continue;
      expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
      for (const c of result.claims) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
    }
    for (const kind of ['mention', 'role', 'date', 'stageEvent', 'decision', 'area', 'quote']) expect(kinds.get(kind) ?? 0, kind).toBeGreaterThan(0);
  }, 60_000);
});
