import { describe, expect, it } from 'vitest';
import { FAKE_API_KEY, FAKE_ERC721_ADDRESS, FAKE_ERC1155_ADDRESS } from '../src/index.js';
import { asset721, asset1155, modelClient } from './helpers/model-client.js';

const OTHER = '0x00000000000000000000000000000000000000ff';

describe('auth: 401 UNAUTHORISED_REQUEST / 403 AUTHENTICATION_ERROR', () => {
  it('answers 401 without a key and with an unknown key, never echoing the key', async () => {
    const c = modelClient();
    const missing = await c.mint(FAKE_ERC721_ADDRESS, [asset721('a')], null);
    expect(missing.status).toBe(401);
    expect(missing.body.code).toBe('UNAUTHORISED_REQUEST');
    const unknown = await c.mint(FAKE_ERC721_ADDRESS, [asset721('a')], 'sk_imapik-wrong-secret');
    expect(unknown.status).toBe(401);
    expect(JSON.stringify(unknown.body)).not.toContain('sk_imapik-wrong-secret');
    expect((await c.listMints(FAKE_ERC721_ADDRESS, '', null)).status).toBe(401);
    expect((await c.getMint(FAKE_ERC721_ADDRESS, 'a', null)).status).toBe(401);
  });

  it('answers 403 when the key is not linked to the collection', async () => {
    const c = modelClient({
      apiKeys: [{ key: FAKE_API_KEY }, { key: 'sk_other' }],
      collections: [{ address: OTHER, type: 'ERC721', apiKeys: ['sk_other'] }],
    });
    const r = await c.mint(OTHER, [asset721('a')]);
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('AUTHENTICATION_ERROR');
    expect(JSON.stringify(r.body)).not.toContain(FAKE_API_KEY);
    expect((await c.mint(OTHER, [asset721('a')], 'sk_other')).status).toBe(202);
  });

  it('answers 403 to a key of the other environment', async () => {
    const c = modelClient({
      apiKeys: [{ key: FAKE_API_KEY }, { key: 'sk_prod', environment: 'production' }],
    });
    const r = await c.mint(FAKE_ERC721_ADDRESS, [asset721('a')], 'sk_prod');
    expect(r.status).toBe(403);
  });

  it('answers chainMismatch (default 403) on the other environment chain, 404 on an unknown chain', async () => {
    const c = modelClient();
    const path = `/collections/${FAKE_ERC721_ADDRESS}/nfts/mint-requests`;
    const other = await c.send(`${c.model.baseUrl}/v1/chains/imtbl-zkevm-mainnet${path}`, {
      body: { assets: [asset721('a')] },
    });
    expect(other.status).toBe(403);
    const unknown = await c.send(`${c.model.baseUrl}/v1/chains/imtbl-zkevm-devnet${path}`, {
      body: { assets: [asset721('a')] },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('RESOURCE_NOT_FOUND');
    const c404 = modelClient({ behaviour: { chainMismatch: 404 } });
    expect(
      (
        await c404.send(`${c404.model.baseUrl}/v1/chains/imtbl-zkevm-mainnet${path}`, {
          body: { assets: [asset721('a')] },
        })
      ).status,
    ).toBe(404);
  });

  it('answers unknownCollection (default 404, or 403) for a collection it does not know', async () => {
    const c = modelClient();
    const r = await c.mint(OTHER, [asset721('a')]);
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('RESOURCE_NOT_FOUND');
    const c403 = modelClient({ behaviour: { unknownCollection: 403 } });
    expect((await c403.mint(OTHER, [asset721('a')])).status).toBe(403);
  });

  it('matches collection addresses case-insensitively', async () => {
    const c = modelClient();
    expect(
      (await c.mint(FAKE_ERC721_ADDRESS.toUpperCase().replace('0X', '0x'), [asset721('a')])).status,
    ).toBe(202);
  });
});

describe('409 CONFLICT_ERROR rejects the whole request', () => {
  it('for a reference_id that is pending or succeeded, listing the conflicting ids', async () => {
    const c = modelClient();
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('a'), asset721('b')]);
    const pending = await c.mint(FAKE_ERC721_ADDRESS, [asset721('c'), asset721('a'), asset721('b')]);
    expect(pending.status).toBe(409);
    expect(pending.body).toMatchObject({
      code: 'CONFLICT_ERROR',
      details: { id: 'reference_id', values: ['a', 'b'] },
    });
    expect(c.model.mintRequests().map((m) => m.referenceId)).toEqual(['a', 'b']); // 'c' not accepted
    await c.model.settle();
    const succeeded = await c.mint(FAKE_ERC721_ADDRESS, [asset721('a')]);
    expect(succeeded.body.details).toEqual({ id: 'reference_id', values: ['a'] });
  });

  it('accepts a pending resubmission idempotently when resubmitPending is 202', async () => {
    const c = modelClient({ behaviour: { resubmitPending: 202 } });
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('a')]);
    const again = await c.mint(FAKE_ERC721_ADDRESS, [asset721('a'), asset721('b')]);
    expect(again.status).toBe(202);
    expect(again.body.imx_remaining_mint_requests).toBe('1998'); // only 'b' was charged
    expect(c.model.mintRequests()).toHaveLength(2);
  });

  it('for an ERC-721 token_id already pending or minted, and twice in one request', async () => {
    const c = modelClient();
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('a', { token_id: '5' })]);
    const r = await c.mint(FAKE_ERC721_ADDRESS, [
      asset721('b', { token_id: '5' }),
      asset721('c', { token_id: '6' }),
    ]);
    expect(r.status).toBe(409);
    expect(r.body.details).toEqual({ id: 'token_id', values: ['5'] });
    await c.model.settle();
    expect(
      (await c.mint(FAKE_ERC721_ADDRESS, [asset721('d', { token_id: '5' })])).body.details.values,
    ).toEqual(['5']);
    const twice = await c.mint(FAKE_ERC721_ADDRESS, [
      asset721('e', { token_id: '9' }),
      asset721('f', { token_id: '9' }),
    ]);
    expect(twice.body.details).toEqual({ id: 'token_id', values: ['9'] });
  });

  it('uses 400 for a reused ERC-721 token_id when erc721TokenIdReuse is 400', async () => {
    const c = modelClient({ behaviour: { erc721TokenIdReuse: 400 } });
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('a', { token_id: '5' })]);
    const r = await c.mint(FAKE_ERC721_ADDRESS, [asset721('x'), asset721('b', { token_id: '5' })]);
    expect(r.status).toBe(400);
    expect(r.body.details).toMatchObject({ field: 'assets[1].token_id', index: 1, reference_id: 'b' });
  });

  it('frees an ERC-721 token_id whose mint failed', async () => {
    const c = modelClient();
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('a', { token_id: '5' })]);
    await c.model.settle({ outcome: 'failed' });
    expect((await c.mint(FAKE_ERC721_ADDRESS, [asset721('b', { token_id: '5' })])).status).toBe(202);
  });

  it('for metadata on an ERC-1155 token_id that exists (pending or succeeded), details.id "metadata"', async () => {
    const c = modelClient();
    await c.mint(FAKE_ERC1155_ADDRESS, [asset1155('a', '1', '5', { metadata: { name: 'Potion' } })]);
    const r = await c.mint(FAKE_ERC1155_ADDRESS, [
      asset1155('b', '1', '1', { metadata: { name: 'Potion' } }),
    ]);
    expect(r.status).toBe(409);
    expect(r.body.details).toEqual({ id: 'metadata', values: ['1'] });
    // Without metadata the same token id mints more copies.
    expect((await c.mint(FAKE_ERC1155_ADDRESS, [asset1155('b', '1', '1')])).status).toBe(202);
    // Inside one request, metadata on the second mint of a new token id conflicts too.
    const inRequest = await c.mint(FAKE_ERC1155_ADDRESS, [
      asset1155('c', '2', '1', { metadata: { name: 'Sword' } }),
      asset1155('d', '2', '1', { metadata: { name: 'Sword' } }),
    ]);
    expect(inRequest.body.details).toEqual({ id: 'metadata', values: ['2'] });
  });

  it('uses behaviour.metadataConflictDetailsId, or drops the metadata when configured to ignore', async () => {
    const named = modelClient({ behaviour: { metadataConflictDetailsId: 'token_id' } });
    await named.mint(FAKE_ERC1155_ADDRESS, [asset1155('a', '1')]);
    const r = await named.mint(FAKE_ERC1155_ADDRESS, [asset1155('b', '1', '1', { metadata: { name: 'x' } })]);
    expect(r.body.details).toEqual({ id: 'token_id', values: ['1'] });
    const ignore = modelClient({ behaviour: { erc1155MetadataOnExisting: 'ignore' } });
    await ignore.mint(FAKE_ERC1155_ADDRESS, [asset1155('a', '1')]);
    expect(
      (await ignore.mint(FAKE_ERC1155_ADDRESS, [asset1155('b', '1', '1', { metadata: { name: 'x' } })]))
        .status,
    ).toBe(202);
    expect(ignore.model.mintRequests()[1]?.metadata).toBeNull();
  });

  it('lets a failed ERC-1155 first mint free the token for metadata again', async () => {
    const c = modelClient();
    await c.mint(FAKE_ERC1155_ADDRESS, [asset1155('a', '1', '1', { metadata: { name: 'x' } })]);
    await c.model.settle({ outcome: 'failed' });
    expect(
      (await c.mint(FAKE_ERC1155_ADDRESS, [asset1155('b', '1', '1', { metadata: { name: 'x' } })])).status,
    ).toBe(202);
  });
});

