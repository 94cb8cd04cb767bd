import { z } from 'zod';
import { type AdminTarget, createAdminRoutes } from './admin/admin-routes.js';
import type { ManualClock } from './clock/manual-clock.js';
import { createFaultInjector, type FaultControls } from './faults/fault-injector.js';
import { type ApiModel, createApiModel } from './model/api-model.js';
import type { ApiModelOptions } from './model/options.js';
import { createSeededRandom } from './model/random.js';
import { createRequestRecorder, type RecordedRequest } from './recorder/request-recorder.js';
import { createDispatcher } from './transports/dispatcher.js';
import { createInProcessFetch } from './transports/in-process-fetch.js';
import { type ListeningServer, type ListenOptions, listenHttp } from './transports/node-http-server.js';
import { createFakeWebhooks, type FakeWebhooks } from './webhooks/create-fake-webhooks.js';

/** Options of {@link createFakeImmutableApi}: the model's options plus the facade's own. */
export interface FakeApiOptions extends ApiModelOptions {
  /**
   * Record every API request in `fake.requests` (admin routes excluded). Bodies are kept as
   * text and parsed on first read, so recording stays cheap; turn it off for long benches.
   * @default true
   * @example recordRequests: false
   */
  recordRequests?: boolean | undefined;
  /**
   * How many recorded requests to keep (the oldest are dropped in batches of 10%).
   * @default 10000
   * @example requestLogLimit: 100_000
   */
  requestLogLimit?: number | undefined;
}

/** The fake Immutable API: one model, several transports, test controls. */
export interface FakeImmutableApi {
  /** `https://api.sandbox.immutable.com` or `https://api.immutable.com`. */
  readonly baseUrl: string;
  /** `imtbl-zkevm-testnet` or `imtbl-zkevm-mainnet`. */
  readonly chainName: string;
  /** The default secret key; send it as `x-immutable-api-key`. */
  readonly apiKey: string;
  /** Routes one request through admin routes, faults and the model. */
  handle(request: Request): Promise<Response>;
  /** In-process `fetch` (no sockets); any host reaches the fake. */
  readonly fetch: typeof fetch;
  /**
   * Serves the fake over node:http on loopback; `close()` destroys open connections.
   * While a server is open, webhook subscriptions made from then on get a `SubscribeURL` on
   * the newest open server's URL (`http://127.0.0.1:PORT/_fake/webhooks/confirm?…`).
   */
  listen(options?: ListenOptions): Promise<ListeningServer>;
  /** The fake's clock (manual unless `clock: 'real'`). */
  readonly clock: ManualClock;
  /** `clock.advance(ms)`: fires auto-settles, hangs, webhook deliveries that fall due. */
  advanceTime(ms: number): Promise<void>;
  settle: ApiModel['settle'];
  failReferenceId: ApiModel['failReferenceId'];
  readonly faults: FaultControls;
  readonly webhooks: FakeWebhooks;
  /** API requests received, oldest first (bounded by `requestLogLimit`). */
  readonly requests: RecordedRequest[];
  mintRequests: ApiModel['mintRequests'];
  ownerOf: ApiModel['ownerOf'];
  balanceOf: ApiModel['balanceOf'];
  assertNoDuplicateMints: ApiModel['assertNoDuplicateMints'];
  assertBudgetNeverExceeded: ApiModel['assertBudgetNeverExceeded'];
  addCollection: ApiModel['addCollection'];
  addApiKey: ApiModel['addApiKey'];
  /** Forgets every mint, NFT, budget charge, fault, recorded request and webhook delivery. */
  reset(): void;
}

const facadeOptionsSchema = z.looseObject({
  recordRequests: z.boolean().default(true),
  requestLogLimit: z.number().int().positive().default(10_000),
});

/**
 * Creates a stateful fake of Immutable's Minting API for tests.
 *
 * @example
 * const fake = createFakeImmutableApi({ latencyMs: null });
 * const res = await fake.fetch(`${fake.baseUrl}/v1/chains/${fake.chainName}/collections/${FAKE_ERC721_ADDRESS}/nfts/mint-requests`, {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json', 'x-immutable-api-key': fake.apiKey },
 *   body: JSON.stringify({ assets: [{ reference_id: 'r1', owner_address: '0x…' }] }),
 * });
 * await fake.settle();
 */
