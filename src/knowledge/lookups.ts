/**
 * Lookups over the loaded knowledge: the force, organisation or title a
 * written form names, a person's name without honorifics, gazetteer entries.
 */
import { alternation, fold } from '../util/text.ts';
import { loadKnowledge, type Knowledge } from './load.ts';
import type { Force, Organisation, Title } from './schemas.ts';
import { namedIndexed, type IndexedTerm } from './term-index.ts';

function lookup<T>(terms: readonly IndexedTerm<T>[], surface: string): T | undefined {
  const tryOne = (s: string): T | undefined => {
    const key = fold(s, 'key');
    const caseKey = fold(s, 'casedKey');
    return terms.find((t) => t.key === key && (!t.caseSensitive || t.caseKey === caseKey))?.target;
  };
  // Exact form first ("Barnardo's"), then without a possessive ("the Met's").
  return tryOne(surface) ?? (/'s?$/.test(fold(surface, 'key')) ? tryOne(surface.replace(/[’']s?\s*$/u, '')) : undefined);
}

/** The force a whole written form names ("the Met", "GMP", "Devon & Cornwall Police"), or undefined. */
export function resolveForce(surface: string, knowledge: Knowledge = loadKnowledge()): Force | undefined {
  return lookup(knowledge.index.forceTerms, surface);
}

/** The organisation a whole written form names ("Her Majesty's Inspectorate of Constabulary" -> HMICFRS). Generic references are not resolved. */
export function resolveOrganisation(surface: string, knowledge: Knowledge = loadKnowledge()): Organisation | undefined {
  return lookup(knowledge.index.organisationTerms, surface);
}

/** The title a whole written form is a variant of ("Det. Ch. Supt." -> Detective Chief Superintendent). */
export function resolveTitle(surface: string, knowledge: Knowledge = loadKnowledge()): Title | undefined {
  return lookup(knowledge.index.titleTerms, surface);
}

/**
 * Removes leading honorifics (with or without a dot, several in a row:
 * "The Rt Hon Sir") and trailing post-nominals ("KPM", ", QPM") from a
 * person's name. Honorifics must be capitalised as listed.
 */
export function stripHonorifics(name: string, knowledge: Knowledge = loadKnowledge()): string {
  const lead = new RegExp(`^(?:${alternation(knowledge.honorifics.honorifics)})\\.?\\s+`, 'u');
  const trail = new RegExp(`(?:,?\\s+(?:${alternation(knowledge.honorifics.postNominals)}))+\\s*$`, 'u');
  let out = name.normalize('NFKC').replace(/\s+/g, ' ').trim();
  for (let prev = ''; prev !== out; ) {
    prev = out;
    out = out.replace(lead, ''); // needs a following word, so a name is never emptied
  }
  if (knowledge.honorifics.postNominals.length) out = out.replace(trail, '');
  return out.trim();
}

/**
 * Entries shaped like src/nlp/gazetteer.ts GazetteerEntry ({ canonical,
 * forms, caseSensitiveForms }) for forces, organisations or titles. The
 * canonical name is a form unless an alias with the same text is
 * case-sensitive (then only that alias).
 */
export function gazetteerEntries(
  kind: 'forces' | 'organisations' | 'titles',
  knowledge: Knowledge = loadKnowledge(),
): { canonical: string; forms: string[]; caseSensitiveForms: string[]; excludePhrases?: string[] }[] {
  const build = (canonical: string, terms: IndexedTerm<unknown>[]) => ({
    canonical,
    forms: terms.filter((t) => !t.caseSensitive && t.text !== canonical).map((t) => t.text),
    caseSensitiveForms: terms.filter((t) => t.caseSensitive).map((t) => t.text),
  });
  if (kind === 'forces') return knowledge.forces.map((f) => ({ ...build(f.name, namedIndexed(f.name, f.aliases, 'alias', f)), excludePhrases: f.excludePhrases }));
  if (kind === 'organisations') {
    return knowledge.organisations.map((o) => {
      const entry = build(o.name, namedIndexed(o.name, o.aliases, 'alias', o));
      const naming = o.namingReferences;
      return {
        ...entry,
        forms: [...entry.forms, ...naming.filter((t) => !t.caseSensitive).map((t) => t.text)],
        caseSensitiveForms: [...entry.caseSensitiveForms, ...naming.filter((t) => t.caseSensitive).map((t) => t.text)],
      };
    });
  }
  return knowledge.titles.map((t) => build(t.title, namedIndexed(t.title, t.variants, 'variant', t)));
}
