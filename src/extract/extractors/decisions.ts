import type { ActorKind, MentionOf } from '../../model/mention.ts';
import type { Sentence } from '../../nlp/sentences.ts';
import { keepNonOverlapping, leftmostLongest } from '../../util/spans.ts';
import { mostFrequent, type ExtractionInput, type Extractor, type FoundMentions } from '../context.ts';
import { patternsThatMayMatch } from '../lexicon.ts';
import { isSpaceCode } from '../../util/text.ts';
import { allMatches } from '../../util/regex.ts';

/**
 * Who decided, recommended or announced a stage change. The act comes from
 * the decision vocabulary (verbs and nouns: "has decided", "recommended", "the
 * announcement") or from the change verb itself in the active voice ("HMICFRS
 * has removed the Met from Engage") or with an agent ("removed ... by
 * inspectors"). The actor is the agent after the cue ("by", "from", "of"),
 * else the subject before it; "I" and "we" are a quotation's speaker, or in a
 * letter its signer and the signer's body. An act governs the changes its
 * sentence states (each force of a list), or, with none, a change it points
 * back to ("announced the move"); an unrelated "decided" gives nothing.
 */
export const decisionExtractor: Extractor = {
  name: 'decisions',
  extract(input, found) {
    const out: Found[] = [];
    const allEvents = found.of('stageEvent');
    const main = mostFrequent(allEvents);
    const voice = firstPersonVoice(input, found);
    for (const sentence of input.sentences) {
      const events = allEvents.filter((e) => e.start >= sentence.start && e.end <= sentence.end);
      const cues = actCues(input, sentence);
      for (const [i, cue] of cues.entries()) {
        const limit = cues[i + 1]?.start ?? sentence.end;
        const governed = governedEvents(input, found, cue, cues[i + 1], events) ?? (pointsBack(input, sentence, cue) && main ? [main] : []);
        if (governed.length === 0) continue;
        const named =
          agentAfter(input, found, voice, cue.end, limit, false, /\baccording\s+to$/i.test(cue.text)) ??
          (isActNoun(cue) ? nounActSubject(input, found, voice, sentence, cue.start) : subjectBefore(input, found, voice, sentence, cue.start)) ??
          // "Making the announcement today, ... Andy Cooke said": the speaker of the sentence.
          (cue.act !== 'decided' ? speakerAfter(input, found, voice, cue.end, limit) : undefined);
        // A decision with no one named is the inspectorate's: it is the body that moves forces between stages.
        // Only where its sentence states the change: "the mayor welcomed the decision" alone names no decider.
        const actor = named ?? (cue.act === 'decided' && events.length > 0 ? inspectorate(input) : undefined);
        if (!actor) continue;
        for (const e of distinctEvents(governed)) out.push({ ...decision(actor, cue.act, e, cue), explicit: named !== undefined });
      }
      // A change stated in the inspectorate's own quoted statement, with no act of its own, is its announcement.
      if (cues.length === 0) {
        for (const e of events) {
          const quote = quoteAround(found, e);
          if (quote?.speaker === input.lexicon.inspectorate) out.push({ ...decision(inspectorate(input), 'announced', e, e), explicit: true });
        }
      }
      for (const e of events) {
        // The agent of the change itself comes before any other act ("... was communicated ... by X" is X's act, not the change's).
        const nextCue = cues.find((c) => c.start >= e.end)?.start ?? sentence.end;
        const actor = agentAfter(input, found, voice, e.end, nextCue, true) ?? activeSubject(input, found, voice, sentence, e);
        if (actor) out.push({ ...decision(actor, 'decided', e, e), explicit: false });
      }
    }
    return withoutSupersededBodies(out).map(({ explicit: _, ...d }) => d);
  },
};

type Found = MentionOf<'decision'> & { explicit: boolean };

/**
 * Where a named person decided a change, "removed by the inspectorate" in the
 * same document is the same decision told less precisely: keep the person's.
 * A body named as deciding in so many words ("the inspectorate has decided") stays.
 */
