// Areas of concern or improvement across sources.
//
// Each area is tied to a stage event of its document's episode for the force:
// a concern is a reason for moving in (the entry), an improvement a reason for
// moving out (the exit). Within one (event, polarity), a document's areas are
// compared with another's by word overlap ("call handling" ~ "answering calls
// more quickly") and by PEEL area:
// - one side's areas all found in the other's: agreement (a subset, or the
//   same areas in other words);
// - each side names areas the other lacks, and at least one of them is a
//   clear gap (a PEEL area the other side never touches, in words it never
//   uses): an `areas` conflict. Gaps in wording alone are not enough.
// What the inspectorate found is the inspectorate's to say: a source's areas
// are checked against the inspectorate's own account of the event (and two
// inspectorate accounts against each other), not against every other
// secondary account, whose lists are selections. Areas inside a quotation are
// the speaker's view, not the document's account, and are left out of the
// comparison. A stated number of areas ("improvement in five key areas")
// against the number of reasons the inspectorate lists for the same event is
// a `count` conflict. Pure.
import type { EntityRef } from '../model/claim.ts';
import { stableId } from '../util/hash.ts';
import { cmp, pushTo } from './collections.ts';
import { UNASSIGNED } from './episodes.ts';
import type { AreaStatement } from './normalise.ts';
import { eventKey } from './stage-events.ts';
import { documentOrder, factOf, sideOf } from './support.ts';
import type { Conflict, Fact, ReconcileSentence } from './types.ts';
import { contentWords, sharedWords } from './words.ts';

/** The stage event of a document's episode for a force: what its areas are about. */
export interface DocumentEvent {
  force: EntityRef;
  stage: string;
  change: string;
  episode: number;
}

export interface PlacedArea {
  statement: AreaStatement;
  /** The event key the area is a reason for. */
  event: string;
  force: EntityRef;
  stage: string;
  change: string;
  episode: number;
  /** Inside a quotation of its document. */
  quoted: boolean;
}

const INSPECTORATE = 'inspectorate';

/** The event an area is a reason for: concerns for the entry, improvements for the exit, of the document's episode. */
export function placeAreas(
  statements: readonly AreaStatement[],
  mainEvent: (documentId: string, forceKey: string | null) => DocumentEvent | null,
  quoteSpans: ReadonlyMap<string, ReadonlyArray<{ start: number; end: number }>>,
): PlacedArea[] {
  const out: PlacedArea[] = [];
  for (const s of statements) {
    const main = mainEvent(s.document.id, s.force?.key ?? null);
    if (!main) continue;
    const change = s.polarity === 'concern' ? 'entered' : 'exited';
    const quotes = quoteSpans.get(s.document.id) ?? [];
    out.push({
      statement: s,
      event: eventKey(main.force.key, main.stage, change, main.episode),
      force: main.force,
      stage: main.stage,
      change,
      episode: main.episode,
      quoted: quotes.some((q) => q.start <= s.claim.start && s.claim.end <= q.end),
    });
  }
  return out.sort((a, b) => cmp(a.event, b.event) || documentOrder(a.statement.document, b.statement.document) || a.statement.claim.start - b.statement.claim.start || cmp(a.statement.claim.id, b.statement.claim.id));
}

/** One fact per (event, polarity, PEEL area): which documents name areas there, in which words. */
export function areaFacts(placed: readonly PlacedArea[]): Fact[] {
  const groups = new Map<string, PlacedArea[]>();
  for (const p of placed) {
    const k = `${p.event}|${p.statement.polarity}|${p.statement.peel}`;
    pushTo(groups, k, p);
  }
  return [...groups.keys()].sort(cmp).map((k) => {
    const group = groups.get(k)!;
    const first = group[0]!;
    const texts = [...new Set(group.map((p) => p.statement.text))].sort(cmp);
    return factOf({
      kind: 'area',
      key: k,
      subject: `${first.force.name} ${first.change} ${first.stage}: ${first.statement.polarity === 'concern' ? 'concern' : 'improvement'} in ${first.statement.peel}`,
      subjectKey: first.force.key,
      predicate: first.statement.polarity === 'concern' ? 'CONCERN' : 'IMPROVEMENT',
      object: first.statement.peel,
      qualifiers: {
        force: first.force.name,
        stage: first.stage,
        change: first.change,
        episode: first.episode === UNASSIGNED ? null : first.episode + 1,
        peel: first.statement.peel,
        polarity: first.statement.polarity,
        texts: texts.join(' | '),
      },
      statements: group.map((p) => p.statement),
    });
  });
}

interface DocumentAreas {
  areas: PlacedArea[];
  words: string[][];
  peels: Set<string>;
}

