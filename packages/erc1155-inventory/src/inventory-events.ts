/** Counters of what the plugin did, from `plugin.stats()`. */
export interface InventoryStats {
  /** Assets whose metadata was removed because their token_id existed or was claimed by an earlier mint. */
  metadataDropped: number;
  /** Later mints whose metadata differed from the token's first metadata. */
  metadataMismatches: number;
  /** 409 metadata conflicts answered by the API and healed (token marked existing, batch resubmitted). */
  conflictsHealed: number;
  /** Times a failed first mint's metadata was moved to a later mint of the same token. */
  reattached: number;
  /** Metadata pushed with a refresh (first mint failed after others minted the token, or policy `refresh`). */
  refreshed: number;
  /** Refreshes that failed; their metadata is kept and pushed again after the token's next successful mint. */
  refreshFailures: number;
  /** Token ids learned from the warm-up. */
  warmedUp: number;
}

/** One thing the plugin did, passed to the `onEvent` option as it happens. */
export type InventoryEvent =
  | { type: 'metadataDropped'; collection: string; tokenId: string; referenceId: string }
  | {
      type: 'metadataMismatch';
      collection: string;
      tokenId: string;
      referenceId: string;
      policy: MismatchPolicy;
    }
  | { type: 'conflictHealed'; collection: string; tokenIds: string[] }
  | { type: 'reattached'; collection: string; tokenId: string; referenceId: string }
  | { type: 'refreshed'; collection: string; tokenId: string }
  | { type: 'refreshFailed'; collection: string; tokenId: string; error: unknown }
  | { type: 'warmedUp'; collection: string; tokenIds: string[] }
  | { type: 'warmUpFailed'; collection: string; error: unknown }
  /** The warm-up stopped at `maxPages` with NFTs left unread; those tokens heal from their first 409. */
  | { type: 'warmUpTruncated'; collection: string; pages: number; tokensFound: number };

/** What to do with a later mint whose metadata differs from what the token was first minted with. */
export type MismatchPolicy = 'drop' | 'refresh' | 'error';

export function emptyStats(): InventoryStats {
  return {
    metadataDropped: 0,
    metadataMismatches: 0,
    conflictsHealed: 0,
    reattached: 0,
    refreshed: 0,
    refreshFailures: 0,
    warmedUp: 0,
  };
}
