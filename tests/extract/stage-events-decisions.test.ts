import { describe, expect, it } from 'vitest';
import { parseRawFile } from '../../src/ingest/parse-document.ts';
import { analyseDocument } from '../../src/extract/extract-document.ts';
import type { MentionKind, MentionOf } from '../../src/model/mention.ts';

/** Extract from a text written for the test, with optional front matter. */
function extract(body: string, front: Record<string, string> = {}) {
  const head = Object.keys(front).length ? `---\n${Object.entries(front).map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n` : '';
  const { document } = parseRawFile({ path: 't.txt', relativePath: 't.txt', bytes: new TextEncoder().encode(head + body) });
  const analysis = analyseDocument(document!);
  const of = <K extends MentionKind>(kind: K) => analysis.mentions.filter((m): m is MentionOf<K> => m.kind === kind);
  const events = () => [...new Set(of('stageEvent').map((e) => `${e.force}|${e.stage}|${e.change}`))].sort();
  const decisions = () => [...new Set(of('decision').map((d) => `${d.actor}|${d.act}|${d.force}|${d.change}`))].sort();
  return { of, events, decisions };
}

describe('stage events of several forces', () => {
  it('gives each force of a list its own event', () => {
    const { events } = extract('Kent Police, Dorset Police and Lancashire Constabulary were placed in special measures on 3 May 2023.');
    expect(events()).toEqual(['Dorset Police|Engage|entered', 'Kent Police|Engage|entered', 'Lancashire Constabulary|Engage|entered']);
  });

  it('takes "the force" as the nearest force named before it, not the first of the page', () => {
    const { events } = extract(
      'Durham Constabulary was moved into Engage in 2021 and remains there.\n\nEssex Police has improved its call handling. The force has been taken out of special measures.',
    );
    expect(events()).toEqual(['Durham Constabulary|Engage|entered', 'Essex Police|Engage|exited']);
  });

  it('reads a count of forces in a stage with the forces the next sentence lists', () => {
    const { events } = extract('There are now four forces in the Engage phase. They are Kent Police, Dorset Police, Sussex Police and Surrey Police.');
    expect(events()).toEqual(['Dorset Police|Engage|entered', 'Kent Police|Engage|entered', 'Surrey Police|Engage|entered', 'Sussex Police|Engage|entered']);
  });
});

describe('bullet lists of forces', () => {
  it('gives each listed force the change of the intro, dated by its own line', () => {
    const { of, events } = extract(
      [
        'Two forces remain under enhanced monitoring:',
        '',
        '- Lancashire Constabulary (since February 2024)',
        '- Durham Constabulary',
        '',
        'Forces that have come out of it this year:',
        '',
        '- Dorset Police, in April',
        '- Surrey Police (removed from Engage on 2 July 2025)',
      ].join('\n'),
      { publishedAt: '2025-09-01' },
    );
    expect(events()).toEqual(['Dorset Police|Engage|exited', 'Durham Constabulary|Engage|entered', 'Lancashire Constabulary|Engage|entered', 'Surrey Police|Engage|exited']);
    const dated = Object.fromEntries(of('stageEvent').map((e) => [e.force, e.date]));
    expect(dated).toEqual({ 'Lancashire Constabulary': '2024-02', 'Durham Constabulary': null, 'Dorset Police': '2025-04', 'Surrey Police': '2025-07-02' });
  });

  it('reads a noun that refers back to the stage named before ("left the regime in 2021")', () => {
    const { of, events } = extract('Lancashire Constabulary was put under enhanced monitoring in 2019. It left the regime in 2021 after two years.');
    expect(events()).toEqual(['Lancashire Constabulary|Engage|entered', 'Lancashire Constabulary|Engage|exited']);
    expect(of('stageEvent').find((e) => e.change === 'exited')?.date).toBe('2021');
    expect(extract('Lancashire Constabulary was put under enhanced monitoring in 2019. It entered the process of hiring a new chief in 2021.').events()).toEqual([
      'Lancashire Constabulary|Engage|entered',
    ]);
  });

  it('reads no event from a list of forces whose intro names no stage', () => {
    const { events } = extract(['Inspectors visited these forces in the spring:', '', '- Lancashire Constabulary', '- Dorset Police'].join('\n'));
    expect(events()).toEqual([]);
  });
});

