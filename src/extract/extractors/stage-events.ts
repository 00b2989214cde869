import type { MentionOf } from '../../model/mention.ts';
import type { Sentence } from '../../nlp/sentences.ts';
import { keepNonOverlapping, overlaps } from '../../util/spans.ts';
import { mostFrequent, primaryForce, type ExtractionInput, type Extractor, type FoundMentions } from '../context.ts';
import { mayNameStage, patternsThatMayMatch, type StagePattern } from '../lexicon.ts';
import { wordsOf } from '../../util/text.ts';
import { allMatches } from '../../util/regex.ts';

/**
 * A force entering or leaving a monitoring stage: a change phrase from the
 * stage vocabulary ("was moved into Engage", "removed ... from enhanced
 * monitoring", "special measures have been lifted") in a sentence that names
 * the force or refers back to it ("the force", "it": the nearest force named
 * before). A list of forces ("A, B and C were placed ...") gives each its
 * event, and so does a count of forces ("six forces are now in Engage") whose
 * members the next sentences name. Hedged, wished-for, generic sentences and
 * questions ("forces may be escalated to Engage") state no event. The date is
 * the one attached to the phrase in the same clause, at its own precision.
 */
export const stageEventExtractor: Extractor = {
  name: 'stage-events',
  extract(input, found) {
    const out: MentionOf<'stageEvent'>[] = [];
    const mainForce = primaryForce(found);
    const withoutHits: Sentence[] = [];
    for (const [index, sentence] of input.sentences.entries()) {
      if (/\?["”’']?\s*$/.test(sentence.text)) continue;
      const counted = countedForces(input, found, index);
      const hits = matchStagePatterns(input, sentence);
      for (const h of escalationHits(input, found, sentence)) if (!hits.some((k) => overlaps(k, h))) hits.push(h);
      if (hits.length === 0 && counted.length > 0) hits.push(...membershipHits(input, sentence));
      if (hits.length === 0) hits.push(...stagePronounHits(input, index));
      if (hits.length === 0) withoutHits.push(sentence);
      for (const hit of hits) {
        if (isGenericStatement(input.document.text, sentence, hit)) continue;
        const forces = forcesFor(input, found, sentence, hit, mainForce, counted);
        const date = forces.length ? (dateFor(input, found, sentence, hit) ?? headingDate(input, found, hit)) : undefined;
        for (const force of forces) out.push({
          kind: 'stageEvent',
          force,
          stage: hit.stage,
          change: hit.change,
          date: date?.value ?? null,
          datePrecision: date?.precision ?? null,
          tense: tenseOf(input.document.text, sentence.start, hit.start),
          start: hit.start,
          end: hit.end,
          extractor: 'stage-events',
        });
      }
    }
    // A listed line that states its own change was read as a sentence.
    const listed = listedForces(input, found).filter((e) => !out.some((o) => o.start >= e.start && o.end <= e.end));
    return [...out, ...listed, ...datedBackReferences(input, found, withoutHits, out)];
  },
};

const LIST_BULLET = /^(?:[•·▪◦‣∙*■□●○►▸➤]|[-–—](?=\s))\s*/u;

/**
 * "The forces now in Engage are:" / "- Thames Valley Police (since June
 * 2023)": bullet lines that each open on a force, after an intro that states
 * a change or membership of a stage (a pronoun stage, "the forces that have
 * left it:", refers back to a stage named in the sentences before). Each
 * listed force takes the intro's change, dated by the first date of its own
 * line; a line that states its own change is read as a sentence.
 */
function listedForces(input: ExtractionInput, found: FoundMentions): MentionOf<'stageEvent'>[] {
  const { paragraphs, sentences } = input;
  const out: MentionOf<'stageEvent'>[] = [];
  for (let i = 1; i < paragraphs.length; i++) {
    const intro = paragraphs[i - 1]!;
    if (!intro.text.trimEnd().endsWith(':') || !LIST_BULLET.test(paragraphs[i]!.text)) continue;
    const introIndex = sentences.filter((s) => s.start < intro.end && intro.start < s.end).pop()?.index ?? -1;
    const introSentence = sentences[introIndex];
    if (!introSentence || /\?/.test(introSentence.text)) continue;
    const hits = [...matchStagePatterns(input, introSentence), ...membershipHits(input, introSentence)];
    if (hits.length === 0) hits.push(...stagePronounHits(input, introIndex, 4));
    const hit = hits.sort((a, b) => b.start - a.start)[0];
    if (!hit || isHedged(input.document.text, introSentence.start, hit.start, input.lexicon.hedges)) continue;
    for (let j = i; j < paragraphs.length && LIST_BULLET.test(paragraphs[j]!.text); j++) {
      const line = paragraphs[j]!;
      const opening = line.start + line.text.match(LIST_BULLET)![0].length;
      const force = found.of('force').find((f) => f.start >= opening && f.start <= opening + 4 && f.end <= line.end);
      if (!force) continue;
      const date = found.of('date').find((d) => d.start >= force.end && d.end <= line.end);
      out.push({
        kind: 'stageEvent',
        force: force.name,
        stage: hit.stage,
        change: hit.change,
        date: date?.value ?? null,
        datePrecision: date?.precision ?? null,
        tense: 'past',
        start: line.start,
        end: line.end,
        extractor: 'stage-events',
      });
    }
  }
  return out;
}

/** Future when a modal of the future stands just before the change ("will enter", "is to be placed"). */
function tenseOf(text: string, floor: number, at: number): 'past' | 'future' {
  const before = text.slice(Math.max(floor, at - 30), at);
  return /\b(?:will|shall|(?:is|are)\s+(?:due|set|going)\s+to|(?:is|are)\s+to)\s+(?:\w+\s+){0,2}$/i.test(before) ? 'future' : 'past';
}

/**
 * A structured page puts the date on its own line under the heading:
 * "Moved out of Engage" / "September 2023".
 */
function headingDate(input: ExtractionInput, found: FoundMentions, hit: StageHit): MentionOf<'date'> | undefined {
  const i = input.paragraphs.findIndex((p) => p.start <= hit.start && hit.end <= p.end);
  const heading = input.paragraphs[i];
  const next = input.paragraphs[i + 1];
  if (!heading || !next || wordsOf(heading.text).length > 8) return undefined;
  return found.of('date').find((d) => d.start === next.start && d.end === next.end);
}

const BACK_REFERENCE_NOUN = /\b(?:the|this|that|today['’]s)\s+(?:move|decision|announcement|change|removal|escalation)\b/gi;

/**
 * "HMICFRS announced the move on Monday", "Making the announcement today": a
 * sentence that dates the document's main stage change without naming it.
 */
function datedBackReferences(input: ExtractionInput, found: FoundMentions, sentences: Sentence[], events: MentionOf<'stageEvent'>[]): MentionOf<'stageEvent'>[] {
  const main = mostFrequent(events);
  if (!main) return [];
  const out: MentionOf<'stageEvent'>[] = [];
  for (const sentence of sentences) {
    const text = input.document.text.slice(sentence.start, sentence.end);
    for (const m of allMatches(text, BACK_REFERENCE_NOUN)) {
      const start = sentence.start + m.index;
      const hit = { start, end: start + m[0].length } as StageHit;
      const date = dateFor(input, found, sentence, hit);
      if (!date) continue;
      out.push({ ...main, date: date.value, datePrecision: date.precision, start: hit.start, end: hit.end, extractor: 'stage-events' });
      break;
    }
  }
  return out;
}

export interface StageHit {
  start: number;
  end: number;
  stage: 'Engage' | 'Scan';
  change: 'entered' | 'exited';
  pattern: StagePattern;
}

/** All change phrases in a sentence, longest first where they overlap. */
export function matchStagePatterns(input: ExtractionInput, sentence: Sentence): StageHit[] {
  // Asked again of the same sentence by counted forces, listed forces and the areas' lists.
  return [...oncePerSentence(stageHitsOf, input, sentence, stagePatternHits)];
}

const stageHitsOf = new WeakMap<ExtractionInput, Map<Sentence, StageHit[]>>();

/** `compute` of a sentence of a document's input, worked out once and kept in `cache`. */
function oncePerSentence<T>(cache: WeakMap<ExtractionInput, Map<Sentence, T>>, input: ExtractionInput, sentence: Sentence, compute: (input: ExtractionInput, sentence: Sentence) => T): T {
  let bySentence = cache.get(input);
  if (!bySentence) cache.set(input, (bySentence = new Map()));
  let value = bySentence.get(sentence);
  if (value === undefined) bySentence.set(sentence, (value = compute(input, sentence)));
  return value;
}

function stagePatternHits(input: ExtractionInput, sentence: Sentence): StageHit[] {
  const { document, lexicon } = input;
  const hits: StageHit[] = [];
  // Every change phrase holds a stage phrase, word-bounded: most sentences have none, and then no pattern can match.
  if (stagesNamedIn(input, sentence).length === 0) return hits;
  const patterns = patternsThatMayMatch(lexicon.stagePatterns, sentence.text);
  if (patterns.length === 0) return hits;
  for (const pattern of patterns) {
    pattern.regex.lastIndex = 0;
    for (const m of allMatches(sentence.text, pattern.regex)) {
      const stagePhrase = m.groups?.stage ?? '';
      // A stage name in quotation marks is a name whatever its case ("the “engage” process").
      const at = m.index + m[0].indexOf(stagePhrase);
      const quoted = /["“‘']$/.test(sentence.text.slice(0, at));
      const stage = lexicon.stageOf(stagePhrase, quoted);
      if (!stage) continue;
      if (pattern.whenStage && pattern.whenStage !== stage) continue;
      const start = sentence.start + m.index;
      const end = start + m[0].length;
      if (isHedged(document.text, sentence.start, start, lexicon.hedges) || isHedged(document.text, sentence.start, start, lexicon.hedgedInfinitive, 70)) continue;
      if (lexicon.aspirations.test(document.text.slice(sentence.start, start))) continue;
      hits.push({ start, end, stage: pattern.means?.stage ?? stage, change: pattern.means?.change ?? pattern.change, pattern });
    }
  }
  return keepNonOverlapping(hits);
}

/** The stages the stage phrases of a sentence name ("Engage" for "enhanced monitoring"), read once per sentence. */
function stagesNamedIn(input: ExtractionInput, sentence: Sentence): ReadonlyArray<string | undefined> {
  return oncePerSentence(stagesNamed, input, sentence, ({ lexicon }, { text }) => {
    lexicon.stagePhrase.lastIndex = 0;
    return mayNameStage(lexicon, text) ? allMatches(text, lexicon.stagePhrase).map((m) => lexicon.stageOf(m.groups?.stage ?? '')) : [];
  });
}
const stagesNamed = new WeakMap<ExtractionInput, Map<Sentence, Array<string | undefined>>>();

/**
 * "It was put in special measures in 2020 and came out of them in 2022": a
 * change phrase whose stage is a pronoun, in a sentence that names Engage or
 * follows one that does. The pronoun must end its clause ("left it to the
 * council" is something else).
 */
function stagePronounHits(input: ExtractionInput, index: number, lookBack = 1): StageHit[] {
  const { document, lexicon, sentences } = input;
  const sentence = sentences[index]!;
  // The cheaper test first: this sentence or the one before names Engage (read once per sentence).
  const namesEngage = (s: Sentence) => stagesNamedIn(input, s).includes('Engage');
  if (!sentences.slice(Math.max(0, index - lookBack), index + 1).some(namesEngage)) return [];
  const patterns = patternsThatMayMatch(lexicon.stagePronounPatterns, sentence.text);
  if (patterns.length === 0) return [];
  const hits: StageHit[] = [];
  for (const pattern of patterns) {
    pattern.regex.lastIndex = 0;
    for (const m of allMatches(sentence.text, pattern.regex)) {
      const start = sentence.start + m.index;
      const end = start + m[0].length;
      if (!/^\s*(?:$|[.,;:–—)]|(?:in|on|at|after|since|during|last|this|earlier|later|when|and|but)\b)/i.test(document.text.slice(end, sentence.end))) continue;
      if (isHedged(document.text, sentence.start, start, lexicon.hedges) || lexicon.aspirations.test(document.text.slice(sentence.start, start))) continue;
      if (hits.some((h) => h.start < end && start < h.end)) continue;
      hits.push({ start, end, stage: 'Engage', change: pattern.change, pattern });
    }
  }
  return hits;
}

/**
 * "decided to escalate the force", "recommended that it be de-escalated",
 * "step down the level of monitoring": a verb of escalation, whose direction
 * names the stage. A bare verb counts only with a force as its object or
 * passive subject ("concerns were escalated" is about something else).
 */
function escalationHits(input: ExtractionInput, found: FoundMentions, sentence: Sentence): StageHit[] {
  const { document, lexicon } = input;
  const hits: StageHit[] = [];
  const forces = found.of('force').filter((f) => f.start >= sentence.start && f.end <= sentence.end);
  for (const p of patternsThatMayMatch(lexicon.escalations, sentence.text)) {
    p.regex.lastIndex = 0;
    for (const m of allMatches(sentence.text, p.regex)) {
      const start = sentence.start + m.index;
      const end = start + m[0].length;
      if (!p.ownObject && !forceBeside(document.text, forces, sentence.start, start, end)) continue;
      if (isHedged(document.text, sentence.start, start, lexicon.hedges) || isHedged(document.text, sentence.start, start, lexicon.hedgedInfinitive, 70)) continue;
      if (lexicon.aspirations.test(document.text.slice(sentence.start, start))) continue;
      if (hits.some((h) => h.start < end && start < h.end)) continue;
      hits.push({ start, end, stage: 'Engage', change: p.change, pattern: { regex: p.regex, change: p.change, source: 'escalation' } });
    }
  }
  return hits;
}

/** A reference to a force that a verb can take: "the force", "it", "them". */
const FORCE_REFERENCE = /^(?:the\s+(?:force|constabulary|service)|it|them|they)(?![\p{L}\p{N}])/iu;
/** What may stand between a passive subject and its verb: auxiliaries, a form of "be", a few adverbs. */
const PASSIVE_LINK = /^\s+(?:(?:has|have|had|will|would|shall|should|is|are|to|now|then|also|formally|since|recently|subsequently|later|that)\s+)*(?:was|were|is|are|be|been|being)\s+(?:(?:now|then|also|formally|subsequently|later)\s+)?$/i;

/** A force (named or referred to) as the object after the verb ("escalate the force") or its passive subject ("it be de-escalated"). */
function forceBeside(text: string, forces: MentionOf<'force'>[], floor: number, start: number, end: number): boolean {
  const objectAt = end + /^\s*(?:of\s+)?/.exec(text.slice(end, end + 10))![0].length;
  if (objectAt > end && (FORCE_REFERENCE.test(text.slice(objectAt, objectAt + 20)) || forces.some((f) => f.start === objectAt))) return true;
  const before = text.slice(Math.max(floor, start - 60), start);
  for (const subject of allMatches(before, /(?<![\p{L}\p{N}])(?:the\s+force|it|they)(?=\s)/giu)) {
    if (PASSIVE_LINK.test(before.slice(subject.index + subject[0].length))) return true;
  }
  return forces.some((f) => f.end <= start && PASSIVE_LINK.test(text.slice(f.end, start)));
}


function isHedged(text: string, floor: number, at: number, hedges: RegExp, reach = 40): boolean {
  const window = text.slice(Math.max(floor, at - reach), at);
  const hedge = hedges.exec(window);
  if (!hedge) return false;
  // "was told it would be taken out of ...", "said the force would enter ...": a future reported, not a hypothesis,
  // unless a condition follows ("would be placed in Engage if ...").
  if (/^would\b/i.test(hedge[0]) && REPORTED_FUTURE.test(text.slice(floor, Math.max(floor, at - reach) + hedge.index))) {
    const sentenceEnd = text.slice(at).search(/[.!?](?:\s|$)/);
    // Another hedge after it still holds ("would not be").
    return hedges.test(window.slice(hedge.index + 'would'.length)) || /\b(?:if|unless)\b/i.test(text.slice(at, sentenceEnd < 0 ? undefined : at + sentenceEnd));
  }
  return true;
}

/** A reporting verb with its subject clause before "would": "told it", "said that the force", "announced Kent Police". */
const REPORTED_FUTURE = /\b(?:said|says|told|confirmed|confirms|announced|announces|informed|revealed|stated|added|explained|learned|learnt|expected|understood)\s+(?:that\s+)?(?:[\p{L}’'-]+\s+){0,4}$/iu;

const GENERIC = /\b(?:all|other|some|many|several|most)\s+(?:police\s+)?forces\b|\b(?:a|any|each|every)\s+(?:police\s+)?force\b|\bpolice forces\b|^\W*forces\b/i;

/**
 * A statement of how the process works, not of an event: a present-tense
 * passive with a condition ("forces are moved into Engage when ...").
 */
function isGenericStatement(text: string, sentence: Sentence, hit: StageHit): boolean {
  const before = text.slice(Math.max(sentence.start, hit.start - 25), hit.start);
  const after = text.slice(hit.end, sentence.end);
  return /\b(?:is|are)\s+(?:(?:then|usually|normally|only|typically)\s+)?$/i.test(before) && /(?:^|[\s,–—-])(?:when|if|once|where|unless)\b/i.test(after);
}

/** Words that may join the forces of one list: "A, B and C", "A as well as B". */
const LIST_JOIN = /^\s*(?:,|;|and|&|as well as|plus|or)?(?:\s*(?:,|and|&|or))?\s*$/i;
const COUNTED = /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+(?:(?:other|more|police|of\s+the)\s+)*forces\b/i;

/** The force mentions joined to `seed` in one list, in text order. */
function coordinated(text: string, forces: MentionOf<'force'>[], seed: MentionOf<'force'>): MentionOf<'force'>[] {
  const sorted = [...forces].sort((a, b) => a.start - b.start);
  let i = sorted.indexOf(seed);
  let j = i;
  while (i > 0 && LIST_JOIN.test(text.slice(sorted[i - 1]!.end, sorted[i]!.start))) i--;
  while (j < sorted.length - 1 && LIST_JOIN.test(text.slice(sorted[j]!.end, sorted[j + 1]!.start))) j++;
  return sorted.slice(i, j + 1);
}

/**
 * "Six forces are now in Engage ... The forces are A, B and C": a sentence
 * that counts forces, and the forces it or the next two sentences list.
 */
function countedForces(input: ExtractionInput, found: FoundMentions, index: number): MentionOf<'force'>[] {
  const sentence = input.sentences[index]!;
  if (!COUNTED.test(sentence.text)) return [];
  const within = (s: Sentence) => found.of('force').filter((f) => f.start >= s.start && f.end <= s.end);
  const listed = [...within(sentence)];
  for (const next of input.sentences.slice(index + 1, index + 3)) {
    const named = within(next);
    // A list of its own, in a sentence that states no change of its own.
    if (named.length >= 2 && matchStagePatterns(input, next).length === 0) listed.push(...named);
  }
  return listed;
}

/** "in its Engage phase" in a sentence that counts forces: each listed force entered the stage. */
function membershipHits(input: ExtractionInput, sentence: Sentence): StageHit[] {
  const hits: StageHit[] = [];
  for (const regex of input.lexicon.stageMemberships) {
    regex.lastIndex = 0;
    for (const m of allMatches(sentence.text, regex)) {
      const stage = input.lexicon.stageOf(m.groups?.stage ?? '');
      const start = sentence.start + m.index;
      if (stage !== 'Engage' || isHedged(input.document.text, sentence.start, start, input.lexicon.hedges)) continue;
      if (hits.some((h) => h.start < start + m[0].length && start < h.end)) continue;
      hits.push({ start, end: start + m[0].length, stage, change: 'entered', pattern: { regex, change: 'entered', source: 'membership' } });
    }
  }
  return hits;
}

/**
 * The forces a change is about. In the sentence: the force inside the phrase
 * ("moved the Met into"), else the subject before it, else the first after;
 * with every force listed beside it. A sentence that counts forces adds the
 * forces it lists. With no force named, a reference back ("the force", "it")
 * is to the nearest force named before, unless the sentence speaks of forces
 * in general.
 */
function forcesFor(
  input: ExtractionInput,
  found: FoundMentions,
  sentence: Sentence,
  hit: StageHit,
  mainForce: string | undefined,
  counted: MentionOf<'force'>[],
): string[] {
  const text = input.document.text;
  const all = found.of('force');
  const inSentence = all.filter((f) => f.start >= sentence.start && f.end <= sentence.end);
  const names = (ms: MentionOf<'force'>[]) => [...new Set(ms.map((m) => m.name))];
  if (counted.length > 0) return names(counted);
  if (inSentence.length > 0) {
    const inside = inSentence.find((f) => f.start >= hit.start && f.end <= hit.end);
    const before = inSentence.filter((f) => f.end <= hit.start);
    const seed = inside ?? before[before.length - 1] ?? inSentence[0]!;
    return names(coordinated(text, inSentence, seed));
  }
  if (GENERIC.test(text.slice(sentence.start, sentence.end))) return [];
  const earlier = all.filter((f) => f.end <= sentence.start).sort((a, b) => a.end - b.end);
  const nearest = earlier[earlier.length - 1]?.name ?? mainForce;
  return nearest ? [nearest] : [];
}

function dateFor(input: ExtractionInput, found: FoundMentions, sentence: Sentence, hit: StageHit): MentionOf<'date'> | undefined {
  const text = input.document.text;
  const dates = found.of('date').filter((d) => d.start >= sentence.start && d.end <= sentence.end);
  let best: { d: MentionOf<'date'>; distance: number } | undefined;
  for (const d of dates) {
    const [from, to] = d.end <= hit.start ? [d.end, hit.start] : [hit.end, d.start];
    // Names may hold commas of their own ("Inspectorate of Constabulary, Fire & Rescue Services"): blank them first.
    let between = to > from ? text.slice(from, to) : '';
    for (const n of [...found.of('organisation'), ...found.of('person'), ...found.of('force')]) {
      if (n.start >= from && n.end <= to) between = between.slice(0, n.start - from) + ' '.repeat(n.end - n.start) + between.slice(n.end - from);
    }
    // A date across a clause boundary belongs to something else ("after the inspection in May 2019, it will enter"),
    // unless it opens the sentence and so dates its main verb ("In June 2022 HMICFRS placed the Met under ...").
    const opensSentence = d.end <= hit.start && /^\W*(?:(?:in|on|by|from|since|during)\s+)?$/i.test(text.slice(sentence.start, d.start));
    if (!opensSentence && /[,;:–—]/.test(withoutAppositives(between))) continue;
    // A date of another event in between ("after a revisit in December 2024", "following the inspection in May").
    if (/\b(?:inspections?|re-?inspection|report|review|re-?visit|visit|letter|published|after|following|before)\b/i.test(between)) continue;
    const distance = between.length + (d.end <= hit.start ? 5 : 0);
    if (!best || distance < best.distance) best = { d, distance };
  }
  return best?.d ?? announcedOn(input, dates, hit) ?? happeningToday(input, found, sentence, hit);
}

/** "X is being placed in special measures": a change under way as the text is written takes the text's "today". */
function happeningToday(input: ExtractionInput, found: FoundMentions, sentence: Sentence, hit: StageHit): MentionOf<'date'> | undefined {
  if (!/\b(?:is|are)\s+(?:now\s+)?being\s+$/i.test(input.document.text.slice(Math.max(sentence.start, hit.start - 30), hit.start))) return undefined;
  return found.of('date').find((d) => /^today\b/i.test(d.text));
}

/** A name set off by commas ("by the watchdog, HMICFRS, in 2022") is no clause boundary: with names blanked it leaves ", ,". */
function withoutAppositives(between: string): string {
  return between.replace(/\([^)]*\)/g, '').replace(/,\s*,/g, ' ');
}

/** "..., the inspectorate announced on Wednesday": the announcement dates the change it reports. */
function announcedOn(input: ExtractionInput, dates: MentionOf<'date'>[], hit: StageHit): MentionOf<'date'> | undefined {
  return dates.find(
    (d) => d.start >= hit.end && /\b(?:announced|confirmed|said|decided)\s+(?:on\s+|this\s+)?$/i.test(input.document.text.slice(Math.max(hit.end, d.start - 30), d.start)),
  );
}
