import { describe, expect, it } from 'vitest';
import { analyseDocument } from '../../src/extract/extract-document.ts';
import { parseRawFile } from '../../src/ingest/parse-document.ts';
import type { MentionKind, MentionOf } from '../../src/model/mention.ts';

/** Extract from a text written for the test. */
function extract(body: string) {
  const { document } = parseRawFile({ path: 't.txt', relativePath: 't.txt', bytes: new TextEncoder().encode(body) });
  const analysis = analyseDocument(document!);
  const of = <K extends MentionKind>(kind: K) => analysis.mentions.filter((m): m is MentionOf<K> => m.kind === kind);
  const people = () => [...new Set(of('person').map((p) => p.name))];
  const rolesOf = (name: string) => [...new Set(of('role').filter((r) => r.person === name).map((r) => r.title))];
  return { of, people, rolesOf };
}

describe('roles: where the text puts them', () => {
  it('reads a title before the name with a possessive, an ordinal or "ex-"', () => {
    const { rolesOf } = extract("Yesterday Wessex's ninth chief constable Hannah Brightwater spoke to staff. Later ex-Wessex chief constable Tomas Pellow agreed.");
    expect(rolesOf('Hannah Brightwater')).toEqual(["Wessex's ninth chief constable"]);
    expect(rolesOf('Tomas Pellow')).toEqual(['ex-Wessex chief constable']);
  });

  it('reads an apposition with a possessive, and a "for <place>" complement', () => {
    const { rolesOf } = extract(
      'The plan was welcomed by Hannah Brightwater, the force’s chief constable, on Monday. Tomas Pellow, Police and Crime Commissioner for Wessex, said little.',
    );
    expect(rolesOf('Hannah Brightwater')).toEqual(['force’s chief constable']);
    expect(rolesOf('Tomas Pellow')).toEqual(['Police and Crime Commissioner for Wessex']);
  });

  it('reads what a person is or became, with the words that qualify the title', () => {
    const { rolesOf } = extract(
      'Hannah Brightwater, who in March became Wessex Police’s third chief in two years, wrote to staff. Tomas Pellow has today been named the next Commissioner of the Metropolitan Police. Ada Quist was a serving police officer.',
    );
    expect(rolesOf('Hannah Brightwater')).toEqual(['Wessex Police’s third chief']);
    expect(rolesOf('Tomas Pellow')).toEqual(['next Commissioner of the Metropolitan Police']);
    expect(rolesOf('Ada Quist')).toEqual(['serving police officer']);
  });

  it('takes a lower-case remit after a title that needs one', () => {
    const { rolesOf } = extract('The review was led by Ada Quist, the former head of public protection and a trusted officer.');
    expect(rolesOf('Ada Quist')).toEqual(['former head of public protection']);
  });

  it('does not take a title the person only spoke to', () => {
    const { rolesOf } = extract('Hannah Brightwater was speaking to the Home Secretary about the plan.');
    expect(rolesOf('Hannah Brightwater')).toEqual([]);
  });

  it('keeps the title off the name', () => {
    const { people } = extract('Wessex chief constable Hannah Brightwater said so. Commissioner Sir Tomas Pellow KPM agreed.');
    expect(people()).toEqual(['Hannah Brightwater', 'Tomas Pellow']);
  });
});

