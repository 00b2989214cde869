import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// readdir fails with EACCES for folders named "locked": as root (CI) chmod cannot make a folder unreadable.
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const readdir = (async (path: string, ...rest: unknown[]) => {
    if (String(path).endsWith('locked')) throw Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: 'EACCES' });
    return (real.readdir as (...a: unknown[]) => Promise<unknown>)(path, ...rest);
  }) as typeof real.readdir;
  return { ...real, default: { ...real, readdir }, readdir };
});

const { findDocumentFiles } = await import('../../src/ingest/read-files.ts');

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oversight-read-'));
  writeFileSync(join(dir, 'a.txt'), 'Kent Police was moved into Engage.');
  mkdirSync(join(dir, 'locked'));
  writeFileSync(join(dir, 'locked', 'b.txt'), 'Not reachable.');
  return dir;
}

describe('finding document files', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reports an unreadable folder inside the input instead of reading it as empty', async () => {
    const dir = folder();
    const { files, problems } = await findDocumentFiles([dir]);
    expect(files.map((f) => f.relativePath)).toEqual(['a.txt']);
    expect(problems).toEqual([{ path: join(dir, 'locked'), severity: 'error', reason: 'folder not read: permission denied: check it can be read' }]);
  });

  it('reports an unreadable input folder given on the command line', async () => {
    const dir = join(folder(), 'locked');
    const { files, problems } = await findDocumentFiles([dir]);
    expect(files).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: dir, severity: 'error', reason: expect.stringMatching(/^folder not read: permission denied/) });
  });

  // A real permission bit, where the test does not run as root (root reads any folder).
  it.runIf(typeof process.getuid === 'function' && process.getuid() !== 0)('reports a folder without read permission', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oversight-read-'));
    mkdirSync(join(dir, 'private'));
    writeFileSync(join(dir, 'private', 'c.txt'), 'x');
    chmodSync(join(dir, 'private'), 0o000);
    try {
      const { problems } = await findDocumentFiles([dir]);
      expect(problems.map((p) => p.reason)).toEqual(['folder not read: permission denied: check it can be read']);
    } finally {
      chmodSync(join(dir, 'private'), 0o755);
    }
  });
});
