// Conflicts side by side for the terminal: the rows of graph/queries/conflicts.cypher,
// one block per conflict (high confidence first), side A on the left and side B on
// the right. Pure.
import { UsageError } from '../graph/queries.ts';
import { CONFLICT_KINDS } from '../reconcile/types.ts';
import { wrap } from './wrap.ts';

type Row = Record<string, unknown>;

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : v ? [str(v)] : []);

function side(row: Row, s: 'A' | 'B'): string[][] {
  return [
    [`${s}: ${str(row[`document${s}`])}`],
    [`${str(row[`publisher${s}`])}${row[`date${s}`] ? `, ${str(row[`date${s}`])}` : ', date unknown'}`],
    [`says: ${str(row[`value${s}`])}`],
    ...list(row[`evidence${s}`]).map((e) => [`» ${e}`]),
  ];
}

/** The --kind option checked against the conflict kinds; a usage error names them. */
export function conflictKindOption(kind: string): string {
  const k = kind.trim().toLowerCase();
  if (!(CONFLICT_KINDS as readonly string[]).includes(k)) throw new UsageError(`unknown conflict kind '${kind}': one of ${CONFLICT_KINDS.join(', ')}`);
  return k;
}

const RANK: Record<string, number> = { high: 0, low: 1 };

/** Rows sorted by confidence (high first), keeping the query's order within each. */
export function byConfidence(rows: readonly Row[]): Row[] {
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => (RANK[str(a.row.confidence)] ?? 2) - (RANK[str(b.row.confidence)] ?? 2) || a.i - b.i)
    .map((x) => x.row);
}

/** Each conflict as a heading (kind, confidence, subject, rule) and two columns, A and B. */
export function formatConflicts(rows: readonly Row[], totalWidth = 120): string {
  if (rows.length === 0) return 'No conflicts: the sources agree (or say too little to disagree).';
  const width = Math.max(30, Math.floor((totalWidth - 3) / 2));
  const out: string[] = [];
  for (const row of byConfidence(rows)) {
    const confidence = row.confidence ? `, ${str(row.confidence)} confidence` : '';
    const rule = row.rule ? ` (rule ${str(row.rule)})` : '';
    out.push(`[${str(row.kind)}${confidence}] ${str(row.subject)}${rule}`);
    const a = side(row, 'A').flatMap(([t]) => wrap(t!, width));
    const b = side(row, 'B').flatMap(([t]) => wrap(t!, width));
    for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(`${(a[i] ?? '').padEnd(width)} | ${b[i] ?? ''}`.trimEnd());
    out.push('');
  }
  out.push(`${rows.length} conflict(s).`);
  return out.join('\n');
}