describe('stage changes in other words', () => {
  it('reads verbs of motion, possessives before the stage and a return to the default stage', () => {
    expect(extract('Lancashire Constabulary has been lifted out of special measures.').events()).toEqual(['Lancashire Constabulary|Engage|exited']);
    expect(extract('Durham Constabulary was plunged into special measures last week.').events()).toEqual(['Durham Constabulary|Engage|entered']);
    expect(extract('Essex Police has been put under the watchdog’s closest scrutiny.').events()).toEqual(['Essex Police|Engage|entered']);
    expect(extract('The inspectorate will return Kent Police to its default phase of monitoring.').events()).toEqual(['Kent Police|Engage|exited']);
  });

  it('states no event in a description of the process, a question or a wish', () => {
    expect(extract('Forces are moved into Engage when they fail to respond to concerns.').events()).toEqual([]);
    expect(extract('Kent Police is doing well. Will Kent Police be placed in special measures?').events()).toEqual([]);
    expect(extract('It is vital for residents that Kent Police moves out of Engage soon.').events()).toEqual([]);
    expect(extract('Sussex Police narrowly avoided being placed in special measures.').events()).toEqual([]);
  });
});

describe('decisions', () => {
  it('gives no decision for an unrelated decision or a promise of a report', () => {
    const { decisions } = extract('Kent Police was placed in Engage in 2022. The council decided to close two libraries. HMICFRS said more detail would be included in its next report.');
    expect(decisions()).toEqual([]);
  });

  it('reads the actor after the act noun, and the holder named for a title', () => {
    const { decisions } = extract(
      'His Majesty’s Chief Inspector of Constabulary Margaret Hale visited the county. The decision last week of the chief inspector to remove Kent Police from Engage was welcomed.',
    );
    expect(decisions()).toContain('Margaret Hale|decided|Kent Police|exited');
  });

  it('reads an announcement from a body and a body "according to" which a change happened', () => {
    expect(extract('Following the announcement from HMICFRS that Dorset Police is being removed from Engage, the mayor spoke.').decisions()).toEqual([
      'HMICFRS|announced|Dorset Police|exited',
    ]);
    expect(extract('Dorset Police has been placed into special measures, according to the inspectorate.').decisions()).toEqual([
      'HMICFRS|announced|Dorset Police|entered',
    ]);
  });

  it('makes a reporting verb an announcement of what it reports, not of a quotation it introduces', () => {
    expect(extract('Dorset Police has been removed from Engage after improving, the inspectorate said.').decisions()).toEqual(['HMICFRS|announced|Dorset Police|exited']);
    const quoted = extract('The commissioner, Amy Ward, said: “I am disappointed that Dorset Police is being placed in Engage.”');
    expect(quoted.decisions().filter((d) => d.startsWith('Amy Ward'))).toEqual([]);
  });

  it('gives an office named without its holder to its body, and nothing to a decision about something else', () => {
    expect(extract('The chief inspector decided to move Kent Police into Engage.').decisions()).toEqual(['HMICFRS|decided|Kent Police|entered']);
    expect(extract('The council decided to close two libraries after Kent Police was placed in special measures.').decisions()).toEqual([]);
  });

  it('gives a change to the nearer act, not to a statement that mentions that act', () => {
    const { decisions } = extract('The minister made a statement about Kent Police following the decision of the inspectorate to place the force in Engage.');
    expect(decisions()).toEqual(['HMICFRS|decided|Kent Police|entered']);
  });

  it('gives "it" the body named before it, and no announcement of something else', () => {
    const { decisions } = extract('HMICFRS revealed the findings of its inspection in May, when it moved Kent Police into Engage.');
    expect(decisions()).toEqual(['HMICFRS|decided|Kent Police|entered']);
  });

  it('gives "I" in a letter to its signer and "we" to the signer’s body', () => {
    const { decisions } = extract(
      [
        'From',
        'John Pike',
        'His Majesty’s Inspector of Constabulary',
        '',
        'To',
        'Chief Constable of Kent Police',
        '',
        'I am writing to inform you that the chief inspector has decided to remove Kent Police from Engage.',
        '',
        'In 2021 we moved Kent Police into Engage.',
      ].join('\n\n'),
    );
    expect(decisions()).toEqual(expect.arrayContaining(['John Pike|announced|Kent Police|exited', 'HMICFRS|decided|Kent Police|exited', 'HMICFRS|decided|Kent Police|entered']));
  });
});

