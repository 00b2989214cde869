/**
 * Where the graph goes: an external Neo4j named by NEO4J_URI, else the project's local server
 * (a detached one if running, else one started just for this command).
 *
 * Credentials never appear in thrown messages or logs; the URI may.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { z } from 'zod';
import { findRunningLocalNeo4j, startLocalNeo4j, type Log } from './local-neo4j/index.ts';

export type Neo4jSource = 'env' | 'local-running' | 'local-started';

export interface ResolvedNeo4j {
  driver: Driver;
  uri: string;
  source: Neo4jSource;
  /** Closes the driver and, for 'local-started', stops the server. Idempotent. */
  release(): Promise<void>;
}

export interface ResolveOptions {
  log?: Log;
  /** Defaults to process.env; injectable for tests. */
  env?: NodeJS.ProcessEnv;
  /** Data dir for a local server started here (default `.neo4j/data`). */
  dataDir?: string;
  /** Where warnings go (default stderr); they are never silent, whatever `log` is. */
  warn?: Log;
  /** Opens the driver; injectable so tests can check what happens before any connection. */
  connect?: typeof openDriver;
}

const envSchema = z.object({
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s]+$/, 'must look like bolt://host:7687 or neo4j+s://host'),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z
    .string({ error: 'must be set when NEO4J_URI is set' })
    .min(1, 'must be set when NEO4J_URI is set'),
});

export async function resolveNeo4j(opts: ResolveOptions = {}): Promise<ResolvedNeo4j> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? (() => {});

  if (env.NEO4J_URI) {
    const parsed = envSchema.safeParse({
      NEO4J_URI: env.NEO4J_URI,
      NEO4J_USER: env.NEO4J_USER || undefined,
      NEO4J_PASSWORD: env.NEO4J_PASSWORD,
    });
    if (!parsed.success) {
      // Only names and rules, never values: NEO4J_PASSWORD must not leak through a message.
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(`Invalid Neo4j settings in the environment: ${problems}`);
    }
    const { NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password } = parsed.data;
    log(`neo4j: using ${uri} (from NEO4J_URI)`);
    const clearText = clearTextWarning(uri);
    if (clearText) (opts.warn ?? warnOnStderr)(clearText);
    const driver = await (opts.connect ?? openDriver)(uri, user, password);
    return { driver, uri, source: 'env', release: once(() => driver.close()) };
  }

  const running = await findRunningLocalNeo4j({ dataDir: opts.dataDir });
  if (running) {
    log(`neo4j: using the running local server ${running.uri}`);
    const driver = await openDriver(running.uri, running.user, running.password);
    return { driver, uri: running.uri, source: 'local-running', release: once(() => driver.close()) };
  }

  const server = await startLocalNeo4j({ dataDir: opts.dataDir, log });
  let driver: Driver;
  try {
    driver = await openDriver(server.uri, server.user, server.password);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return {
    driver,
    uri: server.uri,
    source: 'local-started',
    release: once(async () => {
      try {
        await driver.close();
      } finally {
        await server.stop();
      }
    }),
  };
}

const warnOnStderr: Log = (line) => process.stderr.write(`${line}\n`);

/** Loopback names and addresses: traffic to them never leaves the machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(h) || h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

/**
 * A warning when `uri` sends the password in clear: bolt:// or neo4j:// (no TLS) to a host
 * other than this machine. Null when the scheme encrypts (+s, +ssc) or the host is loopback.
 */
export function clearTextWarning(uri: string): string | null {
  const m = /^(bolt|neo4j)(\+s|\+ssc)?:\/\/([^/?#]+)/.exec(uri);
  if (!m || m[2]) return null;
  const hostPort = m[3]!.replace(/^[^@]*@/, '');
  const host = hostPort.startsWith('[') ? hostPort.slice(0, hostPort.indexOf(']') + 1) : hostPort.replace(/:\d*$/, '');
  if (isLoopbackHost(host)) return null;
  return (
    `warning: NEO4J_URI ${m[1]}://${host} is not encrypted: the password and the graph travel in clear to ${host}. ` +
    `Use ${m[1]}+s:// (or ${m[1]}+ssc:// for a self-signed certificate) unless the network is trusted.`
  );
}

/**
 * A driver that has proved it can reach and log in to `uri`. On failure the driver is closed
 * and the error names the URI and the server's error code, never the credentials.
 */
export async function openDriver(uri: string, user: string, password: string): Promise<Driver> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(user, password), {
    userAgent: 'oversight-graph',
    connectionTimeout: 10_000,
    // The driver's own retry of a managed transaction is kept short; writeDocuments adds a bounded retry around it.
    maxTransactionRetryTime: 5_000,
  });
  try {
    await driver.verifyConnectivity();
    return driver;
  } catch (err) {
    await driver.close().catch(() => {});
    const code = (err as { code?: unknown }).code;
    const message = err instanceof Error ? err.message : String(err);
    // The user name is scrubbed too, unless it is too short or generic to mean anything.
    const safe = scrub(message, [password, user.length >= 4 && user !== 'neo4j' ? user : '']);
    throw new Error(`Cannot connect to Neo4j at ${uri}${code ? ` (${String(code)})` : ''}: ${safe}`);
  }
}

function scrub(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('***');
  return out;
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let p: Promise<void> | undefined;
  return () => (p ??= fn());
}
