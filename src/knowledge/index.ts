/**
 * Domain knowledge (forces, organisations, titles, honorifics, monitoring
 * stages, PEEL areas) kept as hand-editable YAML next to this module, loaded
 * once, validated with zod and exposed with types and a few lookup helpers.
 *
 * A bad file fails loudly: the error names the file, the line, the YAML path
 * of the bad entry (with the entry's name) and what is wrong.
 *
 * Placeholder syntax shared by the YAML files: `{name}` inside a phrase
 * stands for a slot filled from the text. Known slots: {place} {force} {org}
 * {title} {rank} {portfolio} {stage} {gap}; each file says which it allows
 * (see the file headers) and the loader rejects any other.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import { z } from 'zod';

// ---------------------------------------------------------------- normalising

/**
 * The key used both to build lookup tables and to match text against them.
 *
 * It: applies Unicode NFKC (no-break and other odd spaces become spaces);
 * turns curly/typographic apostrophes and primes (’ ‘ ‛ ʼ ′ `) into "'" and
 * curly double quotes into '"'; turns hyphens and dashes (- ‐ ‑ ‒ – — ― −)
 * into spaces, so "Dyfed-Powys" = "Dyfed Powys" and "anti-social" =
 * "anti social"; turns "&" into " and "; lower-cases (unless `keepCase`);
 * collapses runs of white space to one space and trims.
 *
 * It does NOT strip possessive "'s", other punctuation (dots, commas,
 * slashes), or a leading "the": "the Met's" stays "the met's".
 */
export function normaliseForMatch(s: string, options: { keepCase?: boolean } = {}): string {
  let out = s
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201a\u201b\u02bc\u2032`]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[-\u2010-\u2015\u2212]/g, ' ')
    .replace(/&/g, ' and ');
  if (!options.keepCase) out = out.toLowerCase();
  return out.replace(/\s+/g, ' ').trim();
}

// ------------------------------------------------------------------- schemas

const KNOWN_SLOTS = ['place', 'force', 'org', 'title', 'rank', 'portfolio', 'stage', 'gap'] as const;
export type PatternSlot = (typeof KNOWN_SLOTS)[number];

export type PatternPart = { literal: string } | { slot: PatternSlot };

/** Splits a phrase with placeholders into literal text and slots: "moved {gap} into {stage}". */
export function parsePattern(form: string): PatternPart[] {
  const parts: PatternPart[] = [];
  const re = /\{([a-z]+)\}/g;
  let last = 0;
  for (let m = re.exec(form); m; m = re.exec(form)) {
    if (m.index > last) parts.push({ literal: form.slice(last, m.index) });
    parts.push({ slot: m[1] as PatternSlot });
    last = m.index + m[0].length;
  }
  if (last < form.length) parts.push({ literal: form.slice(last) });
  return parts;
}

function slotsOf(form: string): string[] {
  return [...form.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? '');
}

/** Non-empty text; YAML numbers (an unquoted 101) are accepted as text. */
const Text = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : v),
  z
    .string({ error: (iss) => (iss.input === undefined ? 'is required' : 'expected text') })
    .trim()
    .min(1, 'must not be empty'),
);

/** Text with {slots}: only `allowed` slots, each of `required` present, and some literal words. */
function PatternText(allowed: readonly PatternSlot[], required: readonly PatternSlot[] = []) {
  return Text.superRefine((s, ctx) => {
    if (/[{}]/.test(s.replace(/\{[a-z]+\}/g, ''))) {
      ctx.addIssue({ code: 'custom', message: `unbalanced or malformed placeholder in "${s}"` });
      return;
    }
    for (const slot of slotsOf(s)) {
      if (!(allowed as readonly string[]).includes(slot)) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown placeholder {${slot}} in "${s}"; allowed here: ${allowed.length ? allowed.map((a) => `{${a}}`).join(' ') : 'none'}`,
        });
      }
    }
    for (const slot of required) {
      if (!slotsOf(s).includes(slot)) ctx.addIssue({ code: 'custom', message: `"${s}" must contain {${slot}}` });
    }
    if (slotsOf(s).length < 2 && !/[\p{L}\p{N}]/u.test(s.replace(/\{[a-z]+\}/g, ''))) {
      ctx.addIssue({ code: 'custom', message: `"${s}" is a lone placeholder; add words or another placeholder` });
    }
  });
}

/**
 * A written form. In YAML either a plain string (case-insensitive) or
 * `{ text, caseSensitive?, former?, note? }`.
 */
