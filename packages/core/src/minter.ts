import type { MintkitError } from './errors/mintkit-error.js';
import type { MinterEmitter } from './events/emitter.js';
import type { Hooks } from './hooks/hooks.js';
import type { ListNftsOptions, NftPage } from './read/list-nfts.js';
import type { NftMetadataItem, RefreshResult, StackMetadataItem } from './refresh/refresh-metadata.js';
import type { MintReceipt, MintRequestStatus } from './types.js';
import type { MintAssetInput } from './validate/schemas.js';

/** One asset's answer in `mintMany`: accepted (with its receipt) or rejected (with the error). */
export type AssetOutcome =
  | { referenceId: string; status: 'accepted' | 'already-accepted'; receipt: MintReceipt }
  | { referenceId: string; status: 'rejected'; error: MintkitError };

/** Counts per state of a `mintMany` run. */
export interface MintProgress {
  total: number;
  /** Not yet accepted nor rejected. */
  queued: number;
  accepted: number;
  rejected: number;
  succeeded: number;
  failed: number;
}

/** What `mintMany` returns: iterate for per-asset outcomes (in completion order). */
export interface MintBatchHandle extends AsyncIterable<AssetOutcome> {
  progress(): MintProgress;
  /** Resolves once every asset is accepted or rejected. Never rejects. */
  done: Promise<MintProgress>;
}

export interface DrainOptions {
  /**
   * Also wait until every accepted mint is settled (webhook, polling or lookup).
   * @default false
   */
  settled?: boolean | undefined;
}

export interface MinterStats {
  queued: number;
  inFlight: number;
  accepted: number;
  rejected: number;
  requests: number;
  retries: number;
  rateLimited: number;
  paused: 'auth' | 'rate-limit' | null;
}

/** An NFT as the indexer returns it (snake_case, as sent). */
export type Nft = Record<string, unknown> & { token_id: string; contract_address: string };

import type { WebhookResult } from './webhooks/webhook-receiver.js';

export type { WebhookResult };

export interface MintOptions {
  /** Aborts the mint while it is still waiting to be sent; once sent, it cannot be taken back. */
  signal?: AbortSignal | undefined;
}

export interface Minter extends MinterEmitter {
  /**
   * Validates, queues and submits one asset. Resolves once the API accepted it; rejects with
   * ValidationError before anything is sent, or when the API refuses it definitively, or
   * (retryable) when retries are exhausted.
   */
  mint(collection: string, asset: MintAssetInput, options?: MintOptions): Promise<MintReceipt>;
  mintMany(collection: string, assets: Iterable<MintAssetInput>, options?: MintOptions): MintBatchHandle;
  refreshMetadata(collection: string, items: NftMetadataItem[]): Promise<RefreshResult>;
  refreshMetadataStacks(collection: string, items: StackMetadataItem[]): Promise<RefreshResult>;
  getNft(collection: string, tokenId: string): Promise<Nft | null>;
  /**
   * One page of the collection's NFTs from the indexer (`GET …/collections/{addr}/nfts`).
   * `tokenIds` (at most 30) narrows it to those tokens; `pageSize` is 1 to 200. Rejects with
   * `ValidationError` before sending on a bad collection or option, with a typed error on a
   * non-2xx answer, and with `ApiError` (`MALFORMED_RESPONSE`) on a 200 that is not an NFT list.
   * @example
   * let cursor: string | null = null;
   * do {
   *   const { result, page } = await minter.listNfts(collection, { pageSize: 200, pageCursor: cursor });
   *   for (const nft of result) console.log(nft.token_id);
   *   cursor = page.nextCursor;
   * } while (cursor !== null);
   */
  listNfts(collection: string, options?: ListNftsOptions): Promise<NftPage>;
  /**
   * Every NFT of the collection, page after page (`listNfts` underneath; one request per page,
   * made as the iteration reaches it). Errors reject the iteration.
   * @example for await (const nft of minter.nfts(collection, { pageSize: 200 })) ids.add(nft.token_id);
   */
  nfts(collection: string, options?: Omit<ListNftsOptions, 'pageCursor'>): AsyncIterable<Nft>;
  /** The API's mint request record; `null` when not found (404 or an empty list). */
  status(collection: string, referenceId: string): Promise<MintRequestStatus | null>;
  readonly hooks: Hooks;
  readonly webhooks: {
    handle(
      rawBody: string | Uint8Array,
      headers: Record<string, string | string[] | undefined>,
    ): Promise<WebhookResult>;
  };
  /** Closes the auth circuit after a 401/403 and resubmits what was waiting. */
  resume(): void;
  stats(): MinterStats;
  /**
   * Sends everything queued now and waits until each mint is accepted or refused; with
   * `{ settled: true }` also until every accepted mint is settled (minted or failed).
   * While it waits, the process is held open: mintkit's timers are otherwise unref'd, and a
   * one-shot script whose only pending work is a backoff or a 429 pause would exit mid-await.
   * @example await minter.drain({ settled: true }); // end of a bulk-mint script
   */
  drain(options?: DrainOptions): Promise<void>;
  /** Drains (or, while auth-paused, refuses what waits), stops timers and plugins. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}
