import {
  createFakeImmutableApi,
  FAKE_ERC721_ADDRESS,
  FAKE_ERC1155_ADDRESS,
  type FakeImmutableApi,
} from '@mintkit/testing';
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../src/runtime/logger.js';
import type { PollerOptions } from '../src/tracker/poller.js';
import { reconcileAccepted } from '../src/tracker/reconcile.js';
import type { Tracker } from '../src/tracker/tracker.js';
import {
  acceptAndTrack,
  assetsFor,
  fakePoller,
  fakeTracker,
  statusRequests,
  submitToFake,
} from './helpers/tracker-fake.js';

const C = FAKE_ERC721_ADDRESS;

function setup(o: { latencyMs?: number | null; poller?: Partial<PollerOptions> } = {}) {
  const fake = createFakeImmutableApi({
    tier: 'partner',
    latencyMs: o.latencyMs === undefined ? 2000 : o.latencyMs,
  });
  const t = fakeTracker(fake);
  const poller = fakePoller(fake, t.tracker, o.poller);
  return { fake, ...t, poller };
}

const mintedOncePerRef = (minted: Array<{ referenceId: string }>, refs: string[]) => {
  const counts = new Map<string, number>();
  for (const m of minted) counts.set(m.referenceId, (counts.get(m.referenceId) ?? 0) + 1);
  expect(counts.size).toBe(refs.length);
  for (const ref of refs) expect(counts.get(ref)).toBe(1);
};

async function advanceUntilSettled(fake: FakeImmutableApi, tracker: Tracker, stepMs = 1000, maxSteps = 600) {
  for (let i = 0; i < maxSteps && tracker.outstandingCount() > 0; i++) await fake.advanceTime(stepMs);
}

