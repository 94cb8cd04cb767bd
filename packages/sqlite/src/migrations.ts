import type { SqliteDatabase } from './database.js';

/**
 * The schema, as an append-only list: migration N is applied once, in its own transaction,
 * and recorded in `mintkit_migrations`. Never edit a shipped entry; add the next one.
 */
const migrations: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE mintkit_intents (
        collection   TEXT    NOT NULL,
        reference_id TEXT    NOT NULL,
        asset        TEXT    NOT NULL,
        state        TEXT    NOT NULL CHECK (state IN ('queued', 'accepted', 'succeeded', 'failed')),
        recorded_at  INTEGER NOT NULL,
        accepted_at  INTEGER,
        settled_at   INTEGER,
        PRIMARY KEY (collection, reference_id)
      );
      -- A partial index: it holds only the unfinished rows, so a restart reads those without
      -- scanning the (ever growing) history of settled ones.
      CREATE INDEX mintkit_intents_unfinished ON mintkit_intents (state)
        WHERE state IN ('queued', 'accepted');

      CREATE TABLE mintkit_inventory (
        collection   TEXT    NOT NULL,
        token_id     TEXT    NOT NULL,
        state        TEXT    NOT NULL CHECK (state IN ('claimed', 'exists')),
        reference_id TEXT,
        updated_at   INTEGER NOT NULL,
        PRIMARY KEY (collection, token_id)
      ) WITHOUT ROWID;
    `,
  },
];

/** The newest schema version this build knows. */
export const SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;

/** Applies the migrations the file has not seen yet. Refuses a file from a newer mintkit. */
export function migrate(db: SqliteDatabase): void {
  db.exec(`CREATE TABLE IF NOT EXISTS mintkit_migrations (
    version    INTEGER PRIMARY KEY,
    applied_at INTEGER NOT NULL
  )`);
  const current =
    (db.prepare('SELECT MAX(version) AS v FROM mintkit_migrations').get() as { v: number | null }).v ?? 0;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `mintkit: this SQLite file has schema version ${current}, newer than this @mintkit/sqlite understands (${SCHEMA_VERSION}); upgrade @mintkit/sqlite`,
    );
  }
  const record = db.prepare('INSERT INTO mintkit_migrations (version, applied_at) VALUES (?, ?)');
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    // IMMEDIATE takes the write lock first, so two processes opening a fresh file at once
    // cannot both apply the same migration.
    db.transaction(() => {
      const applied = db.prepare('SELECT 1 FROM mintkit_migrations WHERE version = ?').get(migration.version);
      if (applied) return;
      db.exec(migration.sql);
      record.run(migration.version, Date.now());
    }).immediate();
  }
}
