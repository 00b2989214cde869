/**
 * The project's own local Neo4j: a real Neo4j 5.26 community server, embedded in a small JVM
 * launcher (graph/neo4j/Launcher.java) whose jars Maven fetches from graph/neo4j/pom.xml.
 *
 * Everything lives under `.neo4j/` at the project root (git-ignored):
 *   classpath.txt  jar classpath written by mvn     classes/     compiled Launcher
 *   password       generated once, mode 0600        server.json  state of the detached server
 *   data/          Neo4j home of the user's graph (data/ and logs/ inside it; logs/neo4j.log is
 *                  the server's console log)
 *   data.pid       pid of the process using data/ (see claimDataDir); test dirs get the same
 *   data/bolt-port the Bolt port this data dir answers on, kept so that a saved connection
 *                  (Neo4j Browser, Desktop, cypher-shell) finds the same graph at every start
 *
 * Secrets: the password goes to the JVM through its environment (argv is world-readable via
 * ps) and is never printed, logged, or put in an error message by this module.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';

// src/graph/local-neo4j.ts -> project root; never cwd, so any working directory works.
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NEO4J_STATE_DIR = join(PROJECT_ROOT, '.neo4j');
export const DEFAULT_DATA_DIR = join(NEO4J_STATE_DIR, 'data');

const POM = join(PROJECT_ROOT, 'graph', 'neo4j', 'pom.xml');
const LAUNCHER_SRC = join(PROJECT_ROOT, 'graph', 'neo4j', 'Launcher.java');
const CLASSPATH_FILE = join(NEO4J_STATE_DIR, 'classpath.txt');
const CLASSES_DIR = join(NEO4J_STATE_DIR, 'classes');
const PASSWORD_FILE = join(NEO4J_STATE_DIR, 'password');
const DEFAULT_STATE_FILE = join(NEO4J_STATE_DIR, 'server.json');

/** Env var the Launcher reads the password from (see Launcher.java). */
const PASSWORD_ENV = 'OVERSIGHT_NEO4J_PASSWORD';
const INSTALL_HINT = 'apt-get install -y maven openjdk-17-jdk-headless';
const DEFAULT_START_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 20_000;
const JVM_HEAP = '-Xmx1g';
/** Neo4j's own default Bolt port, which the tools users already have try first. */
export const DEFAULT_BOLT_PORT = 7687;
/** How far past the wanted port to look for a free one. */
const PORT_SEARCH = 100;
const PAGE_CACHE = '256m';

export type Log = (line: string) => void;

export interface LocalNeo4jCredentials {
  uri: string;
  user: 'neo4j';
  password: string;
  pid: number;
}

export interface LocalNeo4j extends LocalNeo4jCredentials {
  /** Neo4j home in use (holds data/ and logs/). */
  dataDir: string;
  /** The server's console log (Launcher stdout/stderr); Neo4j's debug.log is beside it. */
  logFile: string;
  /** True when startLocalNeo4j({ detached: true }) found one already running and returned it. */
  reused: boolean;
  /** Stops the server and waits until the process is gone. Idempotent. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Keep running after this process exits (`oversight neo4j start`); state in server.json. */
  detached?: boolean;
  /** Neo4j home; relative paths are taken from the project root. Default `.neo4j/data`. */
  dataDir?: string;
  /** Delete dataDir first (tests). Refused for the default data dir: that is the user's graph. */
  wipe?: boolean;
  /** Bolt port to listen on; kept with the data dir for later starts. Refused when taken. */
  port?: number;
  /**
   * Come back on the same address: the port kept with the data dir, else 7687, else the next
   * free one (and keep it). Default: true for the user's data dir, false for any other (tests
   * and benchmarks take a free port of their own and never 7687 from a user).
   */
  stablePort?: boolean;
  startTimeoutMs?: number;
  log?: Log;
}

export interface LocalNeo4jStatus {
  /** Jars fetched and launcher compiled. */
  installed: boolean;
  dataDir: string;
  /** The Bolt port kept with the data dir (the address it comes back on), if it was ever started. */
  port: number | null;
  /** Where the password is kept (never the password itself). */
  passwordFile: string;
  running: { uri: string; pid: number; startedAt: string } | null;
}

interface ServerState {
  pid: number;
  uri: string;
  startedAt: string;
  dataDir: string;
}

