// Gold annotations and system output for the scorer (see corpus GOLD-FORMAT.md).
//
// Gold schemas are strict (unknown keys are errors) so that an annotation typo
// such as "stageEvent" fails loudly instead of silently scoring as "no gold".
// System schemas accept extra keys (provenance, offsets, ...) and default
// missing lists to [], so that a sparse output scores as low recall rather than
// crashing the evaluation.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { STAGES, STAGE_CHANGES as CHANGES, DECISION_ACTS as ACTS, POLARITIES, PEEL_AREAS } from '../knowledge/index.ts';

// The vocabulary of the gold format is the domain's own: one list, in the knowledge module.
export { STAGES, CHANGES, ACTS, POLARITIES, PEEL_AREAS };
export const CONFLICT_KINDS = ['date', 'actor', 'stage', 'areas', 'count', 'purpose', 'other'] as const;

export const Stage = z.enum(STAGES);
export const Change = z.enum(CHANGES);
export const Act = z.enum(ACTS);
export const Polarity = z.enum(POLARITIES);
export const PeelArea = z.enum(PEEL_AREAS);
export const ConflictKind = z.enum(CONFLICT_KINDS);

export type Stage = z.infer<typeof Stage>;
export type Change = z.infer<typeof Change>;
export type Act = z.infer<typeof Act>;
export type Polarity = z.infer<typeof Polarity>;
export type PeelArea = z.infer<typeof PeelArea>;
export type ConflictKind = z.infer<typeof ConflictKind>;

/** "YYYY", "YYYY-MM" or "YYYY-MM-DD": a date at the precision the text gives. */
export const DateValue = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');

const Name = z.string().trim().min(1);

// ---------------------------------------------------------------- gold

export const GoldPerson = z.strictObject({ name: Name, roles: z.array(Name) });
export const GoldStageEvent = z.strictObject({
  force: Name,
  stage: Stage,
  change: Change,
  date: DateValue.nullable(),
});
export const GoldDecision = z.strictObject({
  actor: Name,
  act: Act,
  force: Name,
  stage: Stage,
  change: Change,
});
export const GoldArea = z.strictObject({ text: Name, peel: PeelArea, polarity: Polarity });
export const GoldQuote = z.strictObject({ speaker: Name, startsWith: Name });
export const GoldDate = z.strictObject({ text: Name, value: DateValue });

/** Exactly the shape of a NAME.gold.json. */
export const DocumentFacts = z.strictObject({
  forces: z.array(Name),
  organisations: z.array(Name),
  people: z.array(GoldPerson),
  stageEvents: z.array(GoldStageEvent),
  decisions: z.array(GoldDecision),
  areas: z.array(GoldArea),
  quotes: z.array(GoldQuote),
  dates: z.array(GoldDate),
});

export type GoldPerson = z.infer<typeof GoldPerson>;
export type GoldStageEvent = z.infer<typeof GoldStageEvent>;
export type GoldDecision = z.infer<typeof GoldDecision>;
export type GoldArea = z.infer<typeof GoldArea>;
export type GoldQuote = z.infer<typeof GoldQuote>;
export type GoldDate = z.infer<typeof GoldDate>;
export type DocumentFacts = z.infer<typeof DocumentFacts>;

// ---------------------------------------------------------------- system

export const SystemPerson = z.object({ name: z.string(), roles: z.array(z.string()).default([]) });
export const SystemStageEvent = z.object({
  force: z.string(),
  stage: Stage,
  change: Change,
  // Plain string: a malformed date is scored as a wrong date, not a load error.
  date: z.string().nullable().default(null),
});
export const SystemDecision = z.object({
  actor: z.string(),
  act: Act,
  force: z.string(),
  stage: Stage,
  change: Change,
});
export const SystemArea = z.object({ text: z.string(), peel: PeelArea, polarity: Polarity });
/** A system quote carries its full text; `startsWith` alone is accepted too (then used as the text). */
export const SystemQuote = z
  .object({ speaker: z.string(), text: z.string().optional(), startsWith: z.string().optional() })
  .refine((q) => q.text !== undefined || q.startsWith !== undefined, {
    message: 'a quote needs "text" (or "startsWith")',
  });
export const SystemDate = z.object({ text: z.string().default(''), value: z.string() });

/** The system's output for one document: the gold shape, with full quote text. */
export const SystemFacts = z.object({
  forces: z.array(z.string()).default([]),
  organisations: z.array(z.string()).default([]),
  people: z.array(SystemPerson).default([]),
  stageEvents: z.array(SystemStageEvent).default([]),
  decisions: z.array(SystemDecision).default([]),
  areas: z.array(SystemArea).default([]),
  quotes: z.array(SystemQuote).default([]),
  dates: z.array(SystemDate).default([]),
});

