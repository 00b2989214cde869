import nlp from 'compromise';
import type { QuoteVocabulary } from '../knowledge/quotes.ts';
import { alternation, phraseLiteral } from '../util/text.ts';

/** The quotation vocabulary compiled into matchers (see src/knowledge/quotes.yaml). */
export interface QuoteLexicon {
  /** Any inflected form of a reporting verb, as a whole word ("said", "has written", "pointed out"). */
  reportingVerb: RegExp;
  /** A document that speaks for its author: "the report", "the letter". */
  sourceNoun: RegExp;
  authorOfSource(noun: string): 'inspectorate' | 'writer' | undefined;
  /** "spokesman", "spokesperson". */
  spokesperson: RegExp;
  /** Forms of the verb "write": the author of a letter is its writer. */
  writeVerb: RegExp;
  /** Quoted labels that are not quotations, normalised (lower case, single spaces). */
  notQuotations: ReadonlySet<string>;
}

const WORD_START = '(?<![\\p{L}\\p{N}])';
const WORD_END = '(?![\\p{L}\\p{N}])';

/** Every inflection of a (possibly phrasal) verb: "point out" -> "points out", "pointed out", ... */
export function inflections(lemma: string): string[] {
  const [head, ...rest] = lemma.trim().split(/\s+/);
  const tail = rest.length ? ` ${rest.join(' ')}` : '';
  const doc = nlp(head!);
  doc.tag('Verb');
  const conjugated = (doc.verbs().conjugate()[0] ?? {}) as Record<string, string>;
  const forms = new Set<string>([head!]);
  for (const key of ['Infinitive', 'PastTense', 'PresentTense', 'Gerund', 'Participle']) {
    const form = conjugated[key];
    if (form && !form.includes(' ')) forms.add(form);
  }
  return [...forms].map((f) => f + tail);
}

/** A phrase as a regex source: any white space, a hyphen optional and of any kind. */
const phraseSource = (p: string) => phraseLiteral(p).replace(/-/g, '[-‐–]?');

export function normaliseLabel(s: string): string {
  return s.toLowerCase().replace(/[’‘]/g, "'").replace(/[^\p{L}\p{N}' ]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

export function buildQuoteLexicon(vocabulary: QuoteVocabulary): QuoteLexicon {
  const verbForms = vocabulary.reportingVerbs.flatMap((v) => [...inflections(v.lemma), ...v.forms]);
  const authors = new Map(vocabulary.sourceNouns.map((s) => [normaliseLabel(s.noun), s.author] as const));
  return {
    reportingVerb: new RegExp(`${WORD_START}(?:${alternation(verbForms, phraseSource)})${WORD_END}`, 'giu'),
    sourceNoun: new RegExp(`${WORD_START}(?:${alternation(vocabulary.sourceNouns.map((s) => s.noun), phraseSource)})${WORD_END}`, 'giu'),
    authorOfSource: (noun) => authors.get(normaliseLabel(noun)),
    spokesperson: new RegExp(`${WORD_START}(?:${alternation(vocabulary.spokespersonNouns, phraseSource)})${WORD_END}`, 'giu'),
    writeVerb: new RegExp(`${WORD_START}(?:${alternation(inflections('write'), phraseSource)})${WORD_END}`, 'iu'),
    notQuotations: new Set(vocabulary.notQuotations.map(normaliseLabel)),
  };
}
