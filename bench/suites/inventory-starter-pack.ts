/**
 * A starter-pack campaign: 5 ERC-1155 item types × 10,000 players, every grant carrying the
 * item's metadata (what a game naturally sends). Run twice in one process against the fake
 * (partner tier, no latency, so the rate limit does not dominate): with the inventory plugin,
 * and without it. The ideal is ceil(assets / 100) requests and no 409.
 */
import { createMinter, type NftMetadata } from '@mintkit/core';
import { erc1155Inventory } from '@mintkit/erc1155-inventory';
import { createFakeImmutableApi, FAKE_ERC1155_ADDRESS } from '@mintkit/testing';
import type { BenchEntry } from '../types.js';

const ITEMS = 5;
const PLAYERS = 10_000;
const ASSETS = ITEMS * PLAYERS;
const IDEAL_REQUESTS = Math.ceil(ASSETS / 100);

const metadataOf = (item: number): NftMetadata => ({
  name: `Starter item ${item}`,
  description: 'Given to every new player.',
  image: `https://example.com/items/${item}.png`,
  attributes: [{ trait_type: 'tier', value: 'starter' }],
});

interface RunResult {
  requests: number;
  conflicts: number;
  accepted: number;
  rejected: number;
  wallMs: number;
  tokensWithMetadata: number;
  dropped: number;
}

/**
 * `plugin`: every grant carries metadata, the plugin decides. `bare`: the same without the
 * plugin. `by-hand`: no plugin, the game itself sends metadata only with each item's first
 * grant (the ideal the plugin should match, to measure its overhead).
 */
async function campaign(mode: 'plugin' | 'bare' | 'by-hand'): Promise<RunResult> {
  const withPlugin = mode === 'plugin';
  const fake = createFakeImmutableApi({
    clock: 'real',
    tier: 'partner',
    latencyMs: null,
    requestLogLimit: 100_000,
  });
  const inventory = erc1155Inventory();
  const minter = createMinter({
    apiKey: fake.apiKey,
    environment: { baseUrl: fake.baseUrl, chainName: fake.chainName },
    fetch: fake.fetch,
    tier: 'partner',
    collections: { [FAKE_ERC1155_ADDRESS]: 'ERC1155' },
    plugins: withPlugin ? [inventory] : [],
  });
  const assets = function* () {
    for (let player = 0; player < PLAYERS; player++) {
      const owner = `0x${(player + 1).toString(16).padStart(40, '0')}`;
      for (let item = 1; item <= ITEMS; item++) {
        yield {
          referenceId: `starter-${player}-${item}`,
          owner,
          tokenId: String(item),
          amount: '1',
          ...(mode !== 'by-hand' || player === 0 ? { metadata: metadataOf(item) } : {}),
        };
      }
    }
  };
  const started = performance.now();
  const batch = minter.mintMany(FAKE_ERC1155_ADDRESS, assets());
  const progress = await batch.done;
  const wallMs = performance.now() - started;
  await fake.settle();
  let tokensWithMetadata = 0;
  for (let item = 1; item <= ITEMS; item++) {
    const nft = await minter.getNft(FAKE_ERC1155_ADDRESS, String(item));
    if (nft && typeof nft.name === 'string') tokensWithMetadata++;
  }
  await minter.close();
  const posts = fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/nfts/mint-requests'));
  return {
    requests: posts.length,
    conflicts: posts.filter((r) => r.status === 409).length,
    accepted: progress.accepted,
    rejected: progress.rejected,
    wallMs,
    tokensWithMetadata,
    dropped: inventory.stats().metadataDropped,
  };
}

export const name = 'erc1155-inventory: starter pack (5 token_ids × 10,000 players)';

export async function run(): Promise<BenchEntry[]> {
  // by-hand first: it warms the shared code paths (JIT) for the run it is compared with.
  const byHand = await campaign('by-hand');
  const plugin = await campaign('plugin');
  const bare = await campaign('bare');
  const entry = (
    label: string,
    value: number,
    unit: string,
    baseline?: number,
    notes?: string,
  ): BenchEntry => ({
    name: label,
    value,
    unit,
    ...(baseline === undefined ? {} : { baseline, ratio: baseline === 0 ? 0 : value / baseline }),
    ...(notes === undefined ? {} : { notes }),
  });
  return [
    entry('POST mint-requests, with plugin (ideal = baseline)', plugin.requests, 'requests', IDEAL_REQUESTS),
    entry('409 responses, with plugin', plugin.conflicts, 'responses'),
    entry('assets accepted, with plugin', plugin.accepted, 'assets', ASSETS),
    entry('metadata dropped by the plugin', plugin.dropped, 'assets', ASSETS - ITEMS),
    entry('tokens with metadata after settling, with plugin', plugin.tokensWithMetadata, 'tokens', ITEMS),
    entry(
      'wall time, with plugin (baseline: metadata stripped by hand, no plugin)',
      plugin.wallMs,
      'ms',
      byHand.wallMs,
    ),
    entry('POST mint-requests, by hand (no plugin)', byHand.requests, 'requests', IDEAL_REQUESTS),
    entry('409 responses, by hand (no plugin)', byHand.conflicts, 'responses'),
    entry('wall time, without plugin (all refused; baseline: with plugin)', bare.wallMs, 'ms', plugin.wallMs),
    entry('POST mint-requests, without plugin', bare.requests, 'requests', IDEAL_REQUESTS),
    entry('409 responses, without plugin', bare.conflicts, 'responses'),
    entry('wasted requests (409), without plugin', bare.conflicts, 'requests', bare.requests),
    entry('assets accepted, without plugin', bare.accepted, 'assets', ASSETS),
    entry('assets rejected, without plugin', bare.rejected, 'assets', ASSETS),
  ];
}
