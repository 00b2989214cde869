import { z } from 'zod';
import type { Document } from '../model/document.ts';
import type { Claim } from '../model/claim.ts';
import type { Sentence } from '../nlp/sentences.ts';
import { EXTRACTOR_VERSION } from '../claims/build-claims.ts';
import { blockRecordOf } from './block-record.ts';

/**
 * The rows sent to Neo4j, validated at the boundary: only plain values, so
 * every write is a parameter of a fixed query, never Cypher built from text.
 */
const str = z.string();
const optStr = z.string().nullable();
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const DocumentRow = z.object({
  id: str,
  key: str,
  title: optStr,
  url: optStr,
  publisher: str,
  sourceKind: str,
  publishedAt: optStr,
  path: str,
  fileName: str,
  format: str,
  licence: optStr,
  textLength: z.number().int(),
  extractorVersion: str,
  /** What force blocks reconcile from, kept with the document (src/graph/block-record.ts). */
  blockRecord: str,
});
export type DocumentRow = z.infer<typeof DocumentRow>;

export const SentenceRow = z.object({ id: str, documentId: str, index: z.number().int(), start: z.number().int(), end: z.number().int(), text: str });
export type SentenceRow = z.infer<typeof SentenceRow>;

export const EntityRow = z.object({ type: z.enum(['Force', 'Person', 'Organisation']), key: str, name: str });
export type EntityRow = z.infer<typeof EntityRow>;

export const ClaimRow = z.object({
  id: str,
  documentId: str,
  sentenceId: str,
  kind: str,
  predicate: str,
  value: str,
  start: z.number().int(),
  end: z.number().int(),
  evidence: str,
  extractor: str,
  extractorVersion: str,
  subjectKey: optStr,
  qualifiers: z.record(z.string(), scalar),
});
export type ClaimRow = z.infer<typeof ClaimRow>;

export const LinkRow = z.object({ claimId: str, role: z.enum(['actor', 'force', 'speaker']), entityKey: str });
export type LinkRow = z.infer<typeof LinkRow>;

export const DocumentRows = z.object({
  document: DocumentRow,
  sentences: z.array(SentenceRow),
  entities: z.array(EntityRow),
  claims: z.array(ClaimRow),
  links: z.array(LinkRow),
});
export type DocumentRows = z.infer<typeof DocumentRows>;

export function sentenceId(documentId: string, index: number): string {
  return `${documentId}:${index}`;
}

/** A document's analysis as graph rows. Pure. */
export function toRows(document: Document, sentences: readonly Sentence[], claims: readonly Claim[]): DocumentRows {
  const entities = new Map<string, z.infer<typeof EntityRow>>();
  const links: LinkRow[] = [];
  for (const c of claims) {
    if (c.subject) entities.set(c.subject.key, { ...c.subject });
    for (const l of c.links) {
      entities.set(l.entity.key, { ...l.entity });
      links.push({ claimId: c.id, role: l.role, entityKey: l.entity.key });
    }
  }
  return DocumentRows.parse({
    document: {
      id: document.id,
      key: document.key,
      title: document.meta.title ?? null,
      url: document.meta.url ?? null,
      // Documents without a publisher are grouped under their file's folder-less name, so they still have a source.
      publisher: document.meta.publisher ?? 'Unknown publisher',
      sourceKind: document.meta.kind ?? 'other',
      publishedAt: document.meta.publishedAt ?? null,
      path: document.path,
      fileName: document.fileName,
      format: document.format,
      licence: document.meta.licence ?? null,
      textLength: document.text.length,
      extractorVersion: EXTRACTOR_VERSION,
      blockRecord: blockRecordOf(document.id, claims, sentences),
    },
    sentences: sentences.map((s) => ({ id: sentenceId(document.id, s.index), documentId: document.id, index: s.index, start: s.start, end: s.end, text: s.text })),
    entities: [...entities.values()].sort((a, b) => (a.key < b.key ? -1 : 1)),
    claims: claims.map((c) => ({
      id: c.id,
      documentId: c.documentId,
      sentenceId: sentenceId(document.id, c.sentenceIndex),
      kind: c.kind,
      predicate: c.predicate,
      value: c.value,
      start: c.start,
      end: c.end,
      evidence: c.evidence,
      extractor: c.extractor,
      extractorVersion: c.extractorVersion,
      subjectKey: c.subject?.key ?? null,
      qualifiers: c.qualifiers,
    })),
    links,
  });
}
