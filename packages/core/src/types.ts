/**
 * Types shared by several modules: the event map, the hook map, and the shapes that cross
 * module boundaries (outcomes, status updates). Everything else lives next to its owner.
 */
import type { ConflictKind } from './errors/errors.js';
import type { MintkitError } from './errors/mintkit-error.js';
import type { MintAsset } from './validate/schemas.js';

/** The contract standard of a collection; decides whether token_id/amount are required. */
export type ContractType = 'ERC721' | 'ERC1155';

/** A mint that succeeded on chain: the `minted` event, and a `succeeded` outcome less its status. */
export interface MintSucceeded {
  referenceId: string;
  collection: string;
  tokenId: string;
  owner: string;
  amount: string | null;
  transactionHash: string;
  activityId: string | null;
}

/** How a mint request settled. `settled` promises resolve to this and never reject. */
export type MintOutcome =
  | ({ status: 'succeeded' } & MintSucceeded)
  | { status: 'failed'; referenceId: string; collection: string; error: MintkitError };

/** What `mint()` resolves to once the API has accepted the asset. */
export interface MintReceipt {
  referenceId: string;
  collection: string;
  /** `already-accepted`: a 409 proved an earlier submission (maybe by another process) was accepted. */
  accepted: 'accepted' | 'already-accepted';
  /** Resolves when the mint succeeds or fails on chain. Never rejects. */
  settled: Promise<MintOutcome>;
}

/** A status observation fed to the tracker (from a webhook, a poll or a lookup). */
export interface StatusUpdate {
  collection: string;
  referenceId: string;
  status: 'pending' | 'succeeded' | 'failed';
  tokenId?: string | null | undefined;
  owner?: string | undefined;
  amount?: string | null | undefined;
  transactionHash?: string | null | undefined;
  activityId?: string | null | undefined;
  errorMessage?: string | undefined;
  updatedAt?: string | undefined;
}

/** The API's mint request record (`GET …/mint-requests/{reference_id}`), snake_case as sent. */
export interface MintRequestStatus {
  chain: { id: string; name: string };
  collection_address: string;
  reference_id: string;
  owner_address: string;
  token_id: string | null;
  amount?: string | null;
  activity_id?: string | null;
  transaction_hash: string | null;
  created_at: string;
  updated_at: string;
  error: { message?: string } | null;
  status: 'pending' | 'succeeded' | 'failed';
}

export type StatusSource = 'webhook' | 'poll' | 'lookup';

/** Typed events of a minter (`minter.on(name, listener)`). */
export interface MinterEvents {
  /** A batch was accepted (202). `cost` is what it drew from the budget (distinct token_ids). */
  submitted: { collection: string; referenceIds: string[]; cost: number };
  minted: MintSucceeded;
  /** A mint failed: refused by the API (retryable false), retries exhausted (true), or failed on chain. */
  failed: { referenceId: string; collection: string; error: MintkitError; retryable: boolean };
  rateLimited: {
    retryAfterMs: number;
    resetAt: Date | null;
    remaining: number | null;
    scope: 'mint' | 'refresh';
  };
  retrying: {
    collection: string;
    referenceIds: string[];
    attempt: number;
    delayMs: number;
    error: MintkitError;
  };
  conflict: { collection: string; kind: ConflictKind; referenceIds: string[]; tokenIds: string[] };
  paused: { reason: 'auth' | 'rate-limit'; error?: MintkitError | undefined };
  resumed: { reason: 'auth' | 'rate-limit' };
  drained: Record<string, never>;
  statusChanged: {
    collection: string;
    referenceId: string;
    from: string | null;
    to: 'pending' | 'succeeded' | 'failed';
    source: StatusSource;
  };
  webhook: { event: string; messageId: string; duplicate: boolean };
  /** Something went wrong outside a mint's own path (a listener threw, an auth failure, ...). */
  error: { error: unknown; context: string };
}

export type MinterEventName = keyof MinterEvents;

/** The result of the `submit` stage; an error hook may return `{ retry }` to resubmit instead of failing. */
export type SubmitOutcome = { accepted: MintAsset[] } | { retry: MintAsset[] };

/** Named operations plugins can hook; `ctx` is what hooks see, `result` what the operation returns. */
export interface HookMap {
  enqueue: { ctx: { collection: string; contractType: ContractType; asset: MintAsset }; result: MintAsset };
  submit: {
    ctx: { collection: string; contractType: ContractType; assets: MintAsset[]; attempt: number };
    result: SubmitOutcome;
  };
  request: { ctx: { method: string; url: string; body: unknown }; result: Response };
  outcome: {
    ctx: {
      collection: string;
      referenceId: string;
      asset: MintAsset | undefined;
      status: 'accepted' | 'succeeded' | 'failed';
      tokenId?: string | undefined;
      error?: MintkitError | undefined;
    };
    result: undefined;
  };
}

export type HookName = keyof HookMap;
export type HookCtx<N extends HookName> = HookMap[N]['ctx'];
export type HookResult<N extends HookName> = HookMap[N]['result'];

/** Runs an operation through its hooks; handed to modules (tracker) that fire hooks. */
export type RunHooks = <N extends HookName>(
  name: N,
  ctx: HookCtx<N>,
  fn: (ctx: HookCtx<N>) => HookResult<N> | Promise<HookResult<N>>,
) => Promise<HookResult<N>>;

/** Emits an event safely (a throwing listener is caught and reported as `error`). */
export type Emit = <E extends MinterEventName>(event: E, payload: MinterEvents[E]) => void;
