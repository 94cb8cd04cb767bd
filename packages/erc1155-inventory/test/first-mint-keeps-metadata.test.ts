import { createMinter } from '@mintkit/core';
import { erc1155Inventory } from '@mintkit/erc1155-inventory';
import { describe, expect, it } from 'vitest';
import {
  closeMintersAfterEach,
  ELIXIR,
  fakeApi,
  grant,
  HEROES,
  ITEMS,
  mintElsewhere,
  onFake,
  POTION,
} from './helpers/minter.js';

const { start, closeAfter } = closeMintersAfterEach();

describe('erc1155Inventory against the fake', () => {
  it('sends metadata only with the first of two mints of a new token in one batch', async () => {
    const t = start();
    const receipts = [
      t.minter.mint(ITEMS, grant('a', '1', POTION)),
      t.minter.mint(ITEMS, grant('b', '1', POTION, 2)),
    ];
    await t.done();
    await expect(Promise.all(receipts)).resolves.toHaveLength(2);
    expect(t.statuses()).toEqual([202]);
    expect(t.carriers()).toEqual([['a']]);
    await t.fake.settle();
    expect(await t.nameOf('1')).toBe('Potion');
    expect(t.fake.balanceOf(ITEMS, grant('b', '1', POTION, 2).owner, '1')).toBe(1n);
    expect(t.inventory.stats().metadataDropped).toBe(1);
  });

  it('sends it once across two concurrent batches', async () => {
    const t = start();
    // maxSize 100: 150 mints make two requests, sent concurrently.
    const receipts = Array.from({ length: 150 }, (_, i) =>
      t.minter.mint(ITEMS, grant(`p-${i}`, '1', POTION, i + 1)),
    );
    await t.done();
    await Promise.all(receipts);
    expect(t.statuses()).toEqual([202, 202]);
    expect(t.carriers().flat()).toEqual(['p-0']);
    await t.fake.settle();
    expect(await t.nameOf('1')).toBe('Potion');
    expect(t.inventory.stats().metadataDropped).toBe(149);
  });

  it('sends metadata again only for a token not seen before', async () => {
    const t = start();
    const first = [
      t.minter.mint(ITEMS, grant('a', '1', POTION)),
      t.minter.mint(ITEMS, grant('b', '2', ELIXIR)),
    ];
    await t.done();
    await Promise.all(first);
    const later = t.minter.mint(ITEMS, grant('c', '1', POTION, 3));
    await t.done();
    await later;
    expect(t.carriers()).toEqual([['a', 'b'], []]);
    expect(t.statuses()).toEqual([202, 202]);
  });

  it('heals a 409 when another process minted the token first: existing, stripped, resubmitted, nothing lost', async () => {
    const t = start();
    // Another process shares the API key and minted token 1 with its own metadata.
    await mintElsewhere(t.fake, '1', ELIXIR);
    const receipts = [
      t.minter.mint(ITEMS, grant('a', '1', POTION)),
      t.minter.mint(ITEMS, grant('b', '2', POTION)),
    ];
    await t.done();
    const accepted = await Promise.all(receipts);
    expect(accepted.map((r) => r.accepted)).toEqual(['accepted', 'accepted']);
    expect(t.statuses()).toEqual([202, 409, 202]);
    expect(t.carriers()).toEqual([['other-1'], ['b']]);
    await t.fake.settle();
    // The other process's metadata stands; our mint still happened.
    expect(await t.nameOf('1')).toBe('Elixir');
    expect(t.fake.balanceOf(ITEMS, grant('a', '1').owner, '1')).toBe(1n);
    expect(t.inventory.stats()).toMatchObject({ conflictsHealed: 1, metadataDropped: 1 });
    // From now on the token is known: no second 409.
    const later = t.minter.mint(ITEMS, grant('c', '1', POTION));
    await t.done();
    await later;
    expect(t.statuses()).toEqual([202, 409, 202, 202]);
  });

  it('leaves ERC-721 mints untouched', async () => {
    const t = start();
    const receipts = [
      t.minter.mint(HEROES, {
        referenceId: 'h1',
        owner: grant('x', '1').owner,
        tokenId: '1',
        metadata: POTION,
      }),
      t.minter.mint(HEROES, {
        referenceId: 'h2',
        owner: grant('x', '1').owner,
        tokenId: '2',
        metadata: POTION,
      }),
    ];
    await t.done();
    await Promise.all(receipts);
    expect(t.carriers()).toEqual([['h1', 'h2']]);
    expect(t.inventory.stats().metadataDropped).toBe(0);
  });

  it('does the 409 without the plugin (the control)', async () => {
    const t = start({ plugin: false });
    const receipts = [
      t.minter.mint(ITEMS, grant('a', '1', POTION)),
      t.minter.mint(ITEMS, grant('b', '1', POTION, 2)),
    ];
    await t.done();
    const settled = await Promise.allSettled(receipts);
    expect(t.statuses()).toContain(409);
    expect(settled.some((s) => s.status === 'rejected')).toBe(true);
  });
});

