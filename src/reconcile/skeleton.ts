// A force's stage skeleton: what the episodes of one force and stage rest on,
// kept small enough to read on every ingest. Episodes (episodes.ts) are cut
// by the exits sources bound in time, separated by dated entries, and open
// statements ("was moved into Engage") take the episode their interval fits,
// preferring episodes that hold a statement of the same change. So the
// skeleton keeps the exits' and dated entries' intervals (each once), which
// episodes hold which changes (and from which claim on, in the id order
// statements are placed in), and the episodes any statement has.
//
// With it, new documents' stage statements are placed as a whole
// recomputation would place them, and the join says when they could move an
// earlier statement (a new cut, or a change held where none was): the group
// is then recomputed whole. Pure.
import { cmp } from './collections.ts';
import { anchorKey, cutIntervals, documentEpisodes, episodeGeometry, exitCuts, isPlacedFirst, UNASSIGNED, type Cut } from './episodes.ts';
import type { Interval } from './intervals.ts';
import type { StageStatement } from './normalise.ts';

export interface StageSkeleton {
  /** How many stage statements of the force and stage it stands for. */
  statements: number;
  /** The exits' intervals as they cut (cutOf), each once, sorted. */
  exits: Interval[];
  /** The dated entries' intervals, each once, sorted. */
  entries: Interval[];
  /** The open statements' intervals, each once, sorted: what a moved cut is checked against. */
  open: Interval[];
  /**
   * Each (episode, change) a statement holds, with the claim from which it is held: '' when a
   * statement placed first holds it (it is there for every open statement), else the smallest id of
   * an open statement placed in it.
   */
  anchors: Array<{ episode: number; change: string; from: string }>;
  /** Every episode a statement has (UNASSIGNED included), sorted. */
  episodes: number[];
}

const byBounds = (a: Interval, b: Interval): number => a.lo - b.lo || a.hi - b.hi;

function distinct(intervals: Iterable<Interval>): Interval[] {
  const seen = new Map<string, Interval>();
  for (const i of intervals) seen.set(`${i.lo}|${i.hi}`, { lo: i.lo, hi: i.hi });
  return [...seen.values()].sort(byBounds);
}

/** A group's intervals as a skeleton keeps them, each once, sorted: its cuts' (cutIntervals) and its open statements'. */
function intervalsOf(group: readonly StageStatement[]): Pick<StageSkeleton, 'exits' | 'entries' | 'open'> {
  const { exits, entries } = cutIntervals(group);
  return { exits: distinct(exits), entries: distinct(entries), open: distinct(group.filter((s) => !isPlacedFirst(s)).map((s) => s.interval)) };
}

/** The skeleton of one group (one force and stage) and the episodes its statements were given. */
export function skeletonOf(group: readonly StageStatement[], episodes: ReadonlyMap<string, number>): StageSkeleton {
  const anchors = new Map<string, { episode: number; change: string; from: string }>();
  for (const s of group) {
    const episode = episodes.get(s.claim.id) ?? UNASSIGNED;
    const from = isPlacedFirst(s) ? '' : s.claim.id;
    const k = anchorKey(episode, s.change);
    const held = anchors.get(k);
    if (!held || cmp(from, held.from) < 0) anchors.set(k, { episode, change: s.change, from });
  }
  return {
    statements: group.length,
    ...intervalsOf(group),
    anchors: [...anchors.values()].sort((a, b) => a.episode - b.episode || cmp(a.change, b.change)),
    episodes: [...new Set(group.map((s) => episodes.get(s.claim.id) ?? UNASSIGNED))].sort((a, b) => a - b),
  };
}

const sameCuts = (a: readonly Cut[], b: readonly Cut[]): boolean => a.length === b.length && a.every((c, i) => c.lo === b[i]!.lo && c.hi === b[i]!.hi);

type Geometry = ReturnType<typeof episodeGeometry>;