const noLog: Log = () => {};

// ---------------------------------------------------------------------------------------------
// install

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

function classpathIsStale(): boolean {
  if (isOlder(CLASSPATH_FILE, [POM])) return true;
  // ~/.m2 may have been cleaned since: every jar must still be there.
  return readClasspath()
    .split(':')
    .some((jar) => jar !== '' && !existsSync(jar));
}

function readClasspath(): string {
  return readFileSync(CLASSPATH_FILE, 'utf8').trim();
}

/** True when `file` is missing or older than any of `inputs`. */
function isOlder(file: string, inputs: string[]): boolean {
  if (!existsSync(file)) return true;
  const t = statSync(file).mtimeMs;
  return inputs.some((input) => statSync(input).mtimeMs > t);
}

/** Honours JAVA_HOME like the Neo4j scripts do, else PATH. */
function javaBin(name: 'java' | 'javac'): string {
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

// ---------------------------------------------------------------------------------------------
// password

/** The local server's password: generated once with crypto, kept in .neo4j/password (0600). */
export function localNeo4jPassword(): string {
  mkdirSync(NEO4J_STATE_DIR, { recursive: true });
  if (!existsSync(PASSWORD_FILE)) {
    const pw = randomBytes(24).toString('base64url');
    try {
      // 'wx': if another process won the race, keep its password.
      writeFileSync(PASSWORD_FILE, pw + '\n', { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  // Tighten the mode if someone loosened it (a copied work tree, a umask surprise).
  if ((statSync(PASSWORD_FILE).mode & 0o077) !== 0) chmodSync(PASSWORD_FILE, 0o600);
  const pw = readFileSync(PASSWORD_FILE, 'utf8').trim();
  if (pw.length < 8) {
    throw new Error(`neo4j: ${PASSWORD_FILE} is empty or too short; delete it to generate a new one`);
  }
  return pw;
}

// ---------------------------------------------------------------------------------------------
// start

/** Servers started (non-detached) by this process, stopped on exit / Ctrl-C / SIGTERM. */
const ownedChildren = new Set<ChildProcess>();
let exitHooksInstalled = false;

export async function startLocalNeo4j(opts: StartOptions = {}): Promise<LocalNeo4j> {
  const log = opts.log ?? noLog;
  const dataDir = resolveDataDir(opts.dataDir);
  const detached = opts.detached ?? false;

  // A detached server already on this data dir owns the store lock: reuse or refuse.
  const running = await findRunningLocalNeo4j({ dataDir });
  if (running) {
    if (detached) {
      log(`neo4j: already running at ${running.uri} (pid ${running.pid})`);
      return {
        ...running,
        dataDir,
        logFile: serverLogFile(dataDir),
        reused: true,
        stop: async () => {
          await stopLocalNeo4j({ dataDir });
        },
      };
    }
    throw new Error(
      `neo4j: a detached local Neo4j is already running at ${running.uri} (pid ${running.pid}) ` +
        `on ${dataDir}. Reuse it (resolveNeo4j() does) or stop it first with \`oversight neo4j stop\`.`,
    );
  }

  if (opts.wipe && dataDir === DEFAULT_DATA_DIR) {
    throw new Error(`neo4j: refusing to wipe the default data dir ${dataDir} (the user's graph)`);
  }

  // Claimed before wiping: a second test run must not delete a store another run is using.
  claimDataDir(dataDir);
  try {
    if (opts.wipe) rmSync(dataDir, { recursive: true, force: true });
    await installLocalNeo4j({ log });
    const password = localNeo4jPassword();
    const timeoutMs = opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;

    const stable = opts.stablePort ?? dataDir === DEFAULT_DATA_DIR;
    const kept = readKeptPort(dataDir);
    // A free port can be taken between probing and the JVM binding it; a retry covers that.
    let after = 0;
    for (let attempt = 1; ; attempt++) {
      let port: number;
      if (opts.port !== undefined) {
        port = opts.port;
        if (!(await portIsFree(port))) throw new Error(`neo4j: port ${port} is in use on 127.0.0.1; choose another with --port, or stop what holds it`);
      } else if (stable) {
        const wanted = kept ?? DEFAULT_BOLT_PORT;
        port = await firstFreePort(Math.max(wanted, after + 1));
        if (port !== wanted) log(`neo4j: port ${wanted} is in use; using ${port}${kept ? ` for now (${wanted} stays kept for ${dataDir})` : ''}`);
      } else {
        port = await freeLoopbackPort();
      }
      try {
        const server = await launch({ dataDir, port, password, detached, timeoutMs, log });
        // Kept when asked for, or the first stable start's choice: the same graph, the same address.
        if (opts.port !== undefined || (stable && kept === null)) keepPort(dataDir, port);
        return server;
      } catch (err) {
        if (attempt < 3 && err instanceof PortInUseError && opts.port === undefined) {
          log(`neo4j: port ${port} was taken, retrying`);
          after = port;
          claimDataDir(dataDir); // the failed JVM's exit released the claim
          continue;
        }
        throw err;
      }
    }
  } catch (err) {
    releaseDataDir(dataDir, process.pid);
    throw err;
  }
}

/** Thrown when another live process (a server or a starting one) holds the data dir. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `neo4j: ${dataDir} is in use by process ${holderPid} (a local Neo4j or one starting). ` +
        `Only one server per data dir: reuse it, stop it, or pass another dataDir. ` +
        `If no such server exists, delete ${claimFileFor(dataDir)}.`,
    );
    this.name = 'DataDirInUseError';
  }
}

/**
 * `<dataDir>.pid` names the process using a data dir: this process while it starts the
 * server, then the JVM. Created with O_EXCL so two starters cannot both win; a claim whose
 * process is gone is stale and taken over.
 */
function claimFileFor(dataDir: string): string {
  return `${dataDir}.pid`;
}

function claimDataDir(dataDir: string): void {
  const file = claimFileFor(dataDir);
  mkdirSync(dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = Number.parseInt(readFileSync(file, 'utf8'), 10);
    if (Number.isInteger(holder) && holder > 0 && pidAlive(holder) && looksLikeOurs(holder)) {
      throw new DataDirInUseError(dataDir, holder);
    }
    rmSync(file, { force: true }); // stale
  }
  throw new Error(`neo4j: could not claim ${dataDir} (${file} keeps reappearing)`);
}

function transferClaim(dataDir: string, from: number, to: number): void {
  const file = claimFileFor(dataDir);
  if (readClaim(file) === from) writeFileSync(file, `${to}\n`);
}

function releaseDataDir(dataDir: string, pid: number | undefined): void {
  const file = claimFileFor(dataDir);
  if (pid !== undefined && readClaim(file) === pid) rmSync(file, { force: true });
}

function readClaim(file: string): number | null {
  try {
    return Number.parseInt(readFileSync(file, 'utf8'), 10);
  } catch {
    return null;
  }
}

class PortInUseError extends Error {}

async function launch(args: {
  dataDir: string;
  port: number;
  password: string;
  detached: boolean;
  timeoutMs: number;
  log: Log;
}): Promise<LocalNeo4j> {
  const { dataDir, port, password, detached, timeoutMs, log } = args;
  const uri = `bolt://127.0.0.1:${port}`;
  const logFile = serverLogFile(dataDir);
  mkdirSync(dirname(logFile), { recursive: true });

  // The console log goes to a file in both modes: a detached server outlives any pipe to us.
  // Appended, never truncated: a failed second start must not clobber a running server's log.
  // Past 5 MB it is renamed aside (a running writer keeps its file), and this start's output
  // is read from logStart on.
  if (existsSync(logFile) && statSync(logFile).size > 5 * 1024 * 1024) {
    renameSync(logFile, `${logFile}.1`);
  }
  const logFd = openSync(logFile, 'a');
  const logStart = statSync(logFile).size;
  const readOwnLog = (): string => readFrom(logFile, logStart);
  const javaArgs = [
    JVM_HEAP,
    '-XX:+ExitOnOutOfMemoryError',
    '-cp',
    `${CLASSES_DIR}:${readClasspath()}`,
    'Launcher',
    '--home',
    dataDir,
    '--port',
    String(port),
    '--pagecache',
    PAGE_CACHE,
    ...(detached ? ['--detached'] : []),
  ];
  const started = Date.now();
  log(`neo4j: starting a local server on ${uri} (data: ${dataDir})`);
  let child: ChildProcess;
  try {
    child = spawn(javaBin('java'), javaArgs, {
      cwd: PROJECT_ROOT,
      env: { ...process.env, [PASSWORD_ENV]: password },
      // Non-detached: stdin is a pipe we never write to nor close; when this process dies,
      // however it dies, the JVM sees EOF and shuts down (see Launcher.watchStdin).
      stdio: [detached ? 'ignore' : 'pipe', logFd, logFd],
      detached,
    });
  } finally {
    closeSync(logFd); // the child has its own copy
  }

  let exitCode: number | null | undefined;
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolveExit) => {
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? -1 : null);
      ownedChildren.delete(child);
      releaseDataDir(dataDir, child.pid);
      resolveExit();
    });
    child.once('error', (err) => {
      spawnError = err;
      exitCode = -1;
      resolveExit();
    });
  });
  const pid = child.pid;
  // From now on the JVM holds the data dir: the claim outlives this process if detached.
  if (pid !== undefined) transferClaim(dataDir, process.pid, pid);

  if (detached) {
    child.unref();
    if (pid !== undefined) {
      // Written before it is ready, so a concurrent caller sees it and waits instead of
      // starting a second server on the same (locked) store.
      writeState(stateFileFor(dataDir), { pid, uri, startedAt: new Date().toISOString(), dataDir });
    }
  } else {
    ownedChildren.add(child);
    installExitHooks();
    // Neither the child nor its stdin pipe keeps this process alive: a CLI that forgets
    // release() still exits, and the 'exit' hook then stops the JVM.
    child.unref();
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  }

  const stop = async (): Promise<void> => {
    if (exitCode !== undefined) return;
    await terminate(child, exited);
    if (detached) removeState(stateFileFor(dataDir), pid);
  };

  const fail = async (why: string): Promise<never> => {
    if (exitCode === undefined) await terminate(child, exited);
    if (detached) removeState(stateFileFor(dataDir), pid);
    const logTail = redact(tail(readOwnLog(), 40), password);
    if (/already in use|BindException/i.test(logTail)) throw new PortInUseError(why);
    let hint = '';
    if (/FileLockException|locked by another process/i.test(logTail)) {
      hint =
        `\nAnother Neo4j process is using ${dataDir} (the store is locked). Only one server per ` +
        `data dir: run \`oversight neo4j start\` once and let commands reuse it, or pass a different dataDir.`;
    }
    if (spawnError && (spawnError as NodeJS.ErrnoException).code === 'ENOENT') {
      hint = `\n\`java\` was not found. Install a JDK 17+, e.g.: ${INSTALL_HINT}`;
    }
    throw new Error(`neo4j: ${why}${hint}\nServer log (${logFile}), last lines:\n${logTail}`);
  };

  if (pid === undefined) {
    await exited;
    return fail('could not start java');
  }

  // Ready = the launcher printed READY *and* Bolt accepts our credentials.
  const deadline = started + timeoutMs;
  while (true) {
    if (exitCode !== undefined) return fail(`the server exited during start-up (code ${exitCode})`);
    if (Date.now() > deadline) {
      return fail(`the server did not answer on ${uri} within ${Math.round(timeoutMs / 1000)} s`);
    }
    if (readOwnLog().includes('READY bolt://') && (await boltAnswers(uri, password))) break;
    await sleep(250);
  }
  log(`neo4j: ready on ${uri} after ${((Date.now() - started) / 1000).toFixed(1)} s`);

  return { uri, user: 'neo4j', password, pid, dataDir, logFile, reused: false, stop };
}

