import { describe, expect, it } from 'vitest';
import { analyseFile, isAnalysed, type AnalysedFile } from '../../pipelines/analyse.ts';
import { generateDocuments } from '../../src/generate/corpus.ts';
import { loadKnowledge } from '../../src/knowledge/index.ts';
import type { EntityRef } from '../../src/model/claim.ts';
import { actorSideResolver } from '../../src/reconcile/actors.ts';
import { canonicalClaims, resolveEntities } from '../../src/reconcile/entities.ts';
import { reconcileInput as inputOf } from '../../src/reconcile/input.ts';
import { LEDGER_VERSION, joinLedger, ledgerOf, placeBeside, stageStatementsOf, type ForceLedger } from '../../src/reconcile/ledger.ts';
import { ledgerRecordOf, parseLedgerRecord } from '../../src/graph/ledger-record.ts';
import { prepareBlock, type EntityContext } from '../../src/reconcile/prepare.ts';
import { joinForce } from '../../src/reconcile/join-force.ts';
import { reconcilePrepared } from '../../src/reconcile/reconcile.ts';
import { conflictDigest } from '../../src/reconcile/support.ts';
import { ruleConflicts, ruleStates } from '../../src/reconcile/rules.ts';
import type { Fact } from '../../src/reconcile/types.ts';
import { analyseFixture, devDocumentNames } from '../helpers/fixtures.ts';
import { conflictsById, splitNew } from '../helpers/joins.ts';

const knowledge = loadKnowledge();
const reconcileInput = (docs: readonly AnalysedFile[]) => inputOf(docs.map((a) => ({ document: a.document, claims: a.claims, sentences: a.analysis.sentences })));

/** People's canonical names and sides as the whole corpus gives them: what the graph's resolutions hold. */
function entityContext(all: readonly AnalysedFile[]): EntityContext {
  const claims = all.flatMap((a) => a.claims);
  const resolution = resolveEntities([...claims].sort((a, b) => (a.id < b.id ? -1 : 1)));
  const sideOf = actorSideResolver(canonicalClaims(claims, resolution), knowledge);
  const personSides = new Map<string, ReturnType<typeof sideOf>>();
  for (const c of claims) {
    for (const e of [c.subject, ...c.links.map((l) => l.entity)]) {
      if (e?.type !== 'Person') continue;
      const canonical = resolution.canonical.get(e.key) ?? e;
      personSides.set(canonical.key, sideOf(canonical));
    }
  }
  return { canonical: resolution.canonical, personSides };
}

function forcesOf(all: readonly AnalysedFile[]): EntityRef[] {
  const forces = new Map<string, EntityRef>();
  for (const a of all) for (const c of a.claims) if (c.kind === 'stageEvent' && c.subject?.type === 'Force') forces.set(c.subject.key, c.subject);
  return [...forces.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** A copy with every object's keys in reverse order. */
const reversedKeys = (x: unknown): unknown =>
  Array.isArray(x) ? x.map(reversedKeys) : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).reverse().map(([k, v]) => [k, reversedKeys(v)])) : x;

