// Cross-source reconciliation: the claims of many documents to facts (one per
// real-world statement, with its corroboration) and typed conflicts (two
// documents that cannot both be right, with both sides' claims).
//
// Pure and deterministic: the output depends only on the set of documents and
// claims, never on their order (everything is blocked, sorted and hashed).
// Near-linear: claims are blocked by key (entity; force/stage/change/episode;
// event/polarity for areas) and only compared inside a block.
import type { Claim, EntityRef } from '../model/claim.ts';
import { loadKnowledge, type Knowledge } from '../knowledge/index.ts';
import { stableId } from '../util/hash.ts';
import { actorSideResolver, bodySide, type ActorSide } from './actors.ts';
import { areaFacts, placeAreas, type DocumentEvent } from './areas.ts';
import { decisionBlocks, decisionFacts } from './decisions.ts';
import { actorConflictsOf } from './conflicts/actor.ts';
import { areaBlocks, areaConflictsOf } from './conflicts/areas.ts';
import { countBlocks, listedCountConflicts, statedCountConflictsOf, type CountStatement } from './conflicts/count.ts';
import { dateConflictsOf, describeSpell, spellStart, type ImpliedDating } from './conflicts/date.ts';
import { remitConflictsOf } from './conflicts/other.ts';
import { purposeConflictsOf, type StatedReasons } from './conflicts/purpose.ts';
import { dateInterval, intersect, isBounded, type Interval } from './intervals.ts';
import { cmp, pushTo } from './collections.ts';
import { canonicalClaims, resolveEntities } from './entities.ts';
import { assignEpisodes, UNASSIGNED } from './episodes.ts';
import { areaStatement, decisionStatement, normalise, stageStatement, type StageStatement, type Statement } from './normalise.ts';
import { eventBlocks, eventKey, stageEventFacts } from './stage-events.ts';
import type { Conflict, Fact, ReconcileDocument, ReconcileInput, Reconciliation } from './types.ts';

export interface ReconcileOptions {
  /** Domain knowledge (titles and their organisations); loaded from src/knowledge when not given. */
  knowledge?: Knowledge;
  /**
   * Entity resolution and people's sides as the whole corpus gives them, for
   * reconciling a part of it (the documents about one force): resolution
   * looks across documents, so a part alone would resolve differently.
   */
  entities?: EntityContext;
  /** Compute entity facts (default true); off when they are computed per entity elsewhere. */
  entityFacts?: boolean;
}

export interface EntityContext {
  /** The canonical entity of a person's key; a key not here is its own. */
  canonical: ReadonlyMap<string, EntityRef>;
  /** The side of each canonical person (null: unknown or several). */
  personSides: ReadonlyMap<string, ActorSide | null>;
}

