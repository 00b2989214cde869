import { describe, expect, it } from 'vitest';
import { parseRawFile } from '../../src/ingest/parse-document.ts';
import { analyseDocument } from '../../src/extract/extract-document.ts';
import type { MentionKind, MentionOf } from '../../src/model/mention.ts';
import { Gazetteer } from '../../src/nlp/gazetteer.ts';
import { gazetteerEntries, loadKnowledge } from '../../src/knowledge/index.ts';
import { analyseFixture, devDocumentNames } from '../helpers/fixtures.ts';

/** Extract from a text written for the test. */
function extract(body: string) {
  const { document } = parseRawFile({ path: 't.txt', relativePath: 't.txt', bytes: new TextEncoder().encode(body) });
  const analysis = analyseDocument(document!);
  const of = <K extends MentionKind>(kind: K) => analysis.mentions.filter((m): m is MentionOf<K> => m.kind === kind);
  return { of, forces: () => [...new Set(of('force').map((f) => f.name))], organisations: () => [...new Set(of('organisation').map((o) => o.name))] };
}

describe('gazetteer exclusions', () => {
  const gazetteer = new Gazetteer(
    [{ canonical: 'Kent Police', forms: [], caseSensitiveForms: ['Weald'], excludePhrases: ['Weald Museum'] }],
    { notFollowedBy: ['Federation', ', Fire and Crime Commissioner'] },
  );

  it('drops a match that a following word turns into another name', () => {
    expect(gazetteer.find('The Kent Police Federation replied.')).toEqual([]);
    expect(gazetteer.find('The Kent Police, Fire and Crime Commissioner replied.')).toEqual([]);
    expect(gazetteer.find('Kent Police replied.').map((m) => m.surface)).toEqual(['Kent Police']);
  });

  it('drops a match inside an excluded phrase only', () => {
    expect(gazetteer.find('We visited the Weald Museum.')).toEqual([]);
    expect(gazetteer.find('Officers in the Weald said so.').map((m) => m.surface)).toEqual(['Weald']);
  });

  it('matches a form with a gap of lower-case words', () => {
    const gapped = new Gazetteer([{ canonical: 'Kent Police', forms: ["Kent's {gap} police officers"] }]);
    expect(gapped.find("Kent's tireless rural police officers deserve thanks.").map((m) => m.surface)).toEqual(["Kent's tireless rural police officers"]);
    expect(gapped.find("Kent's Beaches And police officers.")).toEqual([]);
  });
});

describe('forces', () => {
  it('keeps staff associations, fire and crime commissioners and the weather service apart from forces', () => {
    const { forces } = extract('The Essex Police Federation and the Essex Police, Fire and Crime Commissioner wrote to the Met Office about rain.');
    expect(forces()).toEqual([]);
  });

  it('reads bare place names as forces in a list with a force name', () => {
    const { forces } = extract('Inspectors named the Met, Lancashire and Dorset as needing more scrutiny.');
    expect(forces()).toEqual(['Metropolitan Police Service', 'Lancashire Constabulary', 'Dorset Police']);
  });

  it('reads a list of place names as forces when the text speaks of forces', () => {
    const { forces } = extract('Four forces have been given extra scrutiny this year. Norfolk, Suffolk and Cumbria are among them.');
    expect(forces()).toEqual(['Norfolk Constabulary', 'Suffolk Constabulary', 'Cumbria Constabulary']);
    expect(extract('Several constabularies including Derbyshire and Lincolnshire were named.').forces()).toEqual(['Derbyshire Constabulary', 'Lincolnshire Police']);
  });

  it('leaves a place that is only a place', () => {
    expect(extract('A woman from Norfolk was fined for speeding in Suffolk.').forces()).toEqual([]);
    expect(extract('Tourists visit Norfolk, Suffolk and Cumbria every summer.').forces()).toEqual([]);
  });

  it('reads a place before a chief constable or its police officers as the force', () => {
    expect(extract('The former Dorset chief constable took up the post.').forces()).toEqual(['Dorset Police']);
    expect(extract("Norfolk's dedicated police officers work long hours.").forces()).toEqual(['Norfolk Constabulary']);
  });
});

