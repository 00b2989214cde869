import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errorHint } from '../../src/cli/hints.ts';

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'oversight.mjs');

/** The CLI without any Neo4j: help and usage errors must not need one. */
function oversight(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Sub-command names from a help text's "Commands:" list. */
function commandsIn(help: string): string[] {
  const list = help.split(/^Commands:\n/m)[1]?.split(/\n\n/)[0] ?? '';
  return [...list.matchAll(/^ {2}(\w[\w-]*)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
}

describe('CLI manners', () => {
  // Each run starts a Node process (about a second), so every help text is read once and shared.
  const helps = new Map<string, { code: number | null; stdout: string }>();
  const help = (...args: string[]) => {
    const key = args.join(' ');
    if (!helps.has(key)) helps.set(key, oversight(...args, '--help'));
    return helps.get(key)!;
  };

  it('gives every command, and every neo4j sub-command, --help with examples', () => {
    const top = help();
    expect(top.code).toBe(0);
    const commands = commandsIn(top.stdout);
    expect(commands).toEqual(expect.arrayContaining(['ingest', 'query', 'eval', 'report', 'neo4j']));
    const neo4j = commandsIn(help('neo4j').stdout);
    expect(neo4j).toEqual(['install', 'start', 'stop', 'status']);
    for (const args of [...commands.map((c) => [c]), ...neo4j.map((c) => ['neo4j', c])]) {
      const h = help(...args);
      expect(h.code, args.join(' ')).toBe(0);
      expect(h.stdout, args.join(' ')).toMatch(/Examples:\n {2}oversight /);
    }
    // One Node process per command: a dozen of them take a while on a loaded machine.
  }, 300_000);

  it('offers --json on every command that prints results', () => {
    for (const args of [['ingest'], ['query'], ['eval'], ['report'], ['neo4j', 'start'], ['neo4j', 'stop'], ['neo4j', 'status']]) {
      expect(help(...args).stdout, args.join(' ')).toContain('--json');
    }
  });

  it('exits 2 on bad usage, as documented, with the reason', () => {
    for (const args of [['no-such-command'], ['query', '--no-such-option'], ['ingest']]) {
      const run = oversight(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/^error: /m);
    }
  });

  it('follows errors people meet with what to do', () => {
    const env = { NEO4J_URI: 'bolt://example:7687' };
    expect(errorHint(new Error('Cannot connect to Neo4j at bolt://example:7687 (ServiceUnavailable): refused'), env)).toMatch(/NEO4J_URI/);
    expect(errorHint(new Error('Cannot connect to Neo4j at bolt://127.0.0.1:1 (ServiceUnavailable): refused'), {})).toMatch(/oversight neo4j/);
    expect(errorHint(Object.assign(new Error('Writing in read access mode not allowed.'), { code: 'Neo.ClientError.Statement.AccessMode' }))).toMatch(/--write/);
    expect(errorHint(new Error('/nope: file or folder not found (removed, or a broken link)'))).toMatch(/path/);
    expect(errorHint(new Error('something else entirely'))).toBeNull();
  });
});
