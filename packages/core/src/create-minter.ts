import { type Budget, TIERS, type TierRate } from './budget/budget.js';
import { createTokenBucket, type TokenBucket } from './budget/token-bucket.js';
import { AbortError } from './errors/errors.js';
import { registerSecret } from './errors/mintkit-error.js';
import { createEmitter } from './events/emitter.js';
import { createHooks } from './hooks/hooks.js';
import type { Journal } from './journal/journal.js';
import { createMintBatch } from './mint-many.js';
import { createMintQueue, settle } from './mint-queue.js';
import type { DrainOptions, Minter, MinterStats, Nft } from './minter.js';
import type { MinterOptions } from './minter-options.js';
import { createNftReader } from './read/list-nfts.js';
import { createRefresher } from './refresh/refresh-metadata.js';
import { type Clock, systemClock } from './runtime/clock.js';
import { silentLogger } from './runtime/logger.js';
import { createHttpClient } from './submitter/http-client.js';
import { createHttpStatusApi } from './tracker/http-status-api.js';
import { createPoller, type Poller } from './tracker/poller.js';
import { statusUpdateFromRecord } from './tracker/status-update.js';
import { createTracker } from './tracker/tracker.js';
import type { Emit, MintRequestStatus, RunHooks } from './types.js';
import { parseMinterOptions } from './validate/options.js';
import { validateCollection } from './validate/validate-asset.js';
import { createWebhookReceiver, type WebhookReceiver } from './webhooks/webhook-receiver.js';

const resolved = Promise.resolve();
const nullJournal: Journal = {
  record: () => resolved,
  markAccepted: () => resolved,
  markSettled: () => resolved,
  unfinished: async () => [],
};

const ENVIRONMENTS = {
  sandbox: { baseUrl: 'https://api.sandbox.immutable.com', chainName: 'imtbl-zkevm-testnet' },
  production: { baseUrl: 'https://api.immutable.com', chainName: 'imtbl-zkevm-mainnet' },
} as const;

/**
 * Creates a minter: `mint()` validates, batches per collection, paces requests to the rate
 * limit, retries what is safe to retry, and settles each mint exactly once.
 *
 * @example
 * const minter = createMinter({ apiKey: process.env.IMMUTABLE_API_KEY!, environment: 'sandbox' });
 * const receipt = await minter.mint(collection, { referenceId: referenceIdFrom('drop', playerId), owner });
 * const outcome = await receipt.settled;
 */
