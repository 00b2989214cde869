// Areas rule: what was found wrong (or improved) behind one stage event, one
// polarity (a block: concerns behind an entry, improvements behind an exit).
//
// Omission is not contradiction: a source naming fewer areas than the
// inspectorate, or the same areas in other words, agrees. What the
// inspectorate found is the inspectorate's to say, so a source's areas are
// checked against the inspectorate's own account of the event:
// - the source asserts an area the account excludes: a phrase (not a clause,
//   "policing is being revitalised", nor a run-on list) of a PEEL area the
//   account never touches, in words it never uses (PEEL 'Other' names no
//   area), or two named areas (short noun phrases) in words it never uses. The account must be a list
//   (two areas or more): a passing mention of one area excludes nothing;
// - two inspectorate accounts, both complete, each with a clear gap the other
//   lacks.
// Secondary accounts are never compared with each other: their lists are
// selections. Areas inside a quotation (the speaker's view) are left out.
// Confidence: high with two clear gaps or more, low with one (one area's PEEL
// reading decides it). Pure; a function of one block.
import { stableId } from '../../util/hash.ts';
import { cmp, pushTo } from '../collections.ts';
import { UNASSIGNED } from '../episodes.ts';
import { INSPECTORATE, type PlacedArea } from '../areas.ts';
import { documentOrder, sideOf } from '../support.ts';
import type { Conflict } from '../types.ts';
import { contentWords, sharedWords } from '../words.ts';

export interface DocumentAreas {
  areas: readonly PlacedArea[];
  words: string[][];
  peels: Set<string>;
}

export function documentAreas(areas: readonly PlacedArea[]): DocumentAreas {
  return { areas, words: areas.map((a) => contentWords(a.statement.text)), peels: new Set(areas.map((a) => a.statement.peel)) };
}

/** Areas of `a` that `b` lacks (no area of b shares a content word), and those of them that are clear gaps. */
export function lacking(a: DocumentAreas, b: DocumentAreas): { lacks: PlacedArea[]; clear: PlacedArea[] } {
  const allB = b.words.flat();
  const lacks: PlacedArea[] = [];
  const clear: PlacedArea[] = [];
  a.areas.forEach((area, i) => {
    if (sharedWords(a.words[i]!, allB).length > 0) return;
    lacks.push(area);
    const peel = area.statement.peel;
    if (peel !== 'Other' && !b.peels.has(peel)) clear.push(area);
  });
  return { lacks, clear };
}

/** Auxiliaries and -ing words that make a phrase a clause or an action, not the name of an area. */
const CLAUSE = /\b(?:is|are|was|were|be|being|been|has|have|had|will)\b/i;

/**
 * An area the text names ("workforce planning", "counter-corruption"): a
 * short noun phrase, not a clause ("response is being revitalised"), an
 * action ("transforming culture") or a list fragment.
 */
export function isNamedArea(text: string): boolean {
  const words = text.trim().split(/\s+/);
  return words.length <= 6 && isAssertedArea(text) && !/^[a-z]+ing$/i.test(words[0]!);
}

/** An area a text asserts, as a phrase (up to twelve words), not a clause ("policing is being revitalised") or a run-on list. */
export function isAssertedArea(text: string): boolean {
  return text.trim().split(/\s+/).length <= 12 && !CLAUSE.test(text) && !/,/.test(text);
}

/** An account that can exclude: two areas or more. */
const isList = (d: DocumentAreas): boolean => new Set(d.areas.map((a) => a.statement.text.toLowerCase())).size >= 2;

/**
 * Compares a source's areas with the inspectorate's account (`reference`), or
 * two inspectorate accounts (`bothComplete`): the areas each side has that the
 * other lacks when they conflict, else null.
 */
export function compareAreas(
  reference: DocumentAreas,
  source: DocumentAreas,
  bothComplete = false,
): { referenceOnly: PlacedArea[]; sourceOnly: PlacedArea[]; clearGaps: number } | null {
  if (!isList(reference)) return null;
  const sourceGaps = lacking(source, reference);
  const referenceGaps = lacking(reference, source);
  const named = sourceGaps.lacks.filter((a) => isNamedArea(a.statement.text));
  if (!sourceGaps.clear.some((a) => isAssertedArea(a.statement.text)) && named.length < 2) return null;
  if (bothComplete && (!isList(source) || referenceGaps.clear.length === 0)) return null;
  return { referenceOnly: referenceGaps.lacks, sourceOnly: sourceGaps.lacks, clearGaps: sourceGaps.clear.length + (bothComplete ? referenceGaps.clear.length : 0) };
}

