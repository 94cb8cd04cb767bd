import { describe, expect, it } from 'vitest';
import { FAKE_ERC721_ADDRESS, type ImmutableEvent } from '../src/index.js';
import { asset721, fullMetadata, modelClient } from './helpers/model-client.js';

const byToken = `/collections/${FAKE_ERC721_ADDRESS}/nfts/refresh-metadata`;
const byId = `/collections/${FAKE_ERC721_ADDRESS}/metadata/refresh-metadata`;

async function minted() {
  const c = modelClient();
  const meta = { name: 'Hero', image: 'https://img/1.png', attributes: [{ trait_type: 'Level', value: 1 }] };
  await c.mint(FAKE_ERC721_ADDRESS, [
    asset721('a', { metadata: meta }),
    asset721('b', { metadata: meta }),
    asset721('c'),
  ]);
  await c.model.settle();
  const stackId = c.model.mintRequests()[0]?.metadataId as string;
  await c.model.clock.advance(10_000);
  return { c, stackId };
}

describe('POST nfts/refresh-metadata (by token id)', () => {
  it('replaces the metadata fully, moves the NFT to the new stack and bumps metadata_synced_at', async () => {
    const { c, stackId } = await minted();
    const events: ImmutableEvent[] = [];
    c.model.onEvent((e) => events.push(e));
    const r = await c.send(byToken, {
      body: { nft_metadata: [{ token_id: '1', ...fullMetadata('Hero L5') }] },
    });
    expect(r.status).toBe(202);
    const nft = (await c.send(`/collections/${FAKE_ERC721_ADDRESS}/nfts/1`)).body.result;
    expect(nft).toMatchObject({
      name: 'Hero L5',
      image: 'https://img.example/Hero L5.png',
      attributes: [{ trait_type: 'Level', value: 1, display_type: 'number' }],
      metadata_synced_at: '2026-01-01T00:00:10.000000Z',
      updated_at: '2026-01-01T00:00:10.000000Z',
    });
    expect(nft.metadata_id).not.toBe(stackId);
    // Token 2 still stacks on the old metadata.
    expect((await c.send(`/collections/${FAKE_ERC721_ADDRESS}/nfts/2`)).body.result.metadata_id).toBe(
      stackId,
    );
    expect(events.map((e) => e.event_name)).toEqual([
      'imtbl_zkevm_metadata_updated',
      'imtbl_zkevm_nft_updated',
    ]);
  });

  it('validates: 1..250 items, all seven keys, uint256 token_id, 228 KiB', async () => {
    const { c } = await minted();
    const item = (token_id: string) => ({ token_id, ...fullMetadata('x') });
    const send = (list: unknown) => c.send(byToken, { body: { nft_metadata: list } });
    expect((await send([])).status).toBe(400);
    expect((await send(Array.from({ length: 251 }, (_, i) => item(String(i))))).body.details.field).toBe(
      'nft_metadata',
    );
    expect((await send(Array.from({ length: 250 }, (_, i) => item(String(i))))).status).toBe(202);
    const { youtube_url: _, ...six } = item('1');
    const missing = await send([item('1'), six]);
    expect(missing.status).toBe(400);
    expect(missing.body.details.field).toBe('nft_metadata[1].youtube_url');
    expect((await send([{ ...item('1'), token_id: '01' }])).body.details.field).toBe(
      'nft_metadata[0].token_id',
    );
    const big = Array.from({ length: 20 }, (_, i) => ({
      ...item(String(i)),
      description: 'd'.repeat(12_000),
    }));
    const tooBig = await send(big);
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.message).toMatch(/228 KiB/);
    expect((await c.send(byToken, { rawBody: 'nope' })).status).toBe(400);
  });

  it('ignores tokens never minted, or answers 404 with refreshUnknownTokenId "404"', async () => {
    const ignore = await minted();
    expect(
      (await ignore.c.send(byToken, { body: { nft_metadata: [{ token_id: '99', ...fullMetadata('x') }] } }))
        .status,
    ).toBe(202);
    const strict = modelClient({ behaviour: { refreshUnknownTokenId: '404' } });
    const r = await strict.send(byToken, {
      body: { nft_metadata: [{ token_id: '99', ...fullMetadata('x') }] },
    });
    expect(r.status).toBe(404);
    expect(r.body.details).toEqual({ id: 'token_id', values: ['99'] });
  });

  it('needs a key allowed on the collection', async () => {
    const { c } = await minted();
    expect(
      (
        await c.send(byToken, {
          body: { nft_metadata: [{ token_id: '1', ...fullMetadata('x') }] },
          key: null,
        })
      ).status,
    ).toBe(401);
  });
});

describe('POST metadata/refresh-metadata (by metadata id)', () => {
  it('updates the stack in place: every NFT on it changes, the metadata_id stays', async () => {
    const { c, stackId } = await minted();
    const r = await c.send(byId, {
      body: { metadata: [{ metadata_id: stackId, ...fullMetadata('Hero v2') }] },
    });
    expect(r.status).toBe(202);
    for (const tokenId of ['1', '2']) {
      const nft = (await c.send(`/collections/${FAKE_ERC721_ADDRESS}/nfts/${tokenId}`)).body.result;
      expect(nft).toMatchObject({
        metadata_id: stackId,
        name: 'Hero v2',
        metadata_synced_at: '2026-01-01T00:00:10.000000Z',
      });
    }
    const stack = (await c.send(`/collections/${FAKE_ERC721_ADDRESS}/metadata/${stackId}`)).body.result;
    expect(stack).toMatchObject({
      name: 'Hero v2',
      updated_at: '2026-01-01T00:00:10.000000Z',
      created_at: '2026-01-01T00:00:00.000000Z',
    });
    // New mints with the new content stack onto the same id.
    const { id: _drop, ...content } = { id: 0, ...fullMetadata('Hero v2') };
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('d', { metadata: content })]);
    await c.model.settle();
    expect(c.model.mintRequests().at(-1)?.metadataId).toBe(stackId);
  });

  it('validates: 1..10 items, UUID metadata_id, Address path, unknown id → 404 (or ignored)', async () => {
    const { c, stackId } = await minted();
    const item = (metadata_id: string) => ({ metadata_id, ...fullMetadata('x') });
    const send = (list: unknown) => c.send(byId, { body: { metadata: list } });
    expect((await send([])).status).toBe(400);
    expect((await send(Array.from({ length: 11 }, () => item(stackId)))).status).toBe(400);
    expect((await send([item('nope')])).body.details.field).toBe('metadata[0].metadata_id');
    const unknown = await send([item('00000000-0000-4000-8000-000000000000')]);
    expect(unknown.status).toBe(404);
    const badPath = await c.send('/collections/not-an-address/metadata/refresh-metadata', {
      body: { metadata: [item(stackId)] },
    });
    expect(badPath.status).toBe(400);
    const lax = modelClient({ behaviour: { refreshUnknownMetadataId: 'ignore' } });
    expect(
      (await lax.send(byId, { body: { metadata: [item('00000000-0000-4000-8000-000000000000')] } })).status,
    ).toBe(202);
  });
});