const TermSchema = z.preprocess(
  (v) => (typeof v === 'string' || typeof v === 'number' ? { text: String(v) } : v),
  z
    .strictObject(
      {
        text: Text,
        caseSensitive: z.boolean().default(false),
        /** A name no longer in official use, still found in text. */
        former: z.boolean().default(false),
        note: z.string().optional(),
      },
      {
        error: (iss) =>
          iss.code === 'invalid_type' ? 'expected a string or { text: ..., caseSensitive?: true, former?: true }' : undefined,
      },
    )
    .superRefine((t, ctx) => {
      if (/[{}]/.test(t.text)) ctx.addIssue({ code: 'custom', path: ['text'], message: `placeholders are not allowed here: "${t.text}"` });
    }),
);
export type Term = z.output<typeof TermSchema>;

const NATIONS = ['England', 'Wales', 'Scotland', 'Northern Ireland', 'Great Britain', 'United Kingdom'] as const;
export type Nation = (typeof NATIONS)[number];

const ForceSchema = z.strictObject({
  name: Text,
  kind: z.enum(['territorial', 'national', 'special']),
  nation: z.enum(NATIONS),
  region: Text.optional(),
  aliases: z.array(TermSchema).default([]),
  placeNames: z.array(Text).default([]),
  excludePhrases: z.array(Text).default([]),
});
export type Force = z.output<typeof ForceSchema>;
export type ForceKind = Force['kind'];

const ForcesFileSchema = z
  .strictObject({
    placeNameFrames: z.array(PatternText(['place', 'gap'], ['place'])).default([]),
    placeListCues: z.array(Text).default([]),
    notFollowedBy: z.array(Text).default([]),
    forces: z.array(ForceSchema).min(1),
  })
  .superRefine((file, ctx) => {
    uniqueNames(file.forces, (f) => f.name, ['forces'], ctx);
    uniqueTerms(
      file.forces.map((f, i) => ({ label: f.name, path: ['forces', i], terms: namedTerms(f.name, f.aliases, 'aliases') })),
      ctx,
    );
    uniqueTerms(
      file.forces.map((f, i) => ({
        label: f.name,
        path: ['forces', i],
        terms: f.placeNames.map((p, j) => ({ term: plain(p), path: ['placeNames', j] as PathPart[] })),
      })),
      ctx,
      'place name',
    );
    file.forces.forEach((f, i) => {
      if (f.kind === 'territorial' && f.nation !== 'England' && f.nation !== 'Wales') {
        ctx.addIssue({ code: 'custom', path: ['forces', i, 'nation'], message: 'territorial forces are those of England and Wales; use kind: national' });
      }
    });
  });

const ORG_KINDS = ['inspectorate', 'government', 'oversight', 'policing-body', 'local-government', 'parliament', 'political-party', 'charity', 'other'] as const;
export type OrganisationKind = (typeof ORG_KINDS)[number];

const OrganisationSchema = z.strictObject({
  name: Text,
  fullName: Text.optional(),
  kind: z.enum(ORG_KINDS),
  partOf: Text.optional(),
  aliases: z.array(TermSchema).default([]),
  genericReferences: z.array(TermSchema).default([]),
  /** Descriptions that, in policing copy, name the body by themselves ("the inspectorate"). */
  namingReferences: z.array(TermSchema).default([]),
});
export type Organisation = z.output<typeof OrganisationSchema>;

const OrganisationPatternSchema = z
  .strictObject({
    canonical: PatternText(['place', 'force', 'org']),
    kind: z.enum(ORG_KINDS),
    forms: z.array(PatternText(['place', 'force', 'org'])).min(1),
  })
  .superRefine((p, ctx) => {
    const wanted = slotsOf(p.canonical);
    p.forms.forEach((form, i) => {
      for (const slot of wanted) {
        if (!slotsOf(form).includes(slot)) ctx.addIssue({ code: 'custom', path: ['forms', i], message: `form lacks {${slot}}, which the canonical name needs` });
      }
    });
  });
export type OrganisationPattern = z.output<typeof OrganisationPatternSchema>;

const OrganisationsFileSchema = z
  .strictObject({
    organisations: z.array(OrganisationSchema).min(1),
    patterns: z.array(OrganisationPatternSchema).default([]),
    notOrganisations: z.array(Text).default([]),
    nameHeads: z.array(Text).default([]),
    nameModifiersNot: z.array(Text).default([]),
    documentNouns: z.array(Text).default([]),
  })
  .superRefine((file, ctx) => {
    uniqueNames(file.organisations, (o) => o.name, ['organisations'], ctx);
    uniqueTerms(
      file.organisations.map((o, i) => ({ label: o.name, path: ['organisations', i], terms: namedTerms(o.name, o.aliases, 'aliases') })),
      ctx,
    );
    const names = new Set(file.organisations.map((o) => normaliseForMatch(o.name)));
    file.organisations.forEach((o, i) => {
      if (o.partOf !== undefined && !names.has(normaliseForMatch(o.partOf))) {
        ctx.addIssue({ code: 'custom', path: ['organisations', i, 'partOf'], message: `"${o.partOf}" is not the name of an organisation in this file` });
      }
    });
  });

