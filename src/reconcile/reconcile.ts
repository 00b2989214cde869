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
import { factId } from './support.ts';
import { areaFacts } from './areas.ts';
import { decisionFacts } from './decisions.ts';
import { cmp, pushTo } from './collections.ts';
import { prepareBlock, type PreparedBlock, type PrepareOptions } from './prepare.ts';
import { ruleConflicts, ruleStates, type RuleStates } from './rules.ts';
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

/** The rules over a prepared block: facts of every kind, and the conflicts each rule finds (from its rule states, when they were worked out already). */
export function reconcilePrepared(block: PreparedBlock, options: Pick<ReconcileOptions, 'entityFacts'> = {}, states: RuleStates = ruleStates(block)): Reconciliation {
  // Entities: one fact per canonical entity, with every spelling.
  const facts: Fact[] = options.entityFacts === false ? [] : entityFacts(block.claims, block.documents, block.surfaceForms);
  // Conflicts, rule by rule and block by block (rules.ts); every document is at hand here.
  const conflicts: Conflict[] = [];
  const disputed = new Set<string>();
  for (const { block: key, conflicts: found } of ruleConflicts(states)) {
    if (key.startsWith('date:') && found!.length > 0) disputed.add(key.slice('date:'.length));
    append(conflicts, found!);
  }
  // Stage events: one fact per event, its date disputed when the date rule found a conflict.
  append(facts, stageEventFacts(block.events, disputed));
  // Decisions: one fact per (event, act, actor).
  append(facts, decisionFacts(block.decisionBlocks));
  // Areas: one fact per (event, polarity, PEEL area).
  append(facts, areaFacts(block.placed));

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
    id: factId('entity', entity.key),
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

/** Appends without spreading: a spread of a very large list overflows the call stack. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