/** SIGTERM (the JVM's shutdown hook closes the store), SIGKILL after a grace period. */
async function terminate(child: ChildProcess, exited: Promise<void>): Promise<void> {
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const done = await Promise.race([
    exited.then(() => true),
    new Promise<boolean>((r) => (timer = setTimeout(() => r(false), STOP_GRACE_MS))),
  ]);
  clearTimeout(timer); // a pending grace timer would keep this process alive for 20 s
  if (!done) {
    child.kill('SIGKILL');
    await exited;
  }
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  // 'exit' handlers must be synchronous: send SIGTERM and let the JVM close its store itself.
  process.on('exit', () => {
    for (const child of ownedChildren) child.kill('SIGTERM');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const handler = (): void => {
      for (const child of ownedChildren) child.kill('SIGTERM');
      // Listening to a signal cancels Node's default "exit"; restore it unless others listen.
      process.off(signal, handler);
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, handler);
  }
}

// ---------------------------------------------------------------------------------------------
// detached server: find / stop / status

/**
 * The detached server on `dataDir` (default `.neo4j/data`) if its process is alive and Bolt
 * answers with our password; a stale state file is removed. Waits for one still starting.
 */
export async function findRunningLocalNeo4j(
  opts: { dataDir?: string } = {},
): Promise<LocalNeo4jCredentials | null> {
  const file = stateFileFor(resolveDataDir(opts.dataDir));
  const state = readState(file);
  if (!state) return null;
  if (!pidAlive(state.pid) || !looksLikeLauncher(state.pid)) {
    removeState(file, state.pid);
    return null;
  }
  const password = localNeo4jPassword();
  // One that is still starting gets the rest of its start-up time.
  const deadline = Date.parse(state.startedAt) + DEFAULT_START_TIMEOUT_MS;
  while (true) {
    if (await boltAnswers(state.uri, password)) {
      return { uri: state.uri, user: 'neo4j', password, pid: state.pid };
    }
    if (!pidAlive(state.pid)) {
      removeState(file, state.pid);
      return null;
    }
    if (!(Date.now() < deadline)) return null; // alive but not answering: leave it alone
    await sleep(500);
  }
}

/** Stops the detached server on `dataDir`. Returns false when none was running. */
export async function stopLocalNeo4j(opts: { dataDir?: string } = {}): Promise<boolean> {
  const file = stateFileFor(resolveDataDir(opts.dataDir));
  const state = readState(file);
  if (!state) return false;
  if (!pidAlive(state.pid) || !looksLikeLauncher(state.pid)) {
    removeState(file, state.pid);
    return false;
  }
  process.kill(state.pid, 'SIGTERM');
  const deadline = Date.now() + STOP_GRACE_MS;
  while (pidAlive(state.pid) && Date.now() < deadline) await sleep(200);
  if (pidAlive(state.pid)) {
    process.kill(state.pid, 'SIGKILL');
    while (pidAlive(state.pid)) await sleep(100);
  }
  removeState(file, state.pid);
  releaseDataDir(resolveDataDir(opts.dataDir), state.pid);
  return true;
}

/** Jars fetched and launcher compiled: a start needs neither Maven nor the network. */
export function localNeo4jInstalled(): boolean {
  return existsSync(CLASSPATH_FILE) && !classpathIsStale() && !isOlder(join(CLASSES_DIR, 'Launcher.class'), [LAUNCHER_SRC, CLASSPATH_FILE]);
}

export async function localNeo4jStatus(opts: { dataDir?: string } = {}): Promise<LocalNeo4jStatus> {
  const dataDir = resolveDataDir(opts.dataDir);
  const installed = localNeo4jInstalled();
  const found = await findRunningLocalNeo4j({ dataDir });
  const state = found ? readState(stateFileFor(dataDir)) : null;
  return {
    installed,
    dataDir,
    port: readKeptPort(dataDir),
    passwordFile: PASSWORD_FILE,
    running: found && state ? { uri: found.uri, pid: found.pid, startedAt: state.startedAt } : null,
  };
}

// ---------------------------------------------------------------------------------------------
// connecting the user's own tools

/**
 * How to reach the local graph from Neo4j Browser, Neo4j Desktop and cypher-shell: the address,
 * the user, and where the password is kept. Never the password itself.
 */
export function connectionRecipe(opts: { uri: string; passwordFile: string; running: boolean }): string {
  const { uri, passwordFile } = opts;
  return [
    `Connect from your own tools${opts.running ? '' : ' (once it is started: oversight neo4j start)'}:`,
    `  address   ${uri}`,
    `  user      neo4j`,
    `  password  in ${passwordFile} (readable by you only; this command never prints it)`,
    ``,
    `  Neo4j Browser  (browser.neo4j.io, or the one in Neo4j Desktop): Connect URL ${uri},`,
    `                 authentication "Username / Password", user neo4j, the password from the file.`,
    `  Neo4j Desktop  Add > Remote connection: URL ${uri}, user neo4j, the password from the file.`,
    `  cypher-shell   NEO4J_PASSWORD="$(cat ${passwordFile})" cypher-shell -a ${uri} -u neo4j`,
    ``,
    `The address stays the same at every start (the port is kept with the data: oversight neo4j start --port N changes it).`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// helpers

/** The file beside the graph that keeps its Bolt port. */
function keptPortFile(dataDir: string): string {
  return join(dataDir, 'bolt-port');
}

export function readKeptPort(dataDir: string): number | null {
  try {
    const port = Number.parseInt(readFileSync(keptPortFile(resolveDataDir(dataDir)), 'utf8'), 10);
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
  } catch {
    return null;
  }
}

function keepPort(dataDir: string, port: number): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(keptPortFile(dataDir), `${port}\n`);
}

/** True when nothing listens on 127.0.0.1:port (binding it is the only sure test). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolveFree(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolveFree(true)));
  });
}

/** The first free port from `from` on (Neo4j's 7687, then 7688, ...). */
export async function firstFreePort(from: number, isFree: (port: number) => Promise<boolean> = portIsFree): Promise<number> {
  for (let port = from; port < Math.min(65536, from + PORT_SEARCH); port++) {
    if (await isFree(port)) return port;
  }
  throw new Error(`neo4j: no free port from ${from} to ${from + PORT_SEARCH - 1} on 127.0.0.1; choose one with --port`);
}

function resolveDataDir(dataDir: string | undefined): string {
  if (!dataDir) return DEFAULT_DATA_DIR;
  return isAbsolute(dataDir) ? resolve(dataDir) : resolve(PROJECT_ROOT, dataDir);
}

/** `.neo4j/server.json` for the default data dir; other data dirs keep theirs inside. */
function stateFileFor(dataDir: string): string {
  return dataDir === DEFAULT_DATA_DIR ? DEFAULT_STATE_FILE : join(dataDir, 'server.json');
}

function serverLogFile(dataDir: string): string {
  return join(dataDir, 'logs', 'neo4j.log');
}

function readState(file: string): ServerState | null {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<ServerState>;
    if (typeof raw.pid !== 'number' || typeof raw.uri !== 'string') return null;
    return {
      pid: raw.pid,
      uri: raw.uri,
      startedAt: typeof raw.startedAt === 'string' ? raw.startedAt : new Date(0).toISOString(),
      dataDir: typeof raw.dataDir === 'string' ? raw.dataDir : '',
    };
  } catch {
    return null;
  }
}

function writeState(file: string, state: ServerState): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(state, null, 2) + '\n');
}

