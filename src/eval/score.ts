// Scoring of one document's extracted facts against its gold, and micro-averaging
// over a folder, following the scoring table of corpus GOLD-FORMAT.md. Pure: no I/O but
// the honorifics of the knowledge files, read once.
//
// Conventions (tested in tests/eval/score.test.ts):
// - precision = correct / reported, recall = correct / gold, F1 = harmonic mean.
//   A 0/0 ratio is 1 only when the system and the gold are both empty (nothing to
//   find and nothing wrongly claimed); otherwise it is 0. So silence against a
//   non-empty gold scores precision 0 (not 1), and anything reported against an
//   empty gold scores recall 0: neither silence nor noise is rewarded.
// - Folder scores are micro-averaged: counts are summed over documents first.
// - Matching is one-to-one: each gold item and each system item is used at most
//   once. Among candidate pairs the better ones are taken first (for areas: exact
//   text, then containment, then word overlap), then augmenting paths add any pair
//   a greedy choice blocked, so the number correct never depends on item order.
// - Role accuracy is over the gold roles of *matched* people, date accuracy over
//   matched stage events, so that they measure role and date quality apart from
//   recall. With nothing to judge they are 1 when the gold has no roles (or no
//   events) at all, else 0 (again, silence is not rewarded).
import type {
  DocumentFacts,
  GoldArea,
  GoldDate,
  GoldDecision,
  GoldPerson,
  GoldQuote,
  GoldStageEvent,
  SystemArea,
  SystemDate,
  SystemDecision,
  SystemFacts,
  SystemPerson,
  SystemQuote,
  SystemStageEvent,
} from './gold.ts';
import { loadKnowledge } from '../knowledge/index.ts';
import { fold } from '../util/text.ts';

// ---------------------------------------------------------------- folding

let honorificWords: string[][] | undefined;

/** The honorifics of honorifics.yaml as folded words, longest first ("the rt hon" before "rt hon"). */
function honorifics(): string[][] {
  honorificWords ??= loadKnowledge()
    .honorifics.honorifics.map((h) => fold(h, 'words').split(' '))
    .sort((a, b) => b.length - a.length);
  return honorificWords;
}

/** fold(name, 'words'), then leading honorifics (honorifics.yaml) removed ("Sir Andy Cooke" = "andy cooke"); a lone title is kept. */
export function foldName(name: string): string {
  const tokens = fold(name, 'words').split(' ').filter(Boolean);
  for (;;) {
    const lead = honorifics().find((h) => tokens.length > h.length && h.every((w, i) => tokens[i] === w));
    if (!lead) break;
    tokens.splice(0, lead.length);
  }
  return tokens.join(' ');
}

/** The folded words of a text. */
export function words(text: string): string[] {
  const folded = fold(text, 'words');
  return folded === '' ? [] : folded.split(' ');
}

/** Number of words two word lists share, counting repeated words as often as both have them. */
export function commonWordCount(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const w of a) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of b) {
    const n = counts.get(w) ?? 0;
    if (n > 0) {
      common++;
      counts.set(w, n - 1);
    }
  }
  return common;
}

export const sameName = (a: string, b: string): boolean => {
  const fa = foldName(a);
  return fa !== '' && fa === foldName(b);
};

/** Role word share: |common words| / |words of the gold role|, after folding. */
export function roleWordShare(systemRole: string, goldRole: string): number {
  const g = words(goldRole);
  return g.length === 0 ? 0 : commonWordCount(words(systemRole), g) / g.length;
}

export const ROLE_SHARE_THRESHOLD = 0.6;

/**
 * How well two area texts overlap, 0 for not at all: 3 for equal after folding,
 * 2..3 when one contains the other (as whole words), 1..2 when they share at
 * least half of the shorter one's words. Higher is a better match.
 */
export function areaTextOverlap(a: string, b: string): number {
  const fa = fold(a, 'words');
  const fb = fold(b, 'words');
  if (fa === '' || fb === '') return 0;
  if (fa === fb) return 3;
  const wa = fa.split(' ');
  const wb = fb.split(' ');
  if (` ${fa} `.includes(` ${fb} `) || ` ${fb} `.includes(` ${fa} `)) {
    return 2 + Math.min(wa.length, wb.length) / Math.max(wa.length, wb.length);
  }
  const common = commonWordCount(wa, wb);
  const shorter = Math.min(wa.length, wb.length);
  return common >= shorter / 2 ? 1 + common / shorter : 0;
}

