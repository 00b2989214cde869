// A document's part of the force blocks, kept with the document: the claims a
// force block reconciles from (FORCE_BLOCK_KINDS, and the mentions of forces)
// and the sentences its area claims sit in, as one JSON string on the
// Document node (property `blockRecord`).
//
// Why: a force block reads every document that names the force. Read claim by
// claim (each with its sentence and entities) that is a dozen rows a document,
// and it was most of the cost of adding a document to a large graph. The
// record is one property a document, written with the document in the same
// transaction, so it is never older than the claims it copies: a new version
// of the document writes a new record, a removed document takes its record
// with it, and a superseded version loses it.
//
// The claims are as the graph would give them back (write-reconciled reads a
// document without a record, or with a record of another version, claim by
// claim), less what no force block reads (blockClaim): qualifiers of the
// claim's kind only, a missing one null; links in order of role. Entities
// carry the names this document gives them. A document read claim by claim
// gets its record made again from those claims (rebuilt in write-reconciled),
// so a graph written before a record version reads from records again.
import { z } from 'zod';
import { parseJsonString } from '../util/json.ts';
import { Claim } from '../model/claim.ts';

/** Bumped when the record's shape or content changes: a record of another version is not read. */
// 2: claims without what force blocks never read (blockClaim), the document's id once.
export const BLOCK_RECORD_VERSION = 2;

/**
 * What a force block reconciles from: people's roles and sides come resolved (from the
 * :Resolution nodes), and of the mentions only those of forces count (which forces a document
 * names, and how often); the rest, most claims of a document, is left unread.
 */
export const FORCE_BLOCK_KINDS = ['stageEvent', 'decision', 'area', 'quote', 'detail'];

/** Qualifier properties per claim kind, as write-graph stores them on the Claim node (absent = null). */
export const QUALIFIERS: Record<string, string[]> = {
  stageEvent: ['stage', 'change', 'date', 'datePrecision', 'tense'],
  decision: ['act', 'stage', 'change'],
  area: ['peel', 'polarity'],
  date: ['text', 'precision'],
  detail: ['topic', 'qualifier', 'lo', 'hi', 'ordinal', 'window'],
};

const BlockRecordJson = z.object({
  version: z.literal(BLOCK_RECORD_VERSION),
  document: z.string(),
  /** The claims, each without its document's id (the record's, put back before they are validated). */
  claims: z.array(Claim),
  /** The sentences area claims sit in (a stated number of areas is read there). */
  sentences: z.array(z.object({ index: z.number().int().min(0), text: z.string() })),
});

export interface BlockRecord {
  version: number;
  claims: Claim[];
  sentences: Array<{ index: number; text: string }>;
}

/** Whether a force block reads this claim. */
export const readByForceBlocks = (c: Claim): boolean => FORCE_BLOCK_KINDS.includes(c.kind) || (c.kind === 'mention' && c.subject?.type === 'Force');

/** A claim with the qualifiers of its kind (absent ones null) and its links in order of role, as the graph gives it back. */
function storedClaim(c: Claim): Claim {
  const byRole = [...c.links].sort((a, b) => (a.role < b.role ? -1 : a.role > b.role ? 1 : 0));
  return { ...c, qualifiers: Object.fromEntries((QUALIFIERS[c.kind] ?? []).map((k) => [k, c.qualifiers[k] ?? null])), links: byRole };
}

/**
 * A claim as a force block reads it: without its extractor, and without the words no block
 * rule reads (a quote's or a mention's value, the evidence of all but details, which a count or
 * a cause is described by). Half a document's record was such words. Pure.
 */
export function blockClaim(c: Claim): Claim {
  return {
    ...c,
    value: c.kind === 'quote' || c.kind === 'mention' ? '' : c.value,
    evidence: c.kind === 'detail' ? c.evidence : '',
    extractor: '',
    extractorVersion: '',
  };
}

/** A document's block record, as the JSON string kept on its node. Pure. */
export function blockRecordOf(documentId: string, claims: readonly Claim[], sentences: ReadonlyArray<{ index: number; text: string }>): string {
  const read = claims.filter(readByForceBlocks).map((c) => blockClaim(storedClaim(c)));
  const areaSentences = new Set(read.filter((c) => c.kind === 'area').map((c) => c.sentenceIndex));
  const record = {
    version: BLOCK_RECORD_VERSION,
    document: documentId,
    claims: read.map(({ documentId: _, ...rest }) => rest),
    sentences: sentences.filter((s) => areaSentences.has(s.index)).map((s) => ({ index: s.index, text: s.text })),
  };
  return JSON.stringify(record);
}

/** The record kept on a document node, or null when it has none, one of another version, or one that does not parse (its claims are then read one by one). */
export function parseBlockRecord(value: unknown, documentId: string): BlockRecord | null {
  const read = parseJsonString(value);
  if (!read) return null;
  const json = read.json;
  // Each claim gets its document's id back in place (the parsed JSON is this function's own), then all is validated.
  const claims = (json as { claims?: unknown }).claims;
  if (Array.isArray(claims)) for (const c of claims) if (c && typeof c === 'object') (c as Record<string, unknown>).documentId = documentId;
  const parsed = BlockRecordJson.safeParse(json);
  if (!parsed.success || parsed.data.document !== documentId) return null;
  return { version: parsed.data.version, claims: parsed.data.claims, sentences: parsed.data.sentences };
}
