import { describe, expect, it } from 'vitest';
import { FoundMentions, type ExtractionInput } from '../../src/extract/context.ts';
import { EXTRACTORS } from '../../src/extract/extract-document.ts';
import { extractPeople } from '../../src/extract/extractors/people.ts';
import { defaultLexicon } from '../../src/extract/lexicon.ts';
import { generateDocuments } from '../../src/generate/corpus.ts';
import { parseRawFile } from '../../src/ingest/parse-document.ts';
import { splitParagraphs, splitSentences } from '../../src/nlp/sentences.ts';
import { analyseFixture, devDocumentNames } from '../helpers/fixtures.ts';

/** The input and the mentions of the extractors that run before people. */
function beforePeople(input: ExtractionInput): FoundMentions {
  const found = new FoundMentions();
  for (const extractor of EXTRACTORS) {
    if (extractor.name === 'people') break;
    found.add(extractor.extract(input, found));
  }
  return found;
}

function inputOf(text: string, path: string): ExtractionInput {
  const lexicon = defaultLexicon();
  const document = parseRawFile({ path, relativePath: path, bytes: new TextEncoder().encode(text) }, { today: '2025-07-01' }).document!;
  return { document, sentences: splitSentences(document.text, lexicon.abbreviations), paragraphs: splitParagraphs(document.text), lexicon };
}

describe('people: the cheap first pass', () => {
  // compromise runs only on paragraphs that can change the result; tagging every paragraph must give the same people.
  it('finds the people tagging every paragraph finds, in the dev documents', () => {
    for (const name of devDocumentNames()) {
      const { analysis } = analyseFixture(name);
      const input: ExtractionInput = { document: analysis.document, sentences: analysis.sentences, paragraphs: analysis.paragraphs, lexicon: defaultLexicon() };
      const found = beforePeople(input);
      expect(extractPeople(input, found), name).toEqual(extractPeople(input, found, { everyParagraph: true }));
    }
  });

  it('and in generated documents of every template', () => {
    for (const doc of generateDocuments({ count: 60, seed: 11 })) {
      const input = inputOf(doc.text, doc.path);
      const found = beforePeople(input);
      expect(extractPeople(input, found), doc.path).toEqual(extractPeople(input, found, { everyParagraph: true }));
    }
  }, 120_000);
});

describe('people: names read line by line', () => {
  // Names before "who" and before post-nominals are looked for only in the lines that hold "who",
  // a bracket or post-nominal letters; a line's ends must read as the text's line breaks do.
  it('finds them on the first, a middle and the last line, and at a line end', () => {
    const text = [
      'Zorbek Quillan MP said the force had improved.',
      'The review was led by John Doe QPM OBE, Chief Executive, and others.',
      'It was raised by Mxyl Dorrance (Anytown) (Lab)',
      'The post goes to Jan Kowalczyk, who was deputy chief constable.',
      'It was Piet Hein who',
    ].join('\n');
    const input = inputOf(text, 'lines.txt');
    const names = extractPeople(input, beforePeople(input)).map((m) => (m as { name: string }).name);
    expect(names).toEqual(expect.arrayContaining(['Zorbek Quillan', 'John Doe', 'Mxyl Dorrance', 'Jan Kowalczyk', 'Piet Hein']));
  });
});