/** The text a system quote is judged by: its full text, else its startsWith. */
export const quoteText = (q: SystemQuote): string => q.text ?? q.startsWith ?? '';

/** Whether a quote's text starts with the gold `startsWith`, after folding and at a word boundary. */
export function quoteStartsWith(text: string, startsWith: string): boolean {
  const t = fold(text, 'words');
  const p = fold(startsWith, 'words');
  return p !== '' && (t === p || t.startsWith(`${p} `));
}

// ---------------------------------------------------------------- matching

export interface Matching {
  /** [system index, gold index] pairs. */
  pairs: Array<[number, number]>;
  unmatchedSystem: number[];
  unmatchedGold: number[];
}

/**
 * One-to-one matching of system items to gold items. `quality` > 0 means the
 * pair may match; higher is preferred. Pairs are taken best first (ties: earlier
 * system item, then earlier gold item), then augmenting paths make the matching
 * as large as possible, so a greedy choice never costs a correct item.
 */
export function matchOneToOne<S, G>(
  system: readonly S[],
  gold: readonly G[],
  quality: (s: S, g: G) => number,
): Matching {
  const candidates: Array<{ s: number; g: number; q: number }> = [];
  system.forEach((s, si) =>
    gold.forEach((g, gi) => {
      const q = quality(s, g);
      if (q > 0) candidates.push({ s: si, g: gi, q });
    }),
  );
  candidates.sort((x, y) => y.q - x.q || x.s - y.s || x.g - y.g);
  // Adjacency in best-first order, so that re-routed items prefer their better pairs.
  const edges: number[][] = system.map(() => []);
  for (const { s, g } of candidates) edges[s]!.push(g);

  const goldOf: Array<number | undefined> = system.map(() => undefined);
  const systemOf: Array<number | undefined> = gold.map(() => undefined);
  for (const { s, g } of candidates) {
    if (goldOf[s] === undefined && systemOf[g] === undefined) {
      goldOf[s] = g;
      systemOf[g] = s;
    }
  }

  // Kuhn's augmenting paths: grow the matching where a greedy choice blocked a pair.
  const augment = (s: number, seen: Set<number>): boolean => {
    for (const g of edges[s]!) {
      if (seen.has(g)) continue;
      seen.add(g);
      const holder = systemOf[g];
      if (holder === undefined || augment(holder, seen)) {
        goldOf[s] = g;
        systemOf[g] = s;
        return true;
      }
    }
    return false;
  };
  system.forEach((_, s) => {
    if (goldOf[s] === undefined && edges[s]!.length > 0) augment(s, new Set());
  });

  const pairs: Array<[number, number]> = [];
  const unmatchedSystem: number[] = [];
  goldOf.forEach((g, s) => (g === undefined ? unmatchedSystem.push(s) : pairs.push([s, g])));
  const unmatchedGold = systemOf.flatMap((s, g) => (s === undefined ? [g] : []));
  return { pairs, unmatchedSystem, unmatchedGold };
}

// ---------------------------------------------------------------- scores

