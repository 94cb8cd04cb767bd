import { describe, expect, it } from 'vitest';
import { ConflictError } from '../src/index.js';
import { ERC721, ERC1155, owner, setup } from './helpers/setup.js';

describe('409 conflicts', () => {
  it('resolves refs the API already holds as already-accepted, looks up their status, resubmits the rest', async () => {
    const h = setup();
    // Another process (or an earlier run) already minted r1, and it succeeded.
    const first = h.minter.mint(ERC721, { referenceId: 'r1', owner: owner(1) });
    await h.tick(5);
    await first;
    await h.fake.settle();
    const mints = ['r0', 'r1', 'r2'].map((ref, i) =>
      h.minter.mint(ERC721, { referenceId: ref, owner: owner(i + 1) }),
    );
    await h.tick(5);
    const receipts = await Promise.all(mints);
    expect(receipts.map((r) => r.accepted)).toEqual(['accepted', 'already-accepted', 'accepted']);
    expect(h.of('conflict')).toEqual([
      { collection: ERC721, kind: 'reference_id', referenceIds: ['r1'], tokenIds: [] },
    ]);
    // The lookup found it succeeded: settled resolves and minted fires once.
    await expect(receipts[1]?.settled).resolves.toMatchObject({ status: 'succeeded', referenceId: 'r1' });
    expect(h.of('minted').map((m) => m.referenceId)).toEqual(['r1']);
    const gets = h.fake.requests.filter((r) => r.method === 'GET');
    expect(gets).toHaveLength(1);
    expect(gets[0]?.path).toContain('/mint-requests/r1');
    h.fake.assertNoDuplicateMints();
    await h.minter.close();
  });

  it('fails only the asset whose ERC-721 token_id is taken, with ConflictError, and submits the rest', async () => {
    const h = setup();
    const first = h.minter.mint(ERC721, { referenceId: 'x', owner: owner(), tokenId: '42' });
    await h.tick(5);
    await first;
    const clash = h.minter.mint(ERC721, { referenceId: 'y', owner: owner(), tokenId: '42' });
    const fine = h.minter.mint(ERC721, { referenceId: 'z', owner: owner(), tokenId: '43' });
    const error = clash.catch((e: unknown) => e);
    await h.tick(5);
    await expect(fine).resolves.toMatchObject({ accepted: 'accepted' });
    expect(await error).toBeInstanceOf(ConflictError);
    expect(await error).toMatchObject({ kind: 'token_id', tokenIds: ['42'] });
    expect(h.of('failed')).toEqual([expect.objectContaining({ referenceId: 'y', retryable: false })]);
    await h.minter.close();
  });

  it('keeps the first of two assets sharing a token_id in one batch and fails the repeat', async () => {
    const h = setup();
    const first = h.minter.mint(ERC721, { referenceId: 'p', owner: owner(1), tokenId: '77' });
    const repeat = h.minter.mint(ERC721, { referenceId: 'q', owner: owner(2), tokenId: '77' });
    const error = repeat.catch((e: unknown) => e);
    await h.tick(5);
    await expect(first).resolves.toMatchObject({ accepted: 'accepted' });
    expect(await error).toMatchObject({ name: 'ConflictError', kind: 'token_id' });
    expect(h.fake.mintRequests().map((r) => r.referenceId)).toEqual(['p']);
    await h.minter.close();
  });

  it('lets a submit error hook heal an ERC-1155 metadata conflict with { retry }', async () => {
    const h = setup();
    h.minter.hooks.error('submit', (error, ctx) => {
      if (!(error instanceof ConflictError) || error.kind !== 'metadata') return undefined;
      const ids = new Set(error.tokenIds);
      return {
        retry: ctx.assets
          .filter((a) => a.tokenId !== undefined && ids.has(a.tokenId))
          .map(({ metadata: _drop, ...rest }) => rest),
      };
    });
    const first = h.minter.mint(ERC1155, {
      referenceId: 'a',
      owner: owner(1),
      tokenId: '7',
      amount: '1',
      metadata: { name: 'Gem' },
    });
    await h.tick(5);
    await first;
    const again = h.minter.mint(ERC1155, {
      referenceId: 'b',
      owner: owner(2),
      tokenId: '7',
      amount: '1',
      metadata: { name: 'Gem' },
    });
    const other = h.minter.mint(ERC1155, {
      referenceId: 'c',
      owner: owner(3),
      tokenId: '8',
      amount: '1',
      metadata: { name: 'Orb' },
    });
    await h.tick(5);
    await expect(again).resolves.toMatchObject({ accepted: 'accepted' });
    await expect(other).resolves.toMatchObject({ accepted: 'accepted' });
    const last = h.fake.requests.filter((r) => r.method === 'POST').at(-1)?.body as {
      assets: Array<Record<string, unknown>>;
    };
    expect(last.assets.find((a) => a.reference_id === 'b')).not.toHaveProperty('metadata');
    expect(last.assets.find((a) => a.reference_id === 'c')).toHaveProperty('metadata');
    expect(h.of('conflict')).toEqual([
      expect.objectContaining({ kind: 'metadata', referenceIds: ['b'], tokenIds: ['7'] }),
    ]);
    await h.minter.close();
  });
});