describe('a force ledger', () => {
  const generated = [...generateDocuments({ count: 160, seed: 5 })].map((doc, i) => {
    const result = analyseFile({ path: `generated/${i}.txt`, relativePath: doc.path, bytes: Buffer.from(doc.text) }, { today: '2025-07-01' });
    if (!isAnalysed(result)) throw new Error(`generated ${doc.path} did not parse`);
    return result;
  });
  const all = [...devDocumentNames().map((name) => analyseFixture(name)), ...generated];
  const entities = entityContext(all);
  const forces = forcesOf(all);
  const prepared = (docs: readonly AnalysedFile[]) => prepareBlock(reconcileInput(docs), { knowledge, entities });

  it('joined with new documents is the ledger of all of them, and gives the touched blocks\' conflicts of all, or says it cannot', () => {
    let joined = 0;
    let refused = 0;
    let moved = 0;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
      const { before, added } = splitNew(all, seed, 0.08);
      const whole = prepared(all);
      const earlier = prepared(before);
      const ledgers = new Map<string, ForceLedger>(forces.map((f) => [f.key, ledgerOf(earlier, f)]));
      const placed = placeBeside(stageStatementsOf(reconcileInput(added)), (force, stage) => ledgers.get(force)?.skeletons.find((s) => s.stage === stage)?.skeleton ?? null);
      // A new cut, or a change held where none was: every force is recomputed whole.
      if (!placed) {
        moved++;
        continue;
      }
      const addedBlock = prepareBlock(reconcileInput(added), { knowledge, entities, episodes: placed.episodes });
      const wholeConflicts = new Map(ruleConflicts(ruleStates(whole)).map((b) => [b.block, b.conflicts!]));
      for (const force of forces) {
        const result = joinLedger(ledgers.get(force.key)!, addedBlock, placed.skeletons);
        if (!result) {
          refused++;
          continue;
        }
        joined++;
        expect(result.ledger, `seed ${seed}, ${force.name}`).toEqual(ledgerOf(whole, force));
        for (const block of result.touched) {
          expect(conflictsById(block.conflicts!), `seed ${seed}, ${block.block}`).toEqual(conflictsById(wholeConflicts.get(block.block) ?? []));
        }
      }
    }
    // Most forces join; some seeds move an episode, some blocks lack kept documents.
    expect(joined).toBeGreaterThan(5 * refused);
    expect(moved).toBeLessThan(8);
  });

  it("joined with new documents gives the force's facts and conflicts of all, once the graph widens the facts' unions", () => {
    const sorted = (xs: readonly string[]) => [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    /** What the graph does with a joined fact (JOIN_BLOCK_FACTS): its unions widened, every other property set. */
    const widen = (was: Fact | undefined, f: Fact): Fact => {
      if (!was) return f;
      const documentIds = sorted([...was.documentIds, ...f.documentIds]);
      return { ...f, documentIds, corroboration: documentIds.length, sourceKinds: sorted([...was.sourceKinds, ...f.sourceKinds]), claimIds: sorted([...was.claimIds, ...f.claimIds]) };
    };
    let joined = 0;
    let widened = 0;
    let unchanged = 0;
    for (const seed of [11, 12, 13, 14, 15, 16, 17, 18]) {
      const { before, added } = splitNew(all, seed, 0.08);
      const whole = reconcilePrepared(prepared(all), { entityFacts: false });
      const earlierBlock = prepared(before);
      const earlier = reconcilePrepared(earlierBlock, { entityFacts: false });
      const placed = placeBeside(stageStatementsOf(reconcileInput(added)), (force, stage) => ledgerOf(earlierBlock, forces.find((f) => f.key === force)!).skeletons.find((s) => s.stage === stage)?.skeleton ?? null);
      if (!placed) continue;
      const addedBlock = prepareBlock(reconcileInput(added), { knowledge, entities, episodes: placed.episodes });
      for (const force of forces) {
        const result = joinForce(ledgerOf(earlierBlock, force), addedBlock, placed.skeletons);
        if (!result) continue;
        joined++;
        const facts = new Map(earlier.facts.filter((f) => f.qualifiers.force === force.name).map((f) => [f.id, f]));
        for (const f of result.facts) {
          if (facts.has(f.id)) widened++;
          facts.set(f.id, widen(facts.get(f.id), f));
        }
        const gone = new Set(result.conflictsBefore.map((c) => c.id));
        // The kept digests are those of the conflicts written before; one found again with its digest is the same conflict.
        const earlierById = new Map(earlier.conflicts.map((c) => [c.id, c]));
        for (const { id, digest } of result.conflictsBefore) expect(digest).toBe(conflictDigest(earlierById.get(id)!));
        for (const c of result.conflicts) {
          const kept = result.conflictsBefore.find((x) => x.id === c.id);
          if (kept?.digest === conflictDigest(c)) {
            expect(c).toEqual(earlierById.get(c.id));
            unchanged++;
          }
        }
        const conflicts = [...earlier.conflicts.filter((c) => c.force === force.name && !gone.has(c.id)), ...result.conflicts];
        const byId = (xs: Iterable<Fact>) => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));
        expect(byId(facts.values()), `seed ${seed}, ${force.name}`).toEqual(byId(whole.facts.filter((f) => f.qualifiers.force === force.name)));
        expect(conflictsById(conflicts), `seed ${seed}, ${force.name}`).toEqual(conflictsById(whole.conflicts.filter((c) => c.force === force.name)));
      }
    }
    expect(joined).toBeGreaterThan(20);
    expect(widened).toBeGreaterThan(20);
    expect(unchanged).toBeGreaterThan(0);
  });

  it('reads back as written, open intervals and all; another version, another force or a broken record reads as none', () => {
    const whole = prepared(all);
    let open = 0;
    for (const force of forces) {
      const ledger = ledgerOf(whole, force);
      const record = ledgerRecordOf(ledger);
      open += (record.match(/"-?inf"/g) ?? []).length;
      expect(parseLedgerRecord(record, force.key), force.name).toEqual(ledger);
      // Equal ledgers, one string: a ledger built in another order of keys is written the same.
      expect(ledgerRecordOf(reversedKeys(ledger) as ForceLedger)).toBe(record);
      expect(parseLedgerRecord(record, 'force:other')).toBeNull();
      expect(parseLedgerRecord(record.replace(`"version":${LEDGER_VERSION}`, `"version":${LEDGER_VERSION + 1}`), force.key)).toBeNull();
      expect(parseLedgerRecord(record.slice(0, -2), force.key)).toBeNull();
    }
    expect(open).toBeGreaterThan(0);
  });

  it("keeps a digest per conflict that its keys' order and its sides' claim order leave alone, and any other change moves", () => {
    const conflicts = reconcilePrepared(prepared(all), { entityFacts: false }).conflicts;
    expect(conflicts.length).toBeGreaterThan(0);
    const c = conflicts.find((x) => x.a.claimIds.length > 1 || x.b.claimIds.length > 1) ?? conflicts[0]!;
    const reordered = Object.fromEntries(Object.entries({ ...c, a: { ...c.a, claimIds: [...c.a.claimIds].reverse() }, b: { ...c.b, claimIds: [...c.b.claimIds].reverse() } }).reverse()) as unknown as typeof c;
    expect(conflictDigest(reordered)).toBe(conflictDigest(c));
    expect(conflictDigest({ ...c, a: c.b, b: c.a })).not.toBe(conflictDigest(c));
    expect(conflictDigest({ ...c, a: { ...c.a, value: `${c.a.value}.` } })).not.toBe(conflictDigest(c));
    expect(conflictDigest({ ...c, b: { ...c.b, claimIds: [...c.b.claimIds, 'another-claim'] } })).not.toBe(conflictDigest(c));
    expect(conflictDigest({ ...c, confidence: c.confidence === 'high' ? 'low' : 'high' })).not.toBe(conflictDigest(c));
  });
});
