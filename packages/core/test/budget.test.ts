import { createManualClock } from '@mintkit/testing';
import { describe, expect, it } from 'vitest';
import { createTokenBucket, parseLimits, parseResetAt, parseSeconds } from '../src/index.js';

describe('rate-limit value parsing', () => {
  it('parses the documented and the alternative formats leniently', () => {
    expect(parseSeconds('59.98-seconds')).toBe(59_980);
    expect(parseSeconds('2-seconds')).toBe(2_000);
    expect(parseSeconds('2')).toBe(2_000);
    expect(parseSeconds('2s')).toBe(2_000);
    expect(parseSeconds(1.5)).toBe(1_500);
    expect(parseSeconds('soon')).toBeNull();
    expect(parseResetAt('2024-02-13 07:20:00 UTC', 0)).toBe(Date.UTC(2024, 1, 13, 7, 20));
    expect(parseResetAt('2024-02-13T07:20:00.5Z', 0)).toBe(Date.UTC(2024, 1, 13, 7, 20, 0, 500));
    expect(parseResetAt('30', 1_000)).toBe(31_000);
    expect(parseResetAt('garbage', 0)).toBeNull();
  });

  it('reads body fields first and headers as fallback', () => {
    const headers = new Headers({ 'imx-remaining-mint-requests': '5', 'retry-after': '3' });
    expect(parseLimits('mint', { imx_mint_requests_limit: '2000' }, headers, 0)).toEqual({
      limit: 2000,
      remaining: 5,
      retryAfterMs: 3_000,
    });
  });
});

describe('token bucket', () => {
  it('grants in FIFO order, refills at the tier rate, and lowers itself to what the server reports', async () => {
    const clock = createManualClock(0);
    const bucket = createTokenBucket({ ratePerMinute: 60, burst: 10 }, clock);
    await bucket.acquire(10);
    const order: string[] = [];
    const big = bucket.acquire(5).then(() => order.push('big'));
    const small = bucket.acquire(1).then(() => order.push('small'));
    await clock.advance(4_999);
    expect(order).toEqual([]);
    await clock.advance(1);
    await clock.advance(1_000);
    await Promise.all([big, small]);
    expect(order).toEqual(['big', 'small']);
    await clock.advance(60_000);
    bucket.observe({ remaining: 3 });
    expect(bucket.available()).toBe(3);
    bucket.observe({ remaining: 100 }); // never raised by a response
    expect(bucket.available()).toBe(3);
    bucket.pauseUntil(clock.now() + 1_000);
    expect(bucket.available()).toBe(0);
    bucket.close();
    expect(clock.pending()).toBe(0);
  });

  it('rejects waiters on abort and on close', async () => {
    const clock = createManualClock(0);
    const bucket = createTokenBucket({ ratePerMinute: 1, burst: 1 }, clock);
    await bucket.acquire(1);
    const controller = new AbortController();
    const aborted = bucket.acquire(1, controller.signal);
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    const closed = bucket.acquire(1);
    bucket.close();
    await expect(closed).rejects.toMatchObject({ name: 'AbortError' });
  });
});
