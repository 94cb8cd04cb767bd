import { z } from 'zod';
import { parseLimits } from '../budget/parse-limits.js';
import { ApiError, NetworkError, RateLimitedError, TimeoutError, ValidationError } from '../errors/errors.js';
import { type Clock, sleep } from '../runtime/clock.js';
import type { HttpClient } from '../submitter/http-client.js';
import { isTransientStatus } from '../submitter/response-error.js';
import type { Emit } from '../types.js';
import { type NftMetadata, nftMetadataSchema, uint256Schema } from '../validate/schemas.js';
import { toValidationError } from '../validate/validate-asset.js';

/** One NFT's new metadata; a refresh replaces it whole (absent keys become null). */
export type NftMetadataItem = NftMetadata & { tokenId: string };
/** One metadata stack's new metadata (`metadataId` from the NFT's `metadata_id`). */
export type StackMetadataItem = NftMetadata & { metadataId: string };

export interface RefreshResult {
  /** HTTP requests sent (after chunking). */
  requests: number;
  items: number;
}

/** API limits: 250 items (stacks: 10) and 228 KiB of JSON per request. */
export const REFRESH_LIMITS = { items: 250, stacks: 10, bytes: 228 * 1024 } as const;

const KEYS = [
  'name',
  'description',
  'image',
  'external_url',
  'animation_url',
  'youtube_url',
  'attributes',
] as const;

/** Fills all seven keys (null where absent): the API requires them, a refresh being a full replacement. */
export function fullMetadata(item: NftMetadata): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of KEYS) out[key] = item[key] ?? null;
  return out;
}

/** Splits serialised items into chunks of at most `maxItems` and `maxBytes` of request body. */
export function chunkByCountAndBytes(
  items: string[],
  maxItems: number,
  maxBytes: number,
  overhead: number,
): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let bytes = overhead;
  for (const item of items) {
    // Buffer.byteLength counts UTF-8 bytes without building the encoded copy.
    const size = Buffer.byteLength(item, 'utf8') + 1;
    if (overhead + size > maxBytes)
      throw new ValidationError('items', `one item is ${size} bytes; a request allows ${maxBytes}`);
    if (current.length >= maxItems || bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = overhead;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export interface RefresherDeps {
  http: HttpClient;
  clock: Clock;
  emit: Emit;
  maxPauseMs: number;
  attempts: number;
  baseMs: number;
  /** Cap of one backoff delay (the minter's `retry.maxMs`). */
  maxMs: number;
  collectionUrl(collection: string): string;
}

/**
 * Metadata refreshes have their own hourly quota (`imx_refreshes_*`), separate from minting.
 * Requests go one at a time: when the server says none remain, the next waits for the reset;
 * a 429 pauses until its retry time (capped) and retries the same chunk.
 */
export function createRefresher(d: RefresherDeps) {
  let blockedUntil = 0;

  async function post(url: string, body: string): Promise<void> {
    let failures = 0;
    for (;;) {
      const wait = blockedUntil - d.clock.now();
      if (wait > 0) await sleep(d.clock, Math.min(wait, d.maxPauseMs));
      let result: Awaited<ReturnType<HttpClient['send']>>;
      try {
        // Pre-serialised, so the chunk size measured is the size sent.
        result = await d.http.send('POST', url, body);
      } catch (error) {
        if ((error instanceof NetworkError || error instanceof TimeoutError) && ++failures < d.attempts) {
          await sleep(d.clock, Math.min(d.maxMs, d.baseMs * 2 ** failures));
          continue;
        }
        throw error;
      }
      const limits = parseLimits('refresh', result.data, result.headers, d.clock.now());
      if (result.status >= 200 && result.status < 300) {
        if (limits.remaining === 0 && limits.resetAt) blockedUntil = limits.resetAt;
        return;
      }
      const error = d.http.toError(result, 'refresh');
      if (error instanceof RateLimitedError) {
        const delay = Math.max(250, Math.min(error.retryAfterMs, d.maxPauseMs));
        blockedUntil = d.clock.now() + delay;
        d.emit('rateLimited', {
          retryAfterMs: error.retryAfterMs,
          resetAt: error.resetAt,
          remaining: error.remaining,
          scope: 'refresh',
        });
        continue;
      }
      if (error instanceof ApiError && isTransientStatus(error.status) && ++failures < d.attempts) {
        await sleep(d.clock, Math.min(d.maxMs, d.baseMs * 2 ** failures));
        continue;
      }
      throw error;
    }
  }

  async function run(
    url: string,
    field: string,
    serialised: string[],
    maxItems: number,
  ): Promise<RefreshResult> {
    if (serialised.length === 0) throw new ValidationError('items', 'must contain at least one item');
    const overhead = Buffer.byteLength(`{"${field}":[]}`, 'utf8');
    const chunks = chunkByCountAndBytes(serialised, maxItems, REFRESH_LIMITS.bytes, overhead);
    for (const chunk of chunks) await post(url, `{"${field}":[${chunk.join(',')}]}`);
    return { requests: chunks.length, items: serialised.length };
  }

  const tokenItem = z.object({ tokenId: uint256Schema }).and(nftMetadataSchema);
  const stackItem = z.object({ metadataId: z.uuid() }).and(nftMetadataSchema);

  return {
    refreshNfts(collection: string, items: NftMetadataItem[]): Promise<RefreshResult> {
      const serialised = items.map((item, i) => {
        const parsed = tokenItem.safeParse(item);
        if (!parsed.success) throw toValidationError(`items[${i}]`, parsed.error);
        return JSON.stringify({ token_id: item.tokenId, ...fullMetadata(item) });
      });
      return run(
        `${d.collectionUrl(collection)}/nfts/refresh-metadata`,
        'nft_metadata',
        serialised,
        REFRESH_LIMITS.items,
      );
    },
    refreshStacks(collection: string, items: StackMetadataItem[]): Promise<RefreshResult> {
      const serialised = items.map((item, i) => {
        const parsed = stackItem.safeParse(item);
        if (!parsed.success) throw toValidationError(`items[${i}]`, parsed.error);
        return JSON.stringify({ metadata_id: item.metadataId, ...fullMetadata(item) });
      });
      return run(
        `${d.collectionUrl(collection)}/metadata/refresh-metadata`,
        'metadata',
        serialised,
        REFRESH_LIMITS.stacks,
      );
    },
  };
}
