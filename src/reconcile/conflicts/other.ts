// Other rule: the inspectorate's own statement of its remit ("monitors all
// police forces in England and Wales") differing between two of its documents
// about the same force (one block: the force). A copy of the statement in a
// press report is the publisher's, not the inspectorate's account, and is not
// compared. The same places in other words agree. High confidence: both sides
// state it. Other statements (verdicts, counts in words) are not compared: a
// rule over free wording would guess. Pure; a function of one block.
import { stableId } from '../../util/hash.ts';
import { cmp, pushTo } from '../collections.ts';
import type { Statement } from '../normalise.ts';
import { memberOrder, sidesInOrder, type AccountMember } from '../support.ts';
import type { Conflict } from '../types.ts';

/** The inspectorate's documents stating its remit in the same words (one remit each). */
export interface RemitAccount {
  value: string;
  size: number;
  /** Every document giving it, in document order; null when not at hand (kept only when another account differs). */
  members: AccountMember[] | null;
}

/** Inspectorate documents' remits as accounts, or joined to kept ones; in the order of their words. */
export function remitAccounts(remits: readonly Statement[], joinedTo: readonly RemitAccount[] = []): RemitAccount[] {
  const byDoc = new Map<string, Statement[]>();
  for (const r of remits) if (r.document.sourceKind === 'inspectorate') pushTo(byDoc, r.document.id, r);
  const accounts = new Map(joinedTo.map((a) => [a.value, { ...a, members: a.members ? [...a.members] : null }]));
  for (const rs of byDoc.values()) {
    // A document stating two remits is not a side.
    if (new Set(rs.map((r) => r.claim.value)).size !== 1) continue;
    const value = rs[0]!.claim.value;
    const held = accounts.get(value) ?? { value, size: 0, members: [] };
    held.size++;
    held.members?.push({ document: rs[0]!.document, claimIds: [...new Set(rs.map((r) => r.claim.id))].sort(cmp) });
    accounts.set(value, held);
  }
  // Sorted once: already in order but for what was joined (a sort per member would be quadratic).
  for (const a of accounts.values()) a.members?.sort(memberOrder);
  return [...accounts.keys()].sort(cmp).map((k) => accounts.get(k)!);
}

/** Accounts as kept between runs: members only when two accounts differ. */
export const keptRemits = (accounts: readonly RemitAccount[]): RemitAccount[] => accounts.map((a) => ({ ...a, members: accounts.length > 1 ? a.members : null }));

/** Remit conflicts of one force from its accounts: each document of one against each of another; null when those are not at hand. */
export function remitAccountConflicts(force: { key: string; name: string }, accounts: readonly RemitAccount[]): Conflict[] | null {
  const out: Conflict[] = [];
  for (let g = 0; g < accounts.length; g++) {
    for (let h = g + 1; h < accounts.length; h++) {
      const [x, y] = [accounts[g]!, accounts[h]!];
      if (!x.members || !y.members) return null;
      for (const mx of x.members) {
        for (const my of y.members) {
          const [sideA, sideB] = sidesInOrder(mx, `all forces in ${x.value}`, my, `all forces in ${y.value}`);
          out.push({
            id: stableId('conflict', 'other', 'remit', force.key, sideA.documentId, sideB.documentId),
            kind: 'other',
            confidence: 'high',
            rule: 'other.remit',
            subject: `The inspectorate's remit (${force.name})`,
            force: force.name,
            stage: null,
            change: null,
            a: sideA,
            b: sideB,
          });
        }
      }
    }
  }
  return out;
}

export function remitConflictsOf(force: { key: string; name: string }, remits: readonly Statement[]): Conflict[] {
  // Every document is at hand here.
  return remitAccountConflicts(force, remitAccounts(remits))!;
}
