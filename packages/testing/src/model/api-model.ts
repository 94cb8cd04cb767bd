import type { ManualClock } from '../clock/manual-clock.js';
import type { FakeBehaviour } from './behaviour.js';
import type { Environment } from './constants.js';
import { createContext, type ModelContext } from './context.js';
import { createEventHub, type EventListener } from './events.js';
import {
  assertBudgetNeverExceeded,
  assertNoDuplicateMints,
  type BudgetReport,
  balanceOf,
  type MintRequestRecord,
  mintRequests,
  ownerOf,
} from './inspection.js';
import { type SettleFilter, settle } from './lifecycle.js';
import {
  type ApiModelOptions,
  type FakeApiKey,
  type FakeCollection,
  resolveApiKey,
  resolveCollection,
  resolveOptions,
} from './options.js';
import { route } from './router.js';
import {
  type ChargeRecord,
  createCollectionState,
  failKey,
  type MintLogEntry,
  type MintStatus,
} from './store.js';

/** The stateful model of the Immutable Minting API that every transport of the fake wraps. */
export interface ApiModel {
  readonly environment: Environment;
  /** `https://api.sandbox.immutable.com` or `https://api.immutable.com`. */
  readonly baseUrl: string;
  /** `imtbl-zkevm-testnet` or `imtbl-zkevm-mainnet`. */
  readonly chainName: string;
  /** The first configured key (by default FAKE_API_KEY). */
  readonly apiKey: string;
  readonly clock: ManualClock;
  readonly behaviour: Readonly<FakeBehaviour>;
  /**
   * The one way into the model. Never rejects: errors become the API's error envelope.
   * `rawBody`, when given, is the body text a transport already read; the body is not read again.
   */
  handle(request: Request, rawBody?: string): Promise<Response>;
  /** Settles pending mint requests now; returns how many were settled. */
  settle(filter?: SettleFilter): Promise<number>;
  /** The next settle of this reference_id fails with `message`. */
  failReferenceId(collection: string, referenceId: string, message?: string): void;
  /** Subscribes to the Immutable events the model emits; returns the unsubscribe. */
  onEvent(listener: EventListener): () => void;
  mintRequests(filter?: {
    collection?: string | undefined;
    status?: MintStatus | undefined;
  }): MintRequestRecord[];
  ownerOf(collection: string, tokenId: string): string | undefined;
  balanceOf(collection: string, owner: string, tokenId: string): bigint;
  assertNoDuplicateMints(): void;
  assertBudgetNeverExceeded(): BudgetReport;
  /** Counters since the last reset. */
  readonly counters: Readonly<{ requestsAccepted: number; assetsAccepted: number; requestsRejected: number }>;
  /** Errors thrown inside the model (answered as 500); empty unless the fake has a bug. */
  readonly internalErrors: readonly unknown[];
  addCollection(collection: FakeCollection): void;
  addApiKey(key: FakeApiKey): void;
  /** Back to the initial state with the same options; cancels auto-settle timers, keeps listeners. */
  reset(): void;
  /**
   * Hooks that let a test corrupt the record on purpose, to prove the assertions fire.
   * Not for production use.
   */
  readonly unsafeTestHooks: {
    recordMint(entry: MintLogEntry): void;
    recordCharge(charge: ChargeRecord): void;
  };
}

/**
 * Builds the model.
 *
 * @example
 * const model = createApiModel({ latencyMs: null, seed: 7 });
 * const res = await model.handle(new Request(`${model.baseUrl}/v1/chains`));
 */
export function createApiModel(options: ApiModelOptions = {}): ApiModel {
  const resolved = resolveOptions(options);
  const hub = createEventHub();
  let ctx: ModelContext = createContext(resolved, hub);
  const defaults = { tier: options.tier ?? 'standard', environment: resolved.environment } as const;

  return {
    environment: resolved.environment,
    baseUrl: ctx.chain.baseUrl,
    chainName: ctx.chain.name,
    apiKey: resolved.apiKeys[0]!.key,
    clock: resolved.clock,
    behaviour: resolved.behaviour,
    handle: (request, rawBody) => route(ctx, request, rawBody),
    settle: async (filter) => settle(ctx, filter),
    failReferenceId(collection, referenceId, message) {
      ctx.state.failNext.set(
        failKey(collection.toLowerCase(), referenceId),
        message ?? resolved.failureMessage,
      );
    },
    onEvent: (listener) => hub.on(listener),
    mintRequests: (filter) => mintRequests(ctx, filter),
    ownerOf: (collection, tokenId) => ownerOf(ctx, collection, tokenId),
    balanceOf: (collection, owner, tokenId) => balanceOf(ctx, collection, owner, tokenId),
    assertNoDuplicateMints: () => assertNoDuplicateMints(ctx),
    assertBudgetNeverExceeded: () => assertBudgetNeverExceeded(ctx),
    get counters() {
      return { ...ctx.state.counters };
    },
    get internalErrors() {
      return ctx.state.internalErrors;
    },
    addCollection(collection) {
      const c = resolveCollection(collection);
      if (!ctx.state.collections.has(c.address))
        ctx.state.collections.set(c.address, createCollectionState(c));
    },
    addApiKey(key) {
      const k = resolveApiKey(key, defaults);
      ctx.state.keys.set(k.key, k);
    },
    reset() {
      for (const handle of ctx.timers) ctx.clock.clearTimeout(handle);
      ctx = createContext(resolved, hub);
    },
    unsafeTestHooks: {
      recordMint: (entry) => ctx.state.mintLog.push(entry),
      recordCharge: (charge) => ctx.state.charges.push(charge),
    },
  };
}
