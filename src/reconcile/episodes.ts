// Episodes: a force can enter Engage, leave it, and enter it again years later.
// Stage events of one force and stage are split into episodes by the exits the
// sources bound in time (dated, or reported as past on a known publication
// day): an entry after such an exit belongs to the next episode. Two exits are
// one cut unless a dated entry lies clearly between them. Claims
// with an open interval ("was moved into Engage", "will enter") take the
// episode of their document's dated claims when it has them, else the episode
// their interval fits (the latest for "on or before", the earliest for "on or
// after"), preferring episodes some source dates. Pure.
import { isBounded, overlaps, type Interval } from './intervals.ts';
import type { StageStatement } from './normalise.ts';
import { cmp, pushTo } from './collections.ts';

export interface Cut {
  lo: number;
  hi: number;
}

export const UNASSIGNED = -1;

/** Episode number (0 = earliest) of each stage statement, by claim id; UNASSIGNED when it cannot be told. */
export function assignEpisodes(statements: readonly StageStatement[]): Map<string, number> {
  const out = new Map<string, number>();
  const groups = new Map<string, StageStatement[]>();
  for (const s of statements) {
    const key = `${s.force.key}|${s.stage}`;
    pushTo(groups, key, s);
  }
  for (const key of [...groups.keys()].sort(cmp)) {
    for (const [id, ep] of assignGroup(groups.get(key)!)) out.set(id, ep);
  }
  return out;
}

function assignGroup(group: readonly StageStatement[]): Map<string, number> {
  const out = new Map<string, number>();
  const { exits, entries } = cutIntervals(group);
  const geometry = episodeGeometry(exitCuts(exits, entries));

  // Which (episode, change) pairs hold a placed statement, kept up to date as statements are placed.
  const anchors = new Set<string>();
  const place = (s: StageStatement, ep: number) => {
    out.set(s.claim.id, ep);
    anchors.add(anchorKey(ep, s.change));
  };

  // Dated entries and bounding exits first.
  for (const s of group) if (isPlacedFirst(s)) place(s, geometry.boundedEpisode(s));
  const docEpisodes = documentEpisodes(group, out);

  for (const s of group) {
    if (isPlacedFirst(s)) continue;
    place(s, geometry.openEpisode(s, [...(docEpisodes.get(s.document.id) ?? [])], (k, change) => anchors.has(anchorKey(k, change))));
  }
  return out;
}

/** What a group's cuts are made of: its exits' intervals as they cut (cutOf), and its dated entries' intervals. */
export function cutIntervals(group: readonly StageStatement[]): { exits: Interval[]; entries: Interval[] } {
  return {
    exits: group.map(cutOf).filter((c): c is Interval => c !== null),
    entries: group.filter((s) => s.change === 'entered' && isBounded(s.interval)).map((s) => s.interval),
  };
}

/** The episodes each document's placed statements have (statements not yet placed are left out). */
export function documentEpisodes(group: readonly StageStatement[], placed: ReadonlyMap<string, number>): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const s of group) {
    const ep = placed.get(s.claim.id);
    if (ep === undefined) continue;
    const set = out.get(s.document.id) ?? new Set<number>();
    set.add(ep);
    out.set(s.document.id, set);
  }
  return out;
}

export const anchorKey = (episode: number, change: string): string => `${episode}|${change}`;

/** An exit bounds the episode when we know by when it happened: dated, or reported as past on a known day. */
export function cutOf(s: StageStatement): Interval | null {
  return s.change !== 'exited' || !Number.isFinite(s.interval.hi) ? null : isBounded(s.interval) ? s.interval : { lo: s.interval.hi, hi: s.interval.hi };
}

/** Statements placed by the cuts alone, before the others: dated entries and bounding exits. */
export function isPlacedFirst(s: StageStatement): boolean {
  return s.change === 'exited' ? cutOf(s) !== null : isBounded(s.interval);
}

