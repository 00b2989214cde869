import { describe, expect, it } from 'vitest';
import { parseRawFile } from '../../src/ingest/parse-document.ts';
import { analyseDocument } from '../../src/extract/extract-document.ts';
import type { MentionOf } from '../../src/model/mention.ts';

/** The stage events found in a text written for the test, with their dates. */
function stageEventDates(body: string, publishedAt: string) {
  const front = `---\npublishedAt: ${publishedAt}\n---\n`;
  const { document } = parseRawFile({ path: 't.txt', relativePath: 't.txt', bytes: new TextEncoder().encode(front + body) });
  return analyseDocument(document!)
    .mentions.filter((m): m is MentionOf<'stageEvent'> => m.kind === 'stageEvent')
    .map((e) => [e.change, e.date]);
}

describe('the date a stage event takes from its sentence', () => {
  it('is not cut off by a name set off by commas', () => {
    expect(
      stageEventDates('Durham Constabulary was put into special measures by the inspectorate, HMICFRS, in 2021 after a run of failures.', '2023-02-01'),
    ).toEqual([['entered', '2021']]);
  });

  it('takes a relative month at the year its modifier gives', () => {
    expect(stageEventDates('Durham Constabulary was placed into enhanced monitoring in October last year.', '2023-02-01')).toEqual([['entered', '2022-10']]);
    expect(stageEventDates('Durham Constabulary has been in special measures since August 2021.', '2023-02-01')).toEqual([['entered', '2021-08']]);
  });

  it('takes a month written alone in the direction of its tense', () => {
    expect(stageEventDates('Durham Constabulary was moved into Engage in November.', '2023-02-01')).toEqual([['entered', '2022-11']]);
  });

  it("takes the text's today for a change under way as it is written", () => {
    const text = 'Durham Constabulary is being placed in special measures after a string of failures. The minister backed the steps the inspectorate took today.';
    expect(stageEventDates(text, '2023-02-01')).toEqual([['entered', '2023-02-01']]);
    expect(stageEventDates('Durham Constabulary is being placed in special measures after a string of failures.', '2023-02-01')).toEqual([['entered', null]]);
  });
});