export const CATEGORIES = [
  'forces',
  'organisations',
  'people',
  'stageEvents',
  'decisions',
  'areas',
  'quotes',
  'dates',
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface GoldItems {
  forces: string;
  organisations: string;
  people: GoldPerson;
  stageEvents: GoldStageEvent;
  decisions: GoldDecision;
  areas: GoldArea;
  quotes: GoldQuote;
  dates: GoldDate;
}
export interface SystemItems {
  forces: string;
  organisations: string;
  people: SystemPerson;
  stageEvents: SystemStageEvent;
  decisions: SystemDecision;
  areas: SystemArea;
  quotes: SystemQuote;
  dates: SystemDate;
}

export interface Counts {
  correct: number;
  reported: number;
  gold: number;
}
export interface Ratios {
  precision: number;
  recall: number;
  f1: number;
}
export type CategoryScore = Counts & Ratios;

export interface CategoryResult<K extends Category> extends CategoryScore {
  matches: Array<{ system: SystemItems[K]; gold: GoldItems[K] }>;
  /** Gold items no system item matched. */
  misses: Array<GoldItems[K]>;
  /** System items that matched no gold item. */
  falseHits: Array<SystemItems[K]>;
}

/** correct out of judged; goldTotal is what the gold holds in all (for the 0/0 rule). */
export interface AccuracyCounts {
  correct: number;
  judged: number;
  goldTotal: number;
}

export interface RoleMiss {
  person: string;
  role: string;
  systemRoles: string[];
}
export interface DateMismatch {
  event: GoldStageEvent;
  systemDate: string | null;
}

export interface DocumentScore {
  categories: { [K in Category]: CategoryResult<K> };
  /** Gold roles of matched people; misses are those no system role of the person covers. */
  roles: AccuracyCounts & { accuracy: number; misses: RoleMiss[] };
  /** Matched stage events; mismatches are those whose system date differs. */
  eventDates: AccuracyCounts & { accuracy: number; mismatches: DateMismatch[] };
}

export interface NamedDocumentScore extends DocumentScore {
  name: string;
}

export interface FolderScore {
  documents: number;
  /** Micro-averaged: counts summed over documents, then the ratios. */
  categories: Record<Category, CategoryScore>;
  roles: AccuracyCounts;
  eventDates: AccuracyCounts;
  roleAccuracy: number;
  dateAccuracy: number;
  perDocument: NamedDocumentScore[];
}

export interface ScorePair {
  name: string;
  system: SystemFacts;
  gold: DocumentFacts;
}

/** Precision, recall and F1 of counts; a 0/0 ratio is 1 only when both sides are empty. */
export function ratios({ correct, reported, gold }: Counts): Ratios {
  const bothEmpty = reported === 0 && gold === 0;
  const precision = reported === 0 ? (bothEmpty ? 1 : 0) : correct / reported;
  const recall = gold === 0 ? (bothEmpty ? 1 : 0) : correct / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** correct / judged; with nothing judged, 1 if the gold had nothing to judge, else 0. */
export function accuracy({ correct, judged, goldTotal }: AccuracyCounts): number {
  if (judged > 0) return correct / judged;
  return goldTotal === 0 ? 1 : 0;
}

function categoryResult<K extends Category>(
  system: ReadonlyArray<SystemItems[K]>,
  gold: ReadonlyArray<GoldItems[K]>,
  quality: (s: SystemItems[K], g: GoldItems[K]) => number,
): CategoryResult<K> {
  const m = matchOneToOne(system, gold, quality);
  const counts = { correct: m.pairs.length, reported: system.length, gold: gold.length };
  return {
    ...counts,
    ...ratios(counts),
    matches: m.pairs.map(([s, g]) => ({ system: system[s]!, gold: gold[g]! })),
    misses: m.unmatchedGold.map((g) => gold[g]!),
    falseHits: m.unmatchedSystem.map((s) => system[s]!),
  };
}

/** One-to-one matching of a person's system roles to gold roles sharing ≥ 60% of the gold role's words. */
export function matchRoles(systemRoles: readonly string[], goldRoles: readonly string[]): Matching {
  return matchOneToOne(systemRoles, goldRoles, (s, g) => {
    const share = roleWordShare(s, g);
    return share >= ROLE_SHARE_THRESHOLD ? share : 0;
  });
}

const sameDate = (system: string | null | undefined, gold: string | null): boolean =>
  (system?.trim() || null) === gold;

const sameEventKey = (s: SystemStageEvent, g: GoldStageEvent): boolean =>
  sameName(s.force, g.force) && s.stage === g.stage && s.change === g.change;

/** Scores one document's system facts against its gold. */
export function scoreDocument(system: SystemFacts, gold: DocumentFacts): DocumentScore {
  const exactName = (s: string, g: string) => (sameName(s, g) ? 1 : 0);

  const people = categoryResult<'people'>(system.people, gold.people, (s, g) => {
    if (!sameName(s.name, g.name)) return 0;
    // Of repeated system entries for one person, prefer the one whose roles fit best.
    const covered = matchRoles(s.roles, g.roles).pairs.length;
    return 1 + covered / (g.roles.length + 1);
  });

  const stageEvents = categoryResult<'stageEvents'>(system.stageEvents, gold.stageEvents, (s, g) =>
    // Prefer the pairing with the right date when a force has two like events.
    sameEventKey(s, g) ? 1 + (sameDate(s.date, g.date) ? 1 : 0) : 0,
  );

  const categories: DocumentScore['categories'] = {
    forces: categoryResult<'forces'>(system.forces, gold.forces, exactName),
    organisations: categoryResult<'organisations'>(system.organisations, gold.organisations, exactName),
    people,
    stageEvents,
    decisions: categoryResult<'decisions'>(system.decisions, gold.decisions, (s, g) =>
      sameName(s.actor, g.actor) &&
      s.act === g.act &&
      sameName(s.force, g.force) &&
      s.stage === g.stage &&
      s.change === g.change
        ? 1
        : 0,
    ),
    areas: categoryResult<'areas'>(system.areas, gold.areas, (s, g) =>
      s.peel === g.peel && s.polarity === g.polarity ? areaTextOverlap(s.text, g.text) : 0,
    ),
    quotes: categoryResult<'quotes'>(system.quotes, gold.quotes, (s, g) =>
      // A longer gold opening that fits is the more specific match.
      sameName(s.speaker, g.speaker) && quoteStartsWith(quoteText(s), g.startsWith)
        ? 1 + Math.min(fold(g.startsWith, 'words').length, 999) / 1000
        : 0,
    ),
    dates: categoryResult<'dates'>(system.dates, gold.dates, (s, g) => (s.value.trim() === g.value ? 1 : 0)),
  };

  const roleMisses: RoleMiss[] = [];
  let rolesCorrect = 0;
  let rolesJudged = 0;
  for (const { system: s, gold: g } of people.matches) {
    const m = matchRoles(s.roles, g.roles);
    rolesCorrect += m.pairs.length;
    rolesJudged += g.roles.length;
    for (const gi of m.unmatchedGold) roleMisses.push({ person: g.name, role: g.roles[gi]!, systemRoles: s.roles });
  }
  const roleCounts = {
    correct: rolesCorrect,
    judged: rolesJudged,
    goldTotal: gold.people.reduce((n, p) => n + p.roles.length, 0),
  };

  const mismatches: DateMismatch[] = [];
  for (const { system: s, gold: g } of stageEvents.matches) {
    if (!sameDate(s.date, g.date)) mismatches.push({ event: g, systemDate: s.date ?? null });
  }
  const dateCounts = {
    correct: stageEvents.matches.length - mismatches.length,
    judged: stageEvents.matches.length,
    goldTotal: gold.stageEvents.length,
  };

  return {
    categories,
    roles: { ...roleCounts, accuracy: accuracy(roleCounts), misses: roleMisses },
    eventDates: { ...dateCounts, accuracy: accuracy(dateCounts), mismatches },
  };
}

const addAccuracy = (a: AccuracyCounts, b: AccuracyCounts): AccuracyCounts => ({
  correct: a.correct + b.correct,
  judged: a.judged + b.judged,
  goldTotal: a.goldTotal + b.goldTotal,
});

/** Scores every document and micro-averages: counts are summed before the ratios are taken. */
export function scoreFolder(pairs: readonly ScorePair[]): FolderScore {
  const perDocument: NamedDocumentScore[] = pairs.map(({ name, system, gold }) => ({
    name,
    ...scoreDocument(system, gold),
  }));

  const categories = {} as Record<Category, CategoryScore>;
  for (const c of CATEGORIES) {
    const counts: Counts = { correct: 0, reported: 0, gold: 0 };
    for (const d of perDocument) {
      counts.correct += d.categories[c].correct;
      counts.reported += d.categories[c].reported;
      counts.gold += d.categories[c].gold;
    }
    categories[c] = { ...counts, ...ratios(counts) };
  }

  const zero: AccuracyCounts = { correct: 0, judged: 0, goldTotal: 0 };
  const roles = perDocument.reduce((acc, d) => addAccuracy(acc, d.roles), zero);
  const eventDates = perDocument.reduce((acc, d) => addAccuracy(acc, d.eventDates), zero);

  return {
    documents: perDocument.length,
    categories,
    roles,
    eventDates,
    roleAccuracy: accuracy(roles),
    dateAccuracy: accuracy(eventDates),
    perDocument,
  };
}
