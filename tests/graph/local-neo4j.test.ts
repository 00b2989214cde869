/**
 * Real tests against a real Neo4j: the shared server from the global setup, plus one started
 * here on its own data dir to check that stop() leaves nothing behind. Each start costs ~15 s,
 * so keep the number of servers small.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDriver } from '../../src/graph/connection.ts';
import {
  DataDirInUseError,
  DEFAULT_BOLT_PORT,
  firstFreePort,
  NEO4J_STATE_DIR,
  readKeptPort,
  startLocalNeo4j,
  type LocalNeo4j,
} from '../../src/graph/local-neo4j/index.ts';

const provided = inject('neo4j');
// The global setup started this server itself (not one named by OVERSIGHT_TEST_NEO4J_URI).
const isLocal = provided.dataDir !== undefined;

describe('shared Neo4j (global setup)', () => {
  let driver: Driver;

  beforeAll(async () => {
    driver = await openDriver(provided.uri, provided.user, provided.password);
  });
  afterAll(async () => {
    await driver?.close();
  });

  it('round-trips queries', async () => {
    const one = await driver.executeQuery('RETURN 1 AS one');
    expect(one.records[0]?.get('one').toNumber()).toBe(1);

    const tag = `local-neo4j-test-${process.pid}-${Date.now()}`;
    await driver.executeQuery('CREATE (:LocalNeo4jTest {tag: $tag, n: 42})', { tag });
    const found = await driver.executeQuery('MATCH (t:LocalNeo4jTest {tag: $tag}) RETURN t.n AS n', {
      tag,
    });
    expect(found.records.map((r) => r.get('n').toNumber())).toEqual([42]);
    await driver.executeQuery('MATCH (t:LocalNeo4jTest {tag: $tag}) DELETE t', { tag });
  });

  it('refuses a wrong password, without echoing it', async () => {
    const wrong = 'definitely-not-the-password';
    const err = await openDriver(provided.uri, provided.user, wrong).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err?.message).toMatch(/Unauthorized|authentication/i);
    expect(err?.message).not.toContain(wrong);
  });

  it.runIf(isLocal)('listens on 127.0.0.1 only', () => {
    const url = new URL(provided.uri);
    expect(url.hostname).toBe('127.0.0.1');
    // Ask the kernel rather than probing other interfaces: the listening socket's own address.
    const listeners = linuxListeners(Number(url.port));
    if (listeners === null) return; // no procfs (not Linux): the URI check above is all we can do
    expect(listeners.length).toBeGreaterThan(0);
    for (const addr of listeners) expect(addr).toBe('127.0.0.1');
  });

  it.runIf(isLocal)('keeps the password file private and out of the server logs', () => {
    const pwFile = join(NEO4J_STATE_DIR, 'password');
    expect(statSync(pwFile).mode & 0o777).toBe(0o600);
    expect(provided.dataDir).toBeTruthy();
    const logsDir = join(provided.dataDir ?? '', 'logs');
    const logs = readdirSync(logsDir);
    expect(logs).toContain('neo4j.log');
    expect(logs).toContain('debug.log');
    for (const name of logs) {
      expect(readFileSync(join(logsDir, name), 'utf8'), name).not.toContain(provided.password);
    }
  });

  it.runIf(isLocal)('refuses a second server on a data dir in use, without wiping it', async () => {
    const err = await startLocalNeo4j({ dataDir: provided.dataDir, wipe: true }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DataDirInUseError);
    const still = await driver.executeQuery('RETURN 3 AS three');
    expect(still.records[0]?.get('three').toNumber()).toBe(3);
  });
});

describe.runIf(isLocal)('a separately started server', () => {
  // Per process, so a concurrent test run cannot collide with this one.
  const dataDir = join(NEO4J_STATE_DIR, `test-data-2-${process.pid}`);
  let server: LocalNeo4j | undefined;

  afterAll(async () => {
    await server?.stop(); // in case a test failed before stopping it
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers, then stop() ends the process and closes the port', async () => {
    server = await startLocalNeo4j({ dataDir, wipe: true });
    expect(server.uri).not.toBe(provided.uri);
    const driver = await openDriver(server.uri, server.user, server.password);
    const res = await driver.executeQuery('RETURN 2 AS two');
    expect(res.records[0]?.get('two').toNumber()).toBe(2);
    await driver.close();

    const { pid } = server;
    const port = Number(new URL(server.uri).port);
    await server.stop();
    expect(() => process.kill(pid, 0)).toThrow();
    expect(await portOpen(port)).toBe(false);
    await server.stop(); // idempotent
  });
});

describe('a stable address', () => {
  it.runIf(isLocal)("leaves 7687 to the user: the test server takes a free port of its own and keeps none", () => {
    expect(Number(new URL(provided.uri).port)).not.toBe(DEFAULT_BOLT_PORT);
    expect(readKeptPort(provided.dataDir!)).toBeNull();
  });

  it('takes the next free port when the wanted one is busy', async () => {
    const busy = createServer();
    const port = await new Promise<number>((r) => busy.listen(0, '127.0.0.1', () => r((busy.address() as { port: number }).port)));
    try {
      const next = await firstFreePort(port);
      expect(next).toBeGreaterThan(port);
      expect(await firstFreePort(port, async (p) => p === port + 3)).toBe(port + 3);
      // A port asked for by name is not swapped for another: the saved connection would miss it.
      const err = await startLocalNeo4j({ dataDir: join(NEO4J_STATE_DIR, `test-busy-port-${process.pid}`), port }).then(() => null, (e: unknown) => e as Error);
      expect(err?.message).toMatch(new RegExp(`port ${port} is in use`));
    } finally {
      busy.close();
      rmSync(join(NEO4J_STATE_DIR, `test-busy-port-${process.pid}`), { recursive: true, force: true });
    }
  });
});

describe.runIf(isLocal)('the same graph on the same address', () => {
  const dataDir = join(NEO4J_STATE_DIR, `test-data-port-${process.pid}`);
  const BIN = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'bin', 'oversight.mjs');
  let server: LocalNeo4j | undefined;

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('two starts on the same data give the same address; status prints how to connect, never the password', async () => {
    // A free port far from 7687, so the test takes nothing a user may be running.
    const port = await firstFreePort(20_000 + (process.pid % 20_000));
    server = await startLocalNeo4j({ dataDir, wipe: true, detached: true, port });
    const first = server.uri;
    expect(first).toBe(`bolt://127.0.0.1:${port}`);
    expect(readKeptPort(dataDir)).toBe(port);

    const status = spawnSync(process.execPath, [BIN, 'neo4j', 'status', '--data-dir', dataDir], { encoding: 'utf8', timeout: 120_000 });
    expect(status.status, status.stderr).toBe(0);
    expect(status.stdout).toContain(`running: ${first}`);
    for (const part of [`address   ${first}`, 'user      neo4j', join(NEO4J_STATE_DIR, 'password'), 'Neo4j Browser', 'Neo4j Desktop', `cypher-shell -a ${first} -u neo4j`]) {
      expect(status.stdout).toContain(part);
    }
    expect(status.stdout + status.stderr).not.toContain(server.password);

    await server.stop();
    // No port named this time: the one kept with the data.
    server = await startLocalNeo4j({ dataDir, detached: true, stablePort: true });
    expect(server.uri).toBe(first);
    const driver = await openDriver(server.uri, server.user, server.password);
    expect((await driver.executeQuery('RETURN 1 AS one')).records[0]?.get('one').toNumber()).toBe(1);
    await driver.close();
    await server.stop();
    server = undefined;
  });
});

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(2_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Local addresses of TCP sockets listening on `port`, from /proc/net/tcp{,6}; null without
 * procfs. IPv4-mapped IPv6 addresses (how Java binds 127.0.0.1) come back as dotted IPv4.
 */
function linuxListeners(port: number): string[] | null {
  const files = ['/proc/net/tcp', '/proc/net/tcp6'].filter((f) => existsSync(f));
  if (files.length === 0) return null;
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  const out: string[] = [];
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const local = cols[1];
      const state = cols[3];
      if (!local || state !== '0A') continue; // 0A = LISTEN
      const [addrHex, p] = local.split(':');
      if (p !== portHex || !addrHex) continue;
      out.push(procAddress(addrHex));
    }
  }
  return out;
}

function procAddress(hex: string): string {
  // IPv4 (and the last word of IPv6) are little-endian 32-bit words in /proc.
  const v4 = (word: string): string =>
    [6, 4, 2, 0].map((i) => parseInt(word.slice(i, i + 2), 16)).join('.');
  if (hex.length === 8) return v4(hex);
  if (hex.startsWith('0000000000000000FFFF0000')) return v4(hex.slice(24));
  return hex === '00000000000000000000000000000000' ? '::' : `ipv6:${hex}`;
}