describe('polling fallback (webhooks off)', () => {
  it('settles many mints through the list endpoint, once each, then stops', async () => {
    const { fake, tracker, of, poller } = setup();
    poller.start();
    const assets = assetsFor('many', 250);
    const settled = await acceptAndTrack(fake, tracker, C, assets);
    await advanceUntilSettled(fake, tracker);
    const outcomes = await Promise.all(settled);
    expect(outcomes.every((o) => o.status === 'succeeded')).toBe(true);
    mintedOncePerRef(
      of('minted'),
      assets.map((a) => a.referenceId),
    );
    const { lists, gets } = statusRequests(fake);
    expect(gets).toHaveLength(0);
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.length).toBeLessThanOrEqual(8);
    // Nothing outstanding: no timer left at all (the fake's own settle timers have fired too).
    expect(fake.clock.pending()).toBe(0);
    await fake.advanceTime(120_000);
    expect(statusRequests(fake).lists).toHaveLength(lists.length);
    poller.stop();
  });

  it('uses one GET per mint when only a few are outstanding', async () => {
    const { fake, tracker, of, poller } = setup();
    poller.start();
    await acceptAndTrack(fake, tracker, C, assetsFor('few', 2));
    await advanceUntilSettled(fake, tracker);
    expect(of('minted')).toHaveLength(2);
    const { lists, gets } = statusRequests(fake);
    expect(lists).toHaveLength(0);
    expect(gets.length).toBeGreaterThanOrEqual(2);
    expect(gets.length).toBeLessThanOrEqual(4);
    poller.stop();
  });

  it('backs off while nothing changes and restarts on a new acceptance', async () => {
    const { fake, tracker, poller } = setup({
      latencyMs: null,
      poller: { minIntervalMs: 1000, maxIntervalMs: 8000 },
    });
    poller.start();
    expect(fake.clock.pending()).toBe(0);
    await acceptAndTrack(fake, tracker, C, assetsFor('slow', 1));
    const times = () => statusRequests(fake).gets.map((r) => r.at - fake.requests[0]!.at);
    await fake.advanceTime(40_000);
    // 1 s, then 2, 4, 8, 8, 8 ...: doubling up to the cap while the mint stays pending.
    expect(times().slice(0, 5)).toEqual([1000, 3000, 7000, 15000, 23000]);
    const before = times().length;
    await acceptAndTrack(fake, tracker, C, assetsFor('new', 1));
    await fake.advanceTime(1000);
    expect(times().length).toBe(before + 2); // both polled one second after the new acceptance
    await fake.settle();
    await advanceUntilSettled(fake, tracker);
    expect(tracker.outstandingCount()).toBe(0);
    expect(fake.clock.pending()).toBe(0);
    poller.stop();
  });

  it('respects the read rate limit', async () => {
    const { fake, tracker, of, poller } = setup({ poller: { pageSize: 5, readsPerSecond: 5, readBurst: 5 } });
    poller.start();
    const assets = assetsFor('rl', 60);
    await acceptAndTrack(fake, tracker, C, assets);
    const start = fake.clock.now();
    await advanceUntilSettled(fake, tracker, 250);
    expect(of('minted')).toHaveLength(60);
    const reads = fake.requests.filter((r) => r.method === 'GET');
    expect(reads.length).toBeGreaterThan(12);
    for (const r of reads) {
      const elapsed = (r.at - start) / 1000;
      const upTo = reads.filter((x) => x.at <= r.at).length;
      expect(upTo).toBeLessThanOrEqual(5 + Math.floor(5 * elapsed) + 1);
    }
    poller.stop();
  });

  it('pauses on a 429 for reads and carries on afterwards', async () => {
    const warn = vi.fn();
    const { fake, tracker, of, poller } = setup({ poller: { logger: { ...silentLogger, warn } } });
    fake.faults.next(1, { status: 429, headers: { 'retry-after': '9' } }, { method: 'GET' });
    poller.start();
    await acceptAndTrack(fake, tracker, C, assetsFor('429', 10));
    await fake.advanceTime(2000); // first round: 429
    expect(poller.stats().rateLimited).toBe(1);
    const reads = () => fake.requests.filter((r) => r.method === 'GET').length;
    const afterFirst = reads();
    await fake.advanceTime(8000);
    expect(reads()).toBe(afterFirst); // still paused (9 s)
    await advanceUntilSettled(fake, tracker);
    expect(of('minted')).toHaveLength(10);
    expect(warn).toHaveBeenCalledWith('mintkit: status polling was rate limited', { retryAfterMs: 9000 });
    poller.stop();
  });

  it('reports the failure reason, and retryFailed resubmits the same reference_id', async () => {
    const fake = createFakeImmutableApi({ tier: 'partner', latencyMs: 2000 });
    const resubmit = vi.fn(async (collection: string, asset: { referenceId: string; owner: string }) => {
      // The first mint fails again on chain; the second goes through.
      if (asset.referenceId === 'fail-1') fake.failReferenceId(C, 'fail-1', 'insufficient gas again');
      await submitToFake(fake, collection, [asset]);
    });
    const { tracker, of } = fakeTracker(fake, { retryFailed: { attempts: 1 }, resubmit });
    const poller = fakePoller(fake, tracker);
    poller.start();
    const assets = assetsFor('fail', 6);
    fake.failReferenceId(C, 'fail-1', 'insufficient gas');
    fake.failReferenceId(C, 'fail-2', 'reverted once');
    const settled = await acceptAndTrack(fake, tracker, C, assets);
    await fake.advanceTime(2000);
    expect(resubmit).toHaveBeenCalledTimes(2);
    await advanceUntilSettled(fake, tracker);
    const outcomes = await Promise.all(settled);
    expect(outcomes.map((o) => o.status)).toEqual([
      'succeeded',
      'failed',
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    const failed = outcomes[1];
    expect(failed?.status === 'failed' && failed.error).toMatchObject({ reason: 'insufficient gas again' });
    expect(
      of('retrying')
        .map((r) => r.referenceIds[0])
        .sort(),
    ).toEqual(['fail-1', 'fail-2']);
    expect(of('failed')).toHaveLength(1);
    expect(of('minted')).toHaveLength(5);
    fake.assertNoDuplicateMints();
    poller.stop();
  });

  it('reconciles accepted-but-unsettled intents from the journal on start', async () => {
    const fake = createFakeImmutableApi({ tier: 'partner', latencyMs: null });
    const assets = assetsFor('journal', 8);
    await submitToFake(fake, C, assets); // accepted by a previous process
    await fake.settle({ referenceIds: ['journal-0', 'journal-1'] });
    const { tracker, of } = fakeTracker(fake);
    const poller = fakePoller(fake, tracker);
    poller.start();
    const intents = [
      ...assets.map((asset) => ({ collection: C, asset, state: 'accepted' as const })),
      {
        collection: C,
        asset: { referenceId: 'queued-0', owner: assets[0]!.owner },
        state: 'queued' as const,
      },
    ];
    const settled = reconcileAccepted(tracker, intents, poller);
    expect(settled).toHaveLength(8);
    await fake.advanceTime(0);
    expect(of('minted')).toHaveLength(2);
    await fake.settle();
    await advanceUntilSettled(fake, tracker);
    expect((await Promise.all(settled)).every((o) => o.status === 'succeeded')).toBe(true);
    expect(of('minted')).toHaveLength(8);
    poller.stop();
  });

  it('keeps polling other collections when one keeps failing', async () => {
    const warn = vi.fn();
    const { fake, tracker, of, poller } = setup({ poller: { logger: { ...silentLogger, warn } } });
    fake.faults.next(1000, { status: 403 }, { method: 'GET', path: new RegExp(C) });
    poller.start();
    await acceptAndTrack(fake, tracker, C, assetsFor('bad', 5));
    const good = assetsFor('good', 5).map((a, i) => ({ ...a, tokenId: `${i + 1}`, amount: '2' }));
    await acceptAndTrack(fake, tracker, FAKE_ERC1155_ADDRESS, good);
    for (let i = 0; i < 20; i++) await fake.advanceTime(1000);
    expect(of('minted').map((m) => m.collection)).toEqual(Array(5).fill(FAKE_ERC1155_ADDRESS));
    expect(tracker.outstandingCount()).toBe(5);
    expect(poller.stats().errors).toBeGreaterThan(0);
    expect(warn).toHaveBeenCalledWith(
      'mintkit: status poll failed',
      expect.objectContaining({ collection: C }),
    );
    poller.stop();
  });

  it('stop() leaves no timer behind even with mints outstanding', async () => {
    const { fake, tracker, poller } = setup({ latencyMs: null });
    poller.start();
    await acceptAndTrack(fake, tracker, C, assetsFor('stop', 5));
    await fake.advanceTime(2500);
    poller.stop();
    expect(fake.clock.pending()).toBe(0);
    const n = fake.requests.length;
    await fake.advanceTime(60_000);
    expect(fake.requests.length).toBe(n);
  });
});
