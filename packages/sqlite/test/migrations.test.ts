import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, SCHEMA_VERSION, sqliteJournal } from '../src/index.js';
import { useTempDir } from './helpers/temp-dir.js';

const tempPath = useTempDir();
const connections: Database.Database[] = [];
afterEach(() => {
  for (const db of connections.splice(0)) if (db.open) db.close();
});
const versions = (db: Database.Database) =>
  (
    db.prepare('SELECT version FROM mintkit_migrations ORDER BY version').all() as Array<{ version: number }>
  ).map((r) => r.version);

describe('schema migrations', () => {
  it('creates the schema once and records its version', () => {
    const path = tempPath();
    const first = openDatabase(path);
    connections.push(first);
    expect(versions(first)).toEqual([SCHEMA_VERSION]);
    first.close();

    const again = openDatabase(path);
    connections.push(again);
    expect(versions(again)).toEqual([SCHEMA_VERSION]);
  });

  it('refuses a file written by a newer schema', () => {
    const path = tempPath();
    const db = openDatabase(path);
    db.prepare('INSERT INTO mintkit_migrations (version, applied_at) VALUES (?, 0)').run(SCHEMA_VERSION + 1);
    db.close();
    expect(() => sqliteJournal({ path })).toThrow(/newer than this @mintkit\/sqlite understands/);
  });

  it("adds its tables beside a game's own without touching them", () => {
    const db = new Database(tempPath());
    connections.push(db);
    db.exec('CREATE TABLE players (id INTEGER PRIMARY KEY)');
    sqliteJournal({ database: db });
    const tables = (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as Array<{
        name: string;
      }>
    ).map((t) => t.name);
    expect(tables).toEqual(['mintkit_intents', 'mintkit_inventory', 'mintkit_migrations', 'players']);
  });
});
