// A force's ledger (src/reconcile/ledger.ts) as the graph keeps it: one JSON
// string on the force's (:Ledger) node, validated when read. Intervals may be
// open (an infinite end), which JSON cannot say: an infinite end is written
// as the string "-inf" or "inf". A document is written once, in the record's
// table of documents, and named elsewhere by its place there ({"doc": n}):
// most of a ledger's members are documents, and the same document is a
// member of several accounts.
import { z } from 'zod';
import { parseJsonString } from '../util/json.ts';
import { Claim, EntityRef } from '../model/claim.ts';
import { LEDGER_VERSION, type ForceLedger } from '../reconcile/ledger.ts';
import type { ReconcileDocument } from '../reconcile/types.ts';

const end = z.union([z.number(), z.literal('-inf'), z.literal('inf')]).transform((x) => (x === '-inf' ? -Infinity : x === 'inf' ? Infinity : x));
const Interval = z.object({ lo: end, hi: end });
const Document = z.object({ id: z.string(), fileName: z.string(), publisher: z.string(), sourceKind: z.string(), publishedAt: z.string().nullable() });
const Member = z.object({ document: Document, claimIds: z.array(z.string()) });
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const RuleEvent = z.object({ key: z.string(), force: EntityRef, stage: z.string(), change: z.string(), episode: z.number().int() });
const Statement = z.object({ claim: Claim, document: Document, subject: EntityRef.nullable(), predicate: z.string(), object: z.string(), qualifiers: z.record(z.string(), scalar) });

const Skeleton = z.object({
  statements: z.number().int().min(0),
  exits: z.array(Interval),
  entries: z.array(Interval),
  open: z.array(Interval),
  anchors: z.array(z.object({ episode: z.number().int(), change: z.string(), from: z.string() })),
  episodes: z.array(z.number().int()),
});

const States = z.object({
  events: z.array(
    z.object({
      event: RuleEvent,
      consensus: z.object({
        datings: z.array(z.object({ interval: Interval, documents: z.number().int() })),
        candidates: z.array(
          z.object({
            date: z.string(),
            precision: z.string().nullable(),
            interval: Interval,
            last: z.object({ document: Document, start: z.number(), claimId: z.string() }),
          }),
        ),
      }),
      accounts: z.array(
        z.object({
          interval: Interval,
          value: z.string(),
          explicit: z.boolean(),
          spell: z.boolean(),
          size: z.number().int(),
          first: Member,
          representative: Member,
          members: z.array(Member).nullable(),
        }),
      ),
    }),
  ),
  deciders: z.array(
    z.object({
      event: RuleEvent,
      accounts: z.array(
        z.object({
          sides: z.array(z.string()),
          people: z.array(z.string()),
          onlyPeople: z.boolean(),
          byTitle: z.boolean(),
          value: z.string(),
          size: z.number().int(),
          members: z.array(Member).nullable(),
        }),
      ),
    }),
  ),
  areas: z.array(
    z.object({
      subject: z.object({ key: z.string(), force: z.object({ name: z.string() }).passthrough(), stage: z.string(), change: z.string(), polarity: z.string() }),
      forceKey: z.string(),
      lists: z.array(
        z.object({
          inspectorate: z.boolean(),
          areas: z.array(z.object({ text: z.string(), peel: z.string() })),
          size: z.number().int(),
          first: Member,
          members: z.array(Member).nullable(),
        }),
      ),
    }),
  ),
  listed: z.array(
    z.object({
      event: z.string(),
      forceKey: z.string(),
      stage: z.string(),
      change: z.string(),
      statings: z.array(z.object({ key: z.string(), member: Member, n: z.number(), text: z.string(), force: z.string() })),
      lists: z.array(z.object({ items: z.number().int(), text: z.string(), size: z.number().int(), members: z.array(Member).nullable() })),
    }),
  ),
  purposes: z.array(
    z.object({
      event: RuleEvent,
      state: z.object({
        causes: z.array(z.object({ side: z.enum(['cause', 'findings']), value: z.string(), member: Member })),
        findings: z.array(z.object({ side: z.enum(['cause', 'findings']), value: z.string(), member: Member })).nullable(),
        findingsCount: z.number().int(),
      }),
    }),
  ),
  counts: z.array(
    z.object({
      key: z.string(),
      forceKey: z.string(),
      statements: z.array(
        Statement.extend({ force: EntityRef, topic: z.string(), counted: z.string(), n: z.number(), ordinal: z.boolean(), window: z.number().nullable() }),
      ),
    }),
  ),
  remits: z.array(z.object({ force: EntityRef, accounts: z.array(z.object({ value: z.string(), size: z.number().int(), members: z.array(Member).nullable() })) })),
});