export function reconcile(input: ReconcileInput, options: ReconcileOptions = {}): Reconciliation {
  const knowledge = options.knowledge ?? loadKnowledge();
  const documents = new Map<string, ReconcileDocument>(input.documents.map((d) => [d.id, d]));
  // Order-free from here on: one claim per id, sorted by id; claims of unknown documents are left out.
  const unique = new Map<string, Claim>();
  for (const c of input.claims) if (documents.has(c.documentId) && !unique.has(c.id)) unique.set(c.id, c);
  // Ids sorted natively: the default sort compares strings by code units, as cmp does.
  const sorted = [...unique.keys()].sort().map((id) => unique.get(id)!);
  const given = options.entities;
  const resolution = given ? { canonical: new Map(given.canonical), surfaceForms: new Map() } : resolveEntities(sorted);
  const claims = canonicalClaims(sorted, resolution);
  const docOf = (c: Claim) => documents.get(c.documentId)!;
  // Each kind's claims, in id order: the statements of a kind are read from its own claims only.
  const ofKind = new Map<string, Claim[]>();
  for (const c of claims) pushTo(ofKind, c.kind, c);
  const claimsOf = (kind: Claim['kind']): readonly Claim[] => ofKind.get(kind) ?? [];
  const forceRefs = new Map<string, EntityRef>();
  for (const c of claimsOf('mention')) if (c.subject?.type === 'Force') forceRefs.set(c.subject.key, c.subject);

  // Entities: one fact per canonical entity, with every spelling.
  const facts: Fact[] = options.entityFacts === false ? [] : entityFacts(claims, documents, resolution.surfaceForms);

  // Stage events: episodes, one fact per event.
  const stages = claimsOf('stageEvent').map((c) => stageStatement(c, docOf(c))).filter((s): s is StageStatement => s !== null);
  const episodes = assignEpisodes(stages);
  const events = eventBlocks(stages, episodes);
  const index = documentEventIndex(stages, episodes);
  const mainForceOf = mainForces(claimsOf('mention'));
  const passing = passingMentions(claimsOf('mention'), mainForceOf);
  const conflicts: Conflict[] = [];

  // Details (counts, spells, causes, remits), each tied to its force: the one the sentence names, else the document's.
  const details = claimsOf('detail')
    .map((c) => {
      const forceKey = c.subject?.key ?? mainForceOf(c.documentId);
      const force = c.subject ?? (forceKey ? forceRefs.get(forceKey) : undefined);
      return force ? { ...normalise(c, docOf(c)), force } : null;
    })
    .filter((d) => d !== null);

  // Date rule, per event block, with the datings spells imply.
  const implied = impliedDatings(details, stages, index.episodeOf);
  const disputed = new Set<string>();
  for (const block of events) {
    const found = dateConflictsOf(block, implied.get(block.key) ?? [], passing);
    if (found.length > 0) disputed.add(block.key);
    append(conflicts, found);
  }
  append(facts, stageEventFacts(events, disputed));

  // Decisions: one fact per (event, act, actor); actor rule per block.
  const decisions = claimsOf('decision').map((c) => decisionStatement(c, docOf(c))).filter((s) => s !== null);
  const dBlocks = decisionBlocks(decisions, index.episodeOf);
  append(facts, decisionFacts(dBlocks));
  const sideOfActor = given ? (actor: EntityRef) => (actor.type === 'Person' ? (given.personSides.get(actor.key) ?? null) : bodySide(actor, knowledge)) : actorSideResolver(claims, knowledge);
  for (const block of dBlocks) append(conflicts, actorConflictsOf(block, sideOfActor));

  // Areas: placed on the event they are reasons for; areas rule per block, listed counts.
  const quoteSpans = new Map<string, Array<{ start: number; end: number }>>();
  for (const c of claimsOf('quote')) pushTo(quoteSpans, c.documentId, { start: c.start, end: c.end });
  const areas = claimsOf('area').map((c) => areaStatement(c, docOf(c), index.onlyForce(c.documentId))).filter((s) => s !== null);
  const placed = placeAreas(areas, index.mainEvent, quoteSpans);
  append(facts, areaFacts(placed));
  // A cause's own sentence and the one after it tell the cause ("after a series of scandals. Those included ..."), not findings.
  const causeSentences = new Set(
    details.filter((d) => d.claim.qualifiers.topic === 'cause').flatMap((d) => [`${d.document.id}:${d.claim.sentenceIndex}`, `${d.document.id}:${d.claim.sentenceIndex + 1}`]),
  );
  const findings = placed.filter((p) => !causeSentences.has(`${p.statement.document.id}:${p.statement.claim.sentenceIndex}`) && !passing(p.statement.document.id, p.force.key));
  for (const [key, docs] of areaBlocks(findings)) append(conflicts, areaConflictsOf(key, docs));
  // Area sentences by document and index: the listed-count and purpose rules read them.
  const sentenceText = new Map((input.sentences ?? []).map((s) => [`${s.documentId}:${s.index}`, s.text]));
  append(conflicts, listedCountConflicts(placed, sentenceText, index.mainEvent));

  // Count rule on stated numbers, per (force, what is counted).
  const counts: CountStatement[] = details
    .filter((d) => ['officeHolders', 'areasAssessed', 'areasGraded'].includes(String(d.claim.qualifiers.topic)))
    .map((d) => ({
      ...d,
      topic: String(d.claim.qualifiers.topic),
      counted: typeof d.claim.qualifiers.qualifier === 'string' ? d.claim.qualifiers.qualifier : '',
      n: Number(d.claim.qualifiers.lo),
      ordinal: d.claim.qualifiers.ordinal === true,
      window: typeof d.claim.qualifiers.window === 'number' ? d.claim.qualifiers.window : null,
    }));
  for (const [key, block] of countBlocks(counts)) append(conflicts, statedCountConflictsOf(key, block));

  // Purpose rule, per entry event: a stated cause against the inspection's findings.
  // Causes by force and findings by event: each block looks only at its own (no scan of all per block).
  const causesOf = new Map<string, Array<(typeof details)[number]>>();
  for (const d of details) if (d.claim.qualifiers.topic === 'cause') pushTo(causesOf, d.force.key, d);
  const findingsOf = new Map<string, typeof findings>();
  for (const p of findings) pushTo(findingsOf, p.event, p);
  for (const block of events) {
    if (block.change !== 'entered' || block.episode === UNASSIGNED) continue;
    const reasons = new Map<string, StatedReasons & { causes: Statement[]; findings: Statement[] }>();
    const of = (d: ReconcileDocument) => reasons.get(d.id) ?? reasons.set(d.id, { document: d, causes: [], findings: [], concerns: 0 }).get(d.id)!;
    for (const c of causesOf.get(block.force.key) ?? []) {
      if (index.episodeOf(c.document.id, c.force.key, block.stage, 'entered') === block.episode) of(c.document).causes.push(c);
    }
    for (const p of findingsOf.get(block.key) ?? []) {
      if (p.quoted || p.statement.polarity !== 'concern') continue;
      const r = of(p.statement.document);
      r.concerns++;
      const text = sentenceText.get(`${p.statement.document.id}:${p.statement.claim.sentenceIndex}`) ?? '';
      if (p.statement.document.sourceKind === 'inspectorate' || INSPECTION.test(text)) r.findings.push(p.statement);
    }
    append(conflicts, purposeConflictsOf(block, [...reasons.values()]));
  }

  // Other rule: the inspectorate's remit, per force.
  const remits = new Map<string, typeof details>();
  for (const d of details) if (d.claim.qualifiers.topic === 'remit') pushTo(remits, d.force.key, d);
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
  surfaceForms: ReturnType<typeof resolveEntities>['surfaceForms'],
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

  // Asked once per decision and per detail: remembered per document, force, stage and change.
  const knownEpisodes = new Map<string, number>();
  const episodeOf = (documentId: string, forceKey: string, stage: string, change: string): number => {
    const key = `${documentId}|${forceKey}|${stage}|${change}`;
    let episode = knownEpisodes.get(key);
    if (episode === undefined) knownEpisodes.set(key, (episode = episodeOfDocument(documentId, forceKey, stage, change)));
    return episode;
  };
  const episodeOfDocument = (documentId: string, forceKey: string, stage: string, change: string): number => {
    const own = (byDoc.get(documentId) ?? []).filter((s) => s.force.key === forceKey && s.stage === stage);
    const exact = mostStated(own.filter((s) => s.change === change));
    if (exact) return exact.episode;
    const any = mostStated(own);
    if (any) return any.episode;
    const known = [...(episodesOfForceStage.get(`${forceKey}|${stage}`) ?? [])].filter((e) => e !== UNASSIGNED);
    if (known.length === 0) return 0;
    return known.length === 1 ? known[0]! : UNASSIGNED;
  };

  const onlyForces = new Map<string, EntityRef | null>();
  const onlyForce = (documentId: string): EntityRef | null => {
    if (!onlyForces.has(documentId)) {
      const forces = new Map((byDoc.get(documentId) ?? []).map((s) => [s.force.key, s.force]));
      onlyForces.set(documentId, forces.size === 1 ? [...forces.values()][0]! : null);
    }
    return onlyForces.get(documentId)!;
  };

  return { mainEvent, episodeOf, onlyForce };
}

