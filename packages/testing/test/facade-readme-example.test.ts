// The README's vitest example, kept verbatim (the game-server module inlined) so it cannot rot.
import { createFakeImmutableApi, FAKE_ERC721_ADDRESS, type FakeImmutableApi } from '@mintkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';

// ---- src/rewards.ts in the README ----
interface RewardsOptions {
  apiKey: string;
  baseUrl: string;
  chainName: string;
  collection: string;
  fetch?: typeof fetch;
}

function createRewards(o: RewardsOptions) {
  const doFetch = o.fetch ?? fetch;
  const mintUrl = `${o.baseUrl}/v1/chains/${o.chainName}/collections/${o.collection}/nfts/mint-requests`;
  const headers = { 'content-type': 'application/json', 'x-immutable-api-key': o.apiKey };
  return {
    /** Mints reward `rewardId` (also the reference_id, so retries are safe) to a player. */
    async grant(playerAddress: string, rewardId: string): Promise<void> {
      const body = JSON.stringify({ assets: [{ reference_id: rewardId, owner_address: playerAddress }] });
      for (let attempt = 1; ; attempt++) {
        const res = await doFetch(mintUrl, { method: 'POST', headers, body });
        if (res.status === 202 || res.status === 409) return; // 409: accepted by an earlier attempt
        if (res.status < 500 || attempt === 3) throw new Error(`reward mint failed: HTTP ${res.status}`);
      }
    },
    async status(rewardId: string): Promise<string> {
      const res = await doFetch(`${mintUrl}/${rewardId}`, { headers });
      const { result } = (await res.json()) as { result: Array<{ status: string }> };
      return result[0]?.status ?? 'unknown';
    },
  };
}
// ---- test/rewards.test.ts in the README ----
const PLAYER = '0x00000000000000000000000000000000000a11ce';

describe('rewards', () => {
  let fake: FakeImmutableApi;
  let rewards: ReturnType<typeof createRewards>;

  beforeEach(() => {
    fake = createFakeImmutableApi({ latencyMs: 2_000 }); // mints land 2 s (fake time) after acceptance
    rewards = createRewards({
      apiKey: fake.apiKey,
      baseUrl: fake.baseUrl,
      chainName: fake.chainName,
      collection: FAKE_ERC721_ADDRESS,
      fetch: fake.fetch, // in-process: no sockets, no global patching
    });
  });

  it('mints the reward; it succeeds once the chain catches up', async () => {
    await rewards.grant(PLAYER, 'daily-2026-01-01-alice');
    expect(await rewards.status('daily-2026-01-01-alice')).toBe('pending');

    await fake.advanceTime(2_000);

    expect(await rewards.status('daily-2026-01-01-alice')).toBe('succeeded');
    const [mint] = fake.mintRequests({ status: 'succeeded' });
    expect(fake.ownerOf(FAKE_ERC721_ADDRESS, mint!.tokenId!)).toBe(PLAYER);
  });

  it('retries a 503 that hid an accepted mint without minting twice', async () => {
    fake.faults.next(1, { status: 503, after: true }); // the API accepted it, the client saw 503

    await rewards.grant(PLAYER, 'quest-42-alice');
    await fake.settle();

    expect(fake.requests.map((r) => r.status)).toEqual([503, 409]);
    expect(fake.mintRequests({ status: 'succeeded' })).toHaveLength(1);
    fake.assertNoDuplicateMints();
    fake.assertBudgetNeverExceeded();
  });

  it('gives up after three 5xx and mints nothing', async () => {
    fake.faults.next(3, { status: 503 }, { method: 'POST' });

    await expect(rewards.grant(PLAYER, 'quest-43-alice')).rejects.toThrow('HTTP 503');
    expect(fake.mintRequests()).toHaveLength(0);
  });
});
