// Cross-source reconciliation: the claims of many documents to facts (one per
// real-world statement, with its corroboration) and typed conflicts (two
// documents that cannot both be right, with both sides' claims).
//
// Two stages: prepare.ts reads and places every document's statements; the
// rules here compare them across documents, block by block.
//
// Pure and deterministic: the output depends only on the set of documents and
// claims, never on their order (everything is blocked, sorted and hashed).
// Near-linear: claims are blocked by key (entity; force/stage/change/episode;
// event/polarity for areas) and only compared inside a block.
import type { Claim, EntityRef } from '../model/claim.ts';
import { stableId } from '../util/hash.ts';
import { areaFacts } from './areas.ts';
import { decisionFacts } from './decisions.ts';
import { actorConflictsOf } from './conflicts/actor.ts';
import { areaBlocks, areaConflictsOf } from './conflicts/areas.ts';
import { countBlocks, listedCountConflicts, statedCountConflictsOf } from './conflicts/count.ts';
import { dateConflictsOf } from './conflicts/date.ts';
import { remitConflictsOf } from './conflicts/other.ts';
import { purposeConflictsOf, type StatedReasons } from './conflicts/purpose.ts';
import { cmp, pushTo } from './collections.ts';
import { UNASSIGNED } from './episodes.ts';
import type { Statement } from './normalise.ts';
import { prepareBlock, type PreparedBlock, type PrepareOptions } from './prepare.ts';
import { stageEventFacts } from './stage-events.ts';
import type { Conflict, Fact, ReconcileDocument, ReconcileInput, Reconciliation } from './types.ts';

export type { EntityContext } from './prepare.ts';

export interface ReconcileOptions extends PrepareOptions {
  /** Compute entity facts (default true); off when they are computed per entity elsewhere. */
  entityFacts?: boolean;
}

export function reconcile(input: ReconcileInput, options: ReconcileOptions = {}): Reconciliation {
  return reconcilePrepared(prepareBlock(input, options), options);
}

/** The rules over a prepared block: facts of every kind, and the conflicts each rule finds. */
export function reconcilePrepared(block: PreparedBlock, options: Pick<ReconcileOptions, 'entityFacts'> = {}): Reconciliation {
  const { events, index, passing, placed, findings, sentenceText } = block;
  const conflicts: Conflict[] = [];

  // Entities: one fact per canonical entity, with every spelling.
  const facts: Fact[] = options.entityFacts === false ? [] : entityFacts(block.claims, block.documents, block.surfaceForms);

  // Date rule, per event block, with the datings spells imply; one fact per event.
  const disputed = new Set<string>();
  for (const event of events) {
    const found = dateConflictsOf(event, block.implied.get(event.key) ?? [], passing);
    if (found.length > 0) disputed.add(event.key);
    append(conflicts, found);
  }
  append(facts, stageEventFacts(events, disputed));

  // Decisions: one fact per (event, act, actor); actor rule per block.
  append(facts, decisionFacts(block.decisionBlocks));
  for (const decisions of block.decisionBlocks) append(conflicts, actorConflictsOf(decisions, block.sideOfActor));

  // Areas: one fact per (event, polarity, PEEL area); areas rule per block, listed counts.
  append(facts, areaFacts(placed));
  for (const [key, docs] of areaBlocks(findings)) append(conflicts, areaConflictsOf(key, docs));
  append(conflicts, listedCountConflicts(placed, sentenceText, index.mainEvent));

  // Count rule on stated numbers, per (force, what is counted).
  for (const [key, counts] of countBlocks(block.counts)) append(conflicts, statedCountConflictsOf(key, counts));

  // Purpose rule, per entry event: a stated cause against the inspection's findings.
  // Causes by force and findings by event: each block looks only at its own (no scan of all per block).
  const causesOf = new Map<string, Statement[]>();
  for (const d of block.details) if (d.claim.qualifiers.topic === 'cause') pushTo(causesOf, d.force.key, d);
  const findingsOf = new Map<string, typeof findings[number][]>();
  for (const p of findings) pushTo(findingsOf, p.event, p);
  for (const event of events) {
    if (event.change !== 'entered' || event.episode === UNASSIGNED) continue;
    const reasons = new Map<string, StatedReasons & { causes: Statement[]; findings: Statement[] }>();
    const of = (d: ReconcileDocument) => reasons.get(d.id) ?? reasons.set(d.id, { document: d, causes: [], findings: [], concerns: 0 }).get(d.id)!;
    for (const c of causesOf.get(event.force.key) ?? []) {
      if (index.episodeOf(c.document.id, event.force.key, event.stage, 'entered') === event.episode) of(c.document).causes.push(c);
    }
    for (const p of findingsOf.get(event.key) ?? []) {
      if (p.quoted || p.statement.polarity !== 'concern') continue;
      const r = of(p.statement.document);
      r.concerns++;
      const text = sentenceText.get(`${p.statement.document.id}:${p.statement.claim.sentenceIndex}`) ?? '';
      if (p.statement.document.sourceKind === 'inspectorate' || INSPECTION.test(text)) r.findings.push(p.statement);
    }
    append(conflicts, purposeConflictsOf(event, [...reasons.values()]));
  }

  // Other rule: the inspectorate's remit, per force.
  const remits = new Map<string, Array<(typeof block.details)[number]>>();
  for (const d of block.details) if (d.claim.qualifiers.topic === 'remit') pushTo(remits, d.force.key, d);
  for (const key of [...remits.keys()].sort(cmp)) append(conflicts, remitConflictsOf(remits.get(key)![0]!.force, remits.get(key)!));

  return {
    facts: dedupe(facts).sort((a, b) => cmp(a.kind, b.kind) || cmp(a.subject, b.subject) || episodeOf(a) - episodeOf(b) || cmp(a.id, b.id)),
    conflicts: dedupe(conflicts).sort(
      (a, b) => cmp(a.kind, b.kind) || cmp(a.subject, b.subject) || cmp(a.a.fileName, b.a.fileName) || cmp(a.b.fileName, b.b.fileName) || cmp(a.id, b.id),
    ),
  };
}

