// Actor rule: two documents naming different deciders for the same move (one
// block: the decisions of one stage event).
// - Different sides: two different organisations, a person counting for the
//   organisation their title names ("the inspectorate decided" and "the
//   chief constable decided"). Low confidence when a side is read from a
//   person's title, high when both name organisations.
// - Different people on one side: "the chief inspector Jane Roe decided"
//   against "the inspector John Doe decided" (high: both are names).
// An office and its holder agree ("the inspectorate decided" and "its chief
// inspector decided"); an actor whose side is unknown never makes a conflict,
// and only `decided` is compared (recommending or announcing is not deciding).
// Pure; a function of one block.
import type { EntityRef } from '../../model/claim.ts';
import type { ActorSide } from '../actors.ts';
import { pushTo } from '../collections.ts';
import type { DecisionBlock } from '../decisions.ts';
import { UNASSIGNED } from '../episodes.ts';
import type { DecisionStatement } from '../normalise.ts';
import { eventSubject } from '../stage-events.ts';
import { eventConflict, sideOf } from '../support.ts';
import type { Conflict } from '../types.ts';

export function actorConflictsOf(block: DecisionBlock, sideOfActor: (actor: EntityRef) => ActorSide | null): Conflict[] {
  if (block.episode === UNASSIGNED) return [];
  const out: Conflict[] = [];
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
      const sameSide = b.sides.some((x) => keysA.has(x!.key));
      const peopleA = a.statements.filter((s) => s.actor.type === 'Person').map((s) => s.actor.key);
      const peopleB = b.statements.filter((s) => s.actor.type === 'Person').map((s) => s.actor.key);
      // One side, different people: each document names only people, and none in common.
      const differentPeople =
        sameSide &&
        peopleA.length === a.statements.length &&
        peopleB.length === b.statements.length &&
        !peopleA.some((k) => peopleB.includes(k));
      if (sameSide && !differentPeople) continue;
      const value = (d: typeof a) =>
        [...new Set(d.statements.map((s, n) => (s.actor.name === d.sides[n]!.name ? s.actor.name : `${s.actor.name} (${d.sides[n]!.name})`)))].join(', ');
      const sideA = sideOf(a.statements[0]!.document, `decided by ${value(a)}`, a.statements);
      const sideB = sideOf(b.statements[0]!.document, `decided by ${value(b)}`, b.statements);
      const byTitle = [...a.statements, ...b.statements].some((s) => s.actor.type === 'Person');
      out.push(
        eventConflict({
          kind: 'actor',
          eventKey: block.key,
          event: block,
          subject: `Who decided: ${eventSubject(block.force.name, block.stage, block.change)}`,
          confidence: differentPeople || !byTitle ? 'high' : 'low',
          rule: differentPeople ? 'actor.different-people' : 'actor.different-sides',
          a: sideA,
          b: sideB,
        }),
      );
    }
  }
  return out;
}