const TitleSchema = z.strictObject({
  title: Text,
  rank: z.boolean().default(false),
  org: Text.optional(),
  variants: z.array(TermSchema).default([]),
});
export type Title = z.output<typeof TitleSchema>;

const TitlesFileSchema = z
  .strictObject({
    rankPrefixes: z.array(TermSchema).default([]),
    patterns: z.array(z.strictObject({ form: PatternText(['title', 'rank', 'force', 'org', 'place', 'portfolio']) })).default([]),
    titles: z.array(TitleSchema).min(1),
  })
  .superRefine((file, ctx) => {
    uniqueNames(file.titles, (t) => t.title, ['titles'], ctx);
    uniqueTerms(
      file.titles.map((t, i) => ({ label: t.title, path: ['titles', i], terms: namedTerms(t.title, t.variants, 'variants') })),
      ctx,
      'variant',
    );
  });
export type TitlePattern = z.output<typeof TitlesFileSchema>['patterns'][number];

const HonorificsFileSchema = z.strictObject({
  honorifics: z.array(Text).min(1),
  postNominals: z.array(Text).default([]),
  abbreviations: z.array(
    Text.refine((s) => s.endsWith('.'), { message: 'an abbreviation must end with "."' }).refine((s) => !/\s/.test(s), {
      message: 'one token per entry ("Det." and "Supt.", not "Det. Supt.")',
    }),
  ),
});
export type Honorifics = z.output<typeof HonorificsFileSchema>;

export const STAGES = ['Engage', 'Scan'] as const;
export type StageName = (typeof STAGES)[number];
export const STAGE_CHANGES = ['entered', 'exited'] as const;
export type StageChange = (typeof STAGE_CHANGES)[number];
export const DECISION_ACTS = ['decided', 'recommended', 'announced'] as const;
export type DecisionAct = (typeof DECISION_ACTS)[number];

const StagePhrase = PatternText(['stage', 'gap'], ['stage']);
const StagesFileSchema = z
  .strictObject({
    gapMaxTokens: z.number().int().min(1).max(20).default(6),
    stages: z.array(z.strictObject({ name: z.enum(STAGES), synonyms: z.array(TermSchema).min(1) })),
    changes: z.strictObject({ entered: z.array(StagePhrase).min(1), exited: z.array(StagePhrase).min(1) }),
    implied: z
      .array(
        z.strictObject({
          phrase: StagePhrase,
          whenStage: z.enum(STAGES),
          means: z.strictObject({ stage: z.enum(STAGES), change: z.enum(STAGE_CHANGES) }),
        }),
      )
      .default([]),
    states: z.array(StagePhrase).default([]),
    memberships: z.array(StagePhrase).default([]),
    stageReferences: z.array(Text).default(['it', 'them']),
    aspirations: z.array(Text).default([]),
    hedges: z.array(Text).default([]),
    decisions: z.strictObject({
      decided: z.array(PatternText(['gap'])).min(1),
      recommended: z.array(PatternText(['gap'])).min(1),
      announced: z.array(PatternText(['gap'])).min(1),
    }),
    escalations: z
      .strictObject({ entered: z.array(PatternText(['gap'])).default([]), exited: z.array(PatternText(['gap'])).default([]) })
      .default({ entered: [], exited: [] }),
    actReactions: z.array(Text).default([]),
    actMakers: z.array(Text).default([]),
    recommendationAcceptances: z.array(Text).default([]),
  })
  .superRefine((file, ctx) => {
    for (const name of STAGES) {
      const n = file.stages.filter((s) => s.name === name).length;
      if (n !== 1) ctx.addIssue({ code: 'custom', path: ['stages'], message: `stage ${name} must be listed exactly once (found ${n})` });
    }
    uniqueTerms(
      file.stages.map((s, i) => ({ label: s.name, path: ['stages', i], terms: s.synonyms.map((t, j) => ({ term: t, path: ['synonyms', j] as PathPart[] })) })),
      ctx,
      'synonym',
    );
    const seen = new Map<string, string>();
    for (const change of STAGE_CHANGES) {
      file.changes[change].forEach((p, i) => {
        const key = normaliseForMatch(p);
        const other = seen.get(key);
        if (other !== undefined && other !== change) {
          ctx.addIssue({ code: 'custom', path: ['changes', change, i], message: `"${p}" is listed under both ${other} and ${change}` });
        }
        seen.set(key, change);
      });
    }
  });
