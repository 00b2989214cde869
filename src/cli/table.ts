import { wrap } from './wrap.ts';

/** Rows as an aligned text table; long cells are wrapped so evidence sentences stay readable. */
export function formatTable(rows: Array<Record<string, unknown>>, options: { maxWidth?: number } = {}): string {
  if (rows.length === 0) return '(no rows)';
  const columns = Object.keys(rows[0]!);
  const maxWidth = options.maxWidth ?? 60;
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)).replace(/\s+/g, ' ');
  const widths = columns.map((c) => Math.min(maxWidth, Math.max(c.length, ...rows.map((r) => cell(r[c]).length))));
  const out: string[] = [];
  out.push(columns.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
  out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) {
    const cells = columns.map((c, i) => {
      const text = cell(r[c]);
      // A cell that fits is shown as it is.
      return text.length <= widths[i]! ? [text] : wrap(text, widths[i]!);
    });
    const height = Math.max(...cells.map((c) => c.length));
    for (let k = 0; k < height; k++) out.push(cells.map((c, i) => (c[k] ?? '').padEnd(widths[i]!)).join('  ').trimEnd());
  }
  return out.join('\n');
}
