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
export const ActorKind = z.enum(['person', 'organisation']);
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
]);
export type Mention = z.infer<typeof Mention>;
export type MentionKind = Mention['kind'];
export type MentionOf<K extends MentionKind> = Extract<Mention, { kind: K }>;
