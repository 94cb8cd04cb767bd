import type { InventoryStore } from '@mintkit/erc1155-inventory';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, sqliteInventoryStore, sqliteJournal } from '../src/index.js';
import { ERC1155 } from './helpers/intents.js';
import { useTempDir } from './helpers/temp-dir.js';

const tempPath = useTempDir();
const connections: Database.Database[] = [];
/** Configured as the journal configures it (WAL): the way the store is used. */
function connect(path: string): Database.Database {
  const db = openDatabase(path);
  connections.push(db);
  return db;
}
afterEach(() => {
  for (const db of connections.splice(0)) db.close();
});

describe('sqliteInventoryStore', () => {
  it("implements the inventory plugin's store interface", () => {
    const store: InventoryStore = sqliteInventoryStore({ database: connect(tempPath()) });
    expect(typeof store.claim).toBe('function');
  });

  it('gives a new token to its first claimant only, and again to that claimant', () => {
    const store = sqliteInventoryStore({ database: connect(tempPath()) });
    expect(store.claim(ERC1155, '1', 'ref-a')).toBe(true);
    expect(store.claim(ERC1155, '1', 'ref-b')).toBe(false);
    expect(store.claim(ERC1155, '1', 'ref-a')).toBe(true);
    expect(store.claim(ERC1155, '2', 'ref-b')).toBe(true);
    expect(store.has(ERC1155, '1')).toBe(false);
  });

  it('lets nobody claim a token that exists', () => {
    const store = sqliteInventoryStore({ database: connect(tempPath()) });
    expect(store.claim(ERC1155, '1', 'ref-a')).toBe(true);
    store.add(ERC1155, '1');
    store.add(ERC1155, '1');
    expect(store.has(ERC1155, '1')).toBe(true);
    expect(store.claim(ERC1155, '1', 'ref-a')).toBe(false);
    expect(store.claim(ERC1155, '1', 'ref-b')).toBe(false);
    store.release(ERC1155, '1', 'ref-a');
    expect(store.has(ERC1155, '1')).toBe(true);
  });

  it('frees a claim only when its holder releases it', () => {
    const store = sqliteInventoryStore({ database: connect(tempPath()) });
    store.claim(ERC1155, '1', 'ref-a');
    store.release(ERC1155, '1', 'ref-b');
    expect(store.claim(ERC1155, '1', 'ref-b')).toBe(false);
    store.release(ERC1155, '1', 'ref-a');
    expect(store.claim(ERC1155, '1', 'ref-b')).toBe(true);
  });

  it('compares collections case-insensitively and keeps them apart', () => {
    const store = sqliteInventoryStore({ database: connect(tempPath()) });
    store.add(ERC1155, '1');
    expect(store.has(ERC1155.toUpperCase().replace('0X', '0x'), '1')).toBe(true);
    expect(store.has('0x4444444444444444444444444444444444444444', '1')).toBe(false);
  });

  it('remembers existing and claimed tokens across a restart', () => {
    const path = tempPath();
    const before = sqliteInventoryStore({ database: connect(path) });
    before.add(ERC1155, '1');
    before.claim(ERC1155, '2', 'ref-a');
    connections.pop()?.close();

    const after = sqliteInventoryStore({ database: connect(path) });
    expect(after.has(ERC1155, '1')).toBe(true);
    expect(after.claim(ERC1155, '2', 'ref-b')).toBe(false);
    expect(after.claim(ERC1155, '2', 'ref-a')).toBe(true);
  });

  it('shares the journal connection and file', async () => {
    const path = tempPath();
    const journal = sqliteJournal({ path });
    const store = sqliteInventoryStore({ database: journal.database });
    store.add(ERC1155, '9');
    await journal.close();
    expect(sqliteInventoryStore({ database: connect(path) }).has(ERC1155, '9')).toBe(true);
  });

  it('decides a race for one token atomically across two connections', () => {
    const path = tempPath();
    const one = sqliteInventoryStore({ database: connect(path) });
    const two = sqliteInventoryStore({ database: connect(path) });
    const wins = Array.from({ length: 50 }, (_, i) => [
      one.claim(ERC1155, String(i), 'one'),
      two.claim(ERC1155, String(i), 'two'),
    ]);
    expect(wins.every(([a, b]) => a !== b)).toBe(true);
  });

  it('works on a connection nobody configured (rollback journal)', () => {
    const db = new Database(tempPath());
    connections.push(db);
    const store = sqliteInventoryStore({ database: db });
    expect(store.claim(ERC1155, '1', 'ref-a')).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
  });

  it('validates its options', () => {
    expect(() => sqliteInventoryStore({ database: {} as Database.Database })).toThrow(
      /better-sqlite3 Database/,
    );
  });
});
