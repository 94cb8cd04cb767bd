import { afterEach, describe, expect, it } from 'vitest';
import { createFakeImmutableApi, type FakeImmutableApi } from '../src/create-fake-immutable-api.js';
import { FAKE_API_KEY, FAKE_ERC721_ADDRESS, FAKE_ERC1155_ADDRESS } from '../src/model/constants.js';
import { erc721Assets, facadeClient, facadeTransports, OWNER } from './helpers/facade-transports.js';

describe('createFakeImmutableApi: identity', () => {
  it('plays the sandbox by default and production on request', () => {
    const sandbox = createFakeImmutableApi();
    expect(sandbox.baseUrl).toBe('https://api.sandbox.immutable.com');
    expect(sandbox.chainName).toBe('imtbl-zkevm-testnet');
    expect(sandbox.apiKey).toBe(FAKE_API_KEY);
    const production = createFakeImmutableApi({ environment: 'production' });
    expect(production.baseUrl).toBe('https://api.immutable.com');
    expect(production.chainName).toBe('imtbl-zkevm-mainnet');
  });

  it('uses the first configured key as apiKey', () => {
    expect(createFakeImmutableApi({ apiKeys: [{ key: 'sk_mine' }] }).apiKey).toBe('sk_mine');
  });

  it('rejects invalid facade options', () => {
    expect(() => createFakeImmutableApi({ requestLogLimit: 0 })).toThrow();
  });
});

describe.each(facadeTransports)('facade over $name', (transport) => {
  let fake: FakeImmutableApi;
  let close = async () => {};
  afterEach(() => close());

  async function setup(options: Parameters<typeof createFakeImmutableApi>[0] = {}) {
    fake = createFakeImmutableApi(options);
    const t = await transport.connect(fake);
    close = t.close;
    return facadeClient(t, fake);
  }

  it('accepts a mint, reports it pending, then succeeded after settle()', async () => {
    const api = await setup({ latencyMs: null });
    const res = await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(3));
    expect(res.status).toBe(202);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ imx_mint_requests_limit: '2000', imx_remaining_mint_requests: '1997' });
    expect(res.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);

    const pending = (await (await api.status(FAKE_ERC721_ADDRESS, 'ref-1')).json()) as { result: unknown[] };
    expect(pending.result[0]).toMatchObject({ reference_id: 'ref-1', status: 'pending' });

    expect(await fake.settle()).toBe(3);
    const done = (await (await api.status(FAKE_ERC721_ADDRESS, 'ref-1')).json()) as { result: unknown[] };
    expect(done.result[0]).toMatchObject({ status: 'succeeded', token_id: '2', owner_address: OWNER });
    expect(fake.ownerOf(FAKE_ERC721_ADDRESS, '2')).toBe(OWNER);
  });

  it('settles by itself once the clock passes latencyMs', async () => {
    const api = await setup({ latencyMs: 2000 });
    expect((await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1))).status).toBe(202);
    await fake.advanceTime(1999);
    expect(fake.mintRequests({ status: 'pending' })).toHaveLength(1);
    await fake.advanceTime(1);
    expect(fake.mintRequests({ status: 'succeeded' })).toHaveLength(1);
  });

  it('answers 401 without a key and 409 for a reference_id already accepted', async () => {
    const api = await setup();
    const unauthorised = await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1), null);
    expect(unauthorised.status).toBe(401);
    expect(await unauthorised.json()).toMatchObject({ code: 'UNAUTHORISED_REQUEST' });
    expect((await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1))).status).toBe(202);
    const conflict = await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1, 'ref', 50));
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({
      code: 'CONFLICT_ERROR',
      details: { id: 'reference_id', values: ['ref-0'] },
    });
  });

  it('records API requests (method, path, status, parsed body, time) but not admin calls', async () => {
    const api = await setup();
    await fake.advanceTime(500);
    await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1));
    await api.status(FAKE_ERC721_ADDRESS, 'ref-0');
    await api.admin('GET', 'state');
    expect(fake.requests).toHaveLength(2);
    const [post, get] = fake.requests;
    expect(post).toMatchObject({
      method: 'POST',
      path: `/v1/chains/imtbl-zkevm-testnet/collections/${FAKE_ERC721_ADDRESS}/nfts/mint-requests`,
      status: 202,
      at: fake.clock.now(),
    });
    expect(post?.body).toEqual({ assets: erc721Assets(1) });
    expect(get).toMatchObject({ method: 'GET', status: 200, body: undefined });
  });

  it('serves the ERC-1155 collection and read routes', async () => {
    const api = await setup({ latencyMs: null });
    const res = await api.mint(FAKE_ERC1155_ADDRESS, [
      { reference_id: 'p1', owner_address: OWNER, token_id: '7', amount: '5', metadata: { name: 'Potion' } },
    ]);
    expect(res.status).toBe(202);
    await fake.settle();
    expect(fake.balanceOf(FAKE_ERC1155_ADDRESS, OWNER, '7')).toBe(5n);
    const nft = await api.nft(FAKE_ERC1155_ADDRESS, '7');
    expect(nft.status).toBe(200);
    expect(await nft.json()).toMatchObject({ result: { token_id: '7', total_supply: '5' } });
  });

  it('reset() forgets mints and recorded requests', async () => {
    const api = await setup({ latencyMs: null });
    await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(2));
    fake.reset();
    expect(fake.requests).toHaveLength(0);
    expect(fake.mintRequests()).toHaveLength(0);
    expect((await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(2))).status).toBe(202);
  });
});

