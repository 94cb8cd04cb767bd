import { z } from 'zod';
import type { SqliteDatabase } from './database.js';
import { isDatabase } from './is-database.js';
import { migrate } from './migrations.js';

export interface SqliteInventoryStoreOptions {
  /**
   * The connection to keep the inventory in: usually the journal's, so one file holds both
   * and a restart remembers which token_ids exist or are claimed. Never closed by the store.
   * @example
   * ```ts
   * const journal = sqliteJournal({ path: './data/mintkit.sqlite' });
   * const store = sqliteInventoryStore({ database: journal.database });
   * ```
   */
  database: SqliteDatabase;
  /**
   * Timestamps (`updated_at`, epoch ms) come from here.
   * @default { now: () => Date.now() }
   */
  clock?: { now(): number } | undefined;
}

/**
 * `@mintkit/erc1155-inventory`'s `InventoryStore`, written out here (same shape, synchronous)
 * so this package does not depend on the plugin for users who only want the journal.
 */
export interface SqliteInventoryStore {
  has(collection: string, tokenId: string): boolean;
  add(collection: string, tokenId: string): void;
  claim(collection: string, tokenId: string, owner: string): boolean;
  release(collection: string, tokenId: string, owner: string): void;
}

const optionsSchema = z.object({
  database: z.custom<SqliteDatabase>(isDatabase, 'must be a better-sqlite3 Database'),
  clock: z.custom<{ now(): number }>((v) => typeof (v as { now?: unknown })?.now === 'function').optional(),
});

/**
 * The ERC-1155 inventory plugin's store on SQLite: which token_ids exist, and which mint
 * holds the right to send a new token's metadata.
 *
 * Every method is one statement in its own (autocommit) transaction and returns
 * synchronously: a claim is on disk before the batch that carries the metadata is sent, so
 * after a crash the claimant's resubmission keeps its metadata and no other mint takes it.
 * Collections are compared lower-cased (addresses arrive in any case).
 *
 * @example
 * ```ts
 * const journal = sqliteJournal({ path: './data/mintkit.sqlite' });
 * const minter = createMinter({
 *   ...,
 *   journal,
 *   plugins: [erc1155Inventory({ store: sqliteInventoryStore({ database: journal.database }) })],
 * });
 * ```
 */
export function sqliteInventoryStore(options: SqliteInventoryStoreOptions): SqliteInventoryStore {
  const o = optionsSchema.parse(options);
  const db = o.database;
  // Only the schema: the connection's pragmas belong to whoever opened it (or to the journal).
  migrate(db);
  const clock = o.clock ?? { now: () => Date.now() };

  const selectExists = db.prepare(
    `SELECT 1 FROM mintkit_inventory WHERE collection = ? AND token_id = ? AND state = 'exists'`,
  );
  const upsertExists = db.prepare(`
    INSERT INTO mintkit_inventory (collection, token_id, state, reference_id, updated_at)
    VALUES (?, ?, 'exists', NULL, ?)
    ON CONFLICT (collection, token_id) DO UPDATE
      SET state = 'exists', reference_id = NULL, updated_at = excluded.updated_at
      WHERE mintkit_inventory.state <> 'exists'`);
  // One statement decides atomically, even with several processes on the file: a free token
  // is taken, a claim by the same owner stands, anything else leaves the row untouched.
  const insertClaim = db.prepare(`
    INSERT INTO mintkit_inventory (collection, token_id, state, reference_id, updated_at)
    VALUES (?, ?, 'claimed', ?, ?)
    ON CONFLICT (collection, token_id) DO NOTHING`);
  const selectRow = db.prepare(
    'SELECT state, reference_id AS referenceId FROM mintkit_inventory WHERE collection = ? AND token_id = ?',
  );
  const deleteClaim = db.prepare(
    `DELETE FROM mintkit_inventory WHERE collection = ? AND token_id = ? AND state = 'claimed' AND reference_id = ?`,
  );
  const claim = db.transaction((collection: string, tokenId: string, owner: string): boolean => {
    if (insertClaim.run(collection, tokenId, owner, clock.now()).changes === 1) return true;
    const row = selectRow.get(collection, tokenId) as
      | { state: string; referenceId: string | null }
      | undefined;
    return row?.state === 'claimed' && row.referenceId === owner;
  });

  const norm = (collection: string) => collection.toLowerCase();

  return {
    has: (collection, tokenId) => selectExists.get(norm(collection), tokenId) !== undefined,
    add(collection, tokenId) {
      upsertExists.run(norm(collection), tokenId, clock.now());
    },
    // IMMEDIATE: take the write lock before reading, so no other process slips in between.
    claim: (collection, tokenId, owner) => claim.immediate(norm(collection), tokenId, owner),
    release(collection, tokenId, owner) {
      deleteClaim.run(norm(collection), tokenId, owner);
    },
  };
}