describe('reactions to a decision', () => {
  it('gives the reacting person no act: welcoming, describing, criticising, saying it was right', () => {
    const { decisions } = extract(
      [
        'Avon and Somerset Police has been taken out of special measures, the inspectorate announced.',
        'The mayor, Dan Norris, welcomed the decision and thanked officers.',
        'Chief Constable Sarah Crew described the decision as "a turning point".',
        'Councillor Tom Hale said the decision was right but criticised the timing.',
        'The commissioner, Clare Moody, hailed the announcement.',
      ].join('\n\n'),
    );
    expect(decisions()).toEqual(['HMICFRS|announced|Avon and Somerset Constabulary|exited']);
  });

  it('takes the decider of a decision noun from its possessor, its "by" agent or a verb that makes it', () => {
    expect(extract('Dorset Police was placed in Engage. Commissioner Amy Ward accepted the inspectorate’s decision.').decisions()).toEqual(['HMICFRS|decided|Dorset Police|entered']);
    expect(extract('Dorset Police was placed in Engage. The decision by Margaret Hale was questioned by the commissioner, Amy Ward.').decisions()).toEqual([
      'Margaret Hale|decided|Dorset Police|entered',
    ]);
    expect(extract('Dorset Police was placed in Engage. Margaret Hale made the decision after a long review.').decisions()).toEqual(['Margaret Hale|decided|Dorset Police|entered']);
  });

  it('gives a change passively reported no agent of a reaction, and a reaction no change it mentions', () => {
    expect(extract('The decision to remove Suffolk Constabulary from special measures was welcomed by the commissioner, Tim Passmore.').decisions()).toEqual([
      'HMICFRS|decided|Suffolk Constabulary|exited',
    ]);
    const { decisions } = extract('The chief constable, Rachel Kearton, said that staff were disappointed by the decision to place Suffolk Constabulary in Engage.');
    expect(decisions()).toEqual(['HMICFRS|decided|Suffolk Constabulary|entered']);
  });

  it('gives both acts where a verb makes its own decision noun', () => {
    expect(extract('The inspectorate announced its decision to move Suffolk Constabulary into Engage.').decisions()).toEqual([
      'HMICFRS|announced|Suffolk Constabulary|entered',
      'HMICFRS|decided|Suffolk Constabulary|entered',
    ]);
  });
});

describe('verbs of escalation', () => {
  it('reads the stage from the direction: escalate into Engage, de-escalate or step down out of it', () => {
    expect(extract('HMICFRS has decided to escalate Lincolnshire Police after finding serious failings.').events()).toEqual(['Lincolnshire Police|Engage|entered']);
    expect(extract('Lincolnshire Police has improved. Inspectors recommended that the force be de-escalated.').decisions()).toEqual([
      'HMICFRS|recommended|Lincolnshire Police|exited',
    ]);
    expect(extract('Lincolnshire Police has improved, and in May 2024 the inspectorate stepped down its level of monitoring.').events()).toEqual([
      'Lincolnshire Police|Engage|exited',
    ]);
    expect(extract('The watchdog has de-escalated Lincolnshire Police from enhanced monitoring.').events()).toEqual(['Lincolnshire Police|Engage|exited']);
  });

  it('reads no escalation of something else, nor a hedged or general one', () => {
    expect(extract('Lincolnshire Police said complaints were escalated to senior officers.').events()).toEqual([]);
    expect(extract('Lincolnshire Police could be escalated if it fails to improve.').events()).toEqual([]);
    expect(extract('Lincolnshire Police was inspected. Forces may be escalated when inspectors have serious concerns.').events()).toEqual([]);
    expect(extract('Lincolnshire Police chief constable Ian Marsh is to step down in the spring.').events()).toEqual([]);
  });
});

