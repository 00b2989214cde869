/**
 * The rows the HTML report is built from. Read from Neo4j by src/report/read-report.ts,
 * validated here, and turned into HTML by the pure src/report/render.ts, so the page can be
 * tested without a database.
 */
import { z } from 'zod';

const str = z.string();
const optStr = z.string().nullable();
const int = z.number().int();

export const ReportDocument = z.object({
  id: str,
  fileName: str,
  title: optStr,
  url: optStr,
  publisher: str,
  sourceKind: str,
  publishedAt: optStr,
});
export type ReportDocument = z.infer<typeof ReportDocument>;

/** One stage-event claim: a document saying a force entered or exited a stage. */
export const StageEventRow = z.object({
  claimId: str,
  force: str,
  stage: str,
  change: str,
  date: optStr,
  datePrecision: optStr,
  tense: optStr,
  documentId: str,
  evidence: str,
});
export type StageEventRow = z.infer<typeof StageEventRow>;

/** A row of the saved query `who-decided-what`. */
export const DecisionRow = z.object({
  actor: str,
  act: str,
  force: str,
  stageChange: str,
  date: optStr,
  evidence: str,
  document: str,
  publisher: optStr,
  url: optStr.optional().transform((v) => v ?? null),
});
export type DecisionRow = z.infer<typeof DecisionRow>;

/** A claim on one side of a conflict: its span and the sentence it lies in, for highlighting. */
export const ConflictClaim = z.object({
  claimId: str,
  documentId: str,
  evidence: str,
  start: int,
  end: int,
  sentenceId: optStr,
  sentence: optStr,
  sentenceStart: int.nullable(),
});
export type ConflictClaim = z.infer<typeof ConflictClaim>;

/** One side of a conflict: what it says, which document says it, and the claims that say so. */
export const ConflictSide = z.object({
  documentId: optStr,
  value: optStr,
  publisher: optStr,
  fileName: optStr,
  publishedAt: optStr,
  claims: z.array(ConflictClaim),
});
export type ConflictSide = z.infer<typeof ConflictSide>;

export const ConflictRow = z.object({
  id: str,
  kind: optStr,
  subject: optStr,
  force: optStr,
  a: ConflictSide,
  b: ConflictSide,
});
export type ConflictRow = z.infer<typeof ConflictRow>;

/** How many documents of one publisher back a fact. */
export const FactSource = z.object({ publisher: str, kind: str, documents: int });

/** A fact with the sources behind it: a reconciled :Fact, or claims grouped by force, stage and change. */
export const CorroborationRow = z.object({
  /** The fact's kind (stageEvent, decision, area, entity), which groups the table. */
  kind: str,
  label: str,
  date: optStr,
  datePrecision: optStr,
  sources: z.array(FactSource),
});
export type CorroborationRow = z.infer<typeof CorroborationRow>;

export const ReportData = z.object({
  generatedAt: str,
  counts: z.object({ documents: int, sources: int, claims: int, forces: int }),
  documents: z.array(ReportDocument),
  stageEvents: z.array(StageEventRow),
  decisions: z.array(DecisionRow),
  conflicts: z.array(ConflictRow),
  corroboration: z.object({
    /** 'facts' when reconciliation wrote :Fact nodes, else 'claims' (grouped here). */
    origin: z.enum(['facts', 'claims']),
    rows: z.array(CorroborationRow),
  }),
});
export type ReportData = z.infer<typeof ReportData>;
export type ReportDataInput = z.input<typeof ReportData>;