describe('organisations', () => {
  it('names a body by a capitalised phrase ending in a head noun', () => {
    const { organisations } = extract('The Regional Scrutiny Group and the Local Criminal Justice Board met on Tuesday.');
    expect(organisations()).toEqual(['Regional Scrutiny Group', 'Local Criminal Justice Board']);
  });

  it('reads a determiner, a date or a sentence-opening verb as outside the name', () => {
    expect(extract('This Committee will meet again.').organisations()).toEqual([]);
    expect(extract('Welcoming the plan, the Finance Committee agreed.').organisations()).toEqual(['Finance Committee']);
    expect(extract('The Ethics Panel on Thursday agreed.').organisations()).toEqual(['Ethics Panel']);
  });

  it('fills a pattern of the knowledge with the police area it names', () => {
    const { organisations, forces } = extract('Members of the Lincolnshire Police and Crime Panel questioned the Norfolk OPCC about its budget.');
    expect(organisations()).toEqual(['Lincolnshire Police and Crime Panel', 'Office of the Police and Crime Commissioner for Norfolk']);
    expect(forces()).toEqual([]);
  });

  it('reads a body named before "report" as the title of a document', () => {
    expect(extract('Officers studied the Northfield Review Panel report closely.').organisations()).toEqual([]);
    expect(extract('The Northfield Review Panel reported in May.').organisations()).toEqual(['Northfield Review Panel']);
  });

  it('names political parties as bodies only in their capitalised forms', () => {
    expect(extract("A Labour-run council and Tory councillors clashed with the Lib Dems.").organisations()).toEqual(['Labour', 'Conservatives', 'Liberal Democrats']);
    expect(extract('Labour costs and conservative estimates rose.').organisations()).toEqual(['Labour']);
  });

  it('reads a signature title of the inspectorate as naming it, but not a title before a name', () => {
    const letter = extract('From\nJo Bloggs\nHis Majesty’s Inspector of Constabulary\n\nTo\nChief Constable\nDorset Police\n\nThank you for your time.');
    expect(letter.organisations()).toEqual(['HMICFRS']);
    const named = extract("The decision was sent by His Majesty's Inspector of Constabulary, Jo Bloggs, on Friday.");
    expect(named.organisations()).toEqual([]);
  });

  it('maps every spelling of the inspectorate to HMICFRS', () => {
    const { organisations } = extract("Her Majesty's Inspectorate of Constabulary said so in 2015. HMIC and HM Inspectorate of Constabulary and Fire & Rescue Services agree.");
    expect(organisations()).toEqual(['HMICFRS']);
  });
});

describe('descriptions that name the inspectorate', () => {
  it('reads the descriptions the knowledge marks as naming the body', () => {
    expect(extract('Last year the police inspectorate graded the force as inadequate.').organisations()).toEqual(['HMICFRS']);
    expect(extract('A watchdog criticised the council.').organisations()).toEqual([]);
  });
});

describe('bodies named by the shape of their name', () => {
  it('keeps a list with commas inside a name closed by "and", but no list of places before one', () => {
    expect(extract('The plan went to the Police, Fire and Crime Panel on Monday.').organisations()).toEqual(['Police, Fire and Crime Panel']);
    expect(extract('Staff from Wessex, Mercia and the Audit Committee met.').organisations()).toEqual(['Audit Committee']);
  });
});

describe('gazetteer lookup by word', () => {
  // Forms are tried only at words their first word (and, where it is plain letters, their second)
  // may start: the matches must be those of the whole alternation run over the text. A form that
  // starts with "and" cannot be looked up that way, so the gazetteer holding one runs the whole.
  it('finds in every dev document what the whole alternation finds, for forces, organisations and titles', () => {
    const knowledge = loadKnowledge();
    let found = 0;
    for (const kind of ['forces', 'organisations', 'titles'] as const) {
      const entries = gazetteerEntries(kind, knowledge);
      const byWord = new Gazetteer(entries);
      const whole = new Gazetteer([...entries, { canonical: 'none', forms: ['and zzqxv'] }]);
      for (const name of devDocumentNames()) {
        const text = analyseFixture(name).document.text;
        const matches = byWord.find(text);
        expect(matches, `${kind} in ${name}`).toEqual(whole.find(text));
        found += matches.length;
      }
    }
    expect(found).toBeGreaterThan(150);
  });
});

describe('gazetteer: may a form start here', () => {
  // mayStartAt lets a caller skip finding in a slice; it must never say no where a form starts.
  it('says yes at every word of the dev documents where a title, force or organisation starts', () => {
    const knowledge = loadKnowledge();
    let starts = 0;
    let skipped = 0;
    for (const kind of ['forces', 'organisations', 'titles'] as const) {
      const gazetteer = new Gazetteer(gazetteerEntries(kind, knowledge));
      for (const name of devDocumentNames().slice(0, 8)) {
        const text = analyseFixture(name).document.text;
        for (const w of text.matchAll(/[\p{L}\p{N}]+/gu)) {
          const atStart = gazetteer.find(text.slice(w.index, w.index + 120)).some((m) => m.start === 0);
          if (atStart) starts++;
          if (!gazetteer.mayStartAt(text, w.index)) {
            skipped++;
            expect(atStart, `${kind} at "${text.slice(w.index, w.index + 30)}" in ${name}`).toBe(false);
          }
        }
      }
    }
    expect(starts).toBeGreaterThan(50);
    expect(skipped).toBeGreaterThan(1000);
  });
});