export function createMinter(options: MinterOptions): Minter {
  parseMinterOptions(options);
  registerSecret(options.apiKey);
  const env =
    typeof options.environment === 'object'
      ? options.environment
      : ENVIRONMENTS[options.environment ?? 'sandbox'];
  const baseUrl = env.baseUrl.replace(/\/+$/, '');
  const chainName = env.chainName;
  const clock: Clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const maxPauseMs = options.rateLimit?.maxPauseMs ?? 120_000;
  // Defaults ride out a few minutes of outage (about 5 min of backoff in all) before a mint is
  // refused as retryable: a game server should not lose a reward to a short 503 storm.
  const retry = { attempts: 12, baseMs: 500, maxMs: 60_000, factor: 2, ...defined(options.retry) };
  // Without a journal option nothing could ever read the intents back (a fresh in-memory
  // journal is empty at every start), so none is kept: no per-mint work, no memory.
  const journal: Journal = options.journal ?? nullJournal;
  const report = (context: string) => (error: unknown) => emit('error', { error, context });

  const emitter = createEmitter(logger);
  const counters = { requests: 0, retries: 0, rateLimited: 0 };
  const emit: Emit = (event, payload) => {
    if (event === 'retrying') counters.retries++;
    else if (event === 'rateLimited') counters.rateLimited++;
    else if ((event === 'minted' || event === 'failed') && journal !== nullJournal) {
      // Every final answer (refusal, retries exhausted, on-chain outcome) passes here once.
      const p = payload as { collection: string; referenceId: string };
      const outcome = event === 'minted' ? 'succeeded' : 'failed';
      settle(() => journal.markSettled(p.collection, p.referenceId, outcome)).catch(report('journal'));
    }
    emitter.emit(event, payload);
  };
  const hooks = createHooks();
  const runHooks: RunHooks = (name, ctx, fn) => hooks.run(name, ctx, fn);

  const rawHttp = createHttpClient({
    apiKey: options.apiKey,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    clock,
    timeoutMs: options.timeouts?.requestMs ?? 30_000,
    maxRequestBytes: options.limits?.maxRequestBytes,
    maxResponseBytes: options.limits?.maxResponseBytes,
    hooks,
  });
  const http = {
    ...rawHttp,
    send: (...args: Parameters<typeof rawHttp.send>) => {
      counters.requests++;
      return rawHttp.send(...args);
    },
  };
  const rate: TierRate = typeof options.tier === 'object' ? options.tier : TIERS[options.tier ?? 'standard'];
  const ownBucket: TokenBucket | undefined = options.budget ? undefined : createTokenBucket(rate, clock);
  const budget: Budget = options.budget ?? (ownBucket as TokenBucket);
  const collectionUrl = (collection: string) => `${baseUrl}/v1/chains/${chainName}/collections/${collection}`;

  const { polling, ...trackerSettings } = options.tracking ?? {};
  const tracker = createTracker({
    ...trackerSettings,
    clock,
    emit,
    runHooks,
    hasOutcomeHooks: () => hooks.has('outcome'),
    logger,
    // A mint that failed on chain may be sent again with the same reference_id (tracking.retryFailed).
    resubmit: (collection, asset) => queue.mint(collection, asset),
  });

  const statusApi = createHttpStatusApi(http, collectionUrl);
  const nftReader = createNftReader(http, collectionUrl);
  async function status(collection: string, referenceId: string): Promise<MintRequestStatus | null> {
    return statusApi.get(validateCollection(collection), referenceId);
  }

  const poller: Poller | undefined =
    polling === false
      ? undefined
      : createPoller({ ...polling, tracker, api: { get: status, list: statusApi.list }, clock, logger });
  poller?.start();

  const queue = createMintQueue({
    http,
    budget,
    hooks,
    emit,
    clock,
    random: options.random ?? Math.random,
    logger,
    journal,
    journaling: journal !== nullJournal,
    retry,
    maxPauseMs,
    maxSize: options.batch?.maxSize ?? 100,
    lingerMs: options.batch?.lingerMs ?? 5,
    concurrency: options.concurrency ?? 4,
    collections: new Map(Object.entries(options.collections ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    mintUrl: (c) => `${collectionUrl(c)}/nfts/mint-requests`,
    track: (collection, asset, since) =>
      tracker.track(
        since === undefined
          ? { collection, referenceId: asset.referenceId, asset }
          : { collection, referenceId: asset.referenceId, asset, since },
      ),
    lookup: async (collection, referenceId) => {
      // A shortcut only: the mint is tracked already and the poller (or a webhook) settles it
      // if this read fails, so a failure is worth a log line, not an `error` event.
      const record = await status(collection, referenceId).catch((error: unknown) => {
        logger.warn('status lookup after a 409 failed; polling will follow the mint', {
          collection,
          referenceId,
          error: error instanceof Error ? error.message : String(error),
        });
        return null;
      });
      if (record) tracker.report(statusUpdateFromRecord(collection, record), 'lookup');
    },
  });
  queue.recover(() => poller?.poke());

  const refresher = createRefresher({
    http,
    clock,
    emit,
    maxPauseMs,
    attempts: retry.attempts,
    baseMs: retry.baseMs,
    maxMs: retry.maxMs,
    collectionUrl,
  });

  // Created on first use: most processes that mint never receive webhooks themselves.
  let receiver: WebhookReceiver | undefined;
  const webhookReceiver = () => {
    receiver ??= createWebhookReceiver({
      ...(typeof options.environment === 'string' ? { environment: options.environment } : {}),
      ...options.webhooks,
      onMintRequestUpdated: (update) => tracker.report(update, 'webhook'),
      onConfirmation: (outcome) => {
        if (!outcome.confirmed)
          emit('error', { error: outcome.error, context: 'webhook subscription confirmation' });
      },
    });
    return receiver;
  };

  let closed = false;
  let closing: Promise<void> | undefined;
  const teardowns: Array<() => void | Promise<void>> = [];
  const drain = async (o: DrainOptions = {}) => {
    // A caller awaiting drain() has work in flight, and the only pending timer may be an
    // unref'd backoff or 429 pause: hold the event loop open until the wait ends.
    const keepAlive = globalThis.setInterval(() => {}, 2 ** 30);
    try {
      await queue.drain();
      // Mints accepted while we wait are tracked too, so look again until none is left.
      for (
        let pending = tracker.outstanding();
        o.settled && pending.length > 0;
        pending = tracker.outstanding()
      )
        await Promise.all(pending.map((p) => tracker.settled(p.collection, p.referenceId)));
    } finally {
      globalThis.clearInterval(keepAlive);
    }
    emit('drained', {});
  };

  const minter: Minter = {
    mint: (collection, asset, o) =>
      closed ? Promise.reject(new AbortError('the minter is closed')) : queue.mint(collection, asset, o),
    mintMany: (collection, assets, o) => createMintBatch(minter.mint, collection, assets, o),
    refreshMetadata: async (collection, items) =>
      refresher.refreshNfts(validateCollection(collection), items),
    refreshMetadataStacks: async (collection, items) =>
      refresher.refreshStacks(validateCollection(collection), items),
    async getNft(collection, tokenId) {
      const c = validateCollection(collection);
      const result = await http.send('GET', `${collectionUrl(c)}/nfts/${encodeURIComponent(tokenId)}`);
      if (result.status === 404) return null;
      if (result.status !== 200) throw http.toError(result, 'read');
      return ((result.data as { result?: Nft } | null)?.result ?? null) as Nft | null;
    },
    listNfts: nftReader.listNfts,
    nfts: nftReader.nfts,
    status,
    hooks: { before: hooks.before, after: hooks.after, error: hooks.error, wrap: hooks.wrap },
    webhooks: {
      async handle(rawBody, headers) {
        const result = await webhookReceiver().handle(rawBody, headers);
        if (result.kind === 'mint-request-updated' || result.kind === 'event') {
          const event = result.kind === 'event' ? result.eventName : 'imtbl_zkevm_mint_request_updated';
          emit('webhook', { event, messageId: result.messageId, duplicate: false });
        } else if (result.kind === 'duplicate') {
          emit('webhook', { event: 'duplicate', messageId: result.messageId, duplicate: true });
        }
        return result;
      },
    },
    resume() {
      queue.submitter.resume();
    },
    stats(): MinterStats {
      return {
        ...queue.stats(),
        requests: counters.requests,
        retries: counters.retries,
        rateLimited: counters.rateLimited,
        paused: queue.submitter.paused(),
      };
    },
    drain,
    close() {
      if (closing) return closing;
      closed = true;
      closing = (async () => {
        // While the auth circuit is open nothing can drain: refuse what waits (a durable journal keeps it).
        if (queue.submitter.paused() === 'auth') queue.submitter.close();
        await drain();
        queue.close();
        poller?.stop();
        tracker.close();
        ownBucket?.close();
        for (const teardown of teardowns.reverse())
          await Promise.resolve(teardown()).catch(report('plugin teardown'));
        await journal.close?.();
      })();
      return closing;
    },
    [Symbol.asyncDispose]() {
      return minter.close();
    },
    on(event, listener) {
      emitter.on(event, listener);
      return minter;
    },
    once(event, listener) {
      emitter.once(event, listener);
      return minter;
    },
    off(event, listener) {
      emitter.off(event, listener);
      return minter;
    },
  };
  // What JSON.stringify and util.inspect show: never the key.
  const describe = () => ({ name: 'Minter', baseUrl, chainName, stats: minter.stats() });
  Object.defineProperties(minter, {
    toJSON: { value: describe, enumerable: false },
    [Symbol.for('nodejs.util.inspect.custom')]: { value: describe, enumerable: false },
  });

  for (const plugin of options.plugins ?? []) {
    const teardown = plugin.setup(minter);
    if (typeof teardown === 'function') teardowns.push(teardown);
  }
  return minter;
}

function defined<T extends object>(o: T | undefined): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o ?? {})) if (v !== undefined) out[k] = v;
  return out as Partial<{ [K in keyof T]: Exclude<T[K], undefined> }>;
}
