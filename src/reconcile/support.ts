// Building blocks shared by the reconcilers: a fixed order of documents,
// facts from the statements that support them, conflict sides. Pure.
import { stableId } from '../util/hash.ts';
import { cmp } from './collections.ts';
import type { Statement } from './normalise.ts';
import type { Conflict, ConflictSide, Fact, ReconcileDocument, Scalar } from './types.ts';

/** Documents in a fixed order that depends on the documents only: publication date (unknown last), file name, id. */
export function documentOrder(a: ReconcileDocument, b: ReconcileDocument): number {
  const pa = a.publishedAt ?? '9999';
  const pb = b.publishedAt ?? '9999';
  return cmp(pa, pb) || cmp(a.fileName, b.fileName) || cmp(a.id, b.id);
}

const uniqueSorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort(cmp);

/** A fact's id: a hash of its kind and blocking key, so that the same fact always gets the same id. */
export const factId = (kind: Fact['kind'], key: string): string => stableId('fact', kind, key);

/**
 * A conflict's digest: equal for conflicts the graph holds alike (keys in any order, each side's
 * claims as a set), so that a kept digest tells whether a conflict found again is the one written.
 */
export function conflictDigest(conflict: Conflict): string {
  const side = (s: ConflictSide) => ({ ...s, claimIds: uniqueSorted(s.claimIds) });
  return stableId('conflict', JSON.stringify({ ...conflict, a: side(conflict.a), b: side(conflict.b) }, (_, value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => cmp(x, y))) : value)));
}

export function factOf(input: {
  kind: Fact['kind'];
  key: string;
  subject: string;
  subjectKey: string;
  predicate: string;
  object: string;
  qualifiers: Record<string, Scalar>;
  statements: readonly Statement[];
}): Fact {
  const documentIds = uniqueSorted(input.statements.map((s) => s.document.id));
  return {
    id: factId(input.kind, input.key),
    kind: input.kind,
    subject: input.subject,
    subjectKey: input.subjectKey,
    predicate: input.predicate,
    object: input.object,
    qualifiers: input.qualifiers,
    corroboration: documentIds.length,
    documentIds,
    sourceKinds: uniqueSorted(input.statements.map((s) => s.document.sourceKind)),
    claimIds: uniqueSorted(input.statements.map((s) => s.claim.id)),
  };
}

export function sideOf(document: ReconcileDocument, value: string, statements: readonly Statement[]): ConflictSide {
  return {
    documentId: document.id,
    fileName: document.fileName,
    publisher: document.publisher,
    sourceKind: document.sourceKind,
    publishedAt: document.publishedAt,
    value,
    claimIds: uniqueSorted(statements.map((s) => s.claim.id)),
  };
}

/**
 * A conflict about one stage event (a force, stage and change) between two sides; its id
 * depends on the kind, the event's key and the two documents only.
 */
export function eventConflict(input: {
  kind: Conflict['kind'];
  eventKey: string;
  event: { force: { name: string }; stage: string; change: string };
  subject: string;
  confidence: Conflict['confidence'];
  rule: string;
  a: ConflictSide;
  b: ConflictSide;
}): Conflict {
  return {
    id: stableId('conflict', input.kind, input.eventKey, input.a.documentId, input.b.documentId),
    kind: input.kind,
    confidence: input.confidence,
    rule: input.rule,
    subject: input.subject,
    force: input.event.force.name,
    stage: input.event.stage,
    change: input.event.change,
    a: input.a,
    b: input.b,
  };
}

/** A document of an account (documents saying the same), as a conflict side needs it. */
export interface AccountMember {
  document: ReconcileDocument;
  /** The claims that say it, sorted. */
  claimIds: string[];
}

/** Members in document order. */
export const memberOrder = (a: AccountMember, b: AccountMember): number => documentOrder(a.document, b.document);

/** Two documents' conflict sides, each saying its value, the earlier document's first (a conflict's a and b). */
export function sidesInOrder(x: AccountMember, valueX: string, y: AccountMember, valueY: string): [ConflictSide, ConflictSide] {
  const side = (m: AccountMember, value: string): ConflictSide => ({
    documentId: m.document.id,
    fileName: m.document.fileName,
    publisher: m.document.publisher,
    sourceKind: m.document.sourceKind,
    publishedAt: m.document.publishedAt,
    value,
    claimIds: m.claimIds,
  });
  return documentOrder(x.document, y.document) < 0 ? [side(x, valueX), side(y, valueY)] : [side(y, valueY), side(x, valueX)];
}
