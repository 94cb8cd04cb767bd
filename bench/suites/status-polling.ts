/**
 * Status tracking cost and latency, against the fake on its manual clock (seconds, not minutes).
 *
 * 1. Status-lookup requests per mint while 10,000 mints settle with polling only: 100
 *    requests of 100 mints, one every 500 ms (a steady stream, so the poller cannot wait for
 *    everything to settle and read it once), each settling 2 s after acceptance. mintkit's
 *    tracker + poller (default settings: list endpoint when > 3 outstanding, 5 reads/s)
 *    vs the guide's `waitForMint` (minting-api-docs.md: one GET per mint every 2 s until
 *    settled) on the same stream. Target ≤ 0.02.
 * 2. Delay from on-chain settlement (the record's updated_at) to `minted`, for both.
 * 3. Webhook-to-event latency (wall clock): the fake settles a mint, signs and delivers the
 *    SNS notification, the receiver verifies it (RSA), the tracker emits `minted`.
 *
 * Measured twice: the tracker and poller driven directly (status tracking alone), and the
 * whole createMinter (batcher, budget, submitter, tracker, poller) on the same stream.
 */
import {
  createMinter,
  createPoller,
  createTracker,
  createWebhookReceiver,
  type MintRequestStatus,
  type StatusApi,
  silentLogger,
} from '@mintkit/core';
import { createFakeImmutableApi, FAKE_ERC721_ADDRESS, type FakeImmutableApi } from '@mintkit/testing';
import type { BenchEntry } from '../types.js';

const MINTS = 10_000;
const PER_REQUEST = 100;
const ARRIVAL_EVERY_MS = 500;
const SETTLE_MS = 2_000;
const TARGET = 0.02;
const WEBHOOK_SAMPLES = 1_000;
const OWNER = '0x00000000000000000000000000000000000a11ce';
const C = FAKE_ERC721_ADDRESS;

const newFake = () =>
  createFakeImmutableApi({ tier: 'partner', latencyMs: SETTLE_MS, recordRequests: false });
const base = (fake: FakeImmutableApi) =>
  `${fake.baseUrl}/v1/chains/${fake.chainName}/collections/${C}/nfts/mint-requests`;
const headers = (fake: FakeImmutableApi) => ({ 'x-immutable-api-key': fake.apiKey });

/** A counting fetch-based StatusApi (the engine's own is ky-based). */
function statusApi(fake: FakeImmutableApi, counts: { get: number; list: number }): StatusApi {
  return {
    async get(_c, ref) {
      counts.get++;
      const res = await fake.fetch(`${base(fake)}/${encodeURIComponent(ref)}`, { headers: headers(fake) });
      const body = (await res.json()) as { result: MintRequestStatus[] };
      return body.result[0] ?? null;
    },
    async list(_c, q) {
      counts.list++;
      const params = new URLSearchParams({ status: q.status, page_size: String(q.pageSize) });
      if (q.pageCursor) params.set('page_cursor', q.pageCursor);
      const res = await fake.fetch(`${base(fake)}?${params}`, { headers: headers(fake) });
      if (res.status !== 200) throw new Error(`list answered ${res.status}`);
      return (await res.json()) as { result: MintRequestStatus[]; page: { next_cursor: string | null } };
    },
  };
}

