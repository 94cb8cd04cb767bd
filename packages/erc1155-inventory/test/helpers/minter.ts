import {
  createMinter,
  type MintAssetInput,
  type MintOutcome,
  type MintReceipt,
  type NftMetadata,
} from '@mintkit/core';
import { type Erc1155InventoryOptions, erc1155Inventory } from '@mintkit/erc1155-inventory';
import {
  createFakeImmutableApi,
  FAKE_ERC721_ADDRESS,
  FAKE_ERC1155_ADDRESS,
  type FakeApiOptions,
  type FakeImmutableApi,
} from '@mintkit/testing';
import { afterEach } from 'vitest';

export const ITEMS = FAKE_ERC1155_ADDRESS;
export const HEROES = FAKE_ERC721_ADDRESS;
export const POTION: NftMetadata = { name: 'Potion', image: 'https://example.com/potion.png' };
export const ELIXIR: NftMetadata = { name: 'Elixir', image: 'https://example.com/elixir.png' };

export const owner = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;

export function grant(
  referenceId: string,
  tokenId: string,
  metadata?: NftMetadata,
  player = 1,
): MintAssetInput {
  return { referenceId, owner: owner(player), tokenId, amount: '1', ...(metadata ? { metadata } : {}) };
}

/** The fake every test uses: partner tier, mints settle only when the test says so. */
export const fakeApi = (o: FakeApiOptions = {}) =>
  createFakeImmutableApi({ tier: 'partner', latencyMs: null, ...o });

/** The minter options that point a minter at `fake` (its key, URL, fetch and manual clock). */
export const onFake = (fake: FakeImmutableApi) => ({
  apiKey: fake.apiKey,
  environment: { baseUrl: fake.baseUrl, chainName: fake.chainName },
  fetch: fake.fetch,
  clock: fake.clock,
});

/** Mints through the fake directly, as another process sharing the API key would. */
export async function mintElsewhere(
  fake: FakeImmutableApi,
  tokenId: string,
  metadata: NftMetadata,
  referenceId = 'other-1',
) {
  const url = `${fake.baseUrl}/v1/chains/${fake.chainName}/collections/${ITEMS}/nfts/mint-requests`;
  const response = await fake.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-immutable-api-key': fake.apiKey },
    body: JSON.stringify({
      assets: [
        { reference_id: referenceId, owner_address: owner(999), token_id: tokenId, amount: '1', metadata },
      ],
    }),
  });
  if (response.status !== 202) throw new Error(`the fake answered ${response.status}`);
}

/**
 * Mints token_ids `from`..`to` (one unit each, with `metadata`) through the fake directly,
 * 100 per request, then lets every one of them settle: a collection that existed before
 * this process started.
 */
export async function seedCollection(
  fake: FakeImmutableApi,
  from: number,
  to: number,
  metadata: NftMetadata,
) {
  const url = `${fake.baseUrl}/v1/chains/${fake.chainName}/collections/${ITEMS}/nfts/mint-requests`;
  for (let start = from; start <= to; start += 100) {
    const assets = [];
    for (let id = start; id < start + 100 && id <= to; id++)
      assets.push({
        reference_id: `seed-${id}`,
        owner_address: owner(999),
        token_id: String(id),
        amount: '1',
        metadata,
      });
    const response = await fake.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-immutable-api-key': fake.apiKey },
      body: JSON.stringify({ assets }),
    });
    if (response.status !== 202) throw new Error(`the fake answered ${response.status}`);
  }
  await fake.settle();
}

interface WireAsset {
  reference_id: string;
  token_id?: string | null;
  metadata?: Record<string, unknown> | null;
}

/** A minter with the inventory plugin (unless `plugin: false`) against a no-latency fake on a manual clock. */
export function setup(
  o: { plugin?: Erc1155InventoryOptions | false; fake?: FakeApiOptions; api?: FakeImmutableApi } = {},
) {
  const fake = o.api ?? fakeApi(o.fake);
  const inventory = erc1155Inventory(o.plugin === false ? {} : o.plugin);
  const minter = createMinter({
    ...onFake(fake),
    tier: 'partner',
    collections: { [ITEMS]: 'ERC1155', [HEROES]: 'ERC721' },
    plugins: o.plugin === false ? [] : [inventory],
  });
  const posts = () =>
    fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/nfts/mint-requests'));
  return {
    fake,
    minter,
    inventory,
    posts,
    statuses: () => posts().map((r) => r.status),
    /** reference_ids sent with metadata, per accepted request. */
    carriers: () =>
      posts()
        .filter((r) => r.status === 202)
        .map((r) =>
          ((r.body as { assets: WireAsset[] }).assets ?? [])
            .filter((a) => a.metadata)
            .map((a) => a.reference_id),
        ),
    /** The token's name as the indexer shows it (null when it has no metadata, undefined when it does not exist). */
    async nameOf(tokenId: string, collection = ITEMS) {
      const nft = await minter.getNft(collection, tokenId);
      return nft === null ? undefined : (nft.name as string | null);
    },
    async done() {
      await minter.drain();
      await inventory.idle();
    },
    /**
     * Waits (on the manual clock) until the minter has seen every receipt settle, however it
     * learns it (polling or webhooks), then until the plugin's refreshes are done.
     */
    async outcomes(receipts: MintReceipt[]): Promise<MintOutcome[]> {
      let left = receipts.length;
      const all = Promise.all(
        receipts.map((r) =>
          r.settled.then((o) => {
            left--;
            return o;
          }),
        ),
      );
      for (let i = 0; i < 300 && left > 0; i++) await fake.clock.advance(1_000);
      if (left > 0) throw new Error(`${left} mint(s) never settled as seen by the minter`);
      const result = await all;
      await minter.drain();
      await inventory.idle();
      return result;
    },
  };
}

/**
 * Closes, after each test, every minter started through it. Call it once at module level (it
 * registers the `afterEach`); inside tests use `start` (a `setup` whose minter is closed) or
 * `closeAfter` for a minter the test built itself.
 */
export function closeMintersAfterEach() {
  let open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const m of open) await m.close();
    open = [];
  });
  return {
    start(...args: Parameters<typeof setup>) {
      const t = setup(...args);
      open.push(t.minter);
      return t;
    },
    closeAfter(minter: { close(): Promise<void> }) {
      open.push(minter);
    },
  };
}
