// The reconciler's input from analysed documents (no graph needed): what the
// evaluation and tests use. The graph writer reads the same shape back from Neo4j.
import type { Claim } from '../model/claim.ts';
import type { Document } from '../model/document.ts';
import type { ReconcileDocument, ReconcileInput } from './types.ts';

/** A document's metadata as the reconciler sees it; defaults as in the graph rows. */
export function reconcileDocument(document: Document): ReconcileDocument {
  return {
    id: document.id,
    fileName: document.fileName,
    publisher: document.meta.publisher ?? 'Unknown publisher',
    sourceKind: document.meta.kind ?? 'other',
    publishedAt: document.meta.publishedAt ?? null,
  };
}

/** Analysed documents (document, claims, sentences) to one reconciler input. */
export function reconcileInput(
  analysed: ReadonlyArray<{ document: Document; claims: readonly Claim[]; sentences: ReadonlyArray<{ index: number; text: string }> }>,
): ReconcileInput {
  return {
    documents: analysed.map((a) => reconcileDocument(a.document)),
    claims: analysed.flatMap((a) => a.claims),
    sentences: analysed.flatMap((a) => {
      // Only the sentences area claims sit in are read (for stated numbers of areas).
      const wanted = new Set(a.claims.filter((c) => c.kind === 'area').map((c) => c.sentenceIndex));
      return a.sentences.filter((s) => wanted.has(s.index)).map((s) => ({ documentId: a.document.id, index: s.index, text: s.text }));
    }),
  };
}
