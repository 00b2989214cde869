// Count rule: a stated number against another source's number or list for
// the same thing, about one force (a block: the force and what is counted).
// - Areas listed: "improvement in five key areas" against the number of
//   reasons the inspectorate's account of the same event lists.
// - Office holders: "the force's fifth chief constable in six years" against
//   "seven chief constables in as many years": the holder's rank against the
//   number of holders, or two numbers of holders, over the same window (or
//   none stated), in texts published within half a year of each other (the
//   number grows with time; two ranks may be two different holders, so ranks
//   are not compared with each other).
// - Areas graded: "graded on the following eight areas" against "three of the
//   nine areas" (the total), or "two areas rated inadequate" against "three
//   areas rated inadequate" (the same grade), in texts published within about
//   a year of each other (one inspection's report).
// The same number, or numbers of different things (a different grade, a
// window of ten months against one of six years), agree. Pure.
import type { EntityRef } from '../../model/claim.ts';
import { stableId } from '../../util/hash.ts';
import { cmp, pushTo } from '../collections.ts';
import { UNASSIGNED } from '../episodes.ts';
import { INSPECTORATE, type DocumentEvent, type PlacedArea } from '../areas.ts';
import { dayOf } from '../intervals.ts';
import type { Statement } from '../normalise.ts';
import { eventKey } from '../stage-events.ts';
import { documentOrder, memberOrder, sideOf, sidesInOrder, type AccountMember } from '../support.ts';
import type { Conflict } from '../types.ts';

const listText = (areas: readonly PlacedArea[]): string => areas.map((a) => a.statement.text).join('; ');

/** A stated number about a force: a detail claim of topic officeHolders, areasAssessed or areasGraded. */
export interface CountStatement extends Statement {
  force: EntityRef;
  topic: string;
  /** What is counted: the office ("chief constable"), the grade ("inadequate"), or "" for all areas. */
  counted: string;
  n: number;
  ordinal: boolean;
  window: number | null;
}

/** Offices that are one office ("chief" of a force is its chief constable). */
const SAME_OFFICE: Record<string, string> = { chief: 'chief constable' };

export function countBlockKey(s: Pick<CountStatement, 'force' | 'topic' | 'counted'>): string {
  return `${s.force.key}|${s.topic}|${SAME_OFFICE[s.counted] ?? s.counted}`;
}

/** Days between two publication dates; Infinity when one is unknown. */
function daysApart(a: string | null, b: string | null): number {
  return a && b ? Math.abs(dayOf(a) - dayOf(b)) : Infinity;
}

const MAX_DAYS: Record<string, number> = { officeHolders: 183, areasAssessed: 400, areasGraded: 400 };

function disagree(a: CountStatement, b: CountStatement): boolean {
  if (a.n === b.n) return false;
  if (daysApart(a.document.publishedAt, b.document.publishedAt) > (MAX_DAYS[a.topic] ?? 0)) return false;
  if (a.topic !== 'officeHolders') return true;
  if (a.ordinal && b.ordinal) return false;
  // Over the same window: both unstated, or within a year of each other.
  if ((a.window === null) !== (b.window === null)) return false;
  return a.window === null || Math.abs(a.window - b.window!) <= 1;
}

const SUBJECTS: Record<string, (s: CountStatement) => string> = {
  officeHolders: (s) => `Number of ${SAME_OFFICE[s.counted] ?? s.counted}s of ${s.force.name}`,
  areasAssessed: (s) => `Number of PEEL areas ${s.force.name} was graded on`,
  areasGraded: (s) => `Number of PEEL areas ${s.force.name} was rated ${s.counted} in`,
};

const describe = (s: CountStatement): string => `${s.claim.evidence} (${s.n}${s.ordinal ? ', a rank' : ''})`;

/** Count conflicts of one block: the stated numbers of one thing about one force, in document order. */
export function statedCountConflictsOf(key: string, statements: readonly CountStatement[]): Conflict[] {
  const byDoc = new Map<string, CountStatement[]>();
  for (const s of statements) pushTo(byDoc, s.document.id, s);
  const docs = [...byDoc.values()].sort((x, y) => documentOrder(x[0]!.document, y[0]!.document));
  const out: Conflict[] = [];
  for (let i = 0; i < docs.length; i++) {
    for (let j = i + 1; j < docs.length; j++) {
      // Every statement of one document disagreeing with every statement of the other (a document that gives two numbers is not a side).
      const pairs = docs[i]!.flatMap((a) => docs[j]!.map((b) => [a, b] as const));
      if (!pairs.every(([a, b]) => disagree(a, b))) continue;
      const a = docs[i]![0]!;
      const b = docs[j]![0]!;
      const sideA = sideOf(a.document, describe(a), docs[i]!);
      const sideB = sideOf(b.document, describe(b), docs[j]!);
      out.push({
        id: stableId('conflict', 'count', key, sideA.documentId, sideB.documentId),
        kind: 'count',
        confidence: 'high',
        rule: `count.${a.topic === 'officeHolders' ? 'office-holders' : a.topic === 'areasAssessed' ? 'areas-assessed' : 'areas-graded'}`,
        subject: SUBJECTS[a.topic]!(a),
        force: a.force.name,
        stage: null,
        change: null,
        a: sideA,
        b: sideB,
      });
    }
  }
  return out;
}

