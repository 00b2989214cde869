/**
 * One end-to-end ingest of a corpus, in its own process so that its peak RSS is the pipeline's
 * alone (the benchmark's own data never counts). Run by scripts/bench.ts; prints one JSON line.
 *
 *   node --import tsx scripts/bench-ingest.ts DIR --batch-size N --workers N [--then NEWDIR[,NEWDIR...] [--warm OTHERDIR[,OTHERDIR...]]]
 * with BENCH_NEO4J_URI, BENCH_NEO4J_USER and BENCH_NEO4J_PASSWORD in the environment: the server
 * the corpus goes into.
 *
 * With --then: afterwards each NEWDIR (a few new documents) is ingested into the graph just built
 * (an incremental reconciliation), then into an empty graph on a second running server
 * (BENCH_EMPTY_NEO4J_URI, _USER, _PASSWORD), emptied just before it; both are timed, and the ratio
 * of each pair is printed, the pair of the median ratio standing for them. The two servers take
 * their ingests in turn, so that each has run as many when it is timed: with one server, the
 * empty graph's ingests came after the large graph's, on a server they had warmed up.
 * With --warm: each OTHERDIR goes first, in the same turns, timed apart, so that both servers have
 * planned and compiled the ingest's queries, as a server users ingest into day after day has.
 */
import { openDriver } from '../src/graph/connection.ts';
import { reconcileGraph } from '../pipelines/reconcile.ts';
import { ingest } from '../pipelines/ingest.ts';
import { analyseFile } from '../pipelines/analyse.ts';
import { findDocumentFiles, readRawFile } from '../src/ingest/read-files.ts';

const [dir, ...rest] = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? Number(rest[i + 1]) : fallback;
};
if (!dir) throw new Error('usage: bench-ingest.ts DIR [--batch-size N] [--workers N] [--then NEWDIR[,NEWDIR...] [--warm OTHERDIR[,OTHERDIR...]]]');
const dirsOf = (name: string) => (rest.includes(name) ? rest[rest.indexOf(name) + 1]!.split(',').filter(Boolean) : []);
const thenDirs = dirsOf('--then');
const warmDirs = dirsOf('--warm');
const env = (k: string) => process.env[k] ?? '';
const driver = await openDriver(env('BENCH_NEO4J_URI'), env('BENCH_NEO4J_USER'), env('BENCH_NEO4J_PASSWORD'));

// RSS sampled every 100 ms; the kernel's high-water mark (maxRSS) catches what sampling misses.
let peakSampled = 0;
const rssSeries: Array<[number, number]> = [];
const t0 = performance.now();
const sampler = setInterval(() => {
  const rss = process.memoryUsage.rss();
  peakSampled = Math.max(peakSampled, rss);
  rssSeries.push([Math.round(performance.now() - t0), Math.round(rss / 1048576)]);
}, 100);

let writeMs = 0;
let batches = 0;
let documentsDone = 0;
const progress: Array<[number, number]> = [];
const started = performance.now();
const summary = await ingest({
  inputs: [dir],
  driver,
  batchSize: flag('batch-size', 50),
  workers: flag('workers', -1) >= 0 ? flag('workers', -1) : undefined,
  today: '2025-07-01',
  // Timed apart below, by part, so that a reconciliation that fails at scale still leaves the load's figures.
  reconcile: false,
  onBatch: (b) => {
    writeMs += b.ms;
    batches++;
    documentsDone += b.documents;
    if (batches % 20 === 0) progress.push([Math.round(performance.now() - started), documentsDone]);
  },
});
const wallMs = performance.now() - started;
const ingestMaxRss = process.resourceUsage().maxRSS * 1024;

// Reconciliation of the whole graph, as ingest() runs it after loading into an empty graph, timed by
// part (people, force blocks, entity blocks) and apart from the load, so that a failure still leaves the load's figures.
const reconcileFigures: Record<string, unknown> = {};
const reconcileStarted = performance.now();
try {
  const rec = await reconcileGraph(driver, {
    full: true,
    onPart: (name, ms, n) => {
      reconcileFigures[`${name}Ms`] = ms;
      reconcileFigures[`${name}Read`] = n;
    },
  });
  reconcileFigures.facts = rec.facts;
  reconcileFigures.conflicts = rec.conflicts;
} catch (err) {
  reconcileFigures.failed = `${(err as { code?: string }).code ?? ''} ${(err as Error).message.split('\n')[0]}`;
}
reconcileFigures.totalMs = performance.now() - reconcileStarted;
reconcileFigures.claims = await driver
  .executeQuery('MATCH (c:Claim) RETURN count(c) AS n')
  .then((r) => r.records[0]!.get('n').toNumber() as number)
  .catch(() => null);
