import type { MintAsset } from '../validate/schemas.js';

/** camelCase in, the API's snake_case on the wire; absent fields are left out. */
export function toWireAsset(asset: MintAsset): Record<string, unknown> {
  const out: Record<string, unknown> = { reference_id: asset.referenceId, owner_address: asset.owner };
  if (asset.tokenId !== undefined) out.token_id = asset.tokenId;
  if (asset.amount !== undefined) out.amount = asset.amount;
  if (asset.metadata !== undefined) out.metadata = asset.metadata;
  return out;
}

/** The server's price of a request: distinct token_ids, plus one per asset without a token_id. */
export function costOf(assets: readonly MintAsset[]): number {
  let anonymous = 0;
  const ids = new Set<string>();
  for (const a of assets) {
    if (a.tokenId === undefined) anonymous++;
    else ids.add(a.tokenId);
  }
  return ids.size + anonymous;
}

/**
 * Which assets a 400 blames. The fake (and, we assume, the API) names them in `details`:
 * `{ field: 'assets[3].token_id', index: 3, reference_id }` or `{ id: 'assets[3].token_id' }`.
 * Returns [] when it cannot tell; the caller then bisects.
 */
export function blamedBy400(
  details: unknown,
  sent: readonly MintAsset[],
): Array<{ referenceId: string; field: string }> {
  const list = Array.isArray(details) ? details : [details];
  const out: Array<{ referenceId: string; field: string }> = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const d = item as Record<string, unknown>;
    const path = typeof d.field === 'string' ? d.field : typeof d.id === 'string' ? d.id : '';
    const field = `asset${path.replace(/^assets\[\d+\]/, '').replace(/^(?=[a-z_])/, '.')}`;
    let ref: string | undefined = typeof d.reference_id === 'string' ? d.reference_id : undefined;
    if (ref === undefined) {
      const index =
        typeof d.index === 'number' ? d.index : Number(/^assets\[(\d+)\]/.exec(path)?.[1] ?? Number.NaN);
      if (Number.isInteger(index)) ref = sent[index]?.referenceId;
    }
    if (ref !== undefined && sent.some((a) => a.referenceId === ref)) out.push({ referenceId: ref, field });
  }
  return out;
}
