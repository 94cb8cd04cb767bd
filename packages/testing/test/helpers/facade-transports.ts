import type { FakeImmutableApi } from '../../src/create-fake-immutable-api.js';

/** One way to reach the fake; the facade tests run the same table through each. */
export interface FacadeTransport {
  name: 'fetch' | 'listen';
  connect(fake: FakeImmutableApi): Promise<{ fetch: typeof fetch; baseUrl: string; close(): Promise<void> }>;
}

export const facadeTransports: FacadeTransport[] = [
  {
    name: 'fetch',
    connect: async (fake) => ({ fetch: fake.fetch, baseUrl: fake.baseUrl, close: async () => {} }),
  },
  {
    name: 'listen',
    connect: async (fake) => {
      const server = await fake.listen();
      return { fetch: globalThis.fetch, baseUrl: server.url, close: () => server.close() };
    },
  },
];

export const OWNER = '0x00000000000000000000000000000000000a11ce';
export const OTHER_OWNER = '0x0000000000000000000000000000000000000b0b';

/** A small client over one transport, so the tests read like the API. */
export function facadeClient(t: { fetch: typeof fetch; baseUrl: string }, fake: FakeImmutableApi) {
  const base = `${t.baseUrl}/v1/chains/${fake.chainName}/collections`;
  const headers = { 'content-type': 'application/json', 'x-immutable-api-key': fake.apiKey };
  return {
    mint: (collection: string, assets: unknown[], key: string | null = fake.apiKey) =>
      t.fetch(`${base}/${collection}/nfts/mint-requests`, {
        method: 'POST',
        headers:
          key === null ? { 'content-type': 'application/json' } : { ...headers, 'x-immutable-api-key': key },
        body: JSON.stringify({ assets }),
      }),
    status: (collection: string, referenceId: string) =>
      t.fetch(`${base}/${collection}/nfts/mint-requests/${referenceId}`, { headers }),
    nft: (collection: string, tokenId: string) => t.fetch(`${base}/${collection}/nfts/${tokenId}`),
    admin: (method: string, path: string, body?: unknown) =>
      t.fetch(`${t.baseUrl}/_fake/${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
  };
}

export function erc721Assets(count: number, prefix = 'ref', firstTokenId = 1) {
  return Array.from({ length: count }, (_, i) => ({
    reference_id: `${prefix}-${i}`,
    owner_address: OWNER,
    token_id: String(firstTokenId + i),
    metadata: { name: `Item ${i}`, image: `https://example.com/${i}.png` },
  }));
}
