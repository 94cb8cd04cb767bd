/**
 * Budget utilisation. A tier scaled down in time (6,000/min, burst 1,000) on the fake's manual
 * clock, the same tier configured on the client; 10,000 ERC-721 mints at once. The theoretical
 * minimum is (N − burst) / rate; completion is the fake-clock time of the last accepted batch.
 * Utilisation = minimum / completion (1 = every token used the moment it exists).
 *
 * ERC-1155 airdrop: 5 token_ids × 10,000 owners on the standard tier (200/min, burst 2,000),
 * the client counting distinct token_ids (mintkit) vs the same run with a limiter that counts
 * assets (a `submit` before-hook on an asset-counting bucket, mintkit's own bucket disabled).
 */
import { type Budget, createMinter, createTokenBucket } from '@mintkit/core';
import { createFakeImmutableApi, FAKE_ERC721_ADDRESS, FAKE_ERC1155_ADDRESS } from '@mintkit/testing';
import type { BenchEntry } from '../types.js';

const unlimited: Budget = { acquire: async () => {}, refund() {}, observe() {}, pauseUntil() {} };

async function utilisation(): Promise<{ minimum: number; completion: number; r429: number }> {
  const tier = { ratePerMinute: 6_000, burst: 1_000 };
  const N = 10_000;
  const fake = createFakeImmutableApi({ tier, latencyMs: null });
  const minter = createMinter({
    apiKey: fake.apiKey,
    fetch: fake.fetch,
    clock: fake.clock,
    tier,
    tracking: { polling: false },
  });
  const start = fake.clock.now();
  let last = start;
  let r429 = 0;
  minter.on('submitted', () => {
    last = fake.clock.now();
  });
  minter.on('rateLimited', () => r429++);
  let accepted = 0;
  for (let i = 0; i < N; i++) {
    minter.mint(FAKE_ERC721_ADDRESS, { referenceId: `u${i}`, owner: owner(i) }).then(() => accepted++);
  }
  while (accepted < N) await fake.advanceTime(1_000);
  await minter.close();
  fake.assertBudgetNeverExceeded();
  const minimum = ((N - tier.burst) / tier.ratePerMinute) * 60_000;
  return {
    minimum,
    completion: last - start,
    r429: r429 + fake.requests.filter((r) => r.status === 429).length,
  };
}

async function airdrop(countAssets: boolean): Promise<number> {
  const fake = createFakeImmutableApi({ tier: 'standard', latencyMs: null, recordRequests: false });
  const minter = createMinter({
    apiKey: fake.apiKey,
    fetch: fake.fetch,
    clock: fake.clock,
    collections: { [FAKE_ERC1155_ADDRESS]: 'ERC1155' },
    tracking: { polling: false },
    ...(countAssets ? { budget: unlimited } : { tier: 'standard' as const }),
  });
  if (countAssets) {
    const perAsset = createTokenBucket({ ratePerMinute: 200, burst: 2_000 }, fake.clock);
    minter.hooks.before('submit', (ctx) => perAsset.acquire(ctx.assets.length));
  }
  const start = fake.clock.now();
  let last = start;
  minter.on('submitted', () => {
    last = fake.clock.now();
  });
  const N = 50_000;
  let accepted = 0;
  for (let o = 0; o < 10_000; o++) {
    for (let t = 0; t < 5; t++) {
      minter
        .mint(FAKE_ERC1155_ADDRESS, {
          referenceId: `a${o}-${t}`,
          owner: owner(o),
          tokenId: String(t + 1),
          amount: '1',
        })
        .then(() => accepted++);
    }
  }
  while (accepted < N) await fake.advanceTime(60_000);
  await minter.close();
  return last - start;
}

const owner = (i: number) => `0x${(i + 1).toString(16).padStart(40, '0')}`;

export const name = 'core: budget utilisation and ERC-1155 airdrop (fake clock)';

export async function run(): Promise<BenchEntry[]> {
  const u = await utilisation();
  const distinct = await airdrop(false);
  const perAsset = await airdrop(true);
  return [
    {
      name: 'utilisation: theoretical minimum / completion (10k mints, 6,000/min burst 1,000; target ≥0.97)',
      value: u.minimum / u.completion,
      unit: 'ratio',
      notes: `completion ${u.completion} ms fake time, minimum ${u.minimum} ms`,
    },
    {
      name: 'completion time (fake clock)',
      value: u.completion,
      unit: 'ms',
      baseline: u.minimum,
      ratio: u.completion / u.minimum,
    },
    { name: '429 responses when alone (target 0)', value: u.r429, unit: 'count' },
    {
      name: 'ERC-1155 airdrop 5 ids × 10,000 owners: distinct-token_id budget vs asset-counting limiter',
      value: distinct / 60_000,
      unit: 'min (fake clock)',
      baseline: perAsset / 60_000,
      ratio: distinct / perAsset,
    },
  ];
}
