// The first stage of reconciling a block: every document's statements read
// and placed. Claims become statements; stage statements are split into
// episodes; each document gets its main event, the episode of its decisions
// and details, its main force and whether it names a force only in passing;
// areas are placed on the event they are reasons for. What the rules
// (reconcile.ts) compare comes from here, each item tied to its document.
//
// Pure and deterministic: one claim per id, taken in id order.
import type { Claim, EntityRef } from '../model/claim.ts';
import { loadKnowledge, type Knowledge } from '../knowledge/index.ts';
import { actorSideResolver, bodySide, type ActorSide } from './actors.ts';
import { placeAreas, type DocumentEvent, type PlacedArea } from './areas.ts';
import { decisionBlocks, type DecisionBlock } from './decisions.ts';
import { type CountStatement } from './conflicts/count.ts';
import { describeSpell, spellStart, type ImpliedDating } from './conflicts/date.ts';
import { dateInterval, intersect, isBounded, type Interval } from './intervals.ts';
import { cmp, pushTo } from './collections.ts';
import { canonicalClaims, resolveEntities } from './entities.ts';
import { assignEpisodes, UNASSIGNED } from './episodes.ts';
import { areaStatement, decisionStatement, normalise, stageStatement, type StageStatement, type Statement } from './normalise.ts';
import { eventBlocks, eventKey, type EventBlock } from './stage-events.ts';
import type { ReconcileDocument, ReconcileInput } from './types.ts';

export interface EntityContext {
  /** The canonical entity of a person's key; a key not here is its own. */
  canonical: ReadonlyMap<string, EntityRef>;
  /** The side of each canonical person (null: unknown or several). */
  personSides: ReadonlyMap<string, ActorSide | null>;
}

export interface PrepareOptions {
  /** Domain knowledge (titles and their organisations); loaded from src/knowledge when not given. */
  knowledge?: Knowledge;
  /**
   * Entity resolution and people's sides as the whole corpus gives them, for
   * reconciling a part of it (the documents about one force): resolution
   * looks across documents, so a part alone would resolve differently.
   */
  entities?: EntityContext;
  /**
   * The episodes of the block's stage statements, and every episode each force and stage has, when
   * they come from outside the block: new documents placed beside the stage skeletons of a graph
   * (skeleton.ts). Episodes are otherwise assigned from the block's own stage statements.
   */
  episodes?: PlacedEpisodes;
}

export interface PlacedEpisodes {
  /** Episode of each stage statement, by claim id. */
  of: ReadonlyMap<string, number>;
  /** Every episode (UNASSIGNED included) a statement of this force and stage has. */
  known: (forceKey: string, stage: string) => readonly number[];
}

/** A detail (count, spell, cause, remit) tied to its force: the one its sentence names, else its document's. */
export type ForceDetail = Statement & { force: EntityRef };

/** A block's documents, their statements read and placed: what the rules compare. */
export interface PreparedBlock {
  documents: ReadonlyMap<string, ReconcileDocument>;
  /** Every claim, in id order, with people's names resolved to their canonical entity. */
  claims: readonly Claim[];
  /** Each entity's surface forms (empty when resolution was given). */
  surfaceForms: ReturnType<typeof resolveEntities>['surfaceForms'];
  stages: readonly StageStatement[];
  /** Episode of each stage statement, by claim id. */
  episodes: ReadonlyMap<string, number>;
  /** Stage statements by event (force, stage, change, episode). */
  events: readonly EventBlock[];
  /** What each document is about (see documentEventIndex). */
  index: DocumentEventIndex;
  /** Whether a document names a force only in passing. */
  passing: (documentId: string, forceKey: string) => boolean;
  details: readonly ForceDetail[];
  /** Datings that spells imply, by entry event key. */
  implied: ReadonlyMap<string, ImpliedDating[]>;
  /** Decisions by the event they decide. */
  decisionBlocks: readonly DecisionBlock[];
  /** The side (organisation) an actor counts for, or null. */
  sideOfActor: (actor: EntityRef) => ActorSide | null;
  /** Areas on the event they are reasons for. */
  placed: readonly PlacedArea[];
  /** Placed areas that are findings: not in a cause's sentences, not of a document naming the force in passing. */
  findings: readonly PlacedArea[];
  /** The text of each area sentence, by `documentId:index`. */
  sentenceText: ReadonlyMap<string, string>;
  /** Stated numbers about a force (office holders, areas assessed or graded). */
  counts: readonly CountStatement[];
}

