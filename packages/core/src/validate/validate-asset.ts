import type { z } from 'zod';
import { ValidationError } from '../errors/errors.js';
import type { ContractType } from '../types.js';
import { ADDRESS_PATTERN, addressSchema, type MintAsset, mintAssetInputSchema } from './schemas.js';

/** The API's limit for one asset's metadata (UTF-8 bytes of its JSON). */
export const MAX_METADATA_BYTES = 16 * 1024;

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
  // An ERC-1155 asset needs a tokenId, which the fast path never has: zod path, same errors.
  const plain = contractType === 'ERC1155' ? undefined : plainAsset(input);
  if (plain !== undefined) return plain;
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
    // Buffer.byteLength counts UTF-8 bytes without building the encoded copy.
    const bytes = Buffer.byteLength(JSON.stringify(a.metadata), 'utf8');
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

/**
 * Fast path for the common asset, `{ referenceId, owner }` and nothing the schema knows
 * besides (unknown keys are dropped, as zod does). Hand-written because this runs once per
 * mint and the zod parse is a large part of that; it only accepts what `mintAssetInputSchema`
 * accepts and returns the same object zod would. Anything else — including every invalid
 * input — returns undefined and goes through zod, so zod stays the source of truth and of
 * every error message.
 */
function plainAsset(input: unknown): MintAsset | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const { referenceId, owner } = input as { referenceId?: unknown; owner?: unknown };
  if (typeof referenceId !== 'string' || referenceId.length < 1 || referenceId.length > 256) return undefined;
  if (typeof owner !== 'string' || !ADDRESS_PATTERN.test(owner)) return undefined;
  if ('tokenId' in input || 'amount' in input || 'metadata' in input) return undefined;
  return { referenceId, owner };
}
