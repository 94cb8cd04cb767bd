import { setMaxListeners } from 'node:events';
import { writeFile } from 'node:fs/promises';
import {
  addressSchema,
  type ContractType,
  isMintkitError,
  type MintOutcome,
  type MintReceipt,
} from '@mintkit/core';
import { erc1155Inventory } from '@mintkit/erc1155-inventory';
import { type ConnectionFlags, connect, UsageError } from './connect.js';
import { type InputRow, readRewardsFile } from './input-file.js';
import { type CliIo, line } from './io.js';
import { createProgressDisplay, type ProgressCounts } from './progress-display.js';
import { openStateFile, type StateFile } from './state-file.js';
import { formatDuration, formatTable } from './summary.js';

export interface MintCommandOptions extends ConnectionFlags {
  file: string;
  skipInvalid: boolean;
  type?: ContractType | undefined;
  tier?: string | undefined;
  /** Wait for each mint to settle on chain. */
  wait: boolean;
  waitTimeoutMs: number;
}

interface Failure {
  line: number;
  reference_id?: string | undefined;
  stage: 'invalid' | 'refused' | 'failed';
  code?: string | undefined;
  message: string;
}

export interface MintSummary {
  rows: number;
  invalid: number;
  skipped: number;
  accepted: number;
  minted: number;
  failed: number;
  pending: number;
  requests: number;
  wallMs: number;
  exitCode: number;
}

/** Rows handed to the minter ahead of their acceptance: four full batches. */
const WINDOW = 400;

export const stateFilePath = (file: string) => `${file}.mintkit-state.jsonl`;
export const failuresFilePath = (file: string) => `${file}.failures.jsonl`;

/**
 * `mintkit mint`: validate the whole file, then mint what earlier runs did not finish,
 * recording each acceptance in the state file next to the input.
 */
