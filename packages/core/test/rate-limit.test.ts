import { describe, expect, it } from 'vitest';
import type { Budget } from '../src/index.js';
import { ERC721, owner, setup } from './helpers/setup.js';

/** A budget that never waits, so the server's 429 is what paces the minter. */
const unlimited: Budget = { acquire: async () => {}, refund() {}, observe() {}, pauseUntil() {} };

describe('429 handling', () => {
  it('pauses every submission until the retry time, emits rateLimited/paused/resumed, and loses nothing', async () => {
    const h = setup({ minter: { batch: { maxSize: 10 } } });
    h.fake.faults.next(
      1,
      {
        status: 429,
        headers: {
          'retry-after': '3',
          'imx-mint-requests-retry-after': '2.5-seconds',
          'imx-remaining-mint-requests': '1990',
        },
      },
      { method: 'POST' },
    );
    const mints = Array.from({ length: 30 }, (_, i) =>
      h.minter.mint(ERC721, { referenceId: `r${i}`, owner: owner(i + 1) }),
    );
    await h.tick(0);
    expect(h.of('rateLimited')).toEqual([
      { retryAfterMs: 2_500, resetAt: null, remaining: 1990, scope: 'mint' },
    ]);
    expect(h.of('paused')).toEqual([expect.objectContaining({ reason: 'rate-limit' })]);
    const postsDuringPause = h.fake.requests.filter((r) => r.method === 'POST').length;
    await h.tick(2_499);
    expect(h.fake.requests.filter((r) => r.method === 'POST').length).toBe(postsDuringPause);
    await h.tick(1);
    await Promise.all(mints);
    expect(h.of('resumed')).toEqual([{ reason: 'rate-limit' }]);
    expect(h.fake.mintRequests()).toHaveLength(30);
    expect(h.minter.stats()).toMatchObject({ accepted: 30, rateLimited: 1, paused: null });
    await h.minter.close();
  });

  it('caps the pause at rateLimit.maxPauseMs', async () => {
    const h = setup({ minter: { rateLimit: { maxPauseMs: 1_000 } } });
    h.fake.faults.next(1, { status: 429, headers: { 'retry-after': '600' } }, { method: 'POST' });
    const p = h.minter.mint(ERC721, { referenceId: 'a', owner: owner() });
    await h.tick(5);
    await h.tick(1_000);
    await expect(p).resolves.toMatchObject({ accepted: 'accepted' });
    await h.minter.close();
  });

  it('recovers from real exhaustion of the server budget when the client budget is bypassed', async () => {
    const h = setup({ fake: { tier: { ratePerMinute: 600, burst: 100 } }, minter: { budget: unlimited } });
    const mints = Array.from({ length: 300 }, (_, i) =>
      h.minter.mint(ERC721, { referenceId: `r${i}`, owner: owner(i + 1) }),
    );
    for (let i = 0; i < 60 && h.fake.mintRequests().length < 300; i++) await h.tick(1_000);
    await Promise.all(mints);
    expect(h.of('rateLimited').length).toBeGreaterThan(0);
    expect(h.fake.mintRequests()).toHaveLength(300);
    h.fake.assertNoDuplicateMints();
    await h.minter.close();
  });
});

describe('client budget', () => {
  it('waits for budget instead of being sent into a 429, and never exceeds the server bucket', async () => {
    const tier = { ratePerMinute: 600, burst: 150 };
    const h = setup({ fake: { tier }, minter: { tier } });
    const mints = Array.from({ length: 450 }, (_, i) =>
      h.minter.mint(ERC721, { referenceId: `r${i}`, owner: owner(i + 1) }),
    );
    await h.tick(5);
    // 150 burst → 100 now, then 100 more once 50 tokens have refilled (5 s at 10/s), ...
    for (let i = 0; i < 40; i++) await h.tick(1_000);
    await Promise.all(mints);
    expect(h.of('rateLimited')).toHaveLength(0);
    h.fake.assertBudgetNeverExceeded();
    expect(h.fake.requests.filter((r) => r.status === 429)).toHaveLength(0);
    await h.minter.close();
  });

  it('corrects an over-optimistic seed from the imx_* values of each 202 (no 429)', async () => {
    // The client believes in a burst of 1,000; the server's bucket holds 200. (With concurrency
    // above 1, requests sent before the first answer trust the seed and may draw a 429.)
    const h = setup({
      fake: { tier: { ratePerMinute: 600, burst: 200 } },
      minter: { tier: { ratePerMinute: 600, burst: 1_000 }, concurrency: 1 },
    });
    const mints = Array.from({ length: 400 }, (_, i) =>
      h.minter.mint(ERC721, { referenceId: `r${i}`, owner: owner(i + 1) }),
    );
    await h.tick(5);
    for (let i = 0; i < 30; i++) await h.tick(1_000);
    await Promise.all(mints);
    expect(h.of('rateLimited')).toHaveLength(0);
    expect(h.fake.requests.filter((r) => r.status === 429)).toHaveLength(0);
    await h.minter.close();
  });

  it('counts distinct token_ids: 100 owners of one ERC-1155 token cost 1', async () => {
    const tier = { ratePerMinute: 60, burst: 5 };
    const h = setup({ fake: { tier }, minter: { tier } });
    const mints = Array.from({ length: 200 }, (_, i) =>
      h.minter.mint('0x1155000000000000000000000000000000000fa4', {
        referenceId: `r${i}`,
        owner: owner(i + 1),
        tokenId: String(i % 2),
        amount: '1',
      }),
    );
    await h.tick(5);
    await Promise.all(mints);
    expect(h.of('submitted').map((s) => s.cost)).toEqual([2, 2]);
    await h.minter.close();
  });
});
