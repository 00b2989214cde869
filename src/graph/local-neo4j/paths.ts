/** Where the local Neo4j keeps its files, and the small helpers its modules share. */
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// src/graph/local-neo4j/paths.ts -> project root; never cwd, so any working directory works.
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const NEO4J_STATE_DIR = join(PROJECT_ROOT, '.neo4j');
export const DEFAULT_DATA_DIR = join(NEO4J_STATE_DIR, 'data');

export const POM = join(PROJECT_ROOT, 'graph', 'neo4j', 'pom.xml');
export const LAUNCHER_SRC = join(PROJECT_ROOT, 'graph', 'neo4j', 'Launcher.java');
export const CLASSPATH_FILE = join(NEO4J_STATE_DIR, 'classpath.txt');
export const CLASSES_DIR = join(NEO4J_STATE_DIR, 'classes');
export const PASSWORD_FILE = join(NEO4J_STATE_DIR, 'password');
const DEFAULT_STATE_FILE = join(NEO4J_STATE_DIR, 'server.json');

export const INSTALL_HINT = 'apt-get install -y maven openjdk-17-jdk-headless';

export type Log = (line: string) => void;
export const noLog: Log = () => {};

export function resolveDataDir(dataDir: string | undefined): string {
  if (!dataDir) return DEFAULT_DATA_DIR;
  return isAbsolute(dataDir) ? resolve(dataDir) : resolve(PROJECT_ROOT, dataDir);
}

/** `.neo4j/server.json` for the default data dir; other data dirs keep theirs inside. */
export function stateFileFor(dataDir: string): string {
  return dataDir === DEFAULT_DATA_DIR ? DEFAULT_STATE_FILE : join(dataDir, 'server.json');
}

export function serverLogFile(dataDir: string): string {
  return join(dataDir, 'logs', 'neo4j.log');
}

export function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
