import { describe, expect, it } from 'vitest';
import { analyseFile, isAnalysed } from '../../pipelines/analyse.ts';
import { FoundMentions } from '../../src/extract/context.ts';
import { areaExtractor } from '../../src/extract/extractors/areas.ts';
import { areaOf, contextFor } from '../../src/extract/extractors/areas/cues.ts';
import { defaultLexicon } from '../../src/extract/lexicon.ts';
import { AreaMention, type MentionOf } from '../../src/model/mention.ts';
import type { AnalysedFile } from '../../pipelines/analyse.ts';
import { analyseFixture, devDocumentNames } from '../helpers/fixtures.ts';

/** The area extractor run on what the pipeline found before it (it may not be in EXTRACTORS yet). */
function areasOf(file: AnalysedFile): MentionOf<'area'>[] {
  const found = new FoundMentions();
  found.add(file.analysis.mentions.filter((m) => m.kind !== 'area'));
  const { document, sentences, paragraphs } = file.analysis;
  return areaExtractor.extract({ document, sentences, paragraphs, lexicon: defaultLexicon() }, found) as MentionOf<'area'>[];
}

function analyseText(body: string): AnalysedFile {
  const raw = `---\ntitle: test\npublishedAt: 2025-03-01\n---\n${body}\n`;
  const result = analyseFile({ path: 'test.txt', relativePath: 'test.txt', bytes: Buffer.from(raw, 'utf8') });
  if (!isAnalysed(result)) throw new Error(JSON.stringify(result.problems));
  return result;
}

const areas = (body: string) => areasOf(analyseText(body));
const brief = (list: MentionOf<'area'>[]) => list.map((a) => [a.text, a.peel, a.polarity]);

describe('areas: lists', () => {
  it('reads each bullet line after "including:", splitting lines that join several areas', () => {
    const found = areas(
      [
        'Greater Manchester Police has been removed from enhanced monitoring because it has made improvements, including:',
        '',
        '  • answering 999 calls more quickly and how it identifies vulnerability at the first point of contact;',
        '  • its professional standards and property management;',
        '  • introducing new crime management units, helping crimes to be allocated to officers with the right skills; and',
        '  • reducing the number of registered sex offenders waiting for a visit.',
        '',
        'The force will be inspected again next year.',
      ].join('\n'),
    );
    expect(brief(found)).toEqual([
      ['answering 999 calls more quickly', 'Responding to the public', 'improved'],
      ['how it identifies vulnerability at the first point of contact', 'Responding to the public', 'improved'],
      ['its professional standards', 'Developing a positive workplace', 'improved'],
      ['property management', 'Leadership and force management', 'improved'],
      ['introducing new crime management units', 'Investigating crime', 'improved'],
      ['reducing the number of registered sex offenders waiting for a visit', 'Managing offenders and suspects', 'improved'],
    ]);
  });

  it('reads paragraphs ending in ";" after a colon as list items', () => {
    const found = areas(
      [
        'Inspectors identified causes of concern in:',
        '',
        'how the force records crime;',
        '',
        'its management of crime, including supervision of investigations and oversight of performance; and',
        '',
        'its response to domestic abuse.',
      ].join('\n'),
    );
    expect(brief(found)).toEqual([
      ['how the force records crime', 'Recording data about crime', 'concern'],
      ['its management of crime', 'Investigating crime', 'concern'],
      ['supervision of investigations', 'Investigating crime', 'concern'],
      ['oversight of performance', 'Leadership and force management', 'concern'],
      ['its response to domestic abuse', 'Protecting vulnerable people', 'concern'],
    ]);
  });

  it('takes the first sentence of a full-sentence item; the rest only elaborates', () => {
    const found = areas(
      [
        'Entered Engage',
        '',
        'Reasons',
        '',
        '  • The force does not record crime accurately. Victims are let down and their cases are not investigated.',
        '  • The force does not adequately safeguard children at risk of exploitation. Its partners raised this in 2022.',
      ].join('\n'),
    );
    expect(brief(found)).toEqual([
      ['The force does not record crime accurately', 'Recording data about crime', 'concern'],
      ['The force does not adequately safeguard children at risk of exploitation', 'Protecting vulnerable people', 'concern'],
    ]);
  });
});

