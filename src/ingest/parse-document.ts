import { LineCounter, parseDocument, isMap } from 'yaml';
import type { z } from 'zod';
import {
  Document,
  DocumentFormat,
  FrontMatter,
  KNOWN_FRONT_MATTER_KEYS,
  type InputProblem,
} from '../model/document.ts';
import { stableId } from '../util/hash.ts';
import { lineOfOffset } from '../util/lines.ts';
import { htmlToText } from './html-to-text.ts';

export interface RawFile {
  /** Path for messages, as the user would recognise it. */
  path: string;
  /** Identity within the ingest root (relative path), used when there is no url. */
  relativePath: string;
  bytes: Uint8Array;
}

export interface ParseResult {
  document?: Document;
  problems: InputProblem[];
}

export interface ParseOptions {
  /** "Now" for the future-date check; injected so parsing stays pure. */
  today?: string;
}

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/;

export function formatOf(path: string): DocumentFormat | undefined {
  const ext = path.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (ext === 'txt' || ext === 'text') return 'txt';
  if (ext === 'md' || ext === 'markdown') return 'md';
  if (ext === 'html' || ext === 'htm') return 'html';
  return undefined;
}

/** Bytes to a validated Document, or the reasons it cannot be one. Pure. */
export function parseRawFile(file: RawFile, options: ParseOptions = {}): ParseResult {
  const problems: InputProblem[] = [];
  const fail = (reason: string, line?: number): ParseResult => ({
    problems: [...problems, { path: file.path, severity: 'error', reason, ...(line ? { line } : {}) }],
  });

  const format = formatOf(file.path);
  if (!format) return fail('unsupported file type: expected .txt, .md or .html');
  if (file.bytes.length === 0) return fail('empty file: nothing to ingest');
  if (looksBinary(file.bytes)) return fail('binary content (NUL or control bytes): not a text document');

  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(file.bytes);
  } catch {
    const at = firstInvalidUtf8(file.bytes);
    const line = lineOfOffset(Buffer.from(file.bytes.subarray(0, at)).toString('latin1'), at);
    return fail(`invalid UTF-8 at byte ${at}: re-save the file as UTF-8`, line);
  }
  // The decoder already dropped a BOM; CRLF and lone CR become LF so spans are stable across platforms.
  raw = raw.replace(/\r\n?/g, '\n');
  if (raw.trim() === '') return fail('empty file: only white space');

  let meta: FrontMatter = {};
  let body = raw;
  let bodyLine = 1;
  const fm = FRONT_MATTER.exec(raw);
  if (fm) {
    const yamlText = fm[1] ?? '';
    const parsed = parseFrontMatter(yamlText, file.path);
    if ('error' in parsed) return fail(parsed.error.reason, parsed.error.line);
    problems.push(...parsed.warnings);
    meta = parsed.meta;
    body = raw.slice(fm[0].length);
    bodyLine = lineOfOffset(raw, fm[0].length);
  }

  let text = body;
  if (format === 'html') {
    const html = htmlToText(body);
    text = html.text;
    if (!meta.title && html.title) meta = { ...meta, title: html.title };
  }
  if (text.trim() === '') return fail('no text after the front matter');

  if (meta.publishedAt && options.today && meta.publishedAt > options.today) {
    problems.push({
      path: file.path,
      severity: 'warning',
      reason: `publishedAt ${meta.publishedAt} is in the future; relative dates resolve against it anyway`,
    });
  }

  const fileName = file.relativePath.split('/').pop() ?? file.relativePath;
  const document = Document.parse({
    id: stableId(meta, text),
    key: meta.url ?? `file:${file.relativePath}`,
    path: file.path,
    fileName,
    format,
    meta,
    text,
    bodyLine,
  });
  return { document, problems };
}

type FrontMatterResult =
  | { meta: FrontMatter; warnings: InputProblem[] }
  | { error: { reason: string; line?: number } };

function parseFrontMatter(yamlText: string, path: string): FrontMatterResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  // Line 1 of the file is the opening '---', so YAML line n is file line n + 1.
  const fileLine = (offset: number) => lineCounter.linePos(offset).line + 1;
  const firstError = doc.errors[0];
  if (firstError) {
    return { error: { reason: `front matter is not valid YAML: ${firstError.message.split('\n')[0]}`, line: fileLine(firstError.pos[0]) } };
  }
  const js: unknown = doc.toJS() ?? {};
  if (typeof js !== 'object' || js === null || Array.isArray(js) || (doc.contents !== null && !isMap(doc.contents))) {
    return { error: { reason: 'front matter must be a YAML mapping of field: value', line: 2 } };
  }
  const value = js as Record<string, unknown>;
  const result = FrontMatter.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0] as z.core.$ZodIssue;
    const key = issue.path.map(String).join('.');
    const node = doc.getIn(issue.path as (string | number)[], true) as { range?: [number, number, number] } | undefined;
    const line = node?.range ? fileLine(node.range[0]) : undefined;
    return {
      error: {
        reason: `front matter field '${key}': ${issue.message}`,
        ...(line ? { line } : {}),
      },
    };
  }
  const warnings: InputProblem[] = Object.keys(value)
    .filter((k) => !(KNOWN_FRONT_MATTER_KEYS as readonly string[]).includes(k))
    .map((k) => ({ path, severity: 'warning' as const, reason: `unknown front matter field '${k}' kept but not used` }));
  return { meta: result.data, warnings };
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control > n * 0.05;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  // Binary search on the longest prefix that decodes; cheap and exact enough for a message.
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      // A fresh decoder each time: streaming state must not leak between probes.
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  // The longest streamable prefix may end inside an incomplete sequence: the bad bytes start where it starts.
  for (let k = lo; k >= Math.max(0, lo - 3); k--) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, k));
      return k;
    } catch {
      // keep stepping back
    }
  }
  return lo;
}
