/**
 * Real tests against a real Neo4j: the shared server from the global setup, plus one started
 * here on its own data dir to check that stop() leaves nothing behind. Each start costs ~15 s,
 * so keep the number of servers small.
 */
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDriver } from '../../src/graph/connection.ts';
import {
  DataDirInUseError,
  NEO4J_STATE_DIR,
  startLocalNeo4j,
  type LocalNeo4j,
} from '../../src/graph/local-neo4j.ts';

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
