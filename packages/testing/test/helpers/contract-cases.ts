import { FAKE_API_KEY, FAKE_ERC721_ADDRESS, FAKE_ERC1155_ADDRESS } from '../../src/index.js';
import { asset721, asset1155, fullMetadata, modelClient } from './model-client.js';

// Every route × status the fake can produce, as calls against a prepared model. The contract
// test runs each one and validates the response against the OpenAPI subset.
export const P = '/v1/chains/{chain_name}/collections/{contract_address}';
export const MINT = `${P}/nfts/mint-requests`;
export const MINT_ONE = `${P}/nfts/mint-requests/{reference_id}`;
export const REFRESH_TOKEN = `${P}/nfts/refresh-metadata`;
export const REFRESH_ID = `${P}/metadata/refresh-metadata`;
export const NFT = `${P}/nfts/{token_id}`;
export const NFTS = `${P}/nfts`;
export const META = `${P}/metadata/{metadata_id}`;
export const METAS = `${P}/metadata`;
export const CHAINS = '/v1/chains';
export const UNKNOWN = `0x${'9'.repeat(40)}`;
export const NIL_UUID = '00000000-0000-4000-8000-000000000000';
export const LOCKED = `0x${'10c'.padStart(40, '0')}`;

/** A model with minted ERC-721 and ERC-1155 tokens, failed and pending requests, and stacks. */
export async function world(options: Parameters<typeof modelClient>[0] = {}) {
  const c = modelClient({
    tier: { ratePerMinute: 60, burst: 150 },
    refreshLimitPerHour: 3,
    apiKeys: [{ key: FAKE_API_KEY }, { key: 'sk_locked' }],
    collections: [
      { address: FAKE_ERC721_ADDRESS, type: 'ERC721' },
      { address: FAKE_ERC1155_ADDRESS, type: 'ERC1155' },
      { address: LOCKED, type: 'ERC721', apiKeys: ['sk_locked'] },
    ],
    ...options,
  });
  await c.mint(FAKE_ERC721_ADDRESS, [
    asset721('ok', { metadata: fullMetadata('Sword') }),
    asset721('bare'),
    asset721('bad'),
  ]);
  await c.mint(FAKE_ERC1155_ADDRESS, [
    asset1155('potion', '1', '10', { metadata: { name: 'Potion', attributes: null } }),
  ]);
  c.model.failReferenceId(FAKE_ERC721_ADDRESS, 'bad', 'Exceeded maximum submissions');
  await c.model.settle();
  await c.mint(FAKE_ERC721_ADDRESS, [asset721('waiting', { token_id: '100' })]);
  const stackId = c.model.mintRequests({ collection: FAKE_ERC721_ADDRESS })[0]?.metadataId as string;
  return { c, stackId };
}

export type World = Awaited<ReturnType<typeof world>>;
export interface Case {
  name: string;
  path: string;
  method: 'GET' | 'POST';
  status: number;
  call: (w: World) => ReturnType<World['c']['send']>;
  options?: Parameters<typeof modelClient>[0];
}

export const col = (address: string, rest: string) => `/collections/${address}${rest}`;
const refreshItem = (token_id: string) => ({ token_id, ...fullMetadata('New') });

