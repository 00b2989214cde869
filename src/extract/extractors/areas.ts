import type { Mention } from '../../model/mention.ts';
import { overlaps } from '../../util/spans.ts';
import { primaryForce, type ExtractionInput, type Extractor } from '../context.ts';
import { contextFor, isProcess, namesNoTopic, type Candidate, type Span } from './areas/cues.ts';
import { areasOfList, findLists } from './areas/lists.ts';
import { introducedAreas, needsAreas, predicateAreas, selfNamedAreas, verbAreas } from './areas/running-text.ts';

/**
 * Areas of concern or improvement, from three shapes of text:
 *
 * 1. Lists. A sentence ending in ":" (or a heading such as "Reasons") followed
 *    by bullet lines or by paragraphs ending in ";". The intro sets the
 *    polarity of every item: its last polarity cue ("made improvements,
 *    including:"), else its stage change ("moved into Engage because:" is a
 *    reason for moving in, so a concern). Items written as clauses ("...;")
 *    may coordinate several areas and are split; items written as full
 *    sentences state one area in their first sentence, the rest elaborates.
 * 2. A polarity cue introducing areas in running text: "concerns around X",
 *    "failure of X", "improvements ... in areas including X, Y and Z",
 *    "progress ..., focusing on X, Y".
 * 3. Clauses whose subject is an area and whose predicate a polarity cue
 *    ("vetting is being strengthened"), and a polarity verb with an area as
 *    its object ("transforming culture", "has improved the way it answers
 *    emergency calls").
 *
 * A cue's polarity turns after a negation ("has not made sufficient
 * progress") or an obligation ("must make improvements"); an improvement
 * that is only an aim ("to support improvements in ...") states nothing.
 *
 * The PEEL area is the longest PEEL cue (peel.yaml) in the area's text; an
 * area without any cue is emitted as Other only inside an explicit list of
 * areas, never from running text alone, so that process descriptions and
 * unrelated remarks yield nothing.
 */
export const areaExtractor: Extractor = {
  name: 'areas',
  extract(input, found) {
    const ctx = contextFor(input);
    const force = primaryForce(found) ?? null;
    const candidates: Candidate[] = [];
    const lists = findLists(ctx);
    for (const list of lists) candidates.push(...areasOfList(ctx, list));
    for (const sentence of input.sentences) {
      // List items were read as lists; their later sentences only elaborate.
      if (lists.some((l) => overlaps(l.range, sentence))) continue;
      const running = [...verbAreas(ctx, sentence), ...introducedAreas(ctx, sentence), ...predicateAreas(ctx, sentence), ...needsAreas(ctx, sentence), ...selfNamedAreas(ctx, sentence)];
      candidates.push(...running.filter((c) => !isProcess(ctx, c) && !namesNoTopic(ctx, c)));
    }
    const kept: Candidate[] = [];
    const words = (c: Candidate) => input.document.text.slice(c.start, c.end).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    for (const c of candidates) {
      if (c.end <= c.start || kept.some((k) => overlaps(k, c))) continue;
      // The same area named again ("Investigating crime - Inadequate", then "concerns around how it is investigating crime") is one area.
      if (kept.some((k) => k.peel === c.peel && k.polarity === c.polarity && words(c).includes(words(k)))) continue;
      kept.push(c);
    }
    const forces = found.of('force');
    return kept.map(
      (c): Mention => ({
        kind: 'area',
        force: forceBefore(input, forces, c) ?? force,
        text: input.document.text.slice(c.start, c.end),
        peel: c.peel,
        polarity: c.polarity,
        start: c.start,
        end: c.end,
        extractor: 'areas',
      }),
    );
  },
};

/** The force an area is written about: the force named nearest before it in its paragraph. */
function forceBefore(input: ExtractionInput, forces: ReadonlyArray<{ name: string; start: number; end: number }>, area: Span): string | undefined {
  const paragraph = input.paragraphs.find((p) => p.start <= area.start && area.start < p.end);
  if (!paragraph) return undefined;
  let best: { name: string; end: number } | undefined;
  for (const f of forces) if (f.start >= paragraph.start && f.end <= area.start && (!best || f.end > best.end)) best = f;
  return best?.name;
}
