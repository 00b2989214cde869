import type { Mention } from '../../model/mention.ts';
import { overlaps, type Extractor } from '../context.ts';

/** Bodies other than forces, by every name the gazetteer knows ("HMIC", "His Majesty's Inspectorate ..."). */
const REPORT_AFTER = /^[’']?s?\s+(?:Report|Review|Inquiry Report)\b/;

export const organisationExtractor: Extractor = {
  name: 'organisations',
  extract({ document, lexicon }, found) {
    const forces = found.of('force');
    const out: Mention[] = [];
    for (const m of lexicon.organisations.find(document.text)) {
      // A force name inside a longer organisation name is the organisation, and vice versa the longer wins.
      if (forces.some((f) => overlaps(f, m) && f.end - f.start >= m.end - m.start)) continue;
      // "the Daniel Morgan Independent Panel Report" names a report, not the body.
      if (REPORT_AFTER.test(document.text.slice(m.end, m.end + 12))) continue;
      out.push({ kind: 'organisation', name: m.canonical, surface: m.surface, start: m.start, end: m.end, extractor: 'organisations' });
    }
    return out;
  },
};
