/**
 * Validation of the knowledge files: each file against its schema, with the
 * line of each problem, and the checks between files.
 */
import { isNode, type Document, type LineCounter } from 'yaml';
import type { z } from 'zod';
import { fold } from '../util/text.ts';
import { KnowledgeError, formatPath, type KnowledgeIssue, type PathPart } from './errors.ts';
import { FILE_SCHEMAS, namedTerms, termsClash, type KnowledgeFileData, type KnowledgeFileName, type Term } from './schemas.ts';

export interface SourceInfo {
  doc: Document;
  lines: LineCounter;
}

function lineOf(path: readonly PathPart[], source?: SourceInfo): number | undefined {
  if (!source) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? source.doc.contents : source.doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return source.lines.linePos(node.range[0]).line;
  }
  return undefined;
}

/**
 * Validates the parsed contents of one knowledge file. Throws a
 * KnowledgeError naming the file, YAML path (with entry names) and problem.
 */
export function validateKnowledgeFile<F extends KnowledgeFileName>(file: F, data: unknown, source?: SourceInfo): KnowledgeFileData<F> {
  const schema = FILE_SCHEMAS[file] as unknown as z.ZodType<KnowledgeFileData<F>>;
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new KnowledgeError(
    result.error.issues.map((iss) => {
      const path = iss.path.filter((p): p is PathPart => typeof p !== 'symbol');
      const line = lineOf(path, source);
      return { file, path: formatPath(path, data), ...(line !== undefined ? { line } : {}), message: iss.message };
    }),
  );
}

export type KnowledgeFiles = { [F in KnowledgeFileName]: KnowledgeFileData<F> };

/** Checks between files: force/organisation alias clashes, title org hints. Throws KnowledgeError. */
export function validateKnowledge(files: KnowledgeFiles): void {
  const issues: KnowledgeIssue[] = [];
  const forceTerms = new Map<string, { force: string; term: Term }[]>();
  for (const f of files['forces.yaml'].forces) {
    for (const { term } of namedTerms(f.name, f.aliases, 'aliases')) {
      const key = fold(term.text, 'key');
      forceTerms.set(key, [...(forceTerms.get(key) ?? []), { force: f.name, term }]);
    }
  }
  files['organisations.yaml'].organisations.forEach((o, i) => {
    for (const { term, path } of namedTerms(o.name, o.aliases, 'aliases')) {
      for (const other of forceTerms.get(fold(term.text, 'key')) ?? []) {
        if (termsClash(term, other.term)) {
          issues.push({
            file: 'organisations.yaml',
            path: formatPath(['organisations', i, ...path], files['organisations.yaml']),
            message: `"${term.text}" of organisation "${o.name}" is also a name or alias of the force "${other.force}" (forces.yaml)`,
          });
        }
      }
    }
  });
  const known = new Set([...files['forces.yaml'].forces.map((f) => f.name), ...files['organisations.yaml'].organisations.map((o) => o.name)].map((n) => fold(n, 'key')));
  files['titles.yaml'].titles.forEach((t, i) => {
    if (t.org !== undefined && !known.has(fold(t.org, 'key'))) {
      issues.push({
        file: 'titles.yaml',
        path: formatPath(['titles', i, 'org'], files['titles.yaml']),
        message: `org "${t.org}" is not a canonical name in forces.yaml or organisations.yaml`,
      });
    }
  });
  if (issues.length) throw new KnowledgeError(issues);
}
