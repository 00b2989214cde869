// Cross-source reconciliation: the claims of many documents to facts (one per
// real-world statement, with its corroboration) and typed conflicts (two
// documents that cannot both be right, with both sides' claims).
//
// Pure and deterministic: the output depends only on the set of documents and
// claims, never on their order (everything is blocked, sorted and hashed).
// Near-linear: claims are blocked by key (entity; force/stage/change/episode;
// event/polarity for areas) and only compared inside a block.
import type { Claim } from '../model/claim.ts';
import { loadKnowledge, type Knowledge } from '../knowledge/index.ts';
import { stableId } from '../util/hash.ts';
import { actorSideResolver } from './actors.ts';
import { areaConflicts, areaFacts, countConflicts, placeAreas, type DocumentEvent } from './areas.ts';
import { actorConflicts, decisionBlocks, decisionFacts } from './decisions.ts';
import { cmp, pushTo } from './collections.ts';
import { canonicalClaims, resolveEntities } from './entities.ts';
import { assignEpisodes, UNASSIGNED } from './episodes.ts';
import { areaStatement, decisionStatement, stageStatement, type StageStatement } from './normalise.ts';
import { dateConflicts, eventBlocks, stageEventFacts } from './stage-events.ts';
import type { Conflict, Fact, ReconcileDocument, ReconcileInput, Reconciliation } from './types.ts';

export interface ReconcileOptions {
  /** Domain knowledge (titles and their organisations); loaded from src/knowledge when not given. */
  knowledge?: Knowledge;
}

export function reconcile(input: ReconcileInput, options: ReconcileOptions = {}): Reconciliation {
  const knowledge = options.knowledge ?? loadKnowledge();
  const documents = new Map<string, ReconcileDocument>(input.documents.map((d) => [d.id, d]));
  // Order-free from here on: one claim per id, sorted by id; claims of unknown documents are left out.
  const unique = new Map<string, Claim>();
  for (const c of input.claims) if (documents.has(c.documentId) && !unique.has(c.id)) unique.set(c.id, c);
  const resolution = resolveEntities([...unique.values()].sort((a, b) => cmp(a.id, b.id)));
  const claims = canonicalClaims([...unique.values()].sort((a, b) => cmp(a.id, b.id)), resolution);
  const docOf = (c: Claim) => documents.get(c.documentId)!;

  // Entities: one fact per canonical entity, with every spelling.
  const facts: Fact[] = entityFacts(claims, documents, resolution.surfaceForms);

  // Stage events: episodes, one fact per event, date conflicts.
  const stages = claims.map((c) => stageStatement(c, docOf(c))).filter((s): s is StageStatement => s !== null);
  const episodes = assignEpisodes(stages);
  const events = eventBlocks(stages, episodes);
  append(facts, stageEventFacts(events));
  const conflicts: Conflict[] = [...dateConflicts(events)];

  const index = documentEventIndex(stages, episodes);

  // Decisions: one fact per (event, act, actor), actor conflicts.
  const decisions = claims.map((c) => decisionStatement(c, docOf(c))).filter((s) => s !== null);
  const dBlocks = decisionBlocks(decisions, index.episodeOf);
  append(facts, decisionFacts(dBlocks));
  append(conflicts, actorConflicts(dBlocks, actorSideResolver(claims, knowledge)));

  // Areas: placed on the event they are reasons for; areas and count conflicts.
  const quoteSpans = new Map<string, Array<{ start: number; end: number }>>();
  for (const c of claims) if (c.kind === 'quote') pushTo(quoteSpans, c.documentId, { start: c.start, end: c.end });
  const areas = claims.map((c) => areaStatement(c, docOf(c), index.onlyForce(c.documentId))).filter((s) => s !== null);
  const placed = placeAreas(areas, index.mainEvent, quoteSpans);
  append(facts, areaFacts(placed));
  append(conflicts, areaConflicts(placed));
  append(conflicts, countConflicts(placed, input.sentences ?? [], index.mainEvent));

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
  surfaceForms: ReturnType<typeof resolveEntities>['surfaceForms'],
): Fact[] {
  const groups = new Map<string, Claim[]>();
  for (const c of claims) if (c.kind === 'mention' && c.subject) pushTo(groups, c.subject.key, c);
  return [...groups.keys()].sort(cmp).map((key) => {
    const group = groups.get(key)!;
    const entity = group[0]!.subject!;
    const documentIds = [...new Set(group.map((c) => c.documentId))].sort(cmp);
    return {
      id: stableId('fact', 'entity', key),
      kind: 'entity' as const,
      subject: entity.name,
      subjectKey: key,
      predicate: 'IS',
      object: entity.type,
      qualifiers: { type: entity.type, name: entity.name },
      corroboration: documentIds.length,
      documentIds,
      sourceKinds: [...new Set(documentIds.map((d) => documents.get(d)!.sourceKind))].sort(cmp),
      claimIds: group.map((c) => c.id).sort(cmp),
      surfaceForms: surfaceForms.get(key) ?? [],
    };
  });
}

