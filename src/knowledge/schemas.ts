/**
 * The shape of each knowledge file (zod schemas) and the types read from them,
 * with the rules within one file: unique names, no alias shared by two
 * entries, known placeholders only.
 *
 * Placeholder syntax shared by the YAML files: `{name}` inside a phrase
 * stands for a slot filled from the text. Known slots: {place} {force} {org}
 * {title} {rank} {portfolio} {stage} {gap}; each file says which it allows
 * (see the file headers) and the schema rejects any other.
 */
import { z } from 'zod';
import { fold } from '../util/text.ts';
import { formatPath, type PathPart } from './errors.ts';
import { allMatches } from '../util/regex.ts';

const KNOWN_SLOTS = ['place', 'force', 'org', 'title', 'rank', 'portfolio', 'stage', 'gap'] as const;
export type PatternSlot = (typeof KNOWN_SLOTS)[number];

function slotsOf(form: string): string[] {
  return allMatches(form, /\{([^}]*)\}/g).map((m) => m[1] ?? '');
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
    const names = new Set(file.organisations.map((o) => fold(o.name, 'key')));
    file.organisations.forEach((o, i) => {
      if (o.partOf !== undefined && !names.has(fold(o.partOf, 'key'))) {
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
        const key = fold(p, 'key');
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
        const key = fold(c, 'key');
        const owner = cueOwner.get(key);
        if (owner !== undefined && owner !== a.name) {
          ctx.addIssue({ code: 'custom', path: ['areas', i, 'cues', j], message: `cue "${c}" is also a cue of "${owner}"` });
        }
        cueOwner.set(key, a.name);
      }),
    );
    const concern = new Set(file.polarity.concern.map((c) => fold(c, 'key')));
    file.polarity.improved.forEach((c, i) => {
      if (concern.has(fold(c, 'key'))) ctx.addIssue({ code: 'custom', path: ['polarity', 'improved', i], message: `"${c}" is listed as both concern and improved` });
    });
  });
export type Peel = z.output<typeof PeelFileSchema>;
export type PeelArea = Peel['areas'][number];

export const FILE_SCHEMAS = {
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

type Ctx = z.RefinementCtx;

function plain(text: string): Term {
  return { text, caseSensitive: false, former: false };
}

/** The name as a term plus the aliases; an alias with the name's text (any case) overrides the name's case rule. */
export function namedTerms(name: string, aliases: readonly Term[], field: string): { term: Term; path: PathPart[] }[] {
  const nameKey = fold(name, 'key');
  const out: { term: Term; path: PathPart[] }[] = [];
  if (!aliases.some((a) => fold(a.text, 'key') === nameKey)) out.push({ term: plain(name), path: [] });
  aliases.forEach((a, j) => out.push({ term: a, path: [field, j] }));
  return out;
}

function uniqueNames<T>(items: readonly T[], nameOf: (t: T) => string, base: PathPart[], ctx: Ctx): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const key = fold(nameOf(item), 'key');
    const first = seen.get(key);
    if (first !== undefined) ctx.addIssue({ code: 'custom', path: [...base, i], message: `"${nameOf(item)}" is listed twice (also at ${formatPath([...base, first])})` });
    else seen.set(key, i);
  });
}

/** Two terms clash when they would match the same text: same key, unless both are case-sensitive with different cases. */
export function termsClash(a: Term, b: Term): boolean {
  if (fold(a.text, 'key') !== fold(b.text, 'key')) return false;
  if (a.caseSensitive && b.caseSensitive) return fold(a.text, 'casedKey') === fold(b.text, 'casedKey');
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
      const key = fold(t.term.text, 'key');
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
