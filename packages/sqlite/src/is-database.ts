import type { SqliteDatabase } from './database.js';

/** Duck-typed, so a connection from another installed copy of better-sqlite3 is accepted too. */
export function isDatabase(value: unknown): value is SqliteDatabase {
  const db = value as Partial<SqliteDatabase> | null;
  return (
    typeof db === 'object' &&
    db !== null &&
    typeof db.prepare === 'function' &&
    typeof db.transaction === 'function' &&
    typeof db.pragma === 'function'
  );
}