export type Stages = z.output<typeof StagesFileSchema>;

export const PEEL_AREAS = [
  'Responding to the public',
  'Investigating crime',
  'Protecting vulnerable people',
  'Managing offenders and suspects',
  'Preventing crime and anti-social behaviour',
  'Treatment of the public',
  'Recording data about crime',
  'Developing a positive workplace',
  'Leadership and force management',
  'Disrupting serious organised crime',
  'Other',
] as const;
export type PeelAreaName = (typeof PEEL_AREAS)[number];
export const POLARITIES = ['concern', 'improved'] as const;
export type Polarity = (typeof POLARITIES)[number];

const Cue = Text.refine((s) => s === s.toLowerCase(), { message: 'cues are written in lower case' });
const PeelFileSchema = z
  .strictObject({
    areas: z.array(z.strictObject({ name: z.enum(PEEL_AREAS, { error: `must be one of: ${PEEL_AREAS.join('; ')}` }), cues: z.array(Cue).default([]) })),
    polarity: z.strictObject({ concern: z.array(Cue).min(1), improved: z.array(Cue).min(1) }),
    grades: z.array(z.strictObject({ grade: Cue, polarity: z.enum(POLARITIES).nullable() })).default([]),
    findings: z.array(Cue).default([]),
    scrutiny: z.array(Cue).default([]),
    obligations: z.array(Cue).default([]),
    broad: z.array(Cue).default([]),
    nounOnly: z.array(Cue).default([]),
    process: z.array(Cue).default([]),
  })
  .superRefine((file, ctx) => {
    for (const name of PEEL_AREAS) {
      const n = file.areas.filter((a) => a.name === name).length;
      if (n !== 1) ctx.addIssue({ code: 'custom', path: ['areas'], message: `PEEL area "${name}" must be listed exactly once (found ${n})` });
    }
    const cueOwner = new Map<string, string>();
    file.areas.forEach((a, i) =>
      a.cues.forEach((c, j) => {
        const key = normaliseForMatch(c);
        const owner = cueOwner.get(key);
        if (owner !== undefined && owner !== a.name) {
          ctx.addIssue({ code: 'custom', path: ['areas', i, 'cues', j], message: `cue "${c}" is also a cue of "${owner}"` });
        }
        cueOwner.set(key, a.name);
      }),
    );
    const concern = new Set(file.polarity.concern.map((c) => normaliseForMatch(c)));
    file.polarity.improved.forEach((c, i) => {
      if (concern.has(normaliseForMatch(c))) ctx.addIssue({ code: 'custom', path: ['polarity', 'improved', i], message: `"${c}" is listed as both concern and improved` });
    });
  });
export type Peel = z.output<typeof PeelFileSchema>;
export type PeelArea = Peel['areas'][number];

const FILE_SCHEMAS = {
  'forces.yaml': ForcesFileSchema,
  'organisations.yaml': OrganisationsFileSchema,
  'titles.yaml': TitlesFileSchema,
  'honorifics.yaml': HonorificsFileSchema,
  'stages.yaml': StagesFileSchema,
  'peel.yaml': PeelFileSchema,
} as const;
export type KnowledgeFileName = keyof typeof FILE_SCHEMAS;
export type KnowledgeFileData<F extends KnowledgeFileName> = z.output<(typeof FILE_SCHEMAS)[F]>;
export const KNOWLEDGE_FILES = Object.keys(FILE_SCHEMAS) as KnowledgeFileName[];

// ------------------------------------------------------- uniqueness helpers

type PathPart = string | number;
type Ctx = z.RefinementCtx;

function plain(text: string): Term {
  return { text, caseSensitive: false, former: false };
}

/** The name as a term plus the aliases; an alias with the name's text (any case) overrides the name's case rule. */
function namedTerms(name: string, aliases: readonly Term[], field: string): { term: Term; path: PathPart[] }[] {
  const nameKey = normaliseForMatch(name);
  const out: { term: Term; path: PathPart[] }[] = [];
  if (!aliases.some((a) => normaliseForMatch(a.text) === nameKey)) out.push({ term: plain(name), path: [] });
  aliases.forEach((a, j) => out.push({ term: a, path: [field, j] }));
  return out;
}

function uniqueNames<T>(items: readonly T[], nameOf: (t: T) => string, base: PathPart[], ctx: Ctx): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const key = normaliseForMatch(nameOf(item));
    const first = seen.get(key);
    if (first !== undefined) ctx.addIssue({ code: 'custom', path: [...base, i], message: `"${nameOf(item)}" is listed twice (also at ${formatPath([...base, first])})` });
    else seen.set(key, i);
  });
}