describe('areas: graded and reported lists', () => {
  it('reads a list of PEEL areas with grades: the grade gives the polarity, an adequate grade none', () => {
    const found = areas(
      [
        'Inspectors graded the constabulary in six areas:',
        '',
        '● Responding to the public – Inadequate',
        '● Managing offenders and suspects - Good',
        '● Treatment of the public: adequate',
        '● Building, supporting and protecting the workforce (requires improvement)',
      ].join('\n'),
    );
    expect(brief(found)).toEqual([
      ['Responding to the public', 'Responding to the public', 'concern'],
      ['Managing offenders and suspects', 'Managing offenders and suspects', 'improved'],
      ['Building, supporting and protecting the workforce', 'Developing a positive workplace', 'concern'],
    ]);
  });

  it('after an intro reporting findings, each item takes its own polarity and each clause with its own verb is an area', () => {
    const found = areas(
      [
        'The latest inspection of the constabulary found:',
        '',
        '■ Thousands of reported thefts are going unrecorded and complaints from the public are rising.',
        '',
        '■ The answering of 101 calls is below national standards.',
        '',
        '■ The force has opened a new custody suite.',
      ].join('\n'),
    );
    expect(brief(found)).toEqual([
      ['Thousands of reported thefts are going unrecorded', 'Recording data about crime', 'concern'],
      ['complaints from the public are rising', 'Treatment of the public', 'concern'],
      ['The answering of 101 calls is below national standards', 'Responding to the public', 'concern'],
    ]);
  });

  it('a neutral list after an intro that reports no findings yields nothing', () => {
    const found = areas(['The chief constable set out her priorities:', '', '• better neighbourhood policing', '• faster answering of 101 calls'].join('\n'));
    expect(brief(found)).toEqual([]);
  });
});

describe('areas: running text', () => {
  it('splits an inline comma list after "in areas including"', () => {
    const found = areas('After two years of work, improvements are recognised in areas including call handling, vetting, public protection, workforce planning and counter-corruption.');
    expect(brief(found)).toEqual([
      ['call handling', 'Responding to the public', 'improved'],
      ['vetting', 'Developing a positive workplace', 'improved'],
      ['public protection', 'Protecting vulnerable people', 'improved'],
      ['workforce planning', 'Leadership and force management', 'improved'],
      ['counter-corruption', 'Developing a positive workplace', 'improved'],
    ]);
  });

  it('keeps a cue-less item of a named list of areas as Other', () => {
    const found = areas('The force was identified as needing improvement in four areas, including stop and search, crime recording, and matters related to the Smith inquiry.');
    expect(brief(found)).toEqual([
      ['stop and search', 'Treatment of the public', 'concern'],
      ['crime recording', 'Recording data about crime', 'concern'],
      ['matters related to the Smith inquiry', 'Other', 'concern'],
    ]);
  });

  it('reads areas named by a polarity cue, a passive predicate or a polarity verb', () => {
    const found = areas(
      [
        'Inspectors raised concerns about how the force investigates crime.',
        'Since then, emergency calls are now being answered faster and vetting has been strengthened.',
        'The chief constable said officers were transforming the culture of the force.',
      ].join(' '),
    );
    expect(brief(found)).toEqual([
      ['concerns about how the force investigates crime', 'Investigating crime', 'concern'],
      ['emergency calls are now being answered faster', 'Responding to the public', 'improved'],
      ['vetting has been strengthened', 'Developing a positive workplace', 'improved'],
      ['transforming the culture of the force', 'Developing a positive workplace', 'improved'],
    ]);
  });
});

