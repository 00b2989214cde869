// Decisions across sources: one fact per (event, act, actor). Who decided is
// compared by the actor rule (conflicts/actor.ts). Pure.
import type { EntityRef } from '../model/claim.ts';
import { cmp, pushTo } from './collections.ts';
import { UNASSIGNED } from './episodes.ts';
import type { DecisionStatement } from './normalise.ts';
import { eventKey, eventSubject } from './stage-events.ts';
import { documentOrder, factOf } from './support.ts';
import type { Fact } from './types.ts';

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
