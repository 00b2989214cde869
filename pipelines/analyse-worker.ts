import { parentPort, workerData } from 'node:worker_threads';
import type { FoundFile } from '../src/ingest/read-files.ts';
import { analyseItem, type AnalyseItemOptions } from './analyse-pool.ts';

// One job at a time, in the order they arrive: the pool keeps each worker's queue short.
const options = workerData as AnalyseItemOptions;
const port = parentPort!;
let queue: Promise<void> = Promise.resolve();
port.on('message', (job: { seq: number; file: FoundFile }) => {
  queue = queue.then(async () => {
    try {
      port.postMessage({ seq: job.seq, item: await analyseItem(job.file, options) });
    } catch (err) {
      // analyseFile reports extractor failures as problems; anything reaching here is a bug worth stopping for.
      port.postMessage({ seq: job.seq, error: `analysing ${job.file.path}: ${(err as Error).stack ?? String(err)}` });
    }
  });
});
