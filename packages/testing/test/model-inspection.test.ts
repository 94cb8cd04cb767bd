import { describe, expect, it } from 'vitest';
import { FAKE_API_KEY, FAKE_ERC721_ADDRESS, FAKE_ERC1155_ADDRESS } from '../src/index.js';
import { asset721, asset1155, modelClient, OWNER_A, OWNER_B } from './helpers/model-client.js';

describe('inspection helpers', () => {
  it('mintRequests filters by collection and status; ownerOf / balanceOf read the minted state', async () => {
    const c = modelClient();
    await c.mint(FAKE_ERC721_ADDRESS, [
      asset721('a', { token_id: '5' }),
      asset721('b', { owner_address: OWNER_B }),
    ]);
    await c.mint(FAKE_ERC1155_ADDRESS, [asset1155('c', '1', '3')]);
    expect(c.model.mintRequests({ status: 'pending' })).toHaveLength(3);
    await c.model.settle({ collection: FAKE_ERC721_ADDRESS });
    expect(
      c.model
        .mintRequests({ collection: FAKE_ERC721_ADDRESS, status: 'succeeded' })
        .map((m) => m.referenceId),
    ).toEqual(['a', 'b']);
    expect(c.model.ownerOf(FAKE_ERC721_ADDRESS, '5')).toBe(OWNER_A);
    expect(c.model.ownerOf(FAKE_ERC721_ADDRESS, '1')).toBe(OWNER_B);
    expect(c.model.ownerOf(FAKE_ERC721_ADDRESS, '2')).toBeUndefined();
    expect(c.model.balanceOf(FAKE_ERC721_ADDRESS, OWNER_A.toUpperCase().replace('0X', '0x'), '5')).toBe(1n);
    expect(c.model.balanceOf(FAKE_ERC1155_ADDRESS, OWNER_A, '1')).toBe(0n); // still pending
    await c.model.settle();
    expect(c.model.balanceOf(FAKE_ERC1155_ADDRESS, OWNER_A, '1')).toBe(3n);
    expect(c.model.ownerOf(FAKE_ERC1155_ADDRESS, '1')).toBe(OWNER_A);
  });

  it('counts accepted requests and assets', async () => {
    const c = modelClient();
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('a'), asset721('b')]);
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('a')]);
    expect(c.model.counters).toEqual({ requestsAccepted: 1, assetsAccepted: 2, requestsRejected: 1 });
  });

  it('assertNoDuplicateMints passes on a clean run and throws when a mint was recorded twice', async () => {
    const c = modelClient();
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('a'), asset721('b')]);
    await c.model.settle();
    expect(() => c.model.assertNoDuplicateMints()).not.toThrow();
    c.model.unsafeTestHooks.recordMint({
      collection: FAKE_ERC721_ADDRESS,
      contractType: 'ERC721',
      referenceId: 'z',
      tokenId: '1',
    });
    expect(() => c.model.assertNoDuplicateMints()).toThrow(
      /token_id 1 minted 2 times \(reference_ids a, z\)/,
    );
    const d = modelClient();
    d.model.unsafeTestHooks.recordMint({
      collection: FAKE_ERC1155_ADDRESS,
      contractType: 'ERC1155',
      referenceId: 'r',
      tokenId: '1',
    });
    d.model.unsafeTestHooks.recordMint({
      collection: FAKE_ERC1155_ADDRESS,
      contractType: 'ERC1155',
      referenceId: 'r',
      tokenId: '1',
    });
    expect(() => d.model.assertNoDuplicateMints()).toThrow(/reference_id r minted 2 times/);
  });

  it('assertBudgetNeverExceeded reports the peak and throws when a charge overdrew the bucket', async () => {
    const c = modelClient();
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('a'), asset721('b')]);
    expect(c.model.assertBudgetNeverExceeded()).toEqual({ charges: 1, peak: { default: 2 } });
    c.model.unsafeTestHooks.recordCharge({
      at: 0,
      project: 'default',
      cost: 5,
      before: 3,
      after: -2,
      burst: 2000,
    });
    expect(() => c.model.assertBudgetNeverExceeded()).toThrow(/project default .* charged 5 with 3\.00 left/);
  });

  it('addCollection and addApiKey extend the state; reset() restores the initial state and cancels timers', async () => {
    const extra = '0x00000000000000000000000000000000000e47a1';
    const c = modelClient({ latencyMs: 1000 });
    c.model.addCollection({ address: extra, type: 'ERC721', apiKeys: ['sk_new'] });
    c.model.addApiKey({ key: 'sk_new', project: 'new', tier: { ratePerMinute: 10, burst: 1 } });
    expect((await c.mint(extra, [asset721('a')], FAKE_API_KEY)).status).toBe(403);
    expect((await c.mint(extra, [asset721('a')], 'sk_new')).status).toBe(202);
    expect((await c.mint(extra, [asset721('b')], 'sk_new')).status).toBe(429);
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('a')]);
    expect(c.model.clock.pending()).toBe(2);
    const events: string[] = [];
    c.model.onEvent((e) => events.push(e.event_name));
    c.model.reset();
    expect(c.model.clock.pending()).toBe(0);
    expect(c.model.mintRequests()).toEqual([]);
    expect((await c.mint(extra, [asset721('a')], 'sk_new')).status).toBe(401);
    expect((await c.mint(FAKE_ERC721_ADDRESS, [asset721('a')])).body.imx_remaining_mint_requests).toBe(
      '1999',
    );
    expect(events).toEqual(['imtbl_zkevm_mint_request_updated']); // listeners survive reset
  });

  it('never puts the API key in a response body, header or event', async () => {
    const key = 'sk_imapik-secret-do-not-leak';
    const c = modelClient({ apiKeys: [{ key }], failures: { rate: 0.5 } });
    const seen: string[] = [];
    c.model.onEvent((e) => seen.push(JSON.stringify(e)));
    const responses = [
      await c.mint(FAKE_ERC721_ADDRESS, [asset721('a'), asset721('b')], key),
      await c.mint(FAKE_ERC721_ADDRESS, [asset721('a')], key),
      await c.mint(FAKE_ERC721_ADDRESS, [asset721('c', { token_id: 'x' })], key),
      await c.mint('0x0000000000000000000000000000000000000bad', [asset721('c')], key),
      await c.mint(FAKE_ERC721_ADDRESS, [asset721('c')], `${key}-typo`),
      await c.listMints(FAKE_ERC721_ADDRESS, '', key),
    ];
    await c.model.settle();
    for (const r of responses) {
      seen.push(JSON.stringify(r.body), JSON.stringify([...r.headers]));
    }
    expect(seen.join('\n')).not.toContain('sk_imapik-secret');
  });

  it('validates options with zod', () => {
    expect(() => modelClient({ collections: [{ address: 'nope', type: 'ERC721' }] })).toThrow(/40 hex/);
    expect(() => modelClient({ latencyMs: -1 })).toThrow();
    expect(() => modelClient({ behaviour: { duplicateReferenceIdInRequest: 418 as 400 } })).toThrow();
  });

  it('supports the production environment', async () => {
    const c = modelClient({ environment: 'production' });
    expect(c.model.baseUrl).toBe('https://api.immutable.com');
    expect(c.model.chainName).toBe('imtbl-zkevm-mainnet');
    const r = await c.mint(FAKE_ERC721_ADDRESS, [asset721('a')]);
    expect(r.status).toBe(202);
    await c.model.settle();
    expect((await c.getMint(FAKE_ERC721_ADDRESS, 'a')).body.result[0].chain).toEqual({
      id: 'eip155:13371',
      name: 'imtbl-zkevm-mainnet',
    });
  });
});
