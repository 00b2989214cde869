import { describe, expect, it } from 'vitest';
import { parseRawFile } from '../../src/ingest/parse-document.ts';
import { analyseDocument } from '../../src/extract/extract-document.ts';
import type { MentionKind, MentionOf } from '../../src/model/mention.ts';

/** Extract from a text written for the test, with an optional publication date. */
function extract(body: string, publishedAt?: string) {
  const front = publishedAt ? `---\npublishedAt: ${publishedAt}\n---\n` : '';
  const { document } = parseRawFile({ path: 't.txt', relativePath: 't.txt', bytes: new TextEncoder().encode(front + body) });
  const analysis = analyseDocument(document!);
  const of = <K extends MentionKind>(kind: K) => analysis.mentions.filter((m): m is MentionOf<K> => m.kind === kind);
  return { text: document!.text, of };
}

describe('forces', () => {
  it('finds every spelling of a force under its official name, and not a PCC title', () => {
    const { of } = extract('The Met said MPS officers and Greater Manchester Police met. Devon & Cornwall Police agreed. Kent Police and Crime Commissioner spoke.');
    expect(of('force').map((f) => f.name)).toEqual(['Metropolitan Police Service', 'Metropolitan Police Service', 'Greater Manchester Police', 'Devon and Cornwall Police']);
  });
});

describe('people and roles', () => {
  it('reads titles before and after names, stripping honorifics', () => {
    const { of } = extract(
      "His Majesty's Inspector of Constabulary Lee Freeman said it. Sir Mark Rowley, the Met Commissioner, agreed. Mayor Sadiq Khan, in his role as the capital's police and crime commissioner, praised it.",
    );
    expect(of('person').map((p) => p.name)).toEqual(['Lee Freeman', 'Mark Rowley', 'Sadiq Khan']);
    const roles = of('role').map((r) => [r.person, r.title]);
    expect(roles).toContainEqual(['Lee Freeman', "His Majesty's Inspector of Constabulary"]);
    expect(roles).toContainEqual(['Mark Rowley', 'Met Commissioner']);
    expect(roles).toContainEqual(['Sadiq Khan', 'Mayor']);
    expect(roles).toContainEqual(['Sadiq Khan', 'police and crime commissioner']);
  });

  it('resolves a surname or an honorific and surname to the full name, and keeps forces out', () => {
    const { of } = extract('Chief Constable Richard Lewis wrote to staff. In a statement, Mr Lewis said it was right. Devon and Cornwall Police did not comment.');
    expect([...new Set(of('person').map((p) => p.name))]).toEqual(['Richard Lewis']);
  });
});

describe('quotes', () => {
  it('joins a quotation over several paragraphs and finds its speaker on the line before', () => {
    const { of } = extract('HM Inspector Roy Wilsher said:\n\n“We move forces into Engage when they do not respond.\n\n“The process provides extra scrutiny and support for the force.”\n\nAnother line.');
    const quotes = of('quote');
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatchObject({ speaker: 'Roy Wilsher', speakerKind: 'person' });
    expect(quotes[0]!.text).toMatch(/^We move forces.*extra scrutiny and support for the force\.$/s);
  });

  it('takes the speaker of \'"...," she said\' from the person named before', () => {
    const { of } = extract('Police and Crime Commissioner Alison Hernandez welcomed it. "This is a testament to the hard work of officers," she said.');
    expect(of('quote')[0]).toMatchObject({ speaker: 'Alison Hernandez' });
  });

  it('takes a speaker named after the quotation, or by a pronoun', () => {
    const after = extract('"The force has made real progress on its plans," said Chief Constable Jane Doe.');
    expect(after.of('quote')[0]).toMatchObject({ speaker: 'Jane Doe' });
    const pronoun = extract('Chief Constable Jane Doe leads the force.\n\nShe said: "We have made real progress this year."');
    expect(pronoun.of('quote')[0]).toMatchObject({ speaker: 'Jane Doe' });
  });
});

describe('stage events and decisions', () => {
  it('reads passive and active changes, with the date attached to the change', () => {
    const { of } = extract('Kent Police was moved into Engage on 3 May 2023. HMICFRS has removed the force from enhanced monitoring.', '2024-05-01');
    expect(of('stageEvent').map((e) => [e.force, e.stage, e.change, e.date])).toEqual([
      ['Kent Police', 'Engage', 'entered', '2023-05-03'],
      ['Kent Police', 'Engage', 'exited', null],
    ]);
    expect(of('decision').map((d) => [d.actor, d.act, d.change])).toContainEqual(['HMICFRS', 'decided', 'exited']);
  });

  it('ignores hedged and generic sentences about the process', () => {
    const { of } = extract('All police forces are in routine monitoring by default, but may be escalated to enhanced monitoring if they do not improve.');
    expect(of('stageEvent')).toEqual([]);
  });

  it('reads "special measures" as Engage and "returned to routine monitoring" as leaving it', () => {
    const { of } = extract('Essex Police has been placed in special measures. A year later the force returned to routine monitoring.');
    expect(of('stageEvent').map((e) => [e.stage, e.change])).toEqual([
      ['Engage', 'entered'],
      ['Engage', 'exited'],
    ]);
  });

  it('gives the decision to a named decider and the recommendation to the speaker who says "I"', () => {
    const { of } = extract(
      'His Majesty’s Chief Inspector of Constabulary, Sir Andy Cooke, has decided to remove Surrey Police from Engage.\n\nHM Inspector Roy Wilsher said: “I have recommended removing the service from our enhanced level of monitoring.”',
    );
    const decisions = of('decision').map((d) => [d.actor, d.act, d.force, d.change]);
    expect(decisions).toContainEqual(['Andy Cooke', 'decided', 'Surrey Police', 'exited']);
    expect(decisions).toContainEqual(['Roy Wilsher', 'recommended', 'Surrey Police', 'exited']);
  });

  it('dates a change from "today" and a weekday of the publication week', () => {
    const { of } = extract('Sussex Police has today been placed into Engage. HMICFRS announced the move on Monday.', '2024-03-13');
    const events = of('stageEvent');
    expect(events[0]).toMatchObject({ change: 'entered', date: '2024-03-13' });
    expect(events.some((e) => e.date === '2024-03-11')).toBe(true);
  });

  it('reads a quoted stage name in any case, and dates the change from the day it was announced', () => {
    const moved = extract('The force was moved into the "engage" phase of monitoring by HMICFRS on Friday. Essex Police has been placed into special measures.', '2020-12-18');
    expect(moved.of('stageEvent').map((e) => [e.force, e.change, e.date])).toContainEqual(['Essex Police', 'entered', '2020-12-18']);
    const announced = extract('Dorset Police has been removed from the Engage stage of monitoring, the police inspectorate announced on Wednesday.', '2025-02-14');
    expect(announced.of('stageEvent')[0]).toMatchObject({ change: 'exited', date: '2025-02-12' });
  });

  it('does not date a change with the date of another event', () => {
    const { of } = extract('HM Inspector Jane Roe recommended the move after a revisit in December 2024. Dorset Police was removed from Engage.', '2025-02-14');
    expect(of('stageEvent').map((e) => e.date)).toEqual([null]);
    expect(of('date').map((d) => d.text)).toEqual(['December 2024']);
  });

  it('marks "will enter" as still to come', () => {
    const { of } = extract('Cleveland Police will enter the national oversight process.', '2019-08-30');
    expect(of('stageEvent')[0]).toMatchObject({ change: 'entered', tense: 'future' });
  });
});
