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
import { documentOrder, memberOrder, sidesInOrder, type AccountMember } from '../support.ts';
import type { Conflict } from '../types.ts';
import { contentWords, sharedWords } from '../words.ts';

/** An area as the rule compares it: its words and its PEEL area. */
export interface AreaItem {
  text: string;
  peel: string;
}

export interface DocumentAreas {
  areas: readonly AreaItem[];
  words: string[][];
  peels: Set<string>;
}

export function documentAreas(areas: readonly AreaItem[]): DocumentAreas {
  return { areas, words: areas.map((a) => contentWords(a.text)), peels: new Set(areas.map((a) => a.peel)) };
}

/** Areas of `a` that `b` lacks (no area of b shares a content word), and those of them that are clear gaps. */
export function lacking(a: DocumentAreas, b: DocumentAreas): { lacks: AreaItem[]; clear: AreaItem[] } {
  const allB = b.words.flat();
  const lacks: AreaItem[] = [];
  const clear: AreaItem[] = [];
  a.areas.forEach((area, i) => {
    if (sharedWords(a.words[i]!, allB).length > 0) return;
    lacks.push(area);
    if (area.peel !== 'Other' && !b.peels.has(area.peel)) clear.push(area);
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
const isList = (d: DocumentAreas): boolean => new Set(d.areas.map((a) => a.text.toLowerCase())).size >= 2;

/**
 * Compares a source's areas with the inspectorate's account (`reference`), or
 * two inspectorate accounts (`bothComplete`): the areas each side has that the
 * other lacks when they conflict, else null.
 */
export function compareAreas(
  reference: DocumentAreas,
  source: DocumentAreas,
  bothComplete = false,
): { referenceOnly: AreaItem[]; sourceOnly: AreaItem[]; clearGaps: number } | null {
  if (!isList(reference)) return null;
  const sourceGaps = lacking(source, reference);
  const referenceGaps = lacking(reference, source);
  const named = sourceGaps.lacks.filter((a) => isNamedArea(a.text));
  if (!sourceGaps.clear.some((a) => isAssertedArea(a.text)) && named.length < 2) return null;
  if (bothComplete && (!isList(source) || referenceGaps.clear.length === 0)) return null;
  return { referenceOnly: referenceGaps.lacks, sourceOnly: sourceGaps.lacks, clearGaps: sourceGaps.clear.length + (bothComplete ? referenceGaps.clear.length : 0) };
}

const listText = (areas: readonly AreaItem[]): string => areas.map((a) => a.text).join('; ');

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

/** Documents giving the same list of areas for one event and polarity: the same kind of source, the same words and PEEL areas. */
export interface AreaList {
  /** The inspectorate's own account. */
  inspectorate: boolean;
  areas: AreaItem[];
  size: number;
  /** Its first document in document order (the one set against sources). */
  first: AccountMember;
  /** Every document giving it, in document order; null when not at hand (see listConflicts). */
  members: AccountMember[] | null;
}

const listKey = (l: Pick<AreaList, 'inspectorate' | 'areas'>): string => JSON.stringify([l.inspectorate, ...l.areas.map((a) => [a.text, a.peel])]);

/** What a block (one event and polarity) is about, as its conflicts state it. */
export interface AreaBlockSubject {
  key: string;
  force: { name: string };
  stage: string;
  change: string;
  polarity: string;
}

/** A block's documents' areas (each document's, in document order) as lists, or joined to kept lists; lists in the order of their first documents. */
export function areaLists(documents: readonly PlacedArea[][], joinedTo: readonly AreaList[] = []): AreaList[] {
  const lists = new Map(joinedTo.map((l) => [listKey(l), { ...l, members: l.members ? [...l.members] : null }]));
  for (const placed of documents) {
    const document = placed[0]!.statement.document;
    const list = { inspectorate: document.sourceKind === INSPECTORATE, areas: placed.map((p) => ({ text: p.statement.text, peel: p.statement.peel })) };
    const member: AccountMember = { document, claimIds: [...new Set(placed.map((p) => p.statement.claim.id))].sort(cmp) };
    const k = listKey(list);
    const held = lists.get(k);
    if (!held) {
      lists.set(k, { ...list, size: 1, first: member, members: [member] });
      continue;
    }
    held.size++;
    if (documentOrder(member.document, held.first.document) < 0) held.first = member;
    held.members?.push(member);
  }
  // Sorted once: already in order but for what was joined (a sort per member would be quadratic).
  for (const l of lists.values()) l.members?.sort(memberOrder);
  return [...lists.values()].sort((a, b) => documentOrder(a.first.document, b.first.document));
}

/** The lists whose members a block's conflicts name: the inspectorate's, and secondary lists asserting an area no inspectorate account names. */
function dissent(lists: readonly AreaList[]) {
  const refs = lists.filter((l) => l.inspectorate);
  const inspectorate = documentAreas(refs.flatMap((l) => l.areas));
  const areasOf = new Map(lists.map((l) => [l, documentAreas(l.areas)]));
  // Secondary lists asserting an area no inspectorate account names: the only ones that can conflict.
  const dissenting = new Set(lists.filter((l) => !l.inspectorate && compareAreas(inspectorate, areasOf.get(l)!)));
  return { refs, dissenting, areasOf };
}

/**
 * Lists as kept between runs: the inspectorate's (their members only when two of them conflict,
 * both complete; a source is set against a list's first document) and the dissenting ones with
 * their members; other secondary lists not at all.
 */
export function keptAreaLists(lists: readonly AreaList[]): AreaList[] {
  const { refs, dissenting, areasOf } = dissent(lists);
  const paired = new Set<AreaList>();
  for (const a of refs) {
    for (const b of refs) {
      if (a !== b && compareAreas(areasOf.get(a)!, areasOf.get(b)!, true)) paired.add(a).add(b);
    }
  }
  return lists.filter((l) => l.inspectorate || dissenting.has(l)).map((l) => (l.inspectorate && !paired.has(l) ? { ...l, members: null } : l));
}

/**
 * Kept lists (keptAreaLists) with new documents' areas joined to them. Null when a new
 * inspectorate list appears: what the inspectorate's accounts name together changes, and a
 * secondary list that was not kept may then dissent.
 */
export function joinAreaLists(kept: readonly AreaList[], documents: readonly PlacedArea[][]): AreaList[] | null {
  const refs = new Set(kept.filter((l) => l.inspectorate).map(listKey));
  const joined = areaLists(documents, kept);
  return joined.some((l) => l.inspectorate && !refs.has(listKey(l))) ? null : joined;
}

/**
 * Area conflicts of one block from its lists (in the order of their first documents). A source's
 * area is excluded only if no inspectorate account of the event names it (another account that
 * does is the inspectorate's own inconsistency, the both-complete rule's to report). A source is set
 * against each distinct inspectorate list once, through the first document that gives it: the same
 * list repeated by more releases is one account, so conflicts grow with the dissenting sources, not
 * with sources times copies of the account. Null when the documents of a list a conflict names are
 * not at hand.
 */
export function listConflicts(block: AreaBlockSubject, lists: readonly AreaList[]): Conflict[] | null {
  const out: Conflict[] = [];
  const { refs, dissenting, areasOf } = dissent(lists);
  for (const ref of refs) {
    for (const source of lists) {
      const both = source.inspectorate;
      if (!both && !dissenting.has(source)) continue;
      const found = compareAreas(areasOf.get(ref)!, areasOf.get(source)!, both);
      if (!found) continue;
      if (!source.members) return null;
      if (!both) {
        for (const member of source.members) out.push(areaConflict(block, ref, ref.first, source, member, both, found));
        continue;
      }
      if (!ref.members) return null;
      // Two inspectorate documents: each pair once, from the earlier one's list.
      for (const r of ref.members) {
        for (const m of source.members) {
          if (documentOrder(m.document, r.document) <= 0) continue;
          out.push(areaConflict(block, ref, r, source, m, both, found));
        }
      }
    }
  }
  return out;
}

/** Area conflicts of one block: each document's areas (in document order) for one event and polarity. */
export function areaConflictsOf(key: string, documents: readonly PlacedArea[][]): Conflict[] {
  const first = documents[0]![0]!;
  const block = { key, force: first.force, stage: first.stage, change: first.change, polarity: first.statement.polarity };
  // Every list's documents are at hand here.
  return listConflicts(block, areaLists(documents))!;
}

function areaConflict(
  block: AreaBlockSubject,
  refList: AreaList,
  ref: AccountMember,
  srcList: AreaList,
  src: AccountMember,
  both: boolean,
  found: NonNullable<ReturnType<typeof compareAreas>>,
): Conflict {
  const polarity = block.polarity === 'concern' ? 'Concerns behind' : 'Improvements behind';
  const [a, b] = sidesInOrder(
    ref,
    `${listText(refList.areas)} (not in the other: ${listText(found.referenceOnly)})`,
    src,
    `${listText(srcList.areas)} (not in the other: ${listText(found.sourceOnly)})`,
  );
  return {
    id: stableId('conflict', 'areas', block.key, a.documentId, b.documentId),
    kind: 'areas',
    confidence: found.clearGaps >= 2 ? 'high' : 'low',
    rule: both ? 'areas.both-complete' : 'areas.excluded-by-inspectorate',
    subject: `${polarity}: ${block.force.name} ${block.change} ${block.stage}`,
    force: block.force.name,
    stage: block.stage,
    change: block.change,
    a,
    b,
  };
}
