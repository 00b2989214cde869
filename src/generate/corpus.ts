import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { loadKnowledge, type Knowledge } from '../knowledge/index.ts';
import { Rng } from './prng.ts';
import { makeDocument, type GeneratedDocument } from './templates.ts';
import { buildWorld, type World } from './world.ts';

export type { GeneratedDocument } from './templates.ts';

/** Bumped whenever the templates change what a seed gives, so stale benchmark corpora are rebuilt. */
export const GENERATOR_VERSION = 2;

export interface GenerateOptions {
  count: number;
  seed: number;
  knowledge?: Knowledge;
}

/**
 * Documents 0..count-1 of the corpus for `seed`, lazily: a 50k corpus is never
 * held in memory. Document i depends only on (seed, i), so a corpus of 1,000
 * is the first 1,000 documents of the corpus of 10,000 with the same seed.
 */
export function* generateDocuments(options: GenerateOptions): Generator<GeneratedDocument> {
  const world: World = buildWorld(options.knowledge ?? loadKnowledge(), options.seed);
  for (let index = 0; index < options.count; index++) {
    const rng = new Rng(options.seed, 0x444f43, index); // 'DOC'
    // Busy forces get more coverage, as in the real press: a force in Engage is news.
    const fw = rng.chance(0.7) ? rng.pick(world.forces.filter((f) => f.episodes.length > 0)) : rng.pick(world.forces);
    yield makeDocument({ rng, world, index, fw });
  }
}

export interface WrittenCorpus {
  dir: string;
  files: number;
  bytes: number;
}

/** Writes the corpus under `dir` (folders of 1,000 files); existing files of the same name are overwritten. */
export async function writeCorpus(dir: string, options: GenerateOptions & { onProgress?: (done: number, total: number) => void }): Promise<WrittenCorpus> {
  let bytes = 0;
  let files = 0;
  const made = new Set<string>();
  for (const doc of generateDocuments(options)) {
    const path = join(dir, doc.path);
    const folder = dirname(path);
    if (!made.has(folder)) {
      await mkdir(folder, { recursive: true });
      made.add(folder);
    }
    await writeFile(path, doc.text);
    bytes += Buffer.byteLength(doc.text);
    files++;
    if (files % 1000 === 0) options.onProgress?.(files, options.count);
  }
  return { dir, files, bytes };
}
