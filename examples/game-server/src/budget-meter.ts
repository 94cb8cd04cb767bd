import { type Budget, type Clock, createTokenBucket, type TierRate } from '@mintkit/core';

/** A token bucket that also counts how often and how long mints waited for budget. */
export interface MeteredBudget extends Budget {
  waits(): { count: number; totalMs: number };
  close(): void;
}

/** Waits shorter than this are scheduling noise, not the rate limit. */
const NOTICEABLE_MS = 20;

export function createMeteredBudget(rate: TierRate, clock: Clock): MeteredBudget {
  const bucket = createTokenBucket(rate, clock);
  let count = 0;
  let totalMs = 0;
  return {
    async acquire(cost, signal) {
      const start = clock.now();
      await bucket.acquire(cost, signal);
      const waited = clock.now() - start;
      if (waited >= NOTICEABLE_MS) {
        count++;
        totalMs += waited;
      }
    },
    refund: (cost) => bucket.refund(cost),
    observe: (info) => bucket.observe(info),
    pauseUntil: (epochMs) => bucket.pauseUntil(epochMs),
    waits: () => ({ count, totalMs }),
    close: () => bucket.close(),
  };
}