describe('areas: press paraphrase', () => {
  const has = (body: string) => brief(areas(body));

  it('reads coordinated failing verbs, each with its own object', () => {
    const found = has('The constabulary failed to record thousands of burglaries, ignored most victims of anti-social behaviour and let down vulnerable children.');
    expect(found).toContainEqual(['failed to record thousands of burglaries', 'Recording data about crime', 'concern']);
    expect(found).toContainEqual(['ignored most victims of anti-social behaviour', 'Preventing crime and anti-social behaviour', 'concern']);
    expect(found).toContainEqual(['let down vulnerable children', 'Protecting vulnerable people', 'concern']);
  });

  it('a negated verb of the force takes its area as object; one of another subject does not', () => {
    expect(has('The force doesn\'t engage with communities.')).toEqual([["doesn't engage with communities", 'Treatment of the public', 'concern']]);
    expect(has('The trouble does not end at the county boundary or with any single investigation.')).toEqual([]);
  });

  it('a cue that names its own area, a failing named by a gerund, an area before "needing to be improved"', () => {
    expect(has('A review later found the force institutionally corrupt.')).toContainEqual(['institutionally corrupt', 'Developing a positive workplace', 'concern']);
    expect(has('There were failures investigating burglaries in the county.')).toEqual([['failures investigating burglaries in the county', 'Investigating crime', 'concern']]);
    expect(has('Inspectors left, with the standard of case files needing to be improved.')).toContainEqual(['the standard of case files', 'Investigating crime', 'concern']);
  });

  it('what an improvement was made in, and the items after "the improvements include:"', () => {
    expect(has('Real strides have been made in the use of stop and search.')).toEqual([['the use of stop and search', 'Treatment of the public', 'improved']]);
    expect(has('The inspectors said the improvements include: its handling of 999 calls; its vetting of new recruits.')).toEqual([
      ['its handling of 999 calls', 'Responding to the public', 'improved'],
      ['its vetting of new recruits', 'Developing a positive workplace', 'improved'],
    ]);
  });

  it('an area named again in running text after a graded list is one area', () => {
    const found = has(['Two areas were graded:', '', '• Investigating crime - Inadequate', '• Responding to the public - Good', '', 'There are concerns around how the force is investigating crime.'].join('\n'));
    expect(found).toEqual([
      ['Investigating crime', 'Investigating crime', 'concern'],
      ['Responding to the public', 'Responding to the public', 'improved'],
    ]);
  });

  it('each area belongs to the force named nearest before it in its paragraph', () => {
    const found = areas('Kent Police was praised for its vetting. Sussex Police was found to have failings in its call handling.');
    expect(found.map((a) => [a.text, a.force])).toContainEqual(['failings in its call handling', 'Sussex Police']);
  });
});

describe('areas: polarity from context', () => {
  it('a list introduced by a move into Engage holds concerns, one introduced by improvements holds improvements', () => {
    const into = areas('HMICFRS said Cleveland Police had been moved into Engage because:\n\n  • the force needs to improve how it supervises investigations; and\n  • it does not understand demand.');
    expect(into.map((a) => a.polarity)).toEqual(['concern', 'concern']);
    const out = areas('Cleveland Police improved in several areas, including:\n\n  • understanding demand;\n  • its supervision of investigations.');
    expect(out.map((a) => a.polarity)).toEqual(['improved', 'improved']);
  });

  it('each area takes the polarity of its own cue within one sentence', () => {
    const found = areas('Having looked at concerns around child sexual exploitation, inspectors said the force had made significant improvements in this area, including around missing children and victim-blaming language.');
    expect(brief(found)).toEqual([
      ['concerns around child sexual exploitation', 'Protecting vulnerable people', 'concern'],
      ['missing children', 'Protecting vulnerable people', 'improved'],
      ['victim-blaming language', 'Treatment of the public', 'improved'],
    ]);
  });

  it('a negated or obligatory improvement is a concern; a mere aim is nothing', () => {
    expect(brief(areas('The force has not made sufficient progress on its investigations.'))).toEqual([['progress on its investigations', 'Investigating crime', 'concern']]);
    expect(brief(areas('The force must make improvements to its call handling.'))).toEqual([['improvements to its call handling', 'Responding to the public', 'concern']]);
    expect(areas('A plan was introduced to support improvements in its governance.')).toEqual([]);
  });
});

describe('areas: PEEL assignment', () => {
  it('the longest cue decides; an adverb inside a cue does not hide it', () => {
    const found = areas(
      'The force has made improvements, including:\n\n  • responding appropriately to the public and vulnerable people;\n  • identifying vulnerability at first contact;\n  • protecting vulnerable people from domestic abuse; and\n  • its offender management within the investigations process.',
    );
    expect(found.map((a) => a.peel)).toEqual(['Responding to the public', 'Responding to the public', 'Protecting vulnerable people', 'Managing offenders and suspects']);
  });
});

