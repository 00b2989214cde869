/**
 * What the local Neo4j keeps on disk between runs: the password, the state of a detached server
 * (server.json), the claim on a data dir (`<dataDir>.pid`) and the Bolt port kept with it; and
 * whether the process a file names is still ours.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NEO4J_STATE_DIR, PASSWORD_FILE, resolveDataDir, stateFileFor } from './paths.ts';

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
// the detached server's state file

export interface ServerState {
  pid: number;
  uri: string;
  startedAt: string;
  dataDir: string;
}

export function readState(file: string): ServerState | null {
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

export function writeState(file: string, state: ServerState): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(state, null, 2) + '\n');
}

/**
 * The state of the detached server on `dataDir` when its process is alive and is our Launcher;
 * a state file naming a process gone (or another program's) is removed.
 */
export function liveServerState(dataDir: string): { file: string; state: ServerState } | null {
  const file = stateFileFor(dataDir);
  const state = readState(file);
  if (!state) return null;
  if (!pidAlive(state.pid) || !looksLikeLauncher(state.pid)) {
    removeState(file, state.pid);
    return null;
  }
  return { file, state };
}

/** Removes the state file only if it still describes `pid` (a newer server may own it). */
export function removeState(file: string, pid: number | undefined): void {
  const state = readState(file);
  if (state && pid !== undefined && state.pid !== pid) return;
  rmSync(file, { force: true });
}

// ---------------------------------------------------------------------------------------------
// the claim on a data dir

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

export function claimDataDir(dataDir: string): void {
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

export function transferClaim(dataDir: string, from: number, to: number): void {
  const file = claimFileFor(dataDir);
  if (readClaim(file) === from) writeFileSync(file, `${to}\n`);
}

export function releaseDataDir(dataDir: string, pid: number | undefined): void {
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

// ---------------------------------------------------------------------------------------------
// the Bolt port kept with a data dir

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

export function keepPort(dataDir: string, port: number): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(keptPortFile(dataDir), `${port}\n`);
}

// ---------------------------------------------------------------------------------------------
// whose pid

export function pidAlive(pid: number): boolean {
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
export function looksLikeLauncher(pid: number): boolean {
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync('/proc/self/cmdline')) return true; // no procfs: cannot tell, trust the pid
  try {
    return readFileSync(cmdline, 'utf8').split('\0').includes('Launcher');
  } catch {
    return false;
  }
}
