import { gazetteerEntries, loadKnowledge, type Knowledge } from '../knowledge/index.ts';
import { Gazetteer, type GazetteerEntry } from '../nlp/gazetteer.ts';
import { alternation, escape, fold } from '../util/text.ts';
import { loadNameVocabulary } from '../knowledge/names.ts';
import { loadQuoteVocabulary } from '../knowledge/quotes.ts';
import { buildAreaCues, type AreaCues } from './area-cues.ts';
import { buildQuoteLexicon, type QuoteLexicon } from './quote-lexicon.ts';

/**
 * The domain knowledge (src/knowledge/*.yaml) compiled once into the matchers
 * the extractors use. Nothing here knows a particular document.
 */
export interface StagePattern {
  regex: RegExp;
  change: 'entered' | 'exited';
  whenStage?: 'Engage' | 'Scan';
  means?: { stage: 'Engage' | 'Scan'; change: 'entered' | 'exited' };
  source: string;
}

/** A verb of escalation: its direction names the stage ("escalate the force": into Engage). */
export interface EscalationPattern {
  regex: RegExp;
  change: 'entered' | 'exited';
  /** The phrase holds its own object ("step down {gap} monitoring"); a bare verb needs a force beside it. */
  ownObject: boolean;
  source: string;
}

export interface ActPattern {
  act: 'decided' | 'recommended' | 'announced';
  regex: RegExp;
  source: string;
}

/** Characters that a case-insensitive Unicode regex matches to an ASCII letter but toLowerCase does not (long s, Kelvin sign). */
const FOLDS_TO_ASCII = /[\u017f\u212a]/;
/** The plain ASCII words of a stage phrase ("removed", "from" of "removed {gap} from {stage}"), lower case. */
function literalWords(pattern: { source: string }): string[] {
  return pattern.source
    .replace(/\{(?:stage|gap)\}/g, ' ')
    .split(/\s+/)
    .filter((w) => /^[A-Za-z-]+$/.test(w))
    .map((w) => w.toLowerCase());
}

/**
 * The stage, act and escalation patterns of `patterns` that may match `text`: those whose own
 * words are all in it. A substring test is far cheaper than the regex, and most sentences hold
 * none of a pattern's words.
 */
export function patternsThatMayMatch<P extends { source: string }>(patterns: readonly P[], text: string): readonly P[] {
  if (FOLDS_TO_ASCII.test(text)) return patterns;
  const index = wordIndexOf(patterns);
  const lower = text.toLowerCase();
  // Patterns share their words ("from", "the"): each word is looked for once (0 not yet, 1 found, 2 not found).
  const present = new Uint8Array(index.words.length);
  const out: P[] = [];
  next: for (const [i, p] of patterns.entries()) {
    for (const w of index.byPattern[i]!) {
      if (present[w] === 0) present[w] = lower.includes(index.words[w]!) ? 1 : 2;
      if (present[w] === 2) continue next;
    }
    out.push(p);
  }
  return out;
}

/** The distinct literal words of a list of patterns, and each pattern's as numbers into them: made once per list. */
function wordIndexOf(patterns: ReadonlyArray<{ source: string }>): { words: string[]; byPattern: number[][] } {
  let index = wordIndexes.get(patterns);
  if (!index) {
    const number = new Map<string, number>();
    const words: string[] = [];
    const byPattern = patterns.map((p) =>
      literalWords(p).map((w) => {
        let n = number.get(w);
        if (n === undefined) number.set(w, (n = words.push(w) - 1));
        return n;
      }),
    );
    index = { words, byPattern };
    wordIndexes.set(patterns, index);
  }
  return index;
}
const wordIndexes = new WeakMap<ReadonlyArray<{ source: string }>, { words: string[]; byPattern: number[][] }>();

