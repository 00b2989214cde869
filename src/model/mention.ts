import { z } from 'zod';
import { DatePrecision } from '../nlp/dates.ts';
import { DECISION_ACTS, POLARITIES, STAGE_CHANGES, STAGES } from '../knowledge/index.ts';

/** A character span of the document text: every extracted item knows where it came from. */
export const Span = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });
export type Span = z.infer<typeof Span>;

export const Stage = z.enum(STAGES);
export type Stage = z.infer<typeof Stage>;
export const StageChange = z.enum(STAGE_CHANGES);
export type StageChange = z.infer<typeof StageChange>;
export const Act = z.enum(DECISION_ACTS);
export type Act = z.infer<typeof Act>;
export const Polarity = z.enum(POLARITIES);
export type Polarity = z.infer<typeof Polarity>;
/** Who acts or speaks: a person, a body, or a police force speaking as itself ("Kent Police said"). */
export const ActorKind = z.enum(['person', 'organisation', 'force']);
export type ActorKind = z.infer<typeof ActorKind>;

const base = { start: z.number().int().min(0), end: z.number().int().min(0), extractor: z.string() };

export const ForceMention = z.object({ ...base, kind: z.literal('force'), name: z.string(), surface: z.string() });
export const OrganisationMention = z.object({ ...base, kind: z.literal('organisation'), name: z.string(), surface: z.string() });
export const PersonMention = z.object({
  ...base,
  kind: z.literal('person'),
  /** Canonical name: honorifics and post-nominals removed. */
  name: z.string(),
  surface: z.string(),
});
export const RoleMention = z.object({
  ...base,
  kind: z.literal('role'),
  person: z.string(),
  /** The title in the text's own wording. */
  title: z.string(),
});
export const DateMention = z.object({
  ...base,
  kind: z.literal('date'),
  text: z.string(),
  value: z.string(),
  precision: DatePrecision,
});
export const StageEventMention = z.object({
  ...base,
  kind: z.literal('stageEvent'),
  force: z.string(),
  stage: Stage,
  change: StageChange,
  date: z.string().nullable(),
  datePrecision: DatePrecision.nullable(),
  /** "will enter" is still to come when the text was written; "was moved" has happened. */
  tense: z.enum(['past', 'future']),
});
export const DecisionMention = z.object({
  ...base,
  kind: z.literal('decision'),
  actor: z.string(),
  actorKind: ActorKind,
  act: Act,
  force: z.string(),
  stage: Stage,
  change: StageChange,
});
export const AreaMention = z.object({
  ...base,
  kind: z.literal('area'),
  force: z.string().nullable(),
  text: z.string(),
  peel: z.string(),
  polarity: Polarity,
});
export const QuoteMention = z.object({
  ...base,
  kind: z.literal('quote'),
  speaker: z.string().nullable(),
  speakerKind: ActorKind.nullable(),
  text: z.string(),
});

/** A checkable detail a text states about a force: a count, a spell's length, a cause of a move, a remit. */
export const DetailMention = z.object({
  ...base,
  kind: z.literal('detail'),
  topic: z.enum(['officeHolders', 'areasAssessed', 'areasGraded', 'spell', 'cause', 'remit']),
  /** The force the sentence names, when it names one. */
  force: z.string().nullable(),
  /** The detail in words, normalised ("5", "Scan", "scandals", "England and Wales"). */
  value: z.string(),
  /** What is counted or measured ("chief constable", a grade), or null. */
  qualifier: z.string().nullable(),
  /** Numeric bounds: the count (lo = hi), a spell in years, an office count's window in years. */
  lo: z.number().nullable(),
  hi: z.number().nullable(),
  /** "fifth chief constable" (the holder's rank) rather than "five chief constables". */
  ordinal: z.boolean(),
  /** The window a count of holders covers, in years ("in six years"), or null. */
  window: z.number().nullable(),
});

export const Mention = z.discriminatedUnion('kind', [
  ForceMention,
  OrganisationMention,
  PersonMention,
  RoleMention,
  DateMention,
  StageEventMention,
  DecisionMention,
  AreaMention,
  QuoteMention,
  DetailMention,
]);
export type Mention = z.infer<typeof Mention>;
export type MentionKind = Mention['kind'];
export type MentionOf<K extends MentionKind> = Extract<Mention, { kind: K }>;
