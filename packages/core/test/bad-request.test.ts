import { describe, expect, it } from 'vitest';
import { ApiError, ValidationError } from '../src/index.js';
import { ERC721, owner, setup } from './helpers/setup.js';

describe('400 for a batch', () => {
  it('uses details to fail only the offending asset and submits the rest', async () => {
    // Undeclared collection: the client cannot check ERC-1155 fields, so the server's 400 decides.
    const h = setup({ minter: { collections: {} } });
    const ERC1155 = '0x1155000000000000000000000000000000000fa4';
    const good = [0, 1, 2].map((i) =>
      h.minter.mint(ERC1155, { referenceId: `g${i}`, owner: owner(i + 1), tokenId: '1', amount: '5' }),
    );
    const bad = h.minter.mint(ERC1155, { referenceId: 'bad', owner: owner(9), tokenId: '2' });
    const error = bad.catch((e: unknown) => e);
    await h.tick(5);
    await Promise.all(good);
    const e = await error;
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).field).toBe('asset.amount');
    expect(
      h.fake
        .mintRequests()
        .map((r) => r.referenceId)
        .sort(),
    ).toEqual(['g0', 'g1', 'g2']);
    await h.minter.close();
  });

  it('bisects when the 400 does not say which asset is at fault', async () => {
    const h = setup();
    const mints = Array.from({ length: 8 }, (_, i) =>
      h.minter.mint(ERC721, { referenceId: `r${i}`, owner: owner(i + 1) }),
    );
    // Whole-batch 400 without details, then 400 for the half holding r5, and so on down.
    let calls = 0;
    h.minter.hooks.wrap('request', async (next, ctx) => {
      const body = ctx.body as { assets?: Array<{ reference_id: string }> } | undefined;
      if (ctx.method === 'POST' && body?.assets?.some((a) => a.reference_id === 'r5')) {
        calls++;
        return new Response(JSON.stringify({ message: 'bad', code: 'VALIDATION_ERROR', details: null }), {
          status: 400,
        });
      }
      return next(ctx);
    });
    const results = Promise.allSettled(mints);
    await h.tick(5);
    const settled = await results;
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect((settled[5] as PromiseRejectedResult).reason).toBeInstanceOf(ApiError);
    expect(calls).toBe(4); // 8 → 4 → 2 → 1
    expect(h.fake.mintRequests()).toHaveLength(7);
    await h.minter.close();
  });
});
