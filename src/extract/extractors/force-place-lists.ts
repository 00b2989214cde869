import type { Sentence } from '../../nlp/sentences.ts';
import { sentenceAt } from '../../nlp/sentences.ts';
import type { GazetteerMatch } from '../../nlp/gazetteer.ts';

/**
 * Bare place names that stand for forces because of the list they are in:
 * "the Met, Greater Manchester and Cleveland" (a list holding a force name),
 * "forces including Kent, Essex and Sussex" (a list in a sentence about forces).
 * "A man from Kent" is a place and stays one.
 */

/** What may stand between two items of a list: a comma, "and", "or", "&", with an optional "the". */
const LIST_JOINT = /^\s*(?:,\s*(?:(?:and|or|&)\s+)?|\s(?:and|or|&)\s+)(?:the\s+)?$/iu;

interface Item {
  match: GazetteerMatch;
  isForce: boolean;
}

/** Runs of items joined as a list, in text order. */
function listsOf(items: readonly Item[], text: string): Item[][] {
  const lists: Item[][] = [];
  let current: Item[] = [];
  for (const item of items) {
    const last = current[current.length - 1];
    if (last && LIST_JOINT.test(text.slice(last.match.end, item.match.start))) current.push(item);
    else {
      if (current.length) lists.push(current);
      current = [item];
    }
  }
  if (current.length) lists.push(current);
  return lists;
}

/** Whether the sentence holding a list, or the one before it, speaks of forces. */
function inPolicingFrame(list: readonly Item[], sentences: readonly Sentence[], text: string, cue: RegExp): boolean {
  const sentence = sentenceAt(sentences, list[0]!.match.start);
  if (!sentence) return cue.test(text);
  const previous = sentence.index > 0 ? sentences[sentence.index - 1] : undefined;
  const from = previous && previous.paragraph === sentence.paragraph ? previous.start : sentence.start;
  return cue.test(text.slice(from, sentence.end));
}

/**
 * The place-name matches that name forces. `forces` are the force names already
 * found; `places` the bare place names (those inside a force name are ignored).
 */
export function placesNamingForces(
  text: string,
  sentences: readonly Sentence[],
  forces: readonly GazetteerMatch[],
  places: readonly GazetteerMatch[],
  cue: RegExp,
): GazetteerMatch[] {
  const free = places.filter((p) => !forces.some((f) => p.start < f.end && f.start < p.end));
  const items: Item[] = [...forces.map((match) => ({ match, isForce: true })), ...free.map((match) => ({ match, isForce: false }))].sort(
    (a, b) => a.match.start - b.match.start,
  );
  const out: GazetteerMatch[] = [];
  for (const list of listsOf(items, text)) {
    const bare = list.filter((i) => !i.isForce);
    if (bare.length === 0) continue;
    const withForce = list.some((i) => i.isForce);
    if (withForce || (list.length >= 2 && inPolicingFrame(list, sentences, text, cue))) out.push(...bare.map((i) => i.match));
  }
  return out;
}