describe('resubmitting a failed reference_id', () => {
  it('puts the same record back to pending with the new asset, and it can then succeed', async () => {
    const c = modelClient();
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('a')]);
    c.model.failReferenceId(FAKE_ERC721_ADDRESS, 'a', 'Exceeded maximum submissions');
    await c.model.clock.advance(1000);
    await c.model.settle();
    const failed = (await c.getMint(FAKE_ERC721_ADDRESS, 'a')).body.result[0];
    expect(failed).toMatchObject({ status: 'failed', error: { message: 'Exceeded maximum submissions' } });
    await c.model.clock.advance(1000);
    const again = await c.mint(FAKE_ERC721_ADDRESS, [asset721('a', { token_id: '42' })]);
    expect(again.status).toBe(202);
    const pending = (await c.getMint(FAKE_ERC721_ADDRESS, 'a')).body.result[0];
    expect(pending).toMatchObject({ status: 'pending', error: null, transaction_hash: null, token_id: null });
    expect(pending.created_at).toBe(failed.created_at);
    expect(pending.updated_at).not.toBe(failed.updated_at);
    expect(c.model.mintRequests()).toHaveLength(1);
    await c.model.settle();
    expect(c.model.ownerOf(FAKE_ERC721_ADDRESS, '42')).toBeDefined();
  });
});
