import { describe, expect, it } from 'vitest';
import {
  EXCEEDED_SUBMISSIONS_MESSAGE,
  FAKE_ERC721_ADDRESS,
  FAKE_ERC1155_ADDRESS,
  type ImmutableEvent,
  MISSING_MINTER_ROLE_MESSAGE,
} from '../src/index.js';
import { asset721, asset1155, modelClient, OWNER_A, OWNER_B } from './helpers/model-client.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('lifecycle pending → succeeded | failed', () => {
  it('settles by itself after latencyMs on the injected clock', async () => {
    const c = modelClient({ latencyMs: 2000 });
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('a')]);
    await c.model.clock.advance(1999);
    expect((await c.getMint(FAKE_ERC721_ADDRESS, 'a')).body.result[0].status).toBe('pending');
    await c.model.clock.advance(1);
    const r = (await c.getMint(FAKE_ERC721_ADDRESS, 'a')).body.result[0];
    expect(r).toMatchObject({ status: 'succeeded', token_id: '1', error: null });
    expect(r.activity_id).toMatch(UUID);
    expect(r.transaction_hash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(r.updated_at).toBe('2026-01-01T00:00:02.000000Z');
  });

  it('with latencyMs null, settles only by hand and settle() reports how many', async () => {
    const c = modelClient({ latencyMs: null });
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('a'), asset721('b')]);
    await c.mint(FAKE_ERC1155_ADDRESS, [asset1155('c', '1')]);
    expect(c.model.clock.pending()).toBe(0);
    await c.model.clock.advance(60_000);
    expect(c.model.mintRequests({ status: 'pending' })).toHaveLength(3);
    expect(await c.model.settle({ collection: FAKE_ERC1155_ADDRESS })).toBe(1);
    expect(await c.model.settle({ referenceIds: ['b'], outcome: 'failed', message: 'boom' })).toBe(1);
    expect(c.model.mintRequests({ status: 'failed' })[0]).toMatchObject({
      referenceId: 'b',
      errorMessage: 'boom',
    });
    expect(await c.model.settle()).toBe(1);
    expect(await c.model.settle()).toBe(0);
  });

  it('does not let a stale auto-settle timer settle a resubmission early', async () => {
    const c = modelClient({ latencyMs: 1000 });
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('a')]);
    await c.model.settle({ outcome: 'failed' });
    await c.model.clock.advance(500);
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('a')]);
    await c.model.clock.advance(500); // the first timer fires now
    expect(c.model.mintRequests()[0]?.status).toBe('pending');
    await c.model.clock.advance(500);
    expect(c.model.mintRequests()[0]?.status).toBe('succeeded');
  });

  it('assigns sequential ERC-721 ids per collection from 1, skipping explicit ids in use', async () => {
    const other = '0x00000000000000000000000000000000000007a1';
    const c = modelClient({
      collections: [
        { address: FAKE_ERC721_ADDRESS, type: 'ERC721' },
        { address: other, type: 'ERC721' },
      ],
    });
    await c.mint(FAKE_ERC721_ADDRESS, [
      asset721('x', { token_id: '2' }),
      asset721('a'),
      asset721('b'),
      asset721('c'),
    ]);
    await c.mint(other, [asset721('a')]);
    await c.model.settle();
    const ids = Object.fromEntries(
      c.model.mintRequests({ collection: FAKE_ERC721_ADDRESS }).map((m) => [m.referenceId, m.tokenId]),
    );
    expect(ids).toEqual({ x: '2', a: '1', b: '3', c: '4' });
    expect(c.model.mintRequests({ collection: other })[0]?.tokenId).toBe('1');
  });

  it('gives requests settled in one pass one transaction_hash per collection', async () => {
    const c = modelClient();
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('a'), asset721('b')]);
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('c')]);
    await c.mint(FAKE_ERC1155_ADDRESS, [asset1155('d', '1')]);
    await c.model.settle();
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('e')]);
    await c.model.settle();
    const hash = (ref: string) => c.model.mintRequests().find((m) => m.referenceId === ref)?.transactionHash;
    expect(hash('a')).toBe(hash('b'));
    expect(hash('a')).toBe(hash('c'));
    expect(hash('d')).not.toBe(hash('a'));
    expect(hash('e')).not.toBe(hash('a'));
  });

  it('fails a reference_id on request, with the documented messages', async () => {
    const c = modelClient();
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('a'), asset721('b'), asset721('c')]);
    c.model.failReferenceId(FAKE_ERC721_ADDRESS, 'a', MISSING_MINTER_ROLE_MESSAGE);
    c.model.failReferenceId(FAKE_ERC721_ADDRESS, 'b');
    await c.model.settle();
    const byRef = Object.fromEntries(c.model.mintRequests().map((m) => [m.referenceId, m]));
    expect(byRef.a).toMatchObject({
      status: 'failed',
      errorMessage: MISSING_MINTER_ROLE_MESSAGE,
      tokenId: null,
    });
    expect(MISSING_MINTER_ROLE_MESSAGE).toMatch(
      /^AccessControl: account 0x[0-9a-f]{40} is missing role 0x9f2df0fed2c77648de5860a4cc508cd0818c85b8b8a1ab4ceeef8d981c8956a6$/,
    );
    expect(byRef.b).toMatchObject({ status: 'failed', errorMessage: EXCEEDED_SUBMISSIONS_MESSAGE });
    expect(byRef.c?.status).toBe('succeeded');
  });

  it('fails at the configured rate, reproducibly from the seed', async () => {
    const run = async (seed: number, pollInBetween = false) => {
      const c = modelClient({ seed, failures: { rate: 0.3, message: 'chain said no' } });
      await c.mint(
        FAKE_ERC721_ADDRESS,
        Array.from({ length: 100 }, (_, i) => asset721(`r${i}`)),
      );
      // Reads in between must not change which mints fail (outcomes use their own stream).
      if (pollInBetween) await c.listMints(FAKE_ERC721_ADDRESS);
      await c.model.settle();
      return c.model.mintRequests({ status: 'failed' }).map((m) => m.referenceId);
    };
    const a = await run(7);
    expect(a.length).toBeGreaterThan(15);
    expect(a.length).toBeLessThan(45);
    expect(await run(7, true)).toEqual(a);
    expect(await run(8)).not.toEqual(a);
    const c = modelClient({ seed: 3, failures: { rate: 1 } });
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('a')]);
    await c.model.settle();
    expect(c.model.mintRequests()[0]?.errorMessage).toBe(EXCEEDED_SUBMISSIONS_MESSAGE);
  });

  it('tracks ERC-1155 balances and total_supply across mints', async () => {
    const c = modelClient();
    await c.mint(FAKE_ERC1155_ADDRESS, [
      asset1155('a', '10', '5', { metadata: { name: 'Potion' } }),
      asset1155('b', '10', '3', { owner_address: OWNER_B }),
    ]);
    await c.mint(FAKE_ERC1155_ADDRESS, [asset1155('c', '10', '2')]);
    await c.model.settle();
    expect(c.model.balanceOf(FAKE_ERC1155_ADDRESS, OWNER_A, '10')).toBe(7n);
    expect(c.model.balanceOf(FAKE_ERC1155_ADDRESS, OWNER_B, '10')).toBe(3n);
    expect(c.model.balanceOf(FAKE_ERC1155_ADDRESS, OWNER_B, '11')).toBe(0n);
    const nft = (await c.send(`/collections/${FAKE_ERC1155_ADDRESS}/nfts/10`)).body.result;
    expect(nft).toMatchObject({ total_supply: '10', contract_type: 'ERC1155', name: 'Potion' });
    expect(c.model.ownerOf(FAKE_ERC1155_ADDRESS, '10')).toBeUndefined(); // two holders
  });

  it('stacks identical metadata on one metadata_id (key order irrelevant) and sets metadata_synced_at', async () => {
    const c = modelClient();
    await c.mint(FAKE_ERC721_ADDRESS, [
      asset721('a', { metadata: { name: 'Sword', image: 'i', attributes: [{ trait_type: 't', value: 1 }] } }),
      asset721('b', { metadata: { attributes: [{ value: 1, trait_type: 't' }], image: 'i', name: 'Sword' } }),
      asset721('c', { metadata: { name: 'Shield' } }),
      asset721('d'),
    ]);
    await c.model.settle();
    const [a, b, cc, d] = c.model.mintRequests();
    expect(a?.metadataId).toMatch(UUID);
    expect(b?.metadataId).toBe(a?.metadataId);
    expect(cc?.metadataId).not.toBe(a?.metadataId);
    expect(d?.metadataId).toBeNull();
    const nft = (await c.send(`/collections/${FAKE_ERC721_ADDRESS}/nfts/${a?.tokenId}`)).body.result;
    expect(nft).toMatchObject({
      metadata_id: a?.metadataId,
      metadata_synced_at: '2026-01-01T00:00:00.000000Z',
    });
    const bare = (await c.send(`/collections/${FAKE_ERC721_ADDRESS}/nfts/${d?.tokenId}`)).body.result;
    expect(bare).toMatchObject({ metadata_id: null, metadata_synced_at: null, attributes: [] });
    expect((await c.send(`/collections/${FAKE_ERC721_ADDRESS}/metadata`)).body.result).toHaveLength(2);
  });
});

