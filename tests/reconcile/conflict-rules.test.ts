// The conflict rules on written sentences and claims: what disagrees, and the
// agreements that must never become conflicts.
import { describe, expect, it } from 'vitest';
import { entity } from '../../src/claims/build-claims.ts';
import { analyseDocument } from '../../src/extract/extract-document.ts';
import { parseRawFile } from '../../src/ingest/parse-document.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';
import { spellYears } from '../../src/extract/extractors/details.ts';
import { isAssertedArea, isNamedArea } from '../../src/reconcile/conflicts/areas.ts';
import { area, decision, doc, stageEvent } from './build.ts';

const F = 'Midshire Police';

function details(body: string) {
  const { document } = parseRawFile({ path: 't.txt', relativePath: 't.txt', bytes: new TextEncoder().encode(`---\npublishedAt: 2026-03-02\n---\n${body}\n`) });
  return analyseDocument(document!).mentions.filter((m) => m.kind === 'detail');
}

describe('details extractor', () => {
  it('reads a holder rank and a count of holders with their windows', () => {
    const found = details('Jo Bloggs became the force’s fourth chief constable in five years. It has had seven commissioners in as many years.');
    expect(found.map((m) => [m.kind === 'detail' && m.topic, m.kind === 'detail' && m.value, m.kind === 'detail' && m.ordinal, m.kind === 'detail' && m.window])).toEqual([
      ['officeHolders', '4', true, 5],
      ['officeHolders', '7', false, 7],
    ]);
  });

  it('reads graded areas, a spell, a cause and a remit', () => {
    const found = details(
      'Inspectors graded it on all ten areas and found four areas were rated inadequate. Three years after being placed in special measures, the force was released. It was put into enhanced monitoring after a run of scandals. The inspectorate monitors all police forces in England and Wales.',
    );
    expect(found.map((m) => (m.kind === 'detail' ? `${m.topic}:${m.value}` : ''))).toEqual([
      'areasAssessed:10',
      'areasGraded:4',
      'spell:Three years after being placed in special measures',
      'cause:scandals',
      'remit:England and Wales',
    ]);
  });

  it('keeps a spoken length’s hedge as a range of years', () => {
    expect(spellYears('just over', 'three', 'years')).toEqual({ lo: 3, hi: 3.5 });
    expect(spellYears(undefined, 'two', 'years')).toEqual({ lo: 1.5, hi: 3 });
  });
});

describe('agreements that never become conflicts', () => {
  it('a coarser date containing the finer one', () => {
    const a = doc('a.txt', 'inspectorate', '2026-05-20');
    const b = doc('b.txt', 'press', '2026-06-01');
    const claims = [stageEvent(a, F, 'entered', '2026-05-19'), stageEvent(b, F, 'entered', '2026')];
    expect(reconcile({ documents: [a, b], claims }).conflicts).toEqual([]);
  });

  it('the same month in two precisions', () => {
    const a = doc('a.txt', 'inspectorate', '2026-05-20');
    const b = doc('b.txt', 'press', '2026-07-01');
    const claims = [stageEvent(a, F, 'entered', '2026-05-19'), stageEvent(b, F, 'entered', '2026-05')];
    expect(reconcile({ documents: [a, b], claims }).conflicts).toEqual([]);
  });

  it('paraphrased areas and a shorter list', () => {
    const a = doc('a.txt', 'inspectorate', '2026-05-20');
    const b = doc('b.txt', 'press', '2026-05-21');
    const claims = [
      stageEvent(a, F, 'exited', null),
      area(a, F, 'answering emergency calls faster', 'Responding to the public', 'improved'),
      area(a, F, 'supervising its investigations', 'Investigating crime', 'improved'),
      area(a, F, 'vetting of new recruits', 'Developing a positive workplace', 'improved'),
      stageEvent(b, F, 'exited', null),
      area(b, F, 'quicker handling of 999 calls', 'Responding to the public', 'improved'),
      area(b, F, 'investigations', 'Investigating crime', 'improved'),
    ];
    expect(reconcile({ documents: [a, b], claims }).conflicts).toEqual([]);
  });

  it('the office and its holder', () => {
    const a = doc('a.txt', 'inspectorate', '2026-05-20');
    const b = doc('b.txt', 'press', '2026-05-21');
    const holder = entity('Person', 'Jane Roe');
    const claims = [
      stageEvent(a, F, 'exited', null),
      decision(a, holder, 'decided', F, 'exited'),
      { ...stageEvent(a, F, 'exited', null), kind: 'role' as const, subject: holder, predicate: 'HAS_ROLE', value: "His Majesty's Chief Inspector of Constabulary", qualifiers: {} },
      stageEvent(b, F, 'exited', null),
      decision(b, entity('Organisation', 'HMICFRS'), 'decided', F, 'exited'),
    ];
    expect(reconcile({ documents: [a, b], claims }).conflicts).toEqual([]);
  });
});

