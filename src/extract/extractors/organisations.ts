import type { Mention } from '../../model/mention.ts';
import type { GazetteerMatch } from '../../nlp/gazetteer.ts';
import { overlaps } from '../../util/spans.ts';
import { taggingOf, type Extractor } from '../context.ts';
import { headedBodies, namesDocument, patternedBodies } from './organisation-names.ts';

/**
 * Bodies other than forces: by every name the knowledge lists ("HMIC", "His
 * Majesty's Inspectorate ..."), by its patterns ("{place} Police and Crime
 * Panel"), and by the shape of a name ending in a head noun ("the Regional
 * Scrutiny Group"). A name followed by "report" is the report's title. A
 * title of the inspectorate ("His Majesty's Inspector of Constabulary", as a
 * letter's signature) names the inspectorate where the text names it no
 * other way.
 */
/** A capitalised word after a title on the same line: most likely the name of its holder. */
const NAME_AFTER = /^[ \t]*,?[ \t]+\p{Lu}/u;

export const organisationExtractor: Extractor = {
  name: 'organisations',
  extract(input, found) {
    const { document, sentences, lexicon } = input;
    const text = document.text;
    const knowledge = lexicon.knowledge;
    const forces = found.of('force');
    // Longest first; at equal length a listed name beats a pattern, a pattern beats a name's shape.
    const listed = lexicon.organisations.find(text);
    // A name's shape is weaker evidence than a listed name or a force inside it ("HMIC and HM Inspectorate of ...").
    const shaped = headedBodies(text, sentences, knowledge, taggingOf(input), [...listed, ...forces]).filter((m) => ![...listed, ...forces].some((k) => overlaps(k, m)));
    const candidates = [
      ...listed.map((m) => ({ m, rank: 0 })),
      ...patternedBodies(text, knowledge).map((m) => ({ m, rank: 1 })),
      ...shaped.map((m) => ({ m, rank: 2 })),
    ].sort((a, b) => b.m.end - b.m.start - (a.m.end - a.m.start) || a.rank - b.rank || a.m.start - b.m.start);
    const kept: GazetteerMatch[] = [];
    for (const { m } of candidates) {
      if (kept.some((k) => overlaps(k, m))) continue;
      // A force name as long as the organisation's is the force ("Metropolitan Police" in "... Police Federation" is not).
      if (forces.some((f) => overlaps(f, m) && f.end - f.start >= m.end - m.start)) continue;
      if (namesDocument(text, m.end, knowledge)) continue;
      kept.push(m);
    }
    const out: Mention[] = kept
      .sort((a, b) => a.start - b.start)
      .map((m) => ({ kind: 'organisation', name: m.canonical, surface: m.surface, start: m.start, end: m.end, extractor: 'organisations' }));
    const named = new Set(out.map((o) => (o as { name: string }).name));
    for (const t of lexicon.titles.find(text)) {
      const org = lexicon.titleOrganisation.get(t.canonical);
      if (!org || named.has(org) || !knowledge.organisations.some((o) => o.name === org && o.kind === 'inspectorate')) continue;
      // A title before a name is that person's role ("Chief Inspector ..., Sir Jo Bloggs"): the person acts, not the body.
      if (NAME_AFTER.test(text.slice(t.end, t.end + 40))) continue;
      named.add(org);
      out.push({ kind: 'organisation', name: org, surface: t.surface, start: t.start, end: t.end, extractor: 'organisations' });
    }
    return out;
  },
};
