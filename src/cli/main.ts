import { Command, CommanderError, Option } from 'commander';
import { pathToFileURL } from 'node:url';
import { resolveNeo4j, type ResolvedNeo4j } from '../graph/connection.ts';
import { connectionRecipe, DEFAULT_BOLT_PORT, installLocalNeo4j, localNeo4jStatus, startLocalNeo4j, stopLocalNeo4j } from '../graph/local-neo4j/index.ts';
import { formatDoctor, runDoctor } from './doctor.ts';
import { listSavedQueries, queryParams, runCypher, savedQuery, UsageError } from '../graph/queries.ts';
// The pipelines load the NLP libraries (seconds); they are imported where used, so --help and queries start fast.
import { formatTable } from './table.ts';
import { conflictKindOption, formatConflicts } from './conflicts-view.ts';
import { graphSummary } from '../graph/summary.ts';
import { formatTable as formatScoreTable, formatVerbose, toReportJson } from '../eval/report.ts';
import { scoresByForce, totalOver, type FolderEvaluation } from '../eval/combine.ts';
import { EXIT } from './exit-codes.ts';
import { createProgress, noProgress } from './progress.ts';
import { errorHint } from './hints.ts';
import { DEFAULT_REPORT_PATH, writeReport } from '../report/write-report.ts';
import { LEASE_MS } from '../graph/reconcile-lease.ts';

const program = new Command();
// A reader that stops early (`oversight query ... | head`) closes the pipe: the rest of the output
// is dropped and the command finishes as usual (releasing Neo4j), instead of dying on EPIPE.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.stdout.write = () => true;
});
const log = (line: string) => process.stderr.write(`${line}\n`);
const WAITING_FOR_RECONCILIATION = `Another run is reconciling this graph; waiting for it to finish (the lease of a run that died lapses within ${LEASE_MS / 1000} s).`;
/** A folder's last path part: "../shared/corpus/dev2/" -> "dev2". */
const folderName = (dir: string): string => dir.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || dir;

program
  .name('oversight')
  .description('Turn police-oversight documents into a provenance-tagged knowledge graph in Neo4j.')
  .showHelpAfterError()
  // Usage errors are thrown rather than exiting 1, so they get the documented exit code 2 (below).
  .exitOverride()
  .addHelpText(
    'after',
    `
Neo4j: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD point at your own server; without them the
project's local Neo4j is used (started for the command, or the one 'oversight neo4j start' left running).

Exit codes: 0 ok; 1 failed (Neo4j unreachable, unexpected error); 2 bad usage;
            3 done, but some input files were reported and skipped.`,
  );

/** Runs `work` with a Neo4j connection and always releases it (stopping a server started for this command). */
async function withNeo4j<T>(work: (neo: ResolvedNeo4j) => Promise<T>): Promise<T> {
  const neo = await resolveNeo4j({ log });
  try {
    return await work(neo);
  } finally {
    await neo.release();
  }
}