export const cases: Case[] = [
  // ListChains
  {
    name: 'list chains',
    path: CHAINS,
    method: 'GET',
    status: 200,
    call: ({ c }) => c.send(`${c.model.baseUrl}/v1/chains`),
  },
  {
    name: 'bad page_size',
    path: CHAINS,
    method: 'GET',
    status: 400,
    call: ({ c }) => c.send(`${c.model.baseUrl}/v1/chains?page_size=0`),
  },
  // CreateMintRequest
  {
    name: 'accepted',
    path: MINT,
    method: 'POST',
    status: 202,
    call: ({ c }) => c.mint(FAKE_ERC721_ADDRESS, [asset721('new')]),
  },
  {
    name: 'validation',
    path: MINT,
    method: 'POST',
    status: 400,
    call: ({ c }) => c.mint(FAKE_ERC721_ADDRESS, [asset721('x', { token_id: '-1' })]),
  },
  {
    name: 'bad json',
    path: MINT,
    method: 'POST',
    status: 400,
    call: ({ c }) => c.send(col(FAKE_ERC721_ADDRESS, '/nfts/mint-requests'), { rawBody: '{' }),
  },
  {
    name: 'no key',
    path: MINT,
    method: 'POST',
    status: 401,
    call: ({ c }) => c.mint(FAKE_ERC721_ADDRESS, [asset721('x')], null),
  },
  {
    name: 'key not linked',
    path: MINT,
    method: 'POST',
    status: 403,
    call: ({ c }) => c.mint(LOCKED, [asset721('x')]),
  },
  {
    name: 'unknown collection',
    path: MINT,
    method: 'POST',
    status: 404,
    call: ({ c }) => c.mint(UNKNOWN, [asset721('x')]),
  },
  {
    name: 'reference_id conflict',
    path: MINT,
    method: 'POST',
    status: 409,
    call: ({ c }) => c.mint(FAKE_ERC721_ADDRESS, [asset721('ok')]),
  },
  {
    name: 'token_id conflict',
    path: MINT,
    method: 'POST',
    status: 409,
    call: ({ c }) => c.mint(FAKE_ERC721_ADDRESS, [asset721('y', { token_id: '100' })]),
  },
  {
    name: 'ERC-1155 metadata conflict',
    path: MINT,
    method: 'POST',
    status: 409,
    call: ({ c }) =>
      c.mint(FAKE_ERC1155_ADDRESS, [asset1155('p2', '1', '1', { metadata: { name: 'Potion' } })]),
  },
  {
    name: 'rate limited',
    path: MINT,
    method: 'POST',
    status: 429,
    call: ({ c }) =>
      c
        .mint(
          FAKE_ERC721_ADDRESS,
          Array.from({ length: 100 }, (_, i) => asset721(`burst${i}`)),
        )
        .then(() =>
          c.mint(
            FAKE_ERC721_ADDRESS,
            Array.from({ length: 100 }, (_, i) => asset721(`over${i}`)),
          ),
        ),
  },
  // ListMintRequests
  { name: 'list', path: MINT, method: 'GET', status: 200, call: ({ c }) => c.listMints(FAKE_ERC721_ADDRESS) },
  {
    name: 'list failed',
    path: MINT,
    method: 'GET',
    status: 200,
    call: ({ c }) => c.listMints(FAKE_ERC721_ADDRESS, '?status=failed'),
  },
  {
    name: 'list 1155',
    path: MINT,
    method: 'GET',
    status: 200,
    call: ({ c }) => c.listMints(FAKE_ERC1155_ADDRESS, '?page_size=1'),
  },
  {
    name: 'bad status',
    path: MINT,
    method: 'GET',
    status: 400,
    call: ({ c }) => c.listMints(FAKE_ERC721_ADDRESS, '?status=x'),
  },
  {
    name: 'bad cursor',
    path: MINT,
    method: 'GET',
    status: 400,
    call: ({ c }) => c.listMints(FAKE_ERC721_ADDRESS, '?page_cursor=zzz'),
  },
  {
    name: 'no key',
    path: MINT,
    method: 'GET',
    status: 401,
    call: ({ c }) => c.listMints(FAKE_ERC721_ADDRESS, '', null),
  },
  { name: 'key not linked', path: MINT, method: 'GET', status: 403, call: ({ c }) => c.listMints(LOCKED) },
  {
    name: 'unknown collection',
    path: MINT,
    method: 'GET',
    status: 404,
    call: ({ c }) => c.listMints(UNKNOWN),
  },
  // GetMintRequest
  {
    name: 'succeeded',
    path: MINT_ONE,
    method: 'GET',
    status: 200,
    call: ({ c }) => c.getMint(FAKE_ERC721_ADDRESS, 'ok'),
  },
  {
    name: 'failed',
    path: MINT_ONE,
    method: 'GET',
    status: 200,
    call: ({ c }) => c.getMint(FAKE_ERC721_ADDRESS, 'bad'),
  },
  {
    name: 'pending',
    path: MINT_ONE,
    method: 'GET',
    status: 200,
    call: ({ c }) => c.getMint(FAKE_ERC721_ADDRESS, 'waiting'),
  },
  {
    name: 'unknown id (empty list)',
    path: MINT_ONE,
    method: 'GET',
    status: 200,
    call: ({ c }) => c.getMint(FAKE_ERC721_ADDRESS, 'nope'),
  },
  {
    name: 'no key',
    path: MINT_ONE,
    method: 'GET',
    status: 401,
    call: ({ c }) => c.getMint(FAKE_ERC721_ADDRESS, 'ok', 'sk_wrong'),
  },
  {
    name: 'key not linked',
    path: MINT_ONE,
    method: 'GET',
    status: 403,
    call: ({ c }) => c.getMint(LOCKED, 'ok'),
  },
  {
    name: 'unknown id (404 mode)',
    path: MINT_ONE,
    method: 'GET',
    status: 404,
    options: { behaviour: { unknownReferenceId: '404' } },
    call: ({ c }) => c.getMint(FAKE_ERC721_ADDRESS, 'nope'),
  },
  // RefreshNFTMetadataByTokenID
  {
    name: 'refreshed',
    path: REFRESH_TOKEN,
    method: 'POST',
    status: 202,
    call: ({ c }) =>
      c.send(col(FAKE_ERC721_ADDRESS, '/nfts/refresh-metadata'), {
        body: { nft_metadata: [refreshItem('1')] },
      }),
  },
  {
    name: 'missing key',
    path: REFRESH_TOKEN,
    method: 'POST',
    status: 400,
    call: ({ c }) =>
      c.send(col(FAKE_ERC721_ADDRESS, '/nfts/refresh-metadata'), {
        body: { nft_metadata: [{ token_id: '1', name: 'x' }] },
      }),
  },
  {
    name: 'no key',
    path: REFRESH_TOKEN,
    method: 'POST',
    status: 401,
    call: ({ c }) =>
      c.send(col(FAKE_ERC721_ADDRESS, '/nfts/refresh-metadata'), {
        body: { nft_metadata: [refreshItem('1')] },
        key: null,
      }),
  },
  {
    name: 'key not linked',
    path: REFRESH_TOKEN,
    method: 'POST',
    status: 403,
    call: ({ c }) =>
      c.send(col(LOCKED, '/nfts/refresh-metadata'), { body: { nft_metadata: [refreshItem('1')] } }),
  },
  {
    name: 'unknown collection',
    path: REFRESH_TOKEN,
    method: 'POST',
    status: 404,
    call: ({ c }) =>
      c.send(col(UNKNOWN, '/nfts/refresh-metadata'), { body: { nft_metadata: [refreshItem('1')] } }),
  },
  {
    name: 'refresh limit',
    path: REFRESH_TOKEN,
    method: 'POST',
    status: 429,
    call: ({ c }) =>
      c.send(col(FAKE_ERC721_ADDRESS, '/nfts/refresh-metadata'), {
        body: { nft_metadata: ['1', '2', '3', '4'].map(refreshItem) },
      }),
  },
  // RefreshMetadataByID
  {
    name: 'refreshed',
    path: REFRESH_ID,
    method: 'POST',
    status: 202,
    call: ({ c, stackId }) =>
      c.send(col(FAKE_ERC721_ADDRESS, '/metadata/refresh-metadata'), {
        body: { metadata: [{ metadata_id: stackId, ...fullMetadata('v2') }] },
      }),
  },
  {
    name: 'bad id',
    path: REFRESH_ID,
    method: 'POST',
    status: 400,
    call: ({ c }) =>
      c.send(col(FAKE_ERC721_ADDRESS, '/metadata/refresh-metadata'), {
        body: { metadata: [{ metadata_id: 'x', ...fullMetadata('v2') }] },
      }),
  },
  {
    name: 'no key',
    path: REFRESH_ID,
    method: 'POST',
    status: 401,
    call: ({ c, stackId }) =>
      c.send(col(FAKE_ERC721_ADDRESS, '/metadata/refresh-metadata'), {
        body: { metadata: [{ metadata_id: stackId, ...fullMetadata('v2') }] },
        key: null,
      }),
  },
  {
    name: 'key not linked',
    path: REFRESH_ID,
    method: 'POST',
    status: 403,
    call: ({ c, stackId }) =>
      c.send(col(LOCKED, '/metadata/refresh-metadata'), {
        body: { metadata: [{ metadata_id: stackId, ...fullMetadata('v2') }] },
      }),
  },
  {
    name: 'unknown metadata id',
    path: REFRESH_ID,
    method: 'POST',
    status: 404,
    call: ({ c }) =>
      c.send(col(FAKE_ERC721_ADDRESS, '/metadata/refresh-metadata'), {
        body: { metadata: [{ metadata_id: NIL_UUID, ...fullMetadata('v2') }] },
      }),
  },
  {
    name: 'refresh limit',
    path: REFRESH_ID,
    method: 'POST',
    status: 429,
    options: { refreshLimitPerHour: 1, behaviour: { refreshCost: 'per-request' } },
    call: async ({ c, stackId }) => {
      const body = { metadata: [{ metadata_id: stackId, ...fullMetadata('v2') }] };
      await c.send(col(FAKE_ERC721_ADDRESS, '/metadata/refresh-metadata'), { body });
      return c.send(col(FAKE_ERC721_ADDRESS, '/metadata/refresh-metadata'), { body });
    },
  },
  // GetNFT
  {
    name: 'ERC-721 with metadata',
    path: NFT,
    method: 'GET',
    status: 200,
    call: ({ c }) => c.send(col(FAKE_ERC721_ADDRESS, '/nfts/1')),
  },
  {
    name: 'ERC-721 without metadata',
    path: NFT,
    method: 'GET',
    status: 200,
    call: ({ c }) => c.send(col(FAKE_ERC721_ADDRESS, '/nfts/2')),
  },
  {
    name: 'ERC-1155',
    path: NFT,
    method: 'GET',
    status: 200,
    call: ({ c }) => c.send(col(FAKE_ERC1155_ADDRESS, '/nfts/1')),
  },
  {
    name: 'bad token id',
    path: NFT,
    method: 'GET',
    status: 400,
    call: ({ c }) => c.send(col(FAKE_ERC721_ADDRESS, '/nfts/x1')),
  },
  {
    name: 'unknown token',
    path: NFT,
    method: 'GET',
    status: 404,
    call: ({ c }) => c.send(col(FAKE_ERC721_ADDRESS, '/nfts/500')),
  },
  // ListNFTs
  {
    name: 'list',
    path: NFTS,
    method: 'GET',
    status: 200,
    call: ({ c }) => c.send(col(FAKE_ERC721_ADDRESS, '/nfts?page_size=1')),
  },
  {
    name: 'filtered',
    path: NFTS,
    method: 'GET',
    status: 200,
    call: ({ c }) =>
      c.send(col(FAKE_ERC1155_ADDRESS, '/nfts?token_id=1&from_updated_at=2025-01-01T00:00:00Z')),
  },
  {
    name: 'bad date',
    path: NFTS,
    method: 'GET',
    status: 400,
    call: ({ c }) => c.send(col(FAKE_ERC721_ADDRESS, '/nfts?from_updated_at=x')),
  },
  {
    name: 'unknown collection',
    path: NFTS,
    method: 'GET',
    status: 404,
    call: ({ c }) => c.send(col(UNKNOWN, '/nfts')),
  },
  // GetMetadata
  {
    name: 'stack',
    path: META,
    method: 'GET',
    status: 200,
    call: ({ c, stackId }) => c.send(col(FAKE_ERC721_ADDRESS, `/metadata/${stackId}`)),
  },
  {
    name: 'bad id',
    path: META,
    method: 'GET',
    status: 400,
    call: ({ c }) => c.send(col(FAKE_ERC721_ADDRESS, '/metadata/x')),
  },
  {
    name: 'unknown id',
    path: META,
    method: 'GET',
    status: 404,
    call: ({ c }) => c.send(col(FAKE_ERC721_ADDRESS, `/metadata/${NIL_UUID}`)),
  },
  // ListMetadata
  {
    name: 'list',
    path: METAS,
    method: 'GET',
    status: 200,
    call: ({ c }) => c.send(col(FAKE_ERC1155_ADDRESS, '/metadata')),
  },
  {
    name: 'bad page_size',
    path: METAS,
    method: 'GET',
    status: 400,
    call: ({ c }) => c.send(col(FAKE_ERC721_ADDRESS, '/metadata?page_size=300')),
  },
  {
    name: 'unknown collection',
    path: METAS,
    method: 'GET',
    status: 404,
    call: ({ c }) => c.send(col(UNKNOWN, '/metadata')),
  },
];