/** Count statements blocked by force and what is counted, blocks in key order. */
export function countBlocks(statements: readonly CountStatement[]): Array<[string, CountStatement[]]> {
  const m = new Map<string, CountStatement[]>();
  for (const s of statements) pushTo(m, countBlockKey(s), s);
  return [...m.keys()].sort(cmp).map((k) => [k, m.get(k)!]);
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};
const STATED = /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+(?:[a-z-]+\s+){0,2}?areas\b/i;

/** "five key areas" in a sentence: the number of areas the sentence says there are. */
export function statedCount(sentence: string): { n: number; text: string } | null {
  const m = STATED.exec(sentence);
  if (!m) return null;
  const word = m[1]!.toLowerCase();
  const n = NUMBER_WORDS[word] ?? Number.parseInt(word, 10);
  return Number.isFinite(n) && n > 0 ? { n, text: m[0] } : null;
}

/** A sentence stating how many areas lay behind its document's main event ("five key areas"). */
export interface StatingSentence {
  /** `documentId:index|event`: the order sentences are compared in. */
  key: string;
  member: AccountMember;
  n: number;
  text: string;
  /** The force as the stating document's main event names it. */
  force: string;
}

/** Inspectorate documents listing the same reasons for an event: the same number of list items, in the same words. */
export interface ReasonList {
  items: number;
  text: string;
  size: number;
  /** Every document giving it, in document order; null when not at hand (see listedConflicts). */
  members: AccountMember[] | null;
}

/** What the listed-count rule compares for one event: the stating sentences, and the inspectorate's lists of reasons. */
export interface ListedCountState {
  event: string;
  forceKey: string;
  /** The event's stage and change, as a conflict's subject names them. */
  stage: string;
  change: string;
  statings: StatingSentence[];
  lists: ReasonList[];
}

const reasonListKey = (l: Pick<ReasonList, 'items' | 'text'>): string => JSON.stringify([l.items, l.text]);

/**
 * A block's stating sentences and reason lists, by event (each document's main event): areas that
 * are reasons for their document's main event, and sentences whose number covers the areas they
 * name. `text`: the text of each area sentence, by `documentId:index`.
 */
export function listedCountStates(
  placed: readonly PlacedArea[],
  text: ReadonlyMap<string, string>,
  mainEvent: (documentId: string, forceKey: string | null) => DocumentEvent | null,
): ListedCountState[] {
  /** Areas that are reasons for their document's main event, by document and event. */
  const reasons = new Map<string, { event: string; areas: PlacedArea[] }>();
  /** Areas by the sentence they sit in, with the main event of their document. */
  const bySentence = new Map<string, { event: string; force: string; areas: PlacedArea[] }>();
  const states = new Map<string, ListedCountState>();
  for (const p of placed) {
    if (p.quoted || p.episode === UNASSIGNED) continue;
    const doc = p.statement.document.id;
    const main = mainEvent(doc, p.force.key);
    if (!main) continue;
    const event = eventKey(main.force.key, main.stage, main.change, main.episode);
    if (!states.has(event)) states.set(event, { event, forceKey: main.force.key, stage: main.stage, change: main.change, statings: [], lists: [] });
    if (p.event === event) {
      const r = reasons.get(`${doc}|${event}`) ?? { event, areas: [] };
      r.areas.push(p);
      reasons.set(`${doc}|${event}`, r);
    }
    const sk = `${doc}:${p.statement.claim.sentenceIndex}|${event}`;
    const g = bySentence.get(sk) ?? { event, force: main.force.name, areas: [] };
    g.areas.push(p);
    bySentence.set(sk, g);
  }
  const memberOf = (areas: readonly PlacedArea[]): AccountMember => ({ document: areas[0]!.statement.document, claimIds: [...new Set(areas.map((p) => p.statement.claim.id))].sort(cmp) });
  for (const r of reasons.values()) {
    if (r.areas[0]!.statement.document.sourceKind !== INSPECTORATE) continue;
    addReasonList(states.get(r.event)!.lists, { items: new Set(r.areas.map((p) => p.statement.claim.sentenceIndex)).size, text: listText(r.areas), member: memberOf(r.areas) });
  }
  for (const [key, { event, force, areas }] of bySentence) {
    const first = areas[0]!;
    const found = statedCount(text.get(`${first.statement.document.id}:${first.statement.claim.sentenceIndex}`) ?? '');
    // The number must cover the areas the sentence itself names ("five key areas, including ...").
    if (!found || found.n < areas.length) continue;
    states.get(event)!.statings.push({ key, member: memberOf(areas), n: found.n, text: found.text, force });
  }
  for (const state of states.values()) {
    state.statings.sort((a, b) => cmp(a.key, b.key));
    state.lists.sort((a, b) => cmp(reasonListKey(a), reasonListKey(b)));
    // Sorted once: a sort per member would be quadratic.
    for (const l of state.lists) l.members?.sort(memberOrder);
  }
  return [...states.values()].filter((s) => s.statings.length > 0 || s.lists.length > 0).sort((a, b) => cmp(a.event, b.event));
}

