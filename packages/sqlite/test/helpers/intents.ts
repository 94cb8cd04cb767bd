import type { MintIntent } from '@mintkit/core';

export const ERC721 = '0x1111111111111111111111111111111111111111';
export const ERC1155 = '0x2222222222222222222222222222222222222222';
export const OWNER = '0x3333333333333333333333333333333333333333';

export function intent(
  referenceId: string,
  extra: Partial<MintIntent['asset']> = {},
  collection = ERC721,
): MintIntent {
  return { collection, asset: { referenceId, owner: OWNER, ...extra } };
}