export async function mintCommand(o: MintCommandOptions, io: CliIo): Promise<MintSummary> {
  const started = Date.now();
  const parsedCollection = addressSchema.safeParse(o.collection);
  if (!parsedCollection.success)
    throw new UsageError(`--collection must be 0x + 40 hex digits, got "${o.collection}"`);
  const collection = parsedCollection.data.toLowerCase();

  const input = await readRewardsFile(o.file, { collection, contractType: o.type });
  const failures: Failure[] = input.problems.map((p) => ({
    line: p.line,
    stage: 'invalid',
    message: p.message,
  }));
  for (const p of input.problems) line(io.stderr, `${o.file}:${p.line}: ${p.message}`);
  if (input.problems.length > 0 && !o.skipInvalid) {
    line(
      io.stderr,
      `${input.problems.length} invalid line(s); nothing was minted. Fix them, or pass --skip-invalid to mint the valid lines.`,
    );
    return emptySummary(input.rows.length, input.problems.length, 1, started);
  }

  // With --fake every run has a fresh API, so a state file would claim mints the API never saw.
  const state: StateFile | undefined = o.fake
    ? undefined
    : await openStateFile(stateFilePath(o.file), { collection });
  const todo: InputRow[] = [];
  let skipped = 0;
  for (const row of input.rows) {
    if (state?.get(row.asset.referenceId) === 'succeeded') skipped++;
    else todo.push(row);
  }
  if (skipped > 0)
    line(io.stderr, `resuming: ${skipped} reward(s) already minted by an earlier run are skipped`);

  const inventory = input.contractType === 'ERC1155' ? erc1155Inventory() : undefined;
  const conn = await connect({ ...o, plugins: inventory ? [inventory] : [], environ: io.env });
  line(io.stderr, `minting ${todo.length} reward(s) to ${collection} via ${conn.target}`);
  const { minter } = conn;
  const counts: ProgressCounts = {
    total: todo.length,
    queued: todo.length,
    accepted: 0,
    minted: 0,
    failed: 0,
    rateLimitWaits: 0,
    retries: 0,
  };
  const progress = createProgressDisplay({ stream: io.stderr, tty: io.tty, label: 'mint' });
  const refresh = () => progress.update(counts);
  minter.on('rateLimited', () => {
    counts.rateLimitWaits++;
    refresh();
  });
  minter.on('retrying', () => {
    counts.retries++;
    refresh();
  });
  refresh();

  const abort = new AbortController();
  // Every queued mint listens to this one signal.
  setMaxListeners(0, abort.signal);
  const onAbort = () => abort.abort(io.signal?.reason);
  io.signal?.addEventListener('abort', onAbort, { once: true });
  const settled: Array<Promise<MintOutcome>> = [];
  const record = (row: InputRow, stage: Failure['stage'], error: unknown) => {
    failures.push({
      line: row.line,
      reference_id: row.asset.referenceId,
      stage,
      code: isMintkitError(error) ? error.code : undefined,
      message: error instanceof Error ? error.message : String(error),
    });
  };
  const admit = (row: InputRow) =>
    minter.mint(collection, row.asset, { signal: abort.signal }).then(
      (receipt: MintReceipt) => {
        state?.markAccepted([row.asset.referenceId]);
        counts.queued--;
        counts.accepted++;
        refresh();
        settled.push(
          receipt.settled.then((outcome) => {
            state?.markSettled(row.asset.referenceId, outcome.status);
            counts.accepted--;
            if (outcome.status === 'succeeded') counts.minted++;
            else {
              counts.failed++;
              record(row, 'failed', outcome.error);
            }
            refresh();
            return outcome;
          }),
        );
      },
      (error: unknown) => {
        counts.queued--;
        if (!abort.signal.aborted) {
          counts.failed++;
          record(row, 'refused', error);
        }
        refresh();
      },
    );
  // Rows are handed to the minter through a window, not all at once: memory stays flat on
  // big files, and Ctrl-C stops at most a window's worth of mints from still being sent.
  const inFlight = new Set<Promise<void>>();
  for (const row of todo) {
    if (abort.signal.aborted) break;
    while (inFlight.size >= WINDOW) await Promise.race(inFlight);
    const p: Promise<void> = admit(row).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  if (o.wait && !abort.signal.aborted) await settleWithin(settled, o.waitTimeoutMs, abort.signal);
  progress.stop();
  io.signal?.removeEventListener('abort', onAbort);
  const requests = minter.stats().requests;
  await conn.close().catch(() => undefined);
  await state?.close();

  const failuresFile = failuresFilePath(o.file);
  if (failures.length > 0) {
    failures.sort((a, b) => a.line - b.line);
    await writeFile(failuresFile, `${failures.map((f) => JSON.stringify(f)).join('\n')}\n`);
  }
  const wallMs = Date.now() - started;
  const pending = counts.accepted + counts.queued;
  const exitCode = abort.signal.aborted
    ? 130
    : counts.failed > 0 || pending > 0 || failures.length > 0
      ? 1
      : 0;
  const rows: Array<[string, string | number]> = [
    ['rewards in file', input.rows.length + input.problems.length],
    ['invalid (skipped)', input.problems.length],
    ['already minted earlier', skipped],
    ['minted now', counts.minted],
    ['failed', counts.failed],
    ['still pending', pending],
    ['API requests', requests],
    ['wall time', formatDuration(wallMs)],
    ['mints/s', (counts.minted / Math.max(wallMs / 1000, 0.001)).toFixed(1)],
  ];
  if (state) rows.push(['state file', state.path]);
  if (failures.length > 0) rows.push(['failures file', failuresFile]);
  line(
    io.stdout,
    formatTable(abort.signal.aborted ? 'mintkit mint: interrupted' : 'mintkit mint: summary', rows),
  );
  if (pending > 0) line(io.stderr, 're-run the same command to continue; nothing will be minted twice');
  return {
    rows: input.rows.length,
    invalid: input.problems.length,
    skipped,
    accepted: counts.accepted,
    minted: counts.minted,
    failed: counts.failed,
    pending,
    requests,
    wallMs,
    exitCode,
  };
}

async function settleWithin(all: Array<Promise<unknown>>, ms: number, signal: AbortSignal): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    onAbort = resolve;
    signal.addEventListener('abort', onAbort, { once: true });
  });
  await Promise.race([Promise.all(all), stop]);
  clearTimeout(timer);
  if (onAbort) signal.removeEventListener('abort', onAbort);
}

function emptySummary(rows: number, invalid: number, exitCode: number, started: number): MintSummary {
  return {
    rows,
    invalid,
    skipped: 0,
    accepted: 0,
    minted: 0,
    failed: 0,
    pending: 0,
    requests: 0,
    wallMs: Date.now() - started,
    exitCode,
  };
}
