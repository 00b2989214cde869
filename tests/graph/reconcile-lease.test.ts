import type { Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { withReconcileLease } from '../../src/graph/reconcile-lease.ts';
import { useCleanGraph } from '../helpers/neo4j.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function leaseHolder(driver: Driver): Promise<unknown> {
  const { records } = await driver.executeQuery("OPTIONAL MATCH (r:Reconciliation {id: 'reconciliation'}) RETURN r.leaseHolder AS holder");
  return records[0]?.get('holder') ?? null;
}

describe('the reconciliation lease', () => {
  let driver: Driver;
  useCleanGraph((d) => (driver = d));

  it('lets one run reconcile at a time: the second waits until the first is done', async () => {
    const events: string[] = [];
    let finishFirst!: () => void;
    const firstMayFinish = new Promise<void>((r) => (finishFirst = r));
    const first = withReconcileLease(driver, async () => {
      events.push('first starts');
      await firstMayFinish;
      events.push('first ends');
    });
    while (!events.includes('first starts')) await sleep(20);
    let waited = false;
    const second = withReconcileLease(
      driver,
      async () => {
        events.push('second starts');
      },
      { onWait: () => (waited = true) },
    );
    await sleep(600);
    expect(events).toEqual(['first starts']);
    expect(waited).toBe(true);
    finishFirst();
    await Promise.all([first, second]);
    expect(events).toEqual(['first starts', 'first ends', 'second starts']);
    expect(await leaseHolder(driver)).toBeNull();
  });

  it('is released when the work fails', async () => {
    await expect(withReconcileLease(driver, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await leaseHolder(driver)).toBeNull();
  });

  it('lapses when its holder stops renewing it (a run that died)', async () => {
    // A holder that is gone: its lease ends in 800 ms and nobody renews it.
    await driver.executeQuery("MERGE (r:Reconciliation {id: 'reconciliation'}) SET r.leaseHolder = 'gone', r.leaseUntil = datetime() + duration({milliseconds: 800})");
    let waited = false;
    const t0 = Date.now();
    const ran = await withReconcileLease(driver, async () => 'ran', { onWait: () => (waited = true) });
    expect(ran).toBe('ran');
    expect(waited).toBe(true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(700);
    expect(await leaseHolder(driver)).toBeNull();
  });

  it('is renewed while a long reconciliation works', async () => {
    let rival = false;
    let taking: Promise<unknown> | undefined;
    await withReconcileLease(
      driver,
      async () => {
        // Longer than the lease: a rival could take it only if it were not renewed.
        taking = withReconcileLease(driver, async () => (rival = true), { leaseMs: 900 });
        await sleep(2_000);
        expect(rival).toBe(false);
      },
      { leaseMs: 900 },
    );
    await taking;
    expect(rival).toBe(true);
  });
});
