/** Rows as an aligned text table; long cells are wrapped so evidence sentences stay readable. */
export function formatTable(rows: Array<Record<string, unknown>>, options: { maxWidth?: number } = {}): string {
  if (rows.length === 0) return '(no rows)';
  const columns = Object.keys(rows[0]!);
  const maxWidth = options.maxWidth ?? 60;
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)).replace(/\s+/g, ' ');
  const widths = columns.map((c) => Math.min(maxWidth, Math.max(c.length, ...rows.map((r) => cell(r[c]).length))));
  const wrap = (s: string, w: number): string[] => {
    if (s.length <= w) return [s];
    const lines: string[] = [];
    let line = '';
    for (const word of s.split(' ')) {
      if (line && line.length + 1 + word.length > w) {
        lines.push(line);
        line = '';
      }
      line = line ? `${line} ${word}` : word;
      while (line.length > w) {
        lines.push(line.slice(0, w));
        line = line.slice(w);
      }
    }
    if (line) lines.push(line);
    return lines;
  };
  const out: string[] = [];
  out.push(columns.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
  out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) {
    const cells = columns.map((c, i) => wrap(cell(r[c]), widths[i]!));
    const height = Math.max(...cells.map((c) => c.length));
    for (let k = 0; k < height; k++) out.push(cells.map((c, i) => (c[k] ?? '').padEnd(widths[i]!)).join('  ').trimEnd());
  }
  return out.join('\n');
}