program
  .command('ingest')
  .description('Read documents (files or folders of .txt, .md, .html), extract claims, and write them to Neo4j.')
  .argument('<paths...>', 'files or folders to ingest')
  .option('--json', 'print the summary as JSON')
  .option('--batch-size <n>', 'documents per write transaction (default 50, chosen by measurement)', (v) => Number.parseInt(v, 10))
  .option('--workers <n>', 'analysis worker threads (0: none; default: one per core for large inputs)', (v) => Number.parseInt(v, 10))
  .option('--max-file-mb <n>', 'skip (and report) files larger than this', (v) => Number.parseFloat(v), 5)
  .option('--no-progress', 'no progress bar or progress lines on stderr')
  .addHelpText('after', '\nExamples:\n  oversight ingest corpus\n  oversight ingest new-releases/ --json')
  .action(async (paths: string[], opts: { json?: boolean; batchSize?: number; maxFileMb: number; progress: boolean; workers?: number }) => {
    const started = Date.now();
    const result = await withNeo4j(async (neo) => {
      // A bar on a terminal, plain periodic lines otherwise (CI logs); stderr, so --json output stays clean.
      const progress = opts.progress ? createProgress({ unit: 'documents' }) : noProgress;
      const { ingest, decisionsOfDocuments } = await import('../../pipelines/ingest.ts');
      const summary = await ingest({
        inputs: paths,
        driver: neo.driver,
        batchSize: opts.batchSize,
        maxFileBytes: opts.maxFileMb * 1024 * 1024,
        workers: opts.workers,
        onProgress: (done, total) => progress.update(done, total),
        onReconcileWait: () => log(WAITING_FOR_RECONCILIATION),
      }).finally(() => progress.stop());
      const graph = await graphSummary(neo.driver);
      // Only what this run wrote: the whole table is `oversight query who-decided-what`.
      const decisions = await decisionsOfDocuments(neo.driver, summary.writtenIds);
      return { summary, graph, decisions };
    });
    const seconds = (Date.now() - started) / 1000;
    if (opts.json) {
      console.log(JSON.stringify({ ...result.summary, graph: result.graph, decisions: result.decisions, seconds }, null, 2));
    } else {
      for (const p of result.summary.problems) log(`${p.severity}: ${p.path}${p.line ? `:${p.line}` : ''}: ${p.reason}`);
      const d = result.summary.documents;
      console.log(`Ingested ${result.summary.files} file(s) in ${seconds.toFixed(1)} s: ${d.new} new, ${d.changed} changed, ${d.unchanged} unchanged, ${d.skipped} skipped.`);
      if (d.changed) console.log(`The ${d.changed} changed document(s) are new versions; the earlier ones are kept as history (oversight history PATH|URL).`);
      if (result.summary.reextracted) console.log(`Re-extracted ${result.summary.reextracted} unchanged document(s): the extractor changed (version ${result.summary.extractorVersion}).`);
      console.log('');
      const history = result.graph.earlierVersions ? ` (and ${result.graph.earlierVersions} earlier version(s) kept as history)` : '';
      console.log(`Graph: ${result.graph.documents} documents${history}, ${result.graph.sentences} sentences, ${result.graph.claims} claims.`);
      console.log(`Reconciled: ${result.summary.reconciled.facts} facts, ${result.summary.reconciled.conflicts} conflicts (oversight conflicts).`);
      console.log(formatTable(Object.entries(result.graph.entities).map(([type, count]) => ({ entity: type, count }))));
      console.log('');
      console.log(formatTable(Object.entries(result.graph.claimsByKind).map(([kind, count]) => ({ claim: kind, count }))));
      console.log('');
      console.log(`Who decided what, in the ${result.summary.writtenIds.length} document(s) written (all: oversight query who-decided-what):`);
      console.log(formatTable(result.decisions));
      const { newConflicts = [], resolvedConflicts = [] } = result.summary.reconciled;
      for (const [title, list] of [['New conflicts', newConflicts], ['Resolved conflicts', resolvedConflicts]] as const) {
        if (list.length === 0) continue;
        console.log('');
        console.log(`${title}:`);
        console.log(formatTable(list.map((x) => ({ kind: x.kind, subject: x.subject, a: x.fileA, b: x.fileB }))));
      }
    }
    if (result.summary.problems.some((p) => p.severity === 'error')) process.exitCode = EXIT.SKIPPED_INPUT;
  });

