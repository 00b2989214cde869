/**
 * Stopping a local Neo4j's process, on real processes (no JVM needed): SIGTERM, then SIGKILL,
 * and a stop that gives up with a message when the process outlives SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
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

/** The one child of `ppid`, once `ppid` runs `cmdline` (arguments joined by NUL), from /proc. */
async function onlyChildAfterExec(ppid: number, cmdline: string): Promise<number> {
  for (let tries = 0; tries < 100; tries++) {
    const running = readFileSync(`/proc/${ppid}/cmdline`, 'utf8').replace(/\u0000$/, '');
    const children = readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .filter((d) => {
        try {
          // The parent's pid is the second field after the command, which is in parentheses.
          return Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === ppid;
        } catch {
          return false; // gone meanwhile
        }
      });
    if (running === cmdline && children.length === 1) return Number(children[0]);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`process ${ppid} did not come to run ${JSON.stringify(cmdline)} with one child`);
}

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
    // It is looked up only once the shell that started it has become sleep: a shell still running
    // (as when the grandchild printed its own pid through one) can reap it under load.
    const parent = start('sleep 30 & exec sleep 60');
    const pid = await onlyChildAfterExec(parent.pid!, 'sleep\u000060');
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
