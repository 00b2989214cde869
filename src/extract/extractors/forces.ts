import type { Mention } from '../../model/mention.ts';
import type { Extractor } from '../context.ts';
import { placesNamingForces } from './force-place-lists.ts';

/**
 * Police forces named in the text: from the gazetteer of all UK forces (names,
 * aliases, place names in a policing frame such as "police in Cleveland"), and
 * bare place names in a list of forces ("the Met, Kent and Essex").
 * "Nottinghamshire Police and Crime Commissioner" is a title, not the force:
 * the gazetteer drops matches that the knowledge's `notFollowedBy` extends.
 */
export const forceExtractor: Extractor = {
  name: 'forces',
  extract({ document, sentences, lexicon }) {
    const text = document.text;
    const named = lexicon.forces.find(text);
    const listed = placesNamingForces(text, sentences, named, lexicon.forcePlaces.find(text), lexicon.placeListCue);
    return [...named, ...listed]
      .sort((a, b) => a.start - b.start)
      .map((m): Mention => ({ kind: 'force', name: m.canonical, surface: m.surface, start: m.start, end: m.end, extractor: 'forces' }));
  },
};
