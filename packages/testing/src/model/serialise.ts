import type { ChainInfo } from './constants.js';
import type { MetadataState, MintRequestState, NftState } from './store.js';
import { toTimestamp } from './values.js';

/** Turns model records into the API's JSON shapes (GetMintRequestResult, NFT, Metadata). */
export function createSerialisers(chain: ChainInfo, o: { echoTokenIdWhilePending: () => boolean }) {
  const chainRef = { id: chain.id, name: chain.name };

  const mintRequest = (r: MintRequestState) => ({
    chain: chainRef,
    collection_address: r.collection,
    reference_id: r.referenceId,
    owner_address: r.ownerAddress,
    token_id:
      r.tokenId ?? (r.status === 'pending' && o.echoTokenIdWhilePending() ? r.requestedTokenId : null),
    amount: r.amount,
    activity_id: r.activityId,
    transaction_hash: r.transactionHash,
    created_at: toTimestamp(r.createdAt),
    updated_at: toTimestamp(r.updatedAt),
    error: r.errorMessage === null ? null : { message: r.errorMessage },
    status: r.status,
  });

  const nft = (n: NftState, contractType: 'ERC721' | 'ERC1155') => {
    const m = n.metadata;
    return {
      chain: chainRef,
      token_id: n.tokenId,
      contract_address: n.collection,
      contract_type: contractType,
      indexed_at: toTimestamp(n.indexedAt),
      updated_at: toTimestamp(n.updatedAt),
      metadata_synced_at: n.metadataSyncedAt === null ? null : toTimestamp(n.metadataSyncedAt),
      metadata_id: n.metadataId,
      name: m?.name ?? null,
      description: m?.description ?? null,
      image: m?.image ?? null,
      external_link: m?.external_url ?? null,
      external_url: m?.external_url ?? null,
      animation_url: m?.animation_url ?? null,
      youtube_url: m?.youtube_url ?? null,
      attributes: m?.attributes ?? [],
      total_supply: contractType === 'ERC1155' ? n.totalSupply.toString() : null,
    };
  };

  const metadata = (s: MetadataState) => ({
    id: s.id,
    chain: chainRef,
    contract_address: s.collection,
    created_at: toTimestamp(s.createdAt),
    updated_at: s.updatedAt === null ? null : toTimestamp(s.updatedAt),
    name: s.content.name,
    description: s.content.description,
    image: s.content.image,
    // The spec's Metadata lists `external_link` as required but declares `external_url`.
    external_link: s.content.external_url,
    external_url: s.content.external_url,
    animation_url: s.content.animation_url,
    youtube_url: s.content.youtube_url,
    attributes: s.content.attributes,
  });

  return { chainRef, mintRequest, nft, metadata };
}
export type Serialisers = ReturnType<typeof createSerialisers>;
