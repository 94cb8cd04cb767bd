import type { FakeBehaviour } from './behaviour.js';
import { MAX_ASSETS_PER_REQUEST, MAX_METADATA_BYTES } from './constants.js';
import { fieldError, validationError } from './http-error.js';
import { type NormalisedMetadata, parseMetadata } from './metadata.js';
import { isAddress, isUint256, utf8Bytes } from './values.js';

export interface ValidAsset {
  index: number;
  referenceId: string;
  ownerAddress: string;
  tokenId: string | null;
  amount: string | null;
  metadata: NormalisedMetadata | null;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates a CreateMintRequestRequest body. Written by hand rather than with a schema
 * library: it runs for every asset of every request and the fake must sustain 20k assets/s.
 * The first offending asset is reported, naming the field and the asset's index.
 */
export function validateMintBody(
  body: unknown,
  contractType: 'ERC721' | 'ERC1155',
  behaviour: FakeBehaviour,
): ValidAsset[] {
  if (!isObject(body))
    throw validationError('request body must be a JSON object', { id: 'body', field: 'body' });
  const assets = body.assets;
  if (!Array.isArray(assets)) throw fieldError('assets', 'is required and must be an array');
  if (assets.length < 1 || assets.length > MAX_ASSETS_PER_REQUEST) {
    throw fieldError('assets', `must contain 1 to ${MAX_ASSETS_PER_REQUEST} items, got ${assets.length}`);
  }
  const out: ValidAsset[] = new Array(assets.length);
  const seen = new Map<string, number>();
  for (let index = 0; index < assets.length; index++) {
    const raw: unknown = assets[index];
    const p = `assets[${index}]`;
    if (!isObject(raw)) throw fieldError(p, 'must be an object', { index });
    const ref = raw.reference_id;
    if (typeof ref !== 'string' || ref.length === 0) {
      throw fieldError(`${p}.reference_id`, 'is required and must be a non-empty string', { index });
    }
    const at = { index, referenceId: ref };
    if (seen.has(ref) && behaviour.duplicateReferenceIdInRequest === 400) {
      throw fieldError(`${p}.reference_id`, `duplicates assets[${seen.get(ref)}].reference_id`, at);
    }
    seen.set(ref, index);
    const owner = raw.owner_address;
    if (typeof owner !== 'string' || owner.length === 0) {
      throw fieldError(`${p}.owner_address`, 'is required and must be a non-empty string', at);
    }
    if (behaviour.validateAddresses && !isAddress(owner)) {
      throw fieldError(`${p}.owner_address`, 'must be 0x followed by 40 hex digits', at);
    }
    const tokenId = raw.token_id ?? null;
    if (tokenId !== null && !isUint256(tokenId)) {
      throw fieldError(`${p}.token_id`, 'must be a uint256 decimal string without leading zeros', at);
    }
    const amount = raw.amount ?? null;
    if (amount !== null && (!isUint256(amount) || amount === '0')) {
      throw fieldError(`${p}.amount`, 'must be a positive uint256 decimal string', at);
    }
    if (contractType === 'ERC1155') {
      if (tokenId === null) throw fieldError(`${p}.token_id`, 'is required for ERC1155 collections', at);
      if (amount === null) throw fieldError(`${p}.amount`, 'is required for ERC1155 collections', at);
    } else if (amount !== null && amount !== '1') {
      throw fieldError(`${p}.amount`, 'must be omitted or "1" for ERC721 collections', at);
    }
    let metadata: NormalisedMetadata | null = null;
    if (raw.metadata !== undefined && raw.metadata !== null) {
      // The 16 KiB limit is on the object as sent, measured as UTF-8 bytes of its JSON.
      const bytes = utf8Bytes(JSON.stringify(raw.metadata));
      if (bytes > MAX_METADATA_BYTES) {
        throw fieldError(
          `${p}.metadata`,
          `is ${bytes} bytes; the limit is ${MAX_METADATA_BYTES} (16 KiB)`,
          at,
        );
      }
      metadata = parseMetadata(
        raw.metadata,
        { path: `${p}.metadata`, index, referenceId: ref },
        {
          behaviour,
          requireAllKeys: false,
          strict: behaviour.strictMetadata,
        },
      );
    }
    out[index] = { index, referenceId: ref, ownerAddress: owner.toLowerCase(), tokenId, amount, metadata };
  }
  return out;
}
