import type { Mention } from '../../model/mention.ts';
import { overlaps, type Extractor } from '../context.ts';

/** Bodies other than forces, by every name the gazetteer knows ("HMIC", "His Majesty's Inspectorate ..."). */
export const organisationExtractor: Extractor = {
  name: 'organisations',
  extract({ document, lexicon }, found) {
    const forces = found.of('force');
    const out: Mention[] = [];
    for (const m of lexicon.organisations.find(document.text)) {
      // A force name inside a longer organisation name is the organisation, and vice versa the longer wins.
      if (forces.some((f) => overlaps(f, m) && f.end - f.start >= m.end - m.start)) continue;
      out.push({ kind: 'organisation', name: m.canonical, surface: m.surface, start: m.start, end: m.end, extractor: 'organisations' });
    }
    return out;
  },
};
