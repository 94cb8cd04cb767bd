import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/index.js';
import { ERC721, ERC1155, owner, setup } from './helpers/setup.js';

const field = async (p: Promise<unknown>) => {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).field;
};

describe('validation before queueing', () => {
  it('names the field of each mistake and sends nothing', async () => {
    const { minter, fake } = setup();
    expect(await field(minter.mint(ERC721, { referenceId: 'a', owner: '0x123' }))).toBe('asset.owner');
    expect(await field(minter.mint(ERC721, { referenceId: '', owner: owner() }))).toBe('asset.referenceId');
    expect(await field(minter.mint(ERC721, { referenceId: 'b', owner: owner(), tokenId: '01' }))).toBe(
      'asset.tokenId',
    );
    expect(await field(minter.mint(ERC721, { referenceId: 'c', owner: owner(), tokenId: '-1' }))).toBe(
      'asset.tokenId',
    );
    expect(
      await field(minter.mint(ERC721, { referenceId: 'd', owner: owner(), tokenId: `1${'0'.repeat(78)}` })),
    ).toBe('asset.tokenId');
    expect(await field(minter.mint(ERC1155, { referenceId: 'e', owner: owner(), amount: '1' }))).toBe(
      'asset.tokenId',
    );
    expect(await field(minter.mint(ERC1155, { referenceId: 'f', owner: owner(), tokenId: '1' }))).toBe(
      'asset.amount',
    );
    expect(
      await field(minter.mint(ERC1155, { referenceId: 'g', owner: owner(), tokenId: '1', amount: '1.5' })),
    ).toBe('asset.amount');
    expect(
      await field(
        minter.mint(ERC721, {
          referenceId: 'h',
          owner: owner(),
          metadata: { description: 'x'.repeat(16 * 1024) },
        }),
      ),
    ).toBe('asset.metadata');
    expect(
      await field(
        minter.mint(ERC721, {
          referenceId: 'i',
          owner: owner(),
          // @ts-expect-error: display_type outside the enum
          metadata: { attributes: [{ trait_type: 'power', value: 3, display_type: 'percent' }] },
        }),
      ),
    ).toBe('asset.metadata.attributes[0].display_type');
    expect(await field(minter.mint('0xnope', { referenceId: 'j', owner: owner() }))).toBe('collection');
    await minter.drain();
    expect(fake.requests).toHaveLength(0);
    await minter.close();
  });

  it('accepts metadata of exactly 16 KiB and rejects a reference_id already queued, without affecting others', async () => {
    const h = setup();
    const filler = 'x'.repeat(16 * 1024 - JSON.stringify({ description: '' }).length);
    const ok = h.minter.mint(ERC721, {
      referenceId: 'full',
      owner: owner(),
      metadata: { description: filler },
    });
    const first = h.minter.mint(ERC721, { referenceId: 'dup', owner: owner() });
    expect(await field(h.minter.mint(ERC721, { referenceId: 'dup', owner: owner(2) }))).toBe(
      'asset.referenceId',
    );
    await h.tick(5);
    await expect(ok).resolves.toMatchObject({ accepted: 'accepted' });
    await expect(first).resolves.toMatchObject({ referenceId: 'dup' });
    expect(
      h.fake
        .mintRequests({ collection: ERC721 })
        .map((r) => r.referenceId)
        .sort(),
    ).toEqual(['dup', 'full']);
    // Once accepted, the same reference id may be sent again (the API then answers 409).
    const again = h.minter.mint(ERC721, { referenceId: 'dup', owner: owner() });
    await h.tick(5);
    await expect(again).resolves.toMatchObject({ accepted: 'already-accepted' });
    await h.minter.close();
  });

  it('checks ERC-1155 fields on a collection inferred from its assets only when declared', async () => {
    const h = setup({ minter: { collections: {} } });
    // Undeclared: nothing is required up front; the server's 400 is isolated instead.
    const bad = h.minter.mint(ERC1155, { referenceId: 'x', owner: owner() }).catch((e: unknown) => e);
    const good = h.minter.mint(ERC1155, { referenceId: 'y', owner: owner(), tokenId: '7', amount: '3' });
    await h.tick(5);
    await expect(good).resolves.toMatchObject({ accepted: 'accepted' });
    expect(await bad).toBeInstanceOf(ValidationError);
    await h.minter.close();
  });
});
