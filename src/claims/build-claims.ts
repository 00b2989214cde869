import type { Document } from '../model/document.ts';
import type { ActorKind, Mention } from '../model/mention.ts';
import { Claim, type EntityRef, type EntityType } from '../model/claim.ts';
import { sentenceAt, type Sentence } from '../nlp/sentences.ts';
import { stableId } from '../util/hash.ts';
import { extractorVersionOf } from './extractor-version.ts';

/**
 * A hash of every file that shapes the claims, read once at start-up: any change to the
 * extractors, NLP helpers, knowledge files, lexicons or model re-extracts documents on ingest.
 */
export const EXTRACTOR_VERSION = extractorVersionOf();

export function entityKey(type: EntityType, name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${type.toLowerCase()}:${slug}`;
}

export function entity(type: EntityType, name: string): EntityRef {
  return { type, key: entityKey(type, name), name };
}

/** Mentions of one document to claims with provenance. Pure; the same input gives the same ids. */
export function buildClaims(document: Document, sentences: readonly Sentence[], mentions: readonly Mention[]): Claim[] {
  const claims: Claim[] = [];
  const seen = new Set<string>();
  for (const m of mentions) {
    const partial = claimParts(m);
    const sentence = sentenceAt(sentences, m.start);
    const body = {
      documentId: document.id,
      ...partial,
      sentenceIndex: sentence?.index ?? 0,
      start: m.start,
      end: m.end,
      evidence: document.text.slice(m.start, m.end),
      extractor: m.extractor,
      extractorVersion: EXTRACTOR_VERSION,
    };
    const id = stableId(document.id, body.kind, body.predicate, body.subject?.key ?? '', body.value, body.links, body.qualifiers, m.start, m.end);
    if (seen.has(id)) continue;
    seen.add(id);
    claims.push(Claim.parse({ id, ...body }));
  }
  return claims;
}

/** The entity an actor or speaker is: a force speaking as itself stays the Force node. */
const ENTITY_TYPE: Record<ActorKind, EntityType> = { person: 'Person', organisation: 'Organisation', force: 'Force' };

type ClaimParts = Pick<Claim, 'kind' | 'subject' | 'predicate' | 'value' | 'links' | 'qualifiers'>;

function claimParts(m: Mention): ClaimParts {
  switch (m.kind) {
    case 'force':
      return { kind: 'mention', subject: entity('Force', m.name), predicate: 'MENTIONS', value: m.surface, links: [], qualifiers: {} };
    case 'organisation':
      return { kind: 'mention', subject: entity('Organisation', m.name), predicate: 'MENTIONS', value: m.surface, links: [], qualifiers: {} };
    case 'person':
      return { kind: 'mention', subject: entity('Person', m.name), predicate: 'MENTIONS', value: m.surface, links: [], qualifiers: {} };
    case 'role':
      return { kind: 'role', subject: entity('Person', m.person), predicate: 'HAS_ROLE', value: m.title, links: [], qualifiers: {} };
    case 'date':
      return { kind: 'date', subject: null, predicate: 'DATE', value: m.value, links: [], qualifiers: { text: m.text, precision: m.precision } };
    case 'stageEvent':
      return {
        kind: 'stageEvent',
        subject: entity('Force', m.force),
        predicate: m.change === 'entered' ? 'ENTERED_STAGE' : 'EXITED_STAGE',
        value: m.stage,
        links: [],
        qualifiers: { stage: m.stage, change: m.change, date: m.date, datePrecision: m.datePrecision, tense: m.tense },
      };
    case 'decision': {
      const actor = entity(ENTITY_TYPE[m.actorKind], m.actor);
      return {
        kind: 'decision',
        subject: actor,
        predicate: m.act.toUpperCase(),
        value: `${m.act} ${m.force} ${m.change} ${m.stage}`,
        links: [
          { role: 'actor', entity: actor },
          { role: 'force', entity: entity('Force', m.force) },
        ],
        qualifiers: { act: m.act, stage: m.stage, change: m.change },
      };
    }
    case 'area':
      return {
        kind: 'area',
        subject: m.force ? entity('Force', m.force) : null,
        predicate: m.polarity === 'concern' ? 'CONCERN' : 'IMPROVEMENT',
        value: m.text,
        links: [],
        qualifiers: { peel: m.peel, polarity: m.polarity },
      };
    case 'quote': {
      const speaker = m.speaker ? entity(ENTITY_TYPE[m.speakerKind ?? 'person'], m.speaker) : null;
      return {
        kind: 'quote',
        subject: speaker,
        predicate: 'SAID',
        value: m.text,
        links: speaker ? [{ role: 'speaker', entity: speaker }] : [],
        qualifiers: {},
      };
    }
    case 'detail':
      return {
        kind: 'detail',
        subject: m.force ? entity('Force', m.force) : null,
        predicate: m.topic.toUpperCase(),
        value: m.value,
        links: [],
        qualifiers: { topic: m.topic, qualifier: m.qualifier, lo: m.lo, hi: m.hi, ordinal: m.ordinal, window: m.window },
      };
  }
}
