import { describe, expect, it } from 'vitest';
import {
  closeMintersAfterEach,
  ELIXIR,
  fakeApi,
  grant,
  ITEMS,
  mintElsewhere,
  POTION,
} from './helpers/minter.js';

/** Token 1 minted with ELIXIR by another process, before this one started. */
async function apiWithToken1() {
  const api = fakeApi();
  await mintElsewhere(api, '1', ELIXIR, 'old-1');
  await api.settle();
  return api;
}

const { start } = closeMintersAfterEach();

describe('warm-up', () => {
  it('learns existing tokens before the first batch: no 409, metadata dropped from the start', async () => {
    const events: string[] = [];
    const t = start({
      api: await apiWithToken1(),
      plugin: { warmUp: { collections: { [ITEMS]: ['1', '2'] } }, onEvent: (e) => events.push(e.type) },
    });
    const pending = [
      t.minter.mint(ITEMS, grant('a', '1', ELIXIR)),
      t.minter.mint(ITEMS, grant('b', '2', POTION)),
    ];
    await t.done();
    await Promise.all(pending);
    expect(t.statuses()).toEqual([202, 202]);
    expect(t.carriers()).toEqual([['old-1'], ['b']]);
    expect(t.inventory.stats()).toMatchObject({ warmedUp: 1, conflictsHealed: 0, metadataDropped: 1 });
    expect(events).toContain('warmedUp');
  });

  it('looks listed token_ids up 30 per read, learning only those that exist', async () => {
    const api = await apiWithToken1();
    const listed = Array.from({ length: 35 }, (_, i) => String(i + 1));
    const t = start({ api, plugin: { warmUp: { collections: { [ITEMS]: listed } } } });
    await t.inventory.idle();
    const reads = api.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/nfts'));
    expect(
      reads.map((r) => new URLSearchParams(r.search).getAll('token_id').length).sort((a, b) => a - b),
    ).toEqual([5, 30]);
    expect(t.inventory.stats().warmedUp).toBe(1);
  });

  it('compares later metadata with what the indexer holds (policy error)', async () => {
    const t = start({
      api: await apiWithToken1(),
      plugin: { warmUp: { collections: { [ITEMS]: ['1'] } }, onMetadataMismatch: 'error' },
    });
    await t.inventory.idle();
    await expect(t.minter.mint(ITEMS, grant('a', '1', POTION))).rejects.toMatchObject({
      name: 'MetadataMismatchError',
    });
  });

  it('rejects invalid options with a ValidationError naming the field', async () => {
    const { erc1155Inventory } = await import('@mintkit/erc1155-inventory');
    expect(() => erc1155Inventory({ onMetadataMismatch: 'keep' as never })).toThrow(/onMetadataMismatch/);
    expect(() => erc1155Inventory({ store: {} as never })).toThrow(/store/);
    expect(() => erc1155Inventory({ warmUp: { collections: { nope: ['1'] } } })).toThrow(/warmUp/);
  });
});