clearInterval(sampler);
// The peak so far: load and full reconciliation, before any documents are added (whose ingests come next).
const reconcileMaxRss = process.resourceUsage().maxRSS * 1024;

// Adding documents to the graph just built, and the same into an empty graph on the second server, in turns.
const incremental: Record<string, unknown> = {};
if (thenDirs.length > 0 && !reconcileFigures.failed) {
  const emptyDriver = await openDriver(env('BENCH_EMPTY_NEO4J_URI'), env('BENCH_EMPTY_NEO4J_USER'), env('BENCH_EMPTY_NEO4J_PASSWORD'));
  const timed = async (into: typeof driver, input: string) => {
    const t = performance.now();
    // Where the reconciliation's time goes: people, forces, entities (time and claims read).
    const parts: Record<string, { ms: number; read: number }> = {};
    const s = await ingest({ inputs: [input], driver: into, today: '2025-07-01', workers: 0, onReconcilePart: (part, ms, read) => (parts[part] = { ms, read }) });
    return { ms: performance.now() - t, documents: s.documents.new, scope: s.reconciled.scope, parts };
  };
  // Emptied in parts, untimed: one transaction for a whole graph would pass the transaction memory
  // limit. Relationships go first, so that no part holds a node named by tens of thousands of claims.
  const empty = async () => {
    for (const statement of ['MATCH ()-[r]->() WITH r LIMIT 20000 DELETE r RETURN count(*) AS n', 'MATCH (n) WITH n LIMIT 20000 DELETE n RETURN count(*) AS n']) {
      for (;;) {
        const r = await emptyDriver.executeQuery(statement);
        if (r.records[0]!.get('n').toNumber() === 0) break;
      }
    }
  };
  // One set into the large graph, then into the emptied one.
  const pair = async (input: string) => {
    const intoLarge = await timed(driver, input);
    await empty();
    const intoEmpty = await timed(emptyDriver, input);
    return { intoLarge, intoEmpty, ratio: intoLarge.ms / intoEmpty.ms };
  };
  // Both timed ingests analyse in this thread (the big load analysed in workers): the NLP libraries'
  // first use (loading models, compiling) is paid here first, so that neither ingest carries it alone.
  for (const file of (await findDocumentFiles([...thenDirs, ...warmDirs])).files) {
    const raw = await readRawFile(file);
    if ('bytes' in raw) analyseFile(raw, { today: '2025-07-01' });
  }
  const warm: Array<Awaited<ReturnType<typeof pair>>> = [];
  for (const d of warmDirs) warm.push(await pair(d));
  if (warm[0]) {
    incremental.intoLargeFirst = warm[0].intoLarge;
    incremental.intoEmptyFirst = warm[0].intoEmpty;
  }
  const sets: Array<Awaited<ReturnType<typeof pair>>> = [];
  for (const d of thenDirs) sets.push(await pair(d));
  await emptyDriver.close();
  // Each set's ratio; the set of the median ratio stands for them (the machine is shared, and one
  // ingest of a few documents swings by a factor of two from run to run).
  const median = [...sets].sort((a, b) => a.ratio - b.ratio)[(sets.length - 1) >> 1]!;
  incremental.intoLarge = median.intoLarge;
  incremental.intoEmpty = median.intoEmpty;
  // Each set's scope and parts too, the warm-up sets' first: a set far from the others says where its time went.
  const figures = (x: (typeof sets)[number]) => ({ intoLargeMs: x.intoLarge.ms, intoEmptyMs: x.intoEmpty.ms, ratio: x.ratio, scope: x.intoLarge.scope, parts: x.intoLarge.parts });
  incremental.warm = warm.map(figures);
  incremental.sets = sets.map(figures);
}

const count = async (q: string) => {
  try {
    return (await driver.executeQuery(q)).records[0]!.get('n').toNumber() as number;
  } catch {
    return null; // the server may be gone after a failed reconciliation
  }
};
const nodes = await count('MATCH (n) RETURN count(n) AS n');
const relationships = await count('MATCH ()-[r]->() RETURN count(r) AS n');
await driver.close().catch(() => {});

console.log(
  JSON.stringify({
    files: summary.files,
    documents: summary.documents,
    claims: Object.values(summary.claimsByKind).reduce((a, b) => a + b, 0),
    wallMs,
    writeMs,
    batches,
    reconcile: reconcileFigures,
    incremental,
    ingestMaxRss,
    reconcileMaxRss,
    nodes,
    relationships,
    peakRssSampled: peakSampled,
    maxRss: process.resourceUsage().maxRSS * 1024,
    rssSeries: rssSeries.filter((_, i) => i % 10 === 0),
    progress,
  }),
);
