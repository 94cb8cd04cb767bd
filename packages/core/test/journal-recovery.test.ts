import { describe, expect, it } from 'vitest';
import { createMemoryJournal, createMinter, type Journal } from '../src/index.js';
import { ERC721, owner, setup } from './helpers/setup.js';

describe('journal', () => {
  it('records intents before sending and, on a new start, resubmits queued ones and tracks accepted ones', async () => {
    const journal = createMemoryJournal();
    const first = setup({ minter: { journal, tracking: { polling: false } } });
    // Accepted in the first run…
    const accepted = first.minter.mint(ERC721, { referenceId: 'acc', owner: owner(1) });
    await first.tick(5);
    await accepted;
    // …and one recorded (when its batch closed) but refused with 401: it waits in the open
    // circuit when the process "crashes".
    first.fake.faults.next(1, { status: 401 }, { method: 'POST' });
    void first.minter.mint(ERC721, { referenceId: 'queued', owner: owner(2) }).catch(() => {});
    await first.tick(5);
    expect(first.minter.stats().paused).toBe('auth');
    expect((await journal.unfinished()).map((i) => [i.asset.referenceId, i.state])).toEqual([
      ['acc', 'accepted'],
      ['queued', 'queued'],
    ]);

    const second = createMinter({
      apiKey: first.fake.apiKey,
      fetch: first.fake.fetch,
      clock: first.fake.clock,
      journal: { ...journal, close: async () => {} } as Journal,
    });
    const minted: string[] = [];
    second.on('minted', (m) => void minted.push(m.referenceId));
    await second.drain();
    expect(
      first.fake
        .mintRequests()
        .map((r) => r.referenceId)
        .sort(),
    ).toEqual(['acc', 'queued']);
    await first.fake.settle();
    await first.tick(2_000);
    await first.tick(2_000);
    expect(minted.sort()).toEqual(['acc', 'queued']);
    expect(await journal.unfinished()).toEqual([]);
    await second.close();
  });

  it.each([
    ['rejects', (async () => Promise.reject(new Error('disk full'))) as Journal['record']],
    [
      'throws synchronously',
      (() => {
        throw new Error('disk full');
      }) as Journal['record'],
    ],
  ])('a journal whose record %s refuses the batch (retryable) and nothing is sent', async (_how, record) => {
    const journal: Journal = { ...createMemoryJournal(), record };
    const h = setup({ minter: { journal } });
    const p = h.minter.mint(ERC721, { referenceId: 'a', owner: owner() });
    const error = p.catch((e: unknown) => e);
    await h.minter.drain();
    expect(await error).toMatchObject({ code: 'JOURNAL', message: expect.stringContaining('disk full') });
    expect(h.of('failed')).toEqual([expect.objectContaining({ referenceId: 'a', retryable: true })]);
    expect(h.fake.requests).toHaveLength(0);
    await h.minter.close();
  });
});