describe('areas: precision', () => {
  it('finds nothing in a description of the monitoring process or in unrelated remarks', () => {
    const found = areas(
      [
        'HMICFRS continuously monitors the performance of all police forces in England and Wales.',
        '',
        'The monitoring process consists of two stages: Scan and Engage. All police forces are in routine monitoring under the Scan stage by default, but may be escalated to enhanced monitoring under the Engage stage if they are not effectively addressing the inspectorate’s concerns.',
        '',
        '“The Engage process provides additional scrutiny and support to help the force improve and provide a better service for the public,” he said. “I am proud of our officers, who respond to thousands of calls for service every day.”',
        '',
        'The Met was placed in special measures following a string of scandals including the murder of a woman and the strip search of Child Q.',
      ].join('\n'),
    );
    expect(brief(found)).toEqual([]);
  });

  it('a phrase about the assessment itself or the PEEL pillars in general is no area', () => {
    const found = areas(
      [
        'Councillors voiced concerns over the outcome of the inspection of the constabulary.',
        '',
        'Forces enter enhanced monitoring when there are causes of concern about their efficiency, effectiveness or legitimacy.',
      ].join('\n'),
    );
    expect(brief(found)).toEqual([]);
  });

  it('finds nothing in dev documents that list no areas', () => {
    for (const name of ['notts-2024-03-itv.txt', 'cleveland-2023-09-northernecho.txt', 'cleveland-2019-08-hartlepoolmail.txt']) {
      expect(brief(areasOf(analyseFixture(name))), name).toEqual([]);
    }
  });
});

describe('areas: phrase structure', () => {
  it('keeps numbers coordinated under one head noun together and splits between full noun phrases', () => {
    const found = brief(areas('Inspectors raised concerns at Staffordshire Police about the delays in answering 101 and 999 calls and the number of investigations lacking supervision.'));
    expect(found).toContainEqual(['the delays in answering 101 and 999 calls', 'Responding to the public', 'concern']);
    expect(found.some(([text]) => text === '999 calls')).toBe(false);
  });

  it('reads the areas a relative clause says a grade was given in, far from the grade', () => {
    const found = brief(areas('Wiltshire Police was graded inadequate in two areas, which assessed its ability to respond to the public, protect vulnerable people and manage sex offenders.'));
    expect(found).toEqual([
      ['its ability to respond to the public', 'Responding to the public', 'concern'],
      ['protect vulnerable people', 'Protecting vulnerable people', 'concern'],
      ['manage sex offenders', 'Managing offenders and suspects', 'concern'],
    ]);
  });

  it('splits a noun phrase opened by a possessive from the one before it', () => {
    const found = brief(areas('Kent Police was rated poor in four areas, which examined how it supports victims, as well as how it treats the public and its workforce.'));
    expect(found).toContainEqual(['how it treats the public', 'Treatment of the public', 'concern']);
    expect(found).toContainEqual(['its workforce', 'Developing a positive workplace', 'concern']);
  });
});

describe('areas: PEEL weighting', () => {
  /** The PEEL area a whole phrase names. */
  const peelOf = (phrase: string) => {
    const file = analyseText(phrase);
    const { document, sentences, paragraphs } = file.analysis;
    const ctx = contextFor({ document, sentences, paragraphs, lexicon: defaultLexicon() });
    const at = document.text.indexOf(phrase);
    return areaOf(ctx, { start: at, end: at + phrase.length });
  };

  it('lets a cue specific to one area outweigh a longer one shared with another area', () => {
    expect(peelOf('how the force deals with vulnerable people at first contact')).toBe('Responding to the public');
    expect(peelOf('its work with vulnerable people in care homes')).toBe('Protecting vulnerable people');
  });

  it('lets the head of a phrase decide before a prepositional phrase modifying it', () => {
    expect(peelOf('too few crimes are recorded of anti-social behaviour')).toBe('Recording data about crime');
    expect(peelOf('anti-social behaviour that is not recorded as crime')).toBe('Preventing crime and anti-social behaviour');
  });
});

