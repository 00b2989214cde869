import type { Mention } from '../../model/mention.ts';
import type { GazetteerMatch } from '../../nlp/gazetteer.ts';
import { sentenceAt } from '../../nlp/sentences.ts';
import type { Extractor } from '../context.ts';

/**
 * The titles the text gives each person, in its own wording: a title right
 * before the name ("Met Commissioner Sir Mark Rowley", "His Majesty's Chief
 * Inspector ..., Sir Andy Cooke"), an apposition after it ("Mark Rowley, the
 * Met Commissioner,"), or "in his role as the capital's police and crime
 * commissioner". A title is widened to the capitalised words that qualify it
 * ("Met", "London Councils", "for Community and Safety").
 */
export const roleExtractor: Extractor = {
  name: 'roles',
  extract({ document, sentences, lexicon }, found) {
    const text = document.text;
    const titles = lexicon.titles.find(text);
    const out: Mention[] = [];
    const add = (person: string, span: { start: number; end: number } | undefined) => {
      if (!span || span.end <= span.start) return;
      out.push({ kind: 'role', person, title: text.slice(span.start, span.end), start: span.start, end: span.end, extractor: 'roles' });
    };
    for (const p of found.of('person')) {
      const sentence = sentenceAt(sentences, p.start);
      const floor = sentence?.start ?? 0;
      const ceiling = sentence?.end ?? text.length;

      // Before the name: "<title>[,] [honorifics] <name>".
      let before = p.start;
      before = backOverHonorifics(text, before, lexicon.honorificWords);
      const gap = /,?\s*$/.exec(text.slice(Math.max(floor, before - 3), before));
      const titleEnd = before - (gap?.[0].length ?? 0);
      const pre = titles.find((t) => t.end === titleEnd && t.start >= floor);
      if (pre) add(p.name, widen(text, pre, floor, ceiling));

      // After the name: ", [the|who is (the)] <title>".
      const after = /^(?:\s*(?:KPM|QPM|OBE|CBE|MBE|DBE|KBE|KC|QC|MP)\b)*\s*,\s*(?:who\s+is\s+|the\s+|a\s+|its\s+)*/u.exec(text.slice(p.end, ceiling));
      if (after) {
        const at = p.end + after[0].length;
        const post = titles.find((t) => t.start >= at && t.start <= at + 40 && onlyCapitalisedBetween(text, at, t.start));
        if (post) add(p.name, widen(text, { ...post, start: at }, at, ceiling));
      }

      // "in his role as (the) <title>".
      const roleAs = /^[^.]{0,40}?\bin\s+(?:his|her|their)\s+role\s+as\s+(?:the\s+)?/iu.exec(text.slice(p.end, ceiling));
      if (roleAs) {
        const at = p.end + roleAs[0].length;
        const t = titles.find((x) => x.start >= at && x.start <= at + 40);
        // The title itself, without a possessive before it ("the capital's"): the shortest complete form.
        if (t) add(p.name, { start: t.start, end: t.end });
      }
    }
    return out;
  },
};

function backOverHonorifics(text: string, at: number, honorifics: ReadonlySet<string>): number {
  for (;;) {
    const m = /(\S+)\s+$/.exec(text.slice(Math.max(0, at - 30), at));
    if (!m || !honorifics.has(m[1]!.replace(/\.$/, '').toLowerCase())) return at;
    at -= m[0].length;
  }
}

function onlyCapitalisedBetween(text: string, from: number, to: number): boolean {
  const between = text.slice(from, to).trim();
  return between === '' || /^(?:[A-Z][\p{L}’'&-]*\s*)+$/u.test(between);
}

const JOINERS = new Set(['of', 'for', 'and', '&', 'the']);

/**
 * Extend a title over the capitalised words that qualify it: left over a run
 * of capitalised words ("Met", "London Councils", "His Majesty's"), right over
 * "for/of <Capitalised words>" ("Executive Member for Community and Safety").
 */
function widen(text: string, title: Pick<GazetteerMatch, 'start' | 'end'>, floor: number, ceiling: number): { start: number; end: number } {
  let start = title.start;
  for (;;) {
    const m = /([A-Z][\p{L}’'&.-]*)\s+$/u.exec(text.slice(Math.max(floor, start - 40), start));
    if (!m) break;
    const candidateStart = start - m[0].length;
    if (candidateStart < floor) break;
    // The first word of a sentence is capitalised anyway: only take it if it is part of a name-like run.
    if (/^(?:The|A|An|In|As|On|At|By|For|To|From|With|And|But|Today|Now|Then)$/.test(m[1]!)) break;
    start = candidateStart;
  }
  let end = title.end;
  const right = /^\s+(?:for|of)\s+(?:the\s+)?[A-Z][\p{L}’'-]*(?:\s+(?:and|&|of|the)?\s*[A-Z][\p{L}’'-]*)*/u.exec(text.slice(end, ceiling));
  if (right && !/\s(?:Police|Constabulary|Service)$/.test(right[0]) && right[0].split(/\s+/).every((w) => w === '' || JOINERS.has(w) || /^[A-Z]/.test(w))) {
    end += right[0].length;
  }
  return { start, end };
}
