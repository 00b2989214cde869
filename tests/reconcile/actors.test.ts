import { describe, expect, it } from 'vitest';
import { entity } from '../../src/claims/build-claims.ts';
import { loadKnowledge } from '../../src/knowledge/index.ts';
import { roleOrganisation } from '../../src/reconcile/actors.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';
import { decision, doc, role, stageEvent } from './build.ts';

const knowledge = loadKnowledge();
const HMICFRS = entity('Organisation', 'HMICFRS');

describe('actors: who decided', () => {
  it('reads the organisation a title acts for', () => {
    expect(roleOrganisation('His Majesty’s Chief Inspector of Constabulary and Fire & Rescue Services', knowledge)).toBe('HMICFRS');
    expect(roleOrganisation('HM Inspector', knowledge)).toBe('HMICFRS');
    expect(roleOrganisation('Inspector of Constabulary', knowledge)).toBe('HMICFRS');
    expect(roleOrganisation('Met Commissioner', knowledge)).toBe('Metropolitan Police Service');
    expect(roleOrganisation('London Councils Executive Member for Community and Safety', knowledge)).toBe('London Councils');
    expect(roleOrganisation('Chief Constable', knowledge)).toBeNull();
  });

  it('the inspectorate and its chief inspector are the same side: no conflict', () => {
    const hmi = doc('hmi.txt', 'inspectorate', '2025-01-23');
    const met = doc('met.txt', 'police', '2025-01-23');
    const claims = [
      stageEvent(hmi, 'Metropolitan Police Service', 'exited', null),
      role(hmi, 'Andy Cooke', 'His Majesty’s Chief Inspector of Constabulary and Fire & Rescue Services'),
      decision(hmi, entity('Person', 'Andy Cooke'), 'decided', 'Metropolitan Police Service', 'exited'),
      stageEvent(met, 'Metropolitan Police Service', 'exited', '2025-01-23'),
      decision(met, HMICFRS, 'decided', 'Metropolitan Police Service', 'exited'),
    ];
    const { facts, conflicts } = reconcile({ documents: [hmi, met], claims }, { knowledge });
    expect(conflicts).toEqual([]);
    expect(facts.filter((f) => f.kind === 'decision').map((f) => f.subject)).toEqual([
      'Andy Cooke decided: Metropolitan Police Service exited Engage',
      'HMICFRS decided: Metropolitan Police Service exited Engage',
    ]);
  });

  it('two different organisations named as the decider are an actor conflict; a person of unknown side is not', () => {
    const a = doc('a.txt', 'inspectorate', '2024-03-11');
    const b = doc('b.txt', 'press', '2024-03-12');
    const c = doc('c.txt', 'press', '2024-03-12');
    const claims = [
      stageEvent(a, 'Nottinghamshire Police', 'entered', '2024-03-11'),
      decision(a, HMICFRS, 'decided', 'Nottinghamshire Police', 'entered'),
      stageEvent(b, 'Nottinghamshire Police', 'entered', null),
      decision(b, entity('Organisation', 'Home Office'), 'decided', 'Nottinghamshire Police', 'entered'),
      stageEvent(c, 'Nottinghamshire Police', 'entered', null),
      decision(c, entity('Person', 'Jane Doe'), 'decided', 'Nottinghamshire Police', 'entered'),
      // Announcing is not deciding.
      decision(c, entity('Organisation', 'Home Office'), 'announced', 'Nottinghamshire Police', 'entered'),
    ];
    const { conflicts } = reconcile({ documents: [a, b, c], claims }, { knowledge });
    expect(conflicts.map((x) => [x.kind, x.a.fileName, x.b.fileName, x.a.value, x.b.value])).toEqual([
      ['actor', 'a.txt', 'b.txt', 'decided by HMICFRS', 'decided by Home Office'],
    ]);
  });
});
