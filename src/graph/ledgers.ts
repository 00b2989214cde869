// Forces' ledgers in the graph (src/reconcile/ledger.ts): one (:Ledger {force})
// node a force, its record one string (ledger-record.ts). A ledger is written
// whenever its force's block is recomputed whole or joined to, in the same
// reconciliation as the block's facts, and goes with them (removeReconciled).
// A force whose block holds no document has none.
import type { Driver } from 'neo4j-driver';
import { chunks } from '../util/chunks.ts';
import type { ForceLedger } from '../reconcile/ledger.ts';
import { ledgerRecordOf, parseLedgerRecord } from './ledger-record.ts';
import { read, write, KEY_CHUNK } from './write-reconciled.ts';

const WRITE_LEDGERS = `
UNWIND $rows AS row
MERGE (l:Ledger {force: row.force})
SET l.record = row.record`;

const REMOVE_LEDGERS = 'UNWIND $keys AS key MATCH (l:Ledger {force: key}) DELETE l';

const READ_LEDGERS = `
UNWIND $keys AS key
MATCH (l:Ledger {force: key})
RETURN key, l.record AS record`;

/** Ledgers per write: a ledger is tens of kilobytes. */
const LEDGERS_PER_WRITE = 50;

/** Writes each force's ledger, or removes it (null: the force's block holds no document). */
export async function writeLedgers(driver: Driver, ledgers: ReadonlyArray<{ forceKey: string; ledger: ForceLedger | null }>): Promise<void> {
  const rows = ledgers.filter((l) => l.ledger !== null).map((l) => ({ force: l.forceKey, record: ledgerRecordOf(l.ledger!) }));
  for (const part of chunks(rows, LEDGERS_PER_WRITE)) await write(driver, WRITE_LEDGERS, { rows: part });
  const gone = ledgers.filter((l) => l.ledger === null).map((l) => l.forceKey);
  for (const keys of chunks(gone, KEY_CHUNK)) await write(driver, REMOVE_LEDGERS, { keys });
}

/**
 * The ledgers of these forces, by force key: a force without one, or with one of another version
 * or that does not read, is left out (its block is then recomputed whole).
 */
export async function readLedgers(driver: Driver, forceKeys: readonly string[]): Promise<Map<string, ForceLedger>> {
  const out = new Map<string, ForceLedger>();
  for (const keys of chunks(forceKeys, KEY_CHUNK)) {
    for (const r of await read(driver, READ_LEDGERS, { keys })) {
      const key = String(r.get('key'));
      const ledger = parseLedgerRecord(r.get('record'), key);
      if (ledger) out.set(key, ledger);
    }
  }
  return out;
}
