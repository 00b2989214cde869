import { describe, expect, it } from 'vitest';
import { parseRawFile } from '../../src/ingest/parse-document.ts';
import { analyseDocument } from '../../src/extract/extract-document.ts';
import { splitParagraphs } from '../../src/nlp/sentences.ts';
import { findQuotations } from '../../src/extract/extractors/quotes/marks.ts';
import { inflections } from '../../src/extract/quote-lexicon.ts';
import type { MentionOf } from '../../src/model/mention.ts';

/** Quotes from a text written for the test: [speaker, first words]. */
function quotes(body: string): Array<[string | null, string]> {
  const { document } = parseRawFile({ path: 't.txt', relativePath: 't.txt', bytes: new TextEncoder().encode(body) });
  const mentions = analyseDocument(document!).mentions.filter((m): m is MentionOf<'quote'> => m.kind === 'quote');
  return mentions.map((q) => [q.speaker, q.text.split(/\s+/).slice(0, 4).join(' ')]);
}

function spans(body: string): string[] {
  return findQuotations(body, splitParagraphs(body)).map((q) => body.slice(q.start, q.end));
}

describe('quotation marks', () => {
  it('tells single quotation marks from apostrophes by the word boundary', () => {
    expect(spans("The force's officers said the '90s were 'a harder time for everyone' and didn't argue.")).toEqual(['a harder time for everyone']);
    expect(spans('She called it ‘a long road back’, and the chief’s team agreed.')).toEqual(['a long road back']);
  });

  it('keeps a quoted label inside a quotation as part of it', () => {
    expect(spans('He said: “We want to leave ‘enhanced monitoring’ soon.” Then he left.')).toEqual(['We want to leave ‘enhanced monitoring’ soon.']);
    expect(spans("He said: 'We are glad to leave 'Engage' behind us.'")).toEqual(["We are glad to leave 'Engage' behind us."]);
  });

  it('reads two single marks as one double closing mark', () => {
    expect(spans("The review calls the unit “short of staff at every level,'' the paper says.")).toEqual(['short of staff at every level,']);
  });

  it('carries a quotation over paragraphs that each open with a mark', () => {
    expect(spans('He said: ‘First we listen.\n\n‘Then we act on what we hear.’')).toEqual(['First we listen.\n\n‘Then we act on what we hear.']);
  });
});

describe('reporting verbs', () => {
  it('derives the inflections of a lemma, phrasal verbs too', () => {
    expect(inflections('write')).toEqual(expect.arrayContaining(['wrote', 'written', 'writes']));
    expect(inflections('point out')).toEqual(expect.arrayContaining(['pointed out', 'points out']));
  });
});

describe('speakers', () => {
  it('credits a short quoted phrase to the subject of the reporting verb', () => {
    expect(quotes('Chief Constable Alan Price praised the team for its ‘quiet determination’ during the winter.')).toEqual([['Alan Price', 'quiet determination']]);
    expect(quotes('Inspectors found “serious weaknesses” in how the force handled calls.')).toEqual([['HMICFRS', 'serious weaknesses']]);
  });

  it('credits the agent of a passive reporting verb, and no one when the agent is unknown', () => {
    expect(quotes('The control room was described as “badly stretched” by inspectors last year.')).toEqual([['HMICFRS', 'badly stretched']]);
    expect(quotes('The force was branded “a shambles” by local residents.')).toEqual([]);
  });

  it('does not take stage names, grades or names in quotation marks for quotations', () => {
    expect(quotes('Inspectors said the force was moved into ‘special measures’ and its leadership was rated ‘Inadequate’.')).toEqual([]);
    expect(quotes('Inspectors said the force left the “Engage” process and launched its “Better Streets Plan” in May.')).toEqual([]);
  });

  it('reads the speaker named after the quotation', () => {
    expect(quotes('“We will not rest until every caller gets an answer,” said Chief Constable Alan Price.')).toEqual([['Alan Price', 'We will not rest']]);
    expect(quotes('Chief Constable Alan Price spoke on Monday.\n\n“Every caller deserves an answer within minutes,” Price said.')).toEqual([['Alan Price', 'Every caller deserves an']]);
    expect(quotes('The unit was “short of staff at every single level,” the report says.')).toEqual([['HMICFRS', 'short of staff at']]);
  });

  it('reads "according to" and a body named by "it"', () => {
    expect(quotes('According to the inspectorate, the force is “still some way from good”.')).toEqual([['HMICFRS', 'still some way from']]);
    expect(quotes('The HMICFRS guidance sets out the steps.\n\nIt adds: “Each force in this stage must publish a plan.”')).toEqual([['HMICFRS', 'Each force in this']]);
  });

  it('resolves "he" to the earlier subject, not a person named as an object', () => {
    const body =
      'Police and Crime Commissioner Tom Reed wrote to residents on Friday.\n\nHe thanked Chief Constable Alan Price for his work.\n\nHe said: “Alan’s leadership has been the key to this progress.”';
    expect(quotes(body)).toEqual([['Tom Reed', 'Alan’s leadership has been']]);
  });

  it('resolves "she" to the nearest person who fits', () => {
    const body = 'Chief Constable Sarah Jones welcomed the findings.\n\nCommissioner David Hughes met the inspectors on Monday.\n\nShe said: “We have turned a corner as a force this year.”';
    expect(quotes(body)).toEqual([['Sarah Jones', 'We have turned a']]);
  });

  it("credits a letter's words to its writer, over paragraphs, as one quote", () => {
    const body = 'Chief Constable Alan Price has written to staff about the inspection.\n\n“We have much to do, but we have started,” says the letter.\n\n“I am proud of every officer who has stayed the course.”';
    expect(quotes(body)).toEqual([['Alan Price', 'We have much to']]);
  });

  it('credits a quoted phrase in a list to the sentence that opens the list', () => {
    const body = 'The latest inspection found:\n\n■ Calls go unanswered for too long.\n\n■ There is a ‘chronic shortage’ of detectives.';
    expect(quotes(body)).toEqual([['HMICFRS', 'chronic shortage']]);
  });

  it('credits a quoted phrase to no one when its own clause has another subject', () => {
    expect(quotes('While the watchdog said the force had improved, the plan was welcomed by families who called it “a real change”.')).toEqual([]);
  });
});

describe('quotations split by their attribution', () => {
  it('joins the words after "said X." in the same paragraph to the quote they continue', () => {
    const body = '“We have listened to every complaint,” said Chief Constable Alan Price. “Now we must show that we have changed.”';
    expect(quotes(body)).toEqual([['Alan Price', 'We have listened to']]);
  });

  it('credits a force speaking as a body', () => {
    expect(quotes('A spokesperson for Kent Police said: “We accept the findings in full and will act on them.”')).toEqual([['Kent Police', 'We accept the findings']]);
  });
});