describe('letters', () => {
  const letter = [
    'From:',
    'HMI Hannah Brightwater OBE',
    'His Majesty’s Inspector of Constabulary',
    'His Majesty’s Inspector of Fire & Rescue Services',
    '',
    'To:',
    'Tomas Pellow',
    'Chief Constable',
    'Wessex Police',
    '',
    'Cc',
    'Ada Quist',
    'Police and Crime Commissioner',
    '',
    'Sent by email on',
    '2 May 2025',
    '',
    'Dear Tomas,',
    '',
    'We revisited the force in April to review its progress.',
    '',
    'Yours sincerely,',
    '',
    'Hannah Brightwater',
  ].join('\n');

  it('finds the people of the address blocks and none of the labels', () => {
    expect(extract(letter).people().sort()).toEqual(['Ada Quist', 'Hannah Brightwater', 'Tomas Pellow']);
  });

  it('takes each title line under a name as a role, and the full title over its abbreviation', () => {
    const { rolesOf } = extract(letter);
    expect(rolesOf('Hannah Brightwater')).toEqual(['His Majesty’s Inspector of Constabulary', 'His Majesty’s Inspector of Fire & Rescue Services']);
    expect(rolesOf('Tomas Pellow')).toEqual(['Chief Constable']);
    expect(rolesOf('Ada Quist')).toEqual(['Police and Crime Commissioner']);
  });

  it('keeps an abbreviation the text never writes out', () => {
    expect(extract('HMI Hannah Brightwater visited the force.').rolesOf('Hannah Brightwater')).toEqual(['HMI']);
  });
});

describe('people compromise does not tag', () => {
  it('finds a member by post-nominal or parliamentary party label', () => {
    const { people } = extract('Hannah Brightwater AM, who chairs the committee, spoke first.\n\nTomas Pellow (Wessex North) (Con)\n\nI thank the Minister.');
    expect(people()).toEqual(['Hannah Brightwater', 'Tomas Pellow']);
  });

  it('finds a name that "who" refers to, and the other names of a list with a known name', () => {
    const { people } = extract(
      'The board replaced Brannoc Tulliver, who resigned in May. The families of Sarah Jones, Ffion Aberdaron and Kestrel Mawgan met the panel.',
    );
    expect(people().sort()).toEqual(['Brannoc Tulliver', 'Ffion Aberdaron', 'Kestrel Mawgan', 'Sarah Jones']);
  });

  it('finds an unknown full name whose surname comes back alone as a person', () => {
    const { people } = extract('The men were attacked by Orvil Trengrouse in a park. Relatives said Trengrouse’s sentence was too short.');
    expect(people()).toEqual(['Orvil Trengrouse']);
  });

  it('finds the person a body is named after', () => {
    expect(extract('The findings of the Daisy Pengelly Independent Panel were published.').people()).toEqual(['Daisy Pengelly']);
  });

  it('makes no person of places, bodies, months or forces in the same shapes', () => {
    const { people } = extract(
      'The force covers Wessex, North Yorkshire and Kent Police, who agreed. The Home Office, who funds it, said so. In March, Ada Quist and Dorset Police met. Speaking to Sky News, Ada Quist said the plan had worked in Greater Manchester and Tyne and Wear.',
    );
    expect(people()).toEqual(['Ada Quist']);
  });
});

describe('titles before a name, with their complement', () => {
  it('reads "<title> for <place> <name>" whole', () => {
    const { rolesOf } = extract('Police, Fire and Crime Commissioner for Staffordshire Hannah Brightwater said it was welcome.');
    expect(rolesOf('Hannah Brightwater')).toEqual(['Police, Fire and Crime Commissioner for Staffordshire']);
  });

  it('makes no person of a plural title after a title', () => {
    const { people } = extract('The Chief Constables of Wessex and Mercia, Hannah Brightwater and Tomas Pellow, spoke.');
    expect(people().sort()).toEqual(['Hannah Brightwater', 'Tomas Pellow']);
  });
});

describe('titles as the text spells them', () => {
  it('reads a pluralised or misspelt title', () => {
    const { rolesOf } = extract('Hannah Brightwater and Tomas Pellow, assistant chief constables, spoke. Ada Quist, the Police and Crime Commisioner, agreed.');
    expect(rolesOf('Tomas Pellow')).toEqual(['assistant chief constables']);
    expect(rolesOf('Ada Quist')).toEqual(['Police and Crime Commisioner']);
  });
});

