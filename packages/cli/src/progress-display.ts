import cliProgress from 'cli-progress';

/** What a progress display shows; every count is cumulative. */
export interface ProgressCounts {
  total: number;
  /** Waiting to be accepted by the API. */
  queued: number;
  /** Accepted by the API (202 or an earlier acceptance proved by a 409), not yet settled. */
  accepted: number;
  minted: number;
  failed: number;
  /** 429 answers and client-side budget waits so far. */
  rateLimitWaits: number;
  retries: number;
}

export interface ProgressDisplayOptions {
  /** Where to draw. @default process.stderr */
  stream?: NodeJS.WritableStream | undefined;
  /**
   * Draw a live bar (true) or print plain lines (false).
   * @default whether `stream` is a TTY
   */
  tty?: boolean | undefined;
  /**
   * Plain mode prints at most one line per interval (and only when a count changed).
   * @default 1000
   */
  intervalMs?: number | undefined;
  /** Shown before the counts. @default 'minting' */
  label?: string | undefined;
}

export interface ProgressDisplay {
  update(counts: ProgressCounts): void;
  /** Prints a line without breaking the bar. */
  log(line: string): void;
  /** Draws the last state and releases the terminal. */
  stop(): void;
}

const describe = (c: ProgressCounts): string =>
  `queued ${c.queued} | accepted ${c.accepted} | minted ${c.minted} | failed ${c.failed} | rate-limit waits ${c.rateLimitWaits} | retries ${c.retries}`;

const short = (c: ProgressCounts): string =>
  `queued ${c.queued} accepted ${c.accepted} minted ${c.minted} failed ${c.failed} | waits ${c.rateLimitWaits} retries ${c.retries}`;

/** ETA from the settle rate so far; `--` until the first mint settles. */
function eta(c: ProgressCounts, startedAt: number): string {
  const done = c.minted + c.failed;
  if (done === 0) return '--';
  const left = ((c.total - done) * (Date.now() - startedAt)) / done / 1000;
  return left < 60 ? `${Math.ceil(left)}s` : `${Math.floor(left / 60)}m${Math.ceil(left % 60)}s`;
}

/**
 * A live bar (cli-progress) on a terminal, plain log lines elsewhere (CI logs, pipes), so the
 * same code gives a readable output in both places.
 */
export function createProgressDisplay(options: ProgressDisplayOptions = {}): ProgressDisplay {
  const stream = options.stream ?? process.stderr;
  const tty = options.tty ?? Boolean((stream as NodeJS.WriteStream).isTTY);
  const label = options.label ?? 'minting';
  const intervalMs = options.intervalMs ?? 1000;
  const write = (line: string) => stream.write(`${line}\n`);

  if (tty) {
    const multi = new cliProgress.MultiBar(
      {
        stream: stream as NodeJS.WriteStream,
        format: `${label} {bar} {percentage}% | {value}/{total} | {counts} | ETA {timeLeft}`,
        barsize: 20,
        barCompleteChar: '\u2588',
        barIncompleteChar: '\u2591',
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 50,
        fps: 10,
      },
      cliProgress.Presets.shades_classic,
    );
    let bar: cliProgress.SingleBar | undefined;
    const startedAt = Date.now();
    return {
      update(c) {
        const payload = { counts: short(c), timeLeft: eta(c, startedAt) };
        if (!bar) bar = multi.create(c.total, c.minted + c.failed, payload);
        else {
          bar.setTotal(c.total);
          bar.update(c.minted + c.failed, payload);
        }
      },
      log: (line) => multi.log(`${line}\n`),
      stop: () => multi.stop(),
    };
  }

  let last = '';
  let lastAt = Number.NEGATIVE_INFINITY;
  let pending: ProgressCounts | undefined;
  const print = (c: ProgressCounts) => {
    const line = `${label}: ${c.minted + c.failed}/${c.total} settled | ${describe(c)}`;
    if (line === last) return;
    last = line;
    lastAt = Date.now();
    pending = undefined;
    write(line);
  };
  return {
    update(c) {
      if (Date.now() - lastAt >= intervalMs) print(c);
      else pending = c;
    },
    log: write,
    stop() {
      if (pending) print(pending);
    },
  };
}
