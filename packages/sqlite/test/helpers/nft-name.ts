import type { FakeImmutableApi } from '@mintkit/testing';

/** The token's metadata name as the API's NFT read returns it (undefined when it has none). */
export async function nftName(fake: FakeImmutableApi, collection: string, tokenId: string): Promise<unknown> {
  const res = await fake.fetch(
    `${fake.baseUrl}/v1/chains/${fake.chainName}/collections/${collection}/nfts/${tokenId}`,
    {
      headers: { 'x-immutable-api-key': fake.apiKey },
    },
  );
  const body = (await res.json()) as { result?: { name?: unknown } };
  return body.result?.name;
}
