import type { ModelContext } from './context.js';
import type { NormalisedMetadata } from './metadata.js';
import type { MintStatus } from './store.js';

/** A snapshot of one mint request, for assertions in tests. */
export interface MintRequestRecord {
  collection: string;
  referenceId: string;
  ownerAddress: string;
  /** The assigned token id once succeeded; the requested one before. */
  tokenId: string | null;
  amount: string | null;
  metadata: NormalisedMetadata | null;
  metadataId: string | null;
  status: MintStatus;
  transactionHash: string | null;
  activityId: string | null;
  errorMessage: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface BudgetReport {
  /** Number of charges recorded (accepted mint requests). */
  charges: number;
  /** Highest share of a bucket ever in use (burst − tokens left), per project. */
  peak: Record<string, number>;
}

export function mintRequests(
  ctx: ModelContext,
  filter: { collection?: string | undefined; status?: MintStatus | undefined } = {},
): MintRequestRecord[] {
  const address = filter.collection?.toLowerCase();
  const out: MintRequestRecord[] = [];
  for (const col of ctx.state.collections.values()) {
    if (address !== undefined && col.info.address !== address) continue;
    for (const r of col.requestOrder) {
      if (filter.status !== undefined && r.status !== filter.status) continue;
      out.push({
        collection: r.collection,
        referenceId: r.referenceId,
        ownerAddress: r.ownerAddress,
        tokenId: r.tokenId ?? r.requestedTokenId,
        amount: r.amount,
        metadata: r.metadata,
        metadataId: r.metadataId,
        status: r.status,
        transactionHash: r.transactionHash,
        activityId: r.activityId,
        errorMessage: r.errorMessage,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
      });
    }
  }
  return out;
}

export function ownerOf(ctx: ModelContext, collection: string, tokenId: string): string | undefined {
  const nft = ctx.state.collections.get(collection.toLowerCase())?.nfts.get(tokenId);
  if (!nft) return undefined;
  if (nft.owner !== null) return nft.owner;
  // ERC-1155: an owner only when exactly one account holds the token.
  const holders = [...nft.balances].filter(([, b]) => b > 0n);
  return holders.length === 1 ? holders[0]![0] : undefined;
}

export function balanceOf(ctx: ModelContext, collection: string, owner: string, tokenId: string): bigint {
  const nft = ctx.state.collections.get(collection.toLowerCase())?.nfts.get(tokenId);
  return nft?.balances.get(owner.toLowerCase()) ?? 0n;
}

/** Throws when a reference_id succeeded twice or an ERC-721 token_id was minted twice. */
export function assertNoDuplicateMints(ctx: ModelContext): void {
  const refs = new Map<string, number>();
  const tokens = new Map<string, string[]>();
  const problems: string[] = [];
  for (const m of ctx.state.mintLog) {
    const refKey = `${m.collection} reference_id ${m.referenceId}`;
    refs.set(refKey, (refs.get(refKey) ?? 0) + 1);
    if (m.contractType === 'ERC721') {
      const tokenKey = `${m.collection} token_id ${m.tokenId}`;
      tokens.set(tokenKey, [...(tokens.get(tokenKey) ?? []), m.referenceId]);
    }
  }
  for (const [k, n] of refs) if (n > 1) problems.push(`${k} minted ${n} times`);
  for (const [k, owners] of tokens) {
    if (owners.length > 1)
      problems.push(`ERC721 ${k} minted ${owners.length} times (reference_ids ${owners.join(', ')})`);
  }
  if (problems.length > 0)
    throw new Error(`Duplicate mints in the fake Immutable API:\n- ${problems.join('\n- ')}`);
}

/** Throws if any project's bucket went below zero; otherwise reports the peak usage. */
export function assertBudgetNeverExceeded(ctx: ModelContext): BudgetReport {
  const peak: Record<string, number> = {};
  const problems: string[] = [];
  for (const c of ctx.state.charges) {
    peak[c.project] = Math.max(peak[c.project] ?? 0, c.burst - c.after);
    if (c.after < 0) {
      problems.push(
        `project ${c.project} at ${new Date(c.at).toISOString()}: charged ${c.cost} with ${c.before.toFixed(2)} left (burst ${c.burst})`,
      );
    }
  }
  if (problems.length > 0)
    throw new Error(`Mint budget exceeded in the fake Immutable API:\n- ${problems.join('\n- ')}`);
  return { charges: ctx.state.charges.length, peak };
}
