// Presentation of scores: a plain-text table, the JSON summary, and a verbose
// listing of misses and false hits by document. Pure: returns strings/objects.
import type { GoldConflict } from './gold.ts';
import type { ConflictsScore, SystemConflictInput } from './score-conflicts.ts';
import {
  CATEGORIES,
  quoteText,
  type Category,
  type CategoryScore,
  type FolderScore,
  type GoldItems,
  type SystemItems,
} from './score.ts';

export interface CategoryJson {
  precision: number;
  recall: number;
  f1: number;
  correct: number;
  reported: number;
  gold: number;
}
export interface ConflictsJson extends CategoryJson {
  falseAgreements: number;
}
export interface ReportJson {
  categories: Record<Category, CategoryJson> & { conflicts?: ConflictsJson };
  roleAccuracy: number;
  dateAccuracy: number;
  documents: number;
}

/** Ratios in the JSON are rounded to 4 decimals: enough to compare runs, free of float noise. */
const round = (x: number): number => Math.round(x * 10_000) / 10_000;

const categoryJson = (c: CategoryScore): CategoryJson => ({
  precision: round(c.precision),
  recall: round(c.recall),
  f1: round(c.f1),
  correct: c.correct,
  reported: c.reported,
  gold: c.gold,
});

/** The JSON summary; key order is fixed (categories in CATEGORIES order, conflicts last). */
export function toReportJson(score: FolderScore, conflicts?: ConflictsScore): ReportJson {
  const categories = {} as ReportJson['categories'];
  for (const c of CATEGORIES) categories[c] = categoryJson(score.categories[c]);
  if (conflicts) categories.conflicts = { ...categoryJson(conflicts), falseAgreements: conflicts.falseAgreements };
  return {
    categories,
    roleAccuracy: round(score.roleAccuracy),
    dateAccuracy: round(score.dateAccuracy),
    documents: score.documents,
  };
}

const fixed = (x: number): string => x.toFixed(3);

/** Plain-text table: one row per category, then role and date accuracy. */
export function formatTable(score: FolderScore, conflicts?: ConflictsScore): string {
  const header = ['category', 'precision', 'recall', 'F1', 'correct', 'reported', 'gold'];
  const rows: string[][] = CATEGORIES.map((c) => row(c, score.categories[c]));
  if (conflicts) rows.push(row('conflicts', conflicts));

  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');

  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), ''];
  out.push(
    `role accuracy  ${fixed(score.roleAccuracy)}  (${score.roles.correct}/${score.roles.judged} gold roles of matched people)`,
  );
  out.push(
    `date accuracy  ${fixed(score.dateAccuracy)}  (${score.eventDates.correct}/${score.eventDates.judged} matched stage events)`,
  );
  if (conflicts) out.push(`false agreements  ${conflicts.falseAgreements}  (gold agreements reported as conflicts)`);
  out.push(`documents  ${score.documents}`);
  return out.join('\n');
}

function row(name: string, c: CategoryScore): string[] {
  return [name, fixed(c.precision), fixed(c.recall), fixed(c.f1), `${c.correct}`, `${c.reported}`, `${c.gold}`];
}

const q = (s: string): string => JSON.stringify(s);

/** One line naming a gold or system item of a category. */
export function describeItem<K extends Category>(category: K, item: GoldItems[K] | SystemItems[K]): string {
  // The casts narrow the union by category, which TypeScript cannot do through K.
  switch (category) {
    case 'forces':
    case 'organisations':
      return item as string;
    case 'people': {
      const p = item as GoldItems['people'];
      return p.roles.length > 0 ? `${p.name} (${p.roles.map(q).join(', ')})` : p.name;
    }
    case 'stageEvents': {
      const e = item as GoldItems['stageEvents'] | SystemItems['stageEvents'];
      return `${e.force} ${e.change} ${e.stage} (date ${e.date ?? 'null'})`;
    }
    case 'decisions': {
      const d = item as GoldItems['decisions'];
      return `${d.actor} ${d.act}: ${d.force} ${d.change} ${d.stage}`;
    }
    case 'areas': {
      const a = item as GoldItems['areas'];
      return `${q(a.text)} (${a.peel}, ${a.polarity})`;
    }
    case 'quotes': {
      const x = item as GoldItems['quotes'] | SystemItems['quotes'];
      const text = 'text' in x && x.text !== undefined ? x.text : quoteText(x);
      return `${x.speaker}: ${q(text.length > 80 ? `${text.slice(0, 77)}...` : text)}`;
    }
    case 'dates': {
      const d = item as GoldItems['dates'];
      return d.text ? `${d.value} (${q(d.text)})` : d.value;
    }
  }
  return JSON.stringify(item);
}

const describeConflict = (c: GoldConflict | SystemConflictInput): string =>
  `${c.docs[0]} ~ ${c.docs[1]} [${c.kind}]${c.subject ? ` ${c.subject}` : ''}`;

/**
 * Misses ("-", gold items not found) and false hits ("+", system items not in
 * the gold) grouped by document, then role misses and stage-event dates that
 * differ, then cross-document conflicts. Documents with nothing to list are left out.
 */
export function formatVerbose(score: FolderScore, conflicts?: ConflictsScore): string {
  const out: string[] = [];
  for (const doc of score.perDocument) {
    const lines: string[] = [];
    for (const c of CATEGORIES) {
      const r = doc.categories[c];
      for (const g of r.misses) lines.push(`  - ${c} miss: ${describeItem(c, g)}`);
      for (const s of r.falseHits) lines.push(`  + ${c} false hit: ${describeItem(c, s)}`);
    }
    for (const m of doc.roles.misses) {
      const had = m.systemRoles.length > 0 ? `system roles: ${m.systemRoles.map(q).join(', ')}` : 'no system roles';
      lines.push(`  - role miss: ${m.person}: ${q(m.role)} (${had})`);
    }
    for (const m of doc.eventDates.mismatches) {
      lines.push(
        `  ~ date differs: ${m.event.force} ${m.event.change} ${m.event.stage}: gold ${m.event.date ?? 'null'}, system ${m.systemDate ?? 'null'}`,
      );
    }
    if (lines.length > 0) out.push(doc.name, ...lines);
  }
  if (conflicts) {
    const lines: string[] = [];
    for (const g of conflicts.misses) lines.push(`  - conflict miss: ${describeConflict(g)}`);
    for (const s of conflicts.falseHits) {
      const agreed = conflicts.agreementsReported.find((a) => a.system === s);
      const why = agreed ? ` (a gold agreement: ${agreed.agreement.why})` : '';
      lines.push(`  + conflict false hit: ${describeConflict(s)}${why}`);
    }
    if (lines.length > 0) out.push('conflicts (cross-document)', ...lines);
  }
  return out.length > 0 ? out.join('\n') : 'no misses or false hits';
}
