import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration } from '../../src/cli/progress.ts';

/** A stand-in for stderr that records what is written. */
function fakeStream(isTTY: boolean) {
  const lines: string[] = [];
  const stream = { isTTY, write: (s: string) => (lines.push(s), true) } as unknown as NodeJS.WriteStream;
  return { stream, lines };
}

describe('ingest progress', () => {
  it('prints plain lines no more often than the interval when stderr is not a terminal, and always the last', () => {
    const { stream, lines } = fakeStream(false);
    let t = 0;
    const progress = createProgress({ unit: 'documents', stream, intervalMs: 5000, now: () => t });
    for (let done = 1; done <= 100; done++) {
      t = done * 200; // 5 documents a second
      progress.update(done, 100);
    }
    progress.stop();
    progress.update(100, 100); // after stop: nothing
    expect(lines).toEqual([
      'ingest: 25/100 documents (25%), 5.0/s, 5 s elapsed, about 15 s left\n',
      'ingest: 50/100 documents (50%), 5.0/s, 10 s elapsed, about 10 s left\n',
      'ingest: 75/100 documents (75%), 5.0/s, 15 s elapsed, about 5 s left\n',
      'ingest: 100/100 documents (100%), 5.0/s, 20 s elapsed\n',
    ]);
  });

  it('prints nothing when there is nothing to do', () => {
    const { stream, lines } = fakeStream(false);
    const progress = createProgress({ unit: 'documents', stream });
    progress.update(0, 0);
    progress.stop();
    expect(lines).toEqual([]);
  });

  it('draws a bar with count, rate and time left on a terminal', () => {
    const { stream, lines } = fakeStream(true);
    const progress = createProgress({ unit: 'documents', stream, tty: true });
    progress.update(1, 4);
    progress.update(4, 4);
    progress.stop();
    const out = lines.join('');
    expect(out).toMatch(/ingest .*4\/4 documents \| [\d.–]+\/s \| \w+ left/);
  });

  it('writes durations people read', () => {
    expect(formatDuration(4.4)).toBe('4 s');
    expect(formatDuration(125)).toBe('2 min 5 s');
    expect(formatDuration(3780)).toBe('1 h 3 min');
  });
});
