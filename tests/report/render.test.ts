import { describe, expect, it } from 'vitest';
import { escapeHtml, html, safeUrl } from '../../src/report/html.ts';
import type { ConflictRow, ReportDataInput, ReportDocument, StageEventGroup, TimelinePoint } from '../../src/report/model.ts';
import { factRow } from '../../src/report/read-report.ts';
import { highlighted, openSources, renderReport } from '../../src/report/render.ts';
import { buildTimelines, formatDate, pointSource } from '../../src/report/timeline.ts';
import { duration } from '../../src/report/timeline-svg.ts';

const EVIL = '<script>window.__pwned = 1</script>';
const MET = 'Metropolitan Police Service';

const doc = (id: string, over: Partial<ReportDocument> = {}): ReportDocument => ({
  id,
  fileName: `${id}.txt`,
  title: `Title of ${id}`,
  url: `https://example.org/${id}`,
  publisher: 'HMICFRS',
  sourceKind: 'inspectorate',
  publishedAt: '2025-01-23',
  ...over,
});

const group = (over: Partial<StageEventGroup> = {}): StageEventGroup => ({ force: MET, stage: 'Engage', change: 'entered', date: null, datePrecision: null, published: null, documents: 1, ...over });

const DOCS = {
  hmicfrs: doc('hmicfrs'),
  itv: doc('itv', { publisher: 'ITV News', sourceKind: 'press', publishedAt: '2022-06-28' }),
  star: doc('star', { publisher: 'London Star', sourceKind: 'press', publishedAt: null }),
};

/** A timeline point whose documents are the ones given, each listed. */
function point(over: Partial<TimelinePoint>, docs: ReportDocument[]): TimelinePoint {
  const byKind = new Map<string, number>();
  for (const d of docs) byKind.set(d.sourceKind, (byKind.get(d.sourceKind) ?? 0) + 1);
  return {
    stage: 'Engage',
    change: 'entered',
    date: '2022-06-28',
    precision: 'day',
    datedBy: 'text',
    documents: docs.length,
    byKind: [...byKind].map(([kind, documents]) => ({ kind, documents })),
    publishers: docs.map((d) => ({ publisher: d.publisher, kind: d.sourceKind, documents: 1 })),
    sample: docs.map((d) => pointSource(d, [{ date: over.date ?? '2022-06-28', datePrecision: 'day', tense: 'past', evidence: `Sentence of ${d.id}.` }])),
    ...over,
  };
}

function data(over: Partial<ReportDataInput> = {}): ReportDataInput {
  return {
    generatedAt: '2025-02-01T10:00:00.000Z',
    counts: { documents: 3, sources: 3, claims: 40, forces: 1 },
    publishers: [
      { publisher: 'HMICFRS', kind: 'inspectorate', documents: 1, first: '2025-01-23', last: '2025-01-23' },
      { publisher: 'ITV News', kind: 'press', documents: 1, first: '2022-06-28', last: '2022-06-28' },
      { publisher: 'London Star', kind: 'press', documents: 1, first: null, last: null },
    ],
    recentDocuments: Object.values(DOCS),
    timelines: [
      {
        force: MET,
        points: [point({}, [DOCS.hmicfrs, DOCS.itv, DOCS.star]), point({ change: 'exited', date: '2025-01-23', datedBy: 'publication' }, [DOCS.hmicfrs])],
        undated: [point({ change: 'exited', date: null, precision: null, datedBy: 'none' }, [DOCS.star])],
      },
    ],
    decisions: [
      {
        actor: 'Andy Cooke',
        act: 'decided',
        force: MET,
        stageChange: 'exited Engage',
        documents: 1,
        byKind: [{ kind: 'inspectorate', documents: 1 }],
        dates: ['2025-01-23'],
        moreDates: 0,
        quotes: [{ evidence: 'Sir Andy Cooke has decided to remove the Metropolitan Police Service from Engage.', document: 'hmicfrs.txt', publisher: 'HMICFRS', kind: 'inspectorate', url: 'https://example.org/hmicfrs' }],
      },
      {
        actor: 'Lee Freeman',
        act: 'recommended',
        force: MET,
        stageChange: 'exited Engage',
        documents: 1,
        byKind: [{ kind: 'inspectorate', documents: 1 }],
        dates: ['2025-01-23'],
        moreDates: 0,
        quotes: [{ evidence: 'I have recommended removing the service from Engage.', document: 'hmicfrs.txt', publisher: 'HMICFRS', kind: 'inspectorate', url: 'https://example.org/hmicfrs' }],
      },
    ],
    conflicts: [],
    corroboration: {
      origin: 'claims',
      rows: [{ kind: 'stageEvent', label: 'Metropolitan Police Service entered Engage', date: null, datePrecision: null, sources: [{ publisher: 'HMICFRS', kind: 'inspectorate', documents: 1 }, { publisher: 'ITV News', kind: 'press', documents: 1 }] }],
    },
    ...over,
  };
}

