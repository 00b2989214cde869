import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { InputProblem } from '../src/model/document.ts';
import type { DocumentRows } from '../src/graph/rows.ts';
import { readRawFile, type FoundFile } from '../src/ingest/read-files.ts';
import { analyseFile, isAnalysed } from './analyse.ts';

/** What the ingest loop needs of one file: its graph rows (absent when skipped) and its problems. */
export interface AnalysedItem {
  path: string;
  rows?: DocumentRows;
  problems: InputProblem[];
}

export interface AnalyseItemOptions {
  today: string;
  maxFileBytes?: number;
}

/** Read and analyse one file. The same code runs inline and in the workers, so both give the same rows. */
export async function analyseItem(file: FoundFile, options: AnalyseItemOptions): Promise<AnalysedItem> {
  const raw = await readRawFile(file, options.maxFileBytes);
  if (!('bytes' in raw)) return { path: file.path, problems: [raw] };
  const result = analyseFile(raw, { today: options.today });
  return isAnalysed(result) ? { path: file.path, rows: result.rows, problems: result.problems } : { path: file.path, problems: result.problems };
}

export interface AnalyseStreamOptions extends AnalyseItemOptions {
  /** Worker threads; 0 analyses in this thread. */
  workers: number;
  /**
   * Files analysed ahead of the consumer, at most. Bounds memory (each holds one
   * document's rows) while letting workers run on during a database write.
   */
  window?: number;
  /**
   * Old-generation heap of each worker, in MB. Workers collect their garbage
   * late when nothing limits them (each grew to 350 MB over a live set of about
   * 100 MB), and their peaks add up; a worker that runs out of this (a file
   * near the 5 MB limit can) is dropped, and its files are analysed in this
   * thread, which has no such limit.
   */
  workerHeapMb?: number;
}

/** Measured (BENCHMARKS.md): a worker's live set is about 100 MB; 256 keeps its peaks near that at no cost in speed. */
export const DEFAULT_WORKER_HEAP_MB = 256;

/** Worker threads to use for `files` files: none for a handful (a worker takes a second or two to start). */
export function defaultWorkers(files: number): number {
  if (files < 64) return 0;
  return Math.max(1, Math.min(availableParallelism(), Math.ceil(files / 32)));
}

const WORKER_ENTRY = new URL('./analyse-worker.mjs', import.meta.url);

interface Job {
  seq: number;
  file: FoundFile;
}

type Reply = { seq: number; item: AnalysedItem } | { seq: number; error: string };

/**
 * The files' analyses, in file order, whatever order the workers finish in:
 * the batches written, and so the graph, are the same as a sequential run's.
 * At most `window` files are in flight or waiting to be consumed.
 */
export async function* analyseInOrder(files: readonly FoundFile[], options: AnalyseStreamOptions): AsyncGenerator<AnalysedItem> {
  const itemOptions: AnalyseItemOptions = { today: options.today, maxFileBytes: options.maxFileBytes };
  if (options.workers <= 0) {
    for (const file of files) yield await analyseItem(file, itemOptions);
    return;
  }

  const window = Math.max(options.workers * 2, options.window ?? options.workers * 16);
  const done = new Map<number, AnalysedItem>();
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  interface PoolWorker {
    worker: Worker;
    /** Its jobs not yet answered, by sequence number. */
    jobs: Map<number, Job>;
  }
  let pool: PoolWorker[] = [];
  let next = 0; // next file to dispatch
  let delivered = 0; // next file to hand to the consumer
  // Jobs of workers that ran out of memory, analysed in this thread instead.
  const orphans: Job[] = [];

  const dispatch = () => {
    while (pool.length > 0 && next < files.length && next - delivered < window) {
      // The least loaded worker; each keeps a couple of jobs queued so it never waits for the main thread.
      const target = pool.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
      if (target.jobs.size >= 2) return;
      const job: Job = { seq: next, file: files[next]! };
      target.jobs.set(job.seq, job);
      target.worker.postMessage(job);
      next++;
    }
  };

  const resourceLimits = { maxOldGenerationSizeMb: options.workerHeapMb ?? DEFAULT_WORKER_HEAP_MB };
  for (let i = 0; i < options.workers; i++) {
    const worker = new Worker(WORKER_ENTRY, { workerData: itemOptions, resourceLimits });
    const entry: PoolWorker = { worker, jobs: new Map() };
    let outOfMemory = false;
    worker.on('message', (reply: Reply) => {
      entry.jobs.delete(reply.seq);
      if ('error' in reply) failure ??= new Error(reply.error);
      else done.set(reply.seq, reply.item);
      dispatch();
      signal();
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        // Dropped: its unanswered files go to this thread, in order, and the others take on the rest.
        outOfMemory = true;
        pool = pool.filter((p) => p !== entry);
        orphans.push(...entry.jobs.values());
        orphans.sort((a, b) => a.seq - b.seq);
        entry.jobs.clear();
        dispatch();
      } else failure ??= err;
      signal();
    });
    worker.on('exit', (code) => {
      if (code !== 0 && !outOfMemory) failure ??= new Error(`an analysis worker exited with code ${code}`);
      signal();
    });
    pool.push(entry);
  }
  const workersStarted = [...pool];

  try {
    dispatch();
    while (delivered < files.length) {
      const item = done.get(delivered);
      if (item) {
        done.delete(delivered);
        delivered++;
        dispatch();
        yield item;
        continue;
      }
      if (failure) throw failure;
      const orphan = orphans.shift();
      if (orphan) {
        // Said, so that a user knows which files were too large for a worker (and why the run slowed).
        const item = await analyseItem(orphan.file, itemOptions);
        item.problems.push({ path: orphan.file.path, severity: 'warning', reason: `analysed in the main thread: the analysis worker it was given ran out of its ${resourceLimits.maxOldGenerationSizeMb} MB heap` });
        done.set(orphan.seq, item);
        continue;
      }
      // With every worker gone, this thread takes the files no worker was given.
      if (pool.length === 0 && next < files.length) {
        const seq = next++;
        done.set(seq, await analyseItem(files[seq]!, itemOptions));
        continue;
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    // Also on an early return or a failed write: no worker outlives the run.
    await Promise.all(workersStarted.map((p) => p.worker.terminate()));
  }
}
