/**
 * A digest of everything the pure stages produce for a folder of documents: the graph rows of
 * each document and the reconciliation of all of them. A refactor must leave it unchanged:
 *
 *   node --import tsx scripts/output-digest.ts out/digest-corpus [--lines out/digest.jsonl]
 *
 * The extractor version (a hash of the extraction code itself) is left out, since any edit of the
 * code changes it, and so is each document's block record (a copy of its claims, version and all);
 * everything else is compared byte for byte.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { findDocumentFiles, readRawFile } from '../src/ingest/read-files.ts';
import { reconcileInput } from '../src/reconcile/input.ts';
import { reconcile } from '../src/reconcile/reconcile.ts';
import { analyseFile, isAnalysed, type AnalysedFile } from '../pipelines/analyse.ts';

const args = process.argv.slice(2);
const linesAt = args.indexOf('--lines');
const linesOut = linesAt >= 0 ? args[linesAt + 1] : undefined;
const inputs = args.filter((a, i) => !a.startsWith('--') && (linesAt < 0 || i !== linesAt + 1));
if (inputs.length === 0) {
  console.error('usage: output-digest.ts FOLDER... [--lines FILE]');
  process.exit(2);
}

// A document's block record is a copy of its claims (extractor version and all), digested with them.
const withoutVersion = (key: string, value: unknown): unknown => (key === 'extractorVersion' || key === 'blockRecord' ? undefined : value);

const found = await findDocumentFiles(inputs);
const lines: string[] = [];
const analysed: AnalysedFile[] = [];
for (const file of found.files) {
  const raw = await readRawFile(file);
  if (!('bytes' in raw)) continue;
  const result = analyseFile(raw, { today: '2026-01-01' });
  if (!isAnalysed(result)) continue;
  analysed.push(result);
  lines.push(JSON.stringify(result.rows, withoutVersion));
}
const reconciliation = reconcile(reconcileInput(analysed.map((a) => ({ document: a.document, claims: a.claims, sentences: a.analysis.sentences }))));
lines.push(JSON.stringify(reconciliation, withoutVersion));

if (linesOut) writeFileSync(linesOut, lines.join('\n') + '\n');
const digest = createHash('sha256').update(lines.join('\n')).digest('hex');
console.log(`${analysed.length} documents, ${reconciliation.facts.length} facts, ${reconciliation.conflicts.length} conflicts, digest ${digest}`);
