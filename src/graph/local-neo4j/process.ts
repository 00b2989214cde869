/**
 * The JVM of a local Neo4j: launching it on a data dir and port, waiting until Bolt answers,
 * stopping it (SIGTERM, then SIGKILL, each wait bounded), and the ports it can listen on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import neo4j from 'neo4j-driver';
import { javaBin, readClasspath } from './install.ts';
import { CLASSES_DIR, INSTALL_HINT, PROJECT_ROOT, serverLogFile, sleep, stateFileFor, tail, type Log } from './paths.ts';
import { pidAlive, releaseDataDir, removeState, transferClaim, writeState } from './state.ts';

/** Env var the Launcher reads the password from (see Launcher.java). */
const PASSWORD_ENV = 'OVERSIGHT_NEO4J_PASSWORD';
const STOP_GRACE_MS = 20_000;
/** After SIGKILL the kernel frees a process in milliseconds; one still there after this will not go. */
const KILL_WAIT_MS = 10_000;
const JVM_HEAP = '-Xmx1g';
const PAGE_CACHE = '256m';
/** Neo4j's own default Bolt port, which the tools users already have try first. */
export const DEFAULT_BOLT_PORT = 7687;
/** How far past the wanted port to look for a free one. */
const PORT_SEARCH = 100;

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

/** Servers started (non-detached) by this process, stopped on exit / Ctrl-C / SIGTERM. */
const ownedChildren = new Set<ChildProcess>();
let exitHooksInstalled = false;

export class PortInUseError extends Error {}

export async function launch(args: {
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

  const terminate = (): Promise<void> => stopProcess({ pid: pid ?? -1, kill: (signal) => child.kill(signal), exited });

  const stop = async (): Promise<void> => {
    if (exitCode !== undefined) return;
    await terminate();
    if (detached) removeState(stateFileFor(dataDir), pid);
  };

  const fail = async (why: string): Promise<never> => {
    // A JVM that will not go is told after the reason it was stopped for; it keeps its state
    // file (a later stop finds it) and is no port clash to retry.
    let stuck = '';
    if (exitCode === undefined) await terminate().catch((err: Error) => (stuck = `\n${err.message}`));
    if (detached && !stuck) removeState(stateFileFor(dataDir), pid);
    const logTail = redact(tail(readOwnLog(), 40), password);
    if (/already in use|BindException/i.test(logTail) && !stuck) throw new PortInUseError(why);
    let hint = '';
    if (/FileLockException|locked by another process/i.test(logTail)) {
      hint =
        `\nAnother Neo4j process is using ${dataDir} (the store is locked). Only one server per ` +
        `data dir: run \`oversight neo4j start\` once and let commands reuse it, or pass a different dataDir.`;
    }
    if (spawnError && (spawnError as NodeJS.ErrnoException).code === 'ENOENT') {
      hint = `\n\`java\` was not found. Install a JDK 17+, e.g.: ${INSTALL_HINT}`;
    }
    throw new Error(`neo4j: ${why}${hint}${stuck}\nServer log (${logFile}), last lines:\n${logTail}`);
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

export interface StopTarget {
  pid: number;
  /** Sends a signal; default process.kill (a process already gone is no error). */
  kill?: (signal: NodeJS.Signals) => void;
  /** Settles when a child of this process has exited; without it the pid is polled. */
  exited?: Promise<void>;
}

/**
 * SIGTERM (the JVM's shutdown hook closes the store), SIGKILL after a grace period, then a
 * bounded wait: a process still there after SIGKILL (stuck in the kernel, or exited but not
 * reaped by its parent) makes the stop fail with a message instead of waiting for ever.
 */
export async function stopProcess(target: StopTarget, limits: { graceMs?: number; killWaitMs?: number } = {}): Promise<void> {
  const { pid } = target;
  const kill =
    target.kill ??
    ((signal: NodeJS.Signals) => {
      try {
        process.kill(pid, signal);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
      }
    });
  kill('SIGTERM');
  if (await waitGone(target, limits.graceMs ?? STOP_GRACE_MS)) return;
  kill('SIGKILL');
  const killWaitMs = limits.killWaitMs ?? KILL_WAIT_MS;
  if (await waitGone(target, killWaitMs)) return;
  throw new Error(
    `neo4j: process ${pid} is still there ${(killWaitMs / 1000).toFixed(1)} s after SIGKILL ` +
      `(stuck in the kernel, or exited and not reaped by its parent); it was not stopped. ` +
      `See it with \`ps -o pid,ppid,stat,cmd -p ${pid}\`.`,
  );
}

/** True once the process is gone, false when `ms` pass first. */
function waitGone(target: StopTarget, ms: number): Promise<boolean> {
  if (!target.exited && !pidAlive(target.pid)) return Promise.resolve(true);
  return new Promise((resolveGone) => {
    let poll: NodeJS.Timeout | undefined;
    // Cleared either way: a pending timer would keep this process alive for its whole length.
    const finish = (gone: boolean): void => {
      clearTimeout(timer);
      clearInterval(poll);
      resolveGone(gone);
    };
    const timer = setTimeout(() => finish(false), ms);
    if (target.exited) void target.exited.then(() => finish(true));
    else poll = setInterval(() => !pidAlive(target.pid) && finish(true), 100);
  });
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

export async function boltAnswers(uri: string, password: string): Promise<boolean> {
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

// ---------------------------------------------------------------------------------------------
// ports

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

export function freeLoopbackPort(): Promise<number> {
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

// ---------------------------------------------------------------------------------------------
// the server's log

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

function redact(text: string, secret: string): string {
  return secret ? text.split(secret).join('***') : text;
}