/** Removes the state file only if it still describes `pid` (a newer server may own it). */
function removeState(file: string, pid: number | undefined): void {
  const state = readState(file);
  if (state && pid !== undefined && state.pid !== pid) return;
  rmSync(file, { force: true });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A claim holder is our Launcher or a Node process starting one (Linux; else trust the pid). */
function looksLikeOurs(pid: number): boolean {
  if (!existsSync('/proc/self/cmdline')) return true;
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return argv.includes('Launcher') || /(^|\/)(node|tsx)[\d.]*$/.test(argv[0] ?? '');
  } catch {
    return false;
  }
}

/** Guards against a recycled pid: on Linux, check the process really is our Launcher. */
function looksLikeLauncher(pid: number): boolean {
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync('/proc/self/cmdline')) return true; // no procfs: cannot tell, trust the pid
  try {
    return readFileSync(cmdline, 'utf8').split('\0').includes('Launcher');
  } catch {
    return false;
  }
}

async function boltAnswers(uri: string, password: string): Promise<boolean> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', password), {
    connectionTimeout: 3_000,
    maxConnectionPoolSize: 1,
  });
  try {
    await driver.verifyConnectivity();
    return true;
  } catch {
    return false;
  } finally {
    await driver.close().catch(() => {});
  }
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolvePort(port) : reject(new Error('neo4j: no free port'))));
    });
  });
}

/** The file's content from byte `offset` on ('' if it is missing). */
function readFrom(file: string, offset: number): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const buf = Buffer.alloc(Math.max(0, size - offset));
    readSync(fd, buf, 0, buf.length, offset);
    return buf.toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function redact(text: string, secret: string): string {
  return secret ? text.split(secret).join('***') : text;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