program
  .command('remove')
  .description('Remove documents (by path, URL or id) with their sentences and claims, entities nothing else refers to, and recompute facts and conflicts.')
  .argument('<documents...>', 'file or folder paths (as ingested), URLs or document ids')
  .option('--dry-run', 'list what would be removed and change nothing')
  .option('--json', 'print the summary as JSON')
  .addHelpText('after', '\nExamples:\n  oversight remove corpus/met-2025-01-londonstar.txt --dry-run\n  oversight remove https://example.org/press/123 4f2a9c1e0b7d6a35')
  .action(async (targets: string[], opts: { dryRun?: boolean; json?: boolean }) => {
    const { remove } = await import('../../pipelines/remove.ts');
    const summary = await withNeo4j((neo) => remove({ targets, driver: neo.driver, dryRun: opts.dryRun }));
    if (opts.json) console.log(JSON.stringify(summary, null, 2));
    else {
      for (const p of summary.problems) log(`${p.severity}: ${p.path}: ${p.reason}`);
      const verb = summary.dryRun ? 'Would remove' : 'Removed';
      const sentences = summary.documents.reduce((n, d) => n + d.sentences, 0);
      const claims = summary.documents.reduce((n, d) => n + d.claims, 0);
      console.log(`${verb} ${summary.documents.length} document(s), ${sentences} sentences, ${claims} claims, ${summary.entities.length} entities no other document refers to, ${summary.sources.length} source(s).`);
      if (summary.documents.length) console.log(formatTable(summary.documents.map((d) => ({ id: d.id, document: d.url ?? d.path, sentences: d.sentences, claims: d.claims, 'earlier versions': d.earlierVersions }))));
      if (summary.entities.length) console.log(`Entities: ${summary.entities.map((e) => e.name).join(', ')}`);
      if (summary.reconciled) console.log(`Reconciled: ${summary.reconciled.facts} facts, ${summary.reconciled.conflicts} conflicts.`);
    }
    if (summary.problems.length) process.exitCode = EXIT.SKIPPED_INPUT;
  });

program
  .command('history')
  .description('Show the versions of a document the graph keeps (a file or URL ingested again with new content) and the claims each version added and removed, with their sentences.')
  .argument('<documents...>', 'file paths (as ingested), URLs or document ids of any version')
  .option('--kinds <list>', 'claim kinds to compare, comma-separated (default: decision,stageEvent,date,area,quote,role,detail)')
  .option('--json', 'print the versions and changes as JSON')
  .addHelpText('after', '\nEarlier versions stay in the graph as :SupersededDocument with :SupersededClaim nodes; queries, facts and conflicts use the current version only.\n\nExamples:\n  oversight history https://example.org/press/123\n  oversight history corpus/met-2025-01-londonstar.txt --kinds decision,stageEvent')
  .action(async (targets: string[], opts: { kinds?: string; json?: boolean }) => {
    const { history } = await import('../../pipelines/history.ts');
    const { formatHistory } = await import('./history-view.ts');
    const kinds = opts.kinds?.split(',').map((k) => k.trim()).filter(Boolean);
    const summary = await withNeo4j((neo) => history({ targets, driver: neo.driver, kinds }));
    if (opts.json) console.log(JSON.stringify(summary, null, 2));
    else {
      for (const p of summary.problems) log(`${p.severity}: ${p.path}: ${p.reason}`);
      if (summary.documents.length) console.log(formatHistory(summary.documents));
    }
    if (summary.problems.length) process.exitCode = EXIT.SKIPPED_INPUT;
  });

program
  .command('reconcile')
  .description('Bring facts and conflicts up to date; --full recomputes every block (after a change of the rules).')
  .option('--full', 'recompute every block, not only those ingests have touched since')
  .addHelpText(
    'after',
    `
Ingest and remove already reconcile what they touch; run this after upgrading the rules.

Examples:
  oversight reconcile --full`,
  )
  .action(async (opts: { full?: boolean }) => {
    const { reconcileGraph } = await import('../../pipelines/reconcile.ts');
    const started = Date.now();
    const summary = await withNeo4j((neo) => reconcileGraph(neo.driver, { full: opts.full ?? true, onWait: () => log(WAITING_FOR_RECONCILIATION) }));
    console.log(`Reconciled in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.facts} facts, ${summary.conflicts} conflicts.`);
  });

