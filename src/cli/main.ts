import { Command, Option } from 'commander';
import { resolveNeo4j, type ResolvedNeo4j } from '../graph/connection.ts';
import { installLocalNeo4j, localNeo4jStatus, startLocalNeo4j, stopLocalNeo4j } from '../graph/local-neo4j.ts';
import { listSavedQueries, queryParams, runCypher, savedQuery, UsageError } from '../graph/queries.ts';
import { ingest } from '../../pipelines/ingest.ts';
import { evaluateFolder } from '../../pipelines/evaluate.ts';
import { formatTable } from './table.ts';
import { graphSummary } from '../graph/summary.ts';
import { formatTable as formatScoreTable, formatVerbose, toReportJson } from '../eval/report.ts';
import { EXIT } from './exit-codes.ts';

const program = new Command();
const log = (line: string) => process.stderr.write(`${line}\n`);

program
  .name('oversight')
  .description('Turn police-oversight documents into a provenance-tagged knowledge graph in Neo4j.')
  .showHelpAfterError()
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
  .option('--batch-size <n>', 'documents per write transaction', (v) => Number.parseInt(v, 10), 25)
  .option('--max-file-mb <n>', 'skip (and report) files larger than this', (v) => Number.parseFloat(v), 5)
  .addHelpText('after', '\nExamples:\n  oversight ingest corpus\n  oversight ingest new-releases/ --json')
  .action(async (paths: string[], opts: { json?: boolean; batchSize: number; maxFileMb: number }) => {
    const started = Date.now();
    const result = await withNeo4j(async (neo) => {
      const summary = await ingest({ inputs: paths, driver: neo.driver, batchSize: opts.batchSize, maxFileBytes: opts.maxFileMb * 1024 * 1024 });
      const graph = await graphSummary(neo.driver);
      const decisions = await runCypher(neo.driver, savedQuery('who-decided-what').cypher, { force: null });
      return { summary, graph, decisions };
    });
    const seconds = (Date.now() - started) / 1000;
    if (opts.json) {
      console.log(JSON.stringify({ ...result.summary, graph: result.graph, decisions: result.decisions, seconds }, null, 2));
    } else {
      for (const p of result.summary.problems) log(`${p.severity}: ${p.path}${p.line ? `:${p.line}` : ''}: ${p.reason}`);
      const d = result.summary.documents;
      console.log(`Ingested ${result.summary.files} file(s) in ${seconds.toFixed(1)} s: ${d.new} new, ${d.changed} changed, ${d.unchanged} unchanged, ${d.skipped} skipped.`);
      console.log('');
      console.log(`Graph: ${result.graph.documents} documents, ${result.graph.sentences} sentences, ${result.graph.claims} claims.`);
      console.log(formatTable(Object.entries(result.graph.entities).map(([type, count]) => ({ entity: type, count }))));
      console.log('');
      console.log(formatTable(Object.entries(result.graph.claimsByKind).map(([kind, count]) => ({ claim: kind, count }))));
      console.log('');
      console.log('Who decided what:');
      console.log(formatTable(result.decisions.map(({ publisher: _p, ...r }) => r)));
    }
    if (result.summary.problems.some((p) => p.severity === 'error')) process.exitCode = EXIT.SKIPPED_INPUT;
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
  .command('eval')
  .description('Score the extraction against a folder of documents with .gold.json annotations.')
  .argument('<dir>', 'folder of NAME.txt documents and NAME.gold.json annotations')
  .option('--json', 'print the scores as one JSON object')
  .option('--verbose', 'list every miss and false hit with its document')
  .addHelpText('after', '\nExamples:\n  oversight eval ../shared/corpus/dev\n  oversight eval ../shared/corpus/dev --json')
  .action(async (dir: string, opts: { json?: boolean; verbose?: boolean }) => {
    const { score, conflicts, problems } = await evaluateFolder(dir);
    for (const p of problems) log(`${p.severity}: ${p.path}: ${p.reason}`);
    if (opts.json) {
      console.log(JSON.stringify(toReportJson(score, conflicts), null, 2));
    } else {
      console.log(formatScoreTable(score, conflicts));
      if (opts.verbose) console.log(`\n${formatVerbose(score, conflicts)}`);
    }
  });

const neo4jCommand = program.command('neo4j').description("Manage the project's local Neo4j (Community 5.26, embedded, Bolt on 127.0.0.1).");
neo4jCommand
  .command('install')
  .description('Fetch Neo4j from Maven Central (cached) and compile the launcher.')
  .action(async () => {
    await installLocalNeo4j({ log });
  });
neo4jCommand
  .command('start')
  .description('Start the local Neo4j and leave it running for later commands.')
  .action(async () => {
    const server = await startLocalNeo4j({ detached: true, log });
    console.log(`Neo4j ${server.reused ? 'already running' : 'started'} at ${server.uri} (user neo4j; password in .neo4j/password)`);
  });
neo4jCommand
  .command('stop')
  .description('Stop the local Neo4j started with `oversight neo4j start`.')
  .action(async () => {
    console.log((await stopLocalNeo4j()) ? 'Neo4j stopped.' : 'No local Neo4j was running.');
  });
neo4jCommand
  .command('status')
  .description('Say whether the local Neo4j is installed and running.')
  .option('--json', 'print as JSON')
  .action(async (opts: { json?: boolean }) => {
    const status = await localNeo4jStatus();
    if (opts.json) console.log(JSON.stringify(status, null, 2));
    else console.log(`installed: ${status.installed ? 'yes' : 'no'}\nrunning: ${status.running ? `${status.running.uri} (pid ${status.running.pid}, since ${status.running.startedAt})` : 'no'}`);
  });

program.addOption(new Option('--no-color', 'plain output').hideHelp());

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof UsageError) {
    log(`error: ${err.message}`);
    process.exitCode = EXIT.USAGE;
  } else {
    log(`error: ${(err as Error).message}`);
    process.exitCode = EXIT.FAILED;
  }
}
