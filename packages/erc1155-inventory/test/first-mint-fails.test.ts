import { describe, expect, it } from 'vitest';
import { closeMintersAfterEach, grant, ITEMS, POTION } from './helpers/minter.js';

const { start } = closeMintersAfterEach();

describe('the first mint of a token (carrying its metadata) fails on chain', () => {
  it('pushes the metadata with a refresh once a later mint, sent without it, minted the token', async () => {
    const t = start();
    const pending = [
      t.minter.mint(ITEMS, grant('a', '1', POTION)),
      t.minter.mint(ITEMS, grant('b', '1', POTION, 2)),
    ];
    await t.done();
    const receipts = await Promise.all(pending);
    expect(t.carriers()).toEqual([['a']]);
    t.fake.failReferenceId(ITEMS, 'a', 'execution reverted');
    await t.fake.settle();
    const outcomes = await t.outcomes(receipts);
    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'succeeded']);
    expect(await t.nameOf('1')).toBe('Potion');
    expect(t.inventory.stats()).toMatchObject({ refreshed: 1, metadataDropped: 1 });
  });

  it('re-attaches the metadata to the next mint of the token when nothing minted it', async () => {
    const t = start();
    const first = t.minter.mint(ITEMS, grant('a', '1', POTION));
    await t.done();
    t.fake.failReferenceId(ITEMS, 'a');
    await t.fake.settle();
    await t.outcomes([await first]);
    expect(await t.nameOf('1')).toBeUndefined();
    // The game sends metadata with a token's first grant only: the next one comes without.
    const next = t.minter.mint(ITEMS, grant('c', '1', undefined, 3));
    await t.done();
    await next;
    expect(t.carriers()).toEqual([['a'], ['c']]);
    await t.fake.settle();
    expect(await t.nameOf('1')).toBe('Potion');
    expect(t.inventory.stats()).toMatchObject({ reattached: 1, refreshed: 0 });
  });
});
