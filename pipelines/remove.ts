import { existsSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { Driver } from 'neo4j-driver';
import type { InputProblem } from '../src/model/document.ts';
import { findDocuments, planRemoval, removeDocuments, type DocumentTarget, type RemovalPlan } from '../src/graph/remove-documents.ts';
import { documentEntities, markWriting } from '../src/graph/write-reconciled.ts';
import { reconcileGraph, ReconcileChanges, type ReconcileSummary } from './reconcile.ts';

export interface RemoveOptions {
  /** Paths (files or folders, as ingested or from here), URLs or document ids. */
  targets: string[];
  driver: Driver;
  /** List what would go and change nothing. */
  dryRun?: boolean;
  /** The working directory relative paths are taken from (default: this process's). */
  cwd?: string;
}

export interface RemoveSummary extends RemovalPlan {
  dryRun: boolean;
  /** Facts and conflicts after the removal (absent on a dry run). */
  reconciled: ReconcileSummary | null;
  /** Targets that name no document. */
  problems: InputProblem[];
}

/** What a user's argument can mean: an id, URL or path as stored, that path resolved, or a folder holding documents. */
export function documentTarget(given: string, cwd: string = process.cwd()): DocumentTarget {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(given)) return { given, values: [given], folders: [] };
  const absolute = resolve(cwd, given);
  // A file ingested from inside a folder has the key file:<path within that folder>.
  const values = [...new Set([given, absolute, `file:${given}`])];
  const withSep = (p: string) => (p.endsWith(sep) ? p : p + sep);
  const folders = isDirectory(absolute) ? [...new Set([withSep(given), withSep(absolute)])] : [];
  return { given, values, folders };
}

function isDirectory(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The keys of the documents a user's arguments name (each once, in the order named), and a problem
 * for each argument that names none. With `earlierVersions`, an earlier version's id or path names its document too.
 */
export async function namedDocuments(
  driver: Driver,
  given: readonly string[],
  options: { cwd?: string; earlierVersions?: boolean; unmatched: string },
): Promise<{ keys: string[]; problems: InputProblem[] }> {
  const found = await findDocuments(driver, given.map((t) => documentTarget(t, options.cwd)), { earlierVersions: options.earlierVersions });
  const problems: InputProblem[] = [];
  const keys = new Set<string>();
  for (const [path, matched] of found) {
    if (matched.length === 0) problems.push({ path, severity: 'error', reason: options.unmatched });
    for (const key of matched) keys.add(key);
  }
  return { keys: [...keys], problems };
}

/**
 * Removes documents named by path, URL or id: their sentences and claims, the entities, stages
 * and sources nothing else refers to; then recomputes facts and conflicts from what is left,
 * so the graph is the one an ingest without those documents would have built.
 */
export async function remove(options: RemoveOptions): Promise<RemoveSummary> {
  const { driver } = options;
  const { keys, problems } = await namedDocuments(driver, options.targets, {
    cwd: options.cwd,
    unmatched: 'no document in the graph has this path, URL or id: nothing removed for it',
  });
  const plan = await planRemoval(driver, keys);
  if (options.dryRun || keys.length === 0) return { ...plan, dryRun: options.dryRun ?? false, reconciled: null, problems };
  // What the removed documents named, read before they go: the blocks to recompute.
  const changes = new ReconcileChanges();
  changes.add(await documentEntities(driver, keys));
  changes.dropClaims();
  if (await markWriting(driver, changes.run)) changes.afterInterruptedRun();
  await removeDocuments(driver, keys);
  const reconciled = await reconcileGraph(driver, { changes });
  return { ...plan, dryRun: false, reconciled, problems };
}
