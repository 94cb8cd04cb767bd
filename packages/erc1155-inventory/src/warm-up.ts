import {
  addressSchema,
  LIST_NFTS_LIMITS,
  type Minter,
  type Nft,
  type NftMetadata,
  uint256Schema,
} from '@mintkit/core';
import { z } from 'zod';
import type { InventoryEvent } from './inventory-events.js';
import type { TokenLedger } from './token-ledger.js';

export interface WarmUpOptions {
  /**
   * Which collections to learn before their batches are sent, and how:
   * - a list of addresses: each collection's NFTs are paged through (`minter.listNfts`, 200
   *   per page) as soon as the plugin is set up;
   * - per address, the token_ids to look up (`minter.listNfts` with `tokenIds`, up to 30 per
   *   request), also at setup: a game usually knows its item types;
   * - omitted: every ERC-1155 collection the minter sends to is paged through just before its
   *   first batch (the plugin cannot know a collection's type before a mint names it).
   * @default undefined (every ERC-1155 collection, paged at its first batch)
   * @example collections: [POTIONS]
   * @example collections: { [POTIONS]: ['1', '2', '3', '4', '5'] }
   */
  collections?: readonly string[] | Record<string, readonly string[]> | undefined;
  /**
   * Lookup requests in flight at once per collection, when token_ids are listed. Paging is
   * sequential by nature (each page needs the previous page's cursor).
   * @default 4
   */
  concurrency?: number | undefined;
  /**
   * At most this many pages (of 200 NFTs) per collection. A collection with more tokens stops
   * there (`warmUpTruncated` event); the tokens not reached are learned from their first 409.
   * Bounds how long a collection's first batch can wait for its warm-up.
   * @default 100
   * @example maxPages: 10
   */
  maxPages?: number | undefined;
}

const PAGE_SIZE = LIST_NFTS_LIMITS.maxPageSize;
const DEFAULT_MAX_PAGES = 100;

export const warmUpSchema = z.union([
  z.literal(true),
  z.strictObject({
    collections: z
      .union([z.array(addressSchema), z.record(addressSchema, z.array(uint256Schema))])
      .optional(),
    concurrency: z.number().int().min(1).max(32).optional(),
    maxPages: z.number().int().min(1).optional(),
  }),
]);

const METADATA_KEYS = [
  'name',
  'description',
  'image',
  'external_url',
  'animation_url',
  'youtube_url',
  'attributes',
];

type Known = { tokenId: string; metadata?: NftMetadata };
type Report = (event: InventoryEvent) => void;

/** The warm-ups of one plugin instance: which collection's batches wait for which reads. */
export interface WarmUp {
  /** Starts the warm-ups of the listed collections (at plugin setup). */
  start(minter: Minter): void;
  /**
   * What a batch of this ERC-1155 collection waits for before it is prepared; in "every
   * collection" mode the first call starts the collection's paging.
   */
  ready(collection: string): Promise<void> | undefined;
  /** Resolves once every warm-up started so far has finished (they never reject). */
  idle(): Promise<void>;
}

export function createWarmUp(
  options: WarmUpOptions | true | undefined,
  ledger: TokenLedger,
  emit: Report,
): WarmUp {
  const o: WarmUpOptions | undefined = options === true ? {} : options;
  const maxPages = o?.maxPages ?? DEFAULT_MAX_PAGES;
  const jobs = new Map<string, Promise<void>>();
  let minter: Minter | undefined;

  const launch = (collection: string, read: () => Promise<string[]>) => {
    const job = read().then((tokenIds) => emit({ type: 'warmedUp', collection, tokenIds }));
    jobs.set(collection.toLowerCase(), job);
    return job;
  };
  const page = (m: Minter, collection: string) => () => pageThrough(m, ledger, collection, maxPages, emit);

  return {
    start(m) {
      minter = m;
      const listed = o?.collections;
      if (listed === undefined) return;
      if (Array.isArray(listed)) {
        for (const c of listed as readonly string[]) launch(c, page(m, c));
        return;
      }
      for (const [c, tokenIds] of Object.entries(listed as Record<string, readonly string[]>))
        launch(c, () => lookUp(m, ledger, c, tokenIds, o?.concurrency ?? 4, emit));
    },
    ready(collection) {
      const job = jobs.get(collection.toLowerCase());
      if (job || !minter || o === undefined || o.collections !== undefined) return job;
      return launch(collection, page(minter, collection));
    },
    async idle() {
      await Promise.all(jobs.values());
    },
  };
}

/**
 * Pages through the collection's NFTs and records each page's tokens as they come, so a read
 * that fails halfway keeps what it learned. A failure is reported and ends the warm-up: the
 * 409 self-healing still covers the tokens not reached.
 */
async function pageThrough(
  minter: Minter,
  ledger: TokenLedger,
  collection: string,
  maxPages: number,
  emit: Report,
): Promise<string[]> {
  const found: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  try {
    do {
      const { result, page } = await minter.listNfts(collection, { pageSize: PAGE_SIZE, pageCursor: cursor });
      pages++;
      const known = result.map(knownOf);
      await ledger.markExisting(collection, known);
      for (const k of known) found.push(k.tokenId);
      cursor = page.nextCursor;
    } while (cursor !== null && pages < maxPages);
    if (cursor !== null) emit({ type: 'warmUpTruncated', collection, pages, tokensFound: found.length });
  } catch (error) {
    emit({ type: 'warmUpFailed', collection, error });
  }
  return found;
}

/**
 * Looks the listed tokens up, 30 per request, and records those that exist (with their
 * metadata, for the mismatch policy). A failed read is reported once and skipped: the 409
 * self-healing still covers its tokens.
 */
async function lookUp(
  minter: Minter,
  ledger: TokenLedger,
  collection: string,
  tokenIds: readonly string[],
  concurrency: number,
  emit: Report,
): Promise<string[]> {
  const ids = [...new Set(tokenIds)];
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += LIST_NFTS_LIMITS.maxTokenIds)
    chunks.push(ids.slice(i, i + LIST_NFTS_LIMITS.maxTokenIds));
  const found: Known[] = [];
  let failed = false;
  // A handful of parallel loops over a shared queue: a pool this small needs no library.
  const worker = async () => {
    for (let chunk = chunks.shift(); chunk !== undefined; chunk = chunks.shift()) {
      try {
        const { result } = await minter.listNfts(collection, { tokenIds: chunk });
        found.push(...result.map(knownOf));
      } catch (error) {
        if (!failed) emit({ type: 'warmUpFailed', collection, error });
        failed = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  await ledger.markExisting(collection, found);
  return found.map((f) => f.tokenId);
}

function knownOf(nft: Nft): Known {
  const metadata = metadataOf(nft);
  return metadata === undefined ? { tokenId: nft.token_id } : { tokenId: nft.token_id, metadata };
}

/** The NFT's metadata, or undefined while the indexer has none for it yet. */
function metadataOf(nft: Record<string, unknown>): NftMetadata | undefined {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const key of METADATA_KEYS) {
    const value = nft[key];
    if (value === undefined || value === null) continue;
    if (key === 'attributes' && Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
    any = true;
  }
  return any ? (out as NftMetadata) : undefined;
}
