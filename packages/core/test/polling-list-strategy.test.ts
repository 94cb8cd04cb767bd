import { createFakeImmutableApi, FAKE_ERC721_ADDRESS } from '@mintkit/testing';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../src/runtime/logger.js';
import type { StatusApi } from '../src/tracker/list-scan.js';
import { createPoller, type PollerOptions } from '../src/tracker/poller.js';
import type { MintRequestStatus } from '../src/types.js';
import {
  acceptAndTrack,
  assetsFor,
  fakePoller,
  fakeStatusApi,
  fakeTracker,
  statusRequests,
} from './helpers/tracker-fake.js';

const C = FAKE_ERC721_ADDRESS;

describe('list strategy', () => {
  it('does not re-read settled history while mints trickle in (oldest-first listing)', async () => {
    const fake = createFakeImmutableApi({ tier: 'partner', latencyMs: 2000 });
    const { tracker, of } = fakeTracker(fake);
    const poller = fakePoller(fake, tracker);
    poller.start();
    // History the poller must not page through every round.
    await acceptAndTrack(fake, tracker, C, assetsFor('old', 1000));
    for (let i = 0; i < 10 && tracker.outstandingCount() > 0; i++) await fake.advanceTime(1000);
    const before = statusRequests(fake).lists.length;
    for (let wave = 0; wave < 40; wave++) {
      await acceptAndTrack(fake, tracker, C, assetsFor(`w${wave}`, 50));
      await fake.advanceTime(1000);
    }
    for (let i = 0; i < 60 && tracker.outstandingCount() > 0; i++) await fake.advanceTime(1000);
    expect(of('minted')).toHaveLength(3000);
    const lists = statusRequests(fake).lists.length - before;
    // Re-reading the settled history every round would cost > 5 pages a round for ~20 rounds.
    expect(lists / 2000).toBeLessThanOrEqual(0.04); // measured: 65 requests (0.033)
    poller.stop();
  });

  it.each([
    ['an hour behind ours', -3_600_000],
    ['an hour ahead of ours', 3_600_000],
  ])('stays exact and cheap when the API clock is %s', async (_label, skewMs) => {
    const fake = createFakeImmutableApi({ tier: 'partner', latencyMs: 2000 });
    const { tracker, of } = fakeTracker(fake);
    const inner = fakeStatusApi(fake);
    const shift = (r: MintRequestStatus): MintRequestStatus => ({
      ...r,
      created_at: new Date(Date.parse(r.created_at) + skewMs).toISOString(),
      updated_at: new Date(Date.parse(r.updated_at) + skewMs).toISOString(),
    });
    const api: StatusApi = {
      get: async (c, ref) => {
        const r = await inner.get(c, ref);
        return r && shift(r);
      },
      list: async (c, q) => {
        const page = await inner.list(c, q);
        return { ...page, result: page.result.map(shift) };
      },
    };
    const poller = createPoller({ tracker, api, clock: fake.clock, logger: silentLogger });
    poller.start();
    for (let wave = 0; wave < 30; wave++) {
      await acceptAndTrack(fake, tracker, C, assetsFor(`s${wave}`, 50));
      await fake.advanceTime(1000);
    }
    for (let i = 0; i < 60 && tracker.outstandingCount() > 0; i++) await fake.advanceTime(1000);
    expect(of('minted')).toHaveLength(1500);
    expect(new Set(of('minted').map((m) => m.referenceId)).size).toBe(1500);
    expect(statusRequests(fake).lists.length / 1500).toBeLessThanOrEqual(0.035); // measured: 39 (0.026)
    poller.stop();
  });

  it('stops paging as soon as every candidate is found (newest-first listing)', async () => {
    const api = scriptedApi('desc', 1000);
    const { of, poller } = await firstRound(api, ['r995', 'r996', 'r997', 'r998', 'r999'], {
      pageSize: 10,
      candidateGetLimit: 0,
    });
    expect(of('minted')).toHaveLength(5);
    expect(api.calls.filter((c) => c === 'succeeded')).toHaveLength(1);
    expect(api.calls.filter((c) => c === 'pending')).toHaveLength(1);
    expect(api.calls.filter((c) => c === 'failed')).toHaveLength(0);
    poller.stop();
  });

  it('GETs a few settled candidates instead of scanning a history it has no place in', async () => {
    const api = scriptedApi('shuffled', 1000);
    const { of, poller } = await firstRound(api, ['r10', 'r500', 'r999', 'r3', 'r4'], {
      minIntervalMs: 60_000,
    });
    expect(of('minted')).toHaveLength(5);
    expect(api.calls).toEqual(['pending', 'get', 'get', 'get', 'get', 'get']);
    poller.stop();
  });

  it('falls back to bounded full scans when the listing has no usable order', async () => {
    const api = scriptedApi('shuffled', 100);
    const { tracker, of, poller } = await firstRound(api, ['r1', 'r50', 'r99', 'missing-1', 'missing-2'], {
      pageSize: 10,
      maxPagesPerRound: 4,
      minIntervalMs: 60_000,
      listThreshold: 0,
      candidateGetLimit: 0,
    });
    // Bounded: at most 4 pages per listing per round.
    expect(api.calls.filter((c) => c === 'succeeded').length).toBeLessThanOrEqual(4);

    poller.poke();
    await api.drain();
    poller.poke();
    await api.drain();
    // Each round goes on where the last one stopped, so three rounds cover all ten pages.
    expect(api.cursors.filter((c) => c.startsWith('succeeded'))).toEqual(
      [undefined, 10, 20, 30, 40, 50, 60, 70, 80, 90].map((c) => `succeeded:${c}`),
    );
    expect(
      of('minted')
        .map((m) => m.referenceId)
        .sort(),
    ).toEqual(['r1', 'r50', 'r99']);
    expect(tracker.isOutstanding(C, 'missing-1')).toBe(true);
    poller.stop();
  });
});

