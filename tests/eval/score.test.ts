import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CONFLICTS_FILE,
  emptyFacts,
  GoldFormatError,
  loadGoldFolder,
  parseSystemFacts,
  type ConflictsGold,
  type DocumentFacts,
  type GoldFolder,
  type SystemFacts,
} from '../../src/eval/gold.ts';
import { formatTable, formatVerbose, toReportJson } from '../../src/eval/report.ts';
import { scoreConflicts } from '../../src/eval/score-conflicts.ts';
import {
  accuracy,
  areaTextOverlap,
  CATEGORIES,
  foldName,
  matchOneToOne,
  quoteStartsWith,
  ratios,
  roleWordShare,
  scoreDocument,
  scoreFolder,
} from '../../src/eval/score.ts';

// The dev set as copied into the fixtures, so a clone outside this setup runs it too.
const DEV = fileURLToPath(new URL('../fixtures/dev', import.meta.url));

/** Gold as a perfect system would report it: quotes carry their full text. */
function asSystem(gold: DocumentFacts): SystemFacts {
  const copy = structuredClone(gold);
  return { ...copy, quotes: copy.quotes.map((q) => ({ speaker: q.speaker, text: `${q.startsWith} ...` })) };
}

/** A gold document with only the given lists filled. */
function doc(parts: Partial<DocumentFacts>): DocumentFacts {
  return { ...emptyFacts(), ...parts } as DocumentFacts;
}
const sys = (parts: Partial<SystemFacts>): SystemFacts => ({ ...emptyFacts(), ...parts });

const MET = 'Metropolitan Police Service';

function expectPerfect(score: ReturnType<typeof scoreFolder>) {
  for (const c of CATEGORIES) {
    expect(score.categories[c], c).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  }
  expect(score.roleAccuracy).toBe(1);
  expect(score.dateAccuracy).toBe(1);
  for (const d of score.perDocument) {
    for (const c of CATEGORIES) {
      expect(d.categories[c].misses, `${d.name} ${c}`).toEqual([]);
      expect(d.categories[c].falseHits, `${d.name} ${c}`).toEqual([]);
    }
  }
}

describe('foldName', () => {
  it('drops honorifics, case, punctuation and extra white space', () => {
    expect(foldName('Sir Andy Cooke')).toBe(foldName('Andy Cooke'));
    expect(foldName('  SIR   andy  cooke ')).toBe('andy cooke');
    expect(foldName('Mr. Kit Malthouse')).toBe('kit malthouse');
    expect(foldName('Cllr Jane O\u2019Neil')).toBe(foldName("Jane O'Neil"));
    for (const h of ['Dame', 'Baroness', 'Lord', 'Lady', 'Mrs', 'Ms', 'Miss', 'Dr']) {
      expect(foldName(`${h} Jo Bloggs`), h).toBe('jo bloggs');
    }
    expect(foldName('Metropolitan Police Service.')).toBe(foldName('metropolitan police service'));
  });

  it('keeps a title that is the whole name, and does not fold other differences', () => {
    expect(foldName('Lord')).toBe('lord');
    expect(foldName('Andy Cooke')).not.toBe(foldName('Andrew Cooke'));
  });
});

