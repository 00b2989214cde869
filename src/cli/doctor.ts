/**
 * `oversight doctor`: what a bare machine lacks before the quick start works, and the command
 * that installs each missing piece on Debian/Ubuntu and on macOS. Probes the tools on the PATH
 * it is given (tests pass one without java), so it needs no Neo4j.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statfsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { localNeo4jInstalled, PROJECT_ROOT } from '../graph/local-neo4j/index.ts';

export interface Install {
  debian: string;
  macos: string;
}

export interface Check {
  name: string;
  /** Without it the quick start fails; the exit code says so. */
  required: boolean;
  ok: boolean;
  /** What was found (a version, a path), or what is wrong. */
  detail: string;
  /** How to install it, when it is not ok. */
  install?: Install;
}

export interface DoctorEnv {
  PATH?: string;
  JAVA_HOME?: string;
  CI?: string;
}

export interface DoctorOptions {
  env?: DoctorEnv;
  /** Node's version (default: the running one). */
  nodeVersion?: string;
  /** Whether the Neo4j jars are resolved and the launcher compiled (default: looked up). */
  neo4jInstalled?: boolean;
  /** Free bytes where the project keeps its data (default: measured). */
  freeBytes?: number;
  chromiumPath?: string;
}

export const MIN_NODE = 20;
export const MIN_JAVA = 17;
/** The jars (about 150 MB in ~/.m2), a graph, and room for it to grow. */
export const MIN_FREE_BYTES = 2 * 1024 ** 3;

export const INSTALL = {
  node: { debian: 'curl -fsSL https://deb.nodesource.com/setup_20.x | sudo -E bash - && sudo apt-get install -y nodejs', macos: 'brew install node@20' },
  java: { debian: 'sudo apt-get install -y openjdk-17-jdk-headless', macos: 'brew install openjdk@17' },
  maven: { debian: 'sudo apt-get install -y maven', macos: 'brew install maven' },
  neo4j: { debian: 'npx oversight neo4j install', macos: 'npx oversight neo4j install' },
  chromium: { debian: 'sudo apt-get install -y chromium', macos: 'brew install --cask chromium' },
  disk: { debian: 'free some space on this disk (at least 2 GB)', macos: 'free some space on this disk (at least 2 GB)' },
} satisfies Record<string, Install>;

/** Everything the quick start needs, in one line per system (the README's quick start). */
export const INSTALL_ALL: Install = {
  debian: 'sudo apt-get install -y nodejs npm openjdk-17-jdk-headless maven chromium',
  macos: 'brew install node@20 openjdk@17 maven && brew install --cask chromium',
};

export function runDoctor(opts: DoctorOptions = {}): Check[] {
  const env = opts.env ?? (process.env as DoctorEnv);
  const checks: Check[] = [];

  const nodeVersion = opts.nodeVersion ?? process.versions.node;
  const nodeMajor = Number.parseInt(nodeVersion, 10);
  checks.push(
    nodeMajor >= MIN_NODE
      ? { name: 'Node.js', required: true, ok: true, detail: `v${nodeVersion}` }
      : { name: 'Node.js', required: true, ok: false, detail: `v${nodeVersion} is too old: ${MIN_NODE} or newer is needed`, install: INSTALL.node },
  );

  checks.push(javaCheck(env));

  const neo4jInstalled = opts.neo4jInstalled ?? localNeo4jInstalled();
  const mvn = probe('mvn', ['-v'], env);
  if (mvn.found) checks.push({ name: 'Maven', required: !neo4jInstalled, ok: true, detail: firstLine(mvn.output) });
  else if (neo4jInstalled) checks.push({ name: 'Maven', required: false, ok: false, detail: 'not found; not needed now (the Neo4j jars are already fetched), only to fetch them again', install: INSTALL.maven });
  else checks.push({ name: 'Maven', required: true, ok: false, detail: 'not found: it fetches the Neo4j jars from Maven Central', install: INSTALL.maven });

  checks.push(
    neo4jInstalled
      ? { name: 'Neo4j jars', required: false, ok: true, detail: 'fetched and the launcher compiled' }
      : { name: 'Neo4j jars', required: false, ok: false, detail: 'not fetched yet: the first command that needs Neo4j fetches them (about a minute), or now with', install: INSTALL.neo4j },
  );

  const chromium = opts.chromiumPath ?? '/usr/bin/chromium';
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  checks.push(
    existsSync(chromium)
      ? { name: 'Chromium', required: false, ok: true, detail: chromium }
      : { name: 'Chromium', required: ci, ok: false, detail: `${chromium} not found: the report's browser tests ${ci ? 'fail in CI' : 'are skipped'} without it (the report itself needs no browser)`, install: INSTALL.chromium },
  );

  const free = opts.freeBytes ?? freeBytesAt(PROJECT_ROOT);
  const gb = (n: number) => `${(n / 1024 ** 3).toFixed(1)} GB`;
  checks.push(
    free === null
      ? { name: 'Disk space', required: false, ok: true, detail: 'could not be measured here' }
      : free >= MIN_FREE_BYTES
        ? { name: 'Disk space', required: true, ok: true, detail: `${gb(free)} free` }
        : { name: 'Disk space', required: true, ok: false, detail: `${gb(free)} free: at least ${gb(MIN_FREE_BYTES)} is needed`, install: INSTALL.disk },
  );
  return checks;
}

