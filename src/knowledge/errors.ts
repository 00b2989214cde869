/**
 * A bad knowledge file fails loudly: the error names the file, the line, the
 * YAML path of the bad entry (with the entry's name) and what is wrong.
 */

import type { KnowledgeFileName } from './schemas.ts';

export type PathPart = string | number;

export interface KnowledgeIssue {
  file: KnowledgeFileName | string;
  /** YAML path such as `forces[12].aliases[3]`. */
  path: string;
  /** 1-based line in the file, where known. */
  line?: number;
  message: string;
}

export class KnowledgeError extends Error {
  readonly issues: KnowledgeIssue[];
  constructor(issues: KnowledgeIssue[]) {
    const files = [...new Set(issues.map((i) => i.file))].join(', ');
    super(
      `Invalid knowledge file${files.includes(',') ? 's' : ''} ${files}:\n` +
        issues.map((i) => `  ${i.file}${i.line !== undefined ? `:${i.line}` : ''} at ${i.path || '(top level)'}: ${i.message}`).join('\n'),
    );
    this.name = 'KnowledgeError';
    this.issues = issues;
  }
}

export function formatPath(path: readonly PathPart[], data?: unknown): string {
  let out = '';
  let node: unknown = data;
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
    node = node !== null && typeof node === 'object' ? (node as Record<PathPart, unknown>)[part] : undefined;
    if (typeof part === 'number' && node !== null && typeof node === 'object') {
      const label = (node as Record<string, unknown>).name ?? (node as Record<string, unknown>).title ?? (node as Record<string, unknown>).text;
      if (typeof label === 'string') out += ` (${label})`;
    }
  }
  return out;
}