describe('areas: verbs of praise and criticism', () => {
  it('reads praise with an object as an improvement, whatever its subject and tense', () => {
    const found = brief(areas('The commissioner praises the force’s neighbourhood policing teams. The inspectorate commended the new leadership team at Gloucestershire Constabulary.'));
    expect(found).toContainEqual(['praises the force’s neighbourhood policing teams', 'Preventing crime and anti-social behaviour', 'improved']);
    expect(found.some(([text, peel, polarity]) => /leadership team/.test(String(text)) && peel === 'Leadership and force management' && polarity === 'improved')).toBe(true);
  });

  it('reads criticism with an object as a concern, and a singling out for criticism too', () => {
    const found = brief(areas('HMICFRS condemned its approach to stop and search in Wiltshire. The report singled out the handling of domestic abuse for criticism.'));
    expect(found).toContainEqual(['condemned its approach to stop and search in Wiltshire', 'Treatment of the public', 'concern']);
    expect(found).toContainEqual(['singled out the handling of domestic abuse for criticism', 'Protecting vulnerable people', 'concern']);
  });

  it('reads praise reported as what someone went on to do', () => {
    const found = brief(areas('The Kent commissioner went on to single out the new approach to vetting.'));
    expect(found).toEqual([['single out the new approach to vetting', 'Developing a positive workplace', 'improved']]);
  });
});

describe('areas: broad statements', () => {
  it('names no area with a broad group alone or a topic word used as a verb', () => {
    expect(areas('Inspectors accused Staffordshire Police of failing victims across the board.')).toEqual([]);
    expect(areas('The chief constable said he was unable to trust the figures he was given.')).toEqual([]);
  });

  it('still reads trust as a topic where it is a noun', () => {
    const found = brief(areas('Public trust in the force has been undermined, the Gloucestershire commissioner said.'));
    expect(found.map(([, peel, polarity]) => [peel, polarity])).toEqual([['Treatment of the public', 'concern']]);
  });
});

describe('areas: coordinated phrases in running text', () => {
  it('splits phrases that repeat their preposition after "and"', () => {
    const found = areas('Inspectors rated Dorset Police inadequate in managing sex offenders and in responding to the public.');
    expect(brief(found)).toEqual([
      ['managing sex offenders', 'Managing offenders and suspects', 'concern'],
      ['responding to the public', 'Responding to the public', 'concern'],
    ]);
  });

  it('reads "needs to do more to X" as a concern about X, and a crime type inside a recording phrase', () => {
    expect(brief(areas('Inspectors said Dorset Police needs to do more to understand demand.'))).toEqual([
      ['needs to do more to understand demand', 'Leadership and force management', 'concern'],
    ]);
    expect(brief(areas('Inspectors found weaknesses in how Dorset Police records violent crime.')).map(([, peel, polarity]) => [peel, polarity])).toEqual([
      ['Recording data about crime', 'concern'],
    ]);
  });

  it('reads a polarity verb whose subject is a relative pronoun ("inspectors, who criticised X")', () => {
    const found = areas('Dorset Police was visited by inspectors, who criticised its approach to vetting new recruits.');
    expect(brief(found).map(([, peel, polarity]) => [peel, polarity])).toEqual([['Developing a positive workplace', 'concern']]);
  });

  it('reads a second cue in a coordinated predicate ("... and had a long backlog of ...")', () => {
    const found = areas('Dorset Police was failing to attend incidents on time and had a long backlog of crimes awaiting allocation.');
    expect(brief(found).map(([, peel, polarity]) => [peel, polarity])).toEqual([
      ['Responding to the public', 'concern'],
      ['Investigating crime', 'concern'],
    ]);
  });
});

describe('areas: lists whose items state their own polarity', () => {
  it('reads a bullet list after an intro with no cue when its items each say what improved', () => {
    const found = areas(
      [
        'Wiltshire Police has returned to routine monitoring. Since the last inspection, the force has:',
        '',
        '- answered 101 calls faster than before;',
        '- improved the quality of its investigations;',
        '- set up a team to manage registered sex offenders.',
      ].join('\n'),
    );
    expect(brief(found).map(([, peel, polarity]) => [peel, polarity])).toEqual([
      ['Responding to the public', 'improved'],
      ['Investigating crime', 'improved'],
      ['Managing offenders and suspects', 'improved'],
    ]);
  });

  it('reads nothing from a list of plain facts after an intro with no cue', () => {
    const found = areas(['The inspection team visited:', '', '- the control room in Swindon;', '- two custody suites;', '- the public protection unit.'].join('\n'));
    expect(found).toEqual([]);
  });
});

