// Decisions across sources: one fact per (event, act, actor). Who decided is
// compared by the actor rule (conflicts/actor.ts). Pure.
import { cmp, pushTo } from './collections.ts';
import type { DecisionStatement } from './normalise.ts';
import { blocksByEvent, eventSubject, type Block } from './stage-events.ts';
import { factOf } from './support.ts';
import type { Fact } from './types.ts';

export type DecisionBlock = Block<DecisionStatement>;

/** Decisions blocked by the event they decide; `episodeOf` places a document's decision in an episode. */
export function decisionBlocks(
  statements: readonly DecisionStatement[],
  episodeOf: (documentId: string, forceKey: string, stage: string, change: string) => number,
): DecisionBlock[] {
  return blocksByEvent(statements, (s) => episodeOf(s.document.id, s.force.key, s.stage, s.change));
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
