import type { Driver } from 'neo4j-driver';
import type { InputProblem } from '../src/model/document.ts';
import { HISTORY_KINDS, versionChanges, type VersionChange } from '../src/history/versions.ts';
import { readVersions } from '../src/graph/read-history.ts';
import { namedDocuments } from './remove.ts';

export interface HistoryOptions {
  /** Paths (as ingested, or from here), URLs or document ids of any version. */
  targets: string[];
  driver: Driver;
  /** Claim kinds to compare (default: all but name mentions). */
  kinds?: readonly string[];
  cwd?: string;
}

export interface DocumentHistory {
  key: string;
  /** Oldest first; the last is the current version (unless the document was removed). */
  versions: VersionChange[];
}

export interface HistorySummary {
  documents: DocumentHistory[];
  problems: InputProblem[];
}

/** The versions of each named document and what each changed in its claims. Reads only. */
export async function history(options: HistoryOptions): Promise<HistorySummary> {
  const { keys, problems } = await namedDocuments(options.driver, options.targets, {
    cwd: options.cwd,
    earlierVersions: true,
    unmatched: 'no document in the graph, current or earlier version, has this path, URL or id',
  });
  const kinds = options.kinds ?? HISTORY_KINDS;
  const documents: DocumentHistory[] = [];
  for (const key of keys) documents.push({ key, versions: versionChanges(await readVersions(options.driver, key, kinds), new Set(kinds)) });
  return { documents, problems };
}
