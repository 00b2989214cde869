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
// claim): qualifiers of the claim's kind only, a missing one null; links in
// order of role. Entities carry the names this document gives them.
import { z } from 'zod';
import { Claim } from '../model/claim.ts';

/** Bumped when the record's shape or content changes: a record of another version is not read. */
export const BLOCK_RECORD_VERSION = 1;

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

const BlockRecord = z.object({
  version: z.literal(BLOCK_RECORD_VERSION),
  claims: z.array(Claim),
  /** The sentences area claims sit in (a stated number of areas is read there). */
  sentences: z.array(z.object({ index: z.number().int().min(0), text: z.string() })),
});
export type BlockRecord = z.infer<typeof BlockRecord>;

/** Whether a force block reads this claim. */
export const readByForceBlocks = (c: Claim): boolean => FORCE_BLOCK_KINDS.includes(c.kind) || (c.kind === 'mention' && c.subject?.type === 'Force');

/** A claim with the qualifiers of its kind (absent ones null) and its links in order of role, as the graph gives it back. */
function storedClaim(c: Claim): Claim {
  const byRole = [...c.links].sort((a, b) => (a.role < b.role ? -1 : a.role > b.role ? 1 : 0));
  return { ...c, qualifiers: Object.fromEntries((QUALIFIERS[c.kind] ?? []).map((k) => [k, c.qualifiers[k] ?? null])), links: byRole };
}

/** A document's block record, as the JSON string kept on its node. Pure. */
export function blockRecordOf(claims: readonly Claim[], sentences: ReadonlyArray<{ index: number; text: string }>): string {
  const read = claims.filter(readByForceBlocks).map(storedClaim);
  const areaSentences = new Set(read.filter((c) => c.kind === 'area').map((c) => c.sentenceIndex));
  const record: BlockRecord = {
    version: BLOCK_RECORD_VERSION,
    claims: read,
    sentences: sentences.filter((s) => areaSentences.has(s.index)).map((s) => ({ index: s.index, text: s.text })),
  };
  return JSON.stringify(record);
}

/** The record kept on a document node, or null when it has none, one of another version, or one that does not parse (its claims are then read one by one). */
export function parseBlockRecord(value: unknown, documentId: string): BlockRecord | null {
  if (typeof value !== 'string') return null;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return null;
  }
  const parsed = BlockRecord.safeParse(json);
  if (!parsed.success || parsed.data.claims.some((c) => c.documentId !== documentId)) return null;
  return parsed.data;
}