describe('act nouns that point back', () => {
  it('reads a possessed decision as pointing back, but not one with content of its own', () => {
    expect(extract('Suffolk Constabulary was removed from Engage. The commissioner noted HMICFRS’s decision.').decisions()).toEqual(['HMICFRS|decided|Suffolk Constabulary|exited']);
    expect(extract('Suffolk Constabulary was removed from Engage. The Home Office’s decision to cut funding was criticised.').decisions()).toEqual([]);
  });
});

describe('accepting a recommendation', () => {
  it('makes whoever accepts or approves a recommendation its decider, and leaves the recommendation its author’s', () => {
    const { decisions } = extract(
      'Inspector Priya Shah recommended that Suffolk Constabulary be moved out of Engage. The chief inspector, Margaret Hale, approved the recommendation.',
    );
    expect(decisions()).toEqual(['Margaret Hale|decided|Suffolk Constabulary|exited', 'Priya Shah|recommended|Suffolk Constabulary|exited']);
  });

  it('reads "agreed to" as a decision, and accepting a decision as a reaction', () => {
    expect(extract('Inspectors agreed to return Suffolk Constabulary to routine monitoring.').decisions()).toEqual(['HMICFRS|decided|Suffolk Constabulary|exited']);
    expect(extract('Suffolk Constabulary was moved into Engage. The chief constable, Rachel Kearton, accepted the decision.').decisions()).toEqual([]);
  });

  it('gives a recommendation set before the decision that follows it its own act on the same change', () => {
    const { decisions } = extract(
      'Following the recommendation of Inspector Priya Shah, the chief inspector Margaret Hale has decided that Suffolk Constabulary will leave enhanced monitoring.',
    );
    expect(decisions()).toEqual(['Margaret Hale|decided|Suffolk Constabulary|exited', 'Priya Shah|recommended|Suffolk Constabulary|exited']);
    // A decision that only follows another act ("following the announcement of ...") leaves that act its own.
    expect(extract('After the announcement by the mayor, Margaret Hale decided that Suffolk Constabulary will leave enhanced monitoring.').decisions()).toEqual([
      'Margaret Hale|decided|Suffolk Constabulary|exited',
    ]);
  });
});

describe('hedges and reactions around a change', () => {
  it('reads no change that someone called for, and no announcement in a feeling about a change', () => {
    expect(extract('Mr Hale, who had called for Suffolk Constabulary to be put into special measures, spoke at the meeting.').events()).toEqual([]);
    expect(extract('Commissioner Tim Passmore said he was thrilled that Suffolk Constabulary had been taken out of special measures.').decisions()).toEqual([]);
  });

  it('reads "inform you of my decision to ..." as both acts of the writer', () => {
    const { decisions } = extract(
      ['Dear Chief Constable,', 'I write to inform you of my decision to move Suffolk Constabulary into Engage.', 'Yours sincerely,', 'Margaret Hale', 'His Majesty’s Chief Inspector of Constabulary'].join('\n\n'),
    );
    expect(decisions()).toEqual(['Margaret Hale|announced|Suffolk Constabulary|entered', 'Margaret Hale|decided|Suffolk Constabulary|entered']);
  });
});

describe('more ways of stating a change', () => {
  it('reads the stage as a pronoun after a sentence naming it, and an ended stage', () => {
    expect(extract('Suffolk Constabulary was put in special measures in 2021. It came out of them in 2023.').events()).toEqual([
      'Suffolk Constabulary|Engage|entered',
      'Suffolk Constabulary|Engage|exited',
    ]);
    expect(extract('Suffolk Constabulary improved. The council has left it to the force to decide.').events()).toEqual([]);
    expect(extract('The inspectorate has ended its enhanced monitoring of Suffolk Constabulary.').events()).toEqual(['Suffolk Constabulary|Engage|exited']);
  });

  it('reads a reported "would" as a future, but not a conditional or negated one', () => {
    expect(extract('Suffolk Constabulary was told it would be taken out of special measures.').events()).toEqual(['Suffolk Constabulary|Engage|exited']);
    expect(extract('Inspectors said Suffolk Constabulary would be placed in Engage if it did not improve.').events()).toEqual([]);
    expect(extract('Inspectors said Suffolk Constabulary would not be placed in Engage.').events()).toEqual([]);
  });
});