describe('conflict rules', () => {
  /** The inspectorate's improvements behind an exit, as one release words them. */
  const inspectorateList = (d: ReturnType<typeof doc>, extra: Array<[string, string]> = []) => [
    stageEvent(d, F, 'exited', null),
    area(d, F, 'answering emergency calls', 'Responding to the public', 'improved'),
    area(d, F, 'supervising investigations', 'Investigating crime', 'improved'),
    ...extra.map(([text, peel]) => area(d, F, text, peel, 'improved')),
  ];
  /** A paper crediting the force with improvements the inspectorate did not name. */
  const pressList = (d: ReturnType<typeof doc>) => [
    stageEvent(d, F, 'exited', null),
    area(d, F, 'fleet maintenance', 'Leadership and force management', 'improved'),
    area(d, F, 'custody suites', 'Protecting vulnerable people', 'improved'),
  ];

  it('a date repeated by several documents is one account: each dissenting document conflicts with it once', () => {
    const releases = ['a1.txt', 'a2.txt', 'a3.txt'].map((f) => doc(f, 'inspectorate', '2026-05-20', 'a'));
    const [b, c] = [doc('b.txt', 'press', '2026-07-21'), doc('c.txt', 'press', '2026-07-22')];
    const claims = [...releases.map((d) => stageEvent(d, F, 'entered', '2026-05-19')), stageEvent(b, F, 'entered', '2026-07'), stageEvent(c, F, 'entered', '2026-07')];
    const found = reconcile({ documents: [...releases, b, c], claims }).conflicts.filter((x) => x.kind === 'date');
    // Two papers against the three releases' one date: two conflicts, each with the first release (not six).
    expect(found.map((x) => [x.a.documentId, x.b.documentId]).sort()).toEqual([[releases[0]!.id, b.id], [releases[0]!.id, c.id]].sort());
    expect(found.every((x) => x.confidence === 'high' && x.rule === 'date.disjoint')).toBe(true);
  });

  it('a source set against the same inspectorate list given by two releases: one conflict, not one per release', () => {
    const [a, a2, b] = [doc('a.txt', 'inspectorate', '2026-05-20'), doc('a2.txt', 'inspectorate', '2026-05-20', 'a'), doc('b.txt', 'press', '2026-05-21')];
    const claims = [...inspectorateList(a), ...inspectorateList(a2), ...pressList(b)];
    const found = reconcile({ documents: [a, a2, b], claims }).conflicts.filter((x) => x.kind === 'areas');
    expect(found.map((x) => [x.a.documentId, x.b.documentId])).toEqual([[a.id, b.id]]);
  });

  it('an area one inspectorate account names is not excluded by another: no conflict with the source', () => {
    const [a, a2, b] = [doc('a.txt', 'inspectorate', '2026-05-20'), doc('a2.txt', 'inspectorate', '2026-06-01', 'a'), doc('b.txt', 'press', '2026-06-02')];
    const fuller: Array<[string, string]> = [['fleet maintenance', 'Leadership and force management'], ['custody suites', 'Protecting vulnerable people']];
    const claims = [...inspectorateList(a), ...inspectorateList(a2, fuller), ...pressList(b)];
    const found = reconcile({ documents: [a, a2, b], claims }).conflicts.filter((x) => x.kind === 'areas');
    // The two releases disagree with each other (both complete, each with a gap is the other rule); the paper agrees with the fuller one.
    expect(found.every((x) => x.a.documentId !== b.id && x.b.documentId !== b.id)).toBe(true);
  });

  it('an area named in a clause is not asserted; a short phrase is', () => {
    expect(isAssertedArea('neighbourhood teams are being rebuilt')).toBe(false);
    expect(isNamedArea('fleet maintenance')).toBe(true);
    expect(isNamedArea('rebuilding the fleet')).toBe(false);
  });

  it('different people deciding the same move is an actor conflict with high confidence', () => {
    const a = doc('a.txt', 'inspectorate', '2026-05-20');
    const b = doc('b.txt', 'press', '2026-05-21');
    const claims = [
      stageEvent(a, F, 'exited', null),
      decision(a, entity('Person', 'Jane Roe'), 'decided', F, 'exited'),
      stageEvent(b, F, 'exited', null),
      decision(b, entity('Person', 'John Doe'), 'decided', F, 'exited'),
      { ...stageEvent(a, F, 'exited', null), kind: 'role' as const, subject: entity('Person', 'Jane Roe'), predicate: 'HAS_ROLE', value: "His Majesty's Chief Inspector of Constabulary", qualifiers: {} },
      { ...stageEvent(b, F, 'exited', null), kind: 'role' as const, subject: entity('Person', 'John Doe'), predicate: 'HAS_ROLE', value: "His Majesty's Inspector of Constabulary", qualifiers: {} },
    ];
    const found = reconcile({ documents: [a, b], claims }).conflicts;
    expect(found.map((c) => [c.kind, c.confidence, c.rule])).toEqual([['actor', 'high', 'actor.different-people']]);
  });

  it('an undated passing mention of another force makes no date conflict', () => {
    const main = doc('main.txt', 'inspectorate', '2026-05-20');
    const other = doc('other.txt', 'government', '2024-01-10');
    const mention = (d: typeof main, name: string) => ({ ...stageEvent(d, name, 'entered', null), kind: 'mention' as const, subject: entity('Force', name), predicate: 'MENTIONS', value: name, qualifiers: {} });
    const claims = [
      stageEvent(main, F, 'entered', '2026-05-19'),
      mention(main, F),
      mention(main, F),
      stageEvent(other, F, 'entered', null),
      mention(other, F),
      mention(other, 'Northshire Police'),
      mention(other, 'Northshire Police'),
    ];
    expect(reconcile({ documents: [main, other], claims }).conflicts).toEqual([]);
  });
});
