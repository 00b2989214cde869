/** A local Neo4j server's life: start (or reuse), find, stop and status, and how users connect to it. */
import { rmSync } from 'node:fs';
import { installLocalNeo4j, localNeo4jInstalled } from './install.ts';
import { DEFAULT_DATA_DIR, noLog, PASSWORD_FILE, resolveDataDir, serverLogFile, sleep, stateFileFor, type Log } from './paths.ts';
import {
  boltAnswers,
  DEFAULT_BOLT_PORT,
  firstFreePort,
  freeLoopbackPort,
  launch,
  portIsFree,
  PortInUseError,
  stopProcess,
  type LocalNeo4j,
  type LocalNeo4jCredentials,
} from './process.ts';
import { claimDataDir, keepPort, liveServerState, localNeo4jPassword, pidAlive, readKeptPort, readState, releaseDataDir, removeState } from './state.ts';

const DEFAULT_START_TIMEOUT_MS = 120_000;

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

/**
 * The detached server on `dataDir` (default `.neo4j/data`) if its process is alive and Bolt
 * answers with our password; a stale state file is removed. Waits for one still starting.
 */
export async function findRunningLocalNeo4j(
  opts: { dataDir?: string } = {},
): Promise<LocalNeo4jCredentials | null> {
  const live = liveServerState(resolveDataDir(opts.dataDir));
  if (!live) return null;
  const { file, state } = live;
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

/**
 * Stops the detached server on `dataDir`. Returns false when none was running. Throws when
 * its process outlives SIGKILL; its state file is then kept, for a later stop to find.
 */
export async function stopLocalNeo4j(opts: { dataDir?: string } = {}): Promise<boolean> {
  const live = liveServerState(resolveDataDir(opts.dataDir));
  if (!live) return false;
  const { file, state } = live;
  await stopProcess({ pid: state.pid });
  removeState(file, state.pid);
  releaseDataDir(resolveDataDir(opts.dataDir), state.pid);
  return true;
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