/** Where statements fall among a group's cuts (disjoint, in order). */
export function episodeGeometry(cuts: readonly Cut[]) {
  const m = cuts.length;
  const span = (k: number): Interval => ({ lo: k === 0 ? -Infinity : cuts[k - 1]!.lo, hi: k === m ? Infinity : cuts[k]!.hi });
  // Cuts are disjoint and in order (exitCuts), so both ends rise with k: episodes are found by binary search.
  /** The first cut whose hi is at or after `day`; m when none. */
  const firstCutEndingFrom = (day: number): number => {
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cuts[mid]!.hi < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** The cut containing an exit's interval, or -1. */
  const cutContaining = (cut: Interval): number => {
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cuts[mid]!.lo <= cut.lo) lo = mid + 1;
      else hi = mid;
    }
    const k = lo - 1;
    return k >= 0 && cuts[k]!.hi >= cut.hi ? k : -1;
  };
  /** The episodes whose span overlaps an interval: a run of consecutive numbers. */
  const compatibleWith = (i: Interval): number[] => {
    const out: number[] = [];
    // span(k).hi >= i.lo  <=>  k === m or cuts[k].hi >= i.lo; span(k).lo <= i.hi  <=>  k === 0 or cuts[k - 1].lo <= i.hi.
    for (let k = firstCutEndingFrom(i.lo); k <= m && overlaps(span(k), i); k++) out.push(k);
    return out;
  };
  return {
    compatibleWith,
    /** The episode of a statement placed first (isPlacedFirst): the cuts wholly before it. */
    boundedEpisode(s: StageStatement): number {
      const cut = cutOf(s);
      return cut ? cutContaining(cut) : firstCutEndingFrom(s.interval.lo);
    },
    /**
     * The episode of an open statement: its document's one episode if that fits, else the one its
     * interval fits, among those holding a statement of its change (`anchored`) when any does.
     */
    openEpisode(s: StageStatement, own: readonly number[], anchored: (episode: number, change: string) => boolean): number {
      const compatible = compatibleWith(s.interval);
      if (own.length === 1 && compatible.includes(own[0]!)) return own[0]!;
      const preferred = compatible.filter((k) => anchored(k, s.change));
      const pool = preferred.length > 0 ? preferred : compatible;
      if (pool.length === 1) return pool[0]!;
      if (pool.length > 1 && Number.isFinite(s.interval.hi)) return pool[pool.length - 1]!;
      if (pool.length > 1 && Number.isFinite(s.interval.lo)) return pool[0]!;
      return UNASSIGNED;
    },
  };
}

/** Dated exits merged into cuts: overlapping ones are one exit; disjoint ones too unless a dated entry lies between them. */
export function exitCuts(exits: readonly Interval[], entries: readonly Interval[]): Cut[] {
  const sorted = [...exits].sort((a, b) => a.lo - b.lo || a.hi - b.hi);
  // Entries by start, with the earliest end among those starting at or after each: "an entry
  // starting after x and ending before y" is one binary search and one look-up.
  const byStart = [...entries].sort((a, b) => a.lo - b.lo);
  const minEndFrom = new Array<number>(byStart.length + 1).fill(Infinity);
  for (let i = byStart.length - 1; i >= 0; i--) minEndFrom[i] = Math.min(byStart[i]!.hi, minEndFrom[i + 1]!);
  const entryBetween = (after: number, before: number): boolean => {
    let lo = 0;
    let hi = byStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byStart[mid]!.lo <= after) lo = mid + 1;
      else hi = mid;
    }
    return minEndFrom[lo]! < before;
  };
  const cuts: Cut[] = [];
  for (const e of sorted) {
    const last = cuts[cuts.length - 1];
    const separated = last !== undefined && entryBetween(last.hi, e.lo);
    if (last && !separated) {
      last.lo = Math.min(last.lo, e.lo);
      last.hi = Math.max(last.hi, e.hi);
    } else cuts.push({ lo: e.lo, hi: e.hi });
  }
  return cuts;
}
