/** The report's stylesheet, inlined into the page so it works offline. Fixed text, no document content. */
export const REPORT_CSS = `
:root {
  --ink: #101828; --muted: #667085; --line: #e4e7ec; --bg: #f5f6f8; --card: #fff; --accent: #1d4ed8;
  --entered: #b42318; --exited: #067647;
  --k-inspectorate: #1e3a8a; --k-government: #0f766e; --k-police: #6d28d9; --k-press: #b45309; --k-other: #667085;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif; }
.wrap { max-width: 1120px; margin: 0 auto; padding: 0 24px; }
header.page { background: #0b1f3a; color: #fff; padding: 28px 0 0; margin-bottom: 28px; }
header.page .eyebrow { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: #9fb3d1; }
header.page h1 { margin: 4px 0 8px; font-size: 28px; line-height: 1.25; font-weight: 650; }
header.page .lede { margin: 0 0 18px; color: #d0dbec; max-width: 820px; }
.stats { display: flex; flex-wrap: wrap; gap: 12px; margin: 0 0 20px; }
.stats div { background: rgba(255,255,255,.08); border: 1px solid rgba(255,255,255,.14); border-radius: 10px; padding: 8px 16px; min-width: 110px; }
.stats dt { font-size: 12px; color: #9fb3d1; text-transform: uppercase; letter-spacing: .06em; }
.stats dd { margin: 0; font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; }
nav { display: flex; gap: 4px; flex-wrap: wrap; border-top: 1px solid rgba(255,255,255,.14); padding: 6px 0; }
nav a { color: #d0dbec; text-decoration: none; padding: 6px 12px; border-radius: 6px; font-size: 14px; }
nav a:hover { background: rgba(255,255,255,.1); color: #fff; }
section { margin: 0 0 40px; }
h2 { font-size: 21px; margin: 0 0 4px; }
h3 { font-size: 17px; margin: 0 0 10px; }
.hint { color: var(--muted); margin: 0 0 14px; max-width: 860px; font-size: 14px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 18px 20px; margin: 0 0 16px; box-shadow: 0 1px 2px rgba(16,24,40,.04); }
.muted { color: var(--muted); }
.small { font-size: 13px; }
.nowrap { white-space: nowrap; }
.empty { color: var(--muted); font-style: italic; }
.callout { background: #fffaeb; border: 1px solid #fedf89; color: #7a2e0e; padding: 12px 16px; border-radius: 10px; font-style: normal; }
code { font: 13px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; background: #eef2f6; padding: 1px 5px; border-radius: 4px; }
a { color: var(--accent); text-decoration-thickness: 1px; text-underline-offset: 2px; }
blockquote { margin: 4px 0; padding: 2px 0 2px 12px; border-left: 3px solid var(--line); color: #344054; }
mark { background: #fef08a; color: inherit; padding: 0 2px; border-radius: 3px; box-shadow: 0 0 0 1px #facc15 inset; }
details summary { cursor: pointer; color: var(--accent); font-size: 12px; display: inline; list-style: none; margin-left: 4px; white-space: nowrap; }
details summary::-webkit-details-marker { display: none; }
details summary::before { content: "▸ "; }
details[open] summary::before { content: "▾ "; }
details[open] summary { margin-bottom: 4px; }
details { display: inline; }
details[open] { display: block; margin: 2px 0 8px; }

/* timelines */
svg.timeline { width: 100%; height: auto; display: block; margin: 0 0 8px; font-family: inherit; }
svg.timeline .grid { stroke: #eef0f3; stroke-width: 1; }
svg.timeline .year { fill: var(--muted); font-size: 12px; }
svg.timeline .axis { stroke: #cfd4dc; stroke-width: 2; }
svg.timeline .band { fill: #fee4e2; }
svg.timeline .band.open { fill: #fef0ef; }
svg.timeline .band-label { fill: #912018; font-size: 12px; font-weight: 600; }
svg.timeline .change { font-size: 14px; font-weight: 650; }
svg.timeline .date { font-size: 13px; fill: var(--ink); }
svg.timeline .publisher { font-size: 12px; fill: #475467; }
svg.timeline .more { font-size: 12px; fill: var(--muted); font-style: italic; }
ol.points { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(min(320px, 100%), 1fr)); gap: 6px 28px; }
ol.points > li { min-width: 0; }
.point-head { margin: 6px 0 4px; }
.point-head .when { font-weight: 600; }
.dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 8px; vertical-align: 1px; }
ul.sources { list-style: none; margin: 0; padding: 0 0 0 18px; font-size: 14px; }
ul.sources li { margin: 2px 0; }
details.more, details.fold { display: block; margin: 2px 0 6px 18px; }
details.fold { margin-left: 0; }
details.fold > summary, details.more > summary { font-size: 13px; margin-left: 0; }
details.more p { margin: 4px 0; }
ul.sources.folded { padding-left: 0; }

/* decisions */
table { border-collapse: collapse; width: 100%; }
th { text-align: left; font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); font-weight: 600; padding: 6px 10px; border-bottom: 1px solid var(--line); }
td { padding: 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
tbody tr:last-child td { border-bottom: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.actor { font-weight: 600; white-space: nowrap; }
.act { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 13px; font-weight: 600; background: #eef2f6; color: #344054; }
.act-decided { background: #0b1f3a; color: #fff; }
.act-recommended { background: #dbeafe; color: #1e3a8a; }
.act-announced { background: #f2f4f7; color: #344054; }
ul.compact { list-style: none; margin: 6px 0 0; padding: 0; font-size: 14px; }
ul.compact li { margin: 3px 0; }
figure.quote { margin: 0 0 10px; }
figure.quote:last-child { margin-bottom: 0; }
figure.quote blockquote { margin: 0; font-size: 14px; }
figure.quote figcaption { font-size: 13px; padding-left: 15px; }

/* conflicts */
.conflict-force { margin: 0 0 22px; }
.conflict-force > .force-head { font-size: 18px; }
.conflict h4 { font-size: 16px; margin: 0 0 10px; display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; }
.more-conflicts { margin: -8px 0 16px; }
.conflict h3 { display: flex; gap: 10px; align-items: baseline; }
.badge { font-size: 12px; font-weight: 600; background: #f2f4f7; color: #475467; padding: 1px 8px; border-radius: 999px; }
.sides { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; }
.side { border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; background: #fcfcfd; }
.side .side-head { margin: 0 0 6px; }
.side .value { margin: 0 0 8px; font-weight: 600; }
/* A long value (a list of areas) reads better as plain text than as a bold block. */
.side .value.long { font-weight: 400; font-size: 14px; color: #344054; }
.side blockquote { font-size: 14px; }
.side .source { margin: 8px 0 0; font-size: 13px; }
@media (max-width: 720px) { .sides { grid-template-columns: 1fr; } }

/* corroboration and documents */
table.corroboration + table.corroboration, table.corroboration + details.group, details.group { margin-top: 18px; }
details.group { display: block; }
details.group > summary { font-size: 14px; font-weight: 600; }
details.facts { margin-top: 8px; }
.fact-count p { margin: 8px 0 2px; }
/* A tail of facts: one line each, in two columns where the page is wide enough. */
ul.tail { list-style: none; margin: 0; padding: 0; font-size: 14px; columns: 2 340px; column-gap: 28px; }
ul.tail li { break-inside: avoid; padding: 1px 0; overflow-wrap: anywhere; }
ul.tail .n { font-size: 12px; font-variant-numeric: tabular-nums; color: #475467; background: #eef2f6; border-radius: 999px; padding: 0 6px; }
th.label { width: 34%; }
th.bars { width: 230px; }
td.bars { padding-top: 12px; }
.bar { display: flex; height: 22px; gap: 2px; }
.seg { display: flex; align-items: center; justify-content: center; min-width: 22px; color: #fff; font-size: 12px; font-weight: 600; border-radius: 4px; }
.kind { display: inline-block; font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; padding: 0 6px; border-radius: 4px; color: #fff; vertical-align: 1px; }
.kind-inspectorate { background: var(--k-inspectorate); }
.kind-government { background: var(--k-government); }
.kind-police { background: var(--k-police); }
.kind-press { background: var(--k-press); }
.kind-other { background: var(--k-other); }
.legend { margin: 10px 0 0; display: flex; flex-wrap: wrap; gap: 8px; }
footer { color: var(--muted); font-size: 13px; padding-bottom: 40px; }

/* Any width from a phone to a wide screen, never scrolling sideways: long words, file names and
   commands break, and below 720 px the tables become stacked cards. */
td, blockquote, .doc, code, .small, .point-head, summary, h1, h2, h3, h4 { overflow-wrap: anywhere; }
td.when { min-width: 7em; }
@media (max-width: 720px) {
  .wrap { padding: 0 12px; }
  .card { padding: 14px 12px; }
  header.page h1 { font-size: 22px; }
  .stats div { min-width: 0; padding: 6px 12px; }
  .stats dd { font-size: 20px; }
  .nowrap, td.actor { white-space: normal; }
  table, thead, tbody, tr, th, td { display: block; width: auto !important; }
  thead { display: none; }
  tbody tr { border-bottom: 1px solid var(--line); padding: 8px 0; }
  tbody tr:last-child { border-bottom: 0; }
  td { border: 0; padding: 2px 0; }
  td.num { text-align: left; }
  /* Stacked, a count needs its column's name beside it. */
  td.num[data-label] { display: inline-block; margin-right: 12px; }
  td.num[data-label]::after { content: " " attr(data-label); color: var(--muted); font-weight: 400; }
  td.bars { padding-top: 4px; }
  details summary { white-space: normal; }
}
@media print { header.page { background: none; color: var(--ink); } nav { display: none; } .card { break-inside: avoid; } }
`;