program
  .command('query')
  .description('Run a saved query (graph/queries/NAME.cypher) or your own Cypher; read-only unless --write.')
  .argument('[name]', 'saved query name')
  .option('--param <k=v>', 'query parameter (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
  .option('--cypher <query>', 'run this Cypher instead of a saved query')
  .option('--json', 'print rows as JSON')
  .option('--write', 'allow the Cypher to change the graph')
  .option('--list', 'list the saved queries')
  .addHelpText(
    'after',
    `
Examples:
  oversight query --list
  oversight query who-decided-what
  oversight query force-timeline --param "force=Metropolitan Police Service" --json
  oversight query --cypher 'MATCH (f:Force) RETURN f.name AS force'`,
  )
  .action(async (name: string | undefined, opts: { param: string[]; cypher?: string; json?: boolean; write?: boolean; list?: boolean }) => {
    if (opts.list || (!name && !opts.cypher)) {
      const rows = listSavedQueries().map((q) => ({ name: q.name, params: q.params.map((p) => p.name).join(', '), description: q.description }));
      console.log(opts.json ? JSON.stringify(rows, null, 2) : formatTable(rows));
      return;
    }
    const given = Object.fromEntries(
      opts.param.map((p) => {
        const at = p.indexOf('=');
        if (at <= 0) throw new UsageError(`--param takes key=value, got '${p}'`);
        return [p.slice(0, at), p.slice(at + 1)];
      }),
    );
    let cypher: string;
    let params: Record<string, unknown>;
    if (opts.cypher) {
      cypher = opts.cypher;
      params = given;
    } else {
      const q = savedQuery(name!);
      cypher = q.cypher;
      params = queryParams(q, given);
    }
    const rows = await withNeo4j((neo) => runCypher(neo.driver, cypher, params, { write: opts.write }));
    console.log(opts.json ? JSON.stringify(rows, null, 2) : formatTable(rows));
  });

program
  .command('conflicts')
  .description('Show where sources disagree: each conflict side by side with values, documents, publishers, dates and evidence.')
  .option('--force <name>', "only conflicts about this force (canonical name, e.g. 'Cleveland Police')")
  .option('--kind <kind>', 'only conflicts of this kind: date, actor, stage, areas, count, purpose, other')
  .option('--json', 'print the rows as JSON (the same rows as `oversight query conflicts`)')
  .addHelpText(
    'after',
    `
Conflicts are recomputed from all claims in the graph at the end of every ingest.

Examples:
  oversight conflicts
  oversight conflicts --force "Cleveland Police"
  oversight conflicts --kind date
  oversight conflicts --json`,
  )
  .action(async (opts: { force?: string; kind?: string; json?: boolean }) => {
    const q = savedQuery('conflicts');
    const given = { ...(opts.force ? { force: opts.force } : {}), ...(opts.kind ? { kind: conflictKindOption(opts.kind) } : {}) };
    const rows = await withNeo4j((neo) => runCypher(neo.driver, q.cypher, queryParams(q, given)));
    console.log(opts.json ? JSON.stringify(rows, null, 2) : formatConflicts(rows, process.stdout.columns ?? 120));
  });

program
  .command('eval')
  .description('Score the extraction against folders of documents with .gold.json annotations.')
  .argument('<dirs...>', 'folders of NAME.txt documents and NAME.gold.json annotations')
  .option('--json', 'print the scores as one JSON object (with several folders: the total, and each under "folders")')
  .option('--verbose', 'list every miss and false hit with its document')
  .option('--by-force', "also print the table per force of the documents (a document counts under each force its gold names)")
  .addHelpText(
    'after',
    `
With several folders, each folder's table is printed, then the total over all their documents.

Examples:
  oversight eval ../shared/corpus/dev
  oversight eval ../shared/corpus/dev ../shared/corpus/dev2
  oversight eval ../shared/corpus/dev --json
  oversight eval ../shared/corpus/dev2 --by-force`,
  )
  .action(async (dirs: string[], opts: { json?: boolean; verbose?: boolean; byForce?: boolean }) => {
    const { evaluateFolder } = await import('../../pipelines/evaluate.ts');
    const folders: FolderEvaluation[] = [];
    for (const dir of dirs) {
      const { score, conflicts, problems, pairs } = await evaluateFolder(dir);
      for (const p of problems) log(`${p.severity}: ${p.path}: ${p.reason}`);
      folders.push({ name: folderName(dir), score, conflicts, pairs });
    }
    const total = folders.length === 1 ? folders[0]! : totalOver(folders);
    if (opts.json) {
      const json: Record<string, unknown> = { ...toReportJson(total.score, total.conflicts) };
      if (folders.length > 1) json.folders = Object.fromEntries(folders.map((f) => [f.name, toReportJson(f.score, f.conflicts)]));
      if (opts.byForce) {
        json.forces = Object.fromEntries(scoresByForce(folders.flatMap((f) => f.pairs)).map((g) => [g.force, toReportJson(g.score)]));
      }
      console.log(JSON.stringify(json, null, 2));
      return;
    }
    const sections: string[] = [];
    for (const f of folders) {
      const heading = folders.length > 1 ? `== ${f.name} ==\n` : '';
      sections.push(heading + formatScoreTable(f.score, f.conflicts) + (opts.verbose ? `\n\n${formatVerbose(f.score, f.conflicts)}` : ''));
    }
    if (folders.length > 1) sections.push(`== total (${folders.map((f) => f.name).join(' + ')}) ==\n${formatScoreTable(total.score, total.conflicts)}`);
    if (opts.byForce) {
      for (const g of scoresByForce(folders.flatMap((f) => f.pairs))) sections.push(`== force: ${g.force} ==\n${formatScoreTable(g.score)}`);
    }
    console.log(sections.join('\n\n'));
  });

program
  .command('report')
  .description('Write one self-contained HTML page from the graph: stage timelines, who decided what, conflicts, corroboration.')
  .option('--out <file>', 'where to write the page', DEFAULT_REPORT_PATH)
  .option('--json', 'print what was written as JSON')
  .addHelpText(
    'after',
    `
The page needs no network: styles and charts are inline, and it runs no script.

Examples:
  oversight report
  oversight report --out ~/Desktop/oversight.html
  oversight report --json`,
  )
  .action(async (opts: { out: string; json?: boolean }) => {
    const summary = await withNeo4j((neo) => writeReport(neo.driver, opts.out));
    if (opts.json) {
      console.log(JSON.stringify(summary, null, 2));
      return;
    }
    if (summary.documents === 0) log("warning: the graph is empty; the report says so. Ingest documents first: 'oversight ingest corpus'.");
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    console.log(`Wrote ${summary.out} (${Math.round(summary.bytes / 1024)} KB): ${count(summary.forces, 'force timeline')}, ${count(summary.decisions, 'decision row')}, ${count(summary.conflicts, 'conflict')}, ${count(summary.facts, 'corroborated fact')}.`);
    console.log(`Open it in a browser: ${pathToFileURL(summary.out).href}`);
  });

program
  .command('export')
  .description('Write the graph in a standard format: JSON-LD (PROV-O, Web Annotation), GraphML, or CSV for the Neo4j bulk importer.')
  .requiredOption('--format <format>', 'jsonld, graphml or csv')
  .requiredOption('--out <path>', 'the file to write (jsonld, graphml), or the folder (csv: one file per label and relationship type)')
  .option('--page-size <n>', 'rows read from Neo4j per query', (v) => Number.parseInt(v, 10), 1000)
  .option('--json', 'print what was written as JSON')
  .addHelpText(
    'after',
    `
jsonld:  publishers, documents, claims, entities, facts and conflicts with W3C PROV-O links, and each
         claim's span as a Web Annotation target (TextPositionSelector, TextQuoteSelector).
graphml: entities, facts and conflicts, with a fact's ABOUT and a conflict's DISPUTES edges.
csv:     nodes-<Label>.csv and relationships-<TYPE>.csv; load them into an empty database with
         the printed neo4j-admin command.

Examples:
  oversight export --format jsonld --out out/oversight.jsonld
  oversight export --format graphml --out out/oversight.graphml
  oversight export --format csv --out out/csv`,
  )
  .action(async (opts: { format: string; out: string; pageSize: number; json?: boolean }) => {
    const { EXPORT_FORMATS, exportGraph } = await import('../export/export.ts');
    const { neo4jReader } = await import('../export/read-graph.ts');
    const format = EXPORT_FORMATS.find((f) => f === opts.format);
    if (!format) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, got '${opts.format}'`);
    if (!(opts.pageSize > 0)) throw new UsageError('--page-size must be a positive number');
    const summary = await withNeo4j((neo) => exportGraph(neo4jReader(neo.driver, opts.pageSize), format, opts.out));
    if (opts.json) return console.log(JSON.stringify(summary, null, 2));
    for (const w of summary.warnings) log(`warning: ${w}`);
    const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`Wrote ${summary.out}: ${total(summary.nodes)} nodes, ${total(summary.relationships)} relationships (${summary.files.length} file(s)).`);
    console.log(formatTable([...Object.entries(summary.nodes).map(([name, count]) => ({ written: `:${name}`, count })), ...Object.entries(summary.relationships).map(([name, count]) => ({ written: `[:${name}]`, count }))]));
    if (summary.importArguments) console.log(`\nLoad into an empty database (in ${summary.out}):\n  neo4j-admin ${summary.importArguments.join(' ')}`);
  });

program
  .command('generate')
  .description('Write a synthetic corpus (inspectorate and press texts over all forces) for benchmarks and scale tests.')
  .requiredOption('--out <dir>', 'folder to write the documents to (folders of 1,000 files)')
  .option('--count <n>', 'number of documents', (v) => Number.parseInt(v, 10), 1000)
  .option('--seed <n>', 'the same seed gives the same corpus', (v) => Number.parseInt(v, 10), 1)
  .addHelpText('after', '\nExamples:\n  oversight generate --count 10000 --seed 1 --out out/bench/corpus-10000')
  .action(async (opts: { out: string; count: number; seed: number }) => {
    if (!(opts.count > 0) || !Number.isInteger(opts.seed)) throw new UsageError('--count must be a positive number and --seed an integer');
    // Loaded on demand: the generator is not needed by any other command.
    const { writeCorpus } = await import('../generate/corpus.ts');
    const written = await writeCorpus(opts.out, { count: opts.count, seed: opts.seed, onProgress: (done, total) => log(`generate: ${done}/${total}`) });
    console.log(`Wrote ${written.files} documents (${(written.bytes / 1024 / 1024).toFixed(1)} MB) to ${written.dir}`);
  });

const neo4jCommand = program
  .command('neo4j')
  .description("Manage the project's local Neo4j (Community 5.26, embedded, Bolt on 127.0.0.1).")
  .addHelpText('after', '\nExamples:\n  oversight neo4j start    # keep one running: later commands start faster\n  oversight neo4j status   # the address, and how to connect Neo4j Browser, Desktop, cypher-shell\n  oversight neo4j stop');
const dataDirOption = () => new Option('--data-dir <dir>', "the graph's folder (default .neo4j/data); relative to the project");
neo4jCommand
  .command('install')
  .description('Fetch Neo4j from Maven Central (cached) and compile the launcher.')
  .addHelpText('after', '\nNeeds a JDK 17+ and Maven; the jars are cached in ~/.m2, so later runs are quick.\n\nExamples:\n  oversight neo4j install')
  .action(async () => {
    await installLocalNeo4j({ log });
  });
neo4jCommand
  .command('start')
  .description(`Start the local Neo4j and leave it running for later commands, on the same address every time (Bolt ${DEFAULT_BOLT_PORT} when free).`)
  .option('--port <n>', `Bolt port, kept with the data for later starts (default: the kept one, else ${DEFAULT_BOLT_PORT}, else the next free one)`, (v) => Number.parseInt(v, 10))
  .addOption(dataDirOption())
  .option('--json', 'print the server (uri, pid, reused) as JSON')
  .addHelpText('after', '\nExamples:\n  oversight neo4j start\n  oversight neo4j start --port 7700\n  oversight neo4j start --json')
  .action(async (opts: { json?: boolean; port?: number; dataDir?: string }) => {
    if (opts.port !== undefined && !(Number.isInteger(opts.port) && opts.port > 0 && opts.port < 65536)) throw new UsageError('--port must be a port number (1-65535)');
    // A command line start is the user's server: it comes back on the same address, whatever its data dir.
    const server = await startLocalNeo4j({ detached: true, log, port: opts.port, dataDir: opts.dataDir, stablePort: true });
    if (opts.json) return console.log(JSON.stringify({ uri: server.uri, pid: server.pid, user: server.user, reused: server.reused, dataDir: server.dataDir }, null, 2));
    if (server.reused && opts.port !== undefined && new URL(server.uri).port !== String(opts.port)) log(`warning: already running on ${server.uri}; stop it first to move it to port ${opts.port}`);
    console.log(`Neo4j ${server.reused ? 'already running' : 'started'} at ${server.uri} (user neo4j; password in .neo4j/password). 'oversight neo4j status' says how to connect your own tools.`);
  });
neo4jCommand
  .command('stop')
  .description('Stop the local Neo4j started with `oversight neo4j start`.')
  .addOption(dataDirOption())
  .option('--json', 'print {"stopped": true|false} as JSON')
  .addHelpText('after', '\nExamples:\n  oversight neo4j stop')
  .action(async (opts: { json?: boolean; dataDir?: string }) => {
    const stopped = await stopLocalNeo4j({ dataDir: opts.dataDir });
    console.log(opts.json ? JSON.stringify({ stopped }) : stopped ? 'Neo4j stopped.' : 'No local Neo4j was running.');
  });
neo4jCommand
  .command('status')
  .description('Say whether the local Neo4j is installed and running, and how to connect Neo4j Browser, Neo4j Desktop and cypher-shell to it.')
  .addOption(dataDirOption())
  .option('--json', 'print as JSON')
  .addHelpText('after', '\nExamples:\n  oversight neo4j status\n  oversight neo4j status --json')
  .action(async (opts: { json?: boolean; dataDir?: string }) => {
    const status = await localNeo4jStatus({ dataDir: opts.dataDir });
    const uri = status.running?.uri ?? `bolt://127.0.0.1:${status.port ?? DEFAULT_BOLT_PORT}`;
    if (opts.json) return console.log(JSON.stringify({ ...status, uri, user: 'neo4j' }, null, 2));
    console.log(`installed: ${status.installed ? 'yes' : "no (the first start fetches it; 'oversight doctor' checks what it needs)"}`);
    console.log(`running: ${status.running ? `${status.running.uri} (pid ${status.running.pid}, since ${status.running.startedAt})` : 'no'}`);
    console.log(`data: ${status.dataDir}`);
    console.log('');
    console.log(connectionRecipe({ uri, passwordFile: status.passwordFile, running: status.running !== null }));
  });

program
  .command('doctor')
  .description('Check what this machine needs (Node, Java 17+, Maven, the Neo4j jars, Chromium, disk space) and say how to install what is missing.')
  .option('--json', 'print the checks as JSON')
  .addHelpText('after', '\nExit code 1 when something required is missing.\n\nExamples:\n  oversight doctor\n  oversight doctor --json')
  .action((opts: { json?: boolean }) => {
    const checks = runDoctor();
    console.log(opts.json ? JSON.stringify(checks, null, 2) : formatDoctor(checks));
    if (checks.some((c) => c.required && !c.ok)) process.exitCode = EXIT.FAILED;
  });

program.addOption(new Option('--no-color', 'plain output').hideHelp());

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Commander has printed the message (or the help). Help asked for is success; anything else is usage.
    process.exitCode = err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  } else if (err instanceof UsageError) {
    log(`error: ${err.message}`);
    process.exitCode = EXIT.USAGE;
  } else {
    log(`error: ${(err as Error).message}`);
    const hint = errorHint(err);
    if (hint) log(`hint: ${hint}`);
    process.exitCode = EXIT.FAILED;
  }
}
