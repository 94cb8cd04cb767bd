import type { NormalisedMetadata } from './metadata.js';
import type { ResolvedApiKey, ResolvedCollection } from './options.js';

export type MintStatus = 'pending' | 'succeeded' | 'failed';

/** One mint request, keyed by (collection, reference_id). A resubmitted failure reuses it. */
export interface MintRequestState {
  /** Creation order across the model; list order and cursors use it. */
  seq: number;
  /** Bumped on every (re)submission so a stale auto-settle timer leaves a newer attempt alone. */
  attempt: number;
  collection: string;
  project: string;
  referenceId: string;
  ownerAddress: string;
  requestedTokenId: string | null;
  tokenId: string | null;
  amount: string | null;
  metadata: NormalisedMetadata | null;
  metadataId: string | null;
  status: MintStatus;
  createdAt: number;
  updatedAt: number;
  activityId: string | null;
  transactionHash: string | null;
  errorMessage: string | null;
}

export interface NftState {
  seq: number;
  collection: string;
  tokenId: string;
  /** ERC-721 owner; for ERC-1155 see `balances`. */
  owner: string | null;
  balances: Map<string, bigint>;
  totalSupply: bigint;
  metadataId: string | null;
  metadata: NormalisedMetadata | null;
  indexedAt: number;
  updatedAt: number;
  metadataSyncedAt: number | null;
}

export interface MetadataState {
  seq: number;
  id: string;
  collection: string;
  key: string;
  content: NormalisedMetadata;
  createdAt: number;
  updatedAt: number | null;
  /** NFTs stacked on this metadata, for refresh by metadata_id. */
  nfts: Set<NftState>;
}

export interface CollectionState {
  info: ResolvedCollection;
  requests: Map<string, MintRequestState>;
  /** Ordered by `seq` (append-only): paging binary-searches it instead of scanning. */
  requestOrder: MintRequestState[];
  nfts: Map<string, NftState>;
  nftOrder: NftState[];
  /** ERC-721 token ids pending (explicit) or minted, → the reference_id holding them. */
  reservedTokenIds: Map<string, string>;
  /** ERC-1155 token ids → number of pending-or-succeeded mints ("the token exists"). */
  erc1155Mints: Map<string, number>;
  /** Next by-quantity ERC-721 id; a number is exact far beyond any test's range (2^53). */
  nextTokenId: number;
  stacksByKey: Map<string, MetadataState>;
  stacksById: Map<string, MetadataState>;
  stackOrder: MetadataState[];
}

export interface ChargeRecord {
  at: number;
  project: string;
  cost: number;
  before: number;
  after: number;
  burst: number;
}

export interface MintLogEntry {
  collection: string;
  contractType: 'ERC721' | 'ERC1155';
  referenceId: string;
  tokenId: string;
}

export interface ModelState {
  keys: Map<string, ResolvedApiKey>;
  collections: Map<string, CollectionState>;
  /** Every pending request, in acceptance order, so settle() never scans finished ones. */
  pending: Map<MintRequestState, true>;
  /** `collection|reference_id` → message: the next settle fails that request. */
  failNext: Map<string, string>;
  mintLog: MintLogEntry[];
  charges: ChargeRecord[];
  internalErrors: unknown[];
  seq: number;
  blockNumber: number;
  counters: { requestsAccepted: number; assetsAccepted: number; requestsRejected: number };
}

export function createCollectionState(info: ResolvedCollection): CollectionState {
  return {
    info,
    requests: new Map(),
    requestOrder: [],
    nfts: new Map(),
    nftOrder: [],
    reservedTokenIds: new Map(),
    erc1155Mints: new Map(),
    nextTokenId: 1,
    stacksByKey: new Map(),
    stacksById: new Map(),
    stackOrder: [],
  };
}

export function createModelState(keys: ResolvedApiKey[], collections: ResolvedCollection[]): ModelState {
  return {
    keys: new Map(keys.map((k) => [k.key, k])),
    collections: new Map(collections.map((c) => [c.address, createCollectionState(c)])),
    pending: new Map(),
    failNext: new Map(),
    mintLog: [],
    charges: [],
    internalErrors: [],
    seq: 0,
    blockNumber: 1_000_000,
    counters: { requestsAccepted: 0, assetsAccepted: 0, requestsRejected: 0 },
  };
}

export const failKey = (collection: string, referenceId: string) => `${collection}|${referenceId}`;
