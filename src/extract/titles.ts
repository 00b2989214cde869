import type { GazetteerMatch } from '../nlp/gazetteer.ts';
import type { Lexicon } from './lexicon.ts';

/**
 * The titles of the text, plurals too ("assistant chief constables"): the
 * text is matched again with each final "s" blanked (same length, so the
 * offsets hold), and a match ending on a blanked "s" takes it back. (The blanking starts at a
 * word's first letter: started inside words, it was tried at every letter of every word.)
 */
export function findTitles(text: string, lexicon: Lexicon): GazetteerMatch[] {
  // People and roles both ask, of the same document: the last answer is kept, and copied out.
  const last = lastFound.get(lexicon);
  const found = last?.text === text ? last.found : findTitlesAnew(text, lexicon);
  lastFound.set(lexicon, { text, found });
  return found.map((t) => ({ ...t }));
}

const lastFound = new WeakMap<Lexicon, { text: string; found: GazetteerMatch[] }>();

function findTitlesAnew(text: string, lexicon: Lexicon): GazetteerMatch[] {
  let found = rightmostReadings(text, lexicon.titles.find(text), lexicon);
  const singular = text.replace(/(?<!\p{L})(\p{L}{3,})s(?![\p{L}'’])/gu, '$1 ');
  for (const t of lexicon.titles.find(singular)) {
    if (text[t.end] !== 's' || singular[t.end] !== ' ') continue;
    const plural = { ...t, end: t.end + 1, surface: text.slice(t.start, t.end + 1) };
    // The plural match wins over the shorter titles inside it ("chief" in "chief constables").
    if (found.some((f) => f.start < plural.end && plural.start < f.end && (f.start < plural.start || f.end > plural.end))) continue;
    found = [...found.filter((f) => !(f.start >= plural.start && f.end <= plural.end)), plural];
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Where a title's last words begin a longer title ("Police chief" in "Kent
 * Police chief constable"), the longer one is the title: the first word then
 * qualifies it, as "Kent" does.
 */
function rightmostReadings(text: string, found: GazetteerMatch[], lexicon: Lexicon): GazetteerMatch[] {
  return found.map((t) => {
    const firstWord = /^\S+\s+/u.exec(t.surface);
    if (!firstWord) return t;
    const from = t.start + firstWord[0].length;
    const longer = lexicon.titles.mayStartAt(text, from) ? lexicon.titles.find(text.slice(from, from + 120)).find((o) => o.start === 0 && from + o.end > t.end) : undefined;
    return longer ? { ...longer, start: from + longer.start, end: from + longer.end } : t;
  });
}
