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

interface Cut {
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
  const bounded = (s: StageStatement) => isBounded(s.interval);
  // An exit bounds the episode when we know by when it happened: dated, or reported as past on a known day.
  const cutOf = (s: StageStatement): Interval | null =>
    s.change !== 'exited' || !Number.isFinite(s.interval.hi) ? null : bounded(s) ? s.interval : { lo: s.interval.hi, hi: s.interval.hi };
  const entryAnchors = group.filter((s) => s.change === 'entered' && bounded(s)).map((s) => s.interval);
  const cuts = exitCuts(
    group.map(cutOf).filter((c): c is Interval => c !== null),
    entryAnchors,
  );
  const m = cuts.length;
  const span = (k: number): Interval => ({ lo: k === 0 ? -Infinity : cuts[k - 1]!.lo, hi: k === m ? Infinity : cuts[k]!.hi });

  // Dated entries and bounding exits first.
  const placed = (s: StageStatement) => (s.change === 'exited' ? cutOf(s) !== null : bounded(s));
  for (const s of group) {
    if (!placed(s)) continue;
    const cut = cutOf(s);
    if (cut) out.set(s.claim.id, cuts.findIndex((c) => c.lo <= cut.lo && cut.hi <= c.hi));
    else out.set(s.claim.id, cuts.filter((c) => c.hi < s.interval.lo).length);
  }
  const anchored = (k: number, change: string): boolean =>
    group.some((s) => s.change === change && out.get(s.claim.id) === k);
  const docEpisodes = new Map<string, Set<number>>();
  for (const s of group) {
    const ep = out.get(s.claim.id);
    if (ep === undefined) continue;
    const set = docEpisodes.get(s.document.id) ?? new Set<number>();
    set.add(ep);
    docEpisodes.set(s.document.id, set);
  }

  for (const s of group) {
    if (placed(s)) continue;
    const compatible = [...Array(m + 1).keys()].filter((k) => overlaps(span(k), s.interval));
    const own = [...(docEpisodes.get(s.document.id) ?? [])];
    if (own.length === 1 && compatible.includes(own[0]!)) {
      out.set(s.claim.id, own[0]!);
      continue;
    }
    const preferred = compatible.filter((k) => anchored(k, s.change));
    const pool = preferred.length > 0 ? preferred : compatible;
    let ep: number | undefined;
    if (pool.length === 1) ep = pool[0];
    else if (pool.length > 1 && Number.isFinite(s.interval.hi)) ep = pool[pool.length - 1];
    else if (pool.length > 1 && Number.isFinite(s.interval.lo)) ep = pool[0];
    out.set(s.claim.id, ep ?? UNASSIGNED);
  }
  return out;
}

/** Dated exits merged into cuts: overlapping ones are one exit; disjoint ones too unless a dated entry lies between them. */
function exitCuts(exits: readonly Interval[], entries: readonly Interval[]): Cut[] {
  const sorted = [...exits].sort((a, b) => a.lo - b.lo || a.hi - b.hi);
  const cuts: Cut[] = [];
  for (const e of sorted) {
    const last = cuts[cuts.length - 1];
    const separated = last !== undefined && entries.some((n) => n.lo > last.hi && n.hi < e.lo);
    if (last && !separated) {
      last.lo = Math.min(last.lo, e.lo);
      last.hi = Math.max(last.hi, e.hi);
    } else cuts.push({ lo: e.lo, hi: e.hi });
  }
  return cuts;
}
