import type { ModelContext } from './context.js';
import { canonicalMetadata, type NormalisedMetadata } from './metadata.js';
import type { CollectionState, MetadataState, NftState } from './store.js';

/**
 * Finds or creates the metadata stack for `content`: identical metadata in one collection
 * shares one `metadata_id`. A new stack emits `imtbl_zkevm_metadata_updated`.
 */
export function stackFor(
  ctx: ModelContext,
  col: CollectionState,
  content: NormalisedMetadata,
): MetadataState {
  const key = canonicalMetadata(content);
  const existing = col.stacksByKey.get(key);
  if (existing) return existing;
  const now = ctx.clock.now();
  const stack: MetadataState = {
    seq: ++ctx.state.seq,
    id: ctx.ids.uuid(),
    collection: col.info.address,
    key,
    content,
    createdAt: now,
    updatedAt: now,
    nfts: new Set(),
  };
  col.stacksByKey.set(key, stack);
  col.stacksById.set(stack.id, stack);
  col.stackOrder.push(stack);
  ctx.emit('imtbl_zkevm_metadata_updated', () => ctx.ser.metadata(stack));
  return stack;
}

/** Points an NFT at a stack (moving it off its previous one) and stamps the sync time. */
export function attachStack(ctx: ModelContext, nft: NftState, stack: MetadataState): void {
  const col = stack.collection;
  if (nft.metadataId !== null && nft.metadataId !== stack.id) {
    ctx.state.collections.get(col)?.stacksById.get(nft.metadataId)?.nfts.delete(nft);
  }
  stack.nfts.add(nft);
  nft.metadataId = stack.id;
  nft.metadata = stack.content;
  nft.metadataSyncedAt = ctx.clock.now();
}
