import type { Document } from '../model/document.ts';
import type { Mention } from '../model/mention.ts';
import { splitParagraphs, splitSentences, type Paragraph, type Sentence } from '../nlp/sentences.ts';
import { FoundMentions, type ExtractionInput, type Extractor } from './context.ts';
import { Tagging } from '../nlp/tagging.ts';
import { defaultLexicon, type Lexicon } from './lexicon.ts';
import { forceExtractor } from './extractors/forces.ts';
import { organisationExtractor } from './extractors/organisations.ts';
import { dateExtractor } from './extractors/dates.ts';
import { peopleExtractor } from './extractors/people.ts';
import { roleExtractor } from './extractors/roles.ts';
import { quoteExtractor } from './extractors/quotes.ts';
import { stageEventExtractor } from './extractors/stage-events.ts';
import { decisionExtractor } from './extractors/decisions.ts';
import { areaExtractor } from './extractors/areas.ts';
import { detailExtractor } from './extractors/details.ts';

/** In dependency order: each extractor may read what the ones before it found. */
export const EXTRACTORS: readonly Extractor[] = [
  forceExtractor,
  organisationExtractor,
  dateExtractor,
  peopleExtractor,
  roleExtractor,
  quoteExtractor,
  stageEventExtractor,
  decisionExtractor,
  areaExtractor,
  detailExtractor,
];

export interface AnalysedDocument {
  document: Document;
  sentences: Sentence[];
  paragraphs: Paragraph[];
  mentions: Mention[];
}

/** Document to sentences and mentions. Pure: the same document always gives the same result. */
export function analyseDocument(document: Document, lexicon: Lexicon = defaultLexicon()): AnalysedDocument {
  const paragraphs = splitParagraphs(document.text);
  const sentences = splitSentences(document.text, lexicon.abbreviations);
  const input: ExtractionInput = { document, sentences, paragraphs, lexicon, tagging: new Tagging() };
  const found = new FoundMentions();
  for (const extractor of EXTRACTORS) found.add(extractor.extract(input, found));
  return { document, sentences, paragraphs, mentions: found.all() };
}
