import type { ModelContext } from './context.js';
import { attachStack, stackFor } from './stacks.js';
import { type CollectionState, failKey, type MintRequestState, type NftState } from './store.js';
import type { ValidAsset } from './validate-mint.js';
import { toTimestamp } from './values.js';

export interface SettleFilter {
  collection?: string | undefined;
  referenceIds?: string[] | undefined;
  outcome?: 'succeeded' | 'failed' | undefined;
  message?: string | undefined;
}

export function mintRequestEventData(ctx: ModelContext, r: MintRequestState): Record<string, unknown> {
  const type = ctx.state.collections.get(r.collection)?.info.type;
  const data: Record<string, unknown> = {
    chain: ctx.ser.chainRef,
    contract_address: r.collection,
    owner_address: r.ownerAddress,
    reference_id: r.referenceId,
    metadata_id: r.metadataId,
    token_id: r.tokenId,
    status: r.status,
    transaction_hash: r.transactionHash,
    activity_id: r.activityId,
    error: r.errorMessage === null ? null : { code: 'MINT_FAILED', message: r.errorMessage },
    created_at: toTimestamp(r.createdAt),
    updated_at: toTimestamp(r.updatedAt),
  };
  // The SDK's webhook typing has `amount` as a number (REST uses a string).
  if (type === 'ERC1155' && r.amount !== null) {
    data.amount = ctx.options.behaviour.mintEventAmount === 'number' ? Number(r.amount) : r.amount;
  }
  return data;
}

/** Records accepted assets as pending (reusing a failed record) and schedules auto-settle. */
export function acceptAssets(
  ctx: ModelContext,
  col: CollectionState,
  assets: ValidAsset[],
  project: string,
): void {
  const now = ctx.clock.now();
  const isErc721 = col.info.type === 'ERC721';
  const accepted: Array<[MintRequestState, number]> = [];
  for (const a of assets) {
    let r = col.requests.get(a.referenceId);
    if (r) {
      r.attempt++;
      r.project = project;
      r.ownerAddress = a.ownerAddress;
      r.requestedTokenId = a.tokenId;
      r.tokenId = null;
      r.amount = a.amount;
      r.metadata = a.metadata;
      r.metadataId = null;
      r.status = 'pending';
      r.updatedAt = now;
      r.activityId = null;
      r.transactionHash = null;
      r.errorMessage = null;
    } else {
      r = {
        seq: ++ctx.state.seq,
        attempt: 1,
        collection: col.info.address,
        project,
        referenceId: a.referenceId,
        ownerAddress: a.ownerAddress,
        requestedTokenId: a.tokenId,
        tokenId: null,
        amount: a.amount,
        metadata: a.metadata,
        metadataId: null,
        status: 'pending',
        createdAt: now,
        updatedAt: now,
        activityId: null,
        transactionHash: null,
        errorMessage: null,
      };
      col.requests.set(a.referenceId, r);
      col.requestOrder.push(r);
    }
    if (a.tokenId !== null) {
      if (isErc721) col.reservedTokenIds.set(a.tokenId, a.referenceId);
      else col.erc1155Mints.set(a.tokenId, (col.erc1155Mints.get(a.tokenId) ?? 0) + 1);
    }
    ctx.state.pending.set(r, true);
    accepted.push([r, r.attempt]);
    ctx.emit('imtbl_zkevm_mint_request_updated', () => mintRequestEventData(ctx, r));
  }
  const latency = ctx.options.latencyMs;
  if (latency === null) return;
  const handle = ctx.clock.setTimeout(() => {
    ctx.timers.delete(handle);
    // A record settled by hand, or failed and resubmitted since, is not this timer's business.
    settleRecords(
      ctx,
      accepted.filter(([r, attempt]) => r.status === 'pending' && r.attempt === attempt).map(([r]) => r),
      {},
    );
  }, latency);
  ctx.timers.add(handle);
}

/** Settles pending requests matching `filter`; returns how many were settled. */
export function settle(ctx: ModelContext, filter: SettleFilter = {}): number {
  const collection = filter.collection?.toLowerCase();
  let records: MintRequestState[];
  if (filter.referenceIds) {
    const cols = collection
      ? [ctx.state.collections.get(collection)].filter((c) => c !== undefined)
      : [...ctx.state.collections.values()];
    records = [];
    for (const ref of filter.referenceIds) {
      for (const col of cols) {
        const r = col.requests.get(ref);
        if (r?.status === 'pending') records.push(r);
      }
    }
  } else {
    records = [...ctx.state.pending.keys()].filter(
      (r) => collection === undefined || r.collection === collection,
    );
  }
  return settleRecords(ctx, records, filter);
}

/**
 * One settle pass. Requests of one collection settled together land in one transaction,
 * as the real service batches several mint requests into one transaction.
 */
