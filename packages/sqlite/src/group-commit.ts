import type { SqliteDatabase } from './database.js';

interface PendingWrite {
  write: () => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes queued during one tick (or one `windowMs`) are applied in a single
 * transaction, and each caller's promise settles only after that transaction has committed.
 *
 * Hand-written because it is a dozen lines over better-sqlite3's synchronous transactions;
 * no maintained library does exactly "batch synchronous SQLite writes, resolve on commit".
 * A write that throws must fail only its own caller: the batch is then rolled back and
 * replayed one write per transaction (rare, so the common path pays for no savepoints).
 */
export interface GroupCommit {
  /** Queues `write`; resolves once it is committed, rejects if it (or the commit) failed. */
  enqueue(write: () => void): Promise<void>;
  /** Commits what is queued now, synchronously. Readers call it to see their own writes. */
  flush(): void;
  /** Writes waiting for the next commit. */
  pending(): number;
}

export function createGroupCommit(db: SqliteDatabase, windowMs: number): GroupCommit {
  let queue: PendingWrite[] = [];
  let scheduled: { cancel: () => void } | null = null;

  const commitAll = db.transaction((batch: PendingWrite[]) => {
    for (const entry of batch) entry.write();
  });
  const commitOne = db.transaction((write: () => void) => write());

  function flush(): void {
    scheduled?.cancel();
    scheduled = null;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    try {
      commitAll(batch);
    } catch {
      for (const entry of batch) {
        try {
          commitOne(entry.write);
        } catch (error) {
          entry.reject(error);
          continue;
        }
        entry.resolve();
      }
      return;
    }
    for (const entry of batch) entry.resolve();
  }

  function schedule(): void {
    if (scheduled) return;
    // Not unref'd: a write someone awaits should keep the process alive until it commits.
    if (windowMs <= 0) {
      const handle = setImmediate(flush);
      scheduled = { cancel: () => clearImmediate(handle) };
    } else {
      const handle = setTimeout(flush, windowMs);
      scheduled = { cancel: () => clearTimeout(handle) };
    }
  }

  return {
    enqueue(write) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ write, resolve, reject });
        schedule();
      });
    },
    flush,
    pending: () => queue.length,
  };
}
