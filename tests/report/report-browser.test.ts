/**
 * The HTML report in a real browser: the dev documents ingested into the test Neo4j, the page
 * built by `oversight report`, opened from file:// in headless Chromium (Debian's `chromium`,
 * driven by playwright-core; no browser download) with every network request refused.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Driver } from 'neo4j-driver';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ingest } from '../../pipelines/ingest.ts';
import { writeCorpus } from '../../src/generate/corpus.ts';
import { runCypher } from '../../src/graph/queries.ts';
import { writeReport } from '../../src/report/write-report.ts';
import { browserTestPlan, CHROMIUM } from '../helpers/chromium.ts';
import { DEV, devDocumentNames } from '../helpers/fixtures.ts';
import { clearGraph, testDriver } from '../helpers/neo4j.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'oversight.mjs');
// The README's screenshots are tracked: a test run writes its own under out/, and only
// UPDATE_SCREENSHOTS=1 (after a change to the report's look) replaces those in docs/.
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs') : join(ROOT, 'out', 'screenshots');
const SCREENSHOT = join(SHOTS, 'report.png');
const NARROW_SCREENSHOT = join(SHOTS, 'report-narrow.png');
const MET = 'Metropolitan Police Service';

/** The real CLI in a child process, pointed at the test Neo4j through the documented variables. */
function oversight(...args: string[]) {
  const { uri, user, password } = inject('neo4j');
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Document text that tries to run script in the report, from every field a document controls.
const HOSTILE = `---
title: "<script>window.__pwned = 'title'</script> Met inspection"
url: "javascript:window.__pwned = 'url'"
publisher: "<img src=x onerror=\\"window.__pwned = 'publisher'\\">"
kind: press
publishedAt: 2022-06-29
---
The Metropolitan Police Service was placed into Engage in June 2022 <script>window.__pwned = 'body'</script>, HMICFRS announced.

His Majesty's Chief Inspector of Constabulary, Sir Andy Cooke, has decided to remove the Metropolitan Police Service from Engage <b onmouseover="window.__pwned = 'b'">now</b>.
`;

const plan = browserTestPlan();
// In CI a missing Chromium fails the run instead of skipping the browser tests.
it.runIf(!plan.run && plan.failure !== null)('Chromium is installed for the browser tests', () => {
  expect.fail(plan.run ? '' : (plan.failure ?? ''));
});

describe.runIf(plan.run)('HTML report in headless Chromium', () => {
  let driver: Driver;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let reportPath: string;
  const requests: string[] = [];

  beforeAll(async () => {
    driver = await testDriver();
    await clearGraph(driver);
    const dir = mkdtempSync(join(tmpdir(), 'oversight-report-'));
    for (const f of devDocumentNames()) copyFileSync(join(DEV, f), join(dir, f));
    const summary = await ingest({ inputs: [dir], driver, today: '2025-06-01' });
    expect(summary.problems.filter((p) => p.severity === 'error')).toEqual([]);

    reportPath = join(dir, 'out', 'report.html');
    const run = oversight('report', '--out', reportPath, '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ out: reportPath, forces: 3 });

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    // Offline, and anything but the file itself refused and recorded: the page must need no network.
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, offline: true, javaScriptEnabled: true });
    await context.route('**/*', (route) => (route.request().url().startsWith('file://') ? route.continue() : route.abort()));
    context.on('request', (r) => requests.push(r.url()));
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await driver?.close();
  });

  async function open(path: string): Promise<void> {
    await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
  }

  it('opens from file:// without a single network request', async () => {
    await open(reportPath);
    expect(await page.title()).toBe('Police oversight report');
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    expect(await page.locator('script').count()).toBe(0);
  });

  it("draws the Met's timeline: into Engage in June 2022, out in January 2025, each point with its documents", async () => {
    const met = page.locator(`article.force[data-force="${MET}"]`);
    await expect.poll(() => met.locator('svg.timeline').isVisible()).toBe(true);

    const entered = met.locator('svg g.point[data-change="entered"][data-stage="Engage"]');
    expect(await entered.count()).toBe(1);
    expect(await entered.getAttribute('data-date')).toMatch(/^2022-06/);
    expect(await entered.textContent()).toMatch(/Entered Engage.*June 2022/);
    const exited = met.locator('svg g.point[data-change="exited"][data-stage="Engage"]');
    expect(await exited.count()).toBe(1);
    expect(await exited.getAttribute('data-date')).toMatch(/^2025-01/);
    expect(await exited.textContent()).toMatch(/Left Engage.*January 2025/);

    // The documents behind each point: in the chart (publishers) and listed beneath it (with links).
    expect(await entered.textContent()).toContain('UK Parliament (Hansard)');
    const enteredItem = met.locator('li.point-item[data-change="entered"]');
    const enteredText = (await enteredItem.innerText()).replace(/\s+/g, ' ');
    for (const publisher of ['HMICFRS', 'UK Parliament (Hansard)', 'ITV News']) expect(enteredText).toContain(publisher);
    expect(enteredText).toMatch(/Entered Engage 28 June 2022/);
    const exitedItem = met.locator('li.point-item[data-change="exited"]');
    const exitedText = (await exitedItem.innerText()).replace(/\s+/g, ' ');
    for (const publisher of ['HMICFRS', 'Metropolitan Police Service', 'Mayor of London']) expect(exitedText).toContain(publisher);
    expect(await exitedItem.locator('a[href^="https://"]').count()).toBeGreaterThanOrEqual(3);

    // The other forces of the dev set have their timelines too.
    expect(await page.locator('article.force').evaluateAll((els) => els.map((e) => e.getAttribute('data-force')))).toEqual(['Cleveland Police', MET, 'Nottinghamshire Police']);
  });

  it('lists who decided and who recommended, with the quote and a link to the source', async () => {
    const met = page.locator(`#decisions article[data-force="${MET}"]`);
    const cooke = met.locator('tr.decision[data-actor="Andy Cooke"][data-act="decided"][data-change="exited Engage"]');
    expect(await cooke.count()).toBe(1);
    expect(await cooke.innerText()).toContain('Sir Andy Cooke has decided to remove the Metropolitan Police Service from Engage');
    const link = cooke.locator('a', { hasText: 'HMICFRS' }).first();
    expect(await link.getAttribute('href')).toMatch(/^https:\/\/www\.wired-gov\.net\//);

    const freeman = met.locator('tr.decision[data-actor="Lee Freeman"][data-act="recommended"][data-change="exited Engage"]');
    expect(await freeman.count()).toBe(1);
    expect(await freeman.innerText()).toContain('I have recommended removing the service');
  });

  it('shows each conflict side by side, each sentence with the disputed words highlighted', async () => {
    // The reconciliation writes conflicts at the end of ingest. Whatever it finds is rendered;
    // the Cleveland entry-date dispute is added by hand if it did not find that one, so the
    // rendering is always tested on a real pair of sentences from the graph.
    const inGraph = await runCypher(driver, 'MATCH (x:Conflict) RETURN count(x) AS n', {});
    const before = Number(inGraph[0]!.n);
    const rendered = page.locator('#conflicts article.conflict');
    // Every conflict is counted, per force; the first of each kind and subject is shown.
    const counted = async () => (await page.locator('#conflicts .conflict-force').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-total'))))).reduce((a, b) => a + b, 0);
    if (before === 0) {
      expect(await page.locator('#conflicts').innerText()).toContain('No conflicts found');
    } else {
      expect(await counted()).toBe(before);
      expect(await rendered.count()).toBeGreaterThan(0);
    }
    const cleveland = await runCypher(driver, "MATCH (x:Conflict {subject: 'Cleveland Police entered Engage'}) RETURN count(x) AS n", {});
    if (Number(cleveland[0]!.n) === 0) await seedClevelandConflict(driver);
    await writeReport(driver, reportPath);
    await open(reportPath);

    const total = Number((await runCypher(driver, 'MATCH (x:Conflict) RETURN count(x) AS n', {}))[0]!.n);
    expect(await counted()).toBe(total);
    expect(await rendered.count()).toBeLessThanOrEqual(total);
    expect(await page.locator('#conflicts').innerText()).not.toContain('No conflicts found');
    const card = rendered.filter({ hasText: 'Cleveland Police entered Engage' }).first();
    const sides = card.locator('.side');
    expect(await sides.count()).toBe(2);
    expect(await sides.evaluateAll((els) => els.map((e) => e.getAttribute('data-publisher')).sort())).toEqual(['Hartlepool Mail', 'The Eye of Media']);
    for (const side of await sides.all()) {
      const marks = side.locator('blockquote mark');
      expect(await marks.count()).toBeGreaterThan(0);
      // A highlight sits inside its sentence, never alone.
      const quote = (await side.locator('blockquote').first().innerText()).trim();
      expect(quote.length).toBeGreaterThan((await marks.first().innerText()).length);
      expect(await marks.first().evaluate((m) => getComputedStyle(m).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    }
    expect(await card.innerText()).toMatch(/30 August 2019/);
  });

  it('shows corroboration: how many publishers back each fact, and of which kind', async () => {
    const rows = page.locator('#corroboration table.corroboration[data-kind="stageEvent"] tr.fact');
    const met = rows.filter({ hasText: `${MET} entered Engage` }).first();
    expect(Number(await met.getAttribute('data-sources'))).toBeGreaterThanOrEqual(4);
    expect(await met.locator('.seg.kind-inspectorate').count()).toBe(1);
    expect(await met.locator('.seg.kind-press').count()).toBe(1);
  });

  it('saves a screenshot of the top of the report for the README', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await open(reportPath);
    // Down to the end of the Met's timeline chart: the header, the stats and two forces' timelines.
    const box = await page.locator(`article.force[data-force="${MET}"] svg.timeline`).boundingBox();
    expect(box).not.toBeNull();
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, clip: { x: 0, y: 0, width: 1280, height: Math.ceil(box!.y + box!.height + 6) }, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
  });

  it('shows hostile document text as text: no script runs, no element is injected, no javascript: link', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oversight-hostile-'));
    writeFileSync(join(dir, 'hostile.txt'), HOSTILE);
    const summary = await ingest({ inputs: [dir], driver });
    expect(summary.documents.new).toBe(1);
    const out = join(dir, 'report.html');
    await writeReport(driver, out);
    await open(out);

    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('script, img, b[onmouseover]').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    const text = await page.locator('body').innerText();
    expect(text).toContain("<script>window.__pwned = 'title'</script> Met inspection");
    expect(text).toContain(`<img src=x onerror="window.__pwned = 'publisher'">`);
  });
});

const LAUNCH = {
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};
/** Documents in the large graph, and the page size it must stay under: the old page, which listed every document behind every point, was about 2.8 KB per document. */
const LARGE = 2_000;
const LARGE_PAGE_BYTES = 2 * 1024 * 1024;

describe.runIf(plan.run)('HTML report of a large generated graph', () => {
  let driver: Driver;
  let browser: Browser;
  let page: Page;
  let reportPath: string;
  let bytes = 0;

  beforeAll(async () => {
    driver = await testDriver();
    await clearGraph(driver);
    const dir = mkdtempSync(join(tmpdir(), 'oversight-large-'));
    await writeCorpus(join(dir, 'corpus'), { count: LARGE, seed: 1 });
    const summary = await ingest({ inputs: [join(dir, 'corpus')], driver, today: '2025-07-01' });
    expect(summary.documents.new).toBe(LARGE);
    reportPath = join(dir, 'report.html');
    bytes = (await writeReport(driver, reportPath)).bytes;
    browser = await chromium.launch(LAUNCH);
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, offline: true });
    await context.route('**/*', (route) => (route.request().url().startsWith('file://') ? route.continue() : route.abort()));
    page = await context.newPage();
    await page.goto(pathToFileURL(reportPath).href, { waitUntil: 'load' });
  }, 1_800_000);

  afterAll(async () => {
    await browser?.close();
    await clearGraph(driver);
    await driver?.close();
  });

  it('stays small: the page grows with forces and events, not with documents', () => {
    expect(bytes).toBeLessThan(LARGE_PAGE_BYTES);
  });

  it('counts every document behind a point, lists the first of each kind, inspectorate first, and folds the rest', async () => {
    const points = page.locator('li.point-item');
    expect(await points.count()).toBeGreaterThan(20);
    const counted = await points.evaluateAll((els) =>
      els.map((li) => ({
        documents: Number(li.getAttribute('data-documents')),
        listed: li.querySelectorAll(':scope > ul.sources > li').length,
        more: Number(li.querySelector(':scope > details.more')?.getAttribute('data-more') ?? 0),
        summary: li.querySelector(':scope > details.more > summary')?.textContent ?? '',
        kinds: [...li.querySelectorAll(':scope > ul.sources > li > .kind')].map((k) => k.textContent),
      })),
    );
    for (const p of counted) {
      expect(p.listed + p.more).toBe(p.documents);
      expect(p.listed).toBeLessThanOrEqual(5);
      if (p.more) expect(p.summary).toBe(`${p.more} more ${p.more === 1 ? 'document' : 'documents'}`);
      const order = ['inspectorate', 'government', 'police', 'press', 'other'];
      expect([...p.kinds].sort((a, b) => order.indexOf(a!) - order.indexOf(b!))).toEqual(p.kinds);
    }
    const folded = counted.filter((p) => p.more > 0);
    expect(folded.length).toBeGreaterThan(0);
    expect(Math.max(...counted.map((p) => p.documents))).toBeGreaterThan(20);
    // A native list: closed, it opens on a click and shows the publishers' counts.
    // Long force sections fold too: open them, so the first folded list can be clicked.
    await page.evaluate(() => document.querySelectorAll('details.fold').forEach((d) => ((d as HTMLDetailsElement).open = true)));
    const details = page.locator('li.point-item > details.more').first();
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await details.locator('summary').click();
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await details.innerText()).toMatch(/By publisher: .+\(\d+\)/);
  });

  it('still shows every reconciled fact with its counts: the best-supported in full, the rest folded under their counts', async () => {
    const facts = Number((await runCypher(driver, 'MATCH (f:Fact) RETURN count(f) AS n', {}))[0]!.n);
    expect(facts).toBeGreaterThan(100);
    await page.reload({ waitUntil: 'load' }); // every list folded, as a reader first sees it
    const shown = await page.locator('#corroboration table.corroboration').evaluateAll((tables) =>
      tables.map((t) => {
        const tail = t.nextElementSibling?.matches('details.facts') ? (t.nextElementSibling as HTMLDetailsElement) : null;
        return {
          facts: Number(t.getAttribute('data-facts')),
          open: t.querySelectorAll('tbody > tr.fact').length,
          more: Number(tail?.getAttribute('data-more') ?? 0),
          tailOpen: tail?.open ?? false,
          counted: [...(tail?.querySelectorAll('.fact-count') ?? [])].map((g) => ({
            facts: Number(g.getAttribute('data-facts')),
            items: g.querySelectorAll('ul.tail > li').length,
            documents: [...g.querySelectorAll('ul.tail > li > .n')].map((n) => Number(n.textContent)),
            head: g.querySelector('p')?.textContent ?? '',
          })),
        };
      }),
    );
    expect(shown.reduce((n, t) => n + t.facts, 0)).toBe(facts);
    for (const t of shown) {
      expect(t.open).toBeLessThanOrEqual(10);
      expect(t.open + t.more).toBe(t.facts);
      expect(t.tailOpen).toBe(false);
      expect(t.counted.reduce((n, g) => n + g.items, 0)).toBe(t.more);
      for (const g of t.counted) {
        expect(g.items).toBe(g.facts);
        expect(g.head).toMatch(/^\d+ publishers? · \d+ facts?$/);
        // Each fact with its documents.
        expect(g.documents).toHaveLength(g.items);
        for (const n of g.documents) expect(n).toBeGreaterThan(0);
      }
    }
    expect(shown.some((t) => t.more > 0)).toBe(true);
  });

  it('never scrolls sideways, from a phone to a wide screen; a screenshot of the phone width for the README', async () => {
    // With every folded list open: the widest the page can get.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => ((d as HTMLDetailsElement).open = true)));
    for (const width of [1920, 1400, 390, 360]) {
      await page.setViewportSize({ width, height: 900 });
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(scroll, `${width} px wide`).toBeLessThanOrEqual(client);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload({ waitUntil: 'load' }); // folded again, as a reader first sees it
    mkdirSync(dirname(NARROW_SCREENSHOT), { recursive: true });
    const box = await page.locator('article.force').nth(1).boundingBox();
    await page.screenshot({ path: NARROW_SCREENSHOT, clip: { x: 0, y: 0, width: 390, height: Math.min(2400, Math.ceil(box!.y + box!.height + 6)) }, fullPage: true });
    expect(existsSync(NARROW_SCREENSHOT)).toBe(true);
  });
});