function documentAreas(areas: PlacedArea[]): DocumentAreas {
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

/** Compares two documents' areas of one (event, polarity): a conflict, or null when they agree. */
export function compareAreas(a: DocumentAreas, b: DocumentAreas): { aLacks: PlacedArea[]; bLacks: PlacedArea[] } | null {
  const ab = lacking(a, b);
  const ba = lacking(b, a);
  if (ab.lacks.length === 0 || ba.lacks.length === 0) return null;
  if (ab.clear.length === 0 && ba.clear.length === 0) return null;
  return { aLacks: ba.lacks, bLacks: ab.lacks };
}

/** Comparable areas (not quoted, in a known episode) by event (which also fixes the polarity), then document. */
function blocksOf(placed: readonly PlacedArea[]): Map<string, Map<string, PlacedArea[]>> {
  const blocks = new Map<string, Map<string, PlacedArea[]>>();
  for (const p of placed) {
    if (p.quoted || p.episode === UNASSIGNED) continue;
    const k = `${p.event}|${p.statement.polarity}`;
    const docs = blocks.get(k) ?? new Map<string, PlacedArea[]>();
    pushTo(docs, p.statement.document.id, p);
    blocks.set(k, docs);
  }
  return blocks;
}

/** Pairs to compare in a block: each inspectorate document with every other document (not every pair). */
function referencePairs(docs: ReadonlyMap<string, PlacedArea[]>): Array<[PlacedArea[], PlacedArea[]]> {
  const order = (x: PlacedArea[], y: PlacedArea[]) => documentOrder(x[0]!.statement.document, y[0]!.statement.document);
  const lists = [...docs.values()].sort(order);
  const refs = lists.filter((l) => l[0]!.statement.document.sourceKind === INSPECTORATE);
  const pairs: Array<[PlacedArea[], PlacedArea[]]> = [];
  for (const ref of refs) {
    for (const other of lists) {
      if (other === ref) continue;
      // Two inspectorate documents are one pair, taken once.
      if (refs.includes(other) && order(other, ref) < 0) continue;
      pairs.push(order(ref, other) <= 0 ? [ref, other] : [other, ref]);
    }
  }
  return pairs;
}

const listText = (areas: readonly PlacedArea[]): string => areas.map((a) => a.statement.text).join('; ');

export function areaConflicts(placed: readonly PlacedArea[]): Conflict[] {
  const out: Conflict[] = [];
  const blocks = blocksOf(placed);
  for (const key of [...blocks.keys()].sort(cmp)) {
    const prepared = new Map<PlacedArea[], DocumentAreas>();
    const prepare = (l: PlacedArea[]) => prepared.get(l) ?? prepared.set(l, documentAreas(l)).get(l)!;
    for (const [a, b] of referencePairs(blocks.get(key)!)) {
      const found = compareAreas(prepare(a), prepare(b));
      if (!found) continue;
      const first = a[0]!;
      const polarity = first.statement.polarity === 'concern' ? 'Concerns behind' : 'Improvements behind';
      const sideA = sideOf(first.statement.document, `${listText(a)} (not in the other: ${listText(found.bLacks)})`, a.map((p) => p.statement));
      const sideB = sideOf(b[0]!.statement.document, `${listText(b)} (not in the other: ${listText(found.aLacks)})`, b.map((p) => p.statement));
      out.push({
        id: stableId('conflict', 'areas', key, sideA.documentId, sideB.documentId),
        kind: 'areas',
        subject: `${polarity}: ${first.force.name} ${first.change} ${first.stage}`,
        force: first.force.name,
        stage: first.stage,
        change: first.change,
        a: sideA,
        b: sideB,
      });
    }
  }
  return out;
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
 * Count conflicts: a document states how many areas lay behind its main
 * event; an inspectorate document about the same event lists a different
 * number of reasons for it (list items: the sentences its areas sit in).
 */
export function countConflicts(
  placed: readonly PlacedArea[],
  sentences: readonly ReconcileSentence[],
  mainEvent: (documentId: string, forceKey: string | null) => DocumentEvent | null,
): Conflict[] {
  const text = new Map(sentences.map((s) => [`${s.documentId}:${s.index}`, s.text]));
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
  const out: Conflict[] = [];
  for (const sk of [...bySentence.keys()].sort(cmp)) {
    const { event, areas } = bySentence.get(sk)!;
    const first = areas[0]!;
    const doc = first.statement.document;
    const found = statedCount(text.get(`${doc.id}:${first.statement.claim.sentenceIndex}`) ?? '');
    // The number must cover the areas the sentence itself names ("five key areas, including ...").
    if (!found || found.n < areas.length) continue;
    const refs = [...reasons.values()]
      .filter((r) => r.event === event && r.areas[0]!.statement.document.sourceKind === INSPECTORATE && r.areas[0]!.statement.document.id !== doc.id)
      .map((r) => r.areas)
      .sort((x, y) => documentOrder(x[0]!.statement.document, y[0]!.statement.document));
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
