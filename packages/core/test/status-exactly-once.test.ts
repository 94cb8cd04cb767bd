import { createFakeImmutableApi, FAKE_ERC721_ADDRESS, FAKE_ERC1155_ADDRESS } from '@mintkit/testing';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../src/runtime/logger.js';
import { createPoller } from '../src/tracker/poller.js';
import type { MinterEvents } from '../src/types.js';
import {
  acceptAndTrack,
  assetsFor,
  bridgeWebhooks,
  fakeStatusApi,
  fakeTracker,
  submitToFake,
} from './helpers/tracker-fake.js';

type Knobs = { duplicateRate: number; dropRate: number; reorder: boolean; delayMs: number };

/** Runs one scenario; returns the recorded events and the fake's webhook deliveries. */
async function scenario(o: { webhooks: Knobs | null; polling: boolean; seed: number; n?: number }) {
  const fake = createFakeImmutableApi({
    tier: 'partner',
    latencyMs: 1500,
    seed: o.seed,
    failures: { rate: 0.1 },
  });
  const { tracker, of } = fakeTracker(fake);
  const bridge = o.webhooks ? bridgeWebhooks(fake, tracker) : undefined;
  if (o.webhooks) {
    await fake.webhooks.flush(); // the SubscriptionConfirmation
    expect(bridge?.results[0]?.kind).toBe('subscription-confirmed');
    Object.assign(fake.webhooks.knobs, o.webhooks);
  }
  const poller = createPoller({ tracker, api: fakeStatusApi(fake), clock: fake.clock, logger: silentLogger });
  if (o.polling) poller.start();
  const n = o.n ?? 60;
  const settled = [
    ...(await acceptAndTrack(fake, tracker, FAKE_ERC721_ADDRESS, assetsFor('a', n))),
    ...(await acceptAndTrack(
      fake,
      tracker,
      FAKE_ERC1155_ADDRESS,
      assetsFor('b', 2).map((a, i) => ({ ...a, tokenId: `${i + 1}`, amount: '3' })),
    )),
  ];
  await fake.advanceTime(500);
  // A second wave while the first settles.
  settled.push(...(await acceptAndTrack(fake, tracker, FAKE_ERC721_ADDRESS, assetsFor('c', n))));
  for (let i = 0; i < 300 && tracker.outstandingCount() > 0; i++) await fake.advanceTime(1000);
  // Late duplicates after everything settled change nothing.
  await fake.advanceTime(120_000);
  poller.stop();
  return {
    fake,
    tracker,
    of,
    outcomes: await Promise.all(settled),
    total: 2 * n + 2,
    results: bridge?.results ?? [],
  };
}

function expectExactlyOnce(of: <E extends keyof MinterEvents>(e: E) => MinterEvents[E][], total: number) {
  const terminal = [...of('minted'), ...of('failed')].map(
    (e) => `${e.collection.toLowerCase()}/${e.referenceId}`,
  );
  expect(terminal).toHaveLength(total);
  expect(new Set(terminal).size).toBe(total);
  // Per reference_id, statusChanged never leaves a terminal state.
  const last = new Map<string, string>();
  for (const c of of('statusChanged')) {
    const key = `${c.collection}/${c.referenceId}`;
    const prev = last.get(key);
    expect(prev === 'succeeded' || prev === 'failed').toBe(false);
    last.set(key, c.to);
  }
}

describe('exactly one minted/failed per reference_id', () => {
  it('polling only (webhooks off)', async () => {
    const { of, outcomes, total, fake } = await scenario({ webhooks: null, polling: true, seed: 1 });
    expectExactlyOnce(of, total);
    expect(outcomes.filter((o) => o.status === 'failed').length).toBeGreaterThan(0);
    expect(of('statusChanged').every((c) => c.source === 'poll')).toBe(true);
    expect(fake.webhooks.deliveries).toHaveLength(0);
  });

  it('webhooks only, with duplicates, reordering and delays', async () => {
    const { of, total, fake, results } = await scenario({
      webhooks: { duplicateRate: 0.5, dropRate: 0, reorder: true, delayMs: 700 },
      polling: false,
      seed: 2,
    });
    expectExactlyOnce(of, total);
    // The receiver dedupes by MessageId before the tracker sees them; the tracker dedupes the rest.
    expect(results.some((r) => r.kind === 'duplicate')).toBe(true);
    expect(of('statusChanged').every((c) => c.source === 'webhook')).toBe(true);
    const ids = fake.webhooks.deliveries.map((d) => d.messageId);
    expect(new Set(ids).size).toBeLessThan(ids.length); // duplicates really were delivered
    expect(fake.requests.filter((r) => r.method === 'GET')).toHaveLength(0);
  });

  it('both at once, with webhooks dropped, duplicated, reordered and delayed', async () => {
    const { of, total, fake } = await scenario({
      webhooks: { duplicateRate: 0.3, dropRate: 0.3, reorder: true, delayMs: 400 },
      polling: true,
      seed: 3,
    });
    expectExactlyOnce(of, total);
    const sources = new Set(of('statusChanged').map((c) => c.source));
    expect(sources).toEqual(new Set(['webhook', 'poll']));
    expect(fake.webhooks.deliveries.some((d) => d.status === 'dropped')).toBe(true);
  });

  it('both at once, healthy webhooks: polling backs off to a safety net', async () => {
    const { of, total, fake } = await scenario({
      webhooks: { duplicateRate: 0.2, dropRate: 0, reorder: false, delayMs: 100 },
      polling: true,
      seed: 4,
    });
    expectExactlyOnce(of, total);
    expect(of('statusChanged').every((c) => c.source === 'webhook')).toBe(true);
    expect(fake.requests.filter((r) => r.method === 'GET').length).toBeLessThanOrEqual(3);
  });

  it('a verified webhook that beats the 202 is held until the mint is tracked', async () => {
    const fake = createFakeImmutableApi({ latencyMs: null });
    const { tracker, of } = fakeTracker(fake);
    bridgeWebhooks(fake, tracker);
    await fake.webhooks.flush();
    const assets = assetsFor('race', 3);
    await submitToFake(fake, FAKE_ERC721_ADDRESS, assets);
    await fake.settle();
    await fake.webhooks.flush(); // pending + succeeded delivered before track()
    expect(of('minted')).toHaveLength(0);
    const settled = assets.map((asset) =>
      tracker.track({ collection: FAKE_ERC721_ADDRESS, referenceId: asset.referenceId, asset }),
    );
    expect(of('minted')).toHaveLength(3);
    expect((await Promise.all(settled)).every((o) => o.status === 'succeeded')).toBe(true);
    expect(fake.requests.filter((r) => r.method === 'GET')).toHaveLength(0);
  });
});
