import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type SqliteJournal, sqliteJournal } from '../src/index.js';
import { ERC721, ERC1155, intent, OWNER } from './helpers/intents.js';
import { useTempDir } from './helpers/temp-dir.js';

const tempPath = useTempDir();
const open: SqliteJournal[] = [];
function journalAt(path: string, clock?: { now(): number }): SqliteJournal {
  const journal = sqliteJournal({ path, clock });
  open.push(journal);
  return journal;
}
afterEach(async () => {
  for (const journal of open.splice(0)) await journal.close();
});

interface Row {
  state: string;
  recorded_at: number;
  accepted_at: number | null;
  settled_at: number | null;
}
const row = (journal: SqliteJournal, referenceId: string, collection = ERC721) =>
  journal.database
    .prepare('SELECT * FROM mintkit_intents WHERE collection = ? AND reference_id = ?')
    .get(collection, referenceId) as Row | undefined;

describe('sqliteJournal', () => {
  it('lists a recorded intent as queued, with its asset intact', async () => {
    const journal = journalAt(tempPath());
    const metadata = { name: 'Sword', attributes: [{ trait_type: 'power', value: 9 }] };
    await journal.record([intent('r1'), intent('r2', { tokenId: '7', amount: '3', metadata }, ERC1155)]);

    expect(await journal.unfinished()).toEqual([
      { collection: ERC721, asset: { referenceId: 'r1', owner: OWNER }, state: 'queued' },
      {
        collection: ERC1155,
        asset: { referenceId: 'r2', owner: OWNER, tokenId: '7', amount: '3', metadata },
        state: 'queued',
      },
    ]);
  });

  it('moves an intent through accepted to settled, stamping each step', async () => {
    let now = 1_000;
    const journal = journalAt(tempPath(), { now: () => now });
    await journal.record([intent('r1'), intent('r2'), intent('r3')]);
    now = 2_000;
    await journal.markAccepted(ERC721, ['r1', 'r2']);
    expect((await journal.unfinished()).map((i) => [i.asset.referenceId, i.state])).toEqual([
      ['r1', 'accepted'],
      ['r2', 'accepted'],
      ['r3', 'queued'],
    ]);

    now = 3_000;
    await journal.markSettled(ERC721, 'r1', 'succeeded');
    await journal.markSettled(ERC721, 'r3', 'failed');
    expect((await journal.unfinished()).map((i) => i.asset.referenceId)).toEqual(['r2']);
    expect(row(journal, 'r1')).toMatchObject({
      state: 'succeeded',
      recorded_at: 1_000,
      accepted_at: 2_000,
      settled_at: 3_000,
    });
    expect(row(journal, 'r3')).toMatchObject({ state: 'failed', accepted_at: null, settled_at: 3_000 });
  });

  it('never moves a settled intent back, and ignores unknown reference ids', async () => {
    const journal = journalAt(tempPath());
    await journal.record([intent('r1')]);
    await journal.markSettled(ERC721, 'r1', 'succeeded');
    await journal.markAccepted(ERC721, ['r1', 'unknown']);
    await journal.markSettled(ERC721, 'r1', 'failed');
    await journal.markSettled(ERC721, 'unknown', 'succeeded');

    expect(row(journal, 'r1')?.state).toBe('succeeded');
    expect(row(journal, 'unknown')).toBeUndefined();
    expect(await journal.unfinished()).toEqual([]);
  });

  it('records the same reference id once: a re-record changes nothing', async () => {
    const journal = journalAt(tempPath());
    await journal.record([intent('r1', { tokenId: '1' })]);
    await journal.markAccepted(ERC721, ['r1']);
    await journal.record([intent('r1', { tokenId: '2' })]);

    expect(await journal.unfinished()).toEqual([
      { collection: ERC721, asset: { referenceId: 'r1', owner: OWNER, tokenId: '1' }, state: 'accepted' },
    ]);
    const count = journal.database.prepare('SELECT COUNT(*) AS n FROM mintkit_intents').get() as {
      n: number;
    };
    expect(count.n).toBe(1);
  });

  it('queues a failed reference id afresh when it is recorded again (the API allows the retry)', async () => {
    const journal = journalAt(tempPath());
    await journal.record([intent('r1')]);
    await journal.markSettled(ERC721, 'r1', 'failed');
    await journal.record([intent('r1')]);
    expect((await journal.unfinished()).map((i) => i.state)).toEqual(['queued']);
    expect(row(journal, 'r1')).toMatchObject({ state: 'queued', settled_at: null });
  });

  it('keeps the same reference id apart in two collections', async () => {
    const journal = journalAt(tempPath());
    await journal.record([intent('r1'), intent('r1', { tokenId: '1', amount: '1' }, ERC1155)]);
    await journal.markSettled(ERC721, 'r1', 'succeeded');
    expect((await journal.unfinished()).map((i) => i.collection)).toEqual([ERC1155]);
  });

  it('remembers unfinished intents across a reopen', async () => {
    const path = tempPath();
    const first = sqliteJournal({ path });
    await first.record([intent('a'), intent('b'), intent('c')]);
    await first.markAccepted(ERC721, ['b']);
    await first.markSettled(ERC721, 'c', 'succeeded');
    await first.close();

    const second = journalAt(path);
    expect((await second.unfinished()).map((i) => [i.asset.referenceId, i.state])).toEqual([
      ['a', 'queued'],
      ['b', 'accepted'],
    ]);
  });

  it('loads 10,000 unfinished intents among 20,000 settled ones in well under a second', async () => {
    const journal = journalAt(tempPath());
    const refs = Array.from({ length: 30_000 }, (_, i) => `ref-${i}`);
    await journal.record(refs.map((r) => intent(r, { metadata: { name: r } })));
    await Promise.all(refs.slice(10_000).map((r) => journal.markSettled(ERC721, r, 'succeeded')));

    const started = performance.now();
    const unfinished = await journal.unfinished();
    const elapsed = performance.now() - started;
    expect(unfinished).toHaveLength(10_000);
    expect(unfinished[0]?.asset.referenceId).toBe('ref-0');
    expect(elapsed).toBeLessThan(500);
    const plan = journal.database
      .prepare(`EXPLAIN QUERY PLAN SELECT * FROM mintkit_intents WHERE state IN ('queued', 'accepted')`)
      .all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toContain('mintkit_intents_unfinished');
  });

  it('refuses writes after close, and close is idempotent', async () => {
    const journal = sqliteJournal({ path: tempPath() });
    await journal.close();
    await journal.close();
    await expect(journal.record([intent('r1')])).rejects.toThrow(/closed/);
    expect(journal.database.open).toBe(false);
  });

  it('leaves a shared connection open on close', async () => {
    const database = new Database(tempPath());
    const journal = sqliteJournal({ database });
    await journal.record([intent('r1')]);
    await journal.close();
    expect(database.open).toBe(true);
    expect(database.prepare('SELECT COUNT(*) AS n FROM mintkit_intents').get()).toEqual({ n: 1 });
    database.close();
  });

  it('validates its options', () => {
    expect(() => sqliteJournal({})).toThrow(/exactly one of `path` or `database`/);
    expect(() => sqliteJournal({ path: tempPath(), batchWindowMs: -1 })).toThrow();
    expect(() => sqliteJournal({ database: {} as Database.Database })).toThrow(/better-sqlite3 Database/);
  });

  it('configures the file for WAL and synchronous=NORMAL by default, FULL on request', async () => {
    const normal = journalAt(tempPath('a.sqlite'));
    expect(normal.database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(normal.database.pragma('synchronous', { simple: true })).toBe(1);
    const full = sqliteJournal({ path: tempPath('b.sqlite'), synchronous: 'full' });
    open.push(full);
    expect(full.database.pragma('synchronous', { simple: true })).toBe(2);
  });
});