describe('a 409 the plugin cannot heal', () => {
  it('lets core fail the offenders instead of resubmitting the same batch forever', async () => {
    const t = start();
    // A 409 naming a token whose asset carries no metadata: stripping changes nothing.
    t.fake.faults.next(
      1,
      {
        status: 409,
        body: {
          message: 'conflict',
          link: '',
          trace_id: 't',
          code: 'CONFLICT_ERROR',
          details: { id: 'metadata', values: ['1'] },
        },
      },
      { method: 'POST' },
    );
    const receipt = t.minter.mint(ITEMS, grant('a', '1'));
    const outcome = receipt.then(
      () => 'accepted',
      (e: Error) => e.name,
    );
    await t.done();
    expect(await outcome).toBe('ConflictError');
    expect(t.statuses()).toEqual([409]);
    expect(t.inventory.stats().conflictsHealed).toBe(0);
  });
});

describe('an ERC-1155 collection core did not know', () => {
  it('is recognised by its first metadata 409 and handled from then on', async () => {
    const fake = fakeApi();
    const inventory = erc1155Inventory();
    const minter = createMinter({
      ...onFake(fake),
      tier: 'partner',
      plugins: [inventory],
    });
    closeAfter(minter);
    const receipts = [
      minter.mint(ITEMS, grant('a', '1', POTION)),
      minter.mint(ITEMS, grant('b', '1', POTION, 2)),
    ];
    await minter.drain();
    await expect(Promise.all(receipts)).resolves.toHaveLength(2);
    const later = minter.mint(ITEMS, grant('c', '1', POTION, 3));
    await minter.drain();
    await later;
    const statuses = fake.requests.filter((r) => r.method === 'POST').map((r) => r.status);
    expect(statuses).toEqual([409, 202, 202]);
    await fake.settle();
    expect((await minter.getNft(ITEMS, '1'))?.name).toBe('Potion');
  });
});

describe('composition', () => {
  it('works beside other plugins: a later submit hook sees the stripped batch, a wrap sees every request', async () => {
    const fake = fakeApi();
    const seen: string[][] = [];
    let requests = 0;
    const inventory = erc1155Inventory();
    const minter = createMinter({
      ...onFake(fake),
      collections: { [ITEMS]: 'ERC1155' },
      plugins: [
        {
          name: 'tracing',
          setup: (m) =>
            m.hooks.wrap('request', (next, ctx) => {
              requests++;
              return next(ctx);
            }),
        },
        inventory,
        {
          name: 'audit',
          setup: (m) =>
            m.hooks.before('submit', (ctx) => {
              seen.push(ctx.assets.filter((a) => a.metadata).map((a) => a.referenceId));
            }),
        },
      ],
    });
    closeAfter(minter);
    const receipts = [
      minter.mint(ITEMS, grant('a', '1', POTION)),
      minter.mint(ITEMS, grant('b', '1', POTION, 2)),
    ];
    await minter.drain();
    await Promise.all(receipts);
    expect(seen).toEqual([['a']]);
    expect(requests).toBeGreaterThanOrEqual(1);
    expect(inventory.stats().metadataDropped).toBe(1);
  });
});