function withoutSupersededBodies(decisions: Found[]): Found[] {
  const key = (d: Found) => `${d.force}|${d.stage}|${d.change}`;
  const byPerson = new Set(decisions.filter((d) => d.actorKind === 'person' && d.act === 'decided').map(key));
  return decisions.filter((d) => !(d.actorKind === 'organisation' && d.act === 'decided' && !d.explicit && byPerson.has(key(d))));
}

/** One event per force and change: a sentence may state the same change twice. */
function distinctEvents(events: MentionOf<'stageEvent'>[]): MentionOf<'stageEvent'>[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    const key = `${e.force}|${e.stage}|${e.change}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface Actor {
  name: string;
  kind: ActorKind;
}

function decision(actor: Actor, act: 'decided' | 'recommended' | 'announced', event: MentionOf<'stageEvent'>, span: { start: number; end: number }): MentionOf<'decision'> {
  return {
    kind: 'decision',
    actor: actor.name,
    actorKind: actor.kind,
    act,
    force: event.force,
    stage: event.stage,
    change: event.change,
    start: span.start,
    end: span.end,
    extractor: 'decisions',
  };
}

interface Cue {
  act: 'decided' | 'recommended' | 'announced';
  start: number;
  end: number;
  text: string;
}

function actCues({ document, lexicon }: ExtractionInput, sentence: Sentence): Cue[] {
  const text = document.text.slice(sentence.start, sentence.end);
  const hits: Cue[] = [];
  for (const p of patternsThatMayMatch(lexicon.actPatterns, text)) {
    p.regex.lastIndex = 0;
    for (const m of allMatches(text, p.regex)) hits.push({ act: p.act, start: sentence.start + m.index, end: sentence.start + m.index + m[0].length, text: m[0] });
  }
  // "I have accepted her recommendation": accepting a recommendation is deciding what it recommends.
  for (const h of [...hits]) {
    if (h.act !== 'recommended' || !isActNoun(h)) continue;
    const accepted = lexicon.recommendationAcceptanceBefore.exec(text.slice(0, h.start - sentence.start));
    const verb = accepted?.groups?.verb;
    if (!accepted || !verb) continue;
    const start = sentence.start + accepted.index;
    hits.push({ act: 'decided', start, end: start + verb.length, text: verb });
  }
  return keepNonOverlapping(hits, leftmostLongest, { against: 'all' });
}

function quoteAround(found: FoundMentions, span: { start: number; end: number }): MentionOf<'quote'> | undefined {
  return found.of('quote').find((q) => q.start <= span.start && span.end <= q.end);
}

/**
 * The changes of its sentence that an act is about, or undefined when the
 * sentence states none. A cue outside a quotation does not govern the
 * quotation's words ("X said: 'I am disappointed that the force is placed
 * ...'" is no announcement by X), nor a change after a clause of its own
 * ("revealed the outcome ... when it put the force into Engage").
 */
function governedEvents(input: ExtractionInput, found: FoundMentions, cue: Cue, next: Cue | undefined, events: MentionOf<'stageEvent'>[]): MentionOf<'stageEvent'>[] | undefined {
  if (events.length === 0) return undefined;
  const nextCue = next?.start ?? Infinity;
  const cueQuote = quoteAround(found, cue);
  // "..., X said:" introduces words of its own: it reports nothing before it.
  const introduces = /^\s*:/.test(input.document.text.slice(cue.end, cue.end + 3));
  return events.filter((e) => {
    if (quoteAround(found, e) !== cueQuote) return false;
    if (e.start < cue.end) return !introduces;
    const between = input.document.text.slice(cue.end, e.start);
    // A reaction stands between: "said she was disappointed by the decision to place ..." reports no change.
    if (input.lexicon.actReactions.test(between)) return false;
    if (next && isActNoun(next) && e.start >= next.start) {
      // "announced its decision to remove ...": the noun is this act's own object, and both acts govern the change.
      const ownObject = /^\s+(?:(?:you\s+)?of\s+)?(?:(?:the|this|that|its|their|his|her|our|my|a|an)\s+)?(?:[\p{L}-]+\s+)?$/u.test(input.document.text.slice(cue.end, next.start));
      // A reporting verb's noun is the subject of what it reports ("said the decision to place ... was right").
      return ownObject && !REPORTING.test(cue.text);
    }
    // What a "that" clause holds is what the act reports ("informed that, following the inspection, the force will enter").
    if (/^\s*that\b/i.test(between)) return true;
    // A nearer act owns the change ("a statement ... following the decision of X to place ..."),
    // unless this act is a recommendation that the decision follows ("following the recommendation of X, I have decided ...").
    if (e.start >= nextCue) return next?.act === 'decided' && cue.act === 'recommended' && isActNoun(cue) && FOLLOWED_BEFORE.test(input.document.text.slice(Math.max(0, cue.start - 30), cue.start));
    return !/\b(?:when|after|before|because|while|whereas|although|following)\b/i.test(between);
  });
}

/** A preposition that makes a recommendation the ground of the decision after it: "following the recommendation of X, ...". */
const FOLLOWED_BEFORE = /\b(?:following|on|upon|after|accepting|in\s+line\s+with|acting\s+on)\s+(?:the|a|his|her|their|its)\s+$/i;

const BACK_REFERENCE = /^\s+(?:(?:the|this|that|its|their|today['’]s)\s+)(?:\w+\s+)?(?:move|decision|change|removal|escalation|news|recommendation|announcement)\b/i;

/** Verbs that report what someone said: their object is a clause, not an act. */
const REPORTING = /^(?:said|says|stated|told)$/i;

/** "the decision", "the announcement", "a statement", "the news": an act named by a noun. */
function isActNoun(cue: Cue): boolean {
  return /(?:ion|ions|ment|statement|news)$/i.test(cue.text);
}

/**
 * "announced the move", "This decision", "welcomed the announcement": an act
 * about the change told elsewhere. The noun after a verb must be its object,
 * not the subject of a clause it reports ("said the decision was right").
 */
function pointsBack({ document }: ExtractionInput, sentence: Sentence, cue: Cue): boolean {
  // "the council's decision to close two libraries": a noun with content of its own, in a sentence stating no change, is about something else.
  if (isActNoun(cue) && /^\s+(?:to|on|about)\s/i.test(document.text.slice(cue.end, cue.end + 8))) return false;
  const before = document.text.slice(Math.max(sentence.start, cue.start - 15), cue.start);
  // "the decision", "this announcement", "the inspectorate's decision", "its decision".
  if (/(?:\b(?:the|this|that|its|their|his|her|our|today['’]s)|\p{L}['’]s?)\s+$/iu.test(before) && isActNoun(cue)) return true;
  const after = document.text.slice(cue.end, Math.min(sentence.end, cue.end + 60));
  const object = BACK_REFERENCE.exec(after);
  return object !== null && !CLAUSE_VERB.test(after.slice(object[0].length));
}

/** A finite verb right after a noun: the noun is the subject of a clause of its own. */
const CLAUSE_VERB = /^\s+(?:(?:was|is|were|are|had|has|have|would|will|could|should|might|must|may|did|does)\b|(?:\w+ly\s+)?\w+ed\s+(?!by\b))/i;

interface Located {
  start: number;
  end: number;
  actor: Actor;
}

/** Who "I" and "we" are outside quotations: a letter's signer and the signer's body, or the publishing body. */
interface Voice {
  singular?: Actor;
  plural?: Actor;
}

/**
 * A letter's signer: the person in its "From" block, or the person whose name
 * follows its closing ("Yours sincerely"). "We" is the signer's body by the
 * signer's title, else the publisher where it is a known body.
 */
function firstPersonVoice(input: ExtractionInput, found: FoundMentions): Voice {
  const { paragraphs, document, lexicon } = input;
  let signer: MentionOf<'person'> | undefined;
  const people = found.of('person');
  for (const [i, p] of paragraphs.entries()) {
    const opensBlock = /^\s*from\s*:?\s*$/i.test(p.text);
    const closes = /^\s*(?:yours\s+(?:sincerely|faithfully|truly)|kind\s+regards|best\s+wishes|with\s+best\s+wishes|regards)\s*,?\s*$/i.test(p.text);
    if (!opensBlock && !closes) continue;
    const next = paragraphs.slice(i + 1, i + 3);
    signer = people.find((m) => next.some((n) => m.start >= n.start && m.end <= n.end));
    if (signer) break;
  }
  const singular: Actor | undefined = signer ? { name: signer.name, kind: 'person' } : undefined;
  let plural: Actor | undefined;
  if (signer) {
    // The signer's titles: roles found for the name, and the lines under it.
    const at = paragraphs.findIndex((p) => p.start <= signer!.start && signer!.end <= p.end);
    const titles = [...found.of('role').filter((r) => r.person === signer!.name).map((r) => r.title), ...paragraphs.slice(at, at + 3).map((p) => p.text)];
    for (const t of titles) {
      const title = lexicon.titles.find(t)[0];
      const org = title && lexicon.titleOrganisation.get(title.canonical);
      if (org) {
        plural = { name: org, kind: 'organisation' };
        break;
      }
    }
  }
  const publisher = document.meta.publisher;
  if (!plural && publisher) {
    const org = lexicon.organisations.find(publisher)[0];
    if (org && org.start === 0 && org.end === publisher.length) plural = { name: org.canonical, kind: 'organisation' };
  }
  return { singular, plural };
}

/** The person the document names as holding a title ("the chief inspector" -> Andy Cooke). */
function holderOf(input: ExtractionInput, found: FoundMentions, canonicalTitle: string): Actor | undefined {
  for (const r of found.of('role')) {
    const t = input.lexicon.titles.find(r.title)[0];
    if (t?.canonical === canonicalTitle) return { name: r.person, kind: 'person' };
  }
  return undefined;
}

/**
 * "the chief inspector": an office named by words of a known title, standing
 * for the holder the document names, else for the title's body. The longest
 * run of words (two to four) that a title holds.
 */
function officeHolder(input: ExtractionInput, found: FoundMentions, words: string): Actor | undefined {
  const parts = words.toLowerCase().split(/\s+/);
  const roles = found.of('role').map((r) => ({ person: r.person, title: titleWords(r.title) }));
  for (let n = parts.length; n >= 2; n--) {
    const phrase = parts.slice(0, n).join(' ');
    const role = roles.find((r) => holdsWords(r.title, phrase));
    if (role) return { name: role.person, kind: 'person' };
    const title = bodyTitlesOf(input.lexicon).find((t) => t.forms.some((f) => holdsWords(f, phrase)));
    if (title?.org) return { name: title.org, kind: 'organisation' };
  }
  return undefined;
}

/** A title as officeHolder compares it: lower case, without apostrophes. */
const titleWords = (title: string): string => title.toLowerCase().replace(/['’]/g, '');

/** Whether `phrase` (words joined by single spaces) stands in `title` as whole words. */
function holdsWords(title: string, phrase: string): boolean {
  for (let at = title.indexOf(phrase); at >= 0; at = title.indexOf(phrase, at + 1)) {
    const end = at + phrase.length;
    if ((at === 0 || isSpaceCode(title.charCodeAt(at - 1))) && (end === title.length || isSpaceCode(title.charCodeAt(end)))) return true;
  }
  return false;
}

/** The titles that belong to a body, in the knowledge's order, with every written form as titleWords gives it. */
function bodyTitlesOf(lexicon: ExtractionInput['lexicon']): ReadonlyArray<{ org: string; forms: string[] }> {
  let titles = bodyTitles.get(lexicon);
  if (!titles) {
    titles = lexicon.knowledge.titles.flatMap((t) => (t.org === undefined ? [] : [{ org: t.org, forms: [t.title, ...t.variants.map((v) => v.text)].map(titleWords) }]));
    bodyTitles.set(lexicon, titles);
  }
  return titles;
}
const bodyTitles = new WeakMap<ExtractionInput['lexicon'], Array<{ org: string; forms: string[] }>>();

/** People, organisations, references to the inspectorate, titles standing for their holder, and I/we, between two offsets. */
function actorsIn(input: ExtractionInput, found: FoundMentions, voice: Voice, from: number, to: number): Located[] {
  const text = input.document.text;
  const inRange = (m: { start: number; end: number }) => m.start >= from && m.end <= to;
  const out: Located[] = [
    ...found.of('person').filter(inRange).map((m) => ({ start: m.start, end: m.end, actor: { name: m.name, kind: 'person' as const } })),
    ...found.of('organisation').filter(inRange).map((m) => ({ start: m.start, end: m.end, actor: { name: m.name, kind: 'organisation' as const } })),
  ];
  const slice = text.slice(from, to);
  // A title standing for its office, with no name after it: "His Majesty's Chief Inspector ... has today moved ...":
  // its holder where the document names one, else its body.
  for (const t of input.lexicon.titles.find(slice)) {
    const named = found.of('person').some((p) => p.start >= from + t.end && p.start <= from + t.end + 12);
    if (named) {
      // The title is the named person's ("His Majesty's Chief Inspector ..., Sir Andy Cooke"), not its body's act.
      const [ts, te] = [from + t.start, from + t.end];
      for (let i = out.length - 1; i >= 0; i--) if (out[i]!.actor.kind === 'organisation' && out[i]!.start >= ts && out[i]!.end <= te) out.splice(i, 1);
      continue;
    }
    const org = input.lexicon.titleOrganisation.get(t.canonical);
    const actor = holderOf(input, found, t.canonical) ?? (org ? { name: org, kind: 'organisation' as const } : undefined);
    if (actor) out.push({ start: from + t.start, end: from + t.end, actor });
  }
  for (const m of allMatches(slice, /\bthe\s+((?:[a-z]+\s+){1,3}[a-z]+)\b/g)) {
    const actor = officeHolder(input, found, m[1]!);
    if (actor) out.push({ start: from + m.index, end: from + m.index + m[0].length, actor });
  }
  for (const m of allMatches(slice, input.lexicon.inspectorateReference)) {
    out.push({ start: from + m.index, end: from + m.index + m[0].length, actor: inspectorate(input) });
  }
  for (const m of allMatches(slice, /\b(?:(I|my|me)|(we|We|our|Our|us))\b/g)) {
    const at = from + m.index;
    const quote = found.of('quote').find((q) => q.start <= at && q.end >= at);
    const actor: Actor | undefined = quote
      ? quote.speaker
        ? { name: quote.speaker, kind: quote.speakerKind ?? 'person' }
        : undefined
      : m[1]
        ? voice.singular
        : voice.plural;
    if (actor) out.push({ start: at, end: at + m[0].length, actor });
  }
  // Overlapping finds (a title holding an organisation's name): the longest first at each place.
  return keepNonOverlapping(out, leftmostLongest, { against: 'all' });
}

function inspectorate(input: ExtractionInput): Actor {
  return { name: input.lexicon.inspectorate, kind: 'organisation' };
}

/**
 * The agent after an act or a change, before the next act in the sentence:
 * "... by <actor>", or, right after an act ("the decision yesterday of
 * <actor>", "the announcement from <actor>"), by/of/from <actor>.
 */
function agentAfter(input: ExtractionInput, found: FoundMentions, voice: Voice, from: number, to: number, byOnly = false, sourceFollows = false): Actor | undefined {
  const text = input.document.text.slice(from, to);
  // "according to <actor>": the cue ends in its own preposition.
  const direct = byOnly ? null : sourceFollows ? /^\s*/.exec(text) : /^\s+(?:(?:yesterday|today|last\s+\w+|this\s+\w+|on\s+\w+)\s+)?(?:by|of|from)\s+/i.exec(text);
  const by = direct ?? /\bby\s+/.exec(text);
  if (!by) return undefined;
  // "... was welcomed by the mayor": the agent of a reaction, not of the act or change.
  if (!direct && input.lexicon.actReactions.test(text.slice(0, by.index + by[0].length))) return undefined;
  const at = from + by.index + by[0].length;
  const first = actorsIn(input, found, voice, at, Math.min(to, at + 160))[0];
  if (!first) return undefined;
  // Only a title may stand between "by" and the agent ("by His Majesty's Chief Inspector ..., Sir Andy Cooke"),
  // not another noun phrase ("by the Met under Commissioner Rowley").
  const between = input.document.text.slice(at, first.start);
  if (!/^(?:(?:the|a|an|his|her|its|their)\s+)?(?:[A-Z][\p{L}’'&.-]*,?\s+(?:(?:of|and|&|for)\s+)?)*$/u.test(between)) return undefined;
  return first.actor;
}

/** An actor after the act who then speaks: "Making the announcement today, ... Andy Cooke said". */
function speakerAfter(input: ExtractionInput, found: FoundMentions, voice: Voice, from: number, to: number): Actor | undefined {
  for (const a of actorsIn(input, found, voice, from, to)) {
    if (/^[\s,]*(?:said|says|added|stated|told)\b/i.test(input.document.text.slice(a.end, a.end + 20))) return a.actor;
  }
  return undefined;
}

/**
 * The actor of an act named by a noun, before it: its possessor ("the
 * inspectorate's decision", "his decision") or the subject of a verb that
 * makes or gives it ("HMICFRS made the decision", "announced its decision").
 * The subject of any other verb reacts to the act or reports on it ("the
 * mayor welcomed the decision", "X said the decision was right"): no actor.
 */
function nounActSubject(input: ExtractionInput, found: FoundMentions, voice: Voice, sentence: Sentence, at: number): Actor | undefined {
  const actors = actorsIn(input, found, voice, sentence.start, at);
  const last = actors[actors.length - 1];
  if (!last) return undefined;
  const between = input.document.text.slice(last.end, at);
  // "HMICFRS's decision", "the inspectors’ recommendation", "our decision".
  if (/^(?:['’]s?)?\s*$/.test(between)) return last.actor;
  if (input.lexicon.actMakerBefore.test(between)) return last.actor;
  // "Andy Cooke said his decision ...": a possessive pronoun is the nearest actor of its kind.
  const pronoun = /\b(?:(his|her)|its|their)\s+(?:[\p{L}-]+\s+)?$/iu.exec(between);
  if (pronoun && !input.lexicon.actReactions.test(between)) {
    const kind = pronoun[1] ? 'person' : 'organisation';
    return [...actors].reverse().find((a) => a.actor.kind === kind)?.actor;
  }
  return undefined;
}

/** The last actor before the verb in the same sentence. */
function subjectBefore(input: ExtractionInput, found: FoundMentions, voice: Voice, sentence: Sentence, at: number): Actor | undefined {
  const actors = actorsIn(input, found, voice, sentence.start, at);
  return actors[actors.length - 1]?.actor;
}

/**
 * "HMICFRS has removed ...": an actor right before the change verb, with only
 * auxiliaries between; "when it put the force into Engage": "it" is the body
 * named before it in the sentence.
 */
function activeSubject(input: ExtractionInput, found: FoundMentions, voice: Voice, sentence: Sentence, e: MentionOf<'stageEvent'>): Actor | undefined {
  const actors = actorsIn(input, found, voice, sentence.start, e.start);
  const last = actors[actors.length - 1];
  if (!last) return undefined;
  let between = input.document.text.slice(last.end, e.start);
  if (last.actor.kind === 'organisation') {
    // A pronoun subject of its own clause refers back to the body: "... (HMICFRS) revealed ... when it put ...".
    const pronoun = /\b(?:when|after|as|because|and|where)\s+(?:it|they)\s+((?:\w+\s+){0,2})$/i.exec(between);
    if (pronoun) between = pronoun[1]!;
  }
  if (!/^[\s)]*(?:(?:has|have|had|will|would|now|today|also|formally|officially|since|then|recently|)\s*)*$/i.test(between)) return undefined;
  if (/\b(?:was|were|been|be|being)\s*$/i.test(between)) return undefined;
  return last.actor;
}
