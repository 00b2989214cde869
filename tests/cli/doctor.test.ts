/** `oversight doctor` on a machine that lacks things: pure, no Neo4j (PATHs made here, tools faked). */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDoctor, javaMajor, runDoctor } from '../../src/cli/doctor.ts';

const BIN = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'bin', 'oversight.mjs');

/** A folder of fake tools: each prints the given text, as `java -version` does, on stderr. */
function fakeTools(tools: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oversight-doctor-'));
  for (const [name, says] of Object.entries(tools)) {
    writeFileSync(join(dir, name), `#!/bin/sh\necho '${says}' >&2\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

const healthy = { nodeVersion: '20.11.0', neo4jInstalled: false, freeBytes: 50 * 1024 ** 3, chromiumPath: process.execPath };

describe('oversight doctor', () => {
  it('says java is missing, and how to install it on Debian/Ubuntu and macOS, when the PATH has no java', () => {
    const checks = runDoctor({ ...healthy, env: { PATH: fakeTools({ mvn: 'Apache Maven 3.9.6' }) } });
    const java = checks.find((c) => c.name.startsWith('Java'))!;
    expect(java).toMatchObject({ ok: false, required: true });
    expect(java.install!.debian).toContain('openjdk-17-jdk');
    expect(java.install!.macos).toContain('brew install openjdk@17');
    const text = formatDoctor(checks);
    expect(text).toMatch(/MISSING\s+Java \(JDK 17\+\): java not found/);
    expect(text).toContain('Debian/Ubuntu: sudo apt-get install -y openjdk-17-jdk-headless');
    expect(text).toMatch(/1 required piece is missing \(Java/);
  });

  it('the command exits non-zero with a PATH without java, and names what to install', () => {
    const empty = mkdtempSync(join(tmpdir(), 'oversight-doctor-empty-'));
    const r = spawnSync(process.execPath, [BIN, 'doctor'], { encoding: 'utf8', env: { PATH: empty, HOME: process.env.HOME ?? '' }, timeout: 60_000 });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/MISSING\s+Java/);
    expect(r.stdout).toContain('openjdk-17-jdk-headless');
  });

  it('refuses a Java older than 17, and a runtime without a compiler', () => {
    const old = runDoctor({ ...healthy, env: { PATH: fakeTools({ java: 'openjdk version "11.0.22" 2024-01-16', javac: 'javac 11.0.22', mvn: 'Apache Maven' }) } });
    expect(old.find((c) => c.name.startsWith('Java'))!.detail).toMatch(/too old: Neo4j 5 needs 17/);
    const jre = runDoctor({ ...healthy, env: { PATH: fakeTools({ java: 'openjdk version "17.0.2"', mvn: 'Apache Maven' }) } });
    expect(jre.find((c) => c.name.startsWith('Java'))).toMatchObject({ ok: false, detail: expect.stringMatching(/no javac/) });
    expect([javaMajor('java version "1.8.0_292"'), javaMajor('openjdk version "21" 2023-09-19'), javaMajor('nonsense')]).toEqual([8, 21, null]);
  });

  it('is ready when everything is there; Maven is needed only while the jars are not fetched', () => {
    const tools = fakeTools({ java: 'openjdk version "17.0.2"', javac: 'javac 17.0.2', mvn: 'Apache Maven 3.9.6' });
    const all = runDoctor({ ...healthy, env: { PATH: tools } });
    expect(all.filter((c) => c.required && !c.ok)).toEqual([]);
    expect(formatDoctor(all)).toContain('Ready: npm install && npm start');
    const noMaven = fakeTools({ java: 'openjdk version "17.0.2"', javac: 'javac 17.0.2' });
    expect(runDoctor({ ...healthy, env: { PATH: noMaven } }).find((c) => c.name === 'Maven')).toMatchObject({ ok: false, required: true });
    expect(runDoctor({ ...healthy, neo4jInstalled: true, env: { PATH: noMaven } }).find((c) => c.name === 'Maven')).toMatchObject({ ok: false, required: false });
  });

  it('flags old Node, little disk space, and Chromium missing in CI', () => {
    const checks = runDoctor({ nodeVersion: '18.19.0', neo4jInstalled: true, freeBytes: 300 * 1024 ** 2, chromiumPath: '/nonexistent/chromium', env: { PATH: '', CI: 'true' } });
    const by = (name: string) => checks.find((c) => c.name === name)!;
    expect(by('Node.js')).toMatchObject({ ok: false, required: true });
    expect(by('Disk space')).toMatchObject({ ok: false, required: true });
    expect(by('Chromium')).toMatchObject({ ok: false, required: true });
    expect(by('Chromium').install!.debian).toBe('sudo apt-get install -y chromium');
  });
});
