/**
 * Runs Neo4j's own bulk importer (`neo4j-admin database import full`) from the jars of the
 * project's local Neo4j (they include the admin tool), to load a CSV export into a new, empty
 * Neo4j home. This is how the CSV export is checked: the importer, not our own parser, reads it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installLocalNeo4j, NEO4J_STATE_DIR } from '../graph/local-neo4j/index.ts';

export interface BulkImportResult {
  code: number | null;
  output: string;
}

/**
 * `neo4j-admin <args>` with NEO4J_HOME set to `home` (created; its data/databases/neo4j is
 * written), run in `csvDir` so the file names in `args` are relative to it.
 */
export async function runNeo4jAdmin(args: readonly string[], home: string, csvDir: string): Promise<BulkImportResult> {
  await installLocalNeo4j();
  mkdirSync(home, { recursive: true });
  const classpath = `${join(NEO4J_STATE_DIR, 'classes')}:${readFileSync(join(NEO4J_STATE_DIR, 'classpath.txt'), 'utf8').trim()}`;
  const javaHome = process.env.JAVA_HOME;
  const java = javaHome && existsSync(join(javaHome, 'bin', 'java')) ? join(javaHome, 'bin', 'java') : 'java';
  return new Promise((resolvePromise, reject) => {
    const child = spawn(java, ['-Xmx512m', '-cp', classpath, 'org.neo4j.cli.AdminTool', ...args], {
      cwd: csvDir,
      env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: join(home, 'conf') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, output }));
  });
}
