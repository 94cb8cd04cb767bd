import { type FileHandle, open, readFile } from 'node:fs/promises';

/** A reward's progress as the state file remembers it. */
export type RewardState = 'accepted' | 'succeeded' | 'failed';

type StateLine =
  | { type: 'run'; collection: string; startedAt: string }
  | { type: 'accepted'; refs: string[] }
  | { type: 'settled'; ref: string; status: 'succeeded' | 'failed' };

/**
 * Where a `mint` run writes what the API accepted and how each mint settled, so a re-run
 * skips what is done. Append-only JSON lines, fsync'd after each write: a crash loses at most
 * the write in progress, and losing it is safe, because a re-sent reward has the same
 * reference_id and the API answers 409 ("already accepted") instead of minting twice.
 *
 * Hand-written (about 80 lines) rather than SQLite: no native build for a CLI, and the file
 * stays readable with `cat`.
 */
export interface StateFile {
  readonly path: string;
  /** The state of every reference id seen by earlier runs (and this one). */
  get(referenceId: string): RewardState | undefined;
  markAccepted(referenceIds: string[]): void;
  markSettled(referenceId: string, status: 'succeeded' | 'failed'): void;
  /** Resolves once everything marked so far is on disk. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export class StateFileMismatchError extends Error {
  override readonly name = 'StateFileMismatchError';
}

export async function openStateFile(path: string, o: { collection: string }): Promise<StateFile> {
  const states = new Map<string, RewardState>();
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    let line: StateLine;
    try {
      line = JSON.parse(raw) as StateLine;
    } catch {
      continue; // a line cut short by a crash: its rewards are simply re-sent (409-safe)
    }
    if (line.type === 'run' && line.collection !== o.collection) {
      throw new StateFileMismatchError(
        `${path} belongs to collection ${line.collection}, not ${o.collection}; move it away to start over`,
      );
    }
    if (line.type === 'accepted')
      for (const ref of line.refs) if (!states.has(ref)) states.set(ref, 'accepted');
    if (line.type === 'settled') states.set(line.ref, line.status);
  }

  const handle: FileHandle = await open(path, 'a');
  let buffer: string[] = [];
  let writing: Promise<void> = Promise.resolve();
  let failure: unknown;
  const write = (line: StateLine) => {
    buffer.push(JSON.stringify(line));
    if (buffer.length === 1) {
      // Everything marked while the previous write ran goes out together: one fsync per batch.
      writing = writing.then(async () => {
        const lines = buffer;
        buffer = [];
        try {
          await handle.appendFile(`${lines.join('\n')}\n`);
          await handle.sync();
        } catch (error) {
          failure ??= error;
        }
      });
    }
  };
  write({ type: 'run', collection: o.collection, startedAt: new Date().toISOString() });

  return {
    path,
    get: (ref) => states.get(ref),
    markAccepted(refs) {
      const fresh = refs.filter((r) => states.get(r) === undefined);
      if (fresh.length === 0) return;
      for (const r of fresh) states.set(r, 'accepted');
      write({ type: 'accepted', refs: fresh });
    },
    markSettled(ref, status) {
      if (states.get(ref) === status) return;
      states.set(ref, status);
      write({ type: 'settled', ref, status });
    },
    async flush() {
      await writing;
      if (failure) throw failure;
    },
    async close() {
      await writing;
      await handle.close();
      if (failure) throw failure;
    },
  };
}
