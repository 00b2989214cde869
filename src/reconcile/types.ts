// Shapes of the cross-source reconciliation: what goes in (documents, their
// claims, and the sentences area claims sit in) and what comes out (facts that
// several documents support, and typed conflicts with both sides' claims).
import type { Claim } from '../model/claim.ts';

export const SOURCE_KINDS = ['inspectorate', 'press', 'police', 'government', 'other'] as const;
export type SourceKindName = (typeof SOURCE_KINDS)[number];

export const CONFLICT_KINDS = ['date', 'actor', 'stage', 'areas', 'count', 'purpose', 'other'] as const;
export type ConflictKindName = (typeof CONFLICT_KINDS)[number];

/** What the reconciler needs to know of a document: who published it, when, and what kind of source it is. */
export interface ReconcileDocument {
  id: string;
  fileName: string;
  publisher: string;
  sourceKind: string;
  /** YYYY-MM-DD, the reference date of the text; null when unknown. */
  publishedAt: string | null;
}

/** A sentence's text, for the sentences that hold area claims (a stated number of areas is read there). */
export interface ReconcileSentence {
  documentId: string;
  index: number;
  text: string;
}

export interface ReconcileInput {
  documents: readonly ReconcileDocument[];
  claims: readonly Claim[];
  sentences?: readonly ReconcileSentence[];
}

export type Scalar = string | number | boolean | null;

/** A surface form of an entity, with the claim (and so document and span) it was read from. */
export interface SurfaceForm {
  form: string;
  documentId: string;
  claimId: string;
}

/**
 * One reconciled statement: subject, predicate, object and qualifiers, with
 * every claim (of every document) that supports it.
 */
export interface Fact {
  /** Content hash of kind and key: the same fact always gets the same id. */
  id: string;
  kind: 'entity' | 'stageEvent' | 'decision' | 'area';
  /** Readable subject ("Cleveland Police entered Engage"). */
  subject: string;
  /** Entity key of the subject (the force, person or organisation). */
  subjectKey: string;
  predicate: string;
  object: string;
  qualifiers: Record<string, Scalar>;
  /** Number of distinct documents that support the fact. */
  corroboration: number;
  documentIds: string[];
  /** Distinct source kinds of the supporting documents, sorted. */
  sourceKinds: string[];
  claimIds: string[];
  /** Entity facts only: every spelling seen, with provenance. */
  surfaceForms?: SurfaceForm[];
}

export interface ConflictSide {
  documentId: string;
  fileName: string;
  publisher: string;
  sourceKind: string;
  publishedAt: string | null;
  /** What this side says, in words. */
  value: string;
  /** The claims that say it (their evidence spans come with them). */
  claimIds: string[];
}

export const CONFIDENCES = ['high', 'low'] as const;
/** 'high': both sides are explicit statements (a date, a name, a number); 'low': a side is inferred. */
export type Confidence = (typeof CONFIDENCES)[number];

/** Two documents that disagree about the same thing, each side with its claims. */
export interface Conflict {
  id: string;
  kind: ConflictKindName;
  confidence: Confidence;
  /** The rule that found it (src/reconcile/conflicts/), e.g. 'date.disjoint'. */
  rule: string;
  subject: string;
  /** Canonical name of the force it is about, when it is about one. */
  force: string | null;
  /** The stage and change of the event it is about ('Engage', 'entered'), when it is about one. */
  stage: string | null;
  change: string | null;
  a: ConflictSide;
  b: ConflictSide;
}

export interface Reconciliation {
  facts: Fact[];
  conflicts: Conflict[];
}
