/** Reads everything the report shows from Neo4j (read-only), counted and limited there, and validates it. */
import neo4j, { type Driver } from 'neo4j-driver';
import { z } from 'zod';
import { runCypher, type Row } from '../graph/queries.ts';
import {
  ConflictGroup,
  CorroborationRow,
  DecisionGroup,
  FactSource,
  KindCount,
  PublisherCount,
  PublisherRow,
  ReportData,
  ReportDocument,
  StageEventGroup,
  type ForceTimeline,
} from './model.ts';
import * as Q from './queries.ts';
import { buildTimelines, kindRank, pointSource, type PointSkeleton } from './timeline.ts';

/** How much of each list the page shows; everything else is counted. */
export const REPORT_LIMITS = {
  /** Documents listed per kind of publisher behind a timeline point. */
  pointSourcesPerKind: 3,
  /** Quotations per decision (one open, the rest folded). */
  decisionQuotes: 3,
  /** Dates listed per decision. */
  decisionDates: 4,
  /** Conflicts shown side by side per force, subject and kind. */
  conflictsPerGroup: 2,
  /** Most recent documents listed. */
  recentDocuments: 25,
};

export async function readReport(driver: Driver, options: { now?: Date } = {}): Promise<ReportData> {
  const read = (cypher: string, params: Record<string, unknown> = {}) => runCypher(driver, cypher, params);
  // Limits travel as integers: a JavaScript number reaches Cypher as a float, which LIMIT and slices refuse.
  const L = Object.fromEntries(Object.entries(REPORT_LIMITS).map(([k, v]) => [k, neo4j.int(v)])) as Record<keyof typeof REPORT_LIMITS, unknown>;
  const [counts] = await read(Q.COUNTS);
  const publishers = await read(Q.PUBLISHERS);
  const recent = await read(Q.RECENT_DOCUMENTS, { limit: L.recentDocuments });
  const timelines = await readTimelines(read);
  const decisions = await read(Q.DECISION_GROUPS, { quotes: L.decisionQuotes, dates: L.decisionDates });
  const conflicts = await read(Q.CONFLICT_GROUPS, { perGroup: L.conflictsPerGroup });
  const [facts] = await read(Q.HAS_FACTS);
  const origin = facts?.any === true ? 'facts' : 'claims';
  const corroboration = origin === 'facts' ? (await read(Q.FACT_SOURCES)).map(factRow) : (await read(Q.CLAIM_SOURCES)).map(claimGroupRow);
  return ReportData.parse({
    generatedAt: (options.now ?? new Date()).toISOString(),
    counts: z.object({ documents: z.number(), sources: z.number(), claims: z.number(), forces: z.number() }).parse(counts),
    publishers: publishers.map((r) => PublisherRow.parse(r)),
    recentDocuments: recent.map((r) => ReportDocument.parse(r.document)),
    timelines,
    decisions: decisions.map((r) => DecisionGroup.parse(r)),
    conflicts: conflicts.map(conflictGroup),
    corroboration: { origin, rows: sortFacts(corroboration) },
  });
}

const PointSourcesRow = z.object({
  key: z.number(),
  documents: z.number(),
  byKind: z.array(KindCount),
  publishers: z.array(PublisherCount),
  sample: z.array(
    z.object({
      document: ReportDocument,
      claims: z.array(z.object({ date: z.string().nullable(), datePrecision: z.string().nullable(), tense: z.string().nullable(), evidence: z.string().nullable() })),
    }),
  ),
});

/** Points folded from counted claims, then the documents behind each point counted and sampled exactly. */
async function readTimelines(read: (cypher: string, params?: Record<string, unknown>) => Promise<Row[]>): Promise<ForceTimeline[]> {
  const skeletons = buildTimelines((await read(Q.STAGE_EVENT_GROUPS)).map((r) => StageEventGroup.parse(r)));
  const all: PointSkeleton[] = skeletons.flatMap((t) => [...t.points, ...t.undated]);
  const points = all.map((p, key) => ({ key, ...p.match }));
  const rows = points.length ? await read(Q.POINT_SOURCES, { points, perKind: neo4j.int(REPORT_LIMITS.pointSourcesPerKind) }) : [];
  for (const r of rows) {
    const row = PointSourcesRow.parse(r);
    const point = all[row.key]!.point;
    point.documents = row.documents;
    point.byKind = row.byKind.filter((k) => k.documents > 0);
    point.publishers = [...row.publishers].sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || b.documents - a.documents || a.publisher.localeCompare(b.publisher));
    point.sample = row.sample.map((x) => pointSource(x.document, x.claims));
  }
  const unwrap = (ps: PointSkeleton[]) => ps.map((p) => p.point);
  return skeletons.map((t) => ({ force: t.force, points: unwrap(t.points), undated: unwrap(t.undated) }));
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

function conflictGroup(r: Row): ConflictGroup {
  const g = ConflictGroup.parse(r);
  for (const c of g.shown) {
    // A side's document, when the conflict does not name it, is its claims' document.
    for (const side of [c.a, c.b]) {
      side.documentId ??= side.claims[0]?.documentId ?? null;
      side.claims.sort((x, y) => x.start - y.start || x.end - y.end);
    }
  }
  return g;
}

const KIND_ORDER = ['stageEvent', 'decision', 'area', 'entity'];

function sortFacts(rows: CorroborationRow[]): CorroborationRow[] {
  const rank = (k: string) => (KIND_ORDER.includes(k) ? KIND_ORDER.indexOf(k) : KIND_ORDER.length);
  return [...rows].sort((a, b) => rank(a.kind) - rank(b.kind) || a.label.localeCompare(b.label));
}