describe('titles of several words before a name', () => {
  it('keeps every word of the title off the name', () => {
    const { people, rolesOf } = extract(
      'Deputy Mayor for Policing and Crime Ottilie Brackenbury will report next week. Det Supt Wendell Ashdown, of the major crime team, led the work.',
    );
    expect(people()).toEqual(['Ottilie Brackenbury', 'Wendell Ashdown']);
    expect(rolesOf('Ottilie Brackenbury')).toEqual(['Deputy Mayor for Policing and Crime']);
    expect(rolesOf('Wendell Ashdown')).toEqual(['Det Supt']);
  });
});

describe('post-nominals before a title', () => {
  it('finds a name whose post-nominals are followed by ", <title>"', () => {
    const { people, rolesOf } = extract('Copies went to the board.\n\ncc: Perran Kessell QPM, Chief Executive, College of Policing\n');
    expect(people()).toEqual(['Perran Kessell']);
    expect(rolesOf('Perran Kessell')).toEqual(['Chief Executive']);
  });
});

describe('titles with longer complements and other layouts', () => {
  it('reads a complement that lists places or names a body with a comma', () => {
    const { rolesOf } = extract(
      'The Police and Crime Commissioner for Wessex, Mercia and the Isles of Avalon, Ottilie Brackenbury, replied. Wendell Ashdown, chair of the Wessex Police, Fire and Crime Panel, agreed.',
    );
    expect(rolesOf('Ottilie Brackenbury')).toEqual(['Police and Crime Commissioner for Wessex, Mercia and the Isles of Avalon']);
    expect(rolesOf('Wendell Ashdown')).toEqual(['chair of the Wessex Police, Fire and Crime Panel']);
  });

  it('does not run a complement over a person named after it', () => {
    const { rolesOf } = extract('The Chief Constable of Wessex, Ottilie Brackenbury, and the commissioner, Wendell Ashdown, met.');
    expect(rolesOf('Ottilie Brackenbury')).toEqual(['Chief Constable of Wessex']);
    expect(rolesOf('Wendell Ashdown')).toEqual(['commissioner']);
  });

  it('reads a lower-case rank after a force name, and a grade before a general title', () => {
    const { rolesOf } = extract('Kent Police chief constable Ottilie Brackenbury spoke. The force’s former deputy chief, Wendell Ashdown, left.');
    expect(rolesOf('Ottilie Brackenbury')).toEqual(['Kent Police chief constable']);
    expect(rolesOf('Wendell Ashdown')).toEqual(['force’s former deputy chief']);
  });

  it('reads a parliamentary record’s "<title> (<name>)"', () => {
    const { people, rolesOf } = extract(
      'The Minister for Crime, Policing and Fire (Wendell Ashdown)\nI thank the Member.\n\nThe Parliamentary Under-Secretary of State for the Home Department (Dame Ottilie Brackenbury)\nI agree.\n',
    );
    expect(people()).toEqual(['Wendell Ashdown', 'Ottilie Brackenbury']);
    expect(rolesOf('Wendell Ashdown')).toEqual(['Minister for Crime, Policing and Fire']);
    expect(rolesOf('Ottilie Brackenbury')).toEqual(['Parliamentary Under-Secretary of State for the Home Department']);
  });
});

describe('places that qualify a title before it', () => {
  it('takes two places joined before a possessive, and a place opening the sentence, but not a person before them', () => {
    const { rolesOf } = extract(
      'Greater Manchester’s deputy chief constable, Wendell Ashdown, spoke. Kent and Medway’s police and crime commissioner, Ottilie Brackenbury, agreed. He met Jane Smith and Kent’s chief constable Bob Jones.',
    );
    expect(rolesOf('Wendell Ashdown')).toEqual(['Greater Manchester’s deputy chief constable']);
    expect(rolesOf('Ottilie Brackenbury')).toEqual(['Kent and Medway’s police and crime commissioner']);
    expect(rolesOf('Bob Jones')).toEqual(['Kent’s chief constable']);
  });
});
