import type { Mention } from '../../model/mention.ts';
import type { Extractor } from '../context.ts';

/**
 * Police forces named in the text, from the gazetteer of all UK forces.
 * "Nottinghamshire Police and Crime Commissioner" is a title, not the force.
 */
export const forceExtractor: Extractor = {
  name: 'forces',
  extract({ document, lexicon }) {
    const text = document.text;
    const out: Mention[] = [];
    for (const m of lexicon.forces.find(text)) {
      if (/^\s+(?:and|&)\s+Crime\s+Commissioner/i.test(text.slice(m.end, m.end + 30))) continue;
      out.push({ kind: 'force', name: m.canonical, surface: m.surface, start: m.start, end: m.end, extractor: 'forces' });
    }
    return out;
  },
};
