import { createFakeImmutableApi, FAKE_ERC721_ADDRESS } from '@mintkit/testing';
import { describe, expect, it } from 'vitest';
import { createHooks } from '../src/hooks/hooks.js';
import { silentLogger } from '../src/runtime/logger.js';
import { createHttpClient } from '../src/submitter/http-client.js';
import { createHttpStatusApi } from '../src/tracker/http-status-api.js';
import { createPoller } from '../src/tracker/poller.js';
import { acceptAndTrack, assetsFor, fakeTracker } from './helpers/tracker-fake.js';

const C = FAKE_ERC721_ADDRESS;

function setup() {
  const fake = createFakeImmutableApi({ tier: 'partner', latencyMs: 2000 });
  const http = createHttpClient({
    apiKey: fake.apiKey,
    fetch: fake.fetch,
    clock: fake.clock,
    timeoutMs: 10_000,
    hooks: createHooks(),
  });
  const api = createHttpStatusApi(
    http,
    (c) => `${fake.baseUrl}/v1/chains/${fake.chainName}/collections/${c}`,
  );
  return { fake, api };
}

describe('the poller over the engine HTTP client', () => {
  it('reads single records and pages, and maps unknown reference_ids to null', async () => {
    const { fake, api } = setup();
    const { tracker } = fakeTracker(fake);
    await acceptAndTrack(fake, tracker, C, assetsFor('h', 5));
    await expect(api.get(C, 'h-1')).resolves.toMatchObject({ reference_id: 'h-1', status: 'pending' });
    await expect(api.get(C, 'nope')).resolves.toBeNull();
    const first = await api.list(C, { status: 'pending', pageSize: 2 });
    expect(first.result.map((r) => r.reference_id)).toHaveLength(2);
    expect(first.page.next_cursor).toEqual(expect.any(String));
    const next = await api.list(C, {
      status: 'pending',
      pageSize: 2,
      pageCursor: first.page.next_cursor ?? undefined,
    });
    expect(next.result[0]?.reference_id).not.toBe(first.result[0]?.reference_id);
  });

  it('turns a 429 into RateLimitedError, which pauses the poller', async () => {
    const { fake, api } = setup();
    fake.faults.next(1, { status: 429, headers: { 'retry-after': '7' } }, { method: 'GET' });
    await expect(api.get(C, 'x')).rejects.toMatchObject({ name: 'RateLimitedError', retryAfterMs: 7000 });
    fake.faults.next(1, { status: 429, headers: { 'retry-after': '7' } }, { method: 'GET' });
    const { tracker, of } = fakeTracker(fake);
    const poller = createPoller({ tracker, api, clock: fake.clock, logger: silentLogger });
    poller.start();
    await acceptAndTrack(fake, tracker, C, assetsFor('h', 12));
    await fake.advanceTime(2000);
    expect(poller.stats().rateLimited).toBe(1);
    for (let i = 0; i < 30 && tracker.outstandingCount() > 0; i++) await fake.advanceTime(1000);
    expect(of('minted')).toHaveLength(12);
    // Paused for the server's 7 s: nothing settled before then even though the fake settled at 2 s.
    expect(fake.clock.now() - fake.requests[0]!.at).toBeGreaterThanOrEqual(9000);
    poller.stop();
  });
});
