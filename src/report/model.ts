/**
 * The rows the HTML report is built from. Read from Neo4j by src/report/read-report.ts, already
 * aggregated and limited there (counts for everything, the first few documents behind each
 * point, decision and conflict), validated here, and turned into HTML by the pure
 * src/report/render.ts. The page therefore grows with forces and events, not with documents.
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

/** How many documents of one kind of publisher (inspectorate, press, ...). */
export const KindCount = z.object({ kind: str, documents: int });
export type KindCount = z.infer<typeof KindCount>;

/** How many documents of one publisher. */
export const PublisherCount = z.object({ publisher: str, kind: str, documents: int });
export type PublisherCount = z.infer<typeof PublisherCount>;

/** Stage-event claims of one force, stage, change and date (or, undated, one publication date), counted. */
export const StageEventGroup = z.object({
  force: str,
  stage: str,
  change: str,
  date: optStr,
  datePrecision: optStr,
  /** For undated claims: their documents' publication date, which places them. */
  published: optStr,
  documents: int,
});
export type StageEventGroup = z.infer<typeof StageEventGroup>;

/** One document behind a timeline point: how it dates the change, in its own words. */
export const PointSource = z.object({
  document: ReportDocument,
  /** The most precise date this document gives for the change, if any. */
  date: optStr,
  precision: z.enum(['day', 'month', 'year']).nullable(),
  /** 'future' when the document announces the change ahead ("will enter"). */
  tense: optStr,
  evidence: z.array(str),
});
export type PointSource = z.infer<typeof PointSource>;

/** Every document behind a point, counted; the first few of each kind, listed. */
export const PointSources = z.object({
  documents: int,
  byKind: z.array(KindCount),
  publishers: z.array(PublisherCount),
  /** Inspectorate first, then government, police, press, other; at most a few per kind. */
  sample: z.array(PointSource),
});
export type PointSources = z.infer<typeof PointSources>;

export const TimelinePoint = PointSources.extend({
  stage: str,
  change: str,
  /** The point's date: the most precise one its documents give, or a publication date. */
  date: optStr,
  precision: z.enum(['day', 'month', 'year']).nullable(),
  /** 'text' when a document states the date, 'publication' when only publication dates place it. */
  datedBy: z.enum(['text', 'publication', 'none']),
});
export type TimelinePoint = z.infer<typeof TimelinePoint>;

export const ForceTimeline = z.object({
  force: str,
  /** Dated points, in time order. */
  points: z.array(TimelinePoint),
  /** Changes no document dates, not even by publication. */
  undated: z.array(TimelinePoint),
});
export type ForceTimeline = z.infer<typeof ForceTimeline>;

/** A quotation behind a decision, with its document. */
export const DecisionQuote = z.object({
  evidence: str,
  document: str,
  publisher: optStr,
  kind: str,
  url: optStr,
});
export type DecisionQuote = z.infer<typeof DecisionQuote>;

/** One actor's act on one stage change of one force, with every document counted and the first quoted. */
export const DecisionGroup = z.object({
  force: str,
  stageChange: str,
  actor: str,
  act: str,
  documents: int,
  byKind: z.array(KindCount),
  /** The first distinct dates, earliest first, and how many more there are. */
  dates: z.array(str),
  moreDates: int,
  quotes: z.array(DecisionQuote),
});
export type DecisionGroup = z.infer<typeof DecisionGroup>;

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
  /** The side's document as the graph has it, when it is still there. */
  document: ReportDocument.nullable().default(null),
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

/** Conflicts of one kind about one subject: all counted, the first shown. */
export const ConflictGroup = z.object({
  force: optStr,
  subject: optStr,
  kind: optStr,
  total: int,
  shown: z.array(ConflictRow),
});
export type ConflictGroup = z.infer<typeof ConflictGroup>;

/** How many documents of one publisher back a fact. */
export const FactSource = PublisherCount;

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

/** One publisher's documents in the graph. */
export const PublisherRow = z.object({ publisher: str, kind: str, documents: int, first: optStr, last: optStr });
export type PublisherRow = z.infer<typeof PublisherRow>;

export const ReportData = z.object({
  generatedAt: str,
  counts: z.object({ documents: int, sources: int, claims: int, forces: int }),
  publishers: z.array(PublisherRow),
  /** The most recently published documents; the rest are counted by publisher. */
  recentDocuments: z.array(ReportDocument),
  timelines: z.array(ForceTimeline),
  decisions: z.array(DecisionGroup),
  conflicts: z.array(ConflictGroup),
  corroboration: z.object({
    /** 'facts' when reconciliation wrote :Fact nodes, else 'claims' (grouped here). */
    origin: z.enum(['facts', 'claims']),
    rows: z.array(CorroborationRow),
  }),
});
export type ReportData = z.infer<typeof ReportData>;
export type ReportDataInput = z.input<typeof ReportData>;
