/*
 * The plugin's decisions, kept apart from the minter so they can be tested alone. A little
 * over 300 lines on purpose: every operation reads and writes the same per-token state
 * (claim, in-flight mints, orphaned metadata), and one closure keeps that state in one place.
 */
import type { MintAsset, NftMetadata } from '@mintkit/core';
import { carrierFirst } from './carrier-first.js';
import {
  emptyStats,
  type InventoryEvent,
  type InventoryStats,
  type MismatchPolicy,
} from './inventory-events.js';
import { type InventoryStore, lowerCased } from './inventory-store.js';
import { canonicalMetadata } from './metadata-equal.js';
import { MetadataMismatchError } from './metadata-mismatch-error.js';
import { createSerialLock } from './serial-lock.js';
import { newClaim, type RefState, type TokenState } from './token-state.js';

export interface TokenLedgerOptions {
  store: InventoryStore;
  onMetadataMismatch: MismatchPolicy;
  /** Pushes metadata onto a token that exists (the minter's `refreshMetadata`). */
  refresh(collection: string, tokenId: string, metadata: NftMetadata): Promise<void>;
  onEvent?: ((event: InventoryEvent) => void) | undefined;
}

/**
 * The plugin's decisions, apart from the minter: which asset keeps its metadata, what a 409
 * or a failed first mint changes. Collections are compared lower-cased.
 */
export interface TokenLedger {
  /** At enqueue: records the token's first metadata; throws `MetadataMismatchError` under policy `error`. */
  observe(collection: string, asset: MintAsset): void;
  /** Before a batch is sent: the first mint of a token keeps its metadata, every other one goes without. */
  prepare(collection: string, assets: readonly MintAsset[]): Promise<MintAsset[]>;
  /** A 409 metadata conflict: marks the tokens existing and returns the batch to resubmit (unchanged when nothing could be stripped). */
  conflict(
    collection: string,
    tokenIds: readonly string[],
    assets: readonly MintAsset[],
  ): Promise<MintAsset[]>;
  /** The API accepted a mint (202): a later batch waiting for its claim may go. */
  accepted(collection: string, referenceId: string): void;
  /** A mint succeeded or failed on chain, or was refused. */
  settled(
    collection: string,
    referenceId: string,
    status: 'succeeded' | 'failed',
    tokenId?: string,
  ): Promise<void>;
  /** Tokens known to exist (warm-up), with their current metadata when it was read. */
  markExisting(
    collection: string,
    tokens: ReadonlyArray<{ tokenId: string; metadata?: NftMetadata }>,
  ): Promise<void>;
  stats(): InventoryStats;
  /** Resolves when every refresh started so far has finished. */
  idle(): Promise<void>;
}

