import { describe, expect, it } from 'vitest';
import { FAKE_ERC721_ADDRESS, FAKE_ERC1155_ADDRESS, FAKE_MINTER_ADDRESS } from '../src/index.js';
import { asset721, modelClient } from './helpers/model-client.js';

async function mintedClient(n: number) {
  const c = modelClient({ tier: 'partner' });
  for (let i = 0; i < n; i += 100) {
    await c.mint(
      FAKE_ERC721_ADDRESS,
      Array.from({ length: Math.min(100, n - i) }, (_, j) => asset721(`r${i + j}`)),
    );
  }
  return c;
}

describe('GET mint-requests (list)', () => {
  it('pages in creation order with opaque cursors, both ways, and page_size 1..200 (default 100)', async () => {
    const c = await mintedClient(250);
    const first = await c.listMints(FAKE_ERC721_ADDRESS);
    expect(first.body.result).toHaveLength(100);
    expect(first.body.page.previous_cursor).toBeNull();
    const cursor = first.body.page.next_cursor as string;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const second = await c.listMints(FAKE_ERC721_ADDRESS, `?page_cursor=${cursor}&page_size=200`);
    expect(second.body.result.map((r: { reference_id: string }) => r.reference_id)).toEqual(
      Array.from({ length: 150 }, (_, i) => `r${i + 100}`),
    );
    expect(second.body.page.next_cursor).toBeNull();
    const back = await c.listMints(
      FAKE_ERC721_ADDRESS,
      `?page_cursor=${second.body.page.previous_cursor}&page_size=10`,
    );
    expect(back.body.result.map((r: { reference_id: string }) => r.reference_id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `r${i + 90}`),
    );
    expect(back.body.page.next_cursor).not.toBeNull();
  });

  it.each(['0', '201', 'abc', '1.5'])('answers 400 to page_size=%s', async (size) => {
    const c = await mintedClient(1);
    const r = await c.listMints(FAKE_ERC721_ADDRESS, `?page_size=${size}`);
    expect(r.status).toBe(400);
    expect(r.body.details.field).toBe('page_size');
  });

  it.each(['not-a-cursor', Buffer.from('{"x":1}').toString('base64url')])(
    'answers 400 to a bad cursor %s',
    async (cur) => {
      const c = await mintedClient(1);
      const r = await c.listMints(FAKE_ERC721_ADDRESS, `?page_cursor=${cur}`);
      expect(r.status).toBe(400);
      expect(r.body.details.field).toBe('page_cursor');
    },
  );

  it('filters by status, and rejects an unknown status with 400', async () => {
    const c = await mintedClient(5);
    await c.model.settle({ referenceIds: ['r1', 'r3'] });
    await c.model.settle({ referenceIds: ['r4'], outcome: 'failed' });
    const refs = async (status: string) =>
      (await c.listMints(FAKE_ERC721_ADDRESS, `?status=${status}`)).body.result.map(
        (r: { reference_id: string }) => r.reference_id,
      );
    expect(await refs('succeeded')).toEqual(['r1', 'r3']);
    expect(await refs('pending')).toEqual(['r0', 'r2']);
    expect(await refs('failed')).toEqual(['r4']);
    const paged = await c.listMints(FAKE_ERC721_ADDRESS, '?status=pending&page_size=1');
    expect(paged.body.page.next_cursor).not.toBeNull();
    const next = await c.listMints(
      FAKE_ERC721_ADDRESS,
      `?status=pending&page_size=1&page_cursor=${paged.body.page.next_cursor}`,
    );
    expect(next.body.result[0].reference_id).toBe('r2');
    expect(next.body.page.next_cursor).toBeNull();
    expect((await c.listMints(FAKE_ERC721_ADDRESS, '?status=done')).status).toBe(400);
  });
});

describe('GET mint-requests/{reference_id}', () => {
  it('returns the list shape with one item, url-decoding the reference id', async () => {
    const c = modelClient();
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('order 7/a')]);
    const r = await c.getMint(FAKE_ERC721_ADDRESS, 'order 7/a');
    expect(r.body.result).toHaveLength(1);
    expect(r.body.result[0]).toMatchObject({ reference_id: 'order 7/a', status: 'pending', token_id: null });
    expect(r.body.page).toEqual({ previous_cursor: null, next_cursor: null });
  });

  it('echoes a requested token_id while pending only with echoTokenIdWhilePending', async () => {
    const c = modelClient({ behaviour: { echoTokenIdWhilePending: true } });
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('a', { token_id: '77' })]);
    expect((await c.getMint(FAKE_ERC721_ADDRESS, 'a')).body.result[0].token_id).toBe('77');
  });

  it('answers an unknown reference id with an empty list, or 404 when configured', async () => {
    expect((await modelClient().getMint(FAKE_ERC721_ADDRESS, 'nope')).body.result).toEqual([]);
    const r = await modelClient({ behaviour: { unknownReferenceId: '404' } }).getMint(
      FAKE_ERC721_ADDRESS,
      'nope',
    );
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('RESOURCE_NOT_FOUND');
  });
});

