import Database from 'better-sqlite3';
import { migrate } from './migrations.js';

/** A better-sqlite3 connection, as `new Database(path)` returns it. */
export type SqliteDatabase = Database.Database;

/**
 * How hard each commit tries to reach the disk.
 *
 * - `'normal'` (default): in WAL mode a commit is appended to the write-ahead log without an
 *   fsync. The log is in the OS page cache the moment the commit returns, so a process crash
 *   (SIGKILL, OOM kill, an uncaught exception, a deploy that kills the container's process)
 *   loses nothing: that is mintkit's threat model. A power loss or kernel panic may lose the
 *   last transactions committed before the last checkpoint (never corrupts the file).
 * - `'full'`: fsync the log on every commit. Survives power loss too, at the cost of one
 *   fsync per group commit (a few milliseconds on most disks).
 */
export type Synchronous = 'normal' | 'full';

/**
 * Configures a connection the way mintkit's stores need it, and brings the schema up to date.
 * Idempotent: the journal and the inventory store both call it on a shared connection.
 */
export function prepareDatabase(db: SqliteDatabase, synchronous: Synchronous = 'normal'): void {
  // WAL lets readers (a second connection, an operator's sqlite3 shell) run beside the
  // writer, and makes a commit one sequential append instead of a rollback-journal dance.
  // An in-memory database answers 'memory' and stays that way, which is fine for tests.
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  // Another process holding the write lock (a backup, a shell) makes us wait, not fail.
  db.pragma('busy_timeout = 5000');
  migrate(db);
}

/** Opens (creating if needed) the SQLite file at `path`, configured for mintkit. */
export function openDatabase(path: string, synchronous: Synchronous = 'normal'): SqliteDatabase {
  const db = new Database(path);
  try {
    prepareDatabase(db, synchronous);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