export function createTokenLedger(options: TokenLedgerOptions): TokenLedger {
  const { onMetadataMismatch: policy } = options;
  const store = lowerCased(options.store);
  const tokens = new Map<string, TokenState>();
  const refs = new Map<string, RefState>();
  const counters = emptyStats();
  const running = new Set<Promise<void>>();
  const serially = createSerialLock();
  let sequence = 0;

  const key = (collection: string, id: string) => `${collection.toLowerCase()}\u0000${id}`;
  const token = (collection: string, tokenId: string) => {
    const k = key(collection, tokenId);
    let state = tokens.get(k);
    if (!state) {
      state = { inflight: new Set(), minted: false };
      tokens.set(k, state);
    }
    return state;
  };
  const ref = (collection: string, referenceId: string, tokenId: string) => {
    const k = key(collection, referenceId);
    let state = refs.get(k);
    if (!state) {
      state = { tokenId, checked: false, dropped: false, refresh: false };
      refs.set(k, state);
    }
    return state;
  };
  const emit = (event: InventoryEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // A throwing listener must not break a mint; the counters still tell the story.
    }
  };

  function check(collection: string, asset: MintAsset, throwOnError: boolean): void {
    const { tokenId, metadata, referenceId } = asset;
    if (tokenId === undefined || metadata === undefined) return;
    const state = token(collection, tokenId);
    if (refs.get(key(collection, referenceId))?.checked) return;
    // Fast path first: the same document serialised the same way (the common case) needs no
    // normalising, which is what costs on a 10,000-mint campaign.
    const raw = JSON.stringify(metadata);
    if (state.desired !== undefined && state.desiredRaw === raw) {
      ref(collection, referenceId, tokenId).checked = true;
      return;
    }
    const canonical = canonicalMetadata(metadata);
    if (state.desired === undefined) setDesired(state, metadata, canonical, raw);
    if (state.desiredKey === canonical) {
      ref(collection, referenceId, tokenId).checked = true;
      return;
    }
    if (policy === 'error' && throwOnError) {
      throw new MetadataMismatchError({ collection, tokenId, referenceId });
    }
    const r = ref(collection, referenceId, tokenId);
    r.checked = true;
    counters.metadataMismatches += 1;
    emit({ type: 'metadataMismatch', collection, tokenId, referenceId, policy });
    if (policy === 'refresh') {
      setDesired(state, metadata, canonical, raw);
      r.refresh = true;
    }
  }

  function setDesired(
    state: TokenState,
    metadata: NftMetadata,
    canonical = canonicalMetadata(metadata),
    raw = JSON.stringify(metadata),
  ) {
    state.desired = metadata;
    // Kept beside it: comparing every later mint's metadata is the plugin's hottest path.
    state.desiredKey = canonical;
    state.desiredRaw = raw;
  }

  function push(collection: string, tokenId: string, state: TokenState): void {
    const metadata = state.desired ?? state.orphan;
    state.orphan = undefined;
    if (metadata === undefined) return;
    const job = options.refresh(collection, tokenId, metadata).then(
      () => {
        counters.refreshed += 1;
        emit({ type: 'refreshed', collection, tokenId });
      },
      (error: unknown) => {
        counters.refreshFailures += 1;
        // Kept, so the token's next successful mint pushes it again.
        state.orphan ??= metadata;
        emit({ type: 'refreshFailed', collection, tokenId, error });
      },
    );
    running.add(job);
    void job.finally(() => running.delete(job));
  }

  const strip = (asset: MintAsset): MintAsset => {
    const { metadata: _dropped, ...rest } = asset;
    return rest;
  };

  function dropped(collection: string, asset: MintAsset, tokenId: string): void {
    const r = ref(collection, asset.referenceId, tokenId);
    if (r.dropped) return;
    r.dropped = true;
    counters.metadataDropped += 1;
    emit({ type: 'metadataDropped', collection, tokenId, referenceId: asset.referenceId });
  }

  /**
   * Decides, asset by asset, who carries metadata. Also returns the claims of earlier batches
   * still waiting for their 202: the API counts a pending mint as minting the token, so an
   * asset of that token sent first would make the claim's request answer 409.
   */
  async function decide(collection: string, assets: readonly MintAsset[], seq: number) {
    const out: MintAsset[] = [];
    const waits = new Set<Promise<void>>();
    // Sequential on purpose: an earlier asset of the same batch must claim before a later one asks.
    for (const asset of assets) {
      const { tokenId, referenceId } = asset;
      if (tokenId === undefined) {
        out.push(asset);
        continue;
      }
      const state = token(collection, tokenId);
      const r = ref(collection, referenceId, tokenId);
      r.firstSeq ??= seq;
      state.inflight.add(referenceId);
      out.push(await carry(collection, asset, tokenId, state, seq));
      const claim = state.claimant;
      if (claim && claim.referenceId !== referenceId && !claim.accepted && claim.seq < r.firstSeq)
        waits.add(claim.gate);
    }
    return { out: carrierFirst(out), waits: [...waits] };
  }

  async function carry(
    collection: string,
    asset: MintAsset,
    tokenId: string,
    state: TokenState,
    seq: number,
  ) {
    const { referenceId } = asset;
    if (asset.metadata !== undefined) {
      check(collection, asset, false);
      if (await store.claim(collection, tokenId, referenceId)) {
        if (state.claimant?.referenceId !== referenceId) {
          endClaim(state);
          state.claimant = newClaim(referenceId, asset.metadata, seq);
        }
        state.orphan = undefined;
        ref(collection, referenceId, tokenId).refresh = false;
        return asset;
      }
      if (state.claimant?.referenceId === referenceId) endClaim(state);
      dropped(collection, asset, tokenId);
      return strip(asset);
    }
    if (state.orphan === undefined) return asset;
    const others = state.inflight.size > (state.inflight.has(referenceId) ? 1 : 0);
    if (others || !(await store.claim(collection, tokenId, referenceId))) return asset;
    const metadata = state.desired ?? state.orphan;
    if (state.orphan === undefined || metadata === undefined) {
      // Pushed by a refresh while we waited for the claim: nothing left to carry.
      await store.release(collection, tokenId, referenceId);
      return asset;
    }
    state.orphan = undefined;
    endClaim(state);
    state.claimant = newClaim(referenceId, metadata, seq);
    counters.reattached += 1;
    emit({ type: 'reattached', collection, tokenId, referenceId });
    return { ...asset, metadata };
  }

  function endClaim(state: TokenState): void {
    state.claimant?.open();
    state.claimant = undefined;
  }

  return {
    observe: (collection, asset) => check(collection, asset, true),

    async prepare(collection, assets) {
      const seq = ++sequence;
      const { out, waits } = await serially(collection.toLowerCase(), () => decide(collection, assets, seq));
      // Outside the lock: a batch waiting here must not keep an earlier batch's retry from deciding.
      if (waits.length > 0) await Promise.all(waits);
      return out;
    },

    accepted(collection, referenceId) {
      const r = refs.get(key(collection, referenceId));
      if (!r) return;
      const claim = token(collection, r.tokenId).claimant;
      if (claim?.referenceId !== referenceId) return;
      claim.accepted = true;
      claim.open();
    },

    async conflict(collection, tokenIds, assets) {
      // When the API does not say which tokens conflicted, every token carrying metadata is
      // suspect; their metadata is then pushed by a refresh after minting so none is lost.
      const unnamed = tokenIds.length === 0;
      const ids = unnamed
        ? [...new Set(assets.flatMap((a) => (a.metadata && a.tokenId !== undefined ? [a.tokenId] : [])))]
        : [...new Set(tokenIds)];
      const batch = new Set(assets.map((a) => a.referenceId));
      for (const tokenId of ids) {
        await store.add(collection, tokenId);
        const state = token(collection, tokenId);
        const claimant = state.claimant;
        if (claimant === undefined || !batch.has(claimant.referenceId)) continue;
        endClaim(state);
        // One of our own earlier mints of the token got there first: our metadata still has
        // to reach it. Otherwise another process minted it, with its own metadata.
        const ownEarlier = [...state.inflight].some((id) => !batch.has(id));
        if (ownEarlier || unnamed) {
          state.orphan = state.desired ?? claimant.metadata;
        } else {
          const asset = assets.find((a) => a.referenceId === claimant.referenceId);
          if (asset) dropped(collection, asset, tokenId);
        }
      }
      const conflicting = new Set(ids);
      const retry = assets.map((a) =>
        a.tokenId !== undefined && a.metadata !== undefined && conflicting.has(a.tokenId) ? strip(a) : a,
      );
      // Counted only when the resubmission differs; otherwise the plugin lets core fail it.
      if (retry.some((a, i) => a !== assets[i])) {
        counters.conflictsHealed += 1;
        emit({ type: 'conflictHealed', collection, tokenIds: ids });
      }
      return retry;
    },

    async settled(collection, referenceId, status, tokenIdHint) {
      const k = key(collection, referenceId);
      const r = refs.get(k);
      refs.delete(k);
      const tokenId = tokenIdHint ?? r?.tokenId;
      if (tokenId === undefined) return;
      const state = token(collection, tokenId);
      state.inflight.delete(referenceId);
      const wasClaimant = state.claimant?.referenceId === referenceId;
      if (status === 'succeeded') {
        await store.add(collection, tokenId);
        state.minted = true;
        if (wasClaimant) endClaim(state);
        if (r?.refresh) state.orphan = state.desired;
        // While a mint carrying metadata is still in flight, a push could be overwritten by it.
        if (state.claimant === undefined && state.orphan !== undefined) push(collection, tokenId, state);
        return;
      }
      if (!wasClaimant || state.claimant === undefined) {
        // After a restart a claim lives only in the (durable) store: give it up there too, or
        // every later mint of this token would go without metadata. `release` acts only if
        // this reference_id still holds the claim.
        if (!wasClaimant) await store.release(collection, tokenId, referenceId);
        return;
      }
      const { metadata } = state.claimant;
      endClaim(state);
      await store.release(collection, tokenId, referenceId);
      state.orphan = state.desired ?? metadata;
      const exists = state.minted || (state.inflight.size === 0 && (await store.has(collection, tokenId)));
      if (exists) push(collection, tokenId, state);
    },

    async markExisting(collection, list) {
      for (const { tokenId, metadata } of list) {
        await store.add(collection, tokenId);
        const state = token(collection, tokenId);
        state.minted = true;
        if (metadata !== undefined && state.desired === undefined) setDesired(state, metadata);
      }
      counters.warmedUp += list.length;
    },

    stats: () => ({ ...counters }),

    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