describe('NFT and metadata reads (no key needed)', () => {
  it('GET nfts/{token_id}: 200 without a key, 404 unknown, 400 not a uint256', async () => {
    const c = await mintedClient(2);
    await c.model.settle();
    const r = await c.send(`/collections/${FAKE_ERC721_ADDRESS}/nfts/1`, { key: null });
    expect(r.body.result).toMatchObject({
      token_id: '1',
      contract_type: 'ERC721',
      contract_address: FAKE_ERC721_ADDRESS,
    });
    expect((await c.send(`/collections/${FAKE_ERC721_ADDRESS}/nfts/3`)).status).toBe(404);
    expect((await c.send(`/collections/${FAKE_ERC721_ADDRESS}/nfts/abc`)).status).toBe(400);
    expect((await c.send(`/collections/0x${'9'.repeat(40)}/nfts/1`)).status).toBe(404);
  });

  it('GET nfts: repeated token_id filter (≤30), from_updated_at, paging', async () => {
    const c = await mintedClient(40);
    await c.model.settle();
    await c.model.clock.advance(60_000);
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('late')]);
    await c.model.settle();
    const filtered = await c.send(
      `/collections/${FAKE_ERC721_ADDRESS}/nfts?token_id=3&token_id=1&token_id=999`,
    );
    expect(filtered.body.result.map((n: { token_id: string }) => n.token_id)).toEqual(['1', '3']);
    const tooMany = Array.from({ length: 31 }, (_, i) => `token_id=${i + 1}`).join('&');
    const r400 = await c.send(`/collections/${FAKE_ERC721_ADDRESS}/nfts?${tooMany}`);
    expect(r400.status).toBe(400);
    expect(r400.body.details.field).toBe('token_id');
    const recent = await c.send(
      `/collections/${FAKE_ERC721_ADDRESS}/nfts?from_updated_at=2026-01-01T00:00:30Z`,
    );
    expect(recent.body.result.map((n: { token_id: string }) => n.token_id)).toEqual(['41']);
    expect((await c.send(`/collections/${FAKE_ERC721_ADDRESS}/nfts?from_updated_at=yesterday`)).status).toBe(
      400,
    );
    const page = await c.send(`/collections/${FAKE_ERC721_ADDRESS}/nfts?page_size=30`);
    const rest = await c.send(
      `/collections/${FAKE_ERC721_ADDRESS}/nfts?page_size=30&page_cursor=${page.body.page.next_cursor}`,
    );
    expect(page.body.result).toHaveLength(30);
    expect(rest.body.result).toHaveLength(11);
  });

  it('GET metadata/{id} and metadata list; 400 for a non-UUID, 404 unknown', async () => {
    const c = modelClient();
    await c.mint(FAKE_ERC1155_ADDRESS, [
      {
        reference_id: 'a',
        owner_address: `0x${'1'.repeat(40)}`,
        token_id: '1',
        amount: '1',
        metadata: { name: 'Gem', external_url: 'https://x' },
      },
    ]);
    await c.model.settle();
    const id = c.model.mintRequests()[0]?.metadataId;
    const r = await c.send(`/collections/${FAKE_ERC1155_ADDRESS}/metadata/${id}`);
    expect(r.body.result).toMatchObject({
      id,
      name: 'Gem',
      external_url: 'https://x',
      external_link: 'https://x',
      attributes: null,
    });
    expect((await c.send(`/collections/${FAKE_ERC1155_ADDRESS}/metadata`)).body.result).toHaveLength(1);
    expect((await c.send(`/collections/${FAKE_ERC1155_ADDRESS}/metadata/not-a-uuid`)).status).toBe(400);
    expect(
      (await c.send(`/collections/${FAKE_ERC1155_ADDRESS}/metadata/00000000-0000-4000-8000-000000000000`))
        .status,
    ).toBe(404);
  });

  it('answers 404 on reads of the other environment chain', async () => {
    const c = modelClient();
    const r = await c.send(
      `${c.model.baseUrl}/v1/chains/imtbl-zkevm-mainnet/collections/${FAKE_ERC721_ADDRESS}/nfts`,
    );
    expect(r.status).toBe(404);
  });
});

describe('GET /v1/chains, unknown routes, envelope', () => {
  it('lists both chains with the minter address, no key needed', async () => {
    const c = modelClient();
    const r = await c.send(`${c.model.baseUrl}/v1/chains`, { key: null });
    expect(r.status).toBe(200);
    expect(r.body.result).toEqual([
      expect.objectContaining({
        id: 'eip155:13473',
        name: 'imtbl-zkevm-testnet',
        minter_address: FAKE_MINTER_ADDRESS,
      }),
      expect.objectContaining({
        id: 'eip155:13371',
        name: 'imtbl-zkevm-mainnet',
        rpc_url: 'https://rpc.immutable.com',
      }),
    ]);
  });

  it('answers unknown routes and wrong methods with the 404 envelope and x-trace-id', async () => {
    const c = modelClient();
    for (const [path, method] of [
      ['/v2/whatever', 'GET'],
      [`/v1/chains/imtbl-zkevm-testnet/collections/${FAKE_ERC721_ADDRESS}/owners`, 'GET'],
      [`/v1/chains/imtbl-zkevm-testnet/collections/${FAKE_ERC721_ADDRESS}/nfts/mint-requests`, 'DELETE'],
      [`/v1/chains/imtbl-zkevm-testnet/collections/${FAKE_ERC721_ADDRESS}/nfts/refresh-metadata`, 'GET'],
    ] as const) {
      const r = await c.send(`${c.model.baseUrl}${path}`, { method });
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.body).toEqual({
        message: expect.any(String),
        link: 'https://docs.immutable.com/zkevm/api/reference/',
        trace_id: r.headers.get('x-trace-id'),
        code: 'RESOURCE_NOT_FOUND',
        details: null,
      });
      expect(r.body.trace_id).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('puts x-trace-id on every response, success included', async () => {
    const c = modelClient();
    const r = await c.mint(FAKE_ERC721_ADDRESS, [asset721('a')]);
    expect(r.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(r.headers.get('content-type')).toBe('application/json');
  });
});
