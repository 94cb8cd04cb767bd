import type { z } from 'zod';
import { ValidationError } from '../errors/errors.js';
import type { ContractType } from '../types.js';
import { addressSchema, type MintAsset, mintAssetInputSchema } from './schemas.js';

/** The API's limit for one asset's metadata (UTF-8 bytes of its JSON). */
export const MAX_METADATA_BYTES = 16 * 1024;

const encoder = new TextEncoder();

/** Turns the first zod issue into a ValidationError naming the field (`asset.tokenId`, ...). */
export function toValidationError(prefix: string, error: z.ZodError): ValidationError {
  const issue = error.issues[0];
  const path = issue?.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('') ?? '';
  return new ValidationError(`${prefix}${path}`, issue?.message ?? 'is invalid', { cause: error });
}

/** Validates a collection address; throws ValidationError('collection'). */
export function validateCollection(collection: unknown): string {
  const parsed = addressSchema.safeParse(collection);
  if (!parsed.success) throw toValidationError('collection', parsed.error);
  return parsed.data.toLowerCase();
}

/**
 * Validates and normalises one asset before anything is queued. ERC-1155 collections need
 * token_id and amount; metadata must fit in 16 KiB of UTF-8 JSON.
 */
export function validateAsset(input: unknown, contractType: ContractType | undefined): MintAsset {
  const parsed = mintAssetInputSchema.safeParse(input);
  if (!parsed.success) throw toValidationError('asset', parsed.error);
  const a = parsed.data;
  if (contractType === 'ERC1155') {
    if (a.tokenId === undefined)
      throw new ValidationError('asset.tokenId', 'is required for an ERC-1155 collection');
    if (a.amount === undefined)
      throw new ValidationError('asset.amount', 'is required for an ERC-1155 collection');
    if (a.amount === '0') throw new ValidationError('asset.amount', 'must be at least 1');
  }
  if (contractType === 'ERC721' && a.amount !== undefined && a.amount !== '1') {
    throw new ValidationError('asset.amount', 'must be "1" (or absent) for an ERC-721 collection');
  }
  // zod's output is already a fresh object holding only the known keys: use it as is.
  if (a.metadata !== undefined) {
    const bytes = encoder.encode(JSON.stringify(a.metadata)).byteLength;
    if (bytes > MAX_METADATA_BYTES) {
      throw new ValidationError(
        'asset.metadata',
        `is ${bytes} bytes of JSON; the API allows ${MAX_METADATA_BYTES}`,
      );
    }
  }
  const asset: MintAsset = a;
  return asset;
}