/** The last words of the stage names, up to an apostrophe; none (no shortcut) if one has no such word. */
function stageEndWords(names: readonly string[]): string[] {
  const words = names.map((n) => (n.trim().split(/\s+/).pop() ?? '').toLowerCase().split(/['’]/)[0]!);
  return words.some((w) => w === '') ? [] : [...new Set(words)];
}

/** Whether `text` may hold a stage phrase: it holds a stage name's last word (or folds to ASCII otherwise than toLowerCase). */
export function mayNameStage(lexicon: Pick<Lexicon, 'stageEndWords'>, text: string): boolean {
  if (lexicon.stageEndWords.length === 0 || FOLDS_TO_ASCII.test(text)) return true;
  const lower = text.toLowerCase();
  return lexicon.stageEndWords.some((w) => lower.includes(w));
}

export interface Lexicon {
  knowledge: Knowledge;
  forces: Gazetteer;
  /** Bare place names of police areas ("Kent"), to the force: a force only in a list of forces or a policing frame. */
  forcePlaces: Gazetteer;
  /** Words that make a list of place names a list of forces ("forces", "special measures"). */
  placeListCue: RegExp;
  organisations: Gazetteer;
  titles: Gazetteer;
  /** The organisation a title belongs to, where it implies one ("HM Chief Inspector of Constabulary" -> HMICFRS). */
  titleOrganisation: ReadonlyMap<string, string>;
  /** Canonical name of the inspectorate: the default decider of stage changes. */
  inspectorate: string;
  /** "the inspectorate", "inspectors", "a watchdog": references to the inspectorate. */
  inspectorateReference: RegExp;
  honorificWords: ReadonlySet<string>;
  honorificBeforeName: RegExp;
  honorificAtStart: RegExp;
  abbreviations: ReadonlySet<string>;
  /** Words that are never part of a person's name. */
  notNameWords: ReadonlySet<string>;
  stagePatterns: StagePattern[];
  /** Change phrases whose stage is a pronoun ("came out of them"): read only after a sentence that names the stage. */
  stagePronounPatterns: StagePattern[];
  /** "in {stage}": a count of forces in a stage ("six forces are now in Engage"). */
  stageMemberships: RegExp[];
  /** Frames that make a later change wished-for ("it is important that"). */
  aspirations: RegExp;
  /** The stage a phrase names; `quoted` accepts any case of a case-sensitive name. */
  stageOf(phrase: string, quoted?: boolean): 'Engage' | 'Scan' | undefined;
  stagePhrase: RegExp;
  /**
   * A word every stage name ends with, lower case (a name's last word, up to an apostrophe): a text
   * holding none of them names no stage, and stagePhrase need not be run over it. Empty: no such word.
   */
  stageEndWords: readonly string[];
  hedges: RegExp;
  /** A hedge whose object comes before the change: "called for the force to be placed ...". */
  hedgedInfinitive: RegExp;
  actPatterns: ActPattern[];
  escalations: EscalationPattern[];
  /** Verbs of reaction to an act ("welcomed the decision"): their subject makes no act. */
  actReactions: RegExp;
  /** "made the decision", "announced its decision": a verb whose subject is the actor of the act noun after it, at the end of a text. */
  actMakerBefore: RegExp;
  /** "accepted her", "approved the": a verb that turns the recommendation after it into its subject's decision, at the end of a text. */
  recommendationAcceptanceBefore: RegExp;
  /** PEEL, polarity and process cues (peel.yaml), by first word. */
  areaCues: AreaCues;
  /** Reporting verbs and the other words that tell who is quoted (quotes.yaml). */
  quotes: QuoteLexicon;
}

let cached: Lexicon | undefined;

export function defaultLexicon(): Lexicon {
  cached ??= buildLexicon(loadKnowledge());
  return cached;
}

/** A vocabulary phrase as a regex source: flexible spaces, either apostrophe. */
function phraseSource(phrase: string): string {
  return phrase
    .trim()
    .split(/\s+/)
    .map((w) => escape(w).replace(/'/g, "['’]"))
    .join('\\s+');
}

const WORD_START = '(?<![\\p{L}\\p{N}])';
const WORD_END = '(?![\\p{L}\\p{N}])';

export function buildLexicon(knowledge: Knowledge): Lexicon {
  const forceEntries: GazetteerEntry[] = gazetteerEntries('forces', knowledge);
  // A place name counts as its force inside a frame: "Cleveland's police", "the Nottinghamshire force".
  for (const force of knowledge.forces) {
    const framed = force.placeNames.flatMap((place) => knowledge.placeNameFrames.map((frame) => frame.replace('{place}', place)));
    if (framed.length) forceEntries.push({ canonical: force.name, forms: framed });
  }
  const inspectorate = knowledge.organisations.find((o) => o.kind === 'inspectorate' && /HMICFRS/.test(o.name))?.name ?? 'HMICFRS';
  const inspectorateOrg = knowledge.organisations.find((o) => o.name === inspectorate);
  const genericRefs = [...(inspectorateOrg?.genericReferences ?? []), ...(inspectorateOrg?.namingReferences ?? [])].map((t) => t.text);

  const stageTerms = knowledge.stages.stages.flatMap((s) => s.synonyms.map((t) => ({ stage: s.name, text: t.text, caseSensitive: t.caseSensitive ?? false })));
  stageTerms.sort((a, b) => b.text.length - a.text.length);
  // Quoted stage names are common ("removed from ‘Engage’"): allow a quotation mark around the phrase.
  // Case-sensitive synonyms ("Engage", not the verb "engage") are matched loosely here and checked in stageOf.
  const stageAlternation = stageTerms.map((t) => phraseSource(t.text)).join('|');
  // A determiner may precede a stage name ("in the ‘Engage’ process", "under its enhanced monitoring process").
  // A possessive may stand before it too ("the watchdog's closest scrutiny").
  const stageGroup = `(?:(?:the|an?|its|our|their|(?:the\\s+)?\\p{L}+['’]s)\\s+)?["“‘']?(?<stage>${stageAlternation})["”’']?`;
  const gap = `(?:[^\\s.;:!?]+\\s+){0,${knowledge.stages.gapMaxTokens}}?`;
  const compile = (phrase: string, start = WORD_START, stage = stageGroup) => {
    const parts = phrase.split(/(\{stage\}|\{gap\})/).map((p) => p.trim()).filter(Boolean);
    let src = '';
    parts.forEach((p, i) => {
      src += p === '{stage}' ? stage : p === '{gap}' ? gap : phraseSource(p);
      // The gap consumes its own trailing space.
      if (i < parts.length - 1 && p !== '{gap}') src += '\\s+';
    });
    return new RegExp(`${start}${src}${WORD_END}`, 'giu');
  };
  const stagePatterns: StagePattern[] = [
    ...knowledge.stages.changes.entered.map((p) => ({ regex: compile(p), change: 'entered' as const, source: p })),
    ...knowledge.stages.changes.exited.map((p) => ({ regex: compile(p), change: 'exited' as const, source: p })),
    ...knowledge.stages.implied.map((i) => ({ regex: compile(i.phrase), change: i.means.change, whenStage: i.whenStage, means: i.means, source: i.phrase })),
  ];
  // "put in special measures in 2020 ... came out of them in 2022": the stage as a pronoun at the end of a change phrase.
  const stagePronounPatterns: StagePattern[] = (['entered', 'exited'] as const).flatMap((change) =>
    knowledge.stages.changes[change]
      .filter((p) => /^[^{]*\{stage\}$/.test(p.trim()))
      .map((p) => ({ regex: compile(p, WORD_START, `(?<stage>${knowledge.stages.stageReferences.map(phraseSource).join('|')})`), change, source: p })),
  );
  const stageLookup = new Map<string, 'Engage' | 'Scan'>();
  const stageLookupSensitive = new Map<string, 'Engage' | 'Scan'>();
  for (const t of stageTerms) {
    if (t.caseSensitive) stageLookupSensitive.set(fold(t.text, 'casedKey'), t.stage);
    else stageLookup.set(fold(t.text, 'key'), t.stage);
  }

  const actPatterns: ActPattern[] = (['decided', 'recommended', 'announced'] as const).flatMap((act) =>
    knowledge.stages.decisions[act].map((p) => ({ act, regex: compile(p), source: p })),
  );

  // "escalated" is no word of its own inside "de-escalated".
  const escalations: EscalationPattern[] = (['entered', 'exited'] as const).flatMap((change) =>
    knowledge.stages.escalations[change].map((p) => ({ change, regex: compile(p, '(?<![\\p{L}\\p{N}-])'), ownObject: p.includes('{gap}'), source: p })),
  );
  const stageWords = (words: string[]) => words.map(phraseSource).join('|') || '(?!)';

  const honorifics = knowledge.honorifics.honorifics;
  const honorificAlternation = alternation(honorifics, phraseSource);
  const abbreviations = new Set(knowledge.index.nonTerminalAbbreviations.map((a) => a.toLowerCase()));

  const notNameWords = new Set<string>([
    ...loadNameVocabulary().notNameWords,
    ...stageTerms.map((t) => t.text.toLowerCase()).filter((t) => !t.includes(' ')),
  ]);


  return {
    knowledge,
    forces: new Gazetteer(forceEntries, { notFollowedBy: knowledge.forceNotFollowedBy }),
    forcePlaces: new Gazetteer(
      knowledge.forces.map((f) => ({ canonical: f.name, forms: [], caseSensitiveForms: f.placeNames })),
      { notFollowedBy: knowledge.forceNotFollowedBy },
    ),
    placeListCue: new RegExp(`${WORD_START}(?:${knowledge.placeListCues.map(phraseSource).join('|') || '(?!)'})${WORD_END}`, 'iu'),
    organisations: new Gazetteer(gazetteerEntries('organisations', knowledge)),
    titles: new Gazetteer(gazetteerEntries('titles', knowledge)),
    titleOrganisation: new Map(
      knowledge.titles
        .filter((t) => t.org !== undefined && knowledge.organisations.some((o) => o.name === t.org))
        .map((t) => [t.title, t.org!] as const),
    ),
    inspectorate,
    inspectorateReference: new RegExp(
      `${WORD_START}(?:${alternation(genericRefs, phraseSource)})${WORD_END}`,
      'giu',
    ),
    honorificWords: new Set(honorifics.map((h) => h.toLowerCase())),
    honorificBeforeName: new RegExp(`${WORD_START}(?:${honorificAlternation})\\.?\\s+(?=[A-Z])`, 'gu'),
    honorificAtStart: new RegExp(`^(?:${honorificAlternation})\\.?\\s+(?=[A-Z])`, 'u'),
    abbreviations,
    notNameWords,
    stagePatterns,
    stagePronounPatterns,
    stageMemberships: knowledge.stages.memberships.map((p) => compile(p)),
    aspirations: new RegExp(`${WORD_START}(?:${knowledge.stages.aspirations.map(phraseSource).join('|') || '(?!)'})${WORD_END}`, 'iu'),
    stageOf(phrase, quoted = false) {
      const key = fold(phrase.replace(/^["“‘']|["”’']$/g, ''), 'casedKey');
      const exact = stageLookupSensitive.get(key) ?? stageLookup.get(key.toLowerCase());
      if (exact || !quoted) return exact;
      return [...stageLookupSensitive.entries()].find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
    },
    stagePhrase: new RegExp(`${WORD_START}${stageGroup}${WORD_END}`, 'giu'),
    stageEndWords: stageEndWords(stageTerms.map((t) => t.text)),
    hedges: new RegExp(`${WORD_START}(?:${knowledge.stages.hedges.map(phraseSource).join('|')})(?:\\s+\\S+){0,2}\\s*$`, 'iu'),
    hedgedInfinitive: new RegExp(`${WORD_START}(?:${knowledge.stages.hedges.map(phraseSource).join('|')})(?:\\s+\\S+){0,5}\\s+to(?:\\s+be)?\\s*$`, 'iu'),
    actPatterns,
    escalations,
    actReactions: new RegExp(`${WORD_START}(?:${stageWords(knowledge.stages.actReactions)})${WORD_END}`, 'iu'),
    actMakerBefore: new RegExp(
      `${WORD_START}(?:${stageWords(knowledge.stages.actMakers)})\\s+(?:(?:the|this|that|its|their|his|her|our|my|a|an)\\s+)?(?:[\\p{L}-]+\\s+){0,2}$`,
      'iu',
    ),
    recommendationAcceptanceBefore: new RegExp(
      `${WORD_START}(?<verb>${stageWords(knowledge.stages.recommendationAcceptances)})\\s+(?:[\\p{L}'’-]+\\s+){0,3}$`,
      'iu',
    ),
    areaCues: buildAreaCues(knowledge.peel),
    quotes: buildQuoteLexicon(loadQuoteVocabulary()),
  };
}