function javaCheck(env: DoctorEnv): Check {
  const name = `Java (JDK ${MIN_JAVA}+)`;
  const java = probe('java', ['-version'], env);
  if (!java.found) return { name, required: true, ok: false, detail: 'java not found: Neo4j runs on it', install: INSTALL.java };
  const major = javaMajor(java.output);
  if (!(major !== null && major >= MIN_JAVA)) {
    return { name, required: true, ok: false, detail: `${firstLine(java.output) || 'an unknown java'} is too old: Neo4j 5 needs ${MIN_JAVA} or newer (or set JAVA_HOME to one)`, install: INSTALL.java };
  }
  const javac = probe('javac', ['-version'], env);
  if (!javac.found) return { name, required: true, ok: false, detail: `java ${major} found, but no javac: a JDK, not only a runtime, compiles the launcher`, install: INSTALL.java };
  return { name, required: true, ok: true, detail: firstLine(java.output) };
}

/** "17.0.2", "1.8.0_292" (Java 8) and "21" all give their major version. */
export function javaMajor(versionOutput: string): number | null {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!m) return null;
  const first = Number(m[1]);
  return first === 1 && m[2] ? Number(m[2]) : first;
}

/** Runs a tool found on the given PATH (JAVA_HOME first for java and javac, as the launcher does). */
function probe(cmd: string, args: string[], env: DoctorEnv): { found: boolean; output: string } {
  const fromHome = (cmd === 'java' || cmd === 'javac') && env.JAVA_HOME ? join(env.JAVA_HOME, 'bin', cmd) : null;
  const bin = fromHome && existsSync(fromHome) ? fromHome : onPath(cmd, env.PATH ?? '');
  if (!bin) return { found: false, output: '' };
  const r = spawnSync(bin, args, { encoding: 'utf8', env: { PATH: env.PATH ?? '', ...(env.JAVA_HOME ? { JAVA_HOME: env.JAVA_HOME } : {}) }, timeout: 30_000 });
  if (r.error) return { found: false, output: '' };
  return { found: true, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.replace(/\x1b\[[0-9;]*m/g, '') };
}

function onPath(cmd: string, path: string): string | null {
  for (const dir of path.split(delimiter)) {
    if (dir && existsSync(join(dir, cmd))) return join(dir, cmd);
  }
  return null;
}

function freeBytesAt(path: string): number | null {
  try {
    const s = statfsSync(path);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
}

/** The checks as lines for a terminal: each missing piece with its install commands. */
export function formatDoctor(checks: readonly Check[]): string {
  const lines: string[] = [];
  for (const c of checks) {
    const mark = c.ok ? 'ok     ' : c.required ? 'MISSING' : 'missing';
    lines.push(`${mark}  ${c.name}: ${c.detail}`);
    if (!c.ok && c.install) {
      lines.push(`         Debian/Ubuntu: ${c.install.debian}`);
      lines.push(`         macOS:         ${c.install.macos}`);
    }
  }
  const missing = checks.filter((c) => !c.ok && c.required);
  lines.push('');
  if (missing.length) {
    lines.push(`${missing.length} required ${missing.length === 1 ? 'piece is' : 'pieces are'} missing (${missing.map((c) => c.name).join(', ')}). Everything at once:`);
    lines.push(`  Debian/Ubuntu: ${INSTALL_ALL.debian}`);
    lines.push(`  macOS:         ${INSTALL_ALL.macos}`);
  } else {
    lines.push('Ready: npm install && npm start');
  }
  return lines.join('\n');
}
