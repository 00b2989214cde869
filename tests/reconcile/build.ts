// Small builders of documents and claims for the reconciler's unit tests.
import type { Claim, EntityRef } from '../../src/model/claim.ts';
import { entity } from '../../src/claims/build-claims.ts';
import type { ReconcileDocument } from '../../src/reconcile/types.ts';
import { stableId } from '../../src/util/hash.ts';

export function doc(fileName: string, sourceKind: string, publishedAt: string | null = null, publisher = fileName.split('.')[0]!): ReconcileDocument {
  return { id: stableId('doc', fileName), fileName, publisher, sourceKind, publishedAt };
}

let offset = 0;
function claim(d: ReconcileDocument, parts: Pick<Claim, 'kind' | 'subject' | 'predicate' | 'value' | 'links' | 'qualifiers'> & { sentenceIndex?: number; start?: number; end?: number }): Claim {
  const start = parts.start ?? (offset += 10);
  const end = parts.end ?? start + Math.max(1, parts.value.length);
  const { sentenceIndex, start: _s, end: _e, ...rest } = parts;
  return {
    id: stableId(d.id, rest, start, end),
    documentId: d.id,
    ...rest,
    sentenceIndex: sentenceIndex ?? 0,
    start,
    end,
    evidence: parts.value,
    extractor: 'test',
    extractorVersion: 'test',
  };
}

export const force = (name: string): EntityRef => entity('Force', name);

export function stageEvent(
  d: ReconcileDocument,
  forceName: string,
  change: 'entered' | 'exited',
  date: string | null,
  options: { tense?: 'past' | 'future'; stage?: string; start?: number } = {},
): Claim {
  const stage = options.stage ?? 'Engage';
  const precision = date === null ? null : date.length === 10 ? 'day' : date.length === 7 ? 'month' : 'year';
  return claim(d, {
    kind: 'stageEvent',
    subject: force(forceName),
    predicate: change === 'entered' ? 'ENTERED_STAGE' : 'EXITED_STAGE',
    value: stage,
    links: [],
    qualifiers: { stage, change, date, datePrecision: precision, tense: options.tense ?? 'past' },
    start: options.start,
  });
}

export function decision(d: ReconcileDocument, actor: EntityRef, act: 'decided' | 'recommended' | 'announced', forceName: string, change: 'entered' | 'exited'): Claim {
  return claim(d, {
    kind: 'decision',
    subject: actor,
    predicate: act.toUpperCase(),
    value: `${act} ${forceName} ${change} Engage`,
    links: [
      { role: 'actor', entity: actor },
      { role: 'force', entity: force(forceName) },
    ],
    qualifiers: { act, stage: 'Engage', change },
  });
}

export function role(d: ReconcileDocument, person: string, title: string): Claim {
  return claim(d, { kind: 'role', subject: entity('Person', person), predicate: 'HAS_ROLE', value: title, links: [], qualifiers: {} });
}

export function mention(d: ReconcileDocument, type: 'Force' | 'Person' | 'Organisation', name: string, surface = name): Claim {
  return claim(d, { kind: 'mention', subject: entity(type, name), predicate: 'MENTIONS', value: surface, links: [], qualifiers: {} });
}

export function area(
  d: ReconcileDocument,
  forceName: string,
  text: string,
  peel: string,
  polarity: 'concern' | 'improved',
  options: { sentenceIndex?: number; start?: number } = {},
): Claim {
  return claim(d, {
    kind: 'area',
    subject: force(forceName),
    predicate: polarity === 'concern' ? 'CONCERN' : 'IMPROVEMENT',
    value: text,
    links: [],
    qualifiers: { peel, polarity },
    sentenceIndex: options.sentenceIndex,
    start: options.start,
  });
}

export function quote(d: ReconcileDocument, speaker: string, text: string, start: number): Claim {
  const who = entity('Person', speaker);
  return claim(d, { kind: 'quote', subject: who, predicate: 'SAID', value: text, links: [{ role: 'speaker', entity: who }], qualifiers: {}, start, end: start + text.length });
}