/** A date conflict between the Hartlepool Mail ("will enter") and The Eye of Media ("since April 2019"). */
async function seedClevelandConflict(driver: Driver): Promise<void> {
  await runCypher(
    driver,
    `MATCH (da:Document {fileName: 'cleveland-2019-08-hartlepoolmail.txt'})-[:STATES]->(a:Claim {kind: 'stageEvent', change: 'entered'})
     MATCH (db:Document {fileName: 'cleveland-2023-eyeofmedia.txt'})-[:STATES]->(b:Claim {kind: 'stageEvent', change: 'entered'})
     WITH da, db, collect(DISTINCT a) AS as, collect(DISTINCT b) AS bs
     CREATE (x:Conflict {id: 'test-cleveland-entry', kind: 'date', subject: 'Cleveland Police entered Engage', force: 'Cleveland Police',
                         valueA: 'still to come on 30 August 2019', valueB: '2019-04', documentA: da.id, documentB: db.id,
                         publisherA: da.publisher, publisherB: db.publisher, publishedAtA: da.publishedAt, publishedAtB: db.publishedAt})
     FOREACH (a IN as | CREATE (x)-[:SIDE_A]->(a))
     FOREACH (b IN bs | CREATE (x)-[:SIDE_B]->(b))`,
    {},
    { write: true },
  );
}
