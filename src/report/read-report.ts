/** Reads everything the report shows from Neo4j (read-only) and validates it. */
import type { Driver } from 'neo4j-driver';
import { z } from 'zod';
import { runCypher, savedQuery, type Row } from '../graph/queries.ts';
import { ConflictRow, CorroborationRow, DecisionRow, FactSource, ReportData, ReportDocument, StageEventRow } from './model.ts';
import * as Q from './queries.ts';

export async function readReport(driver: Driver, options: { now?: Date } = {}): Promise<ReportData> {
  const read = (cypher: string, params: Record<string, unknown> = {}) => runCypher(driver, cypher, params);
  const [counts] = await read(Q.COUNTS);
  const documents = await read(Q.DOCUMENTS);
  const stageEvents = await read(Q.STAGE_EVENTS);
  const decisions = await read(savedQuery('who-decided-what').cypher, { force: null });
  const conflicts = await read(Q.CONFLICTS);
  const [facts] = await read(Q.HAS_FACTS);
  const origin = facts?.any === true ? 'facts' : 'claims';
  const corroboration = origin === 'facts' ? (await read(Q.FACT_SOURCES)).map(factRow) : (await read(Q.CLAIM_SOURCES)).map(claimGroupRow);
  return ReportData.parse({
    generatedAt: (options.now ?? new Date()).toISOString(),
    counts: z.object({ documents: z.number(), sources: z.number(), claims: z.number(), forces: z.number() }).parse(counts),
    documents: documents.map((r) => ReportDocument.parse(r)),
    stageEvents: stageEvents.map((r) => StageEventRow.parse(r)),
    decisions: decisions.map((r) => DecisionRow.parse(r)),
    conflicts: conflicts.map(conflictRow),
    corroboration: { origin, rows: sortFacts(corroboration) },
  });
}

function claimGroupRow(r: Row): CorroborationRow {
  const g = z.object({ force: z.string(), stage: z.string().nullable(), change: z.string().nullable(), sources: z.array(FactSource) }).parse(r);
  return { kind: 'stageEvent', label: `${g.force} ${[g.change, g.stage].filter(Boolean).join(' ')}`.trim(), date: null, datePrecision: null, sources: g.sources };
}

/**
 * A :Fact in words. The reconciliation gives each fact a readable `subject` ("Cleveland Police
 * entered Engage"); a fact without one falls back to its plain values.
 */
export function factRow(r: Row): CorroborationRow {
  const g = z.object({ props: z.record(z.string(), z.unknown()), sources: z.array(FactSource) }).parse(r);
  const s = (k: string) => (typeof g.props[k] === 'string' && g.props[k] !== '' ? (g.props[k] as string) : null);
  const kind = s('kind') ?? 'other';
  let label = s('subject');
  if (label && kind === 'entity' && s('object')) label = `${label} (${s('object')!.toLowerCase()})`;
  if (!label) {
    label =
      Object.entries(g.props)
        .filter(([k, v]) => k !== 'id' && (typeof v === 'string' || typeof v === 'number'))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => `${k} ${String(v)}`)
        .join(', ') || 'fact';
  }
  return { kind, label, date: s('date'), datePrecision: s('datePrecision'), sources: g.sources };
}

function conflictRow(r: Row): ConflictRow {
  const c = ConflictRow.parse(r);
  // A side's document, when the conflict does not name it, is its claims' document.
  for (const side of [c.a, c.b]) {
    side.documentId ??= side.claims[0]?.documentId ?? null;
    side.claims.sort((x, y) => x.start - y.start || x.end - y.end);
  }
  return c;
}

const KIND_ORDER = ['stageEvent', 'decision', 'area', 'entity'];

function sortFacts(rows: CorroborationRow[]): CorroborationRow[] {
  const rank = (k: string) => (KIND_ORDER.includes(k) ? KIND_ORDER.indexOf(k) : KIND_ORDER.length);
  return [...rows].sort((a, b) => rank(a.kind) - rank(b.kind) || a.label.localeCompare(b.label));
}
