/** A force's stage changes as an inline SVG chart (no script, no external resources). Pure. */
import { html, type Html } from './html.ts';
import { formatDate, yearFraction, type ForceTimeline, type TimelinePoint } from './timeline.ts';

export interface YearDomain {
  from: number;
  to: number;
}

/** One time scale for every force, so their charts line up. At least three years wide. */
export function yearDomain(timelines: readonly ForceTimeline[]): YearDomain | null {
  const xs = timelines.flatMap((t) => t.points.map((p) => yearFraction(p.date!)));
  if (xs.length === 0) return null;
  let from = Math.floor(Math.min(...xs));
  let to = Math.floor(Math.max(...xs)) + 1;
  while (to - from < 3) {
    from -= to - from < 2 ? 1 : 0;
    to += 1;
  }
  return { from, to };
}

const W = 1000;
const MARGIN = 70;
const AXIS_Y = 62;
const LINE = 15;
const MAX_PUBLISHERS = 4;
const COLOURS: Record<string, string> = { entered: '#b42318', exited: '#067647' };

export function changeColour(change: string): string {
  return COLOURS[change] ?? '#475467';
}

export function changeLabel(point: Pick<TimelinePoint, 'change' | 'stage'>): string {
  const verb = point.change === 'entered' ? 'Entered' : point.change === 'exited' ? 'Left' : point.change;
  return `${verb} ${point.stage}`;
}

export function timelineSvg(timeline: ForceTimeline, domain: YearDomain): Html {
  const xAt = (year: number) => MARGIN + ((year - domain.from) / (domain.to - domain.from)) * (W - 2 * MARGIN);
  const x = (date: string) => xAt(yearFraction(date));
  const points = timeline.points;
  const publisherLines = points.map((p) => publishers(p));
  const rows = Math.max(1, ...publisherLines.map((l) => l.length));
  const height = AXIS_Y + 26 + rows * LINE + 34;
  const yearsY = height - 10;

  // Text anchors: centred, unless a neighbour is close or the point sits near an edge.
  const xs = points.map((p) => x(p.date!));
  const anchors = xs.map((px): 'start' | 'middle' | 'end' => (px < MARGIN + 60 ? 'start' : px > W - MARGIN - 60 ? 'end' : 'middle'));
  for (let i = 0; i + 1 < xs.length; i++) {
    if (xs[i + 1]! - xs[i]! < 170) {
      anchors[i] = 'end';
      anchors[i + 1] = 'start';
    }
  }
  const shift = (i: number) => (anchors[i] === 'end' ? 10 : anchors[i] === 'start' ? -10 : 0);

  const years = [];
  for (let y = domain.from; y <= domain.to; y++) years.push(y);

  return html`<svg class="timeline" viewBox="0 0 ${W} ${height}" role="img" aria-label="${`Stage timeline of ${timeline.force}`}" xmlns="http://www.w3.org/2000/svg">
  <g class="years">${years.map((y) => {
    // Gridlines at each 1 January; the year's name centred on its span.
    const yx = xAt(y).toFixed(1);
    const label = y < domain.to ? html`<text x="${xAt(y + 0.5).toFixed(1)}" y="${yearsY}" text-anchor="middle" class="year">${y}</text>` : '';
    return html`<line x1="${yx}" y1="8" x2="${yx}" y2="${height - 24}" class="grid"/>${label}`;
  })}</g>
  <line x1="${MARGIN - 30}" y1="${AXIS_Y}" x2="${W - MARGIN + 30}" y2="${AXIS_Y}" class="axis"/>
  ${bands(points, x)}
  ${points.map((p, i) => {
    const px = xs[i]!;
    const colour = changeColour(p.change);
    const range = precisionRange(p, x);
    const label = p.datedBy === 'publication' ? `≈ ${formatDate(p.date, p.precision)}` : formatDate(p.date, p.precision);
    const tx = (px - shift(i)).toFixed(1);
    return html`<g class="point" data-change="${p.change}" data-stage="${p.stage}" data-date="${p.date}">
    <title>${`${changeLabel(p)}, ${label}: ${p.documents} ${p.documents === 1 ? 'document' : 'documents'} (${p.publishers.map((s) => `${s.publisher} ${s.documents}`).join(', ')})`}</title>
    ${range ? html`<rect x="${range.x.toFixed(1)}" y="${AXIS_Y - 3}" width="${range.width.toFixed(1)}" height="6" rx="3" fill="${colour}" opacity="0.25"/>` : ''}
    <circle cx="${px.toFixed(1)}" cy="${AXIS_Y}" r="8" fill="${p.datedBy === 'publication' ? '#fff' : colour}" stroke="${colour}" stroke-width="3"/>
    <text x="${tx}" y="22" text-anchor="${anchors[i]}" class="change" fill="${colour}">${changeLabel(p)}</text>
    <text x="${tx}" y="40" text-anchor="${anchors[i]}" class="date">${label}</text>
    ${publisherLines[i]!.map((line, k) => html`<text x="${tx}" y="${AXIS_Y + 30 + k * LINE}" text-anchor="${anchors[i]}" class="${line.more ? 'more' : 'publisher'}">${line.text}</text>`)}
  </g>`;
  })}
</svg>`;
}