/** Two terms clash when they would match the same text: same key, unless both are case-sensitive with different cases. */
function termsClash(a: Term, b: Term): boolean {
  if (normaliseForMatch(a.text) !== normaliseForMatch(b.text)) return false;
  if (a.caseSensitive && b.caseSensitive) return normaliseForMatch(a.text, { keepCase: true }) === normaliseForMatch(b.text, { keepCase: true });
  return true;
}

function uniqueTerms(
  owners: readonly { label: string; path: PathPart[]; terms: { term: Term; path: PathPart[] }[] }[],
  ctx: Ctx,
  what = 'alias',
): void {
  const byKey = new Map<string, { owner: number; term: Term; path: PathPart[] }[]>();
  owners.forEach((o, i) => {
    for (const t of o.terms) {
      const key = normaliseForMatch(t.term.text);
      const list = byKey.get(key) ?? [];
      for (const prev of list) {
        if (prev.owner !== i && termsClash(prev.term, t.term)) {
          const prevOwner = owners[prev.owner];
          ctx.addIssue({
            code: 'custom',
            path: [...o.path, ...t.path],
            message: `${what} "${t.term.text}" of "${o.label}" is also used by "${prevOwner?.label}" (${formatPath(prev.path)})`,
          });
        }
      }
      list.push({ owner: i, term: t.term, path: [...o.path, ...t.path] });
      byKey.set(key, list);
    }
  });
}

// ------------------------------------------------------------------ errors

export interface KnowledgeIssue {
  file: KnowledgeFileName | string;
  /** YAML path such as `forces[12].aliases[3]`. */
  path: string;
  /** 1-based line in the file, where known. */
  line?: number;
  message: string;
}

export class KnowledgeError extends Error {
  readonly issues: KnowledgeIssue[];
  constructor(issues: KnowledgeIssue[]) {
    const files = [...new Set(issues.map((i) => i.file))].join(', ');
    super(
      `Invalid knowledge file${files.includes(',') ? 's' : ''} ${files}:\n` +
        issues.map((i) => `  ${i.file}${i.line !== undefined ? `:${i.line}` : ''} at ${i.path || '(top level)'}: ${i.message}`).join('\n'),
    );
    this.name = 'KnowledgeError';
    this.issues = issues;
  }
}

function formatPath(path: readonly PathPart[], data?: unknown): string {
  let out = '';
  let node: unknown = data;
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
    node = node !== null && typeof node === 'object' ? (node as Record<PathPart, unknown>)[part] : undefined;
    if (typeof part === 'number' && node !== null && typeof node === 'object') {
      const label = (node as Record<string, unknown>).name ?? (node as Record<string, unknown>).title ?? (node as Record<string, unknown>).text;
      if (typeof label === 'string') out += ` (${label})`;
    }
  }
  return out;
}

interface SourceInfo {
  doc: Document;
  lines: LineCounter;
}

function lineOf(path: readonly PathPart[], source?: SourceInfo): number | undefined {
  if (!source) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? source.doc.contents : source.doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return source.lines.linePos(node.range[0]).line;
  }
  return undefined;
}

/**
 * Validates the parsed contents of one knowledge file. Throws a
 * KnowledgeError naming the file, YAML path (with entry names) and problem.
 */
export function validateKnowledgeFile<F extends KnowledgeFileName>(file: F, data: unknown, source?: SourceInfo): KnowledgeFileData<F> {
  const schema = FILE_SCHEMAS[file] as unknown as z.ZodType<KnowledgeFileData<F>>;
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new KnowledgeError(
    result.error.issues.map((iss) => {
      const path = iss.path.filter((p): p is PathPart => typeof p !== 'symbol');
      const line = lineOf(path, source);
      return { file, path: formatPath(path, data), ...(line !== undefined ? { line } : {}), message: iss.message };
    }),
  );
}

// --------------------------------------------------------------- knowledge

export interface IndexedTerm<T> {
  /** As written in the YAML. */
  text: string;
  /** normaliseForMatch(text). */
  key: string;
  /** normaliseForMatch(text, { keepCase: true }); compare with this when caseSensitive. */
  caseKey: string;
  caseSensitive: boolean;
  former: boolean;
  source: 'name' | 'alias' | 'placeName' | 'genericReference' | 'variant' | 'synonym';
  target: T;
}