async function submit(fake: FakeImmutableApi, wave: number): Promise<string[]> {
  const refs = Array.from({ length: PER_REQUEST }, (_, i) => `w${wave}-${i}`);
  const res = await fake.fetch(base(fake), {
    method: 'POST',
    headers: { ...headers(fake), 'content-type': 'application/json' },
    body: JSON.stringify({ assets: refs.map((reference_id) => ({ reference_id, owner_address: OWNER })) }),
  });
  if (res.status !== 202) throw new Error(`mint POST answered ${res.status}`);
  return refs;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

/** Settlement time of each record (fake clock), to measure how late each source noticed. */
const settledAt = (fake: FakeImmutableApi) =>
  new Map(fake.mintRequests().map((r) => [r.referenceId, r.updatedAt]));

async function withPoller() {
  const fake = newFake();
  const counts = { get: 0, list: 0 };
  const mintedAt = new Map<string, number>();
  const tracker = createTracker({
    clock: fake.clock,
    logger: silentLogger,
    emit: (event, payload) => {
      if (event === 'minted')
        mintedAt.set((payload as { referenceId: string }).referenceId, fake.clock.now());
    },
  });
  const poller = createPoller({
    tracker,
    api: statusApi(fake, counts),
    clock: fake.clock,
    logger: silentLogger,
  });
  poller.start();
  for (let wave = 0; wave < MINTS / PER_REQUEST; wave++) {
    for (const referenceId of await submit(fake, wave)) {
      void tracker.track({ collection: C, referenceId, asset: { referenceId, owner: OWNER } });
    }
    await fake.advanceTime(ARRIVAL_EVERY_MS);
  }
  for (let i = 0; i < 600 && tracker.outstandingCount() > 0; i++) await fake.advanceTime(1_000);
  poller.stop();
  if (mintedAt.size !== MINTS) throw new Error(`poller: ${mintedAt.size} of ${MINTS} minted`);
  return { counts, delays: delays(fake, mintedAt), timersLeft: fake.clock.pending() };
}

/** The same stream through createMinter (batcher, budget, submitter, tracker, poller). */
async function withMinter() {
  const fake = newFake();
  const counts = { get: 0, list: 0 };
  const mintedAt = new Map<string, number>();
  // Counts status reads on the wire (fake.requests keeps only the latest 10,000 requests).
  const countingFetch: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    if (method === 'GET' && url.pathname.includes('/mint-requests')) {
      if (url.pathname.endsWith('/mint-requests')) counts.list++;
      else counts.get++;
    }
    return fake.fetch(input, init);
  };
  const minter = createMinter({
    apiKey: fake.apiKey,
    tier: 'partner',
    fetch: countingFetch,
    clock: fake.clock,
    collections: { [C]: 'ERC721' },
  });
  minter.on('minted', (m) => {
    mintedAt.set(m.referenceId, fake.clock.now());
  });
  const receipts: Array<Promise<unknown>> = [];
  for (let wave = 0; wave < MINTS / PER_REQUEST; wave++) {
    for (let i = 0; i < PER_REQUEST; i++) {
      receipts.push(minter.mint(C, { referenceId: `w${wave}-${i}`, owner: OWNER }));
    }
    await fake.advanceTime(ARRIVAL_EVERY_MS);
  }
  for (let i = 0; i < 600 && mintedAt.size < MINTS; i++) await fake.advanceTime(1_000);
  await Promise.all(receipts);
  await minter.close();
  if (mintedAt.size !== MINTS) throw new Error(`createMinter: ${mintedAt.size} of ${MINTS} minted`);
  return { counts, delays: delays(fake, mintedAt) };
}

async function withWaitForMint() {
  const fake = newFake();
  const counts = { get: 0, list: 0 };
  const api = statusApi(fake, counts);
  const mintedAt = new Map<string, number>();
  const sleep = (ms: number) => new Promise<void>((r) => fake.clock.setTimeout(r, ms));
  // The guide's loop, verbatim in spirit: GET, settled? done : sleep 2 s.
  const waitForMint = async (referenceId: string) => {
    for (let i = 0; i < 30; i++) {
      const record = await api.get(C, referenceId);
      if (record && record.status !== 'pending') {
        mintedAt.set(referenceId, fake.clock.now());
        return;
      }
      await sleep(2_000);
    }
  };
  const loops: Array<Promise<void>> = [];
  for (let wave = 0; wave < MINTS / PER_REQUEST; wave++) {
    for (const ref of await submit(fake, wave)) loops.push(waitForMint(ref));
    await fake.advanceTime(ARRIVAL_EVERY_MS);
  }
  for (let i = 0; i < 600 && mintedAt.size < MINTS; i++) await fake.advanceTime(1_000);
  await Promise.all(loops);
  return { counts, delays: delays(fake, mintedAt) };
}

function delays(fake: FakeImmutableApi, mintedAt: Map<string, number>): number[] {
  const settled = settledAt(fake);
  return [...mintedAt].map(([ref, at]) => at - (settled.get(ref) ?? at));
}

