/**
 * Spans of text (start and end offsets) and the one way overlapping matches
 * are resolved: keep the preferred, drop what overlaps it.
 */
export interface Span {
  start: number;
  end: number;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Earliest first, the longer of two at the same place: leftmost-longest, as a regex alternation reads. */
export const leftmostLongest = (a: Span, b: Span): number => a.start - b.start || b.end - a.end;

/** Longest first, the earlier of two of one length: "28 June 2022" before the "2022" inside it. */
export const longestFirst = (a: Span, b: Span): number => b.end - b.start - (a.end - a.start) || a.start - b.start;

/**
 * The matches to keep where some overlap: taken in the order `prefer` gives,
 * each kept unless it overlaps one kept already; returned in text order.
 *
 * `against: 'all'` drops a match that overlaps any match preferred to it,
 * kept or not: where a longer phrase was itself dropped, the shorter match
 * inside it is part of that phrase, not a phrase of its own (decision cues
 * and actors are read that way).
 */
export function keepNonOverlapping<T extends Span>(
  matches: readonly T[],
  prefer: (a: T, b: T) => number = leftmostLongest,
  options: { against?: 'kept' | 'all' } = {},
): T[] {
  const ordered = [...matches].sort(prefer);
  const kept: T[] = [];
  for (const [i, m] of ordered.entries()) {
    const rivals = options.against === 'all' ? ordered.slice(0, i) : kept;
    if (!rivals.some((k) => overlaps(k, m))) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}