export interface KnowledgeIndex {
  /** Force names and aliases, longest first. */
  forceTerms: IndexedTerm<Force>[];
  /** Force place names (only a force inside forces.yaml placeNameFrames), longest first. */
  forcePlaceNames: IndexedTerm<Force>[];
  /** Organisation names and aliases, longest first. */
  organisationTerms: IndexedTerm<Organisation>[];
  /** Descriptions usable for coreference only ("the inspectorate"), longest first. */
  organisationGenericReferences: IndexedTerm<Organisation>[];
  /** Title canonical forms and variants, longest first. */
  titleTerms: IndexedTerm<Title>[];
  /** Stage synonyms, longest first. */
  stageTerms: IndexedTerm<StageName>[];
  /** PEEL cues (normalised key), longest first. */
  peelCues: IndexedTerm<PeelAreaName>[];
  /**
   * Tokens ending in "." that do not end a sentence: honorifics.yaml
   * abbreviations plus every dotted token of a title variant ("Det.", "Ch.",
   * "Supt." from "Det. Ch. Supt."). As written, unique.
   */
  nonTerminalAbbreviations: string[];
}

export interface Knowledge {
  forces: Force[];
  /** Frames such as "{place} police" in which a force's place name names the force. */
  placeNameFrames: string[];
  /** Words that make a list of bare place names a list of forces ("forces", "special measures"). */
  placeListCues: string[];
  /** Text after a force alias that makes the match part of another name ("and Crime Commissioner"). */
  forceNotFollowedBy: string[];
  organisations: Organisation[];
  organisationPatterns: OrganisationPattern[];
  /** Names that look like bodies but are surveys, reports, programmes. */
  notOrganisations: string[];
  /** Last words of a body's name ("Group", "Panel"): a capitalised phrase ending in one names a body. */
  organisationNameHeads: string[];
  /** Capitalised words that do not start a body's name ("This", "More"). */
  organisationNameModifiersNot: string[];
  /** Words after a body's name that make it the title of a document ("report"). */
  organisationDocumentNouns: string[];
  titles: Title[];
  titlePatterns: TitlePattern[];
  rankPrefixes: Term[];
  honorifics: Honorifics;
  stages: Stages;
  peel: Peel;
  index: KnowledgeIndex;
}

type KnowledgeFiles = { [F in KnowledgeFileName]: KnowledgeFileData<F> };

/** Checks between files: force/organisation alias clashes, title org hints. Throws KnowledgeError. */
export function validateKnowledge(files: KnowledgeFiles): void {
  const issues: KnowledgeIssue[] = [];
  const forceTerms = new Map<string, { force: string; term: Term }[]>();
  for (const f of files['forces.yaml'].forces) {
    for (const { term } of namedTerms(f.name, f.aliases, 'aliases')) {
      const key = normaliseForMatch(term.text);
      forceTerms.set(key, [...(forceTerms.get(key) ?? []), { force: f.name, term }]);
    }
  }
  files['organisations.yaml'].organisations.forEach((o, i) => {
    for (const { term, path } of namedTerms(o.name, o.aliases, 'aliases')) {
      for (const other of forceTerms.get(normaliseForMatch(term.text)) ?? []) {
        if (termsClash(term, other.term)) {
          issues.push({
            file: 'organisations.yaml',
            path: formatPath(['organisations', i, ...path], files['organisations.yaml']),
            message: `"${term.text}" of organisation "${o.name}" is also a name or alias of the force "${other.force}" (forces.yaml)`,
          });
        }
      }
    }
  });
  const known = new Set([...files['forces.yaml'].forces.map((f) => f.name), ...files['organisations.yaml'].organisations.map((o) => o.name)].map((n) => normaliseForMatch(n)));
  files['titles.yaml'].titles.forEach((t, i) => {
    if (t.org !== undefined && !known.has(normaliseForMatch(t.org))) {
      issues.push({
        file: 'titles.yaml',
        path: formatPath(['titles', i, 'org'], files['titles.yaml']),
        message: `org "${t.org}" is not a canonical name in forces.yaml or organisations.yaml`,
      });
    }
  });
  if (issues.length) throw new KnowledgeError(issues);
}

function indexed<T>(text: string, term: Partial<Term>, source: IndexedTerm<T>['source'], target: T): IndexedTerm<T> {
  return {
    text,
    key: normaliseForMatch(text),
    caseKey: normaliseForMatch(text, { keepCase: true }),
    caseSensitive: term.caseSensitive ?? false,
    former: term.former ?? false,
    source,
    target,
  };
}

function namedIndexed<T>(name: string, terms: readonly Term[], source: IndexedTerm<T>['source'], target: T): IndexedTerm<T>[] {
  return namedTerms(name, terms, 'x').map(({ term, path }) => indexed(term.text, term, path.length ? source : 'name', target));
}