function settleRecords(ctx: ModelContext, records: MintRequestState[], filter: SettleFilter): number {
  const byCollection = new Map<string, MintRequestState[]>();
  for (const r of records) {
    const list = byCollection.get(r.collection);
    if (list) list.push(r);
    else byCollection.set(r.collection, [r]);
  }
  for (const [address, list] of byCollection) {
    const col = ctx.state.collections.get(address);
    if (!col) continue;
    const txHash = `0x${ctx.ids.hex(64)}`;
    const block = ++ctx.state.blockNumber;
    list.forEach((r, logIndex) => {
      ctx.state.pending.delete(r);
      const forced = ctx.state.failNext.get(failKey(address, r.referenceId));
      if (forced !== undefined) ctx.state.failNext.delete(failKey(address, r.referenceId));
      let failure: string | null = null;
      if (filter.outcome === 'failed') failure = filter.message ?? forced ?? ctx.options.failureMessage;
      else if (filter.outcome === 'succeeded') failure = null;
      else if (forced !== undefined) failure = forced;
      else if (ctx.options.failureRate > 0 && ctx.outcomes.next() < ctx.options.failureRate) {
        failure = ctx.options.failureMessage;
      }
      if (failure === null) succeed(ctx, col, r, txHash, block, logIndex);
      else fail(ctx, col, r, failure);
    });
  }
  return records.length;
}

function allocateTokenId(col: CollectionState): string {
  let id = String(col.nextTokenId++);
  while (col.reservedTokenIds.has(id)) id = String(col.nextTokenId++);
  return id;
}

function succeed(
  ctx: ModelContext,
  col: CollectionState,
  r: MintRequestState,
  txHash: string,
  block: number,
  logIndex: number,
): void {
  const now = ctx.clock.now();
  const type = col.info.type;
  const tokenId = r.requestedTokenId ?? allocateTokenId(col);
  const amount = type === 'ERC1155' ? BigInt(r.amount ?? '1') : 1n;
  let nft = col.nfts.get(tokenId);
  const created = nft === undefined;
  if (!nft) {
    nft = {
      seq: ++ctx.state.seq,
      collection: col.info.address,
      tokenId,
      owner: type === 'ERC721' ? r.ownerAddress : null,
      balances: new Map(),
      totalSupply: 0n,
      metadataId: null,
      metadata: null,
      indexedAt: now,
      updatedAt: now,
      metadataSyncedAt: null,
    } satisfies NftState;
    col.nfts.set(tokenId, nft);
    col.nftOrder.push(nft);
  }
  if (type === 'ERC721') col.reservedTokenIds.set(tokenId, r.referenceId);
  nft.balances.set(r.ownerAddress, (nft.balances.get(r.ownerAddress) ?? 0n) + amount);
  nft.totalSupply += amount;
  nft.updatedAt = now;
  r.status = 'succeeded';
  r.tokenId = tokenId;
  r.activityId = ctx.ids.uuid();
  r.transactionHash = txHash;
  r.updatedAt = now;
  ctx.state.mintLog.push({
    collection: col.info.address,
    contractType: type,
    referenceId: r.referenceId,
    tokenId,
  });
  const activityId = r.activityId;
  ctx.emit('imtbl_zkevm_activity_mint', () => ({
    id: activityId,
    chain: ctx.ser.chainRef,
    type: 'mint',
    details: {
      to: r.ownerAddress,
      amount: amount.toString(),
      asset: { token_id: tokenId, contract_type: type, contract_address: col.info.address },
    },
    blockchain_metadata: {
      transaction_hash: txHash,
      block_number: String(block),
      log_index: String(logIndex),
      transaction_index: '0',
    },
    indexed_at: toTimestamp(now),
  }));
  if (created || !r.metadata) ctx.emit('imtbl_zkevm_nft_updated', () => ctx.ser.nft(nft, type));
  if (r.metadata && (created || nft.metadataId === null)) {
    const stack = stackFor(ctx, col, r.metadata);
    attachStack(ctx, nft, stack);
    r.metadataId = stack.id;
    ctx.emit('imtbl_zkevm_nft_updated', () => ctx.ser.nft(nft, type));
  } else {
    r.metadataId = nft.metadataId;
  }
  ctx.emit('imtbl_zkevm_mint_request_updated', () => mintRequestEventData(ctx, r));
}

function fail(ctx: ModelContext, col: CollectionState, r: MintRequestState, message: string): void {
  const tokenId = r.requestedTokenId;
  if (tokenId !== null) {
    if (col.info.type === 'ERC721') {
      if (col.reservedTokenIds.get(tokenId) === r.referenceId && !col.nfts.has(tokenId)) {
        col.reservedTokenIds.delete(tokenId);
      }
    } else {
      const n = (col.erc1155Mints.get(tokenId) ?? 1) - 1;
      if (n > 0) col.erc1155Mints.set(tokenId, n);
      else col.erc1155Mints.delete(tokenId);
    }
  }
  r.status = 'failed';
  r.errorMessage = message;
  r.updatedAt = ctx.clock.now();
  ctx.emit('imtbl_zkevm_mint_request_updated', () => mintRequestEventData(ctx, r));
}
