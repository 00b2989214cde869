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
  // Most front matter is a few "field: value" lines: read those directly; anything else, and any
  // problem to report with its line, goes through the YAML parser.
  const simple = simpleFrontMatter(yamlText);
  if (simple) {
    const result = FrontMatter.safeParse(simple);
    if (result.success) return { meta: result.data, warnings: unknownFieldWarnings(simple, path) };
  }
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
  return { meta: result.data, warnings: unknownFieldWarnings(value, path) };
}

function unknownFieldWarnings(value: Record<string, unknown>, path: string): InputProblem[] {
  return Object.keys(value)
    .filter((k) => !(KNOWN_FRONT_MATTER_KEYS as readonly string[]).includes(k))
    .map((k) => ({ path, severity: 'warning' as const, reason: `unknown front matter field '${k}' kept but not used` }));
}

/** A line of simple front matter: a plain field name, a colon, a space, and a value. */
const SIMPLE_LINE = /^([A-Za-z_][A-Za-z0-9_]*):[ \t]+(.*?)[ \t]*$/;
/** A double-quoted value whose only escapes are \" and \\ (others go to the YAML parser). */
const DOUBLE_QUOTED = /^"((?:[^"\\]|\\["\\])*)"$/;
/** A single-quoted value ('' stands for ' inside). */
const SINGLE_QUOTED = /^'((?:[^']|'')*)'$/;
/**
 * A plain value that YAML's core schema reads as a string: it starts with a letter or digit and
 * holds no sequence YAML treats specially (": ", " #", a tab, a final colon). null, true, false and
 * numbers, in any of YAML's spellings, are left to the parser; a date ("2024-03-01") is a string.
 */
const PLAIN_STRING = /^[A-Za-z0-9][^\t]*$/;
const CORE_NOT_STRING = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;

/**
 * Front matter of "field: value" lines (blank lines between them allowed) read without the YAML
 * parser, or undefined where it is anything else (comments, nesting, lists, repeated fields, other
 * escapes, values YAML would type): what YAML's `toJS` gives for those lines, for the ones it reads.
 */
export function simpleFrontMatter(yamlText: string): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const line of yamlText.split('\n')) {
    if (line.trim() === '') continue;
    const m = SIMPLE_LINE.exec(line.endsWith('\r') ? line.slice(0, -1) : line);
    if (!m) return undefined;
    const [, key, raw] = m as unknown as [string, string, string];
    if (Object.hasOwn(out, key) || key === '__proto__') return undefined;
    let value: string;
    const dq = DOUBLE_QUOTED.exec(raw);
    const sq = dq ? null : SINGLE_QUOTED.exec(raw);
    if (dq) value = dq[1]!.replace(/\\(["\\])/g, '$1');
    else if (sq) value = sq[1]!.replace(/''/g, "'");
    else if (PLAIN_STRING.test(raw) && !CORE_NOT_STRING.test(raw) && !raw.includes(': ') && !raw.includes(' #') && !raw.endsWith(':')) value = raw;
    else return undefined;
    out[key] = value;
  }
  return out;
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