export type SystemPerson = z.infer<typeof SystemPerson>;
export type SystemStageEvent = z.infer<typeof SystemStageEvent>;
export type SystemDecision = z.infer<typeof SystemDecision>;
export type SystemArea = z.infer<typeof SystemArea>;
export type SystemQuote = z.infer<typeof SystemQuote>;
export type SystemDate = z.infer<typeof SystemDate>;
export type SystemFacts = z.infer<typeof SystemFacts>;

/** A document with nothing in it: what to score when the system produced no output for a document. */
export function emptyFacts(): SystemFacts {
  return { forces: [], organisations: [], people: [], stageEvents: [], decisions: [], areas: [], quotes: [], dates: [] };
}

// ---------------------------------------------------------------- conflicts

const DocPair = z.tuple([Name, Name]);
export const GoldConflict = z.strictObject({
  docs: DocPair,
  kind: ConflictKind,
  subject: Name,
  a: z.string(),
  b: z.string(),
});
export const GoldAgreement = z.strictObject({
  docs: DocPair,
  kind: ConflictKind,
  subject: Name,
  a: z.string(),
  b: z.string(),
  why: z.string(),
});
export const ConflictsGold = z.strictObject({
  conflicts: z.array(GoldConflict),
  agreements: z.array(GoldAgreement),
});
/** kind is a plain string so that an unknown kind scores as wrong instead of failing the load. */
export const SystemConflict = z.object({
  docs: z.tuple([z.string(), z.string()]),
  kind: z.string(),
  subject: z.string().optional(),
  a: z.string().optional(),
  b: z.string().optional(),
});

export type GoldConflict = z.infer<typeof GoldConflict>;
export type GoldAgreement = z.infer<typeof GoldAgreement>;
export type ConflictsGold = z.infer<typeof ConflictsGold>;
export type SystemConflict = z.infer<typeof SystemConflict>;

// ---------------------------------------------------------------- parsing and loading

/** A validation failure; `problems` are "file: $.json.path: message" lines. */
export class GoldFormatError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid gold/system data:\n  ${problems.join('\n  ')}`);
    this.name = 'GoldFormatError';
  }
}

/** Formats a zod path as a JSON path: `$.people[0].roles[1]`. */
export function jsonPath(p: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of p) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** Validates `value` against `schema`; throws GoldFormatError naming `file` and each bad JSON path. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, file: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new GoldFormatError(result.error.issues.map((i) => `${file}: ${jsonPath(i.path)}: ${i.message}`));
}

export const parseDocumentFacts = (value: unknown, file = '<input>'): DocumentFacts =>
  parseWith(DocumentFacts, value, file);
export const parseSystemFacts = (value: unknown, file = '<input>'): SystemFacts =>
  parseWith(SystemFacts, value, file);
export const parseConflictsGold = (value: unknown, file = '<input>'): ConflictsGold =>
  parseWith(ConflictsGold, value, file);
export const parseSystemConflicts = (value: unknown, file = '<input>'): SystemConflict[] =>
  parseWith(z.array(SystemConflict), value, file);

export interface GoldDocument {
  /** NAME, the file name without `.gold.json`. */
  name: string;
  /** The document the gold describes, `NAME.txt` (the name conflicts refer to). */
  textFile: string;
  /** Path of the gold file. */
  goldFile: string;
  gold: DocumentFacts;
}

export interface GoldFolder {
  dir: string;
  /** Sorted by name so that reports are stable. */
  documents: GoldDocument[];
  /** Present when the folder has a conflicts.gold.json. */
  conflicts?: ConflictsGold;
}

export const CONFLICTS_FILE = 'conflicts.gold.json';

async function readJson(file: string, problems: string[]): Promise<unknown> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    problems.push(`${file}: cannot read: ${(err as Error).message}`);
    return undefined;
  }
  try {
    return JSON.parse(raw);
  } catch (err) {
    problems.push(`${file}: $: invalid JSON: ${(err as Error).message}`);
    return undefined;
  }
}

/**
 * Reads every NAME.gold.json in `dir` (and conflicts.gold.json when present).
 * All problems of all files are collected into one GoldFormatError, so one run
 * shows every annotation mistake.
 */
export async function loadGoldFolder(dir: string): Promise<GoldFolder> {
  const entries = (await readdir(dir)).sort();
  const problems: string[] = [];
  const documents: GoldDocument[] = [];
  let conflicts: ConflictsGold | undefined;

  for (const entry of entries) {
    if (!entry.endsWith('.gold.json')) continue;
    const file = path.join(dir, entry);
    const json = await readJson(file, problems);
    if (json === undefined) continue;
    try {
      if (entry === CONFLICTS_FILE) {
        conflicts = parseConflictsGold(json, file);
      } else {
        const name = entry.slice(0, -'.gold.json'.length);
        documents.push({ name, textFile: `${name}.txt`, goldFile: file, gold: parseDocumentFacts(json, file) });
      }
    } catch (err) {
      if (err instanceof GoldFormatError) problems.push(...err.problems);
      else throw err;
    }
  }
  if (problems.length > 0) throw new GoldFormatError(problems);
  return conflicts ? { dir, documents, conflicts } : { dir, documents };
}
