import { describe, expect, it } from 'vitest';
import { claimSignature, describeClaim, versionChanges, type DocumentVersion, type VersionClaim } from '../../src/history/versions.ts';

const claim = (over: Partial<VersionClaim>): VersionClaim => ({
  id: 'c1',
  kind: 'decision',
  predicate: 'DECIDED',
  value: 'decided Kent Police entered Engage',
  subject: 'Andy Cooke',
  links: ['ACTOR:Andy Cooke', 'FORCE:Kent Police'],
  qualifiers: { act: 'decided', stage: 'Engage', change: 'entered' },
  evidence: 'decided',
  sentence: 'Andy Cooke decided to move Kent Police into Engage.',
  start: 10,
  ...over,
});
const version = (id: string, claims: VersionClaim[], supersededAt: string | null = null): DocumentVersion => ({
  id, key: 'https://example.org/a', title: null, publishedAt: '2024-01-01', ingestedAt: '2024-01-02T00:00:00Z', supersededAt, extractorVersion: 'v', claims,
});

describe('what changed between versions of a document', () => {
  it('compares claims by what they say, not by id, position or the order of their links', () => {
    const a = claim({});
    const moved = claim({ id: 'other', start: 99, evidence: 'x', sentence: 'Reworded around it, Andy Cooke decided.', links: ['FORCE:Kent Police', 'ACTOR:Andy Cooke'] });
    expect(claimSignature(moved)).toBe(claimSignature(a));
    expect(claimSignature(claim({ subject: 'Roy Wilsher' }))).not.toBe(claimSignature(a));
    expect(claimSignature(claim({ qualifiers: { act: 'decided', stage: 'Engage', change: 'exited' } }))).not.toBe(claimSignature(a));
  });

  it('lists the first version whole, then per version the claims removed and added and a count of those kept', () => {
    const area = claim({ id: 'a1', kind: 'area', predicate: 'CONCERN', value: 'crime recording', subject: 'Kent Police', links: [], qualifiers: { peel: 'Recording data about crime', polarity: 'concern' }, start: 50 });
    const v1 = version('v1', [claim({}), area], '2024-02-01T00:00:00Z');
    const v2 = version('v2', [claim({ id: 'n1', subject: 'Roy Wilsher', links: ['ACTOR:Roy Wilsher', 'FORCE:Kent Police'], value: 'decided Kent Police entered Engage' }), { ...area, id: 'a2', start: 70 }]);
    const [first, second] = versionChanges([v1, v2]);
    expect(first!.previous).toBeNull();
    expect(first!.added).toHaveLength(2);
    expect(second!.kept).toBe(1);
    expect(second!.removed.map(describeClaim)).toEqual(['Andy Cooke: decided Kent Police entered Engage']);
    expect(second!.added.map(describeClaim)).toEqual(['Roy Wilsher: decided Kent Police entered Engage']);
  });

  it('counts a claim stated twice twice, so a dropped repetition shows', () => {
    const v1 = version('v1', [claim({ id: 'x' }), claim({ id: 'y', start: 90 })], '2024-02-01T00:00:00Z');
    const v2 = version('v2', [claim({ id: 'z' })]);
    const [, second] = versionChanges([v1, v2]);
    expect(second!.kept).toBe(1);
    expect(second!.removed).toHaveLength(1);
    expect(second!.added).toEqual([]);
  });

  it('leaves out mentions of names unless asked for', () => {
    const mention = claim({ id: 'm', kind: 'mention', predicate: 'MENTIONS', value: 'Kent', subject: 'Kent Police', links: [], qualifiers: {} });
    const [only] = versionChanges([version('v1', [mention])]);
    expect(only!.added).toEqual([]);
    const [asked] = versionChanges([version('v1', [mention])], new Set(['mention']));
    expect(asked!.added.map(describeClaim)).toEqual(['Kent Police: mentions Kent']);
  });
});
