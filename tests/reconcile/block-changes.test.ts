import { describe, expect, it } from 'vitest';
import { blockChanges, type StoredBlock } from '../../src/graph/block-changes.ts';
import type { ConflictRow, FactRow } from '../../src/graph/write-reconciled.ts';

const fact = (id: string, claimIds: string[], props: Record<string, unknown> = {}): FactRow => {
  const all = { id, kind: 'stageEvent', corroboration: claimIds.length, documentIds: ['d1'], date: null, ...props };
  // The digest stands for the properties but the unions (reconciledRows makes it a hash of them).
  const { corroboration: _c, documentIds: _d, ...digested } = all;
  return { id, subjectKey: 'force:x', props: { ...all, digest: JSON.stringify(digested), linkedClaims: claimIds.join(' ') } as FactRow['props'], claimIds };
};
const conflict = (id: string, claimsA: string[], claimsB: string[], props: Record<string, unknown> = {}): ConflictRow => ({
  id,
  props: { id, kind: 'date', subject: 's', fileA: 'a', fileB: 'b', valueA: 'x', ...props } as ConflictRow['props'],
  claimsA,
  claimsB,
});
/** The graph's copy of rows: no null properties (Neo4j keeps none). */
const stored = (facts: FactRow[], conflicts: ConflictRow[], extra: { stale?: string[]; superseded?: string[]; undigested?: string[] } = {}): StoredBlock => ({
  facts: new Map(
    facts.map((f) => [f.id, { digest: extra.undigested?.includes(f.id) ? null : String(f.props.digest), claims: new Set(f.claimIds), stale: extra.stale?.includes(f.id) ?? false, linked: String(f.props.linkedClaims) }]),
  ),
  conflicts: new Map(
    conflicts.map((c) => [c.id, { props: Object.fromEntries(Object.entries(c.props).filter(([, v]) => v !== null)), claimsA: extra.superseded?.includes(c.id) ? [...c.claimsA, null] : c.claimsA, claimsB: c.claimsB }]),
  ),
});

describe('force block changes by difference', () => {
  it('leave what is unchanged alone', () => {
    const rows = { facts: [fact('f1', ['c1', 'c2'])], conflicts: [conflict('x1', ['c1'], ['c3'])] };
    expect(blockChanges(stored(rows.facts, rows.conflicts), rows)).toEqual({ removeFacts: [], unlink: [], facts: [], removeConflicts: [], conflicts: [] });
  });

  it('write a fact that gains claims with its new properties and only the new links', () => {
    const before = fact('f1', ['c1', 'c2']);
    const after = fact('f1', ['c1', 'c2', 'c9'], { documentIds: ['d1', 'd9'] });
    const changes = blockChanges(stored([before], []), { facts: [after], conflicts: [] });
    expect(changes.facts).toEqual([{ ...after, claimIds: ['c9'] }]);
    expect(changes.unlink).toEqual([]);
  });

  it('unlink the claims a fact no longer rests on, and claims of earlier versions', () => {
    const changes = blockChanges(stored([fact('f1', ['c1', 'c2']), fact('f2', ['c5'])], [], { stale: ['f2'] }), { facts: [fact('f1', ['c1']), fact('f2', ['c5'])], conflicts: [] });
    expect(changes.unlink).toEqual([
      { id: 'f1', claims: ['c2'], stale: false },
      { id: 'f2', claims: [], stale: true },
    ]);
    // f1's properties changed (its corroboration): written again, with no link to add; f2 only loses its stale link.
    expect(changes.facts).toEqual([{ ...fact('f1', ['c1']), claimIds: [] }]);
  });

  it('remove facts and conflicts that went, write new ones whole, and write a changed conflict again', () => {
    const changes = blockChanges(stored([fact('f1', ['c1'])], [conflict('x1', ['c1'], ['c2']), conflict('x2', ['c1'], ['c3']), conflict('x3', ['c4'], ['c5'])], { superseded: ['x3'] }), {
      facts: [fact('f2', ['c1'])],
      conflicts: [conflict('x1', ['c1'], ['c2'], { valueA: 'y' }), conflict('x3', ['c4'], ['c5']), conflict('x4', ['c6'], ['c7'])],
    });
    expect(changes.removeFacts).toEqual(['f1']);
    expect(changes.facts).toEqual([fact('f2', ['c1'])]);
    expect(changes.removeConflicts.sort()).toEqual(['x1', 'x2', 'x3']);
    expect(changes.conflicts.map((c) => c.id)).toEqual(['x1', 'x3', 'x4']);
  });

  it('take a null property of a conflict for an absent one', () => {
    const row = conflict('x1', ['c1'], ['c2'], { stage: null });
    expect(blockChanges(stored([], [row]), { facts: [], conflicts: [row] }).conflicts).toEqual([]);
  });

  it('write a fact again whose properties changed with its claims, or whose digest is not kept', () => {
    const before = fact('f1', ['c1']);
    const after = fact('f1', ['c1'], { date: '2024-01-02' });
    expect(blockChanges(stored([before], []), { facts: [after], conflicts: [] }).facts).toEqual([{ ...after, claimIds: [] }]);
    expect(blockChanges(stored([before], [], { undigested: ['f1'] }), { facts: [before], conflicts: [] }).facts).toEqual([{ ...before, claimIds: [] }]);
  });

  it('write a fact again that only lost claims: its unions (documents, kinds), which the digest leaves out, shrink with them', () => {
    const before = fact('f1', ['c1', 'c2']);
    const after = fact('f1', ['c1']);
    const changes = blockChanges(stored([before], []), { facts: [after], conflicts: [] });
    expect(changes.unlink).toEqual([{ id: 'f1', claims: ['c2'], stale: false }]);
    expect(changes.facts).toEqual([{ ...after, claimIds: [] }]);
  });

  it('write a fact again whose claims left the graph with their document (their links went with them)', () => {
    const before = fact('f1', ['c1', 'c2']);
    const after = fact('f1', ['c1']);
    // Read by following links: c2 is gone, and so is its link; the ids the fact was written with remain.
    const held = stored([after], []);
    const facts = new Map([...held.facts].map(([id, f]) => [id, { ...f, linked: String(before.props.linkedClaims) }]));
    const changes = blockChanges({ ...held, facts }, { facts: [after], conflicts: [] });
    expect(changes.unlink).toEqual([]);
    expect(changes.facts).toEqual([{ ...after, claimIds: [] }]);
  });
});
