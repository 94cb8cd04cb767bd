import type { MintAsset, NftMetadata } from '@mintkit/core';
import type { InventoryEvent, MismatchPolicy } from '../../src/inventory-events.js';
import { createMemoryInventoryStore, type InventoryStore } from '../../src/inventory-store.js';
import { createTokenLedger } from '../../src/token-ledger.js';

export const C = '0x00000000000000000000000000000000000000aa';
export const OWNER = '0x0000000000000000000000000000000000000001';
export const POTION: NftMetadata = { name: 'Potion', image: 'https://example.com/potion.png' };
export const ELIXIR: NftMetadata = { name: 'Elixir', image: 'https://example.com/elixir.png' };

export function asset(referenceId: string, tokenId: string | undefined, metadata?: NftMetadata): MintAsset {
  return {
    referenceId,
    owner: OWNER,
    ...(tokenId === undefined ? {} : { tokenId, amount: '1' }),
    ...(metadata === undefined ? {} : { metadata }),
  };
}

/** A ledger over the memory store whose refreshes are recorded (and can be made to fail). */
export function ledgerUnderTest(o: { policy?: MismatchPolicy; store?: InventoryStore } = {}) {
  const refreshes: Array<{ collection: string; tokenId: string; metadata: NftMetadata }> = [];
  const events: InventoryEvent[] = [];
  let failRefresh = false;
  const store = o.store ?? createMemoryInventoryStore();
  const ledger = createTokenLedger({
    store,
    onMetadataMismatch: o.policy ?? 'drop',
    refresh: async (collection, tokenId, metadata) => {
      if (failRefresh) throw new Error('refresh refused');
      refreshes.push({ collection, tokenId, metadata });
    },
    onEvent: (e) => events.push(e),
  });
  return {
    ledger,
    store,
    refreshes,
    events,
    failRefreshes(on: boolean) {
      failRefresh = on;
    },
  };
}

/** Which referenceIds of a prepared batch still carry metadata. */
export const carriers = (assets: MintAsset[]) => assets.filter((a) => a.metadata).map((a) => a.referenceId);
