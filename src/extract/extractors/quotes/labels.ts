import type { Lexicon } from '../../lexicon.ts';
import { normaliseLabel } from '../../quote-lexicon.ts';

/**
 * Whether quoted words are a label rather than a quotation: a stage name
 * ('special measures', "Engage"), a PEEL grade ('Inadequate'), the name of a
 * force, body or title, a listed label, or a short name in title case
 * ("Milestone Plan", 'Met').
 */
export function isLabel(words: string, lexicon: Lexicon): boolean {
  const bare = words.replace(/[\s.,;:!?]+$/u, '').trim();
  const key = normaliseLabel(bare);
  if (!key) return true;
  if (lexicon.stageOf(bare, true) !== undefined) return true;
  if (lexicon.knowledge.peel.grades.some((g) => normaliseLabel(g.grade) === key)) return true;
  if (lexicon.quotes.notQuotations.has(key)) return true;
  for (const gazetteer of [lexicon.forces, lexicon.organisations, lexicon.titles]) {
    if (gazetteer.canonicalOf(bare) !== undefined) return true;
  }
  const tokens = bare.split(/\s+/);
  const minor = /^(?:of|and|the|for|in|on|to|&)$/i;
  return tokens.length <= 4 && tokens.every((t) => minor.test(t) || /^[\p{Lu}\p{N}]/u.test(t)) && tokens.some((t) => /^\p{Lu}/u.test(t));
}
