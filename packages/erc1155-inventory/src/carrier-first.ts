import type { MintAsset } from '@mintkit/core';

/**
 * Within one request the API counts an earlier asset of a token (with or without metadata)
 * as minting it, so the asset carrying the metadata must come first among its token's assets.
 */
export function carrierFirst(assets: MintAsset[]): MintAsset[] {
  const first = new Map<string, number>();
  assets.forEach((a, i) => {
    if (a.tokenId !== undefined && !first.has(a.tokenId)) first.set(a.tokenId, i);
  });
  assets.forEach((a, i) => {
    const j = a.tokenId === undefined || a.metadata === undefined ? undefined : first.get(a.tokenId);
    if (j === undefined || j >= i) return;
    const earlier = assets[j] as MintAsset;
    assets[j] = a;
    assets[i] = earlier;
  });
  return assets;
}