/** Wall-clock ms from "the fake settles one mint" to "`minted` is emitted", via signed SNS. */
async function webhookLatency(): Promise<number[]> {
  const fake = createFakeImmutableApi({ tier: 'partner', latencyMs: null, recordRequests: false });
  let resolveMinted: (() => void) | undefined;
  const tracker = createTracker({
    clock: fake.clock,
    logger: silentLogger,
    emit: (event) => {
      if (event === 'minted') resolveMinted?.();
    },
  });
  const receiver = createWebhookReceiver({
    ...fake.webhooks.verifierOptions(),
    fetch: fake.fetch,
    allowedSubscribeUrl: (url) => url.startsWith(`${fake.baseUrl}/_fake/webhooks/confirm?`),
    onMintRequestUpdated: (update) => tracker.report(update, 'webhook'),
  });
  fake.webhooks.subscribe(
    async (request) => {
      const h: Record<string, string> = {};
      request.headers.forEach((v, k) => {
        h[k] = v;
      });
      await receiver.handle(await request.text(), h);
      return new Response(null, { status: 200 });
    },
    { events: ['imtbl_zkevm_mint_request_updated'] },
  );
  await fake.webhooks.flush();
  const samples: number[] = [];
  for (let i = 0; i < WEBHOOK_SAMPLES; i++) {
    const referenceId = `hook-${i}`;
    await fake.fetch(base(fake), {
      method: 'POST',
      headers: { ...headers(fake), 'content-type': 'application/json' },
      body: JSON.stringify({ assets: [{ reference_id: referenceId, owner_address: OWNER }] }),
    });
    void tracker.track({ collection: C, referenceId, asset: { referenceId, owner: OWNER } });
    await fake.webhooks.flush(); // the `pending` notification, outside the measurement
    const minted = new Promise<void>((r) => {
      resolveMinted = r;
    });
    const started = performance.now();
    await fake.settle({ referenceIds: [referenceId] });
    await fake.webhooks.flush();
    await minted;
    samples.push(performance.now() - started);
  }
  return samples;
}

export const name = 'status tracking';

export async function run(): Promise<BenchEntry[]> {
  const polled = await withPoller();
  const minter = await withMinter();
  const baseline = await withWaitForMint();
  const perMint = (polled.counts.get + polled.counts.list) / MINTS;
  const minterPerMint = (minter.counts.get + minter.counts.list) / MINTS;
  const basePerMint = baseline.counts.get / MINTS;
  const hook = await webhookLatency();
  return [
    {
      name: 'status-lookup requests per mint, polling only (10,000 mints)',
      value: perMint,
      unit: 'req/mint',
      baseline: basePerMint,
      ratio: perMint / basePerMint,
      notes: `${polled.counts.list} list + ${polled.counts.get} GET; target ≤ ${TARGET}; baseline = guide's waitForMint (${baseline.counts.get} GETs); timers left after settling: ${polled.timersLeft}`,
    },
    {
      name: 'status-lookup requests per mint, createMinter, polling only (10,000 mints)',
      value: minterPerMint,
      unit: 'req/mint',
      baseline: basePerMint,
      ratio: minterPerMint / basePerMint,
      notes: `${minter.counts.list} list + ${minter.counts.get} GET; settled → minted p50 ${percentile(minter.delays, 50)} ms, p99 ${percentile(minter.delays, 99)} ms (fake clock)`,
    },
    { name: 'target requests per mint', value: TARGET, unit: 'req/mint' },
    {
      name: 'settled → minted delay p50, poller (fake clock)',
      value: percentile(polled.delays, 50),
      unit: 'ms',
      notes: `waitForMint: ${percentile(baseline.delays, 50)} ms (its 2 s GETs line up with the fake's 2 s settle; it also needs ~${Math.round(basePerMint * PER_REQUEST * (1000 / ARRIVAL_EVERY_MS))} reads/s at this rate, far over a 5 req/s read limit)`,
    },
    {
      name: 'settled → minted delay p99, poller (fake clock)',
      value: percentile(polled.delays, 99),
      unit: 'ms',
      notes: `waitForMint: ${percentile(baseline.delays, 99)} ms`,
    },
    {
      name: 'webhook → minted latency p50 (signed SNS, verified)',
      value: percentile(hook, 50),
      unit: 'ms wall',
    },
    {
      name: 'webhook → minted latency p99 (signed SNS, verified)',
      value: percentile(hook, 99),
      unit: 'ms wall',
    },
  ];
}
