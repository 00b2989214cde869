/**
 * Stopping a local Neo4j's process, on real processes (no JVM needed): SIGTERM, then SIGKILL,
 * and a stop that gives up with a message when the process outlives SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { stopProcess } from '../../src/graph/local-neo4j/process.ts';

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function start(script: string): ChildProcess {
  const child = spawn('sh', ['-c', script], { stdio: ['ignore', 'pipe', 'ignore'] });
  started.push(child);
  return child;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('stopProcess', () => {
  it('stops a process with SIGTERM', async () => {
    const child = start('exec sleep 30');
    await stopProcess({ pid: child.pid! }, { graceMs: 5_000, killWaitMs: 1_000 });
    expect(alive(child.pid!)).toBe(false);
  });

  it('sends SIGKILL to a process that ignores SIGTERM, after the grace period', async () => {
    const child = start('trap "" TERM; echo ready; exec sleep 30');
    await once(child.stdout!, 'data'); // the trap is set
    const t0 = Date.now();
    await stopProcess({ pid: child.pid! }, { graceMs: 300, killWaitMs: 2_000 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
    expect(alive(child.pid!)).toBe(false);
  });

  it('gives up with a message, not a hang, when the process is still there after SIGKILL', async () => {
    // The grandchild dies, but its parent (exec'd into sleep) never reaps it: its pid stays.
    // The pid is printed after the shell that started it is gone (exec'd into a new one): under
    // load that shell could still be there when the grandchild dies, and it would reap it.
    const parent = start(`sleep 30 & exec sh -c 'echo "$1"; exec sleep 60' sh $!`);
    const [line] = (await once(parent.stdout!, 'data')) as [Buffer];
    const pid = Number.parseInt(line.toString(), 10);
    expect(alive(pid)).toBe(true);
    const t0 = Date.now();
    const err = await stopProcess({ pid }, { graceMs: 200, killWaitMs: 500 }).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(new RegExp(`process ${pid} is still there 0\\.5 s after SIGKILL .*ps -o pid,ppid,stat,cmd -p ${pid}`));
    expect(Date.now() - t0).toBeLessThan(5_000);
  });
});
