import type { Mention, MentionOf } from '../../model/mention.ts';
import type { Sentence } from '../../nlp/sentences.ts';
import type { ExtractionInput, Extractor, FoundMentions } from '../context.ts';
import { mostFrequent } from './stage-events.ts';

/**
 * Who decided, recommended or announced a stage change. The act comes from
 * the decision vocabulary ("has decided", "recommended", "announced the
 * move") or from the change verb itself in the active voice ("HMICFRS has
 * removed the Met from Engage") or with an agent ("removed ... by
 * inspectors"). The actor is the agent after "by", else the subject before
 * the verb; "I" and "we" in a quotation are its speaker. A sentence with an
 * act but no stage phrase ("HMICFRS announced the move") refers to the
 * document's main stage change. A decision with no one named is the
 * inspectorate's: it is the body that moves forces between stages.
 */
export const decisionExtractor: Extractor = {
  name: 'decisions',
  extract(input, found) {
    const out: MentionOf<'decision'>[] = [];
    const main = mostFrequent(found.of('stageEvent'));
    for (const sentence of input.sentences) {
      const events = found.of('stageEvent').filter((e) => e.start >= sentence.start && e.end <= sentence.end);
      const event = events[0] ?? main;
      if (!event) continue;
      const cues = actCues(input, sentence);
      for (const [i, cue] of cues.entries()) {
        const limit = cues[i + 1]?.start ?? sentence.end;
        const actor =
          agentAfter(input, found, cue.end, limit, cue.text) ??
          subjectBefore(input, found, sentence, cue.start) ??
          // "Making the announcement today, ... Andy Cooke said": the speaker of the sentence.
          (cue.act !== 'decided' ? speakerAfter(input, found, cue.end, limit) : undefined) ??
          (cue.act === 'decided' ? inspectorate(input) : undefined);
        if (actor) out.push(decision(actor, cue.act, event, cue));
      }
      // A change stated in the inspectorate's own quoted statement, with no act of its own, is its announcement.
      if (cues.length === 0) {
        for (const e of events) {
          const quote = found.of('quote').find((q) => q.start <= e.start && e.end <= q.end);
          if (quote?.speaker === input.lexicon.inspectorate) out.push(decision(inspectorate(input), 'announced', e, e));
        }
      }
      for (const e of events) {
        // The agent of the change itself comes before any other act ("... was communicated ... by X" is X's act, not the change's).
        const nextCue = cues.find((c) => c.start >= e.end)?.start ?? sentence.end;
        const actor = agentAfter(input, found, e.end, nextCue) ?? activeSubject(input, found, sentence, e);
        if (actor) out.push(decision(actor, 'decided', e, e));
      }
    }
    return withoutSupersededBodies(out);
  },
};

/**
 * Where a named person decided a change, "removed by the inspectorate" in the
 * same document is the same decision told less precisely: keep the person's.
 */
function withoutSupersededBodies(decisions: MentionOf<'decision'>[]): MentionOf<'decision'>[] {
  const byPerson = new Set(decisions.filter((d) => d.actorKind === 'person' && d.act === 'decided').map((d) => `${d.force}|${d.stage}|${d.change}`));
  return decisions.filter((d) => !(d.actorKind === 'organisation' && d.act === 'decided' && byPerson.has(`${d.force}|${d.stage}|${d.change}`)));
}

