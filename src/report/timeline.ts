/**
 * Stage-event claims folded into timeline points, per force. Pure.
 *
 * Documents state the same change with different precision ("June 2022", "28 June 2022") or with
 * no date at all ("has been removed from Engage"). A point is one change on one date; a less
 * precise date that contains a more precise one joins it, and an undated claim joins the same
 * change's point nearest its document's publication date. Each document still says how it dated
 * the change, so the folding never hides what a source actually said.
 */
import type { ReportDocument, StageEventRow } from './model.ts';

export type Precision = 'day' | 'month' | 'year';

export interface PointSource {
  document: ReportDocument;
  /** The date this document gives for the change, if any, and its precision. */
  date: string | null;
  precision: Precision | null;
  /** 'future' when the document announces the change ahead ("will enter"). */
  tense: string | null;
  evidence: string[];
}

export interface TimelinePoint {
  stage: string;
  change: string;
  /** The point's date: the most precise one its documents give, or a publication date. */
  date: string | null;
  precision: Precision | null;
  /** 'text' when a document states the date, 'publication' when only publication dates place it. */
  datedBy: 'text' | 'publication' | 'none';
  sources: PointSource[];
}

export interface ForceTimeline {
  force: string;
  /** Dated points, in time order. */
  points: TimelinePoint[];
  /** Changes no document dates, not even by publication. */
  undated: TimelinePoint[];
}

const RANK: Record<Precision, number> = { day: 3, month: 2, year: 1 };

export function precisionOf(date: string, stated: string | null): Precision {
  if (stated === 'day' || stated === 'month' || stated === 'year') return stated;
  return date.length >= 10 ? 'day' : date.length >= 7 ? 'month' : 'year';
}

/** A date as a fractional year, at the middle of its month or year when that is all it says. */
export function yearFraction(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const year = y ?? 0;
  if (!m) return year + 0.5;
  if (!d) return year + (m - 0.5) / 12;
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return year + (m - 1 + (d - 0.5) / days) / 12;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "28 June 2022", "June 2022", "2019": fixed English, not the reader's locale. */
export function formatDate(date: string | null, precision?: Precision | string | null): string {
  if (!date) return 'no date';
  const [y, m, d] = date.split('-');
  const p = precisionOf(date, precision ?? null);
  const month = m ? MONTHS[Number(m) - 1] : undefined;
  if (p === 'year' || !month) return y ?? date;
  if (p === 'month' || !d) return `${month} ${y}`;
  return `${Number(d)} ${month} ${y}`;
}

export function buildTimelines(events: readonly StageEventRow[], documents: readonly ReportDocument[]): ForceTimeline[] {
  const docs = new Map(documents.map((d) => [d.id, d]));
  const byForce = new Map<string, StageEventRow[]>();
  for (const e of events) {
    if (!docs.has(e.documentId)) continue;
    byForce.set(e.force, [...(byForce.get(e.force) ?? []), e]);
  }
  return [...byForce.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([force, rows]) => forceTimeline(force, rows, docs));
}

function forceTimeline(force: string, rows: StageEventRow[], docs: Map<string, ReportDocument>): ForceTimeline {
  const points: TimelinePoint[] = [];
  const undated: TimelinePoint[] = [];
  const same = (p: TimelinePoint, e: StageEventRow) => p.stage === e.stage && p.change === e.change;

  // Most precise first, so a point's date is the best any document gives.
  const dated = rows.filter((e) => e.date).sort((a, b) => RANK[precisionOf(b.date!, b.datePrecision)] - RANK[precisionOf(a.date!, a.datePrecision)] || a.date!.localeCompare(b.date!));
  for (const e of dated) {
    const date = e.date!;
    let point = points.find((p) => same(p, e) && p.date !== null && p.date.startsWith(date));
    if (!point) {
      point = { stage: e.stage, change: e.change, date, precision: precisionOf(date, e.datePrecision), datedBy: 'text', sources: [] };
      points.push(point);
    }
    addSource(point, e, docs.get(e.documentId)!);
  }

  for (const e of rows.filter((r) => !r.date)) {
    const doc = docs.get(e.documentId)!;
    const published = doc.publishedAt;
    const candidates = points.filter((p) => same(p, e) && p.datedBy === 'text');
    let point = published ? nearest(candidates, published) : candidates.length === 1 ? candidates[0] : undefined;
    if (!point && published) {
      point = points.find((p) => same(p, e) && p.datedBy === 'publication' && p.date === published);
      if (!point) {
        point = { stage: e.stage, change: e.change, date: published, precision: 'day', datedBy: 'publication', sources: [] };
        points.push(point);
      }
    }
    if (!point) {
      point = undated.find((p) => same(p, e));
      if (!point) {
        point = { stage: e.stage, change: e.change, date: null, precision: null, datedBy: 'none', sources: [] };
        undated.push(point);
      }
    }
    addSource(point, e, doc);
  }

  points.sort((a, b) => yearFraction(a.date!) - yearFraction(b.date!) || a.change.localeCompare(b.change));
  for (const p of [...points, ...undated]) p.sources.sort(bySource);
  return { force, points, undated };
}

/** The point closest to a publication date, preferring one on or before it: a report looks back. */
function nearest(points: TimelinePoint[], published: string): TimelinePoint | undefined {
  const at = yearFraction(published);
  const before = points.filter((p) => yearFraction(p.date!) <= at + 1 / 24);
  const pool = before.length ? before : points;
  return [...pool].sort((a, b) => Math.abs(yearFraction(a.date!) - at) - Math.abs(yearFraction(b.date!) - at))[0];
}

function addSource(point: TimelinePoint, e: StageEventRow, document: ReportDocument): void {
  let s = point.sources.find((x) => x.document.id === document.id);
  if (!s) {
    s = { document, date: null, precision: null, tense: null, evidence: [] };
    point.sources.push(s);
  }
  if (e.date) {
    const p = precisionOf(e.date, e.datePrecision);
    if (!s.date || RANK[p] > RANK[s.precision!]) {
      s.date = e.date;
      s.precision = p;
    }
  }
  if (e.tense === 'future' || !s.tense) s.tense = e.tense;
  if (!s.evidence.includes(e.evidence)) s.evidence.push(e.evidence);
}

const KIND_ORDER = ['inspectorate', 'government', 'police', 'press', 'other'];

function bySource(a: PointSource, b: PointSource): number {
  const k = (s: PointSource) => {
    const i = KIND_ORDER.indexOf(s.document.sourceKind);
    return i < 0 ? KIND_ORDER.length : i;
  };
  return k(a) - k(b) || a.document.publisher.localeCompare(b.document.publisher) || a.document.fileName.localeCompare(b.document.fileName);
}
