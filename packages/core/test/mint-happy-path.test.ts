import { describe, expect, it } from 'vitest';
import { ERC721, owner, setup } from './helpers/setup.js';

describe('mint happy path', () => {
  it('coalesces a burst into one request and resolves each mint as accepted', async () => {
    const h = setup();
    const mints = Array.from({ length: 30 }, (_, i) =>
      h.minter.mint(ERC721, { referenceId: `r${i}`, owner: owner(i + 1) }),
    );
    await h.tick(5);
    const receipts = await Promise.all(mints);
    expect(receipts.map((r) => r.accepted)).toEqual(Array(30).fill('accepted'));
    const posts = h.fake.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(h.of('submitted')).toEqual([
      { collection: ERC721, referenceIds: receipts.map((r) => r.referenceId), cost: 30 },
    ]);
    expect(h.fake.mintRequests({ collection: ERC721 })).toHaveLength(30);
    await h.minter.close();
  });
});
