// Claims as subject / predicate / object statements with qualifiers, tied to
// their document. The shape every later step blocks and groups on. Pure.
import type { Claim, EntityRef } from '../model/claim.ts';
import { statementInterval, type Interval } from './intervals.ts';
import type { ReconcileDocument, Scalar } from './types.ts';

export interface Statement {
  claim: Claim;
  document: ReconcileDocument;
  subject: EntityRef | null;
  predicate: string;
  object: string;
  qualifiers: Record<string, Scalar>;
}

/** A stage event: a force entered or left a stage, when (as an interval of days) according to one claim. */
export interface StageStatement extends Statement {
  force: EntityRef;
  stage: string;
  change: string;
  date: string | null;
  interval: Interval;
}

export interface DecisionStatement extends Statement {
  actor: EntityRef;
  act: string;
  force: EntityRef;
  stage: string;
  change: string;
}

export interface AreaStatement extends Statement {
  /** The force the area is about (the claim's, else the document's only force), or null. */
  force: EntityRef | null;
  text: string;
  peel: string;
  polarity: string;
}

const str = (v: Scalar | undefined): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/**
 * A claim as a plain statement: its subject, predicate, value and qualifiers. The form of details,
 * which have no statement of their own; stage events, decisions and areas have theirs below.
 */
export function normalise(claim: Claim, document: ReconcileDocument): Statement {
  return { claim, document, subject: claim.subject, predicate: claim.predicate, object: claim.value, qualifiers: { ...claim.qualifiers } };
}

// The three below build their statement in one object: a block of a large graph makes one for
// most of its claims, and an object spread from another takes a slow shape.

export function stageStatement(claim: Claim, document: ReconcileDocument): StageStatement | null {
  if (claim.kind !== 'stageEvent') return null;
  const q = claim.qualifiers;
  const stage = str(q.stage);
  const change = str(q.change);
  if (!claim.subject || claim.subject.type !== 'Force' || !stage || !change) return null;
  const date = str(q.date);
  const tense = str(q.tense);
  return {
    claim,
    document,
    subject: claim.subject,
    predicate: q.change === 'exited' ? 'EXITED_STAGE' : 'ENTERED_STAGE',
    object: stage,
    qualifiers: { date, datePrecision: str(q.datePrecision), tense },
    force: claim.subject,
    stage,
    change,
    date,
    interval: statementInterval({ date, tense, publishedAt: document.publishedAt }),
  };
}

export function decisionStatement(claim: Claim, document: ReconcileDocument): DecisionStatement | null {
  if (claim.kind !== 'decision') return null;
  const actor = claim.links.find((l) => l.role === 'actor')?.entity;
  const force = claim.links.find((l) => l.role === 'force')?.entity;
  const q = claim.qualifiers;
  const act = str(q.act);
  const stage = str(q.stage);
  const change = str(q.change);
  if (!actor || !force || !act || !stage || !change) return null;
  return {
    claim,
    document,
    subject: actor,
    predicate: act.toUpperCase(),
    object: `${force.name} ${change} ${stage}`,
    qualifiers: { force: force.key, stage, change },
    actor,
    force,
    act,
    stage,
    change,
  };
}

export function areaStatement(claim: Claim, document: ReconcileDocument, documentForce: EntityRef | null): AreaStatement | null {
  if (claim.kind !== 'area') return null;
  const q = claim.qualifiers;
  const polarity = str(q.polarity);
  if (!polarity) return null;
  const peel = str(q.peel);
  return {
    claim,
    document,
    subject: claim.subject,
    predicate: polarity === 'concern' ? 'CONCERN' : 'IMPROVEMENT',
    object: claim.value,
    qualifiers: { peel, polarity },
    force: claim.subject?.type === 'Force' ? claim.subject : documentForce,
    text: claim.value,
    peel: peel ?? 'Other',
    polarity,
  };
}
