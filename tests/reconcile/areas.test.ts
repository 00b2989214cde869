import { describe, expect, it } from 'vitest';
import { statedCount } from '../../src/reconcile/conflicts/count.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';
import { contentWords, sameWord } from '../../src/reconcile/words.ts';
import { area, doc, quote, stageEvent } from './build.ts';

const MET = 'Metropolitan Police Service';
const R = 'Responding to the public';
const P = 'Protecting vulnerable people';
const I = 'Investigating crime';
const W = 'Developing a positive workplace';
const S = 'Disrupting serious organised crime';

function exitDocs() {
  const hmi = doc('hmi.txt', 'inspectorate', '2025-01-23');
  const base = [
    stageEvent(hmi, MET, 'exited', null),
    area(hmi, MET, 'answering calls more quickly', R, 'improved', { sentenceIndex: 1 }),
    area(hmi, MET, 'assessing and investigating missing children', P, 'improved', { sentenceIndex: 2 }),
    area(hmi, MET, 'crimes involving exploited children', P, 'improved', { sentenceIndex: 2 }),
    area(hmi, MET, 'introducing new crime management units', I, 'improved', { sentenceIndex: 3 }),
    area(hmi, MET, 'its professional standards', W, 'improved', { sentenceIndex: 4 }),
  ];
  return { hmi, base };
}

describe('areas across sources', () => {
  it('matches words in other forms and ignores function words', () => {
    expect(contentWords('The force needs to improve how it investigates crime')).toEqual(['crime', 'investigates']);
    expect(sameWord('investigates', 'investigations')).toBe(true);
    expect(sameWord('child', 'children')).toBe(true);
    expect(sameWord('criminal', 'crime')).toBe(false);
  });

  it('a subset of the same improvements in other words is agreement', () => {
    const { hmi, base } = exitDocs();
    const mayor = doc('mayor.txt', 'government', '2025-01-23');
    const claims = [
      ...base,
      stageEvent(mayor, MET, 'exited', null),
      area(mayor, MET, 'emergency calls are now being answered faster', R, 'improved'),
      area(mayor, MET, 'missing children', P, 'improved'),
    ];
    expect(reconcile({ documents: [hmi, mayor], claims }).conflicts).toEqual([]);
  });

  it('each side naming areas the other lacks, one a clear gap, is an areas conflict with both lists', () => {
    const { hmi, base } = exitDocs();
    const star = doc('star.txt', 'press');
    const gangs = area(star, MET, 'combatting criminal gangs', S, 'improved');
    const claims = [...base, stageEvent(star, MET, 'exited', null), area(star, MET, 'responding efficiently to emergency calls', R, 'improved'), gangs];
    const { conflicts, facts } = reconcile({ documents: [hmi, star], claims });
    expect(conflicts).toHaveLength(1);
    const x = conflicts[0]!;
    expect(x).toMatchObject({ kind: 'areas', force: MET, stage: 'Engage', change: 'exited' });
    expect(x.a.fileName).toBe('hmi.txt');
    expect(x.b.claimIds).toContain(gangs.id);
    expect(x.b.value).toContain('not in the other: combatting criminal gangs');
    expect(x.a.value).toContain('not in the other:');
    // Facts group the areas by event, polarity and PEEL area, with their corroboration.
    const responding = facts.find((f) => f.kind === 'area' && f.object === R)!;
    expect(responding).toMatchObject({ corroboration: 2, sourceKinds: ['inspectorate', 'press'], predicate: 'IMPROVEMENT' });
  });

  it('differences in wording alone (every PEEL area shared) are not a conflict', () => {
    const { hmi, base } = exitDocs();
    const met = doc('met.txt', 'police', '2025-01-23');
    const claims = [
      ...base,
      stageEvent(met, MET, 'exited', '2025-01-23'),
      area(met, MET, 'culture', W, 'improved'),
      area(met, MET, 'call handling', R, 'improved'),
      area(met, MET, 'child exploitation', P, 'improved'),
      area(met, MET, 'crime investigations', I, 'improved'),
    ];
    expect(reconcile({ documents: [hmi, met], claims }).conflicts).toEqual([]);
  });

  it('areas inside a quotation are the speaker’s, not the document’s account: left out of the comparison', () => {
    const { hmi, base } = exitDocs();
    const mayor = doc('mayor.txt', 'government', '2025-01-23');
    const claims = [
      ...base,
      stageEvent(mayor, MET, 'exited', null, { start: 5000 }),
      quote(mayor, 'Sadiq Khan', 'x'.repeat(300), 100),
      area(mayor, MET, 'neighbourhood policing is being revitalised', 'Preventing crime and anti-social behaviour', 'improved', { start: 150 }),
    ];
    expect(reconcile({ documents: [hmi, mayor], claims }).conflicts).toEqual([]);
  });

  it('two secondary accounts are checked against the inspectorate, not against each other', () => {
    const a = doc('a.txt', 'press');
    const b = doc('b.txt', 'police');
    const claims = [
      stageEvent(a, MET, 'exited', null),
      area(a, MET, 'combatting criminal gangs', S, 'improved'),
      stageEvent(b, MET, 'exited', null),
      area(b, MET, 'its professional standards', W, 'improved'),
    ];
    expect(reconcile({ documents: [a, b], claims }).conflicts).toEqual([]);
  });

  it('concerns are reasons for the entry: an exit story’s concerns are compared with the entry release’s', () => {
    const entry = doc('entry.txt', 'inspectorate', '2024-03-11');
    const exit = doc('exit.txt', 'press', '2025-05-23');
    const claims = [
      stageEvent(entry, 'Nottinghamshire Police', 'entered', '2024-03-11'),
      area(entry, 'Nottinghamshire Police', 'how it carries out effective investigations', I, 'concern'),
      area(entry, 'Nottinghamshire Police', 'make sure that victims get the support they need', I, 'concern'),
      stageEvent(exit, 'Nottinghamshire Police', 'exited', null),
      stageEvent(exit, 'Nottinghamshire Police', 'exited', null),
      stageEvent(exit, 'Nottinghamshire Police', 'entered', '2024-03'),
      area(exit, 'Nottinghamshire Police', 'how the force investigates crime', I, 'concern'),
      area(exit, 'Nottinghamshire Police', 'activities to prevent crime and disorder', 'Preventing crime and anti-social behaviour', 'concern'),
    ];
    const { conflicts } = reconcile({ documents: [entry, exit], claims });
    expect(conflicts.map((x) => [x.kind, x.subject, x.a.fileName, x.b.fileName])).toEqual([
      ['areas', 'Concerns behind: Nottinghamshire Police entered Engage', 'entry.txt', 'exit.txt'],
    ]);
  });
});