function longestFirst<T>(terms: IndexedTerm<T>[]): IndexedTerm<T>[] {
  const seen = new Set<string>();
  return terms
    .filter((t) => {
      const id = `${t.caseSensitive ? t.caseKey : t.key}\u0000${t.caseSensitive}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .sort((a, b) => b.key.length - a.key.length || a.key.localeCompare(b.key));
}

export function buildKnowledge(files: KnowledgeFiles): Knowledge {
  validateKnowledge(files);
  const forcesFile = files['forces.yaml'];
  const orgFile = files['organisations.yaml'];
  const titleFile = files['titles.yaml'];
  const honorifics = files['honorifics.yaml'];
  const stages = files['stages.yaml'];
  const peel = files['peel.yaml'];

  const dotted = new Set<string>(honorifics.abbreviations);
  for (const t of titleFile.titles) {
    for (const v of [t.title, ...t.variants.map((x) => x.text)]) {
      for (const token of v.split(/\s+/)) if (/^[\p{L}/]+\.$/u.test(token)) dotted.add(token);
    }
  }

  const index: KnowledgeIndex = {
    forceTerms: longestFirst(forcesFile.forces.flatMap((f) => namedIndexed(f.name, f.aliases, 'alias', f))),
    forcePlaceNames: longestFirst(forcesFile.forces.flatMap((f) => f.placeNames.map((p) => indexed(p, {}, 'placeName', f)))),
    organisationTerms: longestFirst(orgFile.organisations.flatMap((o) => namedIndexed(o.name, o.aliases, 'alias', o))),
    organisationGenericReferences: longestFirst(orgFile.organisations.flatMap((o) => o.genericReferences.map((g) => indexed(g.text, g, 'genericReference', o)))),
    titleTerms: longestFirst(titleFile.titles.flatMap((t) => namedIndexed(t.title, t.variants, 'variant', t))),
    stageTerms: longestFirst(stages.stages.flatMap((s) => s.synonyms.map((t) => indexed<StageName>(t.text, t, 'synonym', s.name)))),
    peelCues: longestFirst(peel.areas.flatMap((a) => a.cues.map((c) => indexed<PeelAreaName>(c, {}, 'synonym', a.name)))),
    nonTerminalAbbreviations: [...dotted],
  };

  return {
    forces: forcesFile.forces,
    placeNameFrames: forcesFile.placeNameFrames,
    placeListCues: forcesFile.placeListCues,
    forceNotFollowedBy: forcesFile.notFollowedBy,
    organisations: orgFile.organisations,
    organisationPatterns: orgFile.patterns,
    notOrganisations: orgFile.notOrganisations,
    organisationNameHeads: orgFile.nameHeads,
    organisationNameModifiersNot: orgFile.nameModifiersNot,
    organisationDocumentNouns: orgFile.documentNouns,
    titles: titleFile.titles,
    titlePatterns: titleFile.patterns,
    rankPrefixes: titleFile.rankPrefixes,
    honorifics,
    stages,
    peel,
    index,
  };
}

const DEFAULT_DIR = dirname(fileURLToPath(import.meta.url));

/** Reads, parses and validates one YAML file of `dir`. */
export function readKnowledgeFile<F extends KnowledgeFileName>(file: F, dir: string = DEFAULT_DIR): KnowledgeFileData<F> {
  const path = join(dir, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new KnowledgeError([{ file, path: '', message: `cannot read ${path}: ${(err as Error).message}` }]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    // Later syntax errors mostly follow from the first one: report that one.
    const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more after it)` : '';
    const hint = /flow-map|flow-seq/.test(first.message) ? '; a value starting with "{" or "[" must be quoted' : '';
    throw new KnowledgeError([{ file, path: '', line: lines.linePos(first.pos[0]).line, message: `YAML syntax: ${first.message.split('\n')[0]}${hint}${more}` }]);
  }
  return validateKnowledgeFile(file, doc.toJS(), { doc, lines });
}

let cached: Knowledge | undefined;

/**
 * All domain knowledge. The YAML files next to this module are read and
 * validated once and cached; pass `dir` to load another folder (not cached).
 */
export function loadKnowledge(options: { dir?: string } = {}): Knowledge {
  if (options.dir === undefined && cached) return cached;
  const dir = options.dir ?? DEFAULT_DIR;
  const issues: KnowledgeIssue[] = [];
  const files: Partial<Record<KnowledgeFileName, unknown>> = {};
  for (const file of KNOWLEDGE_FILES) {
    try {
      files[file] = readKnowledgeFile(file, dir);
    } catch (err) {
      if (err instanceof KnowledgeError) issues.push(...err.issues);
      else throw err;
    }
  }
  if (issues.length) throw new KnowledgeError(issues);
  const knowledge = buildKnowledge(files as KnowledgeFiles);
  if (options.dir === undefined) cached = knowledge;
  return knowledge;
}

// ----------------------------------------------------------------- lookups

function lookup<T>(terms: readonly IndexedTerm<T>[], surface: string): T | undefined {
  const tryOne = (s: string): T | undefined => {
    const key = normaliseForMatch(s);
    const caseKey = normaliseForMatch(s, { keepCase: true });
    return terms.find((t) => t.key === key && (!t.caseSensitive || t.caseKey === caseKey))?.target;
  };
  // Exact form first ("Barnardo's"), then without a possessive ("the Met's").
  return tryOne(surface) ?? (/'s?$/.test(normaliseForMatch(surface)) ? tryOne(surface.replace(/[’']s?\s*$/u, '')) : undefined);
}