/** Tracks `refs`, starts a poller over the scripted `api` and lets its first round run. */
async function firstRound(
  api: ReturnType<typeof scriptedApi>,
  refs: string[],
  options: Partial<PollerOptions>,
) {
  const { tracker, of } = fakeTracker(createFakeImmutableApi());
  for (const ref of refs) {
    void tracker.track({ collection: C, referenceId: ref, asset: { referenceId: ref, owner: '0x1' } });
  }
  const poller = createPoller({ tracker, api, clock: api.clock, logger: silentLogger, ...options });
  poller.start();
  poller.poke();
  await api.drain();
  return { tracker, of, poller };
}

/** A StatusApi over `n` succeeded records in a chosen order, on its own tiny manual clock. */
function scriptedApi(order: 'desc' | 'shuffled', n: number) {
  const fake = createFakeImmutableApi();
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  const records: MintRequestStatus[] = Array.from({ length: n }, (_, i) => ({
    chain: { id: '1', name: 'x' },
    collection_address: C,
    reference_id: `r${i}`,
    owner_address: '0x1',
    token_id: String(i + 1),
    transaction_hash: `0x${'1'.repeat(64)}`,
    created_at: new Date(t0 + i * 1000).toISOString(),
    updated_at: new Date(t0 + i * 1000 + 500).toISOString(),
    error: null,
    status: 'succeeded',
  }));
  if (order === 'desc') records.reverse();
  else records.sort((a, b) => ((Number(a.token_id) * 7919) % 101) - ((Number(b.token_id) * 7919) % 101));
  const calls: string[] = [];
  const cursors: string[] = [];
  const api: StatusApi = {
    async get(_c, ref) {
      calls.push('get');
      return records.find((r) => r.reference_id === ref) ?? null;
    },
    async list(_c, q) {
      calls.push(q.status);
      cursors.push(`${q.status}:${q.pageCursor}`);
      if (q.status !== 'succeeded') return { result: [], page: { next_cursor: null } };
      const start = q.pageCursor ? Number(q.pageCursor) : 0;
      const result = records.slice(start, start + q.pageSize);
      const next = start + q.pageSize < records.length ? String(start + q.pageSize) : null;
      return { result, page: { next_cursor: next } };
    },
  };
  return {
    ...api,
    calls,
    cursors,
    clock: fake.clock,
    drain: async () => {
      for (let i = 0; i < 20; i++) await fake.clock.advance(250);
    },
  };
}
