import type { Minter, NftMetadata } from '@mintkit/core';
import type { TokenLedger } from './token-ledger.js';

export interface WarmUpOptions {
  /**
   * Per collection, the token_ids to look up before the collection's first batch is sent
   * (one `minter.getNft` each). A game usually knows its item types: list them here.
   * @example collections: { '0xabc…': ['1', '2', '3', '4', '5'] }
   */
  collections: Record<string, readonly string[]>;
  /**
   * Lookups in flight at once. The read endpoints have their own, small rate limit.
   * @default 4
   */
  concurrency?: number | undefined;
}

const METADATA_KEYS = [
  'name',
  'description',
  'image',
  'external_url',
  'animation_url',
  'youtube_url',
  'attributes',
];

/**
 * Looks every listed token up and records those that exist (with their metadata, for the
 * mismatch policy). A failed lookup is reported and skipped: the 409 self-healing still
 * covers that token.
 */
export async function warmUp(
  minter: Minter,
  ledger: TokenLedger,
  collection: string,
  tokenIds: readonly string[],
  concurrency: number,
  onError: (error: unknown) => void,
): Promise<string[]> {
  const found: Array<{ tokenId: string; metadata?: NftMetadata }> = [];
  const queue = [...new Set(tokenIds)];
  let failed = false;
  // A handful of parallel loops over a shared queue: a pool this small needs no library.
  const worker = async () => {
    for (let tokenId = queue.shift(); tokenId !== undefined; tokenId = queue.shift()) {
      try {
        const nft = await minter.getNft(collection, tokenId);
        if (nft === null) continue;
        const metadata = metadataOf(nft);
        found.push(metadata === undefined ? { tokenId } : { tokenId, metadata });
      } catch (error) {
        if (!failed) onError(error);
        failed = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  await ledger.markExisting(collection, found);
  return found.map((f) => f.tokenId);
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
