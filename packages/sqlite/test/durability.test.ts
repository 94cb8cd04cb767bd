import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type SqliteJournal, sqliteJournal } from '../src/index.js';
import { ERC721, intent } from './helpers/intents.js';
import { exited, spawnTs } from './helpers/run-child.js';
import { useTempDir } from './helpers/temp-dir.js';

const tempPath = useTempDir();
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
function track(journal: SqliteJournal): SqliteJournal {
  cleanups.push(() => journal.close());
  return journal;
}
/** A second, independent connection: it sees only what the journal has committed. */
function reader(path: string): () => number {
  const db = new Database(path, { readonly: true });
  cleanups.push(() => db.close());
  const count = db.prepare('SELECT COUNT(*) AS n FROM mintkit_intents');
  return () => (count.get() as { n: number }).n;
}
/** Frames in the write-ahead log: every commit appends at least one. */
const walFrames = (journal: SqliteJournal) =>
  (journal.database.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>)[0]?.log ?? -1;

describe('durability', () => {
  it('resolves record() only after the intent is committed', async () => {
    const path = tempPath();
    const journal = track(sqliteJournal({ path }));
    const committed = reader(path);

    let resolved = false;
    const pending = journal.record([intent('r1')]).then(() => {
      resolved = true;
    });
    await Promise.resolve();
    expect(resolved).toBe(false);
    expect(committed()).toBe(0);

    await pending;
    expect(committed()).toBe(1);
  });

  it('commits the writes of one tick as one transaction (group commit)', async () => {
    const journal = track(sqliteJournal({ path: tempPath() }));
    await journal.record([intent('warm-up')]);
    walFrames(journal); // checkpoint: the log restarts from here

    await Promise.all(Array.from({ length: 200 }, (_, i) => journal.record([intent(`batched-${i}`)])));
    const grouped = walFrames(journal);

    for (let i = 0; i < 20; i++) await journal.record([intent(`one-by-one-${i}`)]);
    const separate = walFrames(journal);

    // Two hundred rows fit in a handful of pages written once; twenty separate commits
    // write at least twenty frames.
    expect(grouped).toBeLessThan(20);
    expect(separate).toBeGreaterThanOrEqual(20);
  });

  it('waits batchWindowMs for company before committing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const path = tempPath();
    const journal = track(sqliteJournal({ path, batchWindowMs: 5 }));
    const committed = reader(path);

    const first = journal.record([intent('r1')]);
    await vi.advanceTimersByTimeAsync(4);
    const second = journal.record([intent('r2')]);
    expect(committed()).toBe(0);

    await vi.advanceTimersByTimeAsync(1);
    await Promise.all([first, second]);
    expect(committed()).toBe(2);
  });

  it('makes unfinished() see writes still waiting for their batch', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const journal = track(sqliteJournal({ path: tempPath(), batchWindowMs: 50 }));
    const recorded = journal.record([intent('r1')]);
    expect((await journal.unfinished()).map((i) => i.asset.referenceId)).toEqual(['r1']);
    await recorded;
  });

  it('fails only the caller whose write failed, not the rest of its batch', async () => {
    const path = tempPath();
    const journal = track(sqliteJournal({ path }));
    // A trigger makes one reference id unwritable, as a full disk or a constraint would.
    journal.database.exec(`CREATE TRIGGER refuse BEFORE INSERT ON mintkit_intents
      WHEN NEW.reference_id = 'bad' BEGIN SELECT RAISE(ABORT, 'refused'); END`);

    const results = await Promise.allSettled([
      journal.record([intent('a')]),
      journal.record([intent('b'), intent('bad')]),
      journal.record([intent('c')]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // The failed call is all-or-nothing: 'b' went with 'bad'.
    expect((await journal.unfinished()).map((i) => i.asset.referenceId)).toEqual(['a', 'c']);
  });

  it('commits pending writes on close', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const path = tempPath();
    const journal = sqliteJournal({ path, batchWindowMs: 1_000 });
    const recorded = journal.record([intent('r1')]);
    await journal.close();
    await recorded;
    const reopened = track(sqliteJournal({ path }));
    expect(await reopened.unfinished()).toHaveLength(1);
  });

  it('keeps every intent whose record() resolved when the process is SIGKILLed right after', async () => {
    const path = tempPath();
    const result = await exited(spawnTs('./record-then-die.ts', [path, '500']));
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('recorded\n');
    expect(result.signal).toBe('SIGKILL');

    const journal = track(sqliteJournal({ path }));
    const unfinished = await journal.unfinished();
    expect(unfinished).toHaveLength(500);
    expect(new Set(unfinished.map((i) => i.collection))).toEqual(new Set([ERC721]));
  });
});
