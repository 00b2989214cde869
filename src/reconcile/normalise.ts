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

export function normalise(claim: Claim, document: ReconcileDocument): Statement {
  const q = claim.qualifiers;
  switch (claim.kind) {
    case 'mention':
      return { claim, document, subject: claim.subject, predicate: 'MENTIONED', object: claim.subject?.name ?? claim.value, qualifiers: {} };
    case 'stageEvent':
      return {
        claim,
        document,
        subject: claim.subject,
        predicate: q.change === 'exited' ? 'EXITED_STAGE' : 'ENTERED_STAGE',
        object: String(q.stage ?? claim.value),
        qualifiers: { date: str(q.date), datePrecision: str(q.datePrecision), tense: str(q.tense) },
      };
    case 'decision': {
      const force = claim.links.find((l) => l.role === 'force')?.entity;
      return {
        claim,
        document,
        subject: claim.links.find((l) => l.role === 'actor')?.entity ?? claim.subject,
        predicate: String(q.act ?? claim.predicate).toUpperCase(),
        object: `${force?.name ?? '?'} ${q.change ?? '?'} ${q.stage ?? '?'}`,
        qualifiers: { force: force?.key ?? null, stage: str(q.stage), change: str(q.change) },
      };
    }
    case 'area':
      return {
        claim,
        document,
        subject: claim.subject,
        predicate: q.polarity === 'concern' ? 'CONCERN' : 'IMPROVEMENT',
        object: claim.value,
        qualifiers: { peel: str(q.peel), polarity: str(q.polarity) },
      };
    default:
      return { claim, document, subject: claim.subject, predicate: claim.predicate, object: claim.value, qualifiers: { ...q } };
  }
}

export function stageStatement(claim: Claim, document: ReconcileDocument): StageStatement | null {
  if (claim.kind !== 'stageEvent') return null;
  const s = normalise(claim, document);
  const stage = str(claim.qualifiers.stage);
  const change = str(claim.qualifiers.change);
  if (!claim.subject || claim.subject.type !== 'Force' || !stage || !change) return null;
  const date = str(claim.qualifiers.date);
  const interval = statementInterval({ date, tense: str(claim.qualifiers.tense), publishedAt: document.publishedAt });
  return { ...s, force: claim.subject, stage, change, date, interval };
}

export function decisionStatement(claim: Claim, document: ReconcileDocument): DecisionStatement | null {
  if (claim.kind !== 'decision') return null;
  const s = normalise(claim, document);
  const actor = claim.links.find((l) => l.role === 'actor')?.entity;
  const force = claim.links.find((l) => l.role === 'force')?.entity;
  const act = str(claim.qualifiers.act);
  const stage = str(claim.qualifiers.stage);
  const change = str(claim.qualifiers.change);
  if (!actor || !force || !act || !stage || !change) return null;
  return { ...s, actor, force, act, stage, change };
}

export function areaStatement(claim: Claim, document: ReconcileDocument, documentForce: EntityRef | null): AreaStatement | null {
  if (claim.kind !== 'area') return null;
  const s = normalise(claim, document);
  const peel = str(claim.qualifiers.peel) ?? 'Other';
  const polarity = str(claim.qualifiers.polarity);
  if (!polarity) return null;
  const force = claim.subject?.type === 'Force' ? claim.subject : documentForce;
  return { ...s, force, text: claim.value, peel, polarity };
}
