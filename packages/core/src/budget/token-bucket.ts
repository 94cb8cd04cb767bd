import { AbortError } from '../errors/errors.js';
import type { Clock } from '../runtime/clock.js';
import type { Budget, ObservedLimits, TierRate } from './budget.js';

export interface TokenBucket extends Budget {
  /** Units free right now. */
  available(): number;
  /** Stops the timer and rejects every waiter. */
  close(reason?: unknown): void;
}

interface Waiter {
  cost: number;
  resolve: () => void;
  reject: (error: unknown) => void;
  signal?: AbortSignal | undefined;
  onAbort?: () => void;
}

/**
 * The in-process budget: a token bucket (tier rate per minute, tier burst) with FIFO waiters,
 * so a large batch is not starved by small ones. The timer exists only while someone waits.
 */
export function createTokenBucket(rate: TierRate, clock: Clock): TokenBucket {
  const perMs = rate.ratePerMinute / 60_000;
  let tokens = rate.burst;
  let last = clock.now();
  let pausedUntil = 0;
  let timer: unknown;
  const waiters: Waiter[] = [];

  const refill = () => {
    const now = clock.now();
    if (now > last) tokens = Math.min(rate.burst, tokens + (now - last) * perMs);
    last = Math.max(last, now);
  };

  const pump = () => {
    if (timer !== undefined) {
      clock.clearTimeout(timer);
      timer = undefined;
    }
    refill();
    const now = clock.now();
    while (waiters.length > 0 && now >= pausedUntil) {
      const head = waiters[0] as Waiter;
      if (tokens + 1e-9 < head.cost) break;
      tokens = Math.max(0, tokens - head.cost);
      waiters.shift();
      if (head.onAbort) head.signal?.removeEventListener('abort', head.onAbort);
      head.resolve();
    }
    const head = waiters[0];
    if (!head) return;
    const wait = now < pausedUntil ? pausedUntil - now : Math.ceil((head.cost - tokens) / perMs);
    timer = clock.setTimeout(pump, Math.max(1, wait));
  };

  return {
    acquire(cost, signal) {
      // A request larger than the bucket could never run; it waits for a full bucket instead.
      const units = Math.min(Math.max(0, cost), rate.burst);
      if (signal?.aborted) return Promise.reject(signal.reason ?? new AbortError());
      refill();
      if (waiters.length === 0 && clock.now() >= pausedUntil && tokens + 1e-9 >= units) {
        tokens = Math.max(0, tokens - units);
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { cost: units, resolve, reject, signal };
        if (signal) {
          waiter.onAbort = () => {
            const i = waiters.indexOf(waiter);
            if (i >= 0) waiters.splice(i, 1);
            reject(signal.reason ?? new AbortError());
            pump();
          };
          signal.addEventListener('abort', waiter.onAbort, { once: true });
        }
        waiters.push(waiter);
        pump();
      });
    },
    refund(cost) {
      refill();
      tokens = Math.min(rate.burst, tokens + cost);
      if (waiters.length > 0) pump();
    },
    observe(info: ObservedLimits) {
      if (info.remaining === null || info.remaining === undefined) return;
      refill();
      // Only ever lower the local view: a response describes the past, and requests sent
      // since then have already been charged locally.
      tokens = Math.min(tokens, Math.max(0, info.remaining));
    },
    pauseUntil(epochMs) {
      pausedUntil = Math.max(pausedUntil, epochMs);
      if (waiters.length > 0) pump();
    },
    available() {
      refill();
      return clock.now() < pausedUntil ? 0 : tokens;
    },
    close(reason) {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      for (const w of waiters.splice(0)) {
        if (w.onAbort) w.signal?.removeEventListener('abort', w.onAbort);
        w.reject(reason ?? new AbortError('the minter was closed'));
      }
    },
  };
}