describe('events', () => {
  it('emits pending on acceptance, then activity, nft, metadata and the terminal status', async () => {
    const c = modelClient();
    const events: ImmutableEvent[] = [];
    const off = c.model.onEvent((e) => events.push(e));
    await c.mint(FAKE_ERC1155_ADDRESS, [asset1155('a', '3', '4', { metadata: { name: 'Gem' } })]);
    expect(events.map((e) => [e.event_name, e.data.status])).toEqual([
      ['imtbl_zkevm_mint_request_updated', 'pending'],
    ]);
    await c.model.clock.advance(5);
    await c.model.settle();
    expect(events.map((e) => e.event_name)).toEqual([
      'imtbl_zkevm_mint_request_updated',
      'imtbl_zkevm_activity_mint',
      'imtbl_zkevm_nft_updated',
      'imtbl_zkevm_metadata_updated',
      'imtbl_zkevm_nft_updated',
      'imtbl_zkevm_mint_request_updated',
    ]);
    const done = events.at(-1)!;
    expect(done).toMatchObject({
      chain: 'imtbl-zkevm-testnet',
      data: {
        chain: { id: 'eip155:13473', name: 'imtbl-zkevm-testnet' },
        contract_address: FAKE_ERC1155_ADDRESS,
        owner_address: OWNER_A,
        reference_id: 'a',
        token_id: '3',
        status: 'succeeded',
        amount: 4,
        error: null,
      },
    });
    expect(done.data.metadata_id).toBe(events[3]!.data.id);
    expect(events[2]!.data.metadata_id).toBeNull();
    expect(events[4]!.data.metadata_id).toBe(events[3]!.data.id);
    // UUIDv7-style ids sort in emission order.
    const ids = events.map((e) => e.event_id);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    off();
    await c.mint(FAKE_ERC1155_ADDRESS, [asset1155('b', '3')]);
    expect(events).toHaveLength(6);
  });

  it('sends the ERC-1155 amount as a string with mintEventAmount "string"', async () => {
    const c = modelClient({ behaviour: { mintEventAmount: 'string' } });
    const amounts: unknown[] = [];
    c.model.onEvent((e) => amounts.push(e.data.amount));
    await c.mint(FAKE_ERC1155_ADDRESS, [asset1155('a', '3', '4')]);
    expect(amounts).toEqual(['4']);
  });

  it('reports a failure with its message and keeps other listeners running when one throws', async () => {
    const c = modelClient();
    const seen: string[] = [];
    c.model.onEvent(() => {
      throw new Error('listener bug');
    });
    c.model.onEvent((e) =>
      seen.push(`${e.data.status}:${(e.data.error as { message?: string } | null)?.message ?? ''}`),
    );
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('a')]);
    await c.model.settle({ outcome: 'failed', message: 'nope' });
    expect(seen).toEqual(['pending:', 'failed:nope']);
    expect(c.model.mintRequests()[0]?.status).toBe('failed');
  });
});
