/** `oversight report`: read the graph, render the page, write it. The only I/O around the pure renderer. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { readReport } from './read-report.ts';
import { renderReport } from './render.ts';

export const DEFAULT_REPORT_PATH = 'out/report.html';

export interface ReportSummary {
  /** Absolute path of the written file. */
  out: string;
  bytes: number;
  documents: number;
  forces: number;
  /** Timeline points over all forces. */
  points: number;
  /** Decision rows: one per force, stage change, actor and act. */
  decisions: number;
  conflicts: number;
  facts: number;
  corroboration: 'facts' | 'claims';
}

export async function writeReport(driver: Driver, out: string = DEFAULT_REPORT_PATH, options: { now?: Date } = {}): Promise<ReportSummary> {
  const data = await readReport(driver, options);
  const page = renderReport(data);
  const path = resolve(out);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, page, 'utf8');
  return {
    out: path,
    bytes: Buffer.byteLength(page),
    documents: data.counts.documents,
    forces: data.timelines.length,
    points: data.timelines.reduce((n, t) => n + t.points.length + t.undated.length, 0),
    decisions: data.decisions.length,
    conflicts: data.conflicts.reduce((n, g) => n + g.total, 0),
    facts: data.corroboration.rows.length,
    corroboration: data.corroboration.origin,
  };
}
