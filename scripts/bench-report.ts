/**
 * The HTML report at scale: a generated corpus ingested into a local Neo4j of its own (never the
 * user's `.neo4j/data`), then `oversight report`'s page written and opened in headless Chromium.
 * Prints the page's size, the time to write it, the time Chromium takes to load and lay it out,
 * and whether it scrolls sideways at a few widths. Measures; asserts nothing.
 *
 *   node --import tsx scripts/bench-report.ts [--count 10000] [--seed 1] [--keep] [--as-is]
 *
 * The graph is kept in `.neo4j/bench-report-<count>` and reused by the next run (ingest skips
 * unchanged documents); `--keep` leaves its server running for another run, else it is stopped.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { openDriver } from '../src/graph/connection.ts';
import { NEO4J_STATE_DIR, PROJECT_ROOT, startLocalNeo4j } from '../src/graph/local-neo4j/index.ts';
import { reconcileGraph } from '../pipelines/reconcile.ts';
import { writeReport } from '../src/report/write-report.ts';
import { ingest } from '../pipelines/ingest.ts';
import { writeCorpus } from '../src/generate/corpus.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const count = flag('count', 10_000);
const seed = flag('seed', 1);
const keep = args.includes('--keep');
/** Measure the graph as it is, however many documents it has so far (an ingest cut short). */
const asIs = args.includes('--as-is');
const log = (line: string) => process.stderr.write(`${line}\n`);

const corpus = join(PROJECT_ROOT, 'out', 'bench', `corpus-${count}`);
if (!existsSync(corpus)) {
  log(`generating ${count} documents into ${corpus}`);
  await writeCorpus(corpus, { count, seed });
}

const server = await startLocalNeo4j({ dataDir: join(NEO4J_STATE_DIR, `bench-report-${count}`), detached: true, log });
const driver = await openDriver(server.uri, server.user, server.password);
try {
  const inGraph = (await driver.executeQuery('MATCH (d:Document) RETURN count(d) AS n')).records[0]!.get('n').toNumber() as number;
  if (inGraph < count && !asIs) {
    const t = performance.now();
    await ingest({ inputs: [corpus], driver, today: '2025-07-01', reconcile: false, onProgress: (done, total) => done % 1000 === 0 && log(`ingest: ${done}/${total}`) });
    log(`ingest: ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  const facts = (await driver.executeQuery('MATCH (f:Fact) RETURN count(f) AS n')).records[0]!.get('n').toNumber() as number;
  let reconciled = facts > 0 ? 'facts already in the graph' : '';
  if (facts === 0) {
    try {
      const r = await reconcileGraph(driver);
      reconciled = `${r.facts} facts, ${r.conflicts} conflicts`;
    } catch (err) {
      // At this size the reconciliation may not fit Neo4j's heap; the report then groups claims.
      reconciled = `failed: ${(err as Error).message.split('\n')[0]}`;
    }
  }

  const out = join(PROJECT_ROOT, 'out', 'bench', `report-${count}.html`);
  mkdirSync(join(PROJECT_ROOT, 'out', 'bench'), { recursive: true });
  const t = performance.now();
  const summary = await writeReport(driver, out);
  const writeMs = performance.now() - t;

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const widths: Record<number, { scrollWidth: number; clientWidth: number }> = {};
  let renderMs = 0;
  try {
    for (const width of [1400, 390, 360, 1920]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, offline: true });
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(pathToFileURL(out).href, { waitUntil: 'load', timeout: 300_000 });
      // Layout of the whole page, then one painted frame.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(document.body.scrollHeight)))));
      if (width === 1400) renderMs = performance.now() - t0;
      widths[width] = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify({ documents: summary.documents, reconciled, bytes: summary.bytes, mb: +(summary.bytes / 1048576).toFixed(2), writeMs: Math.round(writeMs), renderMs: Math.round(renderMs), widths, summary }, null, 2));
} finally {
  await driver.close();
  if (!keep) await server.stop();
}