describe('counts of areas', () => {
  it('reads a stated number of areas', () => {
    expect(statedCount('needing improvement in five key areas, including call handling')).toEqual({ n: 5, text: 'five key areas' });
    expect(statedCount('in 3 areas')).toEqual({ n: 3, text: '3 areas' });
    expect(statedCount('rated inadequate in all areas')).toBeNull();
  });

  it('a stated number against a different number of reasons the inspectorate lists is a count conflict', () => {
    const { hmi, base } = exitDocs();
    const star = doc('star.txt', 'press');
    const stated = area(star, MET, 'call handling', R, 'concern', { sentenceIndex: 3 });
    const claims = [...base, stageEvent(star, MET, 'exited', null), stated, area(star, MET, 'child exploitation', P, 'concern', { sentenceIndex: 3 })];
    const sentences = [{ documentId: star.id, index: 3, text: 'The Met was identified as needing improvement in five key areas, including call handling and child exploitation.' }];
    const counts = reconcile({ documents: [hmi, star], claims, sentences }).conflicts.filter((c) => c.kind === 'count');
    expect(counts).toHaveLength(1);
    expect(counts[0]!.a).toMatchObject({ fileName: 'hmi.txt' });
    expect(counts[0]!.a.value).toMatch(/^4 listed/);
    expect(counts[0]!.b).toMatchObject({ fileName: 'star.txt', value: 'five key areas (5)' });
    expect(counts[0]!.b.claimIds).toContain(stated.id);

    // The same number as listed: no conflict.
    const same = [{ ...sentences[0]!, text: 'The Met needed to improve in four areas, including call handling.' }];
    expect(reconcile({ documents: [hmi, star], claims, sentences: same }).conflicts.filter((c) => c.kind === 'count')).toEqual([]);
  });
});
