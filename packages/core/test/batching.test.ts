import { describe, expect, it } from 'vitest';
import { ERC721, ERC1155, owner, setup } from './helpers/setup.js';

describe('batching', () => {
  it('splits 250 mints of one collection into requests of 100, 100 and 50', async () => {
    const h = setup();
    const mints = Array.from({ length: 250 }, (_, i) =>
      h.minter.mint(ERC721, { referenceId: `r${i}`, owner: owner(i + 1) }),
    );
    await h.tick(5);
    await Promise.all(mints);
    const sizes = h.fake.requests
      .filter((r) => r.method === 'POST')
      .map((r) => (r.body as { assets: unknown[] }).assets.length);
    expect(sizes).toEqual([100, 100, 50]);
    h.fake.assertNoDuplicateMints();
    await h.minter.close();
  });

  it('keeps collections apart and sends a full batch without waiting for the linger', async () => {
    const h = setup({ minter: { batch: { maxSize: 10, lingerMs: 1_000 } } });
    const a = Array.from({ length: 10 }, (_, i) =>
      h.minter.mint(ERC721, { referenceId: `a${i}`, owner: owner(i + 1) }),
    );
    const b = h.minter.mint(ERC1155, { referenceId: 'b', owner: owner(), tokenId: '1', amount: '2' });
    await Promise.all(a); // no clock movement needed: the batch was full
    expect(h.fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    await h.tick(999);
    expect(h.fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    await h.tick(1);
    await expect(b).resolves.toMatchObject({ collection: ERC1155 });
    const paths = h.fake.requests.filter((r) => r.method === 'POST').map((r) => r.path);
    expect(paths[1]).toContain(ERC1155);
    await h.minter.close();
  });

  it('sends snake_case on the wire', async () => {
    const h = setup();
    const p = h.minter.mint(ERC1155, {
      referenceId: 'w',
      owner: owner(),
      tokenId: '5',
      amount: '10',
      metadata: { name: 'Sword', external_url: 'https://x.test' },
    });
    await h.tick(5);
    await p;
    expect((h.fake.requests[0]?.body as { assets: unknown[] } | undefined)?.assets[0]).toEqual({
      reference_id: 'w',
      owner_address: owner(),
      token_id: '5',
      amount: '10',
      metadata: { name: 'Sword', external_url: 'https://x.test' },
    });
    await h.minter.close();
  });
});