const listText = (areas: readonly PlacedArea[]): string => areas.map((a) => a.statement.text).join('; ');

/** Comparable areas (not quoted, in a known episode) by block (event and polarity), then document. */
export function areaBlocks(placed: readonly PlacedArea[]): Map<string, PlacedArea[][]> {
  const blocks = new Map<string, Map<string, PlacedArea[]>>();
  for (const p of placed) {
    if (p.quoted || p.episode === UNASSIGNED) continue;
    const k = `${p.event}|${p.statement.polarity}`;
    const docs = blocks.get(k) ?? new Map<string, PlacedArea[]>();
    pushTo(docs, p.statement.document.id, p);
    blocks.set(k, docs);
  }
  const out = new Map<string, PlacedArea[][]>();
  for (const k of [...blocks.keys()].sort(cmp)) {
    out.set(k, [...blocks.get(k)!.values()].sort((x, y) => documentOrder(x[0]!.statement.document, y[0]!.statement.document)));
  }
  return out;
}

/** What a comparison of two documents' areas depends on: whether it is the inspectorate's, and its areas' words and PEEL areas. */
const signature = (areas: readonly PlacedArea[]): string =>
  JSON.stringify([areas[0]!.statement.document.sourceKind === INSPECTORATE, ...areas.map((a) => [a.statement.text, a.statement.peel])]);

/**
 * Area conflicts of one block: each document's areas (in document order) for one event and polarity.
 * Documents with the same areas compare alike, so accounts are compared once per pair of distinct
 * lists. A source's area is excluded only if no inspectorate account of the event names it (another
 * account that does is the inspectorate's own inconsistency, the both-complete rule's to report).
 * A source is set against each distinct inspectorate list once, through the first document that
 * gives it: the same list repeated by more releases is one account, so conflicts grow with the
 * dissenting sources, not with sources times copies of the account.
 */
export function areaConflictsOf(key: string, documents: readonly PlacedArea[][]): Conflict[] {
  const out: Conflict[] = [];
  const isRef = (i: number) => documents[i]![0]!.statement.document.sourceKind === INSPECTORATE;
  const groups = new Map<string, number[]>();
  documents.forEach((d, i) => pushTo(groups, signature(d), i));
  const lists = [...groups.values()].map((members) => ({ members, areas: documentAreas(documents[members[0]!]!), ref: isRef(members[0]!) }));
  const inspectorate = documentAreas(lists.filter((l) => l.ref).flatMap((l) => [...l.areas.areas]));
  // Secondary lists asserting an area no inspectorate account names: the only ones that can conflict.
  const dissenting = new Set(lists.filter((l) => !l.ref && compareAreas(inspectorate, l.areas)));
  for (const refs of lists) {
    if (!refs.ref) continue;
    for (const sources of lists) {
      const both = sources.ref;
      if (!both && !dissenting.has(sources)) continue;
      const found = compareAreas(refs.areas, sources.areas, both);
      if (!found) continue;
      if (!both) {
        const i = refs.members[0]!;
        for (const j of sources.members) out.push(areaConflict(key, documents[i]!, documents[j]!, i < j, both, found));
        continue;
      }
      for (const i of refs.members) {
        for (const j of sources.members) {
          if (i === j || j < i) continue;
          out.push(areaConflict(key, documents[i]!, documents[j]!, i < j, both, found));
        }
      }
    }
  }
  return out;
}

function areaConflict(
  key: string,
  ref: readonly PlacedArea[],
  src: readonly PlacedArea[],
  refFirst: boolean,
  both: boolean,
  found: NonNullable<ReturnType<typeof compareAreas>>,
): Conflict {
  const first = ref[0]!;
  const polarity = first.statement.polarity === 'concern' ? 'Concerns behind' : 'Improvements behind';
  const refSide = sideOf(first.statement.document, `${listText(ref)} (not in the other: ${listText(found.referenceOnly)})`, ref.map((p) => p.statement));
  const srcSide = sideOf(src[0]!.statement.document, `${listText(src)} (not in the other: ${listText(found.sourceOnly)})`, src.map((p) => p.statement));
  const [a, b] = refFirst ? [refSide, srcSide] : [srcSide, refSide];
  return {
    id: stableId('conflict', 'areas', key, a.documentId, b.documentId),
    kind: 'areas',
    confidence: found.clearGaps >= 2 ? 'high' : 'low',
    rule: both ? 'areas.both-complete' : 'areas.excluded-by-inspectorate',
    subject: `${polarity}: ${first.force.name} ${first.change} ${first.stage}`,
    force: first.force.name,
    stage: first.stage,
    change: first.change,
    a,
    b,
  };
}
