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
import { documentOrder, sideOf } from '../support.ts';
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

/**
 * A document states how many areas lay behind its main event; an
 * inspectorate document about the same event lists a different number of
 * reasons for it (list items: the sentences its areas sit in). Low
 * confidence: one side is a count of list items.
 */
export function listedCountConflicts(
  placed: readonly PlacedArea[],
  /** The text of each area sentence, by `documentId:index`. */
  text: ReadonlyMap<string, string>,
  mainEvent: (documentId: string, forceKey: string | null) => DocumentEvent | null,
): Conflict[] {
  /** Areas that are reasons for their document's main event, by document and event. */
  const reasons = new Map<string, { event: string; areas: PlacedArea[] }>();
  /** Areas by the sentence they sit in, with the main event of their document. */
  const bySentence = new Map<string, { event: string; areas: PlacedArea[] }>();
  for (const p of placed) {
    if (p.quoted || p.episode === UNASSIGNED) continue;
    const doc = p.statement.document.id;
    const main = mainEvent(doc, p.force.key);
    if (!main) continue;
    const event = eventKey(main.force.key, main.stage, main.change, main.episode);
    if (p.event === event) {
      const r = reasons.get(`${doc}|${event}`) ?? { event, areas: [] };
      r.areas.push(p);
      reasons.set(`${doc}|${event}`, r);
    }
    const sk = `${doc}:${p.statement.claim.sentenceIndex}|${event}`;
    const g = bySentence.get(sk) ?? { event, areas: [] };
    g.areas.push(p);
    bySentence.set(sk, g);
  }
  // The inspectorate's lists by event, so that each stating sentence looks only at its event's.
  const listsOf = new Map<string, PlacedArea[][]>();
  for (const r of reasons.values()) if (r.areas[0]!.statement.document.sourceKind === INSPECTORATE) pushTo(listsOf, r.event, r.areas);
  for (const lists of listsOf.values()) lists.sort((x, y) => documentOrder(x[0]!.statement.document, y[0]!.statement.document));
  const out: Conflict[] = [];
  for (const sk of [...bySentence.keys()].sort(cmp)) {
    const { event, areas } = bySentence.get(sk)!;
    const first = areas[0]!;
    const doc = first.statement.document;
    const found = statedCount(text.get(`${doc.id}:${first.statement.claim.sentenceIndex}`) ?? '');
    // The number must cover the areas the sentence itself names ("five key areas, including ...").
    if (!found || found.n < areas.length) continue;
    const refs = (listsOf.get(event) ?? []).filter((r) => r[0]!.statement.document.id !== doc.id);
    for (const ref of refs) {
      const items = new Set(ref.map((p) => p.statement.claim.sentenceIndex)).size;
      if (items < 2 || items === found.n) continue;
      const refDoc = ref[0]!.statement.document;
      const stating = sideOf(doc, `${found.text} (${found.n})`, areas.map((p) => p.statement));
      const listing = sideOf(refDoc, `${items} listed: ${listText(ref)}`, ref.map((p) => p.statement));
      const [a, b] = documentOrder(refDoc, doc) <= 0 ? [listing, stating] : [stating, listing];
      const main = mainEvent(doc.id, first.force.key)!;
      out.push({
        id: stableId('conflict', 'count', event, a.documentId, b.documentId),
        kind: 'count',
        confidence: 'low',
        rule: 'count.areas-listed',
        subject: `Number of areas behind: ${main.force.name} ${main.change} ${main.stage}`,
        force: main.force.name,
        stage: main.stage,
        change: main.change,
        a,
        b,
      });
    }
  }
  return out;
}
