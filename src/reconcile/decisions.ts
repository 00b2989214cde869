// Decisions across sources: one fact per (event, act, actor), and an actor
// conflict where two documents name as the decider of the same event actors
// on different sides (two different organisations, a person counting for the
// organisation their title names). A person whose side is not known never
// makes a conflict: no conflict is better than a doubtful one. Pure.
import type { EntityRef } from '../model/claim.ts';
import { stableId } from '../util/hash.ts';
import type { ActorSide } from './actors.ts';
import { cmp, pushTo } from './collections.ts';
import { UNASSIGNED } from './episodes.ts';
import type { DecisionStatement } from './normalise.ts';
import { eventKey, eventSubject } from './stage-events.ts';
import { documentOrder, factOf, sideOf } from './support.ts';
import type { Conflict, Fact } from './types.ts';

export interface DecisionBlock {
  /** The event key (force, stage, change, episode). */
  key: string;
  force: EntityRef;
  stage: string;
  change: string;
  episode: number;
  statements: DecisionStatement[];
}

/** Decisions blocked by the event they decide; `episodeOf` places a document's decision in an episode. */
export function decisionBlocks(
  statements: readonly DecisionStatement[],
  episodeOf: (documentId: string, forceKey: string, stage: string, change: string) => number,
): DecisionBlock[] {
  const blocks = new Map<string, DecisionBlock>();
  for (const s of statements) {
    const episode = episodeOf(s.document.id, s.force.key, s.stage, s.change);
    const key = eventKey(s.force.key, s.stage, s.change, episode);
    const block = blocks.get(key) ?? { key, force: s.force, stage: s.stage, change: s.change, episode, statements: [] };
    block.statements.push(s);
    blocks.set(key, block);
  }
  const out = [...blocks.values()].sort((a, b) => cmp(a.key, b.key));
  for (const b of out) b.statements.sort((x, y) => documentOrder(x.document, y.document) || x.claim.start - y.claim.start || cmp(x.claim.id, y.claim.id));
  return out;
}

export function decisionFacts(blocks: readonly DecisionBlock[]): Fact[] {
  const facts: Fact[] = [];
  for (const block of blocks) {
    const groups = new Map<string, DecisionStatement[]>();
    for (const s of block.statements) {
      const k = `${s.act}|${s.actor.key}`;
      pushTo(groups, k, s);
    }
    for (const k of [...groups.keys()].sort(cmp)) {
      const statements = groups.get(k)!;
      const { act, actor } = statements[0]!;
      facts.push(
        factOf({
          kind: 'decision',
          key: `${block.key}|${k}`,
          subject: `${actor.name} ${act}: ${eventSubject(block.force.name, block.stage, block.change)}`,
          subjectKey: actor.key,
          predicate: act.toUpperCase(),
          object: eventSubject(block.force.name, block.stage, block.change),
          qualifiers: { actor: actor.name, act, force: block.force.name, stage: block.stage, change: block.change },
          statements,
        }),
      );
    }
  }
  return facts;
}

/** Actor conflicts: the deciders two documents name for the same event are on different, known sides. */
export function actorConflicts(blocks: readonly DecisionBlock[], sideOfActor: (actor: EntityRef) => ActorSide | null): Conflict[] {
  const out: Conflict[] = [];
  for (const block of blocks) {
    if (block.episode === UNASSIGNED) continue;
    const byDoc = new Map<string, DecisionStatement[]>();
    for (const s of block.statements) if (s.act === 'decided') pushTo(byDoc, s.document.id, s);
    const docs = [...byDoc.values()]
      .map((statements) => {
        const sides = statements.map((s) => sideOfActor(s.actor));
        return { statements, sides, known: sides.every((x) => x !== null) };
      })
      .filter((d) => d.known);
    for (let i = 0; i < docs.length; i++) {
      for (let j = i + 1; j < docs.length; j++) {
        const a = docs[i]!;
        const b = docs[j]!;
        const keysA = new Set(a.sides.map((x) => x!.key));
        if (b.sides.some((x) => keysA.has(x!.key))) continue;
        const value = (d: typeof a) =>
          [...new Set(d.statements.map((s, n) => (s.actor.name === d.sides[n]!.name ? s.actor.name : `${s.actor.name} (${d.sides[n]!.name})`)))].join(', ');
        const sideA = sideOf(a.statements[0]!.document, `decided by ${value(a)}`, a.statements);
        const sideB = sideOf(b.statements[0]!.document, `decided by ${value(b)}`, b.statements);
        out.push({
          id: stableId('conflict', 'actor', block.key, sideA.documentId, sideB.documentId),
          kind: 'actor',
          subject: `Who decided: ${eventSubject(block.force.name, block.stage, block.change)}`,
          force: block.force.name,
          stage: block.stage,
          change: block.change,
          a: sideA,
          b: sideB,
        });
      }
    }
  }
  return out;
}