function addReasonList(lists: ReasonList[], list: { items: number; text: string; member: AccountMember }): void {
  const held = lists.find((l) => reasonListKey(l) === reasonListKey(list));
  if (!held) {
    lists.push({ items: list.items, text: list.text, size: 1, members: [list.member] });
    return;
  }
  held.size++;
  held.members?.push(list.member);
}

/** What can disagree: a list of two items or more, and a stated number that differs. */
const disagrees = (s: StatingSentence, l: ReasonList): boolean => l.items >= 2 && l.items !== s.n;

/** A state as kept between runs: every stating sentence (they are few), and the members of the lists one disagrees with. */
export function keptListedCount(state: ListedCountState): ListedCountState {
  return { ...state, lists: state.lists.map((l) => ({ ...l, members: state.statings.some((s) => disagrees(s, l)) ? l.members : null })) };
}

/** A kept state with new documents' stating sentences and reason lists (a state of theirs for the same event) joined to it. */
export function joinListedCount(kept: ListedCountState, added: ListedCountState): ListedCountState {
  const lists = kept.lists.map((l) => ({ ...l, members: l.members ? [...l.members] : null }));
  for (const l of added.lists) for (const member of l.members!) addReasonList(lists, { items: l.items, text: l.text, member });
  lists.sort((a, b) => cmp(reasonListKey(a), reasonListKey(b)));
  for (const l of lists) l.members?.sort(memberOrder);
  return { ...kept, statings: [...kept.statings, ...added.statings].sort((a, b) => cmp(a.key, b.key)), lists };
}

/**
 * A document states how many areas lay behind its main event; an inspectorate document about the
 * same event lists a different number of reasons for it (list items: the sentences its areas sit
 * in). Low confidence: one side is a count of list items. Null when the documents of a list a
 * stated number disagrees with are not at hand.
 */
export function listedConflicts(state: ListedCountState): Conflict[] | null {
  const out = new Map<string, Conflict>();
  for (const stating of state.statings) {
    const doc = stating.member.document;
    const refs: Array<{ list: ReasonList; member: AccountMember }> = [];
    for (const list of state.lists) {
      if (!disagrees(stating, list)) continue;
      if (!list.members) return null;
      for (const member of list.members) if (member.document.id !== doc.id) refs.push({ list, member });
    }
    refs.sort((x, y) => documentOrder(x.member.document, y.member.document));
    for (const { list, member } of refs) {
      const [a, b] = sidesInOrder(member, `${list.items} listed: ${list.text}`, stating.member, `${stating.text} (${stating.n})`);
      const id = stableId('conflict', 'count', state.event, a.documentId, b.documentId);
      // A document stating the number twice is set against a list once, by its first sentence.
      if (out.has(id)) continue;
      out.set(id, {
        id,
        kind: 'count',
        confidence: 'low',
        rule: 'count.areas-listed',
        subject: `Number of areas behind: ${stating.force} ${state.change} ${state.stage}`,
        force: stating.force,
        stage: state.stage,
        change: state.change,
        a,
        b,
      });
    }
  }
  return [...out.values()];
}

/** Listed-count conflicts of a block's placed areas (see listedCountStates and listedConflicts). */
export function listedCountConflicts(
  placed: readonly PlacedArea[],
  text: ReadonlyMap<string, string>,
  mainEvent: (documentId: string, forceKey: string | null) => DocumentEvent | null,
): Conflict[] {
  // Every list's documents are at hand here.
  return listedCountStates(placed, text, mainEvent).flatMap((state) => listedConflicts(state)!);
}
