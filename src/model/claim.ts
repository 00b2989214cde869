import { z } from 'zod';

export const EntityType = z.enum(['Force', 'Person', 'Organisation']);
export type EntityType = z.infer<typeof EntityType>;

export const EntityRef = z.object({
  type: EntityType,
  /** Resolution key: one node per real entity however the text spells it. */
  key: z.string().min(1),
  name: z.string().min(1),
});
export type EntityRef = z.infer<typeof EntityRef>;

export const ClaimKind = z.enum(['mention', 'role', 'date', 'stageEvent', 'decision', 'area', 'quote', 'detail']);
export type ClaimKind = z.infer<typeof ClaimKind>;

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * One fact a document states, with its provenance: which document, which
 * sentence, which characters, and which extractor said so.
 */
export const Claim = z.object({
  id: z.string().regex(/^[0-9a-f]{16}$/),
  documentId: z.string(),
  kind: ClaimKind,
  /** What the claim is about (a force, a person...), when it is about an entity. */
  subject: EntityRef.nullable(),
  predicate: z.string().min(1),
  /** The claimed value in words: a stage, a title, a date, a quotation. */
  value: z.string(),
  /** Entities the claim links besides its subject: the actor of a decision, the speaker of a quote. */
  links: z.array(z.object({ role: z.enum(['actor', 'force', 'speaker']), entity: EntityRef })),
  qualifiers: z.record(z.string(), scalar),
  sentenceIndex: z.number().int().min(0),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  evidence: z.string(),
  extractor: z.string(),
  extractorVersion: z.string(),
});
export type Claim = z.infer<typeof Claim>;