describe('areas: recommendation lists', () => {
  it('reads each action of a list of what the force should do as one area of concern', () => {
    const found = areas(
      [
        'Our letter to the chief constable of Staffordshire Police sets out next steps.',
        '',
        'The force should:',
        '',
        'review how it supervises investigations, so that victims are kept informed;',
        '',
        'improve how it identifies vulnerable people at first contact; and',
        '',
        'make sure crimes are recorded accurately.',
      ].join('\n'),
    );
    expect(brief(found)).toEqual([
      ['review how it supervises investigations', 'Investigating crime', 'concern'],
      ['improve how it identifies vulnerable people at first contact', 'Responding to the public', 'concern'],
      ['make sure crimes are recorded accurately', 'Recording data about crime', 'concern'],
    ]);
  });
});

describe('areas: dev documents', () => {
  it('met-2025-01-hmicfrs: the improvements listed after "including:"', () => {
    const found = brief(areasOf(analyseFixture('met-2025-01-hmicfrs.txt')));
    expect(found).toContainEqual(['answering calls more quickly', 'Responding to the public', 'improved']);
    expect(found).toContainEqual(['how it identifies vulnerability at the first point of contact', 'Responding to the public', 'improved']);
    expect(found).toContainEqual(['putting an audit process in place to identify victim-blaming language', 'Treatment of the public', 'improved']);
    expect(found).toContainEqual(['property management', 'Leadership and force management', 'improved']);
    expect(found.every(([, , polarity]) => polarity === 'improved')).toBe(true);
  });

  it('notts-2024-03-hmicfrs: the reasons for moving in are concerns', () => {
    const found = areasOf(analyseFixture('notts-2024-03-hmicfrs.txt'));
    expect(found.map((a) => [a.peel, a.polarity])).toEqual([
      ['Investigating crime', 'concern'],
      ['Investigating crime', 'concern'],
      ['Leadership and force management', 'concern'],
    ]);
    expect(found.every((a) => a.force === 'Nottinghamshire Police')).toBe(true);
  });

  for (const name of devDocumentNames()) {
    it(`${name}: every area's span slices its text out of the document`, () => {
      const file = analyseFixture(name);
      for (const area of areasOf(file)) {
        AreaMention.parse(area);
        expect(file.document.text.slice(area.start, area.end)).toBe(area.text);
        expect(area.text.trim()).toBe(area.text);
        expect(area.text.length).toBeGreaterThan(0);
      }
    });
  }
});

describe('areas: cue matching', () => {
  // contextFor skips a cue whose second word does not start the next word (or the one after an
  // adverb): it must find what trying every cue at every word finds.
  it('finds in every dev document the cues a try of every cue at every word finds', () => {
    const lexicon = defaultLexicon();
    let hits = 0;
    for (const name of [...devDocumentNames(), 'hyphen.txt']) {
      const file = name === 'hyphen.txt' ? analyseText('Responding   swiftly to the Public and anti\u2011social Behaviour, public-protection and PUBLIC  protection matter.') : analyseFixture(name);
      const { document, sentences, paragraphs } = file.analysis;
      const ctx = contextFor({ document, sentences, paragraphs, lexicon });
      for (const kind of ['peel', 'polarity', 'process'] as const) {
        const every: string[] = [];
        for (const w of document.text.matchAll(/[\p{L}\p{N}]+/gu)) {
          for (const entry of lexicon.areaCues[kind].get(w[0].toLowerCase()) ?? []) {
            entry.regex.lastIndex = w.index;
            const m = entry.regex.exec(document.text);
            if (m) every.push(`${w.index}-${w.index + m[0].length}:${entry.cue}`);
          }
        }
        const found = ctx[kind].map((h) => `${h.start}-${h.end}:${h.cue}`);
        expect(found.sort(), `${name} ${kind}`).toEqual(every.sort());
        hits += found.length;
      }
    }
    expect(hits).toBeGreaterThan(300);
  });
});