export function prepareBlock(input: ReconcileInput, options: PrepareOptions = {}): PreparedBlock {
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

  // Stage events: episodes, and what each document is about.
  const stages = claimsOf('stageEvent').map((c) => stageStatement(c, docOf(c))).filter((s): s is StageStatement => s !== null);
  const episodes = options.episodes?.of ?? assignEpisodes(stages);
  const events = eventBlocks(stages, episodes);
  const index = documentEventIndex(stages, episodes, options.episodes?.known);
  const mainForceOf = mainForces(claimsOf('mention'));
  const passing = passingMentions(claimsOf('mention'), mainForceOf);

  // Details (counts, spells, causes, remits), each tied to its force: the one the sentence names, else the document's.
  const details = claimsOf('detail')
    .map((c) => {
      const forceKey = c.subject?.key ?? mainForceOf(c.documentId);
      const force = c.subject ?? (forceKey ? forceRefs.get(forceKey) : undefined);
      return force ? { ...normalise(c, docOf(c)), force } : null;
    })
    .filter((d) => d !== null);

  // Decisions, by the event they decide; actors' sides from the whole corpus's resolution when given.
  const decisions = claimsOf('decision').map((c) => decisionStatement(c, docOf(c))).filter((s) => s !== null);
  const sideOfActor = given ? (actor: EntityRef) => (actor.type === 'Person' ? (given.personSides.get(actor.key) ?? null) : bodySide(actor, knowledge)) : actorSideResolver(claims, knowledge);

  // Areas: placed on the event they are reasons for.
  const quoteSpans = new Map<string, Array<{ start: number; end: number }>>();
  for (const c of claimsOf('quote')) pushTo(quoteSpans, c.documentId, { start: c.start, end: c.end });
  const areas = claimsOf('area').map((c) => areaStatement(c, docOf(c), index.onlyForce(c.documentId))).filter((s) => s !== null);
  const placed = placeAreas(areas, index.mainEvent, quoteSpans);
  // A cause's own sentence and the one after it tell the cause ("after a series of scandals. Those included ..."), not findings.
  const causeSentences = new Set(
    details.filter((d) => d.claim.qualifiers.topic === 'cause').flatMap((d) => [`${d.document.id}:${d.claim.sentenceIndex}`, `${d.document.id}:${d.claim.sentenceIndex + 1}`]),
  );
  const findings = placed.filter((p) => !causeSentences.has(`${p.statement.document.id}:${p.statement.claim.sentenceIndex}`) && !passing(p.statement.document.id, p.force.key));

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

  return {
    documents,
    claims,
    surfaceForms: resolution.surfaceForms,
    stages,
    episodes,
    events,
    index,
    passing,
    details,
    implied: impliedDatings(details, stages, index.episodeOf),
    decisionBlocks: decisionBlocks(decisions, index.episodeOf),
    sideOfActor,
    placed,
    findings,
    // Area sentences by document and index: the listed-count and purpose rules read them.
    sentenceText: new Map((input.sentences ?? []).map((s) => [`${s.documentId}:${s.index}`, s.text])),
    counts,
  };
}

export interface DocumentEventIndex {
  /** A document's main stage event for a force (or overall, forceKey null). */
  mainEvent: (documentId: string, forceKey: string | null) => DocumentEvent | null;
  /** The episode a document's decision or detail about a force's stage change belongs to. */
  episodeOf: (documentId: string, forceKey: string, stage: string, change: string) => number;
  /** The document's only force, if its stage statements name one. */
  onlyForce: (documentId: string) => EntityRef | null;
}

/**
 * What each document is about: its main stage event (per force, or overall),
 * the episode its decisions belong to, and its only force.
 */
function documentEventIndex(
  stages: readonly StageStatement[],
  episodes: ReadonlyMap<string, number>,
  givenEpisodes?: (forceKey: string, stage: string) => readonly number[],
): DocumentEventIndex {
  const byDoc = new Map<string, StageStatement[]>();
  for (const s of stages) pushTo(byDoc, s.document.id, s);
  const episodesOfForceStage = new Map<string, Set<number>>();
  for (const s of stages) {
    const k = `${s.force.key}|${s.stage}`;
    const set = episodesOfForceStage.get(k) ?? new Set<number>();
    set.add(episodes.get(s.claim.id) ?? UNASSIGNED);
    episodesOfForceStage.set(k, set);
  }
  const episodesOf = (forceKey: string, stage: string): Iterable<number> => givenEpisodes?.(forceKey, stage) ?? episodesOfForceStage.get(`${forceKey}|${stage}`) ?? [];

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
    const known = [...episodesOf(forceKey, stage)].filter((e) => e !== UNASSIGNED);
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
  details: readonly ForceDetail[],
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
