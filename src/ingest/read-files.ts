import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { InputProblem } from '../model/document.ts';
import { formatOf, type RawFile } from './parse-document.ts';

export interface FoundFile {
  path: string;
  relativePath: string;
}

/** Files below the given paths that look like documents, sorted so runs are repeatable. */
export async function findDocumentFiles(inputs: string[]): Promise<{ files: FoundFile[]; problems: InputProblem[] }> {
  const files: FoundFile[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();

  async function walk(path: string, root: string): Promise<void> {
    let real: string;
    try {
      real = await realpath(path);
    } catch (err) {
      problems.push({ path, severity: 'error', reason: describeFsError(err) });
      return;
    }
    // A symlink loop or a folder reached twice is read once.
    if (seen.has(real)) return;
    seen.add(real);
    const info = await stat(real).catch((err: unknown) => err as Error);
    if (info instanceof Error) {
      problems.push({ path, severity: 'error', reason: describeFsError(info) });
      return;
    }
    if (info.isDirectory()) {
      // An unreadable folder is a reported problem, never silently read as empty.
      const entries = await readdir(path).catch((err: unknown) => err as Error);
      if (entries instanceof Error) {
        problems.push({ path, severity: 'error', reason: `folder not read: ${describeFsError(entries)}` });
        return;
      }
      for (const name of entries.sort()) {
        if (name.startsWith('.') || name.endsWith('.gold.json')) continue;
        await walk(join(path, name), root);
      }
      return;
    }
    if (!info.isFile()) return;
    if (!formatOf(path)) {
      // Inside a folder, other files (SOURCES.md excepted below) are simply not documents.
      if (path === root) problems.push({ path, severity: 'error', reason: 'unsupported file type: expected .txt, .md or .html' });
      return;
    }
    if (/^(SOURCES|README)\.md$/i.test(basename(path))) return;
    const rel = path === root ? basename(path) : relative(root, path);
    files.push({ path, relativePath: rel.split('\\').join('/') });
  }

  for (const input of inputs) await walk(input, input);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, problems };
}

/**
 * Larger files are reported, not read: one press release or report is well under this, and a
 * single huge text would hold up the whole batch (tagging runs at a fraction of a MB a second).
 */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Read one file; a file that vanished since it was listed is a problem, not a crash. */
export async function readRawFile(file: FoundFile, maxBytes: number = DEFAULT_MAX_FILE_BYTES): Promise<RawFile | InputProblem> {
  try {
    const size = (await stat(file.path)).size;
    if (size > maxBytes) {
      const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
      return { path: file.path, severity: 'error', reason: `file is ${mb(size)} MB, over the ${mb(maxBytes)} MB limit for one document: split it, or raise --max-file-mb` };
    }
    const bytes = await readFile(file.path);
    return { path: file.path, relativePath: file.relativePath, bytes };
  } catch (err) {
    return { path: file.path, severity: 'error', reason: describeFsError(err) };
  }
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'file or folder not found (removed, or a broken link)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied: check it can be read';
  if (code === 'ELOOP') return 'symbolic link loop: skipped';
  return `cannot read: ${(err as Error)?.message ?? String(err)}`;
}