const episodeOf = (f: Fact): number => (typeof f.qualifiers.episode === 'number' ? f.qualifiers.episode : 0);

function dedupe<T extends { id: string }>(items: readonly T[]): T[] {
  const m = new Map<string, T>();
  for (const i of items) if (!m.has(i.id)) m.set(i.id, i);
  return [...m.values()];
}

function entityFacts(
  claims: readonly Claim[],
  documents: ReadonlyMap<string, ReconcileDocument>,
  surfaceForms: PreparedBlock['surfaceForms'],
): Fact[] {
  const groups = new Map<string, Claim[]>();
  for (const c of claims) if (c.kind === 'mention' && c.subject) pushTo(groups, c.subject.key, c);
  return [...groups.keys()].sort(cmp).map((key) => {
    const group = groups.get(key)!;
    const forms = new Map((surfaceForms.get(key) ?? []).map((f) => [f.claimId, f.form]));
    return entityFactOf(
      group[0]!.subject!,
      group.map((c) => ({ claimId: c.id, documentId: c.documentId, form: forms.get(c.id) ?? c.value, sourceKind: documents.get(c.documentId)!.sourceKind })),
    );
  });
}

/** A mention of an entity, as its entity fact needs it. */
export interface EntityMention {
  claimId: string;
  documentId: string;
  /** The words that name it there. */
  form: string;
  sourceKind: string;
}

/** The fact of one canonical entity from every mention of it (or of a name resolved to it), in any order. */
export function entityFactOf(entity: EntityRef, mentions: readonly EntityMention[]): Fact {
  const documentIds = [...new Set(mentions.map((m) => m.documentId))].sort(cmp);
  return {
    id: stableId('fact', 'entity', entity.key),
    kind: 'entity' as const,
    subject: entity.name,
    subjectKey: entity.key,
    predicate: 'IS',
    object: entity.type,
    qualifiers: { type: entity.type, name: entity.name },
    corroboration: documentIds.length,
    documentIds,
    sourceKinds: [...new Set(mentions.map((m) => m.sourceKind))].sort(cmp),
    claimIds: mentions.map((m) => m.claimId).sort(cmp),
    surfaceForms: mentions
      .map((m) => ({ form: m.form, documentId: m.documentId, claimId: m.claimId }))
      .sort((a, b) => cmp(a.form, b.form) || cmp(a.documentId, b.documentId) || cmp(a.claimId, b.claimId)),
  };
}

/** Words that attribute a finding to an inspection. */
const INSPECTION = /\b(?:inspect\w*|watchdog|HMICFRS|HMIC)\b/i;

/** Appends without spreading: a spread of a very large list overflows the call stack. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