describe('fake.fetch', () => {
  it('routes any host to the model and accepts string, URL and Request inputs', async () => {
    const fake = createFakeImmutableApi();
    const path = `/v1/chains/${fake.chainName}/collections/${FAKE_ERC721_ADDRESS}/nfts?page_size=1`;
    const byString = await fake.fetch(`https://example.invalid${path}`);
    const byUrl = await fake.fetch(new URL(path, fake.baseUrl));
    const byRequest = await fake.fetch(new Request(`${fake.baseUrl}${path}`));
    for (const res of [byString, byUrl, byRequest]) expect(res.status).toBe(200);
    expect(fake.requests.map((r) => r.search)).toEqual(['?page_size=1', '?page_size=1', '?page_size=1']);
  });

  it('records a Request body it has to read itself, and the model still gets it', async () => {
    const fake = createFakeImmutableApi();
    const request = new Request(
      `${fake.baseUrl}/v1/chains/${fake.chainName}/collections/${FAKE_ERC721_ADDRESS}/nfts/mint-requests`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-immutable-api-key': fake.apiKey },
        body: JSON.stringify({ assets: erc721Assets(1) }),
      },
    );
    expect((await fake.handle(request)).status).toBe(202);
    expect(fake.requests[0]?.body).toEqual({ assets: erc721Assets(1) });
  });

  it('accepts fetch(request, {}) as ky calls it, body and all', async () => {
    const fake = createFakeImmutableApi();
    const request = new Request(
      `${fake.baseUrl}/v1/chains/${fake.chainName}/collections/${FAKE_ERC721_ADDRESS}/nfts/mint-requests`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-immutable-api-key': fake.apiKey },
        body: JSON.stringify({ assets: erc721Assets(2) }),
      },
    );
    expect((await fake.fetch(request, {})).status).toBe(202);
    expect(fake.requests[0]?.body).toEqual({ assets: erc721Assets(2) });
    expect(fake.mintRequests()).toHaveLength(2);
  });

  it('rejects with the signal reason when called with an aborted signal, like fetch', async () => {
    const fake = createFakeImmutableApi();
    const controller = new AbortController();
    controller.abort();
    await expect(
      fake.fetch(`${fake.baseUrl}/v1/chains`, { signal: controller.signal }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(fake.requests).toHaveLength(0);
  });

  it('keeps only about requestLogLimit requests, or none with recordRequests: false', async () => {
    const bounded = createFakeImmutableApi({ requestLogLimit: 10 });
    for (let i = 0; i < 30; i++) await bounded.fetch(`${bounded.baseUrl}/v1/chains?i=${i}`);
    expect(bounded.requests.length).toBeGreaterThanOrEqual(10);
    expect(bounded.requests.length).toBeLessThanOrEqual(11);
    expect(bounded.requests.at(-1)?.search).toBe('?i=29');

    const off = createFakeImmutableApi({ recordRequests: false });
    await off.fetch(`${off.baseUrl}/v1/chains`);
    expect(off.requests).toHaveLength(0);
  });
});
