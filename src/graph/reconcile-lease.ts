import { randomUUID } from 'node:crypto';
import type { Driver } from 'neo4j-driver';

/**
 * One reconciliation at a time, across processes. Joining new documents to a fact reads the fact
 * and writes it back widened; two ingests doing that at once would each write their own widening
 * and one would be lost. So a reconciliation holds a lease on the graph's :Reconciliation node:
 * the holder's id and a time (the server's clock) until which it holds it, renewed while it works.
 * A run that dies stops renewing, and its lease lapses after LEASE_MS.
 */
export const LEASE_MS = 30_000;
const RENEW_MS = 10_000;
const POLL_MS = 250;

const TAKE = `
MERGE (r:Reconciliation {id: 'reconciliation'})
WITH r, r.leaseHolder IS NULL OR r.leaseUntil IS NULL OR r.leaseUntil < datetime() OR r.leaseHolder = $holder AS free
SET r.leaseHolder = CASE WHEN free THEN $holder ELSE r.leaseHolder END,
    r.leaseUntil = CASE WHEN free THEN datetime() + duration({milliseconds: $ms}) ELSE r.leaseUntil END
RETURN free, r.leaseHolder AS holder`;

const RENEW = `
MATCH (r:Reconciliation {id: 'reconciliation'}) WHERE r.leaseHolder = $holder
SET r.leaseUntil = datetime() + duration({milliseconds: $ms})`;

const RELEASE = `
MATCH (r:Reconciliation {id: 'reconciliation'}) WHERE r.leaseHolder = $holder
REMOVE r.leaseHolder, r.leaseUntil`;

export interface LeaseOptions {
  /** Called once if another reconciliation holds the lease and this one waits. */
  onWait?: (holder: string) => void;
  /** How long an unrenewed lease lasts (tests shorten it). */
  leaseMs?: number;
}

/** Runs `work` holding the reconciliation lease: waits while another live run holds it. */
export async function withReconcileLease<T>(driver: Driver, work: () => Promise<T>, options: LeaseOptions = {}): Promise<T> {
  const holder = randomUUID();
  const ms = options.leaseMs ?? LEASE_MS;
  let told = false;
  for (;;) {
    const { records } = await driver.executeQuery(TAKE, { holder, ms }, { routing: 'WRITE' });
    if (records[0]?.get('free') === true) break;
    if (!told) {
      told = true;
      options.onWait?.(String(records[0]?.get('holder')));
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  let renewing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    // A failed renewal is not fatal here: the work's own writes fail too if the server is gone.
    renewing = driver.executeQuery(RENEW, { holder, ms }, { routing: 'WRITE' }).catch(() => {});
  }, Math.min(RENEW_MS, ms / 3));
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
    await renewing;
    await driver.executeQuery(RELEASE, { holder }, { routing: 'WRITE' }).catch(() => {});
  }
}
