/**
 * Stage-event claims folded into timeline points, per force. Pure.
 *
 * Documents state the same change with different precision ("June 2022", "28 June 2022") or with
 * no date at all ("has been removed from Engage"). A point is one change on one date; a less
 * precise date that contains a more precise one joins it, and an undated claim joins the same
 * change's point nearest its document's publication date. The folding works on claims already
 * counted by date in Cypher (StageEventGroup), so it costs the same for 10 documents or 10,000;
 * each point keeps which dates and publication dates it took, so the documents behind it can be
 * counted and sampled exactly afterwards (read-report.ts). Each document still says how it dated
 * the change, so the folding never hides what a source actually said.
 */
import type { ForceTimeline, PointSource, StageEventGroup, TimelinePoint } from './model.ts';

export type Precision = 'day' | 'month' | 'year';
export type { ForceTimeline, PointSource, TimelinePoint };

/** Which claims make up a point: those dated one of `dates`, and the undated ones of documents published on one of `published` (or never, with `none`). */
export interface PointMatch {
  force: string;
  stage: string;
  change: string;
  dates: string[];
  published: string[];
  none: boolean;
}

export interface PointSkeleton {
  point: TimelinePoint;
  match: PointMatch;
}

export interface TimelineSkeleton {
  force: string;
  points: PointSkeleton[];
  undated: PointSkeleton[];
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

export function buildTimelines(groups: readonly StageEventGroup[]): TimelineSkeleton[] {
  const byForce = new Map<string, StageEventGroup[]>();
  for (const g of groups) byForce.set(g.force, [...(byForce.get(g.force) ?? []), g]);
  return [...byForce.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([force, rows]) => forceTimeline(force, rows));
}

function emptyPoint(g: StageEventGroup, date: string | null, precision: Precision | null, datedBy: TimelinePoint['datedBy']): PointSkeleton {
  return {
    point: { stage: g.stage, change: g.change, date, precision, datedBy, documents: 0, byKind: [], publishers: [], sample: [] },
    match: { force: g.force, stage: g.stage, change: g.change, dates: [], published: [], none: datedBy === 'none' },
  };
}

function forceTimeline(force: string, rows: StageEventGroup[]): TimelineSkeleton {
  const points: PointSkeleton[] = [];
  const undated: PointSkeleton[] = [];
  const same = (p: PointSkeleton, g: StageEventGroup) => p.point.stage === g.stage && p.point.change === g.change;
  const add = (p: PointSkeleton, g: StageEventGroup) => {
    // A first estimate; read-report.ts replaces it with the exact count of distinct documents.
    p.point.documents += g.documents;
    if (g.date) {
      if (!p.match.dates.includes(g.date)) p.match.dates.push(g.date);
    } else if (g.published && !p.match.published.includes(g.published)) p.match.published.push(g.published);
  };

  // Most precise first, so a point's date is the best any document gives.
  const dated = rows.filter((g) => g.date).sort((a, b) => RANK[precisionOf(b.date!, b.datePrecision)] - RANK[precisionOf(a.date!, a.datePrecision)] || a.date!.localeCompare(b.date!));
  for (const g of dated) {
    const date = g.date!;
    let point = points.find((p) => same(p, g) && p.point.date !== null && p.point.date.startsWith(date));
    if (!point) {
      point = emptyPoint(g, date, precisionOf(date, g.datePrecision), 'text');
      points.push(point);
    }
    add(point, g);
  }

  for (const g of rows.filter((r) => !r.date)) {
    const published = g.published;
    const candidates = points.filter((p) => same(p, g) && p.point.datedBy === 'text');
    let point = published ? nearest(candidates, published) : candidates.length === 1 ? candidates[0] : undefined;
    if (!point && published) {
      point = points.find((p) => same(p, g) && p.point.datedBy === 'publication' && p.point.date === published);
      if (!point) {
        point = emptyPoint(g, published, 'day', 'publication');
        points.push(point);
      }
    }
    if (!point) {
      point = undated.find((p) => same(p, g));
      if (!point) {
        point = emptyPoint(g, null, null, 'none');
        undated.push(point);
      }
    }
    // An undated claim of a document with no publication date, joined to the change's only point.
    if (!published) point.match.none = true;
    add(point, g);
  }

  points.sort((a, b) => yearFraction(a.point.date!) - yearFraction(b.point.date!) || a.point.change.localeCompare(b.point.change));
  return { force, points, undated };
}

/** The point closest to a publication date, preferring one on or before it: a report looks back. */
function nearest(points: PointSkeleton[], published: string): PointSkeleton | undefined {
  const at = yearFraction(published);
  const before = points.filter((p) => yearFraction(p.point.date!) <= at + 1 / 24);
  const pool = before.length ? before : points;
  return [...pool].sort((a, b) => Math.abs(yearFraction(a.point.date!) - at) - Math.abs(yearFraction(b.point.date!) - at))[0];
}

/** Publisher kinds in the order a reader weighs them: the inspectorate first. */
export const KIND_ORDER = ['inspectorate', 'government', 'police', 'press', 'other'];

export function kindRank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}

/** A document's claims in a point, as one source: its most precise date, 'future' if any claim announces the change ahead. */
export function pointSource(document: PointSource['document'], claims: ReadonlyArray<{ date: string | null; datePrecision: string | null; tense: string | null; evidence: string | null }>): PointSource {
  const s: PointSource = { document, date: null, precision: null, tense: null, evidence: [] };
  for (const c of claims) {
    if (c.date) {
      const p = precisionOf(c.date, c.datePrecision);
      if (!s.date || RANK[p] > RANK[s.precision!]) {
        s.date = c.date;
        s.precision = p;
      }
    }
    if (c.tense === 'future' || !s.tense) s.tense = c.tense;
    if (c.evidence && !s.evidence.includes(c.evidence)) s.evidence.push(c.evidence);
  }
  return s;
}
