import { MetadataMismatchError } from '@mintkit/erc1155-inventory';
import { describe, expect, it } from 'vitest';
import { closeMintersAfterEach, ELIXIR, grant, ITEMS, POTION } from './helpers/minter.js';

const { start } = closeMintersAfterEach();

describe('a later mint carries metadata different from the first', () => {
  it('drop (default): mints it without, the first metadata stays', async () => {
    const t = start();
    const pending = [
      t.minter.mint(ITEMS, grant('a', '1', POTION)),
      t.minter.mint(ITEMS, grant('b', '1', ELIXIR, 2)),
    ];
    await t.done();
    await Promise.all(pending);
    await t.fake.settle();
    expect(await t.nameOf('1')).toBe('Potion');
    expect(t.fake.balanceOf(ITEMS, grant('b', '1', ELIXIR, 2).owner, '1')).toBe(1n);
    expect(t.inventory.stats()).toMatchObject({ metadataMismatches: 1, metadataDropped: 1, refreshed: 0 });
  });

  it('error: mint() rejects before anything is queued; the other mints go on', async () => {
    const t = start({ plugin: { onMetadataMismatch: 'error' } });
    const a = t.minter.mint(ITEMS, grant('a', '1', POTION));
    const b = t.minter.mint(ITEMS, grant('b', '1', ELIXIR, 2));
    const c = t.minter.mint(ITEMS, grant('c', '1', { ...POTION }, 3));
    await expect(b).rejects.toBeInstanceOf(MetadataMismatchError);
    await t.done();
    await Promise.all([a, c]);
    const sent = t.posts().flatMap((r) => (r.body as { assets: Array<{ reference_id: string }> }).assets);
    expect(sent.map((x) => x.reference_id)).toEqual(['a', 'c']);
  });

  it('refresh: mints it without, then pushes the new metadata once it minted', async () => {
    const t = start({ plugin: { onMetadataMismatch: 'refresh' } });
    const first = t.minter.mint(ITEMS, grant('a', '1', POTION));
    await t.done();
    const later = t.minter.mint(ITEMS, grant('b', '1', ELIXIR, 2));
    await t.done();
    expect(t.carriers()).toEqual([['a'], []]);
    await t.fake.settle();
    await t.outcomes([await first, await later]);
    expect(await t.nameOf('1')).toBe('Elixir');
    expect(t.inventory.stats()).toMatchObject({ metadataMismatches: 1, refreshed: 1 });
  });
});
