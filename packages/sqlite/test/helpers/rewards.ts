import type { MintAssetInput, NftMetadata } from '@mintkit/core';

/** The crash test's collections: the fake's defaults (addresses repeated: the child does not load the fake). */
export const CRASH_ERC721 = '0x721000000000000000000000000000000000fa4e';
export const CRASH_ERC1155 = '0x1155000000000000000000000000000000000fa4';
/** Distinct ERC-1155 token ids the rewards spread over: each is minted many times, its metadata once. */
export const ERC1155_TOKENS = 16;

export interface Reward {
  collection: string;
  asset: MintAssetInput;
}

export const itemMetadata = (tokenId: string): NftMetadata => ({
  name: `Item ${tokenId}`,
  description: 'A crash-test reward',
  attributes: [{ trait_type: 'tier', value: Number(tokenId) % 4 }],
});

/**
 * Reward `i` of a run, the same in every process: a third are ERC-1155 stacks (with their
 * item's metadata on every grant, as a game sends it), a third ERC-721 with a server-assigned
 * token id (a double mint would show as two tokens), a third ERC-721 with an explicit one.
 */
export function reward(i: number): Reward {
  const referenceId = `crash-${String(i).padStart(6, '0')}`;
  const owner = `0x${(i + 1).toString(16).padStart(40, '0')}`;
  if (i % 3 === 0) {
    const tokenId = String(1 + (Math.floor(i / 3) % ERC1155_TOKENS));
    return {
      collection: CRASH_ERC1155,
      asset: { referenceId, owner, tokenId, amount: String(1 + (i % 5)), metadata: itemMetadata(tokenId) },
    };
  }
  if (i % 3 === 1) return { collection: CRASH_ERC721, asset: { referenceId, owner } };
  return { collection: CRASH_ERC721, asset: { referenceId, owner, tokenId: String(1_000_000 + i) } };
}
