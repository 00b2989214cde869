/** Installing the local Neo4j: the jars (Maven) and the compiled launcher, checked and refreshed when stale. */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CLASSES_DIR, CLASSPATH_FILE, INSTALL_HINT, LAUNCHER_SRC, NEO4J_STATE_DIR, noLog, POM, PROJECT_ROOT, tail, type Log } from './paths.ts';

/**
 * Fetches the Neo4j jars with Maven (only when the classpath is missing or stale) and compiles
 * the launcher (only when the .class is missing or older than its inputs). Cheap when current.
 */
export async function installLocalNeo4j(opts: { log?: Log } = {}): Promise<void> {
  const log = opts.log ?? noLog;
  mkdirSync(NEO4J_STATE_DIR, { recursive: true });

  if (classpathIsStale()) {
    await requireTool('mvn', ['-v'], 'Maven');
    log('neo4j: resolving the Neo4j jars with Maven (cached in ~/.m2 after the first time)');
    // Written to a temp file and renamed, so an interrupted run never leaves a half classpath.
    const tmp = `${CLASSPATH_FILE}.tmp`;
    const res = await run('mvn', [
      '-q',
      '-B',
      '-f',
      POM,
      'dependency:build-classpath',
      `-Dmdep.outputFile=${tmp}`,
    ]);
    if (res.code !== 0 || !existsSync(tmp)) {
      throw new Error(
        `neo4j install: Maven failed (exit ${res.code}) resolving ${POM}.\n` +
          `Last Maven output:\n${tail(res.output, 30)}`,
      );
    }
    renameSync(tmp, CLASSPATH_FILE);
  }

  const launcherClass = join(CLASSES_DIR, 'Launcher.class');
  if (isOlder(launcherClass, [LAUNCHER_SRC, CLASSPATH_FILE])) {
    await requireTool('javac', ['-version'], 'a JDK (javac)');
    await requireJava17();
    log('neo4j: compiling the launcher');
    mkdirSync(CLASSES_DIR, { recursive: true });
    const res = await run(javaBin('javac'), [
      '--release',
      '17',
      '-cp',
      readClasspath(),
      '-d',
      CLASSES_DIR,
      LAUNCHER_SRC,
    ]);
    if (res.code !== 0) {
      throw new Error(`neo4j install: javac failed (exit ${res.code}):\n${tail(res.output, 30)}`);
    }
  }
}

/** Jars fetched and launcher compiled: a start needs neither Maven nor the network. */
export function localNeo4jInstalled(): boolean {
  return existsSync(CLASSPATH_FILE) && !classpathIsStale() && !isOlder(join(CLASSES_DIR, 'Launcher.class'), [LAUNCHER_SRC, CLASSPATH_FILE]);
}

function classpathIsStale(): boolean {
  if (isOlder(CLASSPATH_FILE, [POM])) return true;
  // ~/.m2 may have been cleaned since: every jar must still be there.
  return readClasspath()
    .split(':')
    .some((jar) => jar !== '' && !existsSync(jar));
}

export function readClasspath(): string {
  return readFileSync(CLASSPATH_FILE, 'utf8').trim();
}

/** True when `file` is missing or older than any of `inputs`. */
function isOlder(file: string, inputs: string[]): boolean {
  if (!existsSync(file)) return true;
  const t = statSync(file).mtimeMs;
  return inputs.some((input) => statSync(input).mtimeMs > t);
}

/** Honours JAVA_HOME like the Neo4j scripts do, else PATH. */
export function javaBin(name: 'java' | 'javac'): string {
  const home = process.env.JAVA_HOME;
  if (home && existsSync(join(home, 'bin', name))) return join(home, 'bin', name);
  return name;
}

async function requireTool(cmd: string, args: string[], what: string): Promise<void> {
  const bin = cmd === 'java' || cmd === 'javac' ? javaBin(cmd) : cmd;
  const res = await run(bin, args);
  if (res.notFound) {
    throw new Error(
      `neo4j: \`${cmd}\` was not found on PATH; the local Neo4j needs ${what}.\n` +
        `Install Maven and a JDK 17+, e.g.: ${INSTALL_HINT}`,
    );
  }
}

async function requireJava17(): Promise<void> {
  const res = await run(javaBin('java'), ['-version']);
  if (res.notFound) {
    throw new Error(`neo4j: \`java\` was not found on PATH. Install a JDK 17+, e.g.: ${INSTALL_HINT}`);
  }
  const m = /version "(\d+)/.exec(res.output);
  const major = m ? Number(m[1]) : NaN;
  if (!(major >= 17)) {
    throw new Error(
      `neo4j: Neo4j 5 needs Java 17 or newer, found: ${tail(res.output, 3)}\n` +
        `Install one, e.g.: ${INSTALL_HINT} (or set JAVA_HOME)`,
    );
  }
}

interface RunResult {
  code: number | null;
  output: string;
  notFound: boolean;
}

function run(cmd: string, args: string[]): Promise<RunResult> {
  return new Promise((resolvePromise) => {
    let output = '';
    const child = spawn(cmd, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (err: NodeJS.ErrnoException) =>
      resolvePromise({ code: null, output: output + String(err), notFound: err.code === 'ENOENT' }),
    );
    // ANSI colour codes (Maven prints some even with -B) would garble error messages.
    child.on('close', (code) =>
      resolvePromise({ code, output: output.replace(/\x1b\[[0-9;]*m/g, ''), notFound: false }),
    );
  });
}
