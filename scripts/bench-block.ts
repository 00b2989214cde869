/**
 * The reconciler on one large block: n documents about one force, each stating when it entered or
 * left Engage (dated, or undated on its publication day, over several episodes) and the areas
 * behind it (the inspectorate's lists and press selections of them). Every rule that compares
 * inside a block (episodes, exit cuts, dates, areas, purposes, counts) sees all n. Pure; used by
 * scripts/bench.ts. Time per statement flat in n means linear (or n log n) in the block's size.
 */
import type { Claim, EntityRef } from '../src/model/claim.ts';
import { loadKnowledge } from '../src/knowledge/index.ts';
import { reconcile } from '../src/reconcile/reconcile.ts';
import type { ReconcileDocument, ReconcileInput } from '../src/reconcile/types.ts';
import { stableId } from '../src/util/hash.ts';

const FORCE: EntityRef = { type: 'Force', key: 'force:bench', name: 'Benchshire Police' };
const HMICFRS: EntityRef = { type: 'Organisation', key: 'org:hmicfrs', name: 'HMICFRS' };
const AREAS: Array<[string, string]> = [
  ['crime recording', 'Preventing crime and anti-social behaviour'],
  ['call handling', 'Responding to the public'],
  ['safeguarding', 'Protecting vulnerable people'],
  ['workforce planning', 'Developing a positive workplace'],
  ['vetting', 'Leadership and force management'],
];

/** A deterministic block of `n` documents (and as many stage statements) about one force. */
export function blockInput(n: number): ReconcileInput {
  const documents: ReconcileDocument[] = [];
  const claims: Claim[] = [];
  const claim = (doc: string, i: number, kind: Claim['kind'], value: string, qualifiers: Claim['qualifiers'], subject: EntityRef | null, links: Claim['links'] = []): Claim => ({
    id: stableId('bench', doc, i),
    documentId: doc,
    kind,
    subject,
    predicate: kind,
    value,
    links,
    qualifiers,
    sentenceIndex: i,
    start: i * 100,
    end: i * 100 + 50,
    evidence: value,
    extractor: 'bench',
    extractorVersion: 'bench',
  });
  for (let d = 0; d < n; d++) {
    // Five episodes over ten years; every tenth document dates its statement, the rest are undated reports.
    const episode = d % 5;
    const year = 2014 + 2 * episode;
    const exit = d % 2 === 1;
    // The inspectorate publishes a few documents per event; the press many.
    const inspectorate = d % 7 === 0 && d < 140;
    const id = `doc${d}`;
    const month = String(1 + (d % 12)).padStart(2, '0');
    const publishedAt = `${year + (exit ? 1 : 0)}-${month}-15`;
    documents.push({ id, fileName: `${id}.txt`, publisher: inspectorate ? 'HMICFRS' : `Paper ${d % 13}`, sourceKind: inspectorate ? 'inspectorate' : 'press', publishedAt });
    claims.push(claim(id, 0, 'mention', FORCE.name, {}, FORCE));
    claims.push(claim(id, 1, 'mention', FORCE.name, {}, FORCE));
    const dated = d % 10 === 0 ? `${year + (exit ? 1 : 0)}-${exit ? '09' : '03'}` : null;
    claims.push(claim(id, 2, 'stageEvent', 'Engage', { stage: 'Engage', change: exit ? 'exited' : 'entered', date: dated, datePrecision: dated ? 'month' : null, tense: 'past' }, FORCE));
    if (d % 3 === 0) claims.push(claim(id, 3, 'decision', 'decided', { act: 'decided', stage: 'Engage', change: exit ? 'exited' : 'entered' }, null, [{ role: 'actor', entity: HMICFRS }, { role: 'force', entity: FORCE }]));
    // The inspectorate lists four areas; the press names two of them, and one in forty names another.
    const areas = inspectorate ? AREAS.slice(0, 4) : d % 40 === 1 ? [AREAS[0]!, AREAS[4]!] : [AREAS[d % 4]!, AREAS[(d + 1) % 4]!];
    areas.forEach(([text, peel], k) => claims.push(claim(id, 4 + k, 'area', text, { peel, polarity: exit ? 'improved' : 'concern' }, FORCE)));
  }
  return { documents, claims, sentences: [] };
}

export interface BlockFigure {
  statements: number;
  claims: number;
  ms: number;
  usPerStatement: number;
  conflicts: number;
}

/** Reconciles blocks of the given sizes, best of `repeat` runs each. */
export function benchBlock(sizes: readonly number[], repeat = 2): BlockFigure[] {
  const knowledge = loadKnowledge();
  reconcile(blockInput(200), { knowledge }); // warm-up: compile and cache before timing
  return sizes.map((n) => {
    const input = blockInput(n);
    let best = Infinity;
    let conflicts = 0;
    for (let r = 0; r < repeat; r++) {
      const t = performance.now();
      const rec = reconcile(input, { knowledge });
      best = Math.min(best, performance.now() - t);
      conflicts = rec.conflicts.length;
    }
    return { statements: n, claims: input.claims.length, ms: best, usPerStatement: (best * 1000) / n, conflicts };
  });
}