/** Words that attribute a finding to an inspection. */
const INSPECTION = /\b(?:inspect\w*|watchdog|HMICFRS|HMIC)\b/i;

/**
 * Whether a document only mentions a force in passing: it names the force
 * once, or names another force more often (`main`: each document's main force).
 */
function passingMentions(mentions: readonly Claim[], main: (documentId: string) => string | null): (documentId: string, forceKey: string) => boolean {
  const counts = new Map<string, number>();
  const named = new Set<string>();
  for (const c of mentions) {
    if (c.subject?.type !== 'Force') continue;
    counts.set(`${c.documentId}|${c.subject.key}`, (counts.get(`${c.documentId}|${c.subject.key}`) ?? 0) + 1);
    named.add(c.documentId);
  }
  return (documentId, forceKey) => {
    // A document whose forces are not known from mentions is taken at its word.
    if (!named.has(documentId)) return false;
    const m = main(documentId);
    return (counts.get(`${documentId}|${forceKey}`) ?? 0) <= 1 || (m !== null && m !== forceKey);
  };
}

/** Each document's main force: the force its texts name most (mention claims); null on a tie or none. */
function mainForces(claims: readonly Claim[]): (documentId: string) => string | null {
  const counts = new Map<string, Map<string, number>>();
  for (const c of claims) {
    if (c.kind !== 'mention' || c.subject?.type !== 'Force') continue;
    const m = counts.get(c.documentId) ?? new Map<string, number>();
    m.set(c.subject.key, (m.get(c.subject.key) ?? 0) + 1);
    counts.set(c.documentId, m);
  }
  const main = new Map<string, string | null>();
  for (const [doc, m] of counts) {
    const ranked = [...m.entries()].sort(([ka, a], [kb, b]) => b - a || cmp(ka, kb));
    main.set(doc, ranked.length > 1 && ranked[0]![1] === ranked[1]![1] ? null : ranked[0]![0]);
  }
  return (documentId) => main.get(documentId) ?? null;
}