export function createFakeImmutableApi(options: FakeApiOptions = {}): FakeImmutableApi {
  const { recordRequests, requestLogLimit, ...modelOptions } = facadeOptionsSchema.parse(options);
  const model = createApiModel(modelOptions as ApiModelOptions);
  const clock = model.clock;
  const faults = createFaultInjector(options.seed);
  const recorder = createRequestRecorder({ enabled: recordRequests, limit: requestLogLimit });
  // URLs of the open listen() servers, newest last. A receiver out of process must GET the
  // SubscribeURL on a server that is up; in process (fake.fetch) any host reaches the fake.
  const listeningUrls: string[] = [];
  const listen = async (o?: ListenOptions): Promise<ListeningServer> => {
    const server = await listenHttp(dispatch, o);
    listeningUrls.push(server.url);
    return {
      url: server.url,
      close() {
        const i = listeningUrls.lastIndexOf(server.url);
        if (i !== -1) listeningUrls.splice(i, 1);
        return server.close();
      },
    };
  };
  const webhooks = createFakeWebhooks({
    clock,
    // A separate stream from the model's so subscribing a webhook never shifts the model's ids.
    random: createSeededRandom((options.seed ?? 1) ^ 0x5eb400c),
    environment: model.environment,
    onModelEvent: (listener) => model.onEvent(listener),
    // Looked up per call: a test's nock or MSW sees the deliveries.
    fetch: (input, init) => globalThis.fetch(input, init),
    baseUrl: () => listeningUrls.at(-1) ?? model.baseUrl,
  });

  const reset = () => {
    model.reset();
    faults.clear();
    recorder.clear();
    webhooks.reset();
  };

  const admin: AdminTarget = {
    settle: (filter) => model.settle(filter),
    advanceTime: (ms) => clock.advance(ms),
    reset,
    faults,
    mintRequests: (filter) => model.mintRequests(filter),
    state: () => {
      const byStatus = { pending: 0, succeeded: 0, failed: 0 };
      for (const r of model.mintRequests()) byStatus[r.status]++;
      return {
        now: clock.now(),
        pendingTimers: clock.pending(),
        requests: recorder.total(),
        mintRequests: byStatus,
        ...model.counters,
        scriptedFaultsLeft: faults.remaining(),
        webhookDeliveries: webhooks.deliveries.length,
      };
    },
    subscribeWebhook: (url, o) => webhooks.subscribe(url, o),
    confirmWebhook: (request) => webhooks.handleConfirmationRequest(request),
    certificatePem: () => webhooks.certificatePem,
  };

  const dispatch = createDispatcher({
    handleModel: (request, rawBody) => model.handle(request, rawBody),
    handleAdmin: createAdminRoutes(admin),
    faults,
    recorder,
    clock,
  });

  return {
    baseUrl: model.baseUrl,
    chainName: model.chainName,
    apiKey: model.apiKey,
    handle: (request) => dispatch(request),
    fetch: createInProcessFetch(dispatch),
    listen,
    clock,
    advanceTime: (ms) => clock.advance(ms),
    settle: (filter) => model.settle(filter),
    failReferenceId: (collection, referenceId, message) =>
      model.failReferenceId(collection, referenceId, message),
    faults,
    webhooks,
    requests: recorder.requests,
    mintRequests: (filter) => model.mintRequests(filter),
    ownerOf: (collection, tokenId) => model.ownerOf(collection, tokenId),
    balanceOf: (collection, owner, tokenId) => model.balanceOf(collection, owner, tokenId),
    assertNoDuplicateMints: () => model.assertNoDuplicateMints(),
    assertBudgetNeverExceeded: () => model.assertBudgetNeverExceeded(),
    addCollection: (c) => model.addCollection(c),
    addApiKey: (k) => model.addApiKey(k),
    reset,
  };
}
