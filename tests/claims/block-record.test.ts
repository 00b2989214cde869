import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BLOCK_RECORD_VERSION, blockClaim, blockRecordOf, parseBlockRecord, readByForceBlocks } from '../../src/graph/block-record.ts';
import { reconcileInput } from '../../src/reconcile/input.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';
import { analyseFixture, devAndGenerated, devDocumentNames } from '../helpers/fixtures.ts';

describe('block records', () => {
  const analysed = devDocumentNames().map((name) => analyseFixture(name));

  it('keep the claims force blocks read, with the sentences of area claims, and read back as written', () => {
    let kept = 0;
    for (const a of analysed) {
      const record = parseBlockRecord(a.rows.document.blockRecord, a.document.id);
      expect(record, a.document.fileName).not.toBeNull();
      const wanted = a.claims.filter(readByForceBlocks);
      expect(record!.claims.map((c) => c.id)).toEqual(wanted.map((c) => c.id));
      kept += wanted.length;
      // Not kept: roles, dates, and mentions of people and organisations.
      expect(record!.claims.some((c) => c.kind === 'role' || c.kind === 'date' || (c.kind === 'mention' && c.subject?.type !== 'Force'))).toBe(false);
      const areaSentences = new Set(wanted.filter((c) => c.kind === 'area').map((c) => c.sentenceIndex));
      expect(record!.sentences.map((s) => s.index)).toEqual([...areaSentences].sort((x, y) => x - y));
      for (const s of record!.sentences) expect(s.text).toBe(a.analysis.sentences[s.index]!.text);
    }
    expect(kept).toBeGreaterThan(200);
  });

  it('carry only the qualifiers of a claim kind, null when absent, and links in order of role', () => {
    const claims = analysed.flatMap((a) => parseBlockRecord(a.rows.document.blockRecord, a.document.id)!.claims);
    const stage = claims.find((c) => c.kind === 'stageEvent')!;
    expect(Object.keys(stage.qualifiers).sort()).toEqual(['change', 'date', 'datePrecision', 'stage', 'tense']);
    const quote = claims.find((c) => c.kind === 'quote')!;
    expect(quote.qualifiers).toEqual({});
    for (const c of claims) expect(c.links.map((l) => l.role)).toEqual(c.links.map((l) => l.role).sort());
  });

  it('leave out what no force block reads: extractors, quoted and mentioned words, the evidence of all but details', () => {
    const claims = analysed.flatMap((a) => parseBlockRecord(a.rows.document.blockRecord, a.document.id)!.claims);
    const original = new Map(analysed.flatMap((a) => a.claims).map((c) => [c.id, c]));
    for (const c of claims) {
      const o = original.get(c.id)!;
      expect(c).toEqual(blockClaim({ ...o, qualifiers: c.qualifiers, links: c.links }));
      expect(c.extractor + c.extractorVersion).toBe('');
      expect(c.evidence).toBe(c.kind === 'detail' ? o.evidence : '');
      expect(c.value).toBe(c.kind === 'quote' || c.kind === 'mention' ? '' : o.value);
      expect(c.documentId).toBe(o.documentId);
    }
    expect(claims.some((c) => c.kind === 'detail' && c.evidence.length > 0)).toBe(true);
  });

  it('leave out nothing a rule reads: claims as records keep them reconcile as the claims themselves', () => {
    const dir = devAndGenerated(80, 3, 'oversight-block-claims-');
    const all = readdirSync(dir).map((name) => analyseFixture(name, dir));
    const input = reconcileInput(all.map((a) => ({ document: a.document, claims: a.claims, sentences: a.analysis.sentences })));
    const asRecorded = { ...input, claims: input.claims.map((c) => (readByForceBlocks(c) ? blockClaim(c) : c)) };
    const whole = reconcile(input, { entityFacts: false });
    expect(whole.conflicts.length).toBeGreaterThanOrEqual(5);
    expect(new Set(whole.conflicts.map((c) => c.kind)).size).toBeGreaterThan(3);
    expect(reconcile(asRecorded, { entityFacts: false })).toEqual(whole);
  }, 120_000);

  it('are not read when missing, of another version, unparsable, or of another document', () => {
    const a = analysed[0]!;
    const json = a.rows.document.blockRecord;
    expect(parseBlockRecord(json, a.document.id)?.version).toBe(BLOCK_RECORD_VERSION);
    expect(parseBlockRecord(null, a.document.id)).toBeNull();
    expect(parseBlockRecord(json.slice(0, -1), a.document.id)).toBeNull();
    expect(parseBlockRecord(JSON.stringify({ ...JSON.parse(json), version: BLOCK_RECORD_VERSION + 1 }), a.document.id)).toBeNull();
    expect(parseBlockRecord(json, 'another-document')).toBeNull();
    expect(blockRecordOf('a-document', [], [])).toBe(JSON.stringify({ version: BLOCK_RECORD_VERSION, document: 'a-document', claims: [], sentences: [] }));
  });
});
