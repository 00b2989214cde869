// Areas of concern or improvement across sources.
//
// Each area is tied to a stage event of its document's episode for the force:
// a concern is a reason for moving in (the entry), an improvement a reason for
// moving out (the exit). One fact per (event, polarity, PEEL area). How two
// documents' areas are compared is the areas rule's (conflicts/areas.ts).
// Pure.
import type { EntityRef } from '../model/claim.ts';
import { cmp, pushTo } from './collections.ts';
import { UNASSIGNED } from './episodes.ts';
import type { AreaStatement } from './normalise.ts';
import { eventKey } from './stage-events.ts';
import { documentOrder, factOf } from './support.ts';
import type { Fact } from './types.ts';

/** The stage event of a document's episode for a force: what its areas are about. */
export interface DocumentEvent {
  force: EntityRef;
  stage: string;
  change: string;
  episode: number;
}

export interface PlacedArea {
  statement: AreaStatement;
  /** The event key the area is a reason for. */
  event: string;
  force: EntityRef;
  stage: string;
  change: string;
  episode: number;
  /** Inside a quotation of its document. */
  quoted: boolean;
}

export const INSPECTORATE = 'inspectorate';

/** The event an area is a reason for: concerns for the entry, improvements for the exit, of the document's episode. */
export function placeAreas(
  statements: readonly AreaStatement[],
  mainEvent: (documentId: string, forceKey: string | null) => DocumentEvent | null,
  quoteSpans: ReadonlyMap<string, ReadonlyArray<{ start: number; end: number }>>,
): PlacedArea[] {
  const out: PlacedArea[] = [];
  for (const s of statements) {
    const main = mainEvent(s.document.id, s.force?.key ?? null);
    if (!main) continue;
    const change = s.polarity === 'concern' ? 'entered' : 'exited';
    const quotes = quoteSpans.get(s.document.id) ?? [];
    out.push({
      statement: s,
      event: eventKey(main.force.key, main.stage, change, main.episode),
      force: main.force,
      stage: main.stage,
      change,
      episode: main.episode,
      quoted: quotes.some((q) => q.start <= s.claim.start && s.claim.end <= q.end),
    });
  }
  return out.sort((a, b) => cmp(a.event, b.event) || documentOrder(a.statement.document, b.statement.document) || a.statement.claim.start - b.statement.claim.start || cmp(a.statement.claim.id, b.statement.claim.id));
}

/** The key of the area fact a placed area is a statement of: its event, polarity and PEEL area. */
export const areaFactKey = (p: PlacedArea): string => `${p.event}|${p.statement.polarity}|${p.statement.peel}`;

/** One fact per (event, polarity, PEEL area): which documents name areas there, in which words. */
export function areaFacts(placed: readonly PlacedArea[]): Fact[] {
  const groups = new Map<string, PlacedArea[]>();
  for (const p of placed) pushTo(groups, areaFactKey(p), p);
  return [...groups.keys()].sort(cmp).map((k) => {
    const group = groups.get(k)!;
    const first = group[0]!;
    const texts = [...new Set(group.map((p) => p.statement.text))].sort(cmp);
    return factOf({
      kind: 'area',
      key: k,
      subject: `${first.force.name} ${first.change} ${first.stage}: ${first.statement.polarity === 'concern' ? 'concern' : 'improvement'} in ${first.statement.peel}`,
      subjectKey: first.force.key,
      predicate: first.statement.polarity === 'concern' ? 'CONCERN' : 'IMPROVEMENT',
      object: first.statement.peel,
      qualifiers: {
        force: first.force.name,
        stage: first.stage,
        change: first.change,
        episode: first.episode === UNASSIGNED ? null : first.episode + 1,
        peel: first.statement.peel,
        polarity: first.statement.polarity,
        texts: texts.join(' | '),
      },
      statements: group.map((p) => p.statement),
    });
  });
}