/**
 * What each document is about: its main stage event (per force, or overall),
 * the episode its decisions belong to, and its only force.
 */
function documentEventIndex(stages: readonly StageStatement[], episodes: ReadonlyMap<string, number>) {
  const byDoc = new Map<string, StageStatement[]>();
  for (const s of stages) pushTo(byDoc, s.document.id, s);
  const episodesOfForceStage = new Map<string, Set<number>>();
  for (const s of stages) {
    const k = `${s.force.key}|${s.stage}`;
    const set = episodesOfForceStage.get(k) ?? new Set<number>();
    set.add(episodes.get(s.claim.id) ?? UNASSIGNED);
    episodesOfForceStage.set(k, set);
  }

  /** The most stated (force, stage, change, episode) among statements; ties go to the one stated first. */
  const mostStated = (list: readonly StageStatement[]): DocumentEvent | null => {
    const counts = new Map<string, { event: DocumentEvent; n: number; first: number }>();
    for (const s of list) {
      const episode = episodes.get(s.claim.id) ?? UNASSIGNED;
      if (episode === UNASSIGNED) continue;
      const k = `${s.force.key}|${s.stage}|${s.change}|${episode}`;
      const c = counts.get(k) ?? { event: { force: s.force, stage: s.stage, change: s.change, episode }, n: 0, first: s.claim.start };
      c.n++;
      c.first = Math.min(c.first, s.claim.start);
      counts.set(k, c);
    }
    const best = [...counts.entries()].sort(([ka, a], [kb, b]) => b.n - a.n || a.first - b.first || cmp(ka, kb))[0];
    return best ? best[1].event : null;
  };

  const mainEvents = new Map<string, DocumentEvent | null>();
  const mainEvent = (documentId: string, forceKey: string | null): DocumentEvent | null => {
    const key = `${documentId}|${forceKey ?? ''}`;
    if (!mainEvents.has(key)) mainEvents.set(key, mostStated((byDoc.get(documentId) ?? []).filter((s) => forceKey === null || s.force.key === forceKey)));
    return mainEvents.get(key)!;
  };

  const episodeOf = (documentId: string, forceKey: string, stage: string, change: string): number => {
    const own = (byDoc.get(documentId) ?? []).filter((s) => s.force.key === forceKey && s.stage === stage);
    const exact = mostStated(own.filter((s) => s.change === change));
    if (exact) return exact.episode;
    const any = mostStated(own);
    if (any) return any.episode;
    const known = [...(episodesOfForceStage.get(`${forceKey}|${stage}`) ?? [])].filter((e) => e !== UNASSIGNED);
    if (known.length === 0) return 0;
    return known.length === 1 ? known[0]! : UNASSIGNED;
  };

  const onlyForce = (documentId: string) => {
    const forces = new Map((byDoc.get(documentId) ?? []).map((s) => [s.force.key, s.force]));
    return forces.size === 1 ? [...forces.values()][0]! : null;
  };

  return { mainEvent, episodeOf, onlyForce };
}

/** Appends without spreading: a spread of a very large list overflows the call stack. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