interface Actor {
  name: string;
  kind: 'person' | 'organisation';
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
  for (const p of lexicon.actPatterns) {
    p.regex.lastIndex = 0;
    for (const m of text.matchAll(p.regex)) hits.push({ act: p.act, start: sentence.start + m.index, end: sentence.start + m.index + m[0].length, text: m[0] });
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  return hits.filter((h, i) => !hits.slice(0, i).some((k) => h.start < k.end));
}

interface Located {
  start: number;
  end: number;
  actor: Actor;
}

/** People, organisations, references to the inspectorate, and I/we inside a quotation, between two offsets. */
function actorsIn(input: ExtractionInput, found: FoundMentions, from: number, to: number): Located[] {
  const text = input.document.text;
  const inRange = (m: { start: number; end: number }) => m.start >= from && m.end <= to;
  const out: Located[] = [
    ...found.of('person').filter(inRange).map((m) => ({ start: m.start, end: m.end, actor: { name: m.name, kind: 'person' as const } })),
    ...found.of('organisation').filter(inRange).map((m) => ({ start: m.start, end: m.end, actor: { name: m.name, kind: 'organisation' as const } })),
  ];
  const slice = text.slice(from, to);
  // A title standing for its office, with no name after it: "His Majesty's Chief Inspector ... has today moved ...".
  for (const t of input.lexicon.titles.find(slice)) {
    const org = input.lexicon.titleOrganisation.get(t.canonical);
    const named = found.of('person').some((p) => p.start >= from + t.end && p.start <= from + t.end + 12);
    if (org && !named) out.push({ start: from + t.start, end: from + t.end, actor: { name: org, kind: 'organisation' } });
  }
  for (const m of slice.matchAll(input.lexicon.inspectorateReference)) {
    out.push({ start: from + m.index, end: from + m.index + m[0].length, actor: inspectorate(input) });
  }
  for (const m of slice.matchAll(/\b(I|we|We)\b/g)) {
    const quote = found.of('quote').find((q) => q.start <= from + m.index && q.end >= from + m.index);
    if (quote?.speaker) out.push({ start: from + m.index, end: from + m.index + m[0].length, actor: { name: quote.speaker, kind: quote.speakerKind ?? 'person' } });
  }
  return out.sort((a, b) => a.start - b.start);
}

function inspectorate(input: ExtractionInput): Actor {
  return { name: input.lexicon.inspectorate, kind: 'organisation' };
}

/**
 * "... by <actor>" after the verb, before the next act in the sentence. A cue
 * that ends in its own preposition ("decision by", "news from") is followed by the actor directly.
 */
function agentAfter(input: ExtractionInput, found: FoundMentions, from: number, to: number, cueText = ''): Actor | undefined {
  const text = input.document.text.slice(from, to);
  const by = /\b(?:by|of|from)$/i.test(cueText) ? /^\s*/.exec(text) : /\bby\s+/.exec(text);
  if (!by) return undefined;
  const at = from + by.index + by[0].length;
  const first = actorsIn(input, found, at, Math.min(to, at + 160))[0];
  if (!first) return undefined;
  // Only a title may stand between "by" and the agent ("by His Majesty's Chief Inspector ..., Sir Andy Cooke"),
  // not another noun phrase ("by the Met under Commissioner Rowley").
  const between = input.document.text.slice(at, first.start);
  if (!/^(?:(?:the|a|an|his|her|its|their)\s+)?(?:[A-Z][\p{L}’'&.-]*,?\s+(?:(?:of|and|&|for)\s+)?)*$/u.test(between)) return undefined;
  return first.actor;
}

/** An actor after the act who then speaks: "Making the announcement today, ... Andy Cooke said". */
function speakerAfter(input: ExtractionInput, found: FoundMentions, from: number, to: number): Actor | undefined {
  for (const a of actorsIn(input, found, from, to)) {
    if (/^[\s,]*(?:said|says|added|stated|told)\b/i.test(input.document.text.slice(a.end, a.end + 20))) return a.actor;
  }
  return undefined;
}

/** The last actor before the verb in the same sentence. */
function subjectBefore(input: ExtractionInput, found: FoundMentions, sentence: Sentence, at: number): Actor | undefined {
  const actors = actorsIn(input, found, sentence.start, at);
  return actors[actors.length - 1]?.actor;
}

/** "HMICFRS has removed ...": an actor right before the change verb, with only auxiliaries between. */
function activeSubject(input: ExtractionInput, found: FoundMentions, sentence: Sentence, e: MentionOf<'stageEvent'>): Actor | undefined {
  const actors = actorsIn(input, found, sentence.start, e.start);
  const last = actors[actors.length - 1];
  if (!last) return undefined;
  const between = input.document.text.slice(last.end, e.start);
  if (!/^[\s)]*(?:(?:has|have|had|will|would|now|today|also|formally|officially|since|then|today|recently|)\s*)*$/i.test(between)) return undefined;
  if (/\b(?:was|were|been|be|being)\s*$/i.test(between)) return undefined;
  return last.actor;
}
