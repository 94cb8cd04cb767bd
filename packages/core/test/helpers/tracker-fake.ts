import type { FakeImmutableApi } from '@mintkit/testing';
import { ApiError, RateLimitedError } from '../../src/errors/errors.js';
import { silentLogger } from '../../src/runtime/logger.js';
import type { StatusApi } from '../../src/tracker/list-scan.js';
import { createPoller, type PollerOptions } from '../../src/tracker/poller.js';
import { createTracker, type Tracker, type TrackerOptions } from '../../src/tracker/tracker.js';
import type { Emit, MinterEventName, MinterEvents, MintRequestStatus } from '../../src/types.js';
import type { MintAsset } from '../../src/validate/schemas.js';
import { createWebhookReceiver, type WebhookResult } from '../../src/webhooks/webhook-receiver.js';

export const OWNER = '0x2222222222222222222222222222222222222222';

const collectionsUrl = (fake: FakeImmutableApi) => `${fake.baseUrl}/v1/chains/${fake.chainName}/collections`;

async function read(fake: FakeImmutableApi, url: string): Promise<unknown> {
  const res = await fake.fetch(url, { headers: { 'x-immutable-api-key': fake.apiKey } });
  if (res.status === 429) {
    const retryAfterMs = Number(res.headers.get('retry-after') ?? '1') * 1000;
    throw new RateLimitedError('rate limited', {
      status: 429,
      code: 'TOO_MANY_REQUESTS_ERROR',
      retryAfterMs,
      resetAt: null,
      remaining: null,
      limit: null,
      scope: 'read',
    });
  }
  if (res.status === 404) return null;
  if (!res.ok) throw new ApiError(`HTTP ${res.status}`, { status: res.status, code: 'HTTP_ERROR' });
  return res.json();
}

/** A tiny fetch-based StatusApi over the fake (the engine ships the ky-based one). */
export function fakeStatusApi(fake: FakeImmutableApi): StatusApi {
  return {
    async get(collection, referenceId) {
      const body = (await read(
        fake,
        `${collectionsUrl(fake)}/${collection}/nfts/mint-requests/${encodeURIComponent(referenceId)}`,
      )) as {
        result: MintRequestStatus[];
      } | null;
      return body?.result[0] ?? null;
    },
    async list(collection, q) {
      const params = new URLSearchParams({ status: q.status, page_size: String(q.pageSize) });
      if (q.pageCursor) params.set('page_cursor', q.pageCursor);
      const body = (await read(
        fake,
        `${collectionsUrl(fake)}/${collection}/nfts/mint-requests?${params}`,
      )) as {
        result: MintRequestStatus[];
        page: { next_cursor: string | null };
      };
      return body;
    },
  };
}

/** POSTs assets (≤100 per request) straight to the fake, the way the submitter would. */
export async function submitToFake(
  fake: FakeImmutableApi,
  collection: string,
  assets: MintAsset[],
): Promise<void> {
  for (let i = 0; i < assets.length; i += 100) {
    const chunk = assets.slice(i, i + 100);
    const res = await fake.fetch(`${collectionsUrl(fake)}/${collection}/nfts/mint-requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-immutable-api-key': fake.apiKey },
      body: JSON.stringify({
        assets: chunk.map((a) => ({
          reference_id: a.referenceId,
          owner_address: a.owner,
          ...(a.tokenId === undefined ? {} : { token_id: a.tokenId }),
          ...(a.amount === undefined ? {} : { amount: a.amount }),
        })),
      }),
    });
    if (res.status !== 202) throw new Error(`mint POST answered ${res.status}: ${await res.text()}`);
  }
}

export const assetsFor = (prefix: string, n: number): MintAsset[] =>
  Array.from({ length: n }, (_, i) => ({ referenceId: `${prefix}-${i}`, owner: OWNER }));

/** A tracker on the fake's clock whose events are recorded. */
export function fakeTracker(fake: FakeImmutableApi, options: Partial<TrackerOptions> = {}) {
  const events: Array<{ event: MinterEventName; payload: unknown }> = [];
  const emit: Emit = (event, payload) => {
    events.push({ event, payload });
  };
  const tracker = createTracker({ clock: fake.clock, emit, logger: silentLogger, ...options });
  const of = <E extends MinterEventName>(event: E) =>
    events.filter((e) => e.event === event).map((e) => e.payload as MinterEvents[E]);
  return { tracker, events, of };
}

/** A poller (not started) for `tracker`, reading the fake through `fakeStatusApi` on its clock. */
export function fakePoller(fake: FakeImmutableApi, tracker: Tracker, options: Partial<PollerOptions> = {}) {
  return createPoller({
    tracker,
    api: fakeStatusApi(fake),
    clock: fake.clock,
    logger: silentLogger,
    ...options,
  });
}

/** Accepts assets at the fake and tracks them, as the engine does after a 202. */
export async function acceptAndTrack(
  fake: FakeImmutableApi,
  tracker: Tracker,
  collection: string,
  assets: MintAsset[],
) {
  await submitToFake(fake, collection, assets);
  return assets.map((asset) => tracker.track({ collection, referenceId: asset.referenceId, asset }));
}

/**
 * Subscribes the real webhook receiver (SNS signatures verified offline against the fake's
 * certificate) to the fake, feeding verified mint updates to the tracker as webhook reports.
 */
export function bridgeWebhooks(fake: FakeImmutableApi, tracker: Tracker) {
  const receiver = createWebhookReceiver({
    ...fake.webhooks.verifierOptions(),
    fetch: fake.fetch,
    allowedSubscribeUrl: (url) => url.startsWith(`${fake.baseUrl}/_fake/webhooks/confirm?`),
    onMintRequestUpdated: (update) => tracker.report(update, 'webhook'),
  });
  const results: WebhookResult[] = [];
  const subscription = fake.webhooks.subscribe(async (request) => {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    results.push(await receiver.handle(await request.text(), headers));
    return new Response(null, { status: 200 });
  });
  return { subscription, results };
}

export const statusRequests = (fake: FakeImmutableApi) => {
  const reads = fake.requests.filter((r) => r.method === 'GET' && r.path.includes('/mint-requests'));
  return {
    lists: reads.filter((r) => r.path.endsWith('/mint-requests')),
    gets: reads.filter((r) => !r.path.endsWith('/mint-requests')),
  };
};