/**
 * When spells say the force entered, by entry event key: the document's exit
 * (its dated exit statements, else its publication day) less the spell.
 */
function impliedDatings(
  details: ReadonlyArray<Statement & { force: EntityRef }>,
  stages: readonly StageStatement[],
  episodeOf: (documentId: string, forceKey: string, stage: string, change: string) => number,
): Map<string, ImpliedDating[]> {
  const out = new Map<string, ImpliedDating[]>();
  const stagesOf = new Map<string, StageStatement[]>();
  for (const s of stages) pushTo(stagesOf, s.document.id, s);
  for (const d of details) {
    const q = d.claim.qualifiers;
    if (q.topic !== 'spell' || typeof q.lo !== 'number' || typeof q.hi !== 'number') continue;
    const stage = 'Engage';
    const episode = episodeOf(d.document.id, d.force.key, stage, 'entered');
    if (episode === UNASSIGNED) continue;
    const exits = (stagesOf.get(d.document.id) ?? []).filter((s) => s.force.key === d.force.key && s.stage === stage && s.change === 'exited' && isBounded(s.interval));
    let end: Interval | null = exits.reduce<Interval | null>((acc, s) => (acc ? intersect(acc, s.interval) : s.interval), null);
    if (!end && d.document.publishedAt) end = dateInterval(d.document.publishedAt);
    if (!end) continue;
    const interval = spellStart(end, { lo: q.lo, hi: q.hi });
    pushTo(out, eventKey(d.force.key, stage, 'entered', episode), { document: d.document, interval, value: describeSpell(d.claim.value, interval), statements: [d] });
  }
  return out;
}

/** Appends without spreading: a spread of a very large list overflows the call stack. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