const conflicts = (rows: ConflictRow[], total = rows.length) => [{ force: rows[0]!.force, subject: rows[0]!.subject, kind: rows[0]!.kind, total, shown: rows }];

describe('html template', () => {
  it('escapes every interpolated value, in text and in attributes', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
    const out = html`<p title="${'" onmouseover="x'}">${EVIL}${[EVIL, html`<b>ok</b>`]}</p>`.value;
    expect(out).not.toContain('<script>');
    expect(out).toContain('<b>ok</b>');
    expect(out).toContain('title="&quot; onmouseover=&quot;x"');
  });

  it('links only http and https urls', () => {
    expect(safeUrl('https://www.gov.uk/a?b=1')).toBe('https://www.gov.uk/a?b=1');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('data:text/html,<script>x</script>')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
    expect(safeUrl(null)).toBeNull();
  });
});

describe('renderReport', () => {
  it('builds one self-contained page with every section, and no script or external resource', () => {
    const page = renderReport(data());
    expect(page.startsWith('<!doctype html>')).toBe(true);
    for (const id of ['timelines', 'decisions', 'conflicts', 'corroboration', 'documents']) expect(page).toContain(`<section id="${id}">`);
    expect(page).toContain('<svg class="timeline"');
    expect(page).toContain("default-src 'none'");
    expect(page).not.toMatch(/<script|<link|<img|src=|@import|url\(/i);
    // The only absolute urls are the documents' own links (and the SVG namespace).
    const urls = [...page.matchAll(/https?:\/\/[^\s"'<)]+/g)].map((m) => m[0]);
    expect(urls.every((u) => u.startsWith('https://example.org/') || u === 'http://www.w3.org/2000/svg')).toBe(true);
  });

  it('says so gracefully when there are no conflicts', () => {
    const page = renderReport(data());
    expect(page).toContain('No conflicts found');
  });

  it('shows who decided and who recommended, with the evidence and a link to the source', () => {
    const page = renderReport(data());
    expect(page).toMatch(/data-actor="Andy Cooke" data-act="decided" data-change="exited Engage"/);
    expect(page).toMatch(/data-actor="Lee Freeman" data-act="recommended"/);
    expect(page).toContain('Sir Andy Cooke has decided to remove the Metropolitan Police Service from Engage.');
    expect(page).toContain('<a href="https://example.org/hmicfrs" rel="noopener noreferrer">HMICFRS</a>');
  });

  it('escapes document text everywhere it appears, and never links a javascript: url', () => {
    const evilDoc = doc('evil', { title: EVIL, publisher: `<img src=x onerror=alert(1)>`, url: 'javascript:alert(1)', sourceKind: '"><script>' });
    const page = renderReport(
      data({
        recentDocuments: [evilDoc],
        publishers: [{ publisher: EVIL, kind: EVIL, documents: 1, first: null, last: null }],
        timelines: [{ force: EVIL, points: [point({ stage: EVIL, change: EVIL }, [evilDoc])], undated: [] }],
        decisions: [{ actor: EVIL, act: '"><script>', force: EVIL, stageChange: EVIL, documents: 3, byKind: [{ kind: EVIL, documents: 3 }], dates: [], moreDates: 0, quotes: [1, 2, 3].map(() => ({ evidence: EVIL, document: EVIL, publisher: EVIL, kind: EVIL, url: 'javascript:alert(1)' })) }],
        conflicts: conflicts([
          {
            id: 'x1',
            kind: EVIL,
            subject: EVIL,
            force: EVIL,
            a: { documentId: 'evil', value: EVIL, publisher: EVIL, fileName: EVIL, publishedAt: null, document: evilDoc, claims: [{ claimId: 'e1', documentId: 'evil', evidence: EVIL, start: 4, end: 12, sentenceId: 's1', sentence: `Say ${EVIL} now`, sentenceStart: 0 }] },
            b: { documentId: null, value: EVIL, publisher: EVIL, fileName: EVIL, publishedAt: null, document: null, claims: [] },
          },
        ], 5),
        corroboration: { origin: 'facts', rows: [{ kind: EVIL, label: EVIL, date: null, datePrecision: null, sources: [{ publisher: EVIL, kind: EVIL, documents: 2 }] }] },
      }),
    );
    expect(page).not.toMatch(/<script|<img|javascript:/i);
    expect(page).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('shows conflicts side by side with the disputed words marked inside each sentence', () => {
    const sentence = 'The force has been in enhanced monitoring since April 2019, when it was rated inadequate.';
    const page = renderReport(
      data({
        conflicts: conflicts([
          {
            id: 'x1',
            kind: 'date',
            subject: 'Metropolitan Police Service entered Engage',
            force: 'Metropolitan Police Service',
            a: { documentId: 'hmicfrs', value: '2022-06-28', publisher: null, fileName: null, publishedAt: null, document: DOCS.hmicfrs, claims: [{ claimId: 'a1', documentId: 'hmicfrs', evidence: 'since April 2019', start: 142, end: 158, sentenceId: 's1', sentence, sentenceStart: 100 }] },
            b: { documentId: 'itv', value: '2022-07', publisher: null, fileName: null, publishedAt: null, document: DOCS.itv, claims: [] },
          },
        ]),
      }),
    );
    expect(page).not.toContain('No conflicts found');
    expect(page).toContain('<article class="card conflict" data-kind="date" data-total="1">');
    expect(page).toContain('monitoring <mark>since April 2019</mark>, when');
    expect(page).toMatch(/data-side="A" data-publisher="HMICFRS"/);
    expect(page).toMatch(/data-side="B" data-publisher="ITV News"/);
    expect(page).toContain('28 June 2022');
  });

  it('says the graph is empty instead of showing empty charts', () => {
    const page = renderReport({ ...data(), counts: { documents: 0, sources: 0, claims: 0, forces: 0 }, publishers: [], recentDocuments: [], timelines: [], decisions: [], corroboration: { origin: 'claims', rows: [] } });
    expect(page).toContain('The graph is empty');
    expect(page).toContain('No stage changes found.');
  });

  it('lists the first documents of each kind behind a point, inspectorate first, and folds and counts the rest', () => {
    const kinds = ['press', 'press', 'press', 'police', 'inspectorate', 'press', 'government'];
    const docs = kinds.map((k, i) => doc(`d${i}`, { sourceKind: k, publisher: `${k} ${i}` }));
    const { shown, folded } = openSources(point({}, docs).sample, 4);
    expect(shown.map((s) => s.document.sourceKind)).toEqual(['inspectorate', 'government', 'police', 'press']);
    expect(folded).toHaveLength(3);

    const big = point({ documents: 222, byKind: [{ kind: 'inspectorate', documents: 20 }, { kind: 'press', documents: 202 }] }, docs);
    const page = renderReport(data({ timelines: [{ force: MET, points: [big], undated: [] }] }));
    const item = page.slice(page.indexOf('<li class="point-item"'), page.indexOf('</li>\n</ol>'));
    expect(item).toContain('222 documents: 20 inspectorate, 202 press');
    expect(item).toMatch(/<details class="more" data-more="218"><summary>218 more documents<\/summary>/);
    expect(item).toContain('215 more not listed here');
  });

  it('grows with events, not with documents: ten times the documents behind each point, about the same page', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => doc(`d${i}`, { publisher: `Paper ${i % 7}`, sourceKind: i % 3 ? 'press' : 'inspectorate' }));
    // The reader samples at most a few documents per kind; the counts carry the rest.
    const page = (n: number) => renderReport(data({ timelines: [{ force: MET, points: [point({ documents: n }, many(6))], undated: [] }], counts: { documents: n, sources: 7, claims: n * 20, forces: 1 } }));
    const small = page(30).length;
    const large = page(3000).length;
    expect(large - small).toBeLessThan(50);
  });

  it('folds a long force section, and counts every conflict while showing the first of each kind', () => {
    const points = Array.from({ length: 6 }, (_, i) => point({ date: `${2015 + i}-01-01`, change: i % 2 ? 'exited' : 'entered' }, [DOCS.hmicfrs]));
    const side = { documentId: 'hmicfrs', value: 'x', publisher: null, fileName: null, publishedAt: null, document: DOCS.hmicfrs, claims: [] };
    const page = renderReport(
      data({
        timelines: [{ force: MET, points, undated: [] }],
        conflicts: conflicts([{ id: 'c1', kind: 'date', subject: `${MET} entered Engage`, force: MET, a: side, b: side }], 40),
      }),
    );
    expect(page).toContain('<details class="fold"><summary>6 points, each with its documents</summary>');
    expect(page).toContain('data-force="Metropolitan Police Service" data-total="40"');
    expect(page).toContain('and 39 more date conflicts about Metropolitan Police Service entered Engage');
  });

  it('shows the best-supported facts of each kind in full, and every other fact under its counts, folded', () => {
    const fact = (kind: string, i: number, publishers: number, documents = publishers) => ({
      kind,
      label: `${kind} fact ${i}`,
      date: kind === 'stageEvent' ? '2022-06' : null,
      datePrecision: kind === 'stageEvent' ? 'month' : null,
      sources: Array.from({ length: publishers }, (_, p) => ({ publisher: `Paper ${p}`, kind: p ? 'press' : 'inspectorate', documents: p ? 1 : documents - publishers + 1 })),
    });
    const rows = [
      ...Array.from({ length: 25 }, (_, i) => fact('stageEvent', i, 1 + (i % 6), 1 + (i % 6) + (i % 2))),
      ...Array.from({ length: 300 }, (_, i) => fact('entity', i, i < 12 ? 4 : 1, i < 12 ? 9 : 1 + (i % 2))),
    ];
    const page = renderReport(data({ corroboration: { origin: 'facts', rows } }));
    const section = page.slice(page.indexOf('<section id="corroboration">'), page.indexOf('<section id="documents">'));
    const table = (kind: string) => section.slice(section.indexOf(`<table class="corroboration" data-kind="${kind}"`), section.indexOf('</table>', section.indexOf(`data-kind="${kind}"`)));
    // In full: the ten with the most publishers, most first.
    const open = [...table('stageEvent').matchAll(/<tr class="fact" data-sources="(\d+)" data-documents="(\d+)">/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(open).toHaveLength(10);
    expect(open[0]).toEqual([6, 7]);
    expect(open.map((x) => x[0])).toEqual(open.map((x) => x[0]).sort((a, b) => b! - a!));
    // The rest folded, grouped under their counts, every fact listed: 15 stage changes, 290 entities.
    expect(section).toContain('<details class="fold facts" data-kind="stageEvent" data-more="15"><summary>15 more facts of stage changes, each with fewer publishers</summary>');
    expect(section).toContain('<details class="fold facts" data-kind="entity" data-more="290">');
    const counted = [...section.matchAll(/<div class="fact-count" data-sources="(\d+)" data-facts="(\d+)">.*?<\/div>/gs)];
    expect(counted.reduce((n, m) => n + Number(m[2]), 0)).toBe(15 + 290);
    for (const m of counted) expect((m[0].match(/<li>/g) ?? []).length).toBe(Number(m[2]));
    // Grouped by publishers, each fact with its documents: 288 entities with one publisher, 144 of them with two documents.
    const single = counted.find((m) => m[1] === '1' && m[0].includes('entity fact'))!;
    expect(single[0]).toContain('<strong>1 publisher</strong> <span class="muted">· 288 facts</span>');
    expect((single[0].match(/<span class="n">2<\/span><\/li>/g) ?? []).length).toBe(144);
    expect(section).toContain('<li>stageEvent fact 0 <span class="muted">June 2022</span> <span class="n">1</span></li>');
    for (let i = 0; i < 300; i++) expect(section).toMatch(new RegExp(`entity fact ${i}[ <]`));
    // A fact backed by hundreds of publishers names the first few, inspectorate first, and counts the rest.
    const known = renderReport(data({ corroboration: { origin: 'facts', rows: [fact('entity', 0, 300, 310)] } }));
    expect(known).toMatch(/<td class="small">Paper 0 \(11\), Paper 1, Paper 10, Paper 100, .*? <span class="muted">and 292 more<\/span><\/td>/);
    // A folded fact costs a few dozen bytes, not a table row.
    const fewer = renderReport(data({ corroboration: { origin: 'facts', rows: rows.slice(0, 125) } })).length;
    expect((page.length - fewer) / 200).toBeLessThan(60);
  });

  it('rejects rows that do not match the model', () => {
    expect(() => renderReport({ ...data(), decisions: [{ actor: 'x' }] } as unknown as ReportDataInput)).toThrow();
  });
});

describe('highlighted', () => {
  it('marks overlapping spans once and clips a span that runs past its sentence', () => {
    const s = { sentence: 'Cleveland Police will enter the process.', sentenceStart: 1000, evidence: '' };
    const out = highlighted([
      { ...s, start: 1022, end: 1027 },
      { ...s, start: 1025, end: 1031 },
      { ...s, start: 1032, end: 1200 },
    ]).value;
    expect(out).toBe('Cleveland Police will <mark>enter the</mark> <mark>process.</mark>');
  });
});

describe('timelines', () => {
  it("folds a month into the day it contains, and undated claims into the point nearest their publication", () => {
    const [met] = buildTimelines([
      group({ date: '2022-06-28', datePrecision: 'day', documents: 1 }),
      group({ date: '2022-06', datePrecision: 'month', documents: 1 }),
      group({ published: '2022-06-28', documents: 1 }),
      group({ change: 'exited', published: '2025-01-23', documents: 1 }),
      group({ change: 'exited', documents: 1 }),
    ]);
    expect(met!.points.map((p) => [p.point.change, p.point.date, p.point.datedBy, p.match.dates, p.match.published])).toEqual([
      ['entered', '2022-06-28', 'text', ['2022-06-28', '2022-06'], ['2022-06-28']],
      ['exited', '2025-01-23', 'publication', [], ['2025-01-23']],
    ]);
    // Neither a date nor a publication date, and two points it could join: listed, not placed.
    const [exitedUndated] = buildTimelines([group({ change: 'exited', published: '2025-01-23' }), group({ change: 'exited', published: '2019-01-02' }), group({ change: 'exited' })])[0]!.undated;
    expect([exitedUndated!.point.datedBy, exitedUndated!.match.none]).toEqual(['none', true]);
  });

  it('a document states the most precise of its dates, and a change still to come', () => {
    const s = pointSource(doc('star'), [
      { date: '2022-06', datePrecision: 'month', tense: 'past', evidence: 'In June 2022.' },
      { date: '2022-06-28', datePrecision: 'day', tense: 'future', evidence: 'On 28 June 2022.' },
    ]);
    expect([s.date, s.precision, s.tense, s.evidence.length]).toEqual(['2022-06-28', 'day', 'future', 2]);
  });

  it('writes dates at the precision they were given', () => {
    expect(formatDate('2022-06-28', 'day')).toBe('28 June 2022');
    expect(formatDate('2022-06', 'month')).toBe('June 2022');
    expect(formatDate('2019', 'year')).toBe('2019');
    expect(duration('2022-06-28', '2025-01-23')).toBe('2 years 7 months');
  });
});

describe('factRow', () => {
  it('labels a reconciled fact by its readable subject, with its date apart', () => {
    const row = factRow({ props: { kind: 'stageEvent', subject: 'Cleveland Police entered Engage', date: '2019-04', datePrecision: 'month', corroboration: 4 }, sources: [{ publisher: 'HMICFRS', kind: 'inspectorate', documents: 1 }] });
    expect(row).toMatchObject({ kind: 'stageEvent', label: 'Cleveland Police entered Engage', date: '2019-04', datePrecision: 'month' });
    expect(factRow({ props: { kind: 'entity', subject: 'Andy Cooke', object: 'Person' }, sources: [] }).label).toBe('Andy Cooke (person)');
    expect(factRow({ props: { predicate: 'X', object: 'Y' }, sources: [] }).label).toBe('object Y, predicate X');
  });
});
