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
import { cmp } from '../collections.ts';
import { documentOrder, eventConflict, sidesInOrder, type AccountMember } from '../support.ts';

/** What one document says caused the event: a stated cause, and the findings (concerns) it names. */
export interface StatedReasons {
  document: ReconcileDocument;
  causes: readonly Statement[];
  /** Concerns the document attributes to an inspection (or, for the inspectorate, its own). */
  findings: readonly Statement[];
  /** Any concern the document names for the event. */
  concerns: number;
}

/** A document giving one side only: a cause and no concern, or findings and no cause; with what it says, as a conflict side states it. */
export interface StatedPurpose {
  side: 'cause' | 'findings';
  value: string;
  member: AccountMember;
}

/** Each document's stated purpose, for those that give one side only. */
export function statedPurposes(reasons: readonly StatedReasons[]): StatedPurpose[] {
  const out: StatedPurpose[] = [];
  for (const r of reasons) {
    const causeOnly = r.causes.length > 0 && r.concerns === 0;
    const findingsOnly = r.causes.length === 0 && r.findings.length > 0;
    if (!causeOnly && !findingsOnly) continue;
    const value = causeOnly
      ? `after ${[...new Set(r.causes.map((c) => c.claim.value))].join(', ')} (${r.causes[0]!.claim.evidence})`
      : `the inspection's findings: ${r.findings.map((f) => f.claim.value).join('; ')}`;
    const claimIds = [...new Set((causeOnly ? r.causes : r.findings).map((s) => s.claim.id))].sort(cmp);
    out.push({ side: causeOnly ? 'cause' : 'findings', value, member: { document: r.document, claimIds } });
  }
  return out.sort((a, b) => documentOrder(a.member.document, b.member.document));
}

/**
 * What the purpose rule compares for one entry event: the documents giving a cause only (few, all
 * kept), and those giving findings only: kept when a cause is given, else only counted.
 */
export interface PurposeState {
  causes: StatedPurpose[];
  findings: StatedPurpose[] | null;
  findingsCount: number;
}

export function purposeState(purposes: readonly StatedPurpose[], joinedTo: PurposeState = { causes: [], findings: [], findingsCount: 0 }): PurposeState {
  const causes = [...joinedTo.causes, ...purposes.filter((p) => p.side === 'cause')];
  const added = purposes.filter((p) => p.side === 'findings');
  const byOrder = (a: StatedPurpose, b: StatedPurpose) => documentOrder(a.member.document, b.member.document);
  return {
    causes: causes.sort(byOrder),
    findings: joinedTo.findings ? [...joinedTo.findings, ...added].sort(byOrder) : null,
    findingsCount: joinedTo.findingsCount + added.length,
  };
}

/** A state as kept between runs: the findings-only documents only when a cause is given. */
export const keptPurpose = (state: PurposeState): PurposeState => ({ ...state, findings: state.causes.length > 0 || state.findingsCount === 0 ? state.findings : null });

/** Purpose conflicts of one entry event from its state: each cause-only document against each findings-only one; null when those are not at hand. */
export function purposeStateConflicts(event: { key: string; force: { name: string }; stage: string; change: string }, state: PurposeState): Conflict[] | null {
  if (event.change !== 'entered') return [];
  if (state.causes.length === 0 || state.findingsCount === 0) return [];
  if (!state.findings) return null;
  const out: Conflict[] = [];
  for (const c of state.causes) {
    for (const f of state.findings) {
      const [a, b] = sidesInOrder(c.member, c.value, f.member, f.value);
      out.push(
        eventConflict({
          kind: 'purpose',
          eventKey: event.key,
          event,
          subject: `Why ${event.force.name} ${event.change} ${event.stage}`,
          confidence: 'low',
          rule: 'purpose.cause-or-findings',
          a,
          b,
        }),
      );
    }
  }
  return out;
}

export function purposeConflictsOf(
  event: { key: string; force: { name: string }; stage: string; change: string },
  reasons: readonly StatedReasons[],
): Conflict[] {
  // Every document is at hand here.
  return purposeStateConflicts(event, purposeState(statedPurposes(reasons)))!;
}
