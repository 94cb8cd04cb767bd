import type { FakeBehaviour } from './behaviour.js';
import type { ChargeRecord } from './store.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;

export interface LimitSnapshot {
  limit: number;
  remaining: number;
  resetAt: number;
  retryAfterMs: number;
}

/**
 * The mint budget of one project: a token bucket of `burst` tokens refilled at
 * `ratePerMinute`. REFERENCE.md §7.1 leaves the algorithm open; a bucket matches the
 * documented "rate + burst" pair. Every charge is logged for assertBudgetNeverExceeded().
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    readonly project: string,
    readonly ratePerMinute: number,
    readonly burst: number,
    now: number,
    private readonly log: ChargeRecord[],
  ) {
    this.tokens = burst;
    this.last = now;
  }

  private refill(now: number): void {
    if (now > this.last)
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.ratePerMinute) / MINUTE);
    this.last = Math.max(this.last, now);
  }

  /** Charges `cost` if it fits whole; otherwise charges nothing and says when it would fit. */
  tryCharge(cost: number, now: number): { ok: boolean; snapshot: LimitSnapshot } {
    this.refill(now);
    if (cost > this.tokens) {
      const retryAfterMs = Math.ceil(((cost - this.tokens) * MINUTE) / this.ratePerMinute);
      return { ok: false, snapshot: { ...this.snapshot(now), retryAfterMs } };
    }
    const before = this.tokens;
    this.tokens -= cost;
    this.log.push({ at: now, project: this.project, cost, before, after: this.tokens, burst: this.burst });
    return { ok: true, snapshot: this.snapshot(now) };
  }

  /** `reset` is when the bucket is full again; `retry_after` on a 202 is the time until then. */
  snapshot(now: number): LimitSnapshot {
    this.refill(now);
    const msToFull = Math.ceil(((this.burst - this.tokens) * MINUTE) / this.ratePerMinute);
    return {
      limit: this.burst,
      remaining: Math.floor(this.tokens),
      resetAt: now + msToFull,
      retryAfterMs: msToFull,
    };
  }
}

/** The refresh budget of one project: a fixed one-hour window (the spec's own words). */
export class HourlyWindow {
  private windowStart = Number.NEGATIVE_INFINITY;
  private used = 0;
  constructor(readonly limit: number) {}

  private roll(now: number): void {
    const start = Math.floor(now / HOUR) * HOUR;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.used = 0;
    }
  }

  tryCharge(cost: number, now: number): { ok: boolean; snapshot: LimitSnapshot } {
    this.roll(now);
    const ok = this.used + cost <= this.limit;
    if (ok) this.used += cost;
    const resetAt = this.windowStart + HOUR;
    const remaining = this.limit - this.used;
    // On a 202 with quota left nothing needs waiting; otherwise wait for the next window.
    const retryAfterMs = ok && remaining > 0 ? 0 : resetAt - now;
    return { ok, snapshot: { limit: this.limit, remaining, resetAt, retryAfterMs } };
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Formats reset and retry-after the way `behaviour.rateLimitValueFormat` says. */
export function formatLimitValues(
  s: LimitSnapshot,
  format: FakeBehaviour['rateLimitValueFormat'],
): { limit: string; remaining: string; reset: string; retryAfter: string; retryAfterHeader: string } {
  const retryAfterHeader = String(Math.ceil(s.retryAfterMs / 1000));
  const resetMs = Math.ceil(s.resetAt / 1000) * 1000;
  if (format === 'rfc3339') {
    return {
      limit: String(s.limit),
      remaining: String(s.remaining),
      reset: new Date(resetMs).toISOString().replace('.000Z', 'Z'),
      retryAfter: retryAfterHeader,
      retryAfterHeader,
    };
  }
  const d = new Date(resetMs);
  const reset = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())} UTC`;
  return {
    limit: String(s.limit),
    remaining: String(s.remaining),
    reset,
    retryAfter: `${(s.retryAfterMs / 1000).toFixed(2)}-seconds`,
    retryAfterHeader,
  };
}