describe('ratios and accuracy: 0/0 conventions', () => {
  it('is 1 only when nothing is reported and nothing is gold', () => {
    expect(ratios({ correct: 0, reported: 0, gold: 0 })).toEqual({ precision: 1, recall: 1, f1: 1 });
  });
  it('does not reward silence: nothing reported against gold is precision 0', () => {
    expect(ratios({ correct: 0, reported: 0, gold: 5 })).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
  it('does not reward noise: anything reported against empty gold is recall 0', () => {
    expect(ratios({ correct: 0, reported: 3, gold: 0 })).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
  it('computes the harmonic mean', () => {
    const r = ratios({ correct: 2, reported: 4, gold: 2 });
    expect(r.precision).toBe(0.5);
    expect(r.recall).toBe(1);
    expect(r.f1).toBeCloseTo(2 / 3);
  });
  it('accuracy with nothing judged is 1 only when the gold had nothing to judge', () => {
    expect(accuracy({ correct: 0, judged: 0, goldTotal: 0 })).toBe(1);
    expect(accuracy({ correct: 0, judged: 0, goldTotal: 2 })).toBe(0);
    expect(accuracy({ correct: 1, judged: 4, goldTotal: 9 })).toBe(0.25);
  });
  it('an empty system output scores 0 on non-empty categories and 1 on empty ones', () => {
    const gold = doc({ forces: ['Cleveland Police'], people: [{ name: 'Richard Lewis', roles: ['Chief Constable'] }] });
    const s = scoreDocument(emptyFacts(), gold);
    expect(s.categories.forces).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    expect(s.categories.areas).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(s.roles.accuracy).toBe(0);
  });
});

describe('perfect system', () => {
  let folder: GoldFolder;
  beforeAll(async () => {
    folder = await loadGoldFolder(DEV);
  });

  it('scores 1.0 everywhere on the dev gold files', () => {
    expect(folder.documents.map((d) => d.name)).toEqual(expect.arrayContaining(['cleveland-2019-08-hartlepoolmail', 'met-2025-01-hmicfrs', 'notts-2024-03-itv']));
    const score = scoreFolder(folder.documents.map((d) => ({ name: d.name, system: asSystem(d.gold), gold: d.gold })));
    expect(score.documents).toBe(folder.documents.length);
    expectPerfect(score);
    expect(formatVerbose(score)).toBe('no misses or false hits');
  });

  it('scores 1.0 on conflicts when the gold conflicts are reported', () => {
    const gold = folder.conflicts!;
    const s = scoreConflicts(gold.conflicts, gold);
    expect(s).toMatchObject({ precision: 1, recall: 1, f1: 1, falseAgreements: 0, misses: [], falseHits: [] });
  });
});

describe('scoreDocument', () => {
  let met: DocumentFacts;
  beforeAll(async () => {
    met = (await loadGoldFolder(DEV)).documents.find((d) => d.name === 'met-2025-01-hmicfrs')!.gold;
  });

  it('a missing item lowers recall and is listed as a miss', () => {
    const system = asSystem(met);
    const [dropped] = system.areas.splice(1, 1);
    const s = scoreDocument(system, met);
    expect(s.categories.areas).toMatchObject({ correct: 11, reported: 11, gold: 12, precision: 1 });
    expect(s.categories.areas.recall).toBeCloseTo(11 / 12);
    expect(s.categories.areas.misses).toEqual([dropped]);
    expect(s.categories.areas.falseHits).toEqual([]);
    const verbose = formatVerbose(scoreFolder([{ name: 'met', system, gold: met }]));
    expect(verbose).toContain('met\n');
    expect(verbose).toContain('- areas miss: "answering calls more quickly"');
  });

  it('an extra item lowers precision and is listed as a false hit', () => {
    const system = asSystem(met);
    system.organisations.push('Home Office');
    const s = scoreDocument(system, met);
    expect(s.categories.organisations).toMatchObject({ correct: 1, reported: 2, gold: 1, precision: 0.5, recall: 1 });
    expect(s.categories.organisations.falseHits).toEqual(['Home Office']);
    expect(formatVerbose(scoreFolder([{ name: 'met', system, gold: met }]))).toContain(
      '+ organisations false hit: Home Office',
    );
  });

  it('matches names with honorifics folded', () => {
    const gold = doc({
      people: [{ name: 'Andy Cooke', roles: [] }],
      decisions: [{ actor: 'Andy Cooke', act: 'decided', force: MET, stage: 'Engage', change: 'exited' }],
      quotes: [{ speaker: 'Andy Cooke', startsWith: 'I am pleased with the progress' }],
    });
    const system = sys({
      people: [{ name: 'Sir Andy Cooke', roles: [] }],
      decisions: [{ actor: 'Sir Andy Cooke', act: 'decided', force: 'metropolitan police service', stage: 'Engage', change: 'exited' }],
      quotes: [{ speaker: 'SIR ANDY COOKE', text: 'I am pleased with the progress made.' }],
    });
    const s = scoreDocument(system, gold);
    expect(s.categories.people.correct).toBe(1);
    expect(s.categories.decisions.correct).toBe(1);
    expect(s.categories.quotes.correct).toBe(1);
  });

  it('matches a gold item only once even if the system repeats it', () => {
    const gold = doc({ forces: ['Cleveland Police'], dates: [{ text: 'April 2019', value: '2019-04' }] });
    const system = sys({
      forces: ['Cleveland Police', 'cleveland police.'],
      dates: [
        { text: 'April 2019', value: '2019-04' },
        { text: 'in April 2019', value: '2019-04' },
      ],
    });
    const s = scoreDocument(system, gold);
    expect(s.categories.forces).toMatchObject({ correct: 1, reported: 2, gold: 1, precision: 0.5, recall: 1 });
    expect(s.categories.forces.falseHits).toEqual(['cleveland police.']);
    expect(s.categories.dates).toMatchObject({ correct: 1, reported: 2, gold: 1 });
  });

  it('does not match dates at different precision', () => {
    const gold = doc({ dates: [{ text: '28 June 2022', value: '2022-06-28' }] });
    const s = scoreDocument(sys({ dates: [{ text: 'June 2022', value: '2022-06' }] }), gold);
    expect(s.categories.dates.correct).toBe(0);
    expect(s.categories.dates.misses).toHaveLength(1);
    expect(s.categories.dates.falseHits).toHaveLength(1);
  });

  it('matches each gold date value once, even when two gold dates differ only in precision', () => {
    const gold = doc({
      dates: [
        { text: '28 June 2022', value: '2022-06-28' },
        { text: 'June 2022', value: '2022-06' },
      ],
    });
    const system = sys({
      dates: [
        { text: '28 June', value: '2022-06-28' },
        { text: '28 June 2022', value: '2022-06-28' },
      ],
    });
    const s = scoreDocument(system, gold);
    expect(s.categories.dates).toMatchObject({ correct: 1, reported: 2, gold: 2 });
    expect(s.categories.dates.misses).toEqual([{ text: 'June 2022', value: '2022-06' }]);
  });

  describe('stage events and date accuracy', () => {
    const gold = doc({
      stageEvents: [
        { force: MET, stage: 'Engage', change: 'entered', date: '2022-06-28' },
        { force: MET, stage: 'Engage', change: 'exited', date: null },
      ],
    });

    it('matches on force, stage and change; the date is judged apart', () => {
      const system = sys({
        stageEvents: [
          { force: MET, stage: 'Engage', change: 'entered', date: '2022-06' },
          { force: MET, stage: 'Engage', change: 'exited', date: null },
        ],
      });
      const s = scoreDocument(system, gold);
      expect(s.categories.stageEvents).toMatchObject({ correct: 2, precision: 1, recall: 1 });
      expect(s.eventDates).toMatchObject({ correct: 1, judged: 2, accuracy: 0.5 });
      expect(s.eventDates.mismatches).toEqual([{ event: gold.stageEvents[0], systemDate: '2022-06' }]);
      const verbose = formatVerbose(scoreFolder([{ name: 'd', system, gold }]));
      expect(verbose).toContain('gold 2022-06-28, system 2022-06');
    });

    it('treats a date where gold has null as wrong, and null = null as right', () => {
      const s = scoreDocument(
        sys({ stageEvents: [{ force: MET, stage: 'Engage', change: 'exited', date: '2025-01-23' }] }),
        gold,
      );
      expect(s.eventDates).toMatchObject({ correct: 0, judged: 1, accuracy: 0 });
    });

    it('a wrong stage or change is no match', () => {
      const s = scoreDocument(
        sys({
          stageEvents: [
            { force: MET, stage: 'Scan', change: 'entered', date: '2022-06-28' },
            { force: 'Cleveland Police', stage: 'Engage', change: 'exited', date: null },
          ],
        }),
        gold,
      );
      expect(s.categories.stageEvents.correct).toBe(0);
      expect(s.eventDates.accuracy).toBe(0); // gold has events, none matched
    });

    it('pairs like events so that dates agree where they can', () => {
      const twice = doc({
        stageEvents: [
          { force: MET, stage: 'Engage', change: 'entered', date: '2019' },
          { force: MET, stage: 'Engage', change: 'entered', date: '2022-06-28' },
        ],
      });
      const s = scoreDocument(
        sys({ stageEvents: [{ force: MET, stage: 'Engage', change: 'entered', date: '2022-06-28' }] }),
        twice,
      );
      expect(s.eventDates.accuracy).toBe(1);
      expect(s.categories.stageEvents.misses).toEqual([twice.stageEvents[0]]);
    });
  });

  describe('role accuracy: 60% of the gold role words', () => {
    const pcc = 'Nottinghamshire Police and Crime Commissioner'; // 5 words
    const gold = doc({ people: [{ name: 'Caroline Henry', roles: [pcc] }] });
    const roleScore = (roles: string[]) =>
      scoreDocument(sys({ people: [{ name: 'Caroline Henry', roles }] }), gold).roles;

    it('word share is common words over the gold role words, after folding', () => {
      expect(roleWordShare('Police and Crime', pcc)).toBe(0.6);
      expect(roleWordShare('Crime Commissioner', pcc)).toBe(0.4);
      expect(roleWordShare('Chief Constable of Cleveland Police', 'Chief Constable')).toBe(1);
      expect(
        roleWordShare(
          "His Majesty's Chief Inspector of Constabulary and Fire & Rescue Services",
          "His Majesty\u2019s Chief Inspector of Constabulary and Fire and Rescue Services",
        ),
      ).toBe(1);
    });

    it('counts a role at exactly 60% and above', () => {
      expect(roleScore(['Police and Crime'])).toMatchObject({ correct: 1, judged: 1, accuracy: 1 });
      expect(roleScore(['Police and Crime Commissioner'])).toMatchObject({ accuracy: 1 });
    });

    it('does not count a role below 60%', () => {
      // 3 of 6 words = 50%
      const six = doc({ people: [{ name: 'Roy Wilsher', roles: ["His Majesty's Inspector of Constabulary for Wales"] }] });
      const s = scoreDocument(sys({ people: [{ name: 'Roy Wilsher', roles: ['Inspector of Constabulary'] }] }), six);
      expect(s.roles).toMatchObject({ correct: 0, judged: 1, accuracy: 0 });
      expect(roleScore(['Crime Commissioner'])).toMatchObject({ correct: 0, accuracy: 0 });
      expect(roleScore([])).toMatchObject({ correct: 0, accuracy: 0 });
      expect(roleScore(['Crime Commissioner']).misses).toEqual([
        { person: 'Caroline Henry', role: pcc, systemRoles: ['Crime Commissioner'] },
      ]);
    });

    it('uses each system role for one gold role only', () => {
      const two = doc({ people: [{ name: 'Andy Cooke', roles: ['Chief Inspector', 'Chief Inspector of Constabulary'] }] });
      const s = scoreDocument(sys({ people: [{ name: 'Andy Cooke', roles: ['Chief Inspector of Constabulary'] }] }), two);
      expect(s.roles).toMatchObject({ correct: 1, judged: 2, accuracy: 0.5 });
    });

    it('judges only the roles of matched people (missed people count against people recall)', () => {
      const g = doc({
        people: [
          { name: 'Caroline Henry', roles: [pcc] },
          { name: 'Roy Wilsher', roles: ['Inspector of Constabulary'] },
        ],
      });
      const s = scoreDocument(sys({ people: [{ name: 'Caroline Henry', roles: [pcc] }] }), g);
      expect(s.categories.people.recall).toBe(0.5);
      expect(s.roles).toMatchObject({ correct: 1, judged: 1, goldTotal: 2, accuracy: 1 });
    });
  });

  describe('areas: overlapping text, equal peel and polarity', () => {
    const area = (text: string, peel = 'Responding to the public', polarity = 'improved') =>
      ({ text, peel, polarity }) as DocumentFacts['areas'][number];
    const gold = doc({ areas: [area('answering calls more quickly')] });
    const correct = (text: string, peel?: string, polarity?: string) =>
      scoreDocument(sys({ areas: [area(text, peel, polarity)] }), gold).categories.areas.correct;

    it('matches when one text contains the other', () => {
      expect(correct('Answering calls')).toBe(1);
      expect(correct('answering calls more quickly than before')).toBe(1);
    });

    it('matches when they share at least half of the shorter text words', () => {
      // common: calls, more, quickly = 3 of 4
      expect(correct('calls answered more quickly')).toBe(1);
      // common: management, crime = 2 of 3 (shorter)
      expect(areaTextOverlap('management of crime', 'crime management units')).toBeGreaterThan(0);
      // exactly half: 2 of 4
      expect(areaTextOverlap('answering calls', 'calls more slowly answered')).toBeGreaterThan(0);
    });

    it('does not match with less than half the words in common', () => {
      expect(correct('picking up the phone faster')).toBe(0);
      // common: performance = 1 of 3
      expect(areaTextOverlap('how it manages performance', 'oversight of performance')).toBe(0);
      // containment is by whole words
      expect(areaTextOverlap('culture', 'agriculture')).toBe(0);
    });

    it('fails when peel or polarity differ, even for the same text', () => {
      expect(correct('answering calls more quickly', 'Investigating crime')).toBe(0);
      expect(correct('answering calls more quickly', 'Responding to the public', 'concern')).toBe(0);
    });

    it('prefers exact matches before partial ones', () => {
      const pvp = 'Protecting vulnerable people';
      const g = doc({ areas: [area('identification of child exploitation', pvp), area('child exploitation', pvp)] });
      const s = scoreDocument(sys({ areas: [area('child exploitation', pvp)] }), g);
      expect(s.categories.areas.matches[0]!.gold.text).toBe('child exploitation');
      expect(s.categories.areas.misses.map((a) => a.text)).toEqual(['identification of child exploitation']);

      // Both system areas fit the longer gold area; the exact one still goes to its twin.
      const both = scoreDocument(
        sys({ areas: [area('child exploitation', pvp), area('identification of child exploitation', pvp)] }),
        g,
      );
      expect(both.categories.areas.correct).toBe(2);
      for (const m of both.categories.areas.matches) expect(m.system.text).toBe(m.gold.text);
    });
  });

  describe('quotes: text starts with the gold opening, after folding', () => {
    const gold = doc({ quotes: [{ speaker: 'Richard Lewis', startsWith: 'As you will all know, Cleveland Police has' }] });
    const correct = (speaker: string, text: string) =>
      scoreDocument(sys({ quotes: [{ speaker, text }] }), gold).categories.quotes.correct;

    it('folds quotation marks, case, punctuation and white space', () => {
      expect(correct('Richard Lewis', '\u201cAs you  will all know Cleveland police HAS faced many challenges.\u201d')).toBe(1);
      expect(correct('Mr Richard Lewis', 'As you will all know, Cleveland Police has')).toBe(1);
    });

    it('requires the same speaker and a start at the beginning', () => {
      expect(correct('Mark Webster', 'As you will all know, Cleveland Police has faced')).toBe(0);
      expect(correct('Richard Lewis', 'He said: as you will all know, Cleveland Police has faced')).toBe(0);
      expect(correct('Richard Lewis', 'As you will all know')).toBe(0); // shorter than the gold opening
    });

    it('ends the gold opening at a word boundary', () => {
      expect(quoteStartsWith('I am pleased with the good progression', 'I am pleased with the good progress')).toBe(false);
      expect(quoteStartsWith('I am pleased with the good progress.', 'I am pleased with the good progress')).toBe(true);
    });

    it('accepts a system quote given only by startsWith', () => {
      const system = parseSystemFacts({ quotes: [{ speaker: 'Richard Lewis', startsWith: 'As you will all know, Cleveland Police has' }] });
      expect(scoreDocument(system, gold).categories.quotes.correct).toBe(1);
    });
  });

  it('decisions need actor, act, force, stage and change all equal', () => {
    const d = { actor: 'HMICFRS', act: 'decided', force: MET, stage: 'Engage', change: 'exited' } as const;
    const gold = doc({ decisions: [d] });
    expect(scoreDocument(sys({ decisions: [{ ...d, actor: 'hmicfrs' }] }), gold).categories.decisions.correct).toBe(1);
    for (const wrong of [
      { ...d, actor: 'Andy Cooke' },
      { ...d, act: 'announced' as const },
      { ...d, force: 'Cleveland Police' },
      { ...d, stage: 'Scan' as const },
      { ...d, change: 'entered' as const },
    ]) {
      expect(scoreDocument(sys({ decisions: [wrong] }), gold).categories.decisions.correct).toBe(0);
    }
  });
});

describe('matchOneToOne', () => {
  it('re-routes a greedy choice that would block another match', () => {
    // A prefers g0 but also fits g1; B fits only g0. Greedy alone gives one pair.
    const q = (s: string, g: string) => (s === 'A' ? (g === 'g0' ? 2 : 1) : g === 'g0' ? 1 : 0);
    const m = matchOneToOne(['A', 'B'], ['g0', 'g1'], q);
    expect(m.pairs).toHaveLength(2);
    expect(m.unmatchedGold).toEqual([]);
  });
});

describe('scoreFolder micro-averages', () => {
  it('sums counts over documents before taking ratios', () => {
    const one = doc({ forces: ['Cleveland Police'] });
    const three = doc({ forces: [MET, 'Cleveland Police', 'Nottinghamshire Police'] });
    const score = scoreFolder([
      { name: 'one', system: sys({ forces: ['Cleveland Police'] }), gold: one }, // P 1, R 1
      { name: 'three', system: sys({ forces: [MET, 'Kent Police', 'Essex Police'] }), gold: three }, // P 1/3, R 1/3
    ]);
    // Micro: 2/4 both ways; a macro average would be (1 + 1/3) / 2 = 0.667.
    expect(score.categories.forces).toMatchObject({ correct: 2, reported: 4, gold: 4, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(score.perDocument.map((d) => d.name)).toEqual(['one', 'three']);
    expect(score.perDocument[1]!.categories.forces.recall).toBeCloseTo(1 / 3);
  });

  it('micro-averages role and date accuracy too', () => {
    const a = doc({ people: [{ name: 'A B', roles: ['x y', 'z w'] }] });
    const b = doc({ people: [{ name: 'C D', roles: ['p q'] }] });
    const score = scoreFolder([
      { name: 'a', system: sys({ people: [{ name: 'A B', roles: [] }] }), gold: a }, // 0 of 2
      { name: 'b', system: sys({ people: [{ name: 'C D', roles: ['p q'] }] }), gold: b }, // 1 of 1
    ]);
    expect(score.roleAccuracy).toBeCloseTo(1 / 3);
    expect(score.dateAccuracy).toBe(1); // no stage events anywhere
  });
});

describe('scoreConflicts', () => {
  const H = 'met-2025-01-hmicfrs.txt';
  const L = 'met-2025-01-londonstar.txt';
  const M = 'met-2025-01-mayor.txt';
  const gold: ConflictsGold = {
    conflicts: [
      { docs: [H, L], kind: 'count', subject: 'areas behind Engage', a: 'six', b: 'five' },
      { docs: [H, L], kind: 'purpose', subject: 'Milestone Plan', a: 'x', b: 'y' },
    ],
    agreements: [{ docs: [H, M], kind: 'stage', subject: 'stage left', a: 'Engage', b: 'Special Measures', why: 'same stage' }],
  };

  it('matches the same two documents in either order with the same kind', () => {
    const s = scoreConflicts(
      [
        { docs: [L, H], kind: 'count' },
        { docs: [`corpus/dev/${H}`, 'met-2025-01-londonstar'], kind: 'purpose', subject: 'anything' },
      ],
      gold,
    );
    expect(s).toMatchObject({ correct: 2, reported: 2, gold: 2, precision: 1, recall: 1, f1: 1, falseAgreements: 0 });
  });

  it('a wrong kind or wrong documents is a false hit, and the gold conflict a miss', () => {
    const s = scoreConflicts(
      [
        { docs: [H, L], kind: 'date' },
        { docs: [H, M], kind: 'count' },
        { docs: [H, L], kind: 'count' },
      ],
      gold,
    );
    expect(s).toMatchObject({ correct: 1, reported: 3, gold: 2, falseAgreements: 0 });
    expect(s.misses.map((m) => m.kind)).toEqual(['purpose']);
    expect(s.falseHits).toHaveLength(2);
  });

  it('matches each gold conflict once', () => {
    const s = scoreConflicts(
      [
        { docs: [H, L], kind: 'count' },
        { docs: [L, H], kind: 'count' },
      ],
      gold,
    );
    expect(s).toMatchObject({ correct: 1, reported: 2, precision: 0.5, recall: 0.5 });
  });

  it('an agreement reported as a conflict is a false positive and counted in falseAgreements', () => {
    const s = scoreConflicts(
      [
        { docs: [H, L], kind: 'count' },
        { docs: [M, H], kind: 'stage' },
      ],
      gold,
    );
    expect(s).toMatchObject({ correct: 1, reported: 2, gold: 2, precision: 0.5, recall: 0.5, falseAgreements: 1 });
    expect(s.falseHits).toEqual([{ docs: [M, H], kind: 'stage' }]);
    expect(s.agreementsReported[0]!.agreement.why).toBe('same stage');

    // Reported twice: both are false positives, the one agreement counts once.
    const twice = scoreConflicts(
      [
        { docs: [M, H], kind: 'stage' },
        { docs: [H, M], kind: 'stage' },
      ],
      gold,
    );
    expect(twice).toMatchObject({ correct: 0, reported: 2, precision: 0, falseAgreements: 1 });
    expect(twice.falseHits).toHaveLength(2);
  });

  it('reporting nothing is not rewarded', () => {
    expect(scoreConflicts([], gold)).toMatchObject({ precision: 0, recall: 0, f1: 0, misses: gold.conflicts });
  });
});

describe('report', () => {
  const gold = doc({
    forces: ['Cleveland Police'],
    people: [{ name: 'Richard Lewis', roles: ['Chief Constable'] }],
    stageEvents: [{ force: 'Cleveland Police', stage: 'Engage', change: 'entered', date: '2019-04' }],
  });
  const system = sys({
    forces: ['Cleveland Police', 'Durham Constabulary', 'Northumbria Police'],
    people: [{ name: 'Richard Lewis', roles: ['Chief Constable'] }],
    stageEvents: [{ force: 'Cleveland Police', stage: 'Engage', change: 'entered', date: '2019' }],
  });
  const score = scoreFolder([{ name: 'cleveland', system, gold }]);
  const conflicts = scoreConflicts([{ docs: ['a.txt', 'b.txt'], kind: 'date' }], {
    conflicts: [],
    agreements: [{ docs: ['b.txt', 'a.txt'], kind: 'date', subject: 's', a: 'x', b: 'y', why: 'same month' }],
  });

  it('gives the JSON summary with the same keys for every category', () => {
    const json = toReportJson(score);
    expect(Object.keys(json)).toEqual(['categories', 'roleAccuracy', 'dateAccuracy', 'documents']);
    expect(Object.keys(json.categories)).toEqual([...CATEGORIES]);
    for (const c of CATEGORIES) {
      expect(Object.keys(json.categories[c])).toEqual(['precision', 'recall', 'f1', 'correct', 'reported', 'gold']);
    }
    expect(json.categories.forces).toEqual({ precision: 0.3333, recall: 1, f1: 0.5, correct: 1, reported: 3, gold: 1 });
    expect(json).toMatchObject({ roleAccuracy: 1, dateAccuracy: 0, documents: 1 });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('adds conflicts with falseAgreements when given', () => {
    const json = toReportJson(score, conflicts);
    expect(Object.keys(json.categories)).toEqual([...CATEGORIES, 'conflicts']);
    expect(json.categories.conflicts).toEqual({
      precision: 0,
      recall: 0,
      f1: 0,
      correct: 0,
      reported: 1,
      gold: 0,
      falseAgreements: 1,
    });
  });

  it('formats a plain-text table', () => {
    const table = formatTable(score, conflicts);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^category\s+precision\s+recall\s+F1\s+correct\s+reported\s+gold$/);
    expect(table).toMatch(/^forces\s+0\.333\s+1\.000\s+0\.500\s+1\s+3\s+1$/m);
    expect(table).toMatch(/^conflicts\s+0\.000\s+0\.000\s+0\.000\s+0\s+1\s+0$/m);
    expect(table).toMatch(/^role accuracy\s+1\.000/m);
    expect(table).toMatch(/^date accuracy\s+0\.000/m);
    expect(table).toContain('false agreements  1');
  });

  it('lists misses and false hits by document', () => {
    const text = formatVerbose(score, conflicts);
    expect(text.split('\n')).toEqual([
      'cleveland',
      '  + forces false hit: Durham Constabulary',
      '  + forces false hit: Northumbria Police',
      '  ~ date differs: Cleveland Police entered Engage: gold 2019-04, system 2019',
      'conflicts (cross-document)',
      '  + conflict false hit: a.txt ~ b.txt [date] (a gold agreement: same month)',
    ]);
  });
});

describe('loading and validation', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('loads every gold file and the conflicts file', async () => {
    const folder = await loadGoldFolder(DEV);
    const goldFiles = (await readdir(DEV)).filter((f) => f.endsWith('.gold.json') && f !== CONFLICTS_FILE);
    expect(folder.documents.map((d) => d.name)).toEqual(goldFiles.map((f) => f.slice(0, -'.gold.json'.length)).sort());
    expect(folder.documents.find((d) => d.name === 'met-2025-01-hmicfrs')).toMatchObject({ textFile: 'met-2025-01-hmicfrs.txt' });
    expect(folder.conflicts?.conflicts.length).toBeGreaterThan(0);
    expect(folder.conflicts?.agreements.length).toBeGreaterThan(0);
  });

  it('names the file and the JSON path of every problem', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gold-'));
    const bad = {
      ...emptyFacts(),
      people: [{ name: 'Andy Cooke', roles: 'Chief Inspector' }],
      stageEvents: [
        { force: MET, stage: 'Engage', change: 'entered', date: null },
        { force: MET, stage: 'Engaged', change: 'exited', date: 'June 2022' },
      ],
      extra: true,
    };
    await writeFile(path.join(dir, 'bad.gold.json'), JSON.stringify(bad));
    await writeFile(path.join(dir, 'broken.gold.json'), '{"forces": [');
    await writeFile(
      path.join(dir, 'conflicts.gold.json'),
      JSON.stringify({ conflicts: [{ docs: ['a.txt'], kind: 'when', subject: 's', a: 'x', b: 'y' }], agreements: [] }),
    );
    await writeFile(path.join(dir, 'good.gold.json'), JSON.stringify(emptyFacts()));

    const err = await loadGoldFolder(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(GoldFormatError);
    const problems = (err as GoldFormatError).problems.join('\n');
    const badFile = path.join(dir, 'bad.gold.json');
    expect(problems).toContain(`${badFile}: $.people[0].roles:`);
    expect(problems).toContain(`${badFile}: $.stageEvents[1].stage:`);
    expect(problems).toContain(`${badFile}: $.stageEvents[1].date:`);
    expect(problems).toMatch(/bad\.gold\.json: \$: .*extra/);
    expect(problems).toContain(`${path.join(dir, 'broken.gold.json')}: $: invalid JSON`);
    expect(problems).toContain(`${path.join(dir, 'conflicts.gold.json')}: $.conflicts[0].docs`);
    expect(problems).toContain(`${path.join(dir, 'conflicts.gold.json')}: $.conflicts[0].kind`);
    expect(problems).not.toContain('good.gold.json');
  });

  it('accepts sparse system output, defaulting missing lists to empty', () => {
    const s = parseSystemFacts({ forces: ['Kent Police'], quotes: [{ speaker: 'X', text: 'Hello there' }], provenance: {} });
    expect(s.people).toEqual([]);
    expect(s.dates).toEqual([]);
    expect(() => parseSystemFacts({ quotes: [{ speaker: 'X' }] }, 'out.json')).toThrow(/out\.json: \$\.quotes\[0\]/);
  });
});
