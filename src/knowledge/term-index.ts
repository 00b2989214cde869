/**
 * The names, aliases and variants of the knowledge files as lookup entries,
 * each with its normalised keys, longest first.
 */
import { fold } from '../util/text.ts';
import { namedTerms, type Force, type Organisation, type Term, type Title } from './schemas.ts';
import type { KnowledgeFiles } from './validation.ts';

export interface IndexedTerm<T> {
  /** As written in the YAML. */
  text: string;
  /** fold(text, 'key'). */
  key: string;
  /** fold(text, 'casedKey'); compare with this when caseSensitive. */
  caseKey: string;
  caseSensitive: boolean;
  former: boolean;
  source: 'name' | 'alias' | 'variant';
  target: T;
}

export interface KnowledgeIndex {
  /** Force names and aliases, longest first. */
  forceTerms: IndexedTerm<Force>[];
  /** Organisation names and aliases, longest first. */
  organisationTerms: IndexedTerm<Organisation>[];
  /** Title canonical forms and variants, longest first. */
  titleTerms: IndexedTerm<Title>[];
  /**
   * Tokens ending in "." that do not end a sentence: honorifics.yaml
   * abbreviations plus every dotted token of a title variant ("Det.", "Ch.",
   * "Supt." from "Det. Ch. Supt."). As written, unique.
   */
  nonTerminalAbbreviations: string[];
}

function indexed<T>(text: string, term: Partial<Term>, source: IndexedTerm<T>['source'], target: T): IndexedTerm<T> {
  return {
    text,
    key: fold(text, 'key'),
    caseKey: fold(text, 'casedKey'),
    caseSensitive: term.caseSensitive ?? false,
    former: term.former ?? false,
    source,
    target,
  };
}

export function namedIndexed<T>(name: string, terms: readonly Term[], source: IndexedTerm<T>['source'], target: T): IndexedTerm<T>[] {
  return namedTerms(name, terms, 'x').map(({ term, path }) => indexed(term.text, term, path.length ? source : 'name', target));
}

function longestFirst<T>(terms: IndexedTerm<T>[]): IndexedTerm<T>[] {
  const seen = new Set<string>();
  return terms
    .filter((t) => {
      const id = `${t.caseSensitive ? t.caseKey : t.key}\u0000${t.caseSensitive}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .sort((a, b) => b.key.length - a.key.length || a.key.localeCompare(b.key));
}

export function buildIndex(files: KnowledgeFiles): KnowledgeIndex {
  const dotted = new Set<string>(files['honorifics.yaml'].abbreviations);
  for (const t of files['titles.yaml'].titles) {
    for (const v of [t.title, ...t.variants.map((x) => x.text)]) {
      for (const token of v.split(/\s+/)) if (/^[\p{L}/]+\.$/u.test(token)) dotted.add(token);
    }
  }
  return {
    forceTerms: longestFirst(files['forces.yaml'].forces.flatMap((f) => namedIndexed(f.name, f.aliases, 'alias', f))),
    organisationTerms: longestFirst(files['organisations.yaml'].organisations.flatMap((o) => namedIndexed(o.name, o.aliases, 'alias', o))),
    titleTerms: longestFirst(files['titles.yaml'].titles.flatMap((t) => namedIndexed(t.title, t.variants, 'variant', t))),
    nonTerminalAbbreviations: [...dotted],
  };
}
