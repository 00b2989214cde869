// Purpose rule: why a force was moved into enhanced monitoring (one block:
// the entry event). One source gives a chain of events as the cause ("placed
// in special measures after a series of scandals") and names no finding of an
// inspection; another gives the inspection's findings (areas of concern,
// from the inspectorate or attributed to its inspection) and no such cause.
// A source that gives both agrees with either ("concerns that follow a string
// of scandals"). Low confidence: the findings side is read from its areas.
// Purposes of other things (a plan, a report) are not found: their wording is
// too free for a rule to be precise. Pure; a function of one block.
import type { ReconcileDocument, Conflict } from '../types.ts';
import type { Statement } from '../normalise.ts';
import { documentOrder, eventConflict, sideOf } from '../support.ts';

/** What one document says caused the event: a stated cause, and the findings (concerns) it names. */
export interface StatedReasons {
  document: ReconcileDocument;
  causes: readonly Statement[];
  /** Concerns the document attributes to an inspection (or, for the inspectorate, its own). */
  findings: readonly Statement[];
  /** Any concern the document names for the event. */
  concerns: number;
}

export function purposeConflictsOf(
  event: { key: string; force: { name: string }; stage: string; change: string },
  reasons: readonly StatedReasons[],
): Conflict[] {
  if (event.change !== 'entered') return [];
  const docs = [...reasons].sort((a, b) => documentOrder(a.document, b.document));
  const causeOnly = (r: StatedReasons) => r.causes.length > 0 && r.concerns === 0;
  const findingsOnly = (r: StatedReasons) => r.causes.length === 0 && r.findings.length > 0;
  const out: Conflict[] = [];
  for (let i = 0; i < docs.length; i++) {
    for (let j = i + 1; j < docs.length; j++) {
      const a = docs[i]!;
      const b = docs[j]!;
      if (!((causeOnly(a) && findingsOnly(b)) || (findingsOnly(a) && causeOnly(b)))) continue;
      const say = (r: StatedReasons) =>
        r.causes.length > 0
          ? `after ${[...new Set(r.causes.map((c) => c.claim.value))].join(', ')} (${r.causes[0]!.claim.evidence})`
          : `the inspection's findings: ${r.findings.map((f) => f.claim.value).join('; ')}`;
      const sideA = sideOf(a.document, say(a), a.causes.length ? a.causes : a.findings);
      const sideB = sideOf(b.document, say(b), b.causes.length ? b.causes : b.findings);
      out.push(
        eventConflict({
          kind: 'purpose',
          eventKey: event.key,
          event,
          subject: `Why ${event.force.name} ${event.change} ${event.stage}`,
          confidence: 'low',
          rule: 'purpose.cause-or-findings',
          a: sideA,
          b: sideB,
        }),
      );
    }
  }
  return out;
}
