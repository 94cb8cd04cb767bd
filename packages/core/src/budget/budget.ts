/** Rate-limit values read from a response's `imx_*` body fields or headers. */
export interface ObservedLimits {
  limit?: number | null | undefined;
  remaining?: number | null | undefined;
  /** Epoch ms at which the server's window resets. */
  resetAt?: number | null | undefined;
  retryAfterMs?: number | null | undefined;
}

/**
 * The client-side rate-limit budget, in the server's units (distinct token_ids per request).
 * An interface so that a shared implementation (several processes, one API key) can replace
 * the in-process token bucket.
 */
export interface Budget {
  /** Waits until `cost` units are free, then takes them. */
  acquire(cost: number, signal?: AbortSignal): Promise<void>;
  /** Gives units back for a request the server did not charge (never sent, or refused whole). */
  refund(cost: number): void;
  /** Corrects the local view from a response's `imx_*` values. */
  observe(info: ObservedLimits): void;
  /** A 429: nothing is acquired before `epochMs`. */
  pauseUntil(epochMs: number): void;
}

/** A tier's quota: tokens per minute and the bucket size. */
export interface TierRate {
  ratePerMinute: number;
  burst: number;
}

/** Minting quotas per tier (REFERENCE.md §7.1), in distinct token_ids. */
export const TIERS = {
  standard: { ratePerMinute: 200, burst: 2_000 },
  partner: { ratePerMinute: 2_000, burst: 20_000 },
} as const satisfies Record<string, TierRate>;