/** Publisher names under a point, "(2)" for several of their documents, the rest counted. */
function publishers(p: TimelinePoint): Array<{ text: string; more?: boolean }> {
  const names = p.publishers.map(({ publisher, documents }) => ({ text: documents > 1 ? `${shorten(publisher)} (${documents})` : shorten(publisher) }));
  if (names.length <= MAX_PUBLISHERS + 1) return names;
  return [...names.slice(0, MAX_PUBLISHERS), { text: `and ${names.length - MAX_PUBLISHERS} more`, more: true }];
}

function shorten(name: string): string {
  return name.length > 28 ? `${name.slice(0, 26).trimEnd()}…` : name;
}

/** A month or a year stated without a day is a span of time: drawn faintly behind the point. */
function precisionRange(p: TimelinePoint, x: (d: string) => number): { x: number; width: number } | null {
  if (p.datedBy !== 'text' || !p.date || p.precision === 'day') return null;
  const [y, m] = p.date.split('-');
  const from = p.precision === 'month' ? `${y}-${m}-01` : `${y}-01-01`;
  const to = p.precision === 'month' ? `${y}-${m}-28` : `${y}-12-31`;
  const a = x(from);
  const b = x(to);
  return b - a > 16 ? { x: a, width: b - a } : null;
}

/** Shading for the time a force spent in a stage: from each entry to the next exit, or on to the edge. */
function bands(points: readonly TimelinePoint[], x: (d: string) => number): Html[] {
  const out: Html[] = [];
  points.forEach((p, i) => {
    if (p.change !== 'entered') return;
    const exit = points.slice(i + 1).find((q) => q.stage === p.stage && q.change === 'exited');
    const nextEntry = points.slice(i + 1).find((q) => q.stage === p.stage && q.change === 'entered');
    if (nextEntry && (!exit || yearFraction(nextEntry.date!) < yearFraction(exit.date!))) return;
    const a = x(p.date!);
    const b = exit ? x(exit.date!) : W - MARGIN + 30;
    const label = exit ? `In ${p.stage} for ${duration(p.date!, exit.date!)}` : `In ${p.stage}: no exit in these documents`;
    const mid = (a + b) / 2;
    out.push(html`<rect x="${a.toFixed(1)}" y="${AXIS_Y - 9}" width="${(b - a).toFixed(1)}" height="18" class="band${exit ? '' : ' open'}"/>
    ${b - a > label.length * 6.4 + 40 ? html`<text x="${mid.toFixed(1)}" y="${AXIS_Y + 4}" text-anchor="middle" class="band-label">${label}</text>` : ''}`);
  });
  return out;
}

/** "2 years 7 months", from two dates of any precision. */
export function duration(from: string, to: string): string {
  const months = Math.round((yearFraction(to) - yearFraction(from)) * 12);
  const y = Math.floor(months / 12);
  const m = months % 12;
  const part = (n: number, unit: string) => (n ? `${n} ${unit}${n === 1 ? '' : 's'}` : '');
  return [part(y, 'year'), part(m, 'month')].filter(Boolean).join(' ') || 'under a month';
}