/**
 * Whether the statements a skeleton stands for fall in the same episodes under two sets of cuts:
 * each exit in the same cut, each dated entry after the same cuts, each open interval compatible
 * with the same episodes. Their documents' episodes and the changes each episode holds then stay,
 * and so does every placement.
 */
function sameEpisodes(skeleton: StageSkeleton, before: Geometry, after: Geometry): boolean {
  const exit = (i: Interval) => ({ change: 'exited', interval: i }) as StageStatement;
  const entry = (i: Interval) => ({ change: 'entered', interval: i }) as StageStatement;
  const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, k) => x === b[k]);
  return (
    skeleton.exits.every((i) => before.boundedEpisode(exit(i)) === after.boundedEpisode(exit(i))) &&
    skeleton.entries.every((i) => before.boundedEpisode(entry(i)) === after.boundedEpisode(entry(i))) &&
    skeleton.open.every((i) => same(before.compatibleWith(i), after.compatibleWith(i)))
  );
}

/**
 * New statements of one group placed beside those the skeleton stands for: their episodes, as
 * assignEpisodes gives them over all the statements, and the skeleton of all of them. Null when
 * they could move an earlier statement: the cuts change, a statement placed first holds a change
 * in an episode where none was held for every open statement, an open one holds it earlier in the
 * id order than any did, or a statement has an episode none had.
 */
export function joinSkeleton(skeleton: StageSkeleton, added: readonly StageStatement[]): { episodes: Map<string, number>; skeleton: StageSkeleton } | null {
  const group = [...added].sort((a, b) => cmp(a.claim.id, b.claim.id));
  const own = intervalsOf(group);
  const exits = distinct([...skeleton.exits, ...own.exits]);
  const entries = distinct([...skeleton.entries, ...own.entries]);
  const cuts = exitCuts(exits, entries);
  const earlier = skeleton.statements > 0;
  const geometry = episodeGeometry(cuts);
  // Cuts that moved (an exit reported a day later widens its cut) move no earlier statement when
  // every earlier interval falls in the same episodes under both.
  if (earlier && !sameCuts(cuts, exitCuts(skeleton.exits, skeleton.entries)) && !sameEpisodes(skeleton, episodeGeometry(exitCuts(skeleton.exits, skeleton.entries)), geometry)) return null;

  const anchors = new Map(skeleton.anchors.map((a) => [anchorKey(a.episode, a.change), { ...a }]));
  const known = new Set(skeleton.episodes);
  const out = new Map<string, number>();
  /** Places a statement held from `from`; false when that changes what an earlier statement saw. */
  const place = (s: StageStatement, episode: number, from: string): boolean => {
    out.set(s.claim.id, episode);
    const k = anchorKey(episode, s.change);
    const held = anchors.get(k);
    if (earlier && (!known.has(episode) || !held || cmp(held.from, from) > 0)) return false;
    if (!held || cmp(from, held.from) < 0) anchors.set(k, { episode, change: s.change, from });
    return true;
  };

  for (const s of group) if (isPlacedFirst(s) && !place(s, geometry.boundedEpisode(s), '')) return null;
  const docEpisodes = documentEpisodes(group, out);
  for (const s of group) {
    if (isPlacedFirst(s)) continue;
    // What this statement sees: changes held by statements placed first, or by open ones before it in id order.
    const seen = (k: number, change: string) => {
      const held = anchors.get(anchorKey(k, change));
      return held !== undefined && cmp(held.from, s.claim.id) < 0;
    };
    if (!place(s, geometry.openEpisode(s, [...(docEpisodes.get(s.document.id) ?? [])], seen), s.claim.id)) return null;
  }
  for (const ep of out.values()) known.add(ep);
  return {
    episodes: out,
    skeleton: {
      statements: skeleton.statements + group.length,
      exits,
      entries,
      open: distinct([...skeleton.open, ...own.open]),
      anchors: [...anchors.values()].sort((a, b) => a.episode - b.episode || cmp(a.change, b.change)),
      episodes: [...known].sort((a, b) => a - b),
    },
  };
}
