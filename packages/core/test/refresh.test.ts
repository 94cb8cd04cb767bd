import { describe, expect, it } from 'vitest';
import { REFRESH_LIMITS, ValidationError } from '../src/index.js';
import { ERC721, owner, setup } from './helpers/setup.js';

describe('metadata refresh and reads', () => {
  it('chunks to ≤250 items and fills all seven keys with null', async () => {
    const h = setup();
    const items = Array.from({ length: 600 }, (_, i) => ({ tokenId: String(i + 1), name: `#${i}` }));
    const result = await h.minter.refreshMetadata(ERC721, items);
    expect(result).toEqual({ requests: 3, items: 600 });
    const bodies = h.fake.requests
      .filter((r) => r.path.endsWith('/nfts/refresh-metadata'))
      .map((r) => r.body as { nft_metadata: Array<Record<string, unknown>> });
    expect(bodies.map((b) => b.nft_metadata.length)).toEqual([250, 250, 100]);
    expect(bodies[0]?.nft_metadata[0]).toEqual({
      token_id: '1',
      name: '#0',
      description: null,
      image: null,
      external_url: null,
      animation_url: null,
      youtube_url: null,
      attributes: null,
    });
    await h.minter.close();
  });

  it('chunks by bytes (≤228 KiB) and stacks by ≤10', async () => {
    const h = setup();
    const big = 'x'.repeat(10_000);
    const items = Array.from({ length: 60 }, (_, i) => ({ tokenId: String(i + 1), description: big }));
    const result = await h.minter.refreshMetadata(ERC721, items);
    const sizes = h.fake.requests
      .filter((r) => r.path.endsWith('/nfts/refresh-metadata'))
      .map((r) => JSON.stringify(r.body).length);
    expect(result.requests).toBe(3);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(REFRESH_LIMITS.bytes);
    await expect(
      h.minter.refreshMetadataStacks(ERC721, [{ metadataId: 'not-a-uuid' }]),
    ).rejects.toBeInstanceOf(ValidationError);
    await h.minter.close();
  });

  it('waits out a refresh 429 and retries the same chunk', async () => {
    const h = setup();
    h.fake.faults.next(
      1,
      { status: 429, headers: { 'retry-after': '2' } },
      { method: 'POST', path: /refresh-metadata$/ },
    );
    const p = h.minter.refreshMetadata(ERC721, [{ tokenId: '1', name: 'a' }]);
    await h.tick(0);
    expect(h.of('rateLimited')).toEqual([expect.objectContaining({ scope: 'refresh', retryAfterMs: 2_000 })]);
    await h.tick(2_000);
    await expect(p).resolves.toEqual({ requests: 1, items: 1 });
    await h.minter.close();
  });

  it('status() and getNft() map "not found" to null', async () => {
    const h = setup({ fake: { behaviour: { unknownReferenceId: '404' } } });
    expect(await h.minter.status(ERC721, 'nope')).toBeNull();
    expect(await h.minter.getNft(ERC721, '999')).toBeNull();
    const p = h.minter.mint(ERC721, { referenceId: 'a', owner: owner() });
    await h.tick(5);
    await p;
    expect(await h.minter.status(ERC721, 'a')).toMatchObject({ reference_id: 'a', status: 'pending' });
    await h.minter.close();
    const h2 = setup();
    expect(await h2.minter.status(ERC721, 'nope')).toBeNull();
    await h2.minter.close();
  });
});
