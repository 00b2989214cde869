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
import { cmp, pushTo } from '../collections.ts';
import type { DecisionBlock } from '../decisions.ts';
import { UNASSIGNED } from '../episodes.ts';
import type { DecisionStatement } from '../normalise.ts';
import { eventSubject } from '../stage-events.ts';
import { documentOrder, eventConflict, memberOrder, sidesInOrder, type AccountMember } from '../support.ts';
import type { Conflict } from '../types.ts';

/** Documents naming the same deciders: the same sides, the same people, in the same words. */
export interface DeciderAccount {
  /** The sides (organisations) the document's deciders count for, each once, sorted. */
  sides: string[];
  /** The people among its deciders, each once, sorted. */
  people: string[];
  /** Every decider it names is a person. */
  onlyPeople: boolean;
  /** A decider it names is a person (a side read from a title). */
  byTitle: boolean;
  /** What the document says, as a conflict side states it. */
  value: string;
  size: number;
  /** Every document giving it, in document order; null when not at hand (see deciderConflicts). */
  members: AccountMember[] | null;
}

export const deciderKey = (a: Pick<DeciderAccount, 'sides' | 'people' | 'onlyPeople' | 'byTitle' | 'value'>): string =>
  JSON.stringify([a.sides, a.people, a.onlyPeople, a.byTitle, a.value]);

/** Each document's deciders of one block (decisions of `decided` whose sides are all known), by document, in document order. */
export function deciderDatings(block: DecisionBlock, sideOfActor: (actor: EntityRef) => ActorSide | null): Array<{ account: Omit<DeciderAccount, 'size' | 'members'>; member: AccountMember }> {
  const byDoc = new Map<string, DecisionStatement[]>();
  for (const s of block.statements) if (s.act === 'decided') pushTo(byDoc, s.document.id, s);
  const out: Array<{ account: Omit<DeciderAccount, 'size' | 'members'>; member: AccountMember }> = [];
  for (const statements of byDoc.values()) {
    const sides = statements.map((s) => sideOfActor(s.actor));
    if (!sides.every((x) => x !== null)) continue;
    const people = statements.filter((s) => s.actor.type === 'Person').map((s) => s.actor.key);
    const value = [...new Set(statements.map((s, n) => (s.actor.name === sides[n]!.name ? s.actor.name : `${s.actor.name} (${sides[n]!.name})`)))].join(', ');
    out.push({
      account: {
        sides: [...new Set(sides.map((x) => x!.key))].sort(cmp),
        people: [...new Set(people)].sort(cmp),
        onlyPeople: people.length === statements.length,
        byTitle: people.length > 0,
        value: `decided by ${value}`,
      },
      member: { document: statements[0]!.document, claimIds: [...new Set(statements.map((s) => s.claim.id))].sort(cmp) },
    });
  }
  return out.sort((a, b) => documentOrder(a.member.document, b.member.document));
}

/** Documents' deciders as accounts, or joined to kept accounts; members in document order. */
export function deciderAccounts(documents: ReturnType<typeof deciderDatings>, joinedTo: readonly DeciderAccount[] = []): DeciderAccount[] {
  const accounts = new Map(joinedTo.map((a) => [deciderKey(a), { ...a, members: a.members ? [...a.members] : null }]));
  for (const { account, member } of documents) {
    const k = deciderKey(account);
    const held = accounts.get(k) ?? { ...account, size: 0, members: [] };
    held.size++;
    held.members?.push(member);
    accounts.set(k, held);
  }
  // Sorted once: already in order but for what was joined (a sort per member would be quadratic).
  for (const a of accounts.values()) a.members?.sort(memberOrder);
  return [...accounts.keys()].sort(cmp).map((k) => accounts.get(k)!);
}

/** Whether two accounts name different deciders: different sides, or different people on one side. */
function opposed(a: DeciderAccount, b: DeciderAccount): { differentPeople: boolean } | null {
  const sameSide = b.sides.some((x) => a.sides.includes(x));
  // One side, different people: each document names only people, and none in common.
  const differentPeople = sameSide && a.onlyPeople && b.onlyPeople && !a.people.some((k) => b.people.includes(k));
  return sameSide && !differentPeople ? null : { differentPeople };
}

/** Accounts as kept between runs: the members only of those opposed to another. */
export function keptDeciderAccounts(accounts: readonly DeciderAccount[]): DeciderAccount[] {
  return accounts.map((a) => ({ ...a, members: accounts.some((b) => b !== a && opposed(a, b)) ? a.members : null }));
}

/**
 * The actor conflicts of one block from its accounts: every document of an account against every
 * document of an account opposed to it. Null when the documents of an opposed account are not at hand.
 */
export function deciderConflicts(block: Pick<DecisionBlock, 'key' | 'force' | 'stage' | 'change'>, accounts: readonly DeciderAccount[]): Conflict[] | null {
  const out: Conflict[] = [];
  for (let g = 0; g < accounts.length; g++) {
    for (let h = g + 1; h < accounts.length; h++) {
      const found = opposed(accounts[g]!, accounts[h]!);
      if (!found) continue;
      const [x, y] = [accounts[g]!, accounts[h]!];
      if (!x.members || !y.members) return null;
      for (const mx of x.members) {
        for (const my of y.members) {
          const [a, b] = sidesInOrder(mx, x.value, my, y.value);
          out.push(
            eventConflict({
              kind: 'actor',
              eventKey: block.key,
              event: block,
              subject: `Who decided: ${eventSubject(block.force.name, block.stage, block.change)}`,
              confidence: found.differentPeople || !(x.byTitle || y.byTitle) ? 'high' : 'low',
              rule: found.differentPeople ? 'actor.different-people' : 'actor.different-sides',
              a,
              b,
            }),
          );
        }
      }
    }
  }
  return out;
}

export function actorConflictsOf(block: DecisionBlock, sideOfActor: (actor: EntityRef) => ActorSide | null): Conflict[] {
  if (block.episode === UNASSIGNED) return [];
  // Every account's documents are at hand here.
  return deciderConflicts(block, deciderAccounts(deciderDatings(block, sideOfActor)))!;
}