/** The force a whole written form names ("the Met", "GMP", "Devon & Cornwall Police"), or undefined. */
export function resolveForce(surface: string, knowledge: Knowledge = loadKnowledge()): Force | undefined {
  return lookup(knowledge.index.forceTerms, surface);
}

/** The organisation a whole written form names ("Her Majesty's Inspectorate of Constabulary" -> HMICFRS). Generic references are not resolved. */
export function resolveOrganisation(surface: string, knowledge: Knowledge = loadKnowledge()): Organisation | undefined {
  return lookup(knowledge.index.organisationTerms, surface);
}

/** The title a whole written form is a variant of ("Det. Ch. Supt." -> Detective Chief Superintendent). */
export function resolveTitle(surface: string, knowledge: Knowledge = loadKnowledge()): Title | undefined {
  return lookup(knowledge.index.titleTerms, surface);
}

/**
 * Removes leading honorifics (with or without a dot, several in a row:
 * "The Rt Hon Sir") and trailing post-nominals ("KPM", ", QPM") from a
 * person's name. Honorifics must be capitalised as listed.
 */
export function stripHonorifics(name: string, knowledge: Knowledge = loadKnowledge()): string {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const hons = [...knowledge.honorifics.honorifics].sort((a, b) => b.length - a.length).map(escape);
  const posts = [...knowledge.honorifics.postNominals].sort((a, b) => b.length - a.length).map(escape);
  const lead = new RegExp(`^(?:${hons.join('|')})\\.?\\s+`, 'u');
  const trail = new RegExp(`(?:,?\\s+(?:${posts.join('|')}))+\\s*$`, 'u');
  let out = name.normalize('NFKC').replace(/\s+/g, ' ').trim();
  for (let prev = ''; prev !== out; ) {
    prev = out;
    out = out.replace(lead, ''); // needs a following word, so a name is never emptied
  }
  if (posts.length) out = out.replace(trail, '');
  return out.trim();
}

/**
 * Entries shaped like src/nlp/gazetteer.ts GazetteerEntry ({ canonical,
 * forms, caseSensitiveForms }) for forces, organisations or titles. The
 * canonical name is a form unless an alias with the same text is
 * case-sensitive (then only that alias).
 */
export function gazetteerEntries(
  kind: 'forces' | 'organisations' | 'titles',
  knowledge: Knowledge = loadKnowledge(),
): { canonical: string; forms: string[]; caseSensitiveForms: string[]; excludePhrases?: string[] }[] {
  const build = (canonical: string, terms: IndexedTerm<unknown>[]) => ({
    canonical,
    forms: terms.filter((t) => !t.caseSensitive && t.text !== canonical).map((t) => t.text),
    caseSensitiveForms: terms.filter((t) => t.caseSensitive).map((t) => t.text),
  });
  if (kind === 'forces') return knowledge.forces.map((f) => ({ ...build(f.name, namedIndexed(f.name, f.aliases, 'alias', f)), excludePhrases: f.excludePhrases }));
  if (kind === 'organisations') {
    return knowledge.organisations.map((o) => {
      const entry = build(o.name, namedIndexed(o.name, o.aliases, 'alias', o));
      const naming = o.namingReferences;
      return {
        ...entry,
        forms: [...entry.forms, ...naming.filter((t) => !t.caseSensitive).map((t) => t.text)],
        caseSensitiveForms: [...entry.caseSensitiveForms, ...naming.filter((t) => t.caseSensitive).map((t) => t.text)],
      };
    });
  }
  return knowledge.titles.map((t) => build(t.title, namedIndexed(t.title, t.variants, 'variant', t)));
}
