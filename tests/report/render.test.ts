import { describe, expect, it } from 'vitest';
import { escapeHtml, html, safeUrl } from '../../src/report/html.ts';
import type { ReportDataInput, ReportDocument, StageEventRow } from '../../src/report/model.ts';
import { factRow } from '../../src/report/read-report.ts';
import { highlighted, renderReport } from '../../src/report/render.ts';
import { buildTimelines, formatDate } from '../../src/report/timeline.ts';
import { duration } from '../../src/report/timeline-svg.ts';

const EVIL = '<script>window.__pwned = 1</script>';

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

const event = (claimId: string, documentId: string, over: Partial<StageEventRow> = {}): StageEventRow => ({
  claimId,
  force: 'Metropolitan Police Service',
  stage: 'Engage',
  change: 'entered',
  date: null,
  datePrecision: null,
  tense: 'past',
  documentId,
  evidence: `Sentence of ${claimId}.`,
  ...over,
});

function data(over: Partial<ReportDataInput> = {}): ReportDataInput {
  const documents = [
    doc('hmicfrs'),
    doc('itv', { publisher: 'ITV News', sourceKind: 'press', publishedAt: '2022-06-28' }),
    doc('star', { publisher: 'London Star', sourceKind: 'press', publishedAt: null }),
  ];
  return {
    generatedAt: '2025-02-01T10:00:00.000Z',
    counts: { documents: documents.length, sources: 3, claims: 40, forces: 1 },
    documents,
    stageEvents: [
      event('c1', 'hmicfrs', { date: '2022-06-28', datePrecision: 'day' }),
      event('c2', 'star', { date: '2022-06', datePrecision: 'month' }),
      event('c3', 'itv'),
      event('c4', 'hmicfrs', { change: 'exited' }),
      event('c5', 'star', { change: 'exited' }),
    ],
    decisions: [
      {
        actor: 'Andy Cooke',
        act: 'decided',
        force: 'Metropolitan Police Service',
        stageChange: 'exited Engage',
        date: '2025-01-23',
        evidence: 'Sir Andy Cooke has decided to remove the Metropolitan Police Service from Engage.',
        document: 'hmicfrs.txt',
        publisher: 'HMICFRS',
        url: 'https://example.org/hmicfrs',
      },
      {
        actor: 'Lee Freeman',
        act: 'recommended',
        force: 'Metropolitan Police Service',
        stageChange: 'exited Engage',
        date: '2025-01-23',
        evidence: 'I have recommended removing the service from Engage.',
        document: 'hmicfrs.txt',
        publisher: 'HMICFRS',
        url: 'https://example.org/hmicfrs',
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
        documents: [evilDoc],
        stageEvents: [event('e1', 'evil', { force: EVIL, evidence: EVIL, date: '2022-06-28', tense: EVIL })],
        decisions: [{ actor: EVIL, act: '"><script>', force: EVIL, stageChange: EVIL, date: null, evidence: EVIL, document: EVIL, publisher: EVIL, url: 'javascript:alert(1)' }],
        conflicts: [
          {
            id: 'x1',
            kind: EVIL,
            subject: EVIL,
            force: EVIL,
            a: { documentId: 'evil', value: EVIL, publisher: EVIL, fileName: EVIL, publishedAt: null, claims: [{ claimId: 'e1', documentId: 'evil', evidence: EVIL, start: 4, end: 12, sentenceId: 's1', sentence: `Say ${EVIL} now`, sentenceStart: 0 }] },
            b: { documentId: null, value: EVIL, publisher: EVIL, fileName: EVIL, publishedAt: null, claims: [] },
          },
        ],
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
        conflicts: [
          {
            id: 'x1',
            kind: 'date',
            subject: 'Metropolitan Police Service entered Engage',
            force: 'Metropolitan Police Service',
            a: { documentId: 'hmicfrs', value: '2022-06-28', publisher: null, fileName: null, publishedAt: null, claims: [{ claimId: 'a1', documentId: 'hmicfrs', evidence: 'since April 2019', start: 142, end: 158, sentenceId: 's1', sentence, sentenceStart: 100 }] },
            b: { documentId: 'itv', value: '2022-07', publisher: null, fileName: null, publishedAt: null, claims: [] },
          },
        ],
      }),
    );
    expect(page).not.toContain('No conflicts found');
    expect(page).toContain('<article class="card conflict" data-kind="date">');
    expect(page).toContain('monitoring <mark>since April 2019</mark>, when');
    expect(page).toMatch(/data-side="A" data-publisher="HMICFRS"/);
    expect(page).toMatch(/data-side="B" data-publisher="ITV News"/);
    expect(page).toContain('28 June 2022');
  });

  it('says the graph is empty instead of showing empty charts', () => {
    const page = renderReport({ ...data(), counts: { documents: 0, sources: 0, claims: 0, forces: 0 }, documents: [], stageEvents: [], decisions: [], corroboration: { origin: 'claims', rows: [] } });
    expect(page).toContain('The graph is empty');
    expect(page).toContain('No stage changes found.');
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
    const [met] = buildTimelines(data().stageEvents as StageEventRow[], data().documents);
    expect(met!.points.map((p) => [p.change, p.date, p.datedBy, p.sources.map((s) => s.document.id).sort()])).toEqual([
      ['entered', '2022-06-28', 'text', ['hmicfrs', 'itv', 'star']],
      ['exited', '2025-01-23', 'publication', ['hmicfrs']],
    ]);
    // Neither a date nor a publication date: listed, not placed.
    expect(met!.undated.map((p) => [p.change, p.sources.map((s) => s.document.id)])).toEqual([['exited', ['star']]]);
    const star = met!.points[0]!.sources.find((s) => s.document.id === 'star')!;
    expect([star.date, star.precision]).toEqual(['2022-06', 'month']);
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
