/**
 * Ingest progress on stderr: a live bar (cli-progress) on a terminal, and plain periodic lines
 * otherwise, so CI logs show progress without a screenful of carriage returns.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** `done` of `total` items finished; the first call starts the display. */
  update(done: number, total: number): void;
  /** Ends the display (the bar's last frame stays on screen); safe to call twice or unstarted. */
  stop(): void;
}

export interface ProgressOptions {
  /** What is counted, plural: "documents". */
  unit: string;
  /** Where to draw; default process.stderr. */
  stream?: NodeJS.WriteStream;
  /** Force the mode; default: a bar when the stream is a terminal that can redraw. */
  tty?: boolean;
  /** Plain mode: at most one line per this many ms (the last item always prints). Default 5000. */
  intervalMs?: number;
  /** Clock, injectable for tests. */
  now?: () => number;
}

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const tty = options.tty ?? (Boolean(stream.isTTY) && process.env.TERM !== 'dumb');
  return tty ? barProgress(options.unit, stream) : lineProgress(options, stream);
}

/** A progress that shows nothing (--no-progress). */
export const noProgress: Progress = { update() {}, stop() {} };

function barProgress(unit: string, stream: NodeJS.WriteStream): Progress {
  const started = Date.now();
  let bar: cliProgress.SingleBar | undefined;
  let stopped = false;
  return {
    update(done, total) {
      if (stopped || total <= 0) return;
      const rate = formatRate(done, (Date.now() - started) / 1000);
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: `ingest {bar} {value}/{total} ${unit} | {rate}/s | {eta_formatted} left`,
            barsize: 30,
            hideCursor: true,
            // ETA from the last 20 documents: long texts make single-document timing jumpy.
            etaBuffer: 20,
            fps: 10,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done, { rate });
        return;
      }
      bar.setTotal(total);
      bar.update(done, { rate });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar?.stop();
    },
  };
}

function lineProgress(options: ProgressOptions, stream: NodeJS.WriteStream): Progress {
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? 5000;
  const started = now();
  let lastLine = started;
  let stopped = false;
  return {
    update(done, total) {
      if (stopped || total <= 0) return;
      const t = now();
      if (done < total && t - lastLine < interval) return;
      lastLine = t;
      const seconds = (t - started) / 1000;
      const pct = Math.floor((done / total) * 100);
      const left = done < total && done > 0 ? `, about ${formatDuration(((total - done) * seconds) / done)} left` : '';
      stream.write(`ingest: ${done}/${total} ${options.unit} (${pct}%), ${formatRate(done, seconds)}/s, ${formatDuration(seconds)} elapsed${left}\n`);
    },
    stop() {
      stopped = true;
    },
  };
}

function formatRate(done: number, seconds: number): string {
  if (seconds <= 0 || done === 0) return '–';
  const r = done / seconds;
  return r >= 10 ? r.toFixed(0) : r.toFixed(1);
}

/** "4 s", "2 min 5 s", "1 h 3 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
