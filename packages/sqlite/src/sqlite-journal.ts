import type { Journal, MintAsset, MintIntent } from '@mintkit/core';
import { z } from 'zod';
import { openDatabase, prepareDatabase, type SqliteDatabase, type Synchronous } from './database.js';
import { createGroupCommit } from './group-commit.js';
import { isDatabase } from './is-database.js';

/** Where an intent is in its life. `queued` and `accepted` are unfinished. */
export type IntentState = 'queued' | 'accepted' | 'succeeded' | 'failed';

export interface SqliteJournalOptions {
  /**
   * The SQLite file to open (created if missing). The journal owns this connection and
   * closes it in `close()`. Give either `path` or `database`.
   * @example sqliteJournal({ path: './data/mintkit.sqlite' })
   */
  path?: string | undefined;
  /**
   * An open better-sqlite3 connection to share (with `sqliteInventoryStore`, or with the
   * game's own tables). The journal configures it (WAL, `synchronous`) and adds its tables,
   * but never closes it: its owner does.
   * @example sqliteJournal({ database: new Database('./data/game.sqlite') })
   */
  database?: SqliteDatabase | undefined;
  /**
   * How long writes wait for company before they commit together. `0` commits once per
   * event-loop turn (every `mint()` of that turn shares one transaction), which already
   * batches bursts; a few milliseconds batch more under a steady trickle, at the cost of
   * that much latency on `mint()`.
   * @default 0
   * @example sqliteJournal({ path, batchWindowMs: 2 })
   */
  batchWindowMs?: number | undefined;
  /**
   * `'normal'` survives a process crash (SIGKILL), `'full'` also a power loss; see
   * {@link Synchronous}.
   * @default 'normal'
   */
  synchronous?: Synchronous | undefined;
  /**
   * Timestamps (`recorded_at`, `accepted_at`, `settled_at`, epoch ms) come from here.
   * @default { now: () => Date.now() }
   */
  clock?: { now(): number } | undefined;
}

/** The durable journal: core's `Journal`, plus the connection it writes to. */
export interface SqliteJournal extends Journal {
  /** The connection, to share with `sqliteInventoryStore({ database })`. */
  readonly database: SqliteDatabase;
  /** Commits queued writes; closes the connection when the journal opened it. Idempotent. */
  close(): Promise<void>;
}

const optionsSchema = z
  .object({
    path: z.string().min(1).optional(),
    database: z.custom<SqliteDatabase>(isDatabase, 'must be a better-sqlite3 Database').optional(),
    batchWindowMs: z.number().int().min(0).max(1000).default(0),
    synchronous: z.enum(['normal', 'full']).default('normal'),
    clock: z.custom<{ now(): number }>((v) => typeof (v as { now?: unknown })?.now === 'function').optional(),
  })
  .refine((o) => (o.path === undefined) !== (o.database === undefined), {
    message: 'give exactly one of `path` or `database`',
  });

interface UnfinishedRow {
  collection: string;
  asset: string;
  state: 'queued' | 'accepted';
}

/**
 * A `Journal` on SQLite (better-sqlite3): intents survive a crash of the game server, so a
 * restart finishes them instead of losing or double-minting them.
 *
 * `record()` resolves only once its intents are committed, so when `mint()` says "queued" the
 * reward is on disk. Writes of one tick share one transaction (group commit).
 *
 * @example
 * ```ts
 * const journal = sqliteJournal({ path: './data/mintkit.sqlite' });
 * const minter = createMinter({ ..., journal });
 * ```
 */
export function sqliteJournal(options: SqliteJournalOptions): SqliteJournal {
  const o = optionsSchema.parse(options);
  const clock = o.clock ?? { now: () => Date.now() };
  const now = () => clock.now();
  const owned = o.database === undefined;
  const db = o.database ?? openDatabase(o.path as string, o.synchronous);
  if (!owned) prepareDatabase(db, o.synchronous);

  const insert = db.prepare(`
    INSERT INTO mintkit_intents (collection, reference_id, asset, state, recorded_at)
    VALUES (?, ?, ?, 'queued', ?)
    ON CONFLICT (collection, reference_id) DO UPDATE
      SET asset = excluded.asset, state = 'queued', recorded_at = excluded.recorded_at,
          accepted_at = NULL, settled_at = NULL
      -- Recording a known reference_id again changes nothing, except after a failure: the
      -- API lets a failed reference_id be minted again, so it is queued afresh.
      WHERE mintkit_intents.state = 'failed'`);
  const accept = db.prepare(`
    UPDATE mintkit_intents SET state = 'accepted', accepted_at = ?
    WHERE collection = ? AND reference_id = ? AND state = 'queued'`);
  const settle = db.prepare(`
    UPDATE mintkit_intents SET state = ?, settled_at = ?
    WHERE collection = ? AND reference_id = ? AND state IN ('queued', 'accepted')`);
  // Served by the partial index mintkit_intents_unfinished; rowid keeps the recording order.
  const selectUnfinished = db.prepare(`
    SELECT collection, asset, state FROM mintkit_intents
    WHERE state IN ('queued', 'accepted') ORDER BY rowid`);

  const writes = createGroupCommit(db, o.batchWindowMs);
  let closed = false;
  const ensureOpen = () => {
    if (closed) throw new Error('mintkit: the SQLite journal is closed');
  };

  return {
    database: db,

    async record(intents: MintIntent[]) {
      ensureOpen();
      if (intents.length === 0) return;
      // Serialised now, so a later change to the caller's object cannot reach the journal.
      const rows = intents.map((intent) => [
        intent.collection,
        intent.asset.referenceId,
        JSON.stringify(intent.asset),
      ]);
      await writes.enqueue(() => {
        const at = now();
        for (const row of rows) insert.run(...row, at);
      });
    },

    async markAccepted(collection: string, referenceIds: string[]) {
      ensureOpen();
      if (referenceIds.length === 0) return;
      await writes.enqueue(() => {
        const at = now();
        for (const referenceId of referenceIds) accept.run(at, collection, referenceId);
      });
    },

    async markSettled(collection: string, referenceId: string, outcome: 'succeeded' | 'failed') {
      ensureOpen();
      await writes.enqueue(() => {
        settle.run(outcome, now(), collection, referenceId);
      });
    },

    async unfinished() {
      ensureOpen();
      // Read our own writes: anything queued for the next commit goes in first.
      writes.flush();
      return (selectUnfinished.all() as UnfinishedRow[]).map((row) => ({
        collection: row.collection,
        asset: JSON.parse(row.asset) as MintAsset,
        state: row.state,
      }));
    },

    async close() {
      if (closed) return;
      writes.flush();
      closed = true;
      if (owned) db.close();
    },
  };
}
