// Other rule: the inspectorate's own statement of its remit ("monitors all
// police forces in England and Wales") differing between two of its documents
// about the same force (one block: the force). A copy of the statement in a
// press report is the publisher's, not the inspectorate's account, and is not
// compared. The same places in other words agree. High confidence: both sides
// state it. Other statements (verdicts, counts in words) are not compared: a
// rule over free wording would guess. Pure; a function of one block.
import { stableId } from '../../util/hash.ts';
import { pushTo } from '../collections.ts';
import type { Statement } from '../normalise.ts';
import { documentOrder, sideOf } from '../support.ts';
import type { Conflict } from '../types.ts';

export function remitConflictsOf(force: { key: string; name: string }, remits: readonly Statement[]): Conflict[] {
  const byDoc = new Map<string, Statement[]>();
  for (const r of remits) if (r.document.sourceKind === 'inspectorate') pushTo(byDoc, r.document.id, r);
  const docs = [...byDoc.values()]
    .filter((rs) => new Set(rs.map((r) => r.claim.value)).size === 1)
    .sort((a, b) => documentOrder(a[0]!.document, b[0]!.document));
  const out: Conflict[] = [];
  for (let i = 0; i < docs.length; i++) {
    for (let j = i + 1; j < docs.length; j++) {
      const a = docs[i]!;
      const b = docs[j]!;
      if (a[0]!.claim.value === b[0]!.claim.value) continue;
      const sideA = sideOf(a[0]!.document, `all forces in ${a[0]!.claim.value}`, a);
      const sideB = sideOf(b[0]!.document, `all forces in ${b[0]!.claim.value}`, b);
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
  return out;
}
