import { describe, expect, it } from 'vitest';
import { canonicalClaims, resolveEntities } from '../../src/reconcile/entities.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';
import { doc, mention, stageEvent } from './build.ts';

describe('entity resolution across documents', () => {
  it('resolves a lone surname to the unique fuller name of another document about the same force, keeping every spelling', () => {
    const a = doc('a.txt', 'police');
    const b = doc('b.txt', 'press');
    const full = mention(a, 'Person', 'Richard Lewis', 'Chief Constable Richard Lewis');
    const lone = mention(b, 'Person', 'Lewis', 'Mr Lewis');
    const claims = [mention(a, 'Force', 'Cleveland Police'), full, mention(b, 'Force', 'Cleveland Police'), lone];
    const r = resolveEntities(claims);
    expect(r.canonical.get('person:lewis')).toEqual({ type: 'Person', key: 'person:richard-lewis', name: 'Richard Lewis' });
    expect(r.surfaceForms.get('person:richard-lewis')).toEqual([
      { form: 'Chief Constable Richard Lewis', documentId: a.id, claimId: full.id },
      { form: 'Mr Lewis', documentId: b.id, claimId: lone.id },
    ]);
    const canon = canonicalClaims(claims, r);
    expect(canon.find((c) => c.id === lone.id)!.subject!.key).toBe('person:richard-lewis');
    // Ids, spans and evidence are the claim's own.
    expect(canon.find((c) => c.id === lone.id)!.evidence).toBe(lone.evidence);

    const facts = reconcile({ documents: [a, b], claims }).facts.filter((f) => f.kind === 'entity' && f.subjectKey === 'person:richard-lewis');
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ subject: 'Richard Lewis', corroboration: 2, sourceKinds: ['police', 'press'] });
    expect(facts[0]!.surfaceForms!.map((s) => s.form)).toEqual(['Chief Constable Richard Lewis', 'Mr Lewis']);
  });

  it('leaves a surname alone when two people could be meant, or when the only candidate is named about another force', () => {
    const a = doc('a.txt', 'press');
    const b = doc('b.txt', 'press');
    const c = doc('c.txt', 'press');
    const ambiguous = resolveEntities([
      mention(a, 'Person', 'Mark Rowley'),
      mention(b, 'Person', 'Anna Rowley'),
      mention(c, 'Person', 'Rowley'),
    ]);
    expect(ambiguous.canonical.get('person:rowley')!.key).toBe('person:rowley');

    const elsewhere = resolveEntities([
      mention(a, 'Force', 'Cleveland Police'),
      mention(a, 'Person', 'Richard Lewis'),
      mention(b, 'Force', 'Nottinghamshire Police'),
      mention(b, 'Person', 'Lewis'),
    ]);
    expect(elsewhere.canonical.get('person:lewis')!.key).toBe('person:lewis');
  });

  it('resolves a name without its middle part to the fuller form', () => {
    const a = doc('a.txt', 'press');
    const b = doc('b.txt', 'inspectorate');
    const r = resolveEntities([mention(a, 'Person', 'Andy Cooke'), mention(b, 'Person', 'Andy Thomas Cooke')]);
    expect(r.canonical.get('person:andy-cooke')!.name).toBe('Andy Thomas Cooke');
    expect(r.canonical.get('person:andy-thomas-cooke')!.name).toBe('Andy Thomas Cooke');
  });

  it('keeps forces and organisations as the claims name them: one entity however spelled', () => {
    const a = doc('a.txt', 'press');
    const b = doc('b.txt', 'inspectorate');
    const facts = reconcile({
      documents: [a, b],
      claims: [
        mention(a, 'Force', 'Metropolitan Police Service', 'the Met'),
        mention(b, 'Force', 'Metropolitan Police Service', 'Metropolitan Police Service'),
        stageEvent(a, 'Metropolitan Police Service', 'entered', '2022-06'),
      ],
    }).facts.filter((f) => f.kind === 'entity');
    expect(facts).toHaveLength(1);
    expect(facts[0]!.surfaceForms!.map((s) => s.form)).toEqual(['Metropolitan Police Service', 'the Met']);
    expect(facts[0]!.corroboration).toBe(2);
  });
});
