import type { InventoryEvent } from '@mintkit/erc1155-inventory';
import type { FakeImmutableApi } from '@mintkit/testing';
import { describe, expect, it } from 'vitest';
import {
  closeMintersAfterEach,
  ELIXIR,
  fakeApi,
  grant,
  HEROES,
  ITEMS,
  owner,
  POTION,
  seedCollection,
} from './helpers/minter.js';

/** 250 potions (token_ids 1..250) minted with metadata by another process before this one started. */
async function apiWith250Tokens() {
  const api = fakeApi();
  await seedCollection(api, 1, 250, POTION);
  api.requests.length = 0;
  return api;
}

const listReads = (fake: FakeImmutableApi) =>
  fake.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/collections/${ITEMS}/nfts`));
const conflicts = (fake: FakeImmutableApi) => fake.requests.filter((r) => r.status === 409).length;

const { start } = closeMintersAfterEach();

describe('warm-up paging through a collection', () => {
  it('warmUp: true learns every existing token before the first batch: no 409, new tokens keep metadata', async () => {
    const events: InventoryEvent[] = [];
    const t = start({
      api: await apiWith250Tokens(),
      plugin: { warmUp: true, onEvent: (e) => events.push(e) },
    });
    // Nothing is read before a collection is minted to: the plugin cannot know its type earlier.
    await t.inventory.idle();
    expect(listReads(t.fake)).toHaveLength(0);

    const pending = [
      t.minter.mint(ITEMS, grant('early', '7', POTION)),
      t.minter.mint(ITEMS, grant('late', '240', POTION)), // on the second page
      t.minter.mint(ITEMS, grant('new', '300', ELIXIR)),
    ];
    await t.done();
    await t.fake.settle();
    await t.outcomes(await Promise.all(pending));

    expect(conflicts(t.fake)).toBe(0);
    expect(t.statuses()).toEqual([202]);
    expect(t.carriers()).toEqual([['new']]);
    // The batch was sent after both pages were read, 200 at a time.
    const reads = listReads(t.fake);
    expect(reads.map((r) => new URLSearchParams(r.search).get('page_size'))).toEqual(['200', '200']);
    const firstPost = t.fake.requests.findIndex((r) => r.method === 'POST');
    expect(t.fake.requests.indexOf(reads[1]!)).toBeLessThan(firstPost);
    expect(t.inventory.stats()).toMatchObject({ warmedUp: 250, metadataDropped: 2, conflictsHealed: 0 });
    const warmed = events.find((e) => e.type === 'warmedUp');
    expect(warmed).toMatchObject({ collection: ITEMS });
    expect(warmed?.type === 'warmedUp' && warmed.tokenIds).toHaveLength(250);
    expect(await t.nameOf('300')).toBe('Elixir');
    expect(await t.nameOf('240')).toBe('Potion');
  });

  it('a listed collection is paged at setup; later batches do not read again; ERC-721 is never read', async () => {
    const t = start({ api: await apiWith250Tokens(), plugin: { warmUp: { collections: [ITEMS] } } });
    await t.inventory.idle();
    expect(listReads(t.fake)).toHaveLength(2);
    expect(t.inventory.stats().warmedUp).toBe(250);

    const a = t.minter.mint(ITEMS, grant('a', '1', POTION));
    await t.done();
    const b = t.minter.mint(ITEMS, grant('b', '2', POTION));
    const hero = t.minter.mint(HEROES, { referenceId: 'hero-1', owner: owner(2) });
    await t.done();
    await Promise.all([a, b, hero]);
    expect(listReads(t.fake)).toHaveLength(2);
    expect(t.fake.requests.filter((r) => r.method === 'GET' && r.path.includes(HEROES))).toHaveLength(0);
    expect(conflicts(t.fake)).toBe(0);
    expect(t.carriers()).toEqual([[], [], []]);
  });

  it('stops at maxPages and says so; a token it did not reach heals from its 409, nothing lost', async () => {
    const events: InventoryEvent[] = [];
    const t = start({
      api: await apiWith250Tokens(),
      plugin: { warmUp: { collections: [ITEMS], maxPages: 1 }, onEvent: (e) => events.push(e) },
    });
    await t.inventory.idle();
    expect(listReads(t.fake)).toHaveLength(1);
    expect(events).toContainEqual({ type: 'warmUpTruncated', collection: ITEMS, pages: 1, tokensFound: 200 });

    const pending = [
      t.minter.mint(ITEMS, grant('known', '7', POTION)),
      t.minter.mint(ITEMS, grant('unread', '240', POTION)),
    ];
    await t.done();
    await t.fake.settle();
    await t.outcomes(await Promise.all(pending));
    expect(conflicts(t.fake)).toBe(1);
    expect(t.inventory.stats()).toMatchObject({ warmedUp: 200, conflictsHealed: 1 });
    expect(t.fake.balanceOf(ITEMS, owner(1), '240')).toBe(1n);
  });

  it('a failed page ends the warm-up (reported), keeps what the earlier pages taught, and minting goes on', async () => {
    const events: InventoryEvent[] = [];
    const api = await apiWith250Tokens();
    // The second page answers a 200 that is not an NFT list; everything else reaches the fake.
    let listed = 0;
    const flaky: FakeImmutableApi = Object.assign(Object.create(api) as FakeImmutableApi, {
      fetch: (input: string | URL | Request, init?: RequestInit) => {
        const url = input instanceof Request ? input.url : String(input);
        if (/\/nfts\?page_size=/.test(url) && ++listed === 2)
          return Promise.resolve(Response.json({ result: 'nope' }));
        return api.fetch(input, init);
      },
    });
    const t = start({ api: flaky, plugin: { warmUp: true, onEvent: (e) => events.push(e) } });
    const pending = [
      t.minter.mint(ITEMS, grant('known', '7', POTION)),
      t.minter.mint(ITEMS, grant('unread', '240', POTION)),
    ];
    await t.done();
    expect(listed).toBe(2);
    expect(events.map((e) => e.type).filter((type) => type.startsWith('warm'))).toEqual([
      'warmUpFailed',
      'warmedUp',
    ]);
    expect(events[0]).toMatchObject({ error: { code: 'MALFORMED_RESPONSE' } });
    expect(t.inventory.stats()).toMatchObject({ warmedUp: 200, conflictsHealed: 1 });
    // Token 240 (not reached) is learned from its 409; both mints go through.
    expect(conflicts(api)).toBe(1);
    await api.settle();
    await t.outcomes(await Promise.all(pending));
    expect(api.balanceOf(ITEMS, owner(1), '7')).toBe(1n);
    expect(api.balanceOf(ITEMS, owner(1), '240')).toBe(1n);
  });

  it('rejects invalid warm-up options with a ValidationError naming warmUp', async () => {
    const { erc1155Inventory } = await import('@mintkit/erc1155-inventory');
    expect(() => erc1155Inventory({ warmUp: { maxPages: 0 } })).toThrow(/warmUp/);
    expect(() => erc1155Inventory({ warmUp: { collections: ['nope'] } })).toThrow(/warmUp/);
    expect(() => erc1155Inventory({ warmUp: false as never })).toThrow(/warmUp/);
    expect(() => erc1155Inventory({ warmUp: { collections: [ITEMS], maxPages: 3 } })).not.toThrow();
  });
});
