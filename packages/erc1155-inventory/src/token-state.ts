import type { NftMetadata } from '@mintkit/core';

/** Our in-flight mint that carries a token's metadata, and the gate later batches wait at. */
export interface Claim {
  referenceId: string;
  metadata: NftMetadata;
  /** The `prepare` call that made the claim; only batches first prepared after it wait for it. */
  seq: number;
  accepted: boolean;
  /** Resolves once the claim is accepted by the API or given up. */
  gate: Promise<void>;
  open(): void;
}

export function newClaim(referenceId: string, metadata: NftMetadata, seq: number): Claim {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { referenceId, metadata, seq, accepted: false, gate, open };
}

/** What the ledger knows about one token of one collection. */
export interface TokenState {
  /** What the game wants on the token: the first metadata seen, or the latest under policy `refresh`. */
  desired?: NftMetadata | undefined;
  desiredKey?: string | undefined;
  desiredRaw?: string | undefined;
  /** Our in-flight mint carrying the metadata. */
  claimant?: Claim | undefined;
  /** Our mints of the token that were sent and have not settled. */
  inflight: Set<string>;
  /** Metadata that must still reach the token: its mint failed, or lost a race to another of ours. */
  orphan?: NftMetadata | undefined;
  /** A mint of the token succeeded in this process. */
  minted: boolean;
}

/** What the ledger knows about one mint (by reference_id). */
export interface RefState {
  /** The first `prepare` call that saw this mint. */
  firstSeq?: number | undefined;
  tokenId: string;
  /** Its metadata was compared with the token's already (at enqueue, or at the first submit). */
  checked: boolean;
  /** Counted in `metadataDropped` already (a retried batch may carry the original asset again). */
  dropped: boolean;
  refresh: boolean;
}