const LedgerJson = z.object({
  version: z.literal(LEDGER_VERSION),
  documents: z.array(Document),
  force: EntityRef,
  skeletons: z.array(z.object({ stage: z.string(), skeleton: Skeleton })),
  states: States,
  conflicts: z.array(z.object({ block: z.string(), ids: z.array(z.string()), digests: z.array(z.string()) }).refine((c) => c.digests.length === c.ids.length, 'a digest for each conflict id')),
  areaTexts: z.array(z.object({ key: z.string(), texts: z.array(z.string()) })),
});

const isDocument = (x: unknown): x is ReconcileDocument => {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return false;
  const keys = Object.keys(x);
  return keys.length === 5 && DOCUMENT_KEYS.every((k) => keys.includes(k));
};
const DOCUMENT_KEYS = ['id', 'fileName', 'publisher', 'sourceKind', 'publishedAt'];

/**
 * A ledger as the JSON string kept on its node, the same string for equal ledgers however they
 * were built (a joined ledger and a recomputed one): every object's keys sorted. Pure.
 */
export function ledgerRecordOf(ledger: ForceLedger): string {
  const documents: ReconcileDocument[] = [];
  const places = new Map<string, number>();
  const body = JSON.stringify(ledger, (_key, value: unknown) => {
    if (value === Infinity) return 'inf';
    if (value === -Infinity) return '-inf';
    if (isDocument(value)) {
      let place = places.get(value.id);
      if (place === undefined) {
        places.set(value.id, (place = documents.length));
        documents.push(value);
      }
      return { doc: place };
    }
    return sortedKeys(value);
  });
  // The table goes in first, filled as the body named its documents.
  return `{"documents":${JSON.stringify(documents.map(sortedKeys))},${body.slice(1)}`;
}

/** A plain object with its keys in order (anything else as it is). */
function sortedKeys(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Every {"doc": n} of a parsed record put back as the document it names; false when one names none. */
function restoreDocuments(node: unknown, documents: readonly unknown[]): boolean {
  if (!node || typeof node !== 'object') return true;
  const entries = Array.isArray(node) ? node.entries() : Object.entries(node);
  for (const [key, value] of entries) {
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && typeof (value as { doc?: unknown }).doc === 'number') {
      const document = documents[(value as { doc: number }).doc];
      if (!document) return false;
      (node as Record<string | number, unknown>)[key] = document;
    } else if (!restoreDocuments(value, documents)) return false;
  }
  return true;
}

/** The ledger kept for a force, or null when there is none, one of another version, or one that does not parse (the force is then recomputed whole). */
export function parseLedgerRecord(value: unknown, forceKey: string): ForceLedger | null {
  const read = parseJsonString(value);
  if (!read) return null;
  const json = read.json;
  const documents = (json as { documents?: unknown }).documents;
  if (!Array.isArray(documents) || !restoreDocuments({ ...(json as object), documents: [] }, documents)) return null;
  const parsed = LedgerJson.safeParse(json);
  if (!parsed.success || parsed.data.force.key !== forceKey) return null;
  const { documents: _, ...ledger } = parsed.data;
  return ledger as ForceLedger;
}
